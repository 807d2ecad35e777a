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

  void runOnOperation() override {
    OpPassManager pm(ModuleOp::getOperationName());
    pm.addPass(createCanonicalizerPass());
    pm.addPass(createLineageCSEPass(LineageCSEPassOptions{hoist}));
    pm.addPass(createCanonicalizerPass());
    if (annotateLineage)
      pm.addPass(createAssignLineagePass());
    if (failed(runPipeline(pm, getOperation())))
      signalPassFailure();
  }
};
} // namespace
