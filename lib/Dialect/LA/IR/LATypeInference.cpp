//===- LATypeInference.cpp - result types of la op families ---------------===//

#include "LATypeInference.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Matchers.h"
#include "llvm/Support/MathExtras.h"

using namespace mlir;

namespace lauryn::la::detail {

static constexpr int64_t kDyn = ShapedType::kDynamic;

template <typename... Args>
static LogicalResult fail(const InferContext &ic, Args &&...args) {
  return emitOptionalError(ic.loc, "'", ic.opName, "' op ",
                           std::forward<Args>(args)...);
}

static bool isLAElement(Type t) {
  return t.isF64() || t.isF32() || t.isBF16() || t.isInteger(64) ||
         t.isInteger(32) || t.isInteger(8);
}

static std::string dimStr(int64_t d) {
  return ShapedType::isDynamic(d) ? std::string("?") : std::to_string(d);
}

FailureOr<LAType> LAType::classify(const InferContext &ic, Type t,
                                   StringRef what) {
  LAType r;
  if (auto tensor = dyn_cast<RankedTensorType>(t)) {
    if (tensor.getRank() != 2)
      return fail(ic, what, " must be a 2-D matrix or a scalar, got ", t);
    if (tensor.getEncoding() &&
        !isa<sparse_tensor::SparseTensorEncodingAttr>(tensor.getEncoding()))
      return fail(ic, what, " has an encoding that is not a sparse_tensor "
                            "encoding: ", t);
    r.isMatrix = true;
    r.rows = tensor.getDimSize(0);
    r.cols = tensor.getDimSize(1);
    int64_t cells;
    if (!ShapedType::isDynamic(r.rows) && !ShapedType::isDynamic(r.cols) &&
        llvm::MulOverflow(r.rows, r.cols, cells))
      return fail(ic, what, " has more cells than fit in 64 bits: ", t);
    r.element = tensor.getElementType();
    r.encoding = tensor.getEncoding();
  } else {
    r.element = t;
  }
  if (!isLAElement(r.element))
    return fail(ic, what, " has element type ", r.element,
                "; expected one of f64, f32, bf16, i64, i32, i8");
  return r;
}

Type LAType::toMatrixType() const {
  return RankedTensorType::get({rows, cols}, element, encoding);
}

LogicalResult checkOperandCount(const InferContext &ic, size_t actual,
                                int expected) {
  if (expected >= 0 && actual != size_t(expected))
    return fail(ic, "expects ", expected, " operands, got ", actual);
  return success();
}

bool areCompatibleResultTypes(TypeRange inferred, TypeRange actual) {
  if (inferred.size() != actual.size())
    return false;
  for (auto [a, b] : llvm::zip(inferred, actual)) {
    auto ta = dyn_cast<RankedTensorType>(a);
    auto tb = dyn_cast<RankedTensorType>(b);
    if (!ta || !tb) {
      if (a != b)
        return false;
      continue;
    }
    if (ta.getElementType() != tb.getElementType() ||
        ta.getRank() != tb.getRank())
      return false;
    for (auto [da, db] : llvm::zip(ta.getShape(), tb.getShape()))
      if (da != db && !ShapedType::isDynamic(da) && !ShapedType::isDynamic(db))
        return false;
    // A written result type may choose a format, but only a real one.
    if (tb.getEncoding() && !isa<sparse_tensor::SparseTensorEncodingAttr>(tb.getEncoding()))
      return false;
  }
  return true;
}

/// Merges one dimension across broadcasting operands. `sizes` holds the size of
/// that dimension for every matrix operand.
static FailureOr<int64_t> broadcastDim(const InferContext &ic,
                                       ArrayRef<int64_t> sizes, StringRef dim) {
  int64_t full = 1;
  bool anyDynamic = false;
  for (int64_t s : sizes) {
    if (ShapedType::isDynamic(s)) {
      anyDynamic = true;
      continue;
    }
    if (s == 1)
      continue;
    if (full != 1 && full != s)
      return fail(ic, "operands have incompatible ", dim, " (", full, " vs ", s,
                  "); only equal sizes or a statically 1-sized ", dim,
                  " broadcast");
    full = s;
  }
  if (full != 1)
    return full;
  return anyDynamic ? kDyn : int64_t(1);
}

/// Broadcast result of element-wise operands (no encoding chosen yet).
static FailureOr<LAType> broadcast(const InferContext &ic,
                                   ArrayRef<LAType> operands) {
  LAType result;
  result.element = operands.front().element;
  SmallVector<int64_t> rows, cols;
  for (const LAType &o : operands) {
    if (!o.isMatrix)
      continue;
    result.isMatrix = true;
    rows.push_back(o.rows);
    cols.push_back(o.cols);
  }
  if (!result.isMatrix)
    return result;
  FailureOr<int64_t> r = broadcastDim(ic, rows, "row counts");
  FailureOr<int64_t> c = broadcastDim(ic, cols, "column counts");
  if (failed(r) || failed(c))
    return failure();
  result.rows = *r;
  result.cols = *c;
  return result;
}

/// True if `o` covers the full result shape (is not broadcast along any dim; a
/// dynamic dimension is never broadcast).
static bool coversResult(const LAType &o, const LAType &result) {
  return o.isMatrix && !(o.rows == 1 && result.rows != 1) &&
         !(o.cols == 1 && result.cols != 1);
}

/// Result encoding of an element-wise op by its zero rule: a sparse format is
/// kept only where zeros of the inputs make zeros of the output.
static Attribute elementwiseEncoding(ArrayRef<LAType> operands,
                                     const LAType &result, ZeroRule rule) {
  switch (rule) {
  case ZeroRule::Dense:
    return {};
  case ZeroRule::Preserve:
    return operands.front().encoding;
  case ZeroRule::Numerator:
    return coversResult(operands.front(), result) ? operands.front().encoding : Attribute();
  case ZeroRule::Intersect:
    for (const LAType &o : operands)
      if (o.encoding && coversResult(o, result))
        return o.encoding;
    return {};
  case ZeroRule::Union:
    for (const LAType &o : operands)
      if (!o.encoding || !coversResult(o, result))
        return {};
    return operands.front().encoding;
  }
  return {};
}

LogicalResult inferElementwiseType(const InferContext &ic,
                                   ArrayRef<Type> operandTypes, ZeroRule rule,
                                   bool floatOnly, Types &inferred) {
  SmallVector<LAType, 3> operands;
  for (auto [i, t] : llvm::enumerate(operandTypes)) {
    FailureOr<LAType> o =
        LAType::classify(ic, t, "operand #" + std::to_string(i));
    if (failed(o))
      return failure();
    if (!operands.empty() && o->element != operands.front().element)
      return fail(ic, "operands have different element types (",
                  operands.front().element, " vs ", o->element,
                  "); insert an explicit la.cast");
    operands.push_back(*o);
  }
  if (floatOnly && !isa<FloatType>(operands.front().element))
    return fail(ic, "requires a floating-point element type, got ",
                operands.front().element);
  FailureOr<LAType> result = broadcast(ic, operands);
  if (failed(result))
    return failure();
  if (!result->isMatrix) {
    inferred.push_back(result->element);
    return success();
  }
  result->encoding = elementwiseEncoding(operands, *result, rule);
  inferred.push_back(result->toMatrixType());
  return success();
}

LogicalResult inferIfElseType(const InferContext &ic, Type cond, Type a, Type b,
                              Types &inferred) {
  SmallVector<LAType, 3> operands;
  Type types[] = {cond, a, b};
  for (auto [i, t] : llvm::enumerate(types)) {
    FailureOr<LAType> o =
        LAType::classify(ic, t, "operand #" + std::to_string(i));
    if (failed(o))
      return failure();
    operands.push_back(*o);
  }
  if (operands[1].element != operands[2].element)
    return fail(ic, "branches have different element types (",
                operands[1].element, " vs ", operands[2].element, ")");
  FailureOr<LAType> result = broadcast(ic, operands);
  if (failed(result))
    return failure();
  result->element = operands[1].element;
  inferred.push_back(result->isMatrix ? result->toMatrixType()
                                      : result->element);
  return success();
}

static FailureOr<LAType> classifyMatrix(const InferContext &ic, Type t,
                                        StringRef what) {
  FailureOr<LAType> m = LAType::classify(ic, t, what);
  if (failed(m))
    return failure();
  if (!m->isMatrix)
    return fail(ic, what, " must be a matrix, got scalar ", t);
  return m;
}

LogicalResult inferAggregateType(const InferContext &ic, Type input, Axis axis,
                                 AggKind kind, Types &inferred) {
  FailureOr<LAType> in = classifyMatrix(ic, input, "input");
  if (failed(in))
    return failure();
  if ((kind == AggKind::Mean || kind == AggKind::Var) &&
      !isa<FloatType>(in->element))
    return fail(ic, "requires a floating-point element type, got ",
                in->element, "; cast first");
  Type element =
      kind == AggKind::Nnz ? IntegerType::get(ic.context, 64) : in->element;
  switch (axis) {
  case Axis::all:
    inferred.push_back(element);
    break;
  case Axis::row:
    inferred.push_back(RankedTensorType::get({in->rows, 1}, element));
    break;
  case Axis::col:
    inferred.push_back(RankedTensorType::get({1, in->cols}, element));
    break;
  }
  return success();
}

static bool conflicts(int64_t a, int64_t b) {
  return !ShapedType::isDynamic(a) && !ShapedType::isDynamic(b) && a != b;
}
static int64_t merge(int64_t a, int64_t b) {
  return ShapedType::isDynamic(a) ? b : a;
}

LogicalResult inferMatMulType(const InferContext &ic, Type lhs, Type rhs,
                              Types &inferred) {
  FailureOr<LAType> l = classifyMatrix(ic, lhs, "lhs");
  FailureOr<LAType> r = classifyMatrix(ic, rhs, "rhs");
  if (failed(l) || failed(r))
    return failure();
  if (l->element != r->element)
    return fail(ic, "operands have different element types (", l->element,
                " vs ", r->element, ")");
  if (conflicts(l->cols, r->rows))
    return fail(ic, "inner dimensions differ: lhs is ", dimStr(l->rows), "x",
                dimStr(l->cols), ", rhs is ", dimStr(r->rows), "x",
                dimStr(r->cols));
  inferred.push_back(RankedTensorType::get({l->rows, r->cols}, l->element));
  return success();
}

LogicalResult inferTransposeType(const InferContext &ic, Type input,
                                 Types &inferred) {
  FailureOr<LAType> in = classifyMatrix(ic, input, "input");
  if (failed(in))
    return failure();
  std::swap(in->rows, in->cols);
  inferred.push_back(in->toMatrixType());
  return success();
}

LogicalResult inferBindType(const InferContext &ic, TypeRange inputs,
                            bool alongCols, Types &inferred) {
  if (inputs.empty())
    return fail(ic, "requires at least one operand");
  LAType result;
  for (auto [i, t] : llvm::enumerate(inputs)) {
    FailureOr<LAType> o =
        classifyMatrix(ic, t, "operand #" + std::to_string(i));
    if (failed(o))
      return failure();
    if (i == 0) {
      result = *o;
      continue;
    }
    if (o->element != result.element)
      return fail(ic, "operands have different element types (",
                  result.element, " vs ", o->element, ")");
    int64_t &keep = alongCols ? result.rows : result.cols;
    int64_t &grow = alongCols ? result.cols : result.rows;
    int64_t oKeep = alongCols ? o->rows : o->cols;
    int64_t oGrow = alongCols ? o->cols : o->rows;
    if (conflicts(keep, oKeep))
      return fail(ic, "operand #", i, " has ", oKeep,
                  alongCols ? " rows" : " columns", ", expected ", keep);
    keep = merge(keep, oKeep);
    if (ShapedType::isDynamic(grow) || ShapedType::isDynamic(oGrow)) {
      grow = kDyn;
    } else if (llvm::AddOverflow(grow, oGrow, grow)) {
      return fail(ic, "result ", alongCols ? "column" : "row",
                  " count overflows 64 bits");
    }
    if (o->encoding != result.encoding)
      result.encoding = {};
  }
  inferred.push_back(result.toMatrixType());
  return success();
}

static std::optional<int64_t> constantIndex(Value v) {
  APInt value;
  if (v && matchPattern(v, m_ConstantInt(&value)))
    return value.getSExtValue();
  return std::nullopt;
}

/// Checks a constant half-open range [b, e) against a dimension; returns its
/// extent (dynamic unless both bounds are constant).
static FailureOr<int64_t> rangeExtent(const InferContext &ic, Value begin,
                                      Value end, int64_t dim, StringRef what) {
  std::optional<int64_t> b = constantIndex(begin), e = constantIndex(end);
  if (b && *b < 0)
    return fail(ic, what, " begin ", *b, " is negative");
  if (b && e && *e < *b)
    return fail(ic, what, " range [", *b, ", ", *e, ") is reversed");
  if (e && !ShapedType::isDynamic(dim) && *e > dim)
    return fail(ic, what, " end ", *e, " exceeds the dimension size ", dim);
  if (b && !ShapedType::isDynamic(dim) && *b > dim)
    return fail(ic, what, " begin ", *b, " exceeds the dimension size ", dim);
  return (b && e) ? *e - *b : kDyn;
}

LogicalResult inferSliceType(const InferContext &ic, Type input,
                             ValueRange bounds, Types &inferred) {
  FailureOr<LAType> in = classifyMatrix(ic, input, "input");
  if (failed(in))
    return failure();
  for (auto [i, b] : llvm::enumerate(bounds))
    if (!b.getType().isIndex())
      return fail(ic, "operand #", i + 1, " must be index, but got ", b.getType());
  FailureOr<int64_t> rows = rangeExtent(ic, bounds[0], bounds[1], in->rows, "row");
  FailureOr<int64_t> cols = rangeExtent(ic, bounds[2], bounds[3], in->cols, "column");
  if (failed(rows) || failed(cols))
    return failure();
  in->rows = *rows;
  in->cols = *cols;
  inferred.push_back(in->toMatrixType());
  return success();
}

LogicalResult inferInsertType(const InferContext &ic, Type source, Type dest,
                              Value rowOffset, Value colOffset,
                              Types &inferred) {
  FailureOr<LAType> s = classifyMatrix(ic, source, "source");
  FailureOr<LAType> d = classifyMatrix(ic, dest, "dest");
  if (failed(s) || failed(d))
    return failure();
  Value offsets[] = {rowOffset, colOffset};
  for (auto [i, v] : llvm::enumerate(offsets))
    if (!v.getType().isIndex())
      return fail(ic, "operand #", i + 2, " must be index, but got ", v.getType());
  if (s->element != d->element)
    return fail(ic, "source and dest have different element types (",
                s->element, " vs ", d->element, ")");
  auto check = [&](Value offset, int64_t extent, int64_t dim,
                   StringRef what) -> LogicalResult {
    std::optional<int64_t> o = constantIndex(offset);
    if (o && *o < 0)
      return fail(ic, what, " offset ", *o, " is negative");
    if (!ShapedType::isDynamic(extent) && !ShapedType::isDynamic(dim) &&
        extent > dim)
      return fail(ic, "source ", what, " extent ", extent,
                  " exceeds the dest size ", dim);
    if (o && !ShapedType::isDynamic(extent) && !ShapedType::isDynamic(dim) &&
        *o > dim - extent) // extent <= dim here, so no overflow
      return fail(ic, "source does not fit: ", what, " offset ", *o, " + ",
                  extent, " > ", dim);
    return success();
  };
  if (failed(check(rowOffset, s->rows, d->rows, "row")) ||
      failed(check(colOffset, s->cols, d->cols, "column")))
    return failure();
  inferred.push_back(d->toMatrixType());
  return success();
}

LogicalResult inferDiagType(const InferContext &ic, Type input,
                            Types &inferred) {
  FailureOr<LAType> in = classifyMatrix(ic, input, "input");
  if (failed(in))
    return failure();
  if (in->cols == 1) { // column vector -> diagonal matrix
    in->cols = in->rows;
    inferred.push_back(in->toMatrixType());
    return success();
  }
  if (conflicts(in->rows, in->cols))
    return fail(ic, "input must be a column vector (n x 1) or square, got ",
                dimStr(in->rows), "x", dimStr(in->cols));
  inferred.push_back(
      RankedTensorType::get({merge(in->rows, in->cols), 1}, in->element));
  return success();
}

LogicalResult inferSameShapeType(const InferContext &ic, Type input,
                                 Types &inferred) {
  FailureOr<LAType> in = classifyMatrix(ic, input, "input");
  if (failed(in))
    return failure();
  inferred.push_back(in->toMatrixType());
  return success();
}

LogicalResult inferSolveType(const InferContext &ic, Type lhs, Type rhs,
                             Types &inferred) {
  FailureOr<LAType> a = classifyMatrix(ic, lhs, "lhs");
  FailureOr<LAType> b = classifyMatrix(ic, rhs, "rhs");
  if (failed(a) || failed(b))
    return failure();
  if (!isa<FloatType>(a->element) || a->element != b->element)
    return fail(ic, "requires operands of one floating-point element type, "
                    "got ", a->element, " and ", b->element);
  if (conflicts(a->rows, a->cols))
    return fail(ic, "lhs must be square, got ", dimStr(a->rows), "x",
                dimStr(a->cols));
  int64_t n = merge(a->rows, a->cols);
  if (conflicts(n, b->rows))
    return fail(ic, "rhs has ", b->rows, " rows, expected ", n);
  inferred.push_back(RankedTensorType::get({n, b->cols}, a->element));
  return success();
}

} // namespace lauryn::la::detail
