//===- ScalarSemantics.h - DML semantics of la ops on one cell --*- C++ -*-===//
//
// The per-cell meaning of every element-wise la op (binary, unary, ifelse) as
// arith/math IR. Shared by the la -> linalg lowering and by the code generator
// of fused operators, so that both compute bit-identical results.
//
//===----------------------------------------------------------------------===//

#ifndef LAURYN_CONVERSION_LATOLINALG_SCALARSEMANTICS_H
#define LAURYN_CONVERSION_LATOLINALG_SCALARSEMANTICS_H

#include "mlir/IR/Builders.h"

namespace lauryn::la {

/// True if `op` is an element-wise la op (binary, unary or ifelse).
bool isElementwiseOp(mlir::Operation *op);

/// Emits the scalar computation of the element-wise la op `op` on the scalars
/// `args` (one per operand, in operand order). Returns the result scalar, of
/// the element type of `op`'s result.
mlir::Value emitElementwise(mlir::OpBuilder &b, mlir::Location loc,
                            mlir::Operation *op, mlir::ValueRange args);

/// Constants of element type `type` (float or integer).
mlir::Value constantOf(mlir::OpBuilder &b, mlir::Location loc, mlir::Type type,
                       double value);
/// 1 if `cond` (i1) else 0, in `type`.
mlir::Value boolToElement(mlir::OpBuilder &b, mlir::Location loc,
                          mlir::Value cond, mlir::Type type);
/// i1: `x` is non-zero (NaN counts as non-zero, as in DML).
mlir::Value isNonZero(mlir::OpBuilder &b, mlir::Location loc, mlir::Value x);

} // namespace lauryn::la

#endif // LAURYN_CONVERSION_LATOLINALG_SCALARSEMANTICS_H
