//===- EntryLowering.h - la module to LLVM dialect with C entry points ----===//
//
// The part of compilation shared by the JIT (lauryn-run) and the AOT compiler
// (laurync): optional specialization of matrix parameters to known shapes,
// the lauryn CPU pipeline, sparse parameter assembly, and C interfaces
// (`_mlir_ciface_<entry>`) on the entry functions.
//
//===----------------------------------------------------------------------===//

#ifndef LAURYN_EXECUTION_ENTRYLOWERING_H
#define LAURYN_EXECUTION_ENTRYLOWERING_H

#include "lauryn/Execution/EntryPoint.h"
#include "lauryn/Pipelines/TargetRates.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace mlir {
class ModuleOp;
namespace func {
class FuncOp;
} // namespace func
} // namespace mlir

namespace lauryn {

struct LoweringOptions {
  bool optimize = true;      ///< run la-optimize before lowering
  bool runtimeChecks = true; ///< cf.assert checks of dynamic shapes
  int vectorLength = 0;      ///< sparse vectorization (0: off)
  bool parallel = true;      ///< OpenMP parallel loops
  unsigned threads = 0;      ///< OpenMP threads (0: OMP_NUM_THREADS / all cores)
  /// Sizes (rows, cols) of the matrices the first entry will be called with,
  /// per parameter (std::nullopt: keep the declared type). Matrix parameters
  /// are specialized to these static shapes (dynamic recompilation); CSR
  /// parameters need static shapes.
  std::vector<std::optional<std::pair<int64_t, int64_t>>> argumentShapes;
  /// Sparsity estimator of la-select-formats; empty: keep the formats as
  /// written. Input estimates come from argument attributes (see
  /// annotateInputStatistics).
  std::string formatEstimator;
  /// Plan selector of la-fuse (cost, all, heuristic, none); with optimize.
  std::string fuseSelector = "cost";
  /// Serve values worth caching from the run-time lineage cache
  /// (la-insert-reuse) and compute products over bound matrices from their
  /// blocks (la-partial-reuse); with optimize.
  bool reuse = true;
  /// la-insert-reuse's margin (unset: the pass default); 0 caches every
  /// candidate (the differential tester's reuse variant).
  std::optional<double> reuseMargin;
  /// Bandwidth and FLOP rates of the cost-based decisions (unset: the
  /// passes' defaults; `lauryn-run --calibrate` measures them).
  TargetRates rates;
  /// Per parameter: the argument arrives as CSR. With a formatEstimator, a
  /// dense f64/f32/i64/i32 matrix parameter of such an argument is compiled as
  /// CSR (la-select-formats then converts it inside if that pays off) instead
  /// of densifying it at the call boundary.
  std::vector<bool> csrArguments;
  /// If set, the la program as compiled (after the la optimizations and
  /// format selection, before fusion and lowering) is written to this file.
  std::string laOutputFile;
};

/// Wall-clock milliseconds of each compilation phase.
struct CompileTimes {
  double laToLinalgMs = 0; ///< la optimizations and lowering to linalg
  double cpuTailMs = 0;    ///< bufferization, sparsification, to LLVM dialect
  double llvmMs = 0;       ///< translation to LLVM IR and machine code
};

/// Gives the matrix parameters of `fn` the static shapes in
/// options.argumentShapes (la ops take the more static values directly, other
/// users through a tensor.cast to the declared type).
llvm::Error specializeEntryParameters(mlir::func::FuncOp fn, const LoweringOptions &options);

/// Lowers `module` in place to the LLVM dialect, with C interfaces on the
/// functions named in `entries` (all public functions with a body if empty).
/// Returns the entries' signatures as declared (after specialization).
/// Diagnostics go to the module's context.
llvm::Expected<llvm::SmallVector<EntrySignature>>
lowerToLLVMDialect(mlir::ModuleOp module, llvm::ArrayRef<std::string> entries,
                   const LoweringOptions &options, CompileTimes *times = nullptr);

} // namespace lauryn

#endif // LAURYN_EXECUTION_ENTRYLOWERING_H
