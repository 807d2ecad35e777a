//===- LATypeInference.h - result types of la op families -------*- C++ -*-===//
//
// Shape and type rules of every op family (DML broadcasting, aggregate shapes,
// matmul, binds, slices, ...). Each function both checks its operands, emitting
// a located error on failure, and pushes the inferred result type. Private to the
// la IR library; used by the generated inferReturnTypes methods.
//
//===----------------------------------------------------------------------===//

#ifndef LAURYN_LIB_DIALECT_LA_IR_LATYPEINFERENCE_H
#define LAURYN_LIB_DIALECT_LA_IR_LATYPEINFERENCE_H

#include "lauryn/Dialect/LA/IR/LAOps.h"

namespace lauryn::la::detail {

/// The la view of a type: a matrix (rows x cols, element, encoding) or a scalar.
struct LAType {
  bool isMatrix = false;
  int64_t rows = 1, cols = 1; // mlir::ShapedType::kDynamic when unknown
  mlir::Type element;
  mlir::Attribute encoding;

  static mlir::FailureOr<LAType> classify(const InferContext &ic, mlir::Type t,
                                          llvm::StringRef what);
  mlir::Type toMatrixType() const;
};

bool areCompatibleResultTypes(mlir::TypeRange inferred, mlir::TypeRange actual);

using Types = llvm::SmallVectorImpl<mlir::Type>;

/// Fails with a located error unless `actual` operands match `expected` (-1:
/// any number).
mlir::LogicalResult checkOperandCount(const InferContext &ic, size_t actual,
                                      int expected);

mlir::LogicalResult inferElementwiseType(const InferContext &ic,
                                         llvm::ArrayRef<mlir::Type> operands,
                                         ZeroRule rule, bool floatOnly,
                                         Types &inferred);
mlir::LogicalResult inferIfElseType(const InferContext &ic, mlir::Type cond,
                                    mlir::Type a, mlir::Type b, Types &inferred);
mlir::LogicalResult inferAggregateType(const InferContext &ic, mlir::Type input,
                                       Axis axis, AggKind kind, Types &inferred);
mlir::LogicalResult inferMatMulType(const InferContext &ic, mlir::Type lhs,
                                    mlir::Type rhs, Types &inferred);
mlir::LogicalResult inferTransposeType(const InferContext &ic, mlir::Type input,
                                       Types &inferred);
mlir::LogicalResult inferBindType(const InferContext &ic, mlir::TypeRange inputs,
                                  bool alongCols, Types &inferred);
mlir::LogicalResult inferSliceType(const InferContext &ic, mlir::Type input,
                                   mlir::ValueRange bounds,
                                   Types &inferred);
mlir::LogicalResult inferInsertType(const InferContext &ic, mlir::Type source,
                                    mlir::Type dest, mlir::Value rowOffset,
                                    mlir::Value colOffset, Types &inferred);
mlir::LogicalResult inferDiagType(const InferContext &ic, mlir::Type input,
                                  Types &inferred);
mlir::LogicalResult inferSameShapeType(const InferContext &ic, mlir::Type input,
                                       Types &inferred);
mlir::LogicalResult inferSolveType(const InferContext &ic, mlir::Type lhs,
                                   mlir::Type rhs, Types &inferred);

} // namespace lauryn::la::detail

#endif // LAURYN_LIB_DIALECT_LA_IR_LATYPEINFERENCE_H
