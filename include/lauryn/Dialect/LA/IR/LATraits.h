//===- LATraits.h - plain data shared by la ops and their interfaces ------===//
//
// Light header (no MLIR IR includes beyond LLVM ADT): op families, zero rules and
// the statistics/cost records exchanged through the la op interfaces.
//
//===----------------------------------------------------------------------===//

#ifndef LAURYN_DIALECT_LA_IR_LATRAITS_H
#define LAURYN_DIALECT_LA_IR_LATRAITS_H

#include "llvm/ADT/ArrayRef.h"
#include <cstdint>
#include <optional>

namespace mlir {
class Operation;
class Value;
} // namespace mlir

namespace lauryn::la {

/// Families of la ops: a family fixes syntax, type inference, cost formula and
/// the metadata sparsity rule.
enum class OpFamily {
  ElementwiseBinary,
  ElementwiseUnary,
  Ternary,
  Aggregate,
  MatMul,
  Transpose,
  Reshape,
  Bind,
  Slice,
  Insert,
  Diag,
  Rev,
  Solve,
  Cast,
  Convert,
  Generator,
};

/// How zeros of the inputs of an element-wise op reach its output.
enum class ZeroRule {
  Dense,     ///< f(0, ...) may be non-zero: the result is dense.
  Intersect, ///< zero where any input is zero (x * y, x & y).
  Union,     ///< zero where all inputs are zero (x + y, x != y).
  Preserve,  ///< unary with f(0) = 0 (abs, sqrt, sin, ...).
  Numerator, ///< zero where the first operand is zero and sparse, or integer
             ///< (x / y: la.div's structural numerator zeros).
};

/// The value of a scalar float or integer constant, if `v` is one.
std::optional<double> getScalarConstant(mlir::Value v);

/// Aggregation functions of the aggregate family.
enum class AggKind { Sum, Mean, Var, Prod, Min, Max, SumSq, Nnz };

/// Concrete size and sparsity of one operand or result, as a decision pass
/// knows it (dimensions resolved, density estimated; 1 when unknown).
struct ValueStats {
  int64_t rows = 1;
  int64_t cols = 1;
  double density = 1.0;
  unsigned elementBytes = 8;
  bool isScalar = false;
  bool isSparse = false; ///< stored in a sparse format (CSR, ...)

  double cells() const { return double(rows) * double(cols); }
  double nnz() const { return cells() * density; }
  /// Bytes in memory: dense cells, or CSR values + column indices + row pointers.
  double bytes() const;
};

/// Analytic cost of one op execution.
struct OpCost {
  double flops = 0;
  double bytesRead = 0;
  double bytesWritten = 0;

  OpCost &operator+=(const OpCost &o) {
    flops += o.flops;
    bytesRead += o.bytesRead;
    bytesWritten += o.bytesWritten;
    return *this;
  }
};

namespace detail {
/// Cost of an op of `family` that charges `cellFlops` per processed cell.
OpCost estimateFamilyCost(OpFamily family, double cellFlops,
                          llvm::ArrayRef<ValueStats> operands,
                          const ValueStats &result);
/// Average-case (metadata) density of the result of `op`.
std::optional<double> propagateFamilyDensity(mlir::Operation *op,
                                             OpFamily family,
                                             llvm::ArrayRef<ValueStats> operands,
                                             const ValueStats &result);
} // namespace detail
} // namespace lauryn::la

#endif // LAURYN_DIALECT_LA_IR_LATRAITS_H
