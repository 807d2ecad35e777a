//===- SparsityOfOps.h - la ops as structural ops of the estimators -------===//
//
// How one op maps its operands' synopses to its results' synopses for a given
// estimator: structural ops (matmul, element-wise ops by their zero rule,
// transpose, reshape, binds, diag, slices with constant bounds, == 0 / != 0,
// format changes) through Estimator::propagate, scalars as 1 x 1 matrices
// broadcast to the result, every other la op through the metadata rule of
// its SparsityPropagationOpInterface (turned into the estimator's synopsis).
//
//===----------------------------------------------------------------------===//

#ifndef LAURYN_DIALECT_LA_TRANSFORMS_SPARSITYOFOPS_H
#define LAURYN_DIALECT_LA_TRANSFORMS_SPARSITYOFOPS_H

#include "lauryn/Analysis/Sparsity/Estimator.h"

#include "mlir/IR/Operation.h"

namespace lauryn::la {

/// Rows and columns of a value: a static 2-D tensor, or 1 x 1 for a scalar;
/// std::nullopt for dynamic shapes.
std::optional<std::pair<int64_t, int64_t>> staticShape(mlir::Value v);

/// The synopsis of a value defined without la inputs (constants, la.fill of
/// a constant): exact; nullptr if its structure is not known.
sparsity::SynopsisRef synopsisOfConstant(mlir::Value v, const sparsity::Estimator &estimator);

/// Synopses of `op`'s results from its operands' (nullptr = unknown); an
/// entry is nullptr where the op's result cannot be estimated (unknown
/// operands, dynamic shapes, scalar results).
llvm::SmallVector<sparsity::SynopsisRef>
estimateResults(mlir::Operation *op, llvm::ArrayRef<sparsity::SynopsisRef> operands,
                const sparsity::Estimator &estimator);

} // namespace lauryn::la

#endif // LAURYN_DIALECT_LA_TRANSFORMS_SPARSITYOFOPS_H
