//===- EstimateSparsity.h - la-estimate-sparsity as a C++ entry point -----===//
//
// The pass reads input estimates from argument attributes; the JIT runner
// calls estimateSparsity directly with synopses built from the actual
// inputs' patterns (exact for every estimator, not only MNC's counts).
//
//===----------------------------------------------------------------------===//

#ifndef LAURYN_DIALECT_LA_TRANSFORMS_ESTIMATESPARSITY_H
#define LAURYN_DIALECT_LA_TRANSFORMS_ESTIMATESPARSITY_H

#include "lauryn/Analysis/Sparsity/Estimator.h"
#include "lauryn/Dialect/LA/IR/LAAttrs.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"

namespace lauryn::la {

/// Synopses of an entry function's arguments (nullptr: unknown), or failure
/// after a diagnostic.
using InputSynopses =
    llvm::function_ref<mlir::FailureOr<llvm::SmallVector<sparsity::SynopsisRef>>(mlir::func::FuncOp)>;

/// Estimates every matrix value of `module` from its entries' input synopses
/// and attaches #la.sparsity (see the la-estimate-sparsity pass).
mlir::LogicalResult estimateSparsity(mlir::ModuleOp module, const sparsity::Estimator &estimator,
                                     InputSynopses inputs);

/// The estimate of `v`: #la.sparsity on its producer, la.sparsity on a
/// function argument, or the loop's estimate for a loop-carried value (null
/// if none).
SparsityAttr getEstimate(mlir::Value v);

} // namespace lauryn::la

#endif // LAURYN_DIALECT_LA_TRANSFORMS_ESTIMATESPARSITY_H
