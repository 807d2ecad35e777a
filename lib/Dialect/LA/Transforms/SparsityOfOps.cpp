//===- SparsityOfOps.cpp - la ops as structural ops of the estimators -----===//

#include "lauryn/Dialect/LA/Transforms/SparsityOfOps.h"

#include "lauryn/Analysis/Sparsity/MatrixStructure.h"
#include "lauryn/Dialect/LA/IR/LAOps.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/TypeUtilities.h"

using namespace mlir;
using namespace lauryn::sparsity;

namespace lauryn::la {

std::optional<std::pair<int64_t, int64_t>> staticShape(Value v) {
  auto type = dyn_cast<RankedTensorType>(v.getType());
  if (!type)
    return type || v.getType().isIntOrIndexOrFloat() ? std::optional(std::pair<int64_t, int64_t>{1, 1})
                                                     : std::nullopt;
  if (type.getRank() != 2 || !type.hasStaticShape())
    return std::nullopt;
  return std::pair<int64_t, int64_t>{type.getDimSize(0), type.getDimSize(1)};
}

namespace {

std::optional<int64_t> constantIndex(Value v) {
  IntegerAttr i;
  if (matchPattern(v, m_Constant(&i)))
    return i.getValue().getSExtValue();
  return std::nullopt;
}

/// The structural op of an element-wise op over all its (broadcast)
/// operands, or nullopt when its result is dense (f(0, ...) != 0).
std::optional<StructuralOp> elementwiseOp(Operation *op) {
  if (isa<NotOp>(op)) // !x is 1 where x is 0
    return StructuralOp::EqualZero;
  switch (cast<SparsityPropagationOpInterface>(op).getElementwiseZeroRule()) {
  case ZeroRule::Intersect:
    return StructuralOp::Multiply;
  case ZeroRule::Union:
    return StructuralOp::Add;
  case ZeroRule::Preserve:
    return StructuralOp::NotEqualZero;
  case ZeroRule::Dense:
  // x / y keeps x's zeros only where x is sparse or integer (estimateResults);
  // a dense float numerator's 0 / 0 is NaN.
  case ZeroRule::Numerator:
    return std::nullopt;
  }
  return std::nullopt;
}

/// `in` broadcast to rows x cols (unchanged if it already has that shape).
SynopsisRef broadcast(const SynopsisRef &in, int64_t rows, int64_t cols, const Estimator &e) {
  if (in->rows() == rows && in->cols() == cols)
    return in;
  return e.propagate({StructuralOp::Broadcast, rows, cols}, {in});
}

/// The metadata rule of the op interface turned into the estimator's synopsis.
SynopsisRef metadataRule(Operation *op, ArrayRef<SynopsisRef> in, int64_t rows, int64_t cols,
                         const Estimator &e) {
  auto iface = dyn_cast<SparsityPropagationOpInterface>(op);
  if (!iface)
    return nullptr;
  SmallVector<ValueStats> stats;
  for (auto [value, s] : llvm::zip(op->getOperands(), in)) {
    ValueStats v;
    if (s) {
      v.rows = s->rows();
      v.cols = s->cols();
      v.density = s->density();
    } else if (isa<RankedTensorType>(value.getType())) {
      return nullptr; // an unknown matrix operand
    } // index operands (sizes, offsets) are 1 x 1 and do not matter
    v.isScalar = !isa<RankedTensorType>(value.getType());
    stats.push_back(v);
  }
  ValueStats result;
  result.rows = rows;
  result.cols = cols;
  std::optional<double> density = iface.propagateDensity(stats, result);
  if (!density)
    return nullptr;
  return e.fromMetadata(rows, cols, std::clamp(*density, 0.0, 1.0) * double(rows) * double(cols));
}

/// The structural descriptor of a non-element-wise op, if it has one.
std::optional<OpDescriptor> reorganisation(Operation *op, int64_t rows, int64_t cols) {
  auto d = [&](StructuralOp k) { return OpDescriptor{k, rows, cols}; };
  if (isa<MatMulOp>(op))
    return d(StructuralOp::MatMul);
  if (isa<TransposeOp>(op))
    return d(StructuralOp::Transpose);
  if (isa<ReshapeOp>(op))
    return d(StructuralOp::Reshape);
  if (isa<CBindOp>(op))
    return d(StructuralOp::CBind);
  if (isa<RBindOp>(op))
    return d(StructuralOp::RBind);
  if (isa<DiagOp>(op))
    return d(StructuralOp::Diag);
  if (isa<CastOp, ConvertOp>(op)) // same pattern, other type or format
    return d(StructuralOp::NotEqualZero);
  if (auto slice = dyn_cast<SliceOp>(op)) {
    std::optional<int64_t> r = constantIndex(slice.getRowBegin()),
                           c = constantIndex(slice.getColBegin());
    if (r && c)
      return OpDescriptor{StructuralOp::Slice, rows, cols, *r, *c};
  }
  return std::nullopt;
}

/// The static shape of `op`'s matrix result: its type's, or derived from the
/// operands' synopses (static inputs, dynamic intermediate types, as after the
/// JIT's specialization of parameters) and constant sizes.
std::optional<std::pair<int64_t, int64_t>> resultShape(Operation *op, ArrayRef<SynopsisRef> in,
                                                       OpFamily family) {
  Value result = op->getResult(0);
  if (std::optional<std::pair<int64_t, int64_t>> s = staticShape(result))
    return s;
  auto type = cast<RankedTensorType>(result.getType());
  auto known = [&](unsigned i) { return i < in.size() && in[i]; };
  auto fromSizes = [&](ValueRange sizes) -> std::optional<std::pair<int64_t, int64_t>> {
    int64_t dims[2];
    unsigned next = 0;
    for (int d = 0; d < 2; ++d) {
      if (!type.isDynamicDim(d)) {
        dims[d] = type.getDimSize(d);
        continue;
      }
      std::optional<int64_t> c = next < sizes.size() ? constantIndex(sizes[next++]) : std::nullopt;
      if (!c)
        return std::nullopt;
      dims[d] = *c;
    }
    return std::pair<int64_t, int64_t>{dims[0], dims[1]};
  };
  switch (family) {
  case OpFamily::ElementwiseBinary:
  case OpFamily::ElementwiseUnary:
  case OpFamily::Ternary: {
    int64_t rows = 1, cols = 1;
    for (unsigned i = 0; i < in.size(); ++i) {
      if (!known(i))
        return std::nullopt;
      rows = in[i]->rows() != 1 ? in[i]->rows() : rows;
      cols = in[i]->cols() != 1 ? in[i]->cols() : cols;
    }
    return std::pair<int64_t, int64_t>{rows, cols};
  }
  default:
    break;
  }
  if (!known(0))
    return std::nullopt;
  int64_t r = in[0]->rows(), c = in[0]->cols();
  if (isa<MatMulOp>(op))
    return known(1) ? std::optional(std::pair<int64_t, int64_t>{r, in[1]->cols()}) : std::nullopt;
  if (isa<TransposeOp>(op))
    return std::pair<int64_t, int64_t>{c, r};
  if (isa<CBindOp, RBindOp>(op)) {
    if (!known(1))
      return std::nullopt;
    return isa<CBindOp>(op) ? std::pair<int64_t, int64_t>{r, c + in[1]->cols()}
                            : std::pair<int64_t, int64_t>{r + in[1]->rows(), c};
  }
  if (isa<DiagOp>(op))
    return c == 1 ? std::pair<int64_t, int64_t>{r, r} : std::pair<int64_t, int64_t>{r, 1};
  if (isa<CastOp, ConvertOp, RevOp>(op))
    return std::pair<int64_t, int64_t>{r, c};
  if (isa<InsertOp, SolveOp>(op))
    return known(1) ? std::optional(std::pair<int64_t, int64_t>{in[1]->rows(), in[1]->cols()})
                    : std::nullopt;
  if (auto slice = dyn_cast<SliceOp>(op)) {
    std::optional<int64_t> r0 = constantIndex(slice.getRowBegin()),
                           r1 = constantIndex(slice.getRowEnd()),
                           c0 = constantIndex(slice.getColBegin()),
                           c1 = constantIndex(slice.getColEnd());
    if (r0 && r1 && c0 && c1)
      return std::pair<int64_t, int64_t>{*r1 - *r0, *c1 - *c0};
    return std::nullopt;
  }
  if (auto reshape = dyn_cast<ReshapeOp>(op))
    return fromSizes(reshape.getDynamicSizes());
  if (family == OpFamily::Aggregate) {
    auto axis = op->getAttrOfType<AxisAttr>("axis");
    if (axis && axis.getValue() == Axis::row)
      return std::pair<int64_t, int64_t>{r, 1};
    if (axis && axis.getValue() == Axis::col)
      return std::pair<int64_t, int64_t>{1, c};
  }
  return std::nullopt;
}

} // namespace

SynopsisRef synopsisOfConstant(Value v, const Estimator &e) {
  std::optional<std::pair<int64_t, int64_t>> shape = staticShape(v);
  if (!shape)
    return nullptr;
  int64_t rows = shape->first, cols = shape->second;
  if (!isa<RankedTensorType>(v.getType())) { // a scalar: non-zero unless constant 0
    std::optional<double> c = getScalarConstant(v);
    return e.build(c && *c == 0 ? MatrixStructure::empty(1, 1)
                                : MatrixStructure::fromCoordinates(1, 1, {{0, 0}}));
  }
  DenseElementsAttr dense;
  if (matchPattern(v, m_Constant(&dense))) {
    std::vector<std::pair<int64_t, int64_t>> coords;
    int64_t index = 0;
    auto add = [&](bool nonZero) {
      if (nonZero)
        coords.push_back({index / cols, index % cols});
      ++index;
    };
    if (isa<FloatType>(dense.getElementType()))
      for (APFloat x : dense.getValues<APFloat>())
        add(!x.isZero());
    else if (isa<IntegerType>(dense.getElementType()))
      for (APInt x : dense.getValues<APInt>())
        add(!x.isZero());
    else
      return nullptr;
    return e.build(MatrixStructure::fromCoordinates(rows, cols, std::move(coords)));
  }
  return nullptr;
}

SmallVector<SynopsisRef> estimateResults(Operation *op, ArrayRef<SynopsisRef> in,
                                         const Estimator &e) {
  SmallVector<SynopsisRef> out(op->getNumResults(), nullptr);
  if (!isa<LADialect>(op->getDialect())) { // constants are known, other ops not
    for (auto [r, value] : llvm::zip(out, op->getResults()))
      r = synopsisOfConstant(value, e);
    return out;
  }
  if (op->getNumResults() != 1 || !isa<RankedTensorType>(op->getResult(0).getType()))
    return out; // scalars (full aggregates)
  auto iface = dyn_cast<SparsityPropagationOpInterface>(op);
  OpFamily family = iface ? iface.getOpFamily() : OpFamily::Generator;
  std::optional<std::pair<int64_t, int64_t>> shape = resultShape(op, in, family);
  if (!shape)
    return out;
  auto [rows, cols] = *shape;
  if (family == OpFamily::ElementwiseBinary || family == OpFamily::ElementwiseUnary) {
    for (const SynopsisRef &s : in)
      if (!s)
        return out;
    // x != 0 keeps the pattern of x, x == 0 complements it.
    if (isa<NeOp, EqOp>(op))
      for (unsigned i = 0; i < 2; ++i)
        if (std::optional<double> c = getScalarConstant(op->getOperand(1 - i)); c && *c == 0) {
          StructuralOp k = isa<NeOp>(op) ? StructuralOp::NotEqualZero : StructuralOp::EqualZero;
          out[0] = e.propagate({k, rows, cols}, {broadcast(in[i], rows, cols, e)});
          return out;
        }
    // x / y keeps the pattern of a sparse float or an integer numerator
    // (la.div's structural zeros).
    if (auto div = dyn_cast<DivOp>(op);
        div && (div.hasStructuralNumerator() ||
                isa<IntegerType>(getElementTypeOrSelf(div.getLhs().getType())))) {
      out[0] = e.propagate({StructuralOp::NotEqualZero, rows, cols},
                           {broadcast(in[0], rows, cols, e)});
      return out;
    }
    std::optional<StructuralOp> kind = elementwiseOp(op);
    if (!kind) { // dense: every cell non-zero on average
      out[0] = e.fromMetadata(rows, cols, double(rows) * double(cols));
      return out;
    }
    std::vector<SynopsisRef> operands;
    for (const SynopsisRef &s : in)
      operands.push_back(broadcast(s, rows, cols, e));
    out[0] = e.propagate({*kind, rows, cols}, operands);
    return out;
  }

  if (std::optional<OpDescriptor> d = reorganisation(op, rows, cols)) {
    std::vector<SynopsisRef> operands;
    for (auto [value, s] : llvm::zip(op->getOperands(), in))
      if (isa<RankedTensorType>(value.getType())) {
        if (!s)
          return out;
        operands.push_back(s);
      }
    if (isWellFormed(*d, operands)) {
      out[0] = e.propagate(*d, operands);
      return out;
    }
  }
  out[0] = metadataRule(op, in, rows, cols, e);
  return out;
}

} // namespace lauryn::la
