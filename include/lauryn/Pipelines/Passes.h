//===- Passes.h - Lauryn's named target pipelines ---------------*- C++ -*-===//

#ifndef LAURYN_PIPELINES_PASSES_H
#define LAURYN_PIPELINES_PASSES_H

#include "lauryn/Pipelines/TargetRates.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace mlir {
class OpPassManager;
} // namespace mlir

namespace lauryn {

#define GEN_PASS_DECL
#include "lauryn/Pipelines/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "lauryn/Pipelines/Passes.h.inc"

/// The la-level decisions: la optimizations, format selection (if
/// `estimator` is non-empty: la-estimate-sparsity with it, then
/// la-select-formats) and, with `optimize`, fusion (la-fuse with
/// `fuseSelector`; `partialReuse`: la-optimize's la-partial-reuse). Its output
/// is still an la program. The cost-based
/// passes use `rates` where set.
void buildLADecisionPipeline(mlir::OpPassManager &pm, bool optimize,
                             llvm::StringRef estimator = {},
                             llvm::StringRef fuseSelector = "cost",
                             const TargetRates &rates = {}, bool partialReuse = true);
/// Format selection (la-select-formats) with `rates` where set.
void addSelectFormats(mlir::OpPassManager &pm, const TargetRates &rates = {});
/// Operator fusion (la-fuse with `selector`; nothing for "none").
void buildLAFusionPipeline(mlir::OpPassManager &pm, llvm::StringRef selector,
                           const TargetRates &rates = {});
/// Lineage-cache probes and puts (la-insert-reuse) with `rates` and
/// `margin` where set.
void addInsertReuse(mlir::OpPassManager &pm, const TargetRates &rates = {},
                    std::optional<double> margin = std::nullopt);
/// Lowering of a decided la program to linalg on tensors.
void buildLALoweringPipeline(mlir::OpPassManager &pm, bool optimize, bool runtimeChecks);
/// Target-independent part: the decisions, then the lowering.
void buildLAToLinalgPipeline(mlir::OpPassManager &pm, bool optimize, bool runtimeChecks,
                             llvm::StringRef estimator = {},
                             llvm::StringRef fuseSelector = "cost");
struct CPUTailOptions {
  int vectorLength = 0;              ///< sparse loop vector length (0: scalar)
  bool sparseRuntimeLibrary = false; ///< sparse storage via the MLIR runtime
  bool parallel = true;              ///< OpenMP worksharing loops
  unsigned threads = 0;              ///< OpenMP threads (0: OMP_NUM_THREADS)
};

/// CPU tail: tensors (dense and sparse) to the LLVM dialect.
void buildCPUTail(mlir::OpPassManager &pm, const CPUTailOptions &options);

} // namespace lauryn

#endif // LAURYN_PIPELINES_PASSES_H
