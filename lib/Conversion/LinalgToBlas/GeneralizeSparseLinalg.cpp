//===- GeneralizeSparseLinalg.cpp - generalize sparse named linalg ops ----===//

#include "lauryn/Conversion/LinalgToBlas/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/SparseTensor/IR/SparseTensor.h"
#include "mlir/IR/PatternMatch.h"

namespace lauryn {
#define GEN_PASS_DEF_GENERALIZESPARSELINALGPASS
#include "lauryn/Conversion/LinalgToBlas/Passes.h.inc"
} // namespace lauryn

using namespace mlir;

namespace {
struct GeneralizeSparseLinalgPass
    : lauryn::impl::GeneralizeSparseLinalgPassBase<GeneralizeSparseLinalgPass> {
  void runOnOperation() override {
    SmallVector<linalg::LinalgOp> named;
    getOperation().walk([&](linalg::LinalgOp op) {
      if (!isa<linalg::GenericOp>(op) && sparse_tensor::hasAnySparseOperandOrResult(op))
        named.push_back(op);
    });
    IRRewriter rewriter(&getContext());
    for (linalg::LinalgOp op : named) {
      rewriter.setInsertionPoint(op);
      if (failed(linalg::generalizeNamedOp(rewriter, op))) {
        op->emitError("cannot generalize this named op for the sparsifier");
        return signalPassFailure();
      }
    }
  }
};
} // namespace
