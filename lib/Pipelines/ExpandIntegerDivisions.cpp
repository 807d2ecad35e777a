//===- ExpandIntegerDivisions.cpp - LLVM-convertible rounding divisions ---===//
//
// arith.ceildivsi / ceildivui / floordivsi have no LLVM counterpart and must be
// expanded before the conversion to LLVM. Upstream's arith-expand does that
// but also expands minimumf / maximumf into compare + select, which returns
// +0 for min(-0, +0); left alone they become llvm.minimum / llvm.maximum,
// which order -0 below +0 as IEEE 754-2019 (and the la dialect) require.
//
//===----------------------------------------------------------------------===//

#include "lauryn/Pipelines/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace lauryn {
#define GEN_PASS_DEF_EXPANDINTEGERDIVISIONSPASS
#include "lauryn/Pipelines/Passes.h.inc"
} // namespace lauryn

using namespace mlir;

namespace {
struct ExpandIntegerDivisionsPass
    : lauryn::impl::ExpandIntegerDivisionsPassBase<ExpandIntegerDivisionsPass> {
  using ExpandIntegerDivisionsPassBase::ExpandIntegerDivisionsPassBase;

  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    arith::populateCeilFloorDivExpandOpsPatterns(patterns);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
