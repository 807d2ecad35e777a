//===- Optimize.cpp - la-optimize pass bundle -----------------------------===//

#include "lauryn/Dialect/LA/Transforms/Passes.h"

#include "mlir/Pass/PassManager.h"
#include "mlir/Transforms/Passes.h"

namespace lauryn::la {
#define GEN_PASS_DEF_OPTIMIZEPASS
#include "lauryn/Dialect/LA/Transforms/Passes.h.inc"
} // namespace lauryn::la

using namespace mlir;
using namespace lauryn::la;

namespace {
struct OptimizePass : lauryn::la::impl::OptimizePassBase<OptimizePass> {
  using OptimizePassBase::OptimizePassBase;

  void build(OpPassManager &pm) const {
    pm.addPass(createCanonicalizerPass());
    pm.addPass(createLineageCSEPass(LineageCSEPassOptions{hoist}));
    pm.addPass(createCanonicalizerPass());
    if (annotateLineage)
      pm.addPass(createAssignLineagePass());
  }

  /// A nested pipeline must have its dialects loaded before it runs.
  void getDependentDialects(DialectRegistry &registry) const override {
    OpPassManager pm(ModuleOp::getOperationName());
    build(pm);
    pm.getDependentDialects(registry);
  }

  void runOnOperation() override {
    OpPassManager pm(ModuleOp::getOperationName());
    build(pm);
    if (failed(runPipeline(pm, getOperation())))
      signalPassFailure();
  }
};
} // namespace
