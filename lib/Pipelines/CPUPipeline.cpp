//===- CPUPipeline.cpp - la to LLVM for the host CPU ----------------------===//

#include "lauryn/Pipelines/Passes.h"

#include "lauryn/Conversion/LAToLinalg/Passes.h"
#include "lauryn/Dialect/LA/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/SparseTensor/Transforms/Passes.h"
#include "mlir/Pass/PassRegistry.h"
#include "llvm/Support/ErrorHandling.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Transforms/Passes.h"

namespace lauryn {
#define GEN_PASS_DEF_CPUPIPELINEPASS
#include "lauryn/Pipelines/Passes.h.inc"
} // namespace lauryn

using namespace mlir;

namespace lauryn {

void buildLAToLinalgPipeline(OpPassManager &pm, bool optimize, bool runtimeChecks) {
  if (optimize)
    pm.addPass(la::createOptimizePass(la::OptimizePassOptions{/*hoist=*/true,
                                                              /*annotateLineage=*/false}));
  pm.addPass(la::createConvertLAToLinalgPass(la::ConvertLAToLinalgPassOptions{runtimeChecks}));
  // No canonicalization of linalg on tensors here: it would refine dynamic
  // dimensions of sparse operands (see buildCPUTail).
  pm.addPass(createCSEPass());
}

/// The upstream sparsifier pipeline (buildSparsifier) without its
/// linalg-fuse-elementwise-ops step: that step's canonicalizations refine
/// dynamic dimensions of sparse operands from static dense ones, which turns
/// into a sparse_tensor.convert the sparse code generator rejects. Fusion is
/// Lauryn's own job (la-fuse).
void buildCPUTail(OpPassManager &pm, int vectorLength, bool sparseRuntimeLibrary) {
  pm.addNestedPass<func::FuncOp>(createLinalgGeneralizeNamedOpsPass());
  SparsificationOptions sparsification;
  pm.addPass(createSparsificationAndBufferizationPass(
      getBufferizationOptionsForSparsification(/*analysisOnly=*/false),
      sparsification, /*createSparseDeallocs=*/true, sparseRuntimeLibrary,
      /*enableBufferInitialization=*/false, vectorLength,
      /*enableVLAVectorization=*/false, /*enableSIMDIndex32=*/false,
      /*enableGPULibgen=*/false, SparseEmitStrategy::kFunctional,
      SparseParallelizationStrategy::kNone));
  pm.addPass(createStorageSpecifierToLLVMPass());
  std::string reassociate = vectorLength > 0 ? "true" : "false";
  std::string tail =
      "func.func(canonicalize,convert-linalg-to-loops,convert-vector-to-scf,"
      "expand-realloc,convert-scf-to-cf),expand-strided-metadata,lower-affine,"
      "convert-vector-to-llvm{reassociate-fp-reductions=" + reassociate + "},"
      "func.func(arith-expand,convert-math-to-llvm),convert-math-to-libm,"
      "convert-to-llvm,reconcile-unrealized-casts";
  // The text is fixed and valid; a parse error would be a programming error.
  if (failed(parsePassPipeline(tail, pm, llvm::errs())))
    llvm::report_fatal_error("invalid CPU tail pipeline");
}

namespace {
struct CPUPipelinePass : impl::CPUPipelinePassBase<CPUPipelinePass> {
  using CPUPipelinePassBase::CPUPipelinePassBase;

  void build(OpPassManager &pm) const {
    buildLAToLinalgPipeline(pm, optimize, runtimeChecks);
    buildCPUTail(pm, vectorLength, sparseRuntimeLibrary);
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

} // namespace lauryn
