//===- CPUPipeline.cpp - la to LLVM for the host CPU ----------------------===//

#include "lauryn/Pipelines/Passes.h"

#include "lauryn/Conversion/LAToLinalg/Passes.h"
#include "lauryn/Conversion/LinalgToBlas/Passes.h"
#include "lauryn/Dialect/LA/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/SparseTensor/Transforms/Passes.h"
#include "mlir/Conversion/Passes.h"
#include "mlir/Dialect/Arith/Transforms/Passes.h"
#include "mlir/Dialect/Bufferization/Pipelines/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Dialect/SCF/Transforms/Passes.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Transforms/Passes.h"

namespace lauryn {
#define GEN_PASS_DEF_CPUPIPELINEPASS
#include "lauryn/Pipelines/Passes.h.inc"
} // namespace lauryn

using namespace mlir;

namespace lauryn {

void buildLADecisionPipeline(OpPassManager &pm, bool optimize, StringRef estimator,
                             StringRef fuseSelector, const TargetRates &rates,
                             bool partialReuse) {
  if (optimize) {
    la::OptimizePassOptions options;
    options.annotateLineage = false;
    options.partialReuse = partialReuse;
    pm.addPass(la::createOptimizePass(options));
  }
  if (!estimator.empty()) {
    pm.addPass(la::createEstimateSparsityPass(la::EstimateSparsityPassOptions{estimator.str()}));
    addSelectFormats(pm, rates);
  }
  // Fusion sees the chosen formats: a CSR driver of a sparse-safe body is
  // iterated over its stored entries.
  if (optimize)
    buildLAFusionPipeline(pm, fuseSelector, rates);
}

void addSelectFormats(OpPassManager &pm, const TargetRates &rates) {
  la::SelectFormatsPassOptions select;
  select.bandwidth = rates.bandwidthGBs.value_or(select.bandwidth);
  select.denseGflops = rates.denseGflops.value_or(select.denseGflops);
  select.sparseGflops = rates.sparseGflops.value_or(select.sparseGflops);
  pm.addPass(la::createSelectFormatsPass(select));
}

void addInsertReuse(OpPassManager &pm, const TargetRates &rates, std::optional<double> margin) {
  la::InsertReusePassOptions reuse;
  reuse.margin = margin.value_or(reuse.margin);
  reuse.bandwidth = rates.bandwidthGBs.value_or(reuse.bandwidth);
  reuse.gflops = rates.denseGflops.value_or(reuse.gflops);
  pm.addPass(la::createInsertReusePass(reuse));
}

void buildLAFusionPipeline(OpPassManager &pm, StringRef selector, const TargetRates &rates) {
  if (selector == "none")
    return;
  la::FusePassOptions fuse;
  fuse.selector = selector.str();
  fuse.bandwidth = rates.bandwidthGBs.value_or(fuse.bandwidth);
  fuse.gflops = rates.cellGflops.value_or(fuse.gflops);
  pm.addPass(la::createFusePass(fuse));
}

void buildLAToLinalgPipeline(OpPassManager &pm, bool optimize, bool runtimeChecks,
                             StringRef estimator, StringRef fuseSelector) {
  buildLADecisionPipeline(pm, optimize, estimator, fuseSelector);
  buildLALoweringPipeline(pm, optimize, runtimeChecks);
}

void buildLALoweringPipeline(OpPassManager &pm, bool optimize, bool runtimeChecks) {
  pm.addPass(la::createConvertLAToLinalgPass(la::ConvertLAToLinalgPassOptions{runtimeChecks}));
  // No canonicalization of linalg on tensors here: it would refine dynamic
  // dimensions of sparse operands (see buildCPUTail).
  pm.addPass(createCSEPass());
  if (optimize)
    pm.addNestedPass<func::FuncOp>(createFuseDenseElementwisePass());
}

/// The upstream sparsifier pipeline (buildSparsifier) without its
/// linalg-fuse-elementwise-ops step (its canonicalizations refine dynamic
/// dimensions of sparse operands from static dense ones, which turns into a
/// sparse_tensor.convert the sparse code generator rejects; dense fusion is
/// done before, by lauryn-fuse-dense-elementwise), plus OpenMP: parallel
/// iterators of dense loops and the outer loop of sparse kernels become
/// `omp.parallel` worksharing loops.
void buildCPUTail(OpPassManager &pm, const CPUTailOptions &options) {
  pm.addNestedPass<func::FuncOp>(createGeneralizeSparseLinalgPass());
  pm.addNestedPass<func::FuncOp>(createUnshareSparseEmptiesPass());
  pm.addNestedPass<func::FuncOp>(createRelaxSparseLoopTypesPass());
  pm.addNestedPass<func::FuncOp>(createShieldSparseConversionsPass());
  // Runtime-stored sparse tensors are freed only by dealloc_tensor. No CSE or
  // canonicalization may run between it and the sparsifier: merging two equal
  // conversions would free one storage twice.
  if (options.sparseRuntimeLibrary)
    pm.addNestedPass<func::FuncOp>(createFreeSparseRuntimeTensorsPass());
  SparsificationOptions sparsification;
  SparseParallelizationStrategy sparseParallel =
      options.parallel ? SparseParallelizationStrategy::kDenseOuterLoop
                       : SparseParallelizationStrategy::kNone;
  // Loops may carry newly computed tensors (w <- w - step * g): allow loop
  // results to be fresh allocations.
  bufferization::OneShotBufferizationOptions bufferization =
      getBufferizationOptionsForSparsification(/*analysisOnly=*/false);
  bufferization.allowReturnAllocsFromLoops = true;
  pm.addPass(createSparsificationAndBufferizationPass(
      bufferization,
      sparsification, /*createSparseDeallocs=*/true, options.sparseRuntimeLibrary,
      /*enableBufferInitialization=*/false, options.vectorLength,
      /*enableVLAVectorization=*/false, /*enableSIMDIndex32=*/false,
      /*enableGPULibgen=*/false, SparseEmitStrategy::kFunctional, sparseParallel));
  // Frees every dense buffer bufferization allocated (sparse storage is freed
  // by the sparsifier's own deallocations).
  // Dynamic ownership across private functions: without it, every call of
  // the sparsifier's insertion helpers copies the storage arrays (quadratic
  // dense -> CSR conversion and sparse-output kernels).
  pm.addNestedPass<func::FuncOp>(createCopyStridedResultsPass());
  pm.addNestedPass<func::FuncOp>(createDropLocalDeallocsPass());
  // The runtime library's storage arrays are the runtime's to free.
  if (options.sparseRuntimeLibrary)
    pm.addNestedPass<func::FuncOp>(createBorrowSparseRuntimeBuffersPass());
  bufferization::BufferDeallocationPipelineOptions deallocation;
  deallocation.privateFunctionDynamicOwnership = true;
  bufferization::buildBufferDeallocationPipeline(pm, deallocation);
  if (options.sparseRuntimeLibrary)
    pm.addNestedPass<func::FuncOp>(
        createBorrowSparseRuntimeBuffersPass(BorrowSparseRuntimeBuffersPassOptions{true}));
  pm.addPass(createConvertBufferizationToMemRefPass());
  // Dense f64/f32 products run in OpenBLAS (measured: docs/benchmarks.md).
  pm.addPass(createConvertLinalgToBlasPass());
  pm.addNestedPass<func::FuncOp>(createTileTransposesPass());
  pm.addPass(createStorageSpecifierToLLVMPass());
  pm.addNestedPass<func::FuncOp>(createCanonicalizerPass());
  // Fused operators (la-fuse) are scf.forall loops over row chunks.
  if (options.parallel) {
    pm.addNestedPass<func::FuncOp>(createForallToParallelLoopPass());
    pm.addNestedPass<func::FuncOp>(createConvertLinalgToParallelLoopsPass());
    pm.addNestedPass<func::FuncOp>(createParallelizeOuterLoopPass());
    pm.addPass(createConvertSCFToOpenMPPass(ConvertSCFToOpenMPPassOptions{options.threads}));
  } else {
    pm.addNestedPass<func::FuncOp>(createForallToForLoopPass());
    pm.addNestedPass<func::FuncOp>(createConvertLinalgToLoopsPass());
  }
  pm.addNestedPass<func::FuncOp>(createConvertVectorToSCFPass());
  pm.addNestedPass<func::FuncOp>(memref::createExpandReallocPass());
  pm.addPass(memref::createExpandStridedMetadataPass());
  pm.addPass(createLowerAffinePass());
  // Memrefs are lowered before scf -> cf: OpenMP regions may hold
  // memref.alloca_scope, which must not be split into several blocks.
  // Allocation through liblauryn_rt (Allocation.cpp): aligned, huge pages
  // for large buffers, freeable with free() so results reach callers without
  // a copy.
  // Integer powers (math.ipowi, from la.pow on integers) have no LLVM
  // intrinsic: outlined square-and-multiply functions (in scf, so before
  // scf -> cf).
  pm.addPass(createConvertMathToFuncs());
  FinalizeMemRefToLLVMConversionPassOptions memrefToLLVM;
  memrefToLLVM.useAlignedAlloc = true;
  memrefToLLVM.useGenericFunctions = true;
  pm.addPass(createFinalizeMemRefToLLVMConversionPass(memrefToLLVM));
  pm.addNestedPass<func::FuncOp>(createSCFToControlFlowPass());
  // Math before OpenMP: the OpenMP conversion needs the bodies of its regions
  // legal (the sparsifier's sort helpers use math.ctlz in parallel kernels).
  pm.addNestedPass<func::FuncOp>(createExpandIntegerDivisionsPass());
  pm.addNestedPass<func::FuncOp>(createConvertMathToLLVMPass());
  pm.addPass(createConvertMathToLibmPass());
  if (options.parallel)
    pm.addPass(createConvertOpenMPToLLVMPass());
  ConvertVectorToLLVMPassOptions vectorToLLVM;
  vectorToLLVM.reassociateFPReductions = options.vectorLength > 0;
  pm.addPass(createConvertVectorToLLVMPass(vectorToLLVM));
  pm.addPass(createConvertToLLVMPass());
  pm.addPass(createReconcileUnrealizedCastsPass());
}

namespace {
struct CPUPipelinePass : impl::CPUPipelinePassBase<CPUPipelinePass> {
  using CPUPipelinePassBase::CPUPipelinePassBase;

  void build(OpPassManager &pm) const {
    buildLAToLinalgPipeline(pm, optimize, runtimeChecks,
                            selectFormats ? StringRef(estimator) : StringRef(), fuse);
    buildCPUTail(pm, CPUTailOptions{vectorLength, sparseRuntimeLibrary, parallel,
                                    unsigned(threads)});
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
