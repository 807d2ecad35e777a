//===- EntryBoundary.h - rewrites for the entry calling convention -*- C++ -*-===//
//
// Rewrites of an entry function that give it the C calling convention of
// EntryPoint.h: other callers keep an unchanged copy, bf16/i8 cross as
// f32/i32, CSR parameters with dynamic sizes are built from their buffers, and
// CSR results carry their sizes. Private to lib/Execution.
//
//===----------------------------------------------------------------------===//

#ifndef LAURYN_LIB_EXECUTION_ENTRYBOUNDARY_H
#define LAURYN_LIB_EXECUTION_ENTRYBOUNDARY_H

#include "llvm/Support/Error.h"

namespace mlir::func {
class FuncOp;
} // namespace mlir::func

namespace lauryn {

/// Other functions that call the entry `fn` keep calling an unchanged copy,
/// so that `fn`'s signature can change.
llvm::Error redirectCallers(mlir::func::FuncOp fn);

/// Makes `fn` (la level) take and return boundary types (see boundaryType):
/// parameters are narrowed with la.cast on entry (bf16 rounds to nearest
/// even, i8 keeps the low 8 bits), results widened exactly before return.
llvm::Error widenBoundaryTypes(mlir::func::FuncOp fn);

/// Replaces each CSR parameter of `fn` (tensor level) with a dynamic size by
/// positions, coordinates and values tensors and the number of rows and
/// columns, from which the entry builds the sparse tensor by in-order
/// insertion (upstream sparse assembly requires static sizes).
void insertDynamicSparseParameters(mlir::func::FuncOp fn);

/// Follows each CSR result of `fn` (tensor level) by its number of rows and
/// columns: the three storage buffers the sparse assembler returns for it do
/// not carry the number of columns.
void appendSparseResultSizes(mlir::func::FuncOp fn);

} // namespace lauryn

#endif // LAURYN_LIB_EXECUTION_ENTRYBOUNDARY_H
