//===- Optimize.cpp - la-optimize pass bundle -----------------------------===//

#include "lauryn/Dialect/LA/Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
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
    if (inlineCalls)
      pm.addPass(createInlinerPass());
    pm.addPass(createCanonicalizerPass());
    if (partialReuse)
      pm.addPass(createPartialReusePass());
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

  /// Calls of functions that call external functions stay calls: one-shot
  /// bufferization knows what a defined callee does with its tensors, but
  /// must assume an external one writes them (inlined, a print helper's
  /// `tensor.cast` to an unranked tensor could no longer bufferize).
  void keepCallsOfExternalCallers(ModuleOp module) {
    SymbolTable symbols(module);
    auto callsExternal = [&](func::FuncOp f) {
      return f.walk([&](func::CallOp call) {
                auto callee = symbols.lookup<func::FuncOp>(call.getCallee());
                return callee && callee.isExternal() ? WalkResult::interrupt()
                                                     : WalkResult::advance();
              })
          .wasInterrupted();
    };
    module.walk([&](func::CallOp call) {
      auto callee = symbols.lookup<func::FuncOp>(call.getCallee());
      if (callee && !callee.isExternal() && callsExternal(callee))
        call.setNoInline(true);
    });
  }

  void runOnOperation() override {
    if (inlineCalls)
      keepCallsOfExternalCallers(getOperation());
    OpPassManager pm(ModuleOp::getOperationName());
    build(pm);
    if (failed(runPipeline(pm, getOperation())))
      signalPassFailure();
  }
};
} // namespace
