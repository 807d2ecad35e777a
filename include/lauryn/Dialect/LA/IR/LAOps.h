//===- LAOps.h - la operations ----------------------------------*- C++ -*-===//

#ifndef LAURYN_DIALECT_LA_IR_LAOPS_H
#define LAURYN_DIALECT_LA_IR_LAOPS_H

#include "lauryn/Dialect/LA/IR/LAAttrs.h"
#include "lauryn/Dialect/LA/IR/LADialect.h"
#include "lauryn/Dialect/LA/IR/LAInterfaces.h"
#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

namespace lauryn::la::detail {
/// Where result-type inference reports problems.
struct InferContext {
  mlir::MLIRContext *context;
  std::optional<mlir::Location> loc;
  llvm::StringRef opName;
};
} // namespace lauryn::la::detail

namespace lauryn::la {
/// The CSR format of la: (i, j) -> (i : dense, j : compressed), ordered,
/// unique, default index widths.
mlir::Attribute getCSREncoding(mlir::MLIRContext *context);
/// True if `encoding` is that CSR format (any attribute; null is dense).
bool isCSREncoding(mlir::Attribute encoding);
/// True if `t` is a ranked tensor stored as CSR.
bool isCSR(mlir::Type t);
/// Element types the lineage cache stores: f64, f32, i64, i32.
bool isReusableElementType(mlir::Type type);
/// Matrix types the lineage cache stores: dense, or CSR of a static shape,
/// of a reusable element type.
bool isReusableMatrixType(mlir::Type type);
/// Values la.identity hashes: dense or CSR matrices of those element types,
/// scalars and indices.
bool hasRuntimeIdentity(mlir::Type type);
} // namespace lauryn::la

#define GET_OP_CLASSES
#include "lauryn/Dialect/LA/IR/LAOps.h.inc"

namespace lauryn::la {
/// What an aggregate op computes (sum, min, ...), along which axis, of what.
struct AggregateInfo {
  AggKind kind;
  Axis axis;
  mlir::Value input;
};
/// The aggregate `op` computes, or nullopt if `op` is not an aggregate.
std::optional<AggregateInfo> getAggregateInfo(mlir::Operation *op);
/// Aggregates a fused operator can close with.
bool isFusibleAggregate(AggKind kind);
/// Element-wise la ops (binary, unary, ifelse): evaluable one cell at a time.
bool isCellwiseOp(mlir::Operation *op);
/// True if the element-wise `op` yields a structural zero wherever the
/// operands for which `isZero` holds are zero, under the same rules as the
/// unfused lowering of sparse operands.
bool isZeroPreserving(mlir::Operation *op, llvm::function_ref<bool(mlir::Value)> isZero);
/// The iteration space of a fused operator (shape of its cell-wise values).
mlir::RankedTensorType getIterationType(FusedOp op);
/// True if `product` closes an outer template: the cell values (not an
/// operand) or their transpose times an operand, yielded --
/// (X * f(U %*% t(V))) %*% W or t(X * f(U %*% t(V))) %*% U.
bool isClosingProduct(MatMulOp product);
/// The cell values a closing product multiplies (its lhs, or the input of
/// its transposed lhs: t(cells) %*% U, an n x k result).
mlir::Value closingCells(MatMulOp product);
bool isTransposedClosing(MatMulOp product);
/// True if the fused body is zero wherever its driver operand is zero.
bool isSparseSafeBody(FusedOp op);
/// True if `op` is evaluated over the stored entries of its sparse driver
/// only: sparse-safe, one result, no aggregate or a sum / sum of squares over
/// all cells or per row (cell, outer), or a row template marked sparse-safe
/// that passes rowReadsStoredEntriesOnly. Other fused ops read every operand
/// densely.
bool iteratesSparseDriver(FusedOp op);
/// True if the sparsifier, which lowers a cell operator over a sparse
/// driver, can compute its body.
bool sparsifierModelsBody(FusedOp op);
/// True if the cell operator `op` iterates its sparse driver but the
/// sparsifier cannot compute its body (a division, a comparison): it is
/// lowered by explicit loops over the stored entries, as an outer operator
/// (an aggregate, or a driver of static shape for a sparse result).
bool lowersCellByLoops(FusedOp op);
/// True if the row template `op` has a CSR driver (its only sparse operand)
/// that is read only by sums of the driver itself -- row and column sums,
/// sums of squares and means, `A %*% v`, `t(A) %*% y` -- and computes nothing
/// else cell by cell: the stored entries alone then give the result, with the
/// unfused sparse kernels' semantics (implicit zeros are structural).
bool rowReadsStoredEntriesOnly(FusedOp op);

/// The part an op plays in a row template over an m x n iteration space.
enum class RowStep {
  Constant,     ///< a constant
  Cell,         ///< element-wise, m x n: evaluated at each cell of a row
  RowValue,     ///< element-wise, m x 1 or scalar: once per row
  RowReduction, ///< m x n -> m x 1: a row aggregate or A %*% v (v: an n x 1 operand)
  RowProduct,   ///< A %*% B with A an m x l operand, B an l x n operand: a row of n cells
  Transpose,    ///< t(A) of an m x n value, for a column accumulation
  ColumnClose,  ///< over all rows: a column aggregate (1 x n), t(A) %*% y (n x 1, y per row)
                ///< or t(A) %*% B (n x l, B an m x l operand)
};
/// `op`'s step in a row template over `space`, if it has one.
std::optional<RowStep> getRowStep(mlir::Operation *op, mlir::RankedTensorType space);
/// True if `v` may be a row-aligned result of a row template over `space`:
/// a dense m x n cell value (row i written as the row is computed), or a
/// dense m x 1 row reduction or per-row value derived from one.
bool isRowAlignedResult(mlir::Value v, mlir::RankedTensorType space);
/// True if `product` (a column accumulation t(A) %*% B) multiplies by an
/// operand matrix B rather than by a per-row vector y (statically m x 1).
bool isOuterAccumulation(mlir::Operation *product);
/// True if body argument `k` of the row template `op` is read row by row: as
/// cells of the iteration space, as the left operand of a row product or as
/// the right operand of t(A) %*% B. Such an operand may drive the template
/// (it gives the row count).
bool isRowAlignedInput(FusedOp op, unsigned k);
/// True if `a` and `b` may be the same shape (dynamic sizes match anything;
/// a statically 1-sized dimension only matches another).
bool mayBeSameShape(mlir::RankedTensorType a, mlir::RankedTensorType b);
} // namespace lauryn::la

#endif // LAURYN_DIALECT_LA_IR_LAOPS_H
