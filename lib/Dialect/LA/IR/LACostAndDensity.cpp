//===- LACostAndDensity.cpp - family cost and metadata sparsity rules -----===//
//
// Defaults behind CostOpInterface and SparsityPropagationOpInterface. Costs
// follow SystemDS' analytic model (per-cell FLOP weights, bytes of distinct
// inputs and outputs); densities follow the metadata/average-case estimator
// (uniformly distributed non-zeros).
//
//===----------------------------------------------------------------------===//

#include "lauryn/Dialect/LA/IR/LAOps.h"

#include "mlir/IR/Matchers.h"
#include "mlir/IR/TypeUtilities.h"

#include <cmath>

using namespace mlir;

namespace lauryn::la {

double ValueStats::bytes() const {
  if (isScalar)
    return elementBytes;
  if (!isSparse)
    return cells() * elementBytes;
  // CSR: values and 64-bit column indices per non-zero, plus row pointers.
  return nnz() * (elementBytes + 8.0) + (double(rows) + 1.0) * 8.0;
}

std::optional<double> getScalarConstant(Value v) {
  FloatAttr f;
  if (matchPattern(v, m_Constant(&f)))
    return f.getValueAsDouble();
  IntegerAttr i;
  if (matchPattern(v, m_Constant(&i)))
    return double(i.getValue().getSExtValue());
  return std::nullopt;
}

namespace detail {

static double readBytes(ArrayRef<ValueStats> operands) {
  double bytes = 0;
  for (const ValueStats &s : operands)
    bytes += s.bytes();
  return bytes;
}

/// Cells an op must visit to produce `v`: only the non-zeros of a sparse value.
static double processedCells(const ValueStats &v) {
  return v.isSparse ? v.nnz() : v.cells();
}

OpCost estimateFamilyCost(OpFamily family, double cellFlops,
                          ArrayRef<ValueStats> operands,
                          const ValueStats &result) {
  OpCost cost;
  cost.bytesRead = readBytes(operands);
  cost.bytesWritten = result.bytes();
  switch (family) {
  case OpFamily::Aggregate:
    cost.flops = cellFlops * processedCells(operands.front());
    break;
  case OpFamily::MatMul: {
    const ValueStats &a = operands[0], &b = operands[1];
    double rhsDensity = b.isSparse ? b.density : 1.0;
    cost.flops = cellFlops * (a.isSparse ? a.nnz() : a.cells()) *
                 double(b.cols) * rhsDensity;
    break;
  }
  case OpFamily::Solve: {
    double n = double(operands[0].rows), k = double(operands[1].cols);
    cost.flops = 2.0 / 3.0 * n * n * n + 2.0 * n * n * k;
    break;
  }
  case OpFamily::Slice:
    cost.bytesRead = result.bytes(); // only the selected block is read
    cost.flops = 0;
    break;
  case OpFamily::Transpose:
  case OpFamily::Reshape:
  case OpFamily::Bind:
  case OpFamily::Insert:
  case OpFamily::Diag:
  case OpFamily::Rev:
  case OpFamily::Cast:
  case OpFamily::Convert:
    cost.flops = 0; // data movement: bytes only
    break;
  case OpFamily::ElementwiseBinary:
  case OpFamily::ElementwiseUnary:
  case OpFamily::Ternary:
  case OpFamily::Generator:
    cost.flops = cellFlops * processedCells(result);
    break;
  }
  return cost;
}

static double orCombine(double a, double b) { return a + b - a * b; }

static std::optional<double> elementwiseBinaryDensity(Operation *op,
                                                      ArrayRef<ValueStats> in) {
  // `X != 0` keeps nnz, `X == 0` complements it (exact by metadata).
  if (isa<NeOp, EqOp>(op)) {
    for (unsigned i = 0; i < 2; ++i) {
      std::optional<double> c = getScalarConstant(op->getOperand(1 - i));
      if (c && *c == 0.0 && !in[i].isScalar)
        return isa<NeOp>(op) ? in[i].density : 1.0 - in[i].density;
    }
  }
  ZeroRule rule =
      cast<SparsityPropagationOpInterface>(op).getElementwiseZeroRule();
  double a = in[0].density, b = in[1].density;
  switch (rule) {
  case ZeroRule::Intersect:
    return a * b;
  case ZeroRule::Union:
    return orCombine(a, b);
  case ZeroRule::Numerator: // a sparse float or an integer numerator's zeros stay
    return isa<FloatType>(getElementTypeOrSelf(op->getOperand(0).getType())) &&
                   !cast<DivOp>(op).hasStructuralNumerator()
               ? 1.0
               : a;
  case ZeroRule::Dense:
  case ZeroRule::Preserve:
    return 1.0;
  }
  return 1.0;
}

std::optional<double> propagateFamilyDensity(Operation *op, OpFamily family,
                                             ArrayRef<ValueStats> in,
                                             const ValueStats &result) {
  switch (family) {
  case OpFamily::ElementwiseBinary:
    return elementwiseBinaryDensity(op, in);
  case OpFamily::ElementwiseUnary:
    if (isa<NotOp>(op))
      return 1.0 - in[0].density;
    if (cast<SparsityPropagationOpInterface>(op).getElementwiseZeroRule() ==
        ZeroRule::Preserve)
      return in[0].density;
    return 1.0;
  case OpFamily::Ternary: {
    double c = in[0].density;
    return c * in[1].density + (1.0 - c) * in[2].density;
  }
  case OpFamily::Aggregate: {
    const ValueStats &x = in[0];
    Axis axis = op->getAttrOfType<AxisAttr>("axis") ? op->getAttrOfType<AxisAttr>("axis").getValue()
                                                     : Axis::all;
    // Cells aggregated into one result cell.
    double len = axis == Axis::all ? x.cells() : axis == Axis::row ? double(x.cols) : double(x.rows);
    // A product is non-zero only if every cell is; the other aggregates are
    // (on average) non-zero iff some aggregated cell is.
    if (isa<ProdOp>(op))
      return std::pow(x.density, len);
    return 1.0 - std::pow(1.0 - x.density, len);
  }
  case OpFamily::MatMul: {
    double k = double(in[0].cols);
    return 1.0 - std::pow(1.0 - in[0].density * in[1].density, k);
  }
  case OpFamily::Transpose:
  case OpFamily::Reshape:
  case OpFamily::Rev:
  case OpFamily::Slice:
  case OpFamily::Cast:
  case OpFamily::Convert:
    return in[0].density;
  case OpFamily::Bind: {
    double nnz = 0, cells = 0;
    for (const ValueStats &s : in) {
      nnz += s.nnz();
      cells += s.cells();
    }
    return cells > 0 ? nnz / cells : 0.0;
  }
  case OpFamily::Insert: {
    const ValueStats &src = in[0], &dst = in[1];
    double nnz = dst.nnz() - dst.density * src.cells() + src.nnz();
    return dst.cells() > 0 ? std::clamp(nnz / dst.cells(), 0.0, 1.0) : 0.0;
  }
  case OpFamily::Diag:
    if (result.cols != 1) // vector -> diagonal matrix
      return result.cells() > 0 ? in[0].nnz() / result.cells() : 0.0;
    return in[0].density;
  case OpFamily::Solve:
    return 1.0;
  case OpFamily::Generator:
    if (auto rand = dyn_cast<RandOp>(op))
      return rand.getSparsity().convertToDouble();
    if (auto fill = dyn_cast<FillOp>(op)) {
      std::optional<double> c = getScalarConstant(fill.getValue());
      if (c)
        return *c == 0.0 ? 0.0 : 1.0;
      return std::nullopt;
    }
    return 1.0;
  }
  return std::nullopt;
}

} // namespace detail
} // namespace lauryn::la
