//===- LAFolds.cpp - constant folding and exact algebraic folds -----------===//
//
// Every fold here is exact under IEEE-754 and two's-complement integer
// semantics: X*1, X/1, X^1, X-0 (and X+(-0.0) for floats, X+0 for integers),
// min(X,X), --X, t(t(X)), rev(rev(X)), diag(diag(v)), no-op casts, reshapes,
// conversions, slices and binds, and aggregates of vectors along their length-1
// axis. X+0.0 is not folded for floats: -0.0 + 0.0 is +0.0. Constant folding
// evaluates DML semantics on constants of at most kMaxFoldCells cells.
//
//===----------------------------------------------------------------------===//

#include "lauryn/Dialect/LA/IR/LAOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/TypeUtilities.h"
#include "mlir/IR/Matchers.h"
#include "llvm/Support/MathExtras.h"
#include <cmath>

using namespace mlir;
using namespace lauryn::la;

namespace {

constexpr int64_t kMaxFoldCells = 1 << 16;

/// rows * cols, or std::nullopt if it overflows int64.
std::optional<int64_t> cellCount(int64_t rows, int64_t cols) {
  int64_t cells;
  if (llvm::MulOverflow(rows, cols, cells))
    return std::nullopt;
  return cells;
}

/// True if a non-splat constant of rows x cols cells may be materialized.
bool smallEnough(int64_t rows, int64_t cols) {
  std::optional<int64_t> cells = cellCount(rows, cols);
  return cells && *cells <= kMaxFoldCells;
}

/// A constant la value: a scalar or a (possibly splat) matrix, held as doubles
/// for float element types and int64 for integer element types.
struct Const {
  bool isMatrix = false;
  bool isFloat = true;
  bool splat = false;
  int64_t rows = 1, cols = 1;
  SmallVector<double> f;
  SmallVector<int64_t> i;

  static std::optional<Const> get(Attribute attr) {
    Const c;
    if (auto fa = dyn_cast_or_null<FloatAttr>(attr)) {
      c.f.push_back(fa.getValueAsDouble());
      c.splat = true;
      return c;
    }
    if (auto ia = dyn_cast_or_null<IntegerAttr>(attr)) {
      if (isa<IndexType>(ia.getType()))
        return std::nullopt;
      c.isFloat = false;
      c.i.push_back(ia.getValue().getSExtValue());
      c.splat = true;
      return c;
    }
    auto dense = dyn_cast_or_null<DenseElementsAttr>(attr);
    if (!dense)
      return std::nullopt;
    auto type = dyn_cast<RankedTensorType>(dense.getType());
    if (!type || type.getRank() != 2 || type.getEncoding())
      return std::nullopt;
    c.isMatrix = true;
    c.rows = type.getDimSize(0);
    c.cols = type.getDimSize(1);
    c.splat = dense.isSplat();
    if (!c.splat && !smallEnough(c.rows, c.cols))
      return std::nullopt;
    c.isFloat = isa<FloatType>(type.getElementType());
    if (c.isFloat) {
      if (c.splat)
        c.f.push_back(dense.getSplatValue<APFloat>().convertToDouble());
      else
        for (const APFloat &v : dense.getValues<APFloat>())
          c.f.push_back(v.convertToDouble());
    } else {
      if (c.splat)
        c.i.push_back(dense.getSplatValue<APInt>().getSExtValue());
      else
        for (const APInt &v : dense.getValues<APInt>())
          c.i.push_back(v.getSExtValue());
    }
    return c;
  }

  /// Cell (r, c) with DML broadcasting of scalars and vectors.
  size_t index(int64_t r, int64_t c) const {
    if (splat)
      return 0;
    return size_t((rows == 1 ? 0 : r) * cols + (cols == 1 ? 0 : c));
  }
  double fAt(int64_t r, int64_t c) const { return f[index(r, c)]; }
  int64_t iAt(int64_t r, int64_t c) const { return i[index(r, c)]; }
  /// True if every cell equals `v` (numerically: -0.0 == 0.0).
  bool isSplatOf(double v) const {
    return splat && (isFloat ? f[0] == v : double(i[0]) == v);
  }
  /// True if every cell is bitwise `v` (distinguishes -0.0 from 0.0).
  bool isSplatBitwise(double v) const {
    return splat && isFloat && std::signbit(f[0]) == std::signbit(v) &&
           f[0] == v;
  }
};

/// Builds the attribute for `type` (scalar or static dense tensor) from
/// per-cell values; null if `type` cannot hold a folded constant.
Attribute buildConst(Type type, bool splat, function_ref<double(int64_t, int64_t)> fv,
                     function_ref<int64_t(int64_t, int64_t)> iv) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  Type element = tensor ? tensor.getElementType() : type;
  auto makeFloat = [&](double v) {
    APFloat value(v);
    bool lost;
    value.convert(cast<FloatType>(element).getFloatSemantics(),
                  APFloat::rmNearestTiesToEven, &lost);
    return value;
  };
  auto makeInt = [&](int64_t v) {
    return APInt(element.getIntOrFloatBitWidth(), uint64_t(v), /*isSigned=*/true,
                 /*implicitTrunc=*/true);
  };
  bool isFloat = isa<FloatType>(element);
  if (!tensor) {
    if (isFloat)
      return FloatAttr::get(element, makeFloat(fv(0, 0)));
    return IntegerAttr::get(element, makeInt(iv(0, 0)));
  }
  if (!tensor.hasStaticShape() || tensor.getEncoding())
    return {};
  int64_t rows = tensor.getDimSize(0), cols = tensor.getDimSize(1);
  if (splat) {
    if (isFloat)
      return DenseElementsAttr::get(tensor, makeFloat(fv(0, 0)));
    return DenseElementsAttr::get(tensor, makeInt(iv(0, 0)));
  }
  if (!smallEnough(rows, cols))
    return {};
  if (isFloat) {
    SmallVector<APFloat> values;
    for (int64_t r = 0; r < rows; ++r)
      for (int64_t c = 0; c < cols; ++c)
        values.push_back(makeFloat(fv(r, c)));
    return DenseElementsAttr::get(tensor, values);
  }
  SmallVector<APInt> values;
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t c = 0; c < cols; ++c)
      values.push_back(makeInt(iv(r, c)));
  return DenseElementsAttr::get(tensor, values);
}

double dmlMod(double a, double b) { return a - std::floor(a / b) * b; }
double sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }
double sign(double x) { return std::isnan(x) ? x : double((x > 0) - (x < 0)); }
bool truthy(double x) { return x != 0.0; } // NaN is non-zero, hence true

/// Sign-extends the low `width` bits of v.
int64_t signExtend(int64_t v, unsigned width) {
  return width >= 64 ? v : llvm::SignExtend64(uint64_t(v), width);
}
/// Integer division is undefined for b == 0 and MIN / -1; la defines both as
/// 0 (ScalarSemantics.cpp), at the operands' bit width.
bool divisionYieldsZero(int64_t a, int64_t b, unsigned width) {
  int64_t minValue = width >= 64 ? INT64_MIN : -(int64_t(1) << (width - 1));
  return b == 0 || (signExtend(a, width) == minValue && b == -1);
}
std::optional<int64_t> floorDiv(int64_t a, int64_t b, unsigned width) {
  if (divisionYieldsZero(a, b, width))
    return 0;
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0)))
    --q;
  return q;
}
std::optional<int64_t> wrap(uint64_t v) { return int64_t(v); }
std::optional<int64_t> ipow(int64_t base, int64_t exp, unsigned) {
  if (exp < 0)
    return std::nullopt;
  uint64_t result = 1, b = uint64_t(base);
  for (; exp; exp >>= 1, b *= b)
    if (exp & 1)
      result *= b;
  return int64_t(result);
}

/// Evaluation of a binary op on doubles and on integers of a bit width (the
/// integer result is truncated to that width by buildConst).
struct BinaryFns {
  double (*f)(double, double);
  std::optional<int64_t> (*i)(int64_t, int64_t, unsigned width);
};

/// Folds `op(lhs, rhs)` when both operands are constant.
OpFoldResult foldBinaryConstants(Operation *op, ArrayRef<Attribute> operands,
                                 BinaryFns fns) {
  std::optional<Const> a = Const::get(operands[0]), b = Const::get(operands[1]);
  if (!a || !b || a->isFloat != b->isFloat)
    return {};
  Type type = op->getResult(0).getType();
  auto tensor = dyn_cast<RankedTensorType>(type);
  bool splat = a->splat && b->splat;
  if (tensor && (!tensor.hasStaticShape() ||
                 (!splat && !smallEnough(tensor.getDimSize(0), tensor.getDimSize(1)))))
    return {};
  unsigned width = a->isFloat ? 64 : getElementTypeOrSelf(type).getIntOrFloatBitWidth();
  if (!a->isFloat) {
    // Integer ops that refuse some operands are evaluated up front.
    int64_t rows = splat || !tensor ? 1 : tensor.getDimSize(0);
    int64_t cols = splat || !tensor ? 1 : tensor.getDimSize(1);
    for (int64_t r = 0; r < rows; ++r)
      for (int64_t c = 0; c < cols; ++c)
        if (!fns.i(a->iAt(r, c), b->iAt(r, c), width))
          return {};
  }
  return buildConst(
      type, splat, [&](int64_t r, int64_t c) { return fns.f(a->fAt(r, c), b->fAt(r, c)); },
      [&](int64_t r, int64_t c) { return *fns.i(a->iAt(r, c), b->iAt(r, c), width); });
}

/// Folds a unary op on a constant.
OpFoldResult foldUnaryConstant(Operation *op, Attribute operand,
                               double (*f)(double), int64_t (*i)(int64_t)) {
  std::optional<Const> a = Const::get(operand);
  if (!a || (!a->isFloat && !i))
    return {};
  return buildConst(
      op->getResult(0).getType(), a->splat,
      [&](int64_t r, int64_t c) { return f(a->fAt(r, c)); },
      [&](int64_t r, int64_t c) { return i(a->iAt(r, c)); });
}

/// `x` if replacing the op by it keeps the result type.
OpFoldResult sameTypeOr(Operation *op, Value x) {
  if (x.getType() == op->getResult(0).getType())
    return x;
  return {};
}

/// Identity folds for `x op c` when the constant `c` is a neutral element.
OpFoldResult foldRightIdentity(Operation *op, Attribute rhs,
                               function_ref<bool(const Const &)> isNeutral) {
  std::optional<Const> c = Const::get(rhs);
  if (c && isNeutral(*c))
    return sameTypeOr(op, op->getOperand(0));
  return {};
}

} // namespace

//===----------------------------------------------------------------------===//
// Element-wise binary
//===----------------------------------------------------------------------===//

OpFoldResult AddOp::fold(FoldAdaptor adaptor) {
  // Commutative: constants are moved to the rhs before folding.
  if (OpFoldResult r = foldRightIdentity(*this, adaptor.getRhs(), [](const Const &c) {
        return c.isFloat ? c.isSplatBitwise(-0.0) : c.isSplatOf(0);
      }))
    return r;
  return foldBinaryConstants(
      *this, adaptor.getOperands(),
      {[](double a, double b) { return a + b; },
       [](int64_t a, int64_t b, unsigned) { return wrap(uint64_t(a) + uint64_t(b)); }});
}

OpFoldResult SubOp::fold(FoldAdaptor adaptor) {
  if (OpFoldResult r = foldRightIdentity(*this, adaptor.getRhs(), [](const Const &c) {
        return c.isFloat ? c.isSplatBitwise(0.0) : c.isSplatOf(0);
      }))
    return r;
  return foldBinaryConstants(
      *this, adaptor.getOperands(),
      {[](double a, double b) { return a - b; },
       [](int64_t a, int64_t b, unsigned) { return wrap(uint64_t(a) - uint64_t(b)); }});
}

OpFoldResult MulOp::fold(FoldAdaptor adaptor) {
  if (OpFoldResult r = foldRightIdentity(*this, adaptor.getRhs(),
                                         [](const Const &c) { return c.isSplatOf(1); }))
    return r;
  return foldBinaryConstants(
      *this, adaptor.getOperands(),
      {[](double a, double b) { return a * b; },
       [](int64_t a, int64_t b, unsigned) { return wrap(uint64_t(a) * uint64_t(b)); }});
}

OpFoldResult DivOp::fold(FoldAdaptor adaptor) {
  if (OpFoldResult r = foldRightIdentity(*this, adaptor.getRhs(),
                                         [](const Const &c) { return c.isSplatOf(1); }))
    return r;
  return foldBinaryConstants(
      *this, adaptor.getOperands(),
      {[](double a, double b) { return a / b; },
       [](int64_t a, int64_t b, unsigned width) -> std::optional<int64_t> {
         if (divisionYieldsZero(a, b, width))
           return 0;
         return a / b;
       }});
}

OpFoldResult PowOp::fold(FoldAdaptor adaptor) {
  if (OpFoldResult r = foldRightIdentity(*this, adaptor.getRhs(),
                                         [](const Const &c) { return c.isSplatOf(1); }))
    return r;
  return foldBinaryConstants(*this, adaptor.getOperands(),
                             {[](double a, double b) { return std::pow(a, b); }, ipow});
}

/// IEEE-754 minimum/maximum: NaN-propagating, and -0.0 < +0.0.
static double nanMin(double a, double b) {
  if (std::isnan(a) || std::isnan(b))
    return std::nan("");
  if (a == b)
    return std::signbit(a) ? a : b;
  return a < b ? a : b;
}
static double nanMax(double a, double b) {
  if (std::isnan(a) || std::isnan(b))
    return std::nan("");
  if (a == b)
    return std::signbit(a) ? b : a;
  return a > b ? a : b;
}

OpFoldResult MinimumOp::fold(FoldAdaptor adaptor) {
  if (getLhs() == getRhs())
    return sameTypeOr(*this, getLhs());
  return foldBinaryConstants(
      *this, adaptor.getOperands(),
      {nanMin, [](int64_t a, int64_t b, unsigned) -> std::optional<int64_t> {
         return std::min(a, b);
       }});
}

OpFoldResult MaximumOp::fold(FoldAdaptor adaptor) {
  if (getLhs() == getRhs())
    return sameTypeOr(*this, getLhs());
  return foldBinaryConstants(
      *this, adaptor.getOperands(),
      {nanMax, [](int64_t a, int64_t b, unsigned) -> std::optional<int64_t> {
         return std::max(a, b);
       }});
}

OpFoldResult ModOp::fold(FoldAdaptor adaptor) {
  return foldBinaryConstants(
      *this, adaptor.getOperands(),
      {dmlMod, [](int64_t a, int64_t b, unsigned width) -> std::optional<int64_t> {
         if (divisionYieldsZero(a, b, width))
           return 0;
         int64_t q = *floorDiv(a, b, width);
         return int64_t(uint64_t(a) - uint64_t(q) * uint64_t(b));
       }});
}

OpFoldResult IntDivOp::fold(FoldAdaptor adaptor) {
  return foldBinaryConstants(
      *this, adaptor.getOperands(),
      {[](double a, double b) { return std::floor(a / b); }, floorDiv});
}

#define LA_FOLD_PREDICATE(OP, EXPR)                                            \
  OpFoldResult OP::fold(FoldAdaptor adaptor) {                                 \
    return foldBinaryConstants(                                                \
        *this, adaptor.getOperands(),                                          \
        {[](double a, double b) { return (EXPR) ? 1.0 : 0.0; },                \
         [](int64_t a, int64_t b, unsigned) -> std::optional<int64_t> {        \
           return (EXPR) ? 1 : 0;                                              \
         }});                                                                  \
  }
LA_FOLD_PREDICATE(LtOp, a < b)
LA_FOLD_PREDICATE(LeOp, a <= b)
LA_FOLD_PREDICATE(GtOp, a > b)
LA_FOLD_PREDICATE(GeOp, a >= b)
LA_FOLD_PREDICATE(EqOp, a == b)
LA_FOLD_PREDICATE(NeOp, a != b)
LA_FOLD_PREDICATE(AndOp, truthy(a) && truthy(b))
LA_FOLD_PREDICATE(OrOp, truthy(a) || truthy(b))
LA_FOLD_PREDICATE(XorOp, truthy(a) != truthy(b))
#undef LA_FOLD_PREDICATE

//===----------------------------------------------------------------------===//
// Element-wise unary
//===----------------------------------------------------------------------===//

/// f(f(x)) == f(x) for idempotent ops.
template <typename OpT>
static OpFoldResult foldIdempotent(OpT op) {
  if (auto inner = op.getInput().template getDefiningOp<OpT>())
    return sameTypeOr(op, inner.getResult());
  return {};
}

/// Integer inputs are already integral: rounding is the identity.
template <typename OpT>
static OpFoldResult foldIntegerIdentity(OpT op) {
  Type element = getElementTypeOrSelf(op.getInput().getType());
  if (element.isInteger())
    return sameTypeOr(op, op.getInput());
  return {};
}

OpFoldResult NegOp::fold(FoldAdaptor adaptor) {
  if (auto inner = getInput().getDefiningOp<NegOp>())
    return sameTypeOr(*this, inner.getInput());
  return foldUnaryConstant(*this, adaptor.getInput(), [](double x) { return -x; },
                           [](int64_t x) { return int64_t(0 - uint64_t(x)); });
}
OpFoldResult AbsOp::fold(FoldAdaptor adaptor) {
  if (OpFoldResult r = foldIdempotent(*this))
    return r;
  return foldUnaryConstant(*this, adaptor.getInput(),
                           [](double x) { return std::fabs(x); },
                           [](int64_t x) { return x < 0 ? int64_t(0 - uint64_t(x)) : x; });
}
OpFoldResult ExpOp::fold(FoldAdaptor adaptor) {
  return foldUnaryConstant(*this, adaptor.getInput(), [](double x) { return std::exp(x); }, nullptr);
}
OpFoldResult LogOp::fold(FoldAdaptor adaptor) {
  return foldUnaryConstant(*this, adaptor.getInput(), [](double x) { return std::log(x); }, nullptr);
}
OpFoldResult SqrtOp::fold(FoldAdaptor adaptor) {
  return foldUnaryConstant(*this, adaptor.getInput(), [](double x) { return std::sqrt(x); }, nullptr);
}
OpFoldResult SigmoidOp::fold(FoldAdaptor adaptor) {
  return foldUnaryConstant(*this, adaptor.getInput(), sigmoid, nullptr);
}
OpFoldResult RoundOp::fold(FoldAdaptor adaptor) {
  if (OpFoldResult r = foldIntegerIdentity(*this))
    return r;
  if (OpFoldResult r = foldIdempotent(*this))
    return r;
  return foldUnaryConstant(*this, adaptor.getInput(), [](double x) { return std::round(x); }, nullptr);
}
OpFoldResult FloorOp::fold(FoldAdaptor adaptor) {
  if (OpFoldResult r = foldIntegerIdentity(*this))
    return r;
  if (OpFoldResult r = foldIdempotent(*this))
    return r;
  return foldUnaryConstant(*this, adaptor.getInput(), [](double x) { return std::floor(x); }, nullptr);
}
OpFoldResult CeilOp::fold(FoldAdaptor adaptor) {
  if (OpFoldResult r = foldIntegerIdentity(*this))
    return r;
  if (OpFoldResult r = foldIdempotent(*this))
    return r;
  return foldUnaryConstant(*this, adaptor.getInput(), [](double x) { return std::ceil(x); }, nullptr);
}
OpFoldResult SignOp::fold(FoldAdaptor adaptor) {
  if (OpFoldResult r = foldIdempotent(*this))
    return r;
  return foldUnaryConstant(*this, adaptor.getInput(), sign,
                           [](int64_t x) { return int64_t((x > 0) - (x < 0)); });
}
OpFoldResult SinOp::fold(FoldAdaptor adaptor) {
  return foldUnaryConstant(*this, adaptor.getInput(), [](double x) { return std::sin(x); }, nullptr);
}
OpFoldResult CosOp::fold(FoldAdaptor adaptor) {
  return foldUnaryConstant(*this, adaptor.getInput(), [](double x) { return std::cos(x); }, nullptr);
}
OpFoldResult TanOp::fold(FoldAdaptor adaptor) {
  return foldUnaryConstant(*this, adaptor.getInput(), [](double x) { return std::tan(x); }, nullptr);
}
OpFoldResult TanhOp::fold(FoldAdaptor adaptor) {
  return foldUnaryConstant(*this, adaptor.getInput(), [](double x) { return std::tanh(x); }, nullptr);
}
OpFoldResult NotOp::fold(FoldAdaptor adaptor) {
  return foldUnaryConstant(*this, adaptor.getInput(),
                           [](double x) { return truthy(x) ? 0.0 : 1.0; },
                           [](int64_t x) { return int64_t(x == 0); });
}
OpFoldResult IsNanOp::fold(FoldAdaptor adaptor) {
  // Integers are never NaN.
  if (getElementTypeOrSelf(getInput().getType()).isInteger())
    if (auto zero = buildConst(getType(), true, [](int64_t, int64_t) { return 0.0; },
                               [](int64_t, int64_t) { return int64_t(0); }))
      return zero;
  return foldUnaryConstant(*this, adaptor.getInput(),
                           [](double x) { return std::isnan(x) ? 1.0 : 0.0; }, nullptr);
}

//===----------------------------------------------------------------------===//
// Ternary
//===----------------------------------------------------------------------===//

OpFoldResult IfElseOp::fold(FoldAdaptor adaptor) {
  std::optional<Const> cond = Const::get(adaptor.getCond());
  if (!cond || !cond->splat)
    return {};
  bool take = cond->isFloat ? truthy(cond->f[0]) : cond->i[0] != 0;
  return sameTypeOr(*this, take ? getTrueValue() : getFalseValue());
}

//===----------------------------------------------------------------------===//
// Aggregates
//===----------------------------------------------------------------------===//

namespace {
/// Aggregates the constant `x` over all cells, rows or columns.
OpFoldResult foldAggregate(Operation *op, Attribute input, Axis axis, AggKind kind) {
  std::optional<Const> x = Const::get(input);
  if (!x || !x->isMatrix || !smallEnough(x->rows, x->cols))
    return {};
  int64_t groups = axis == Axis::all ? 1 : axis == Axis::row ? x->rows : x->cols;
  int64_t length = axis == Axis::all   ? x->rows * x->cols
                   : axis == Axis::row ? x->cols
                                       : x->rows;
  auto cell = [&](int64_t g, int64_t k) -> std::pair<int64_t, int64_t> {
    if (axis == Axis::all)
      return {k / x->cols, k % x->cols};
    if (axis == Axis::row)
      return {g, k};
    return {k, g};
  };
  if (!x->isFloat && kind != AggKind::Nnz && kind != AggKind::Sum &&
      kind != AggKind::Min && kind != AggKind::Max && kind != AggKind::SumSq &&
      kind != AggKind::Prod)
    return {};
  if (length == 0 && (kind == AggKind::Min || kind == AggKind::Max ||
                      kind == AggKind::Mean || kind == AggKind::Var))
    return {};
  SmallVector<double> fr(groups);
  SmallVector<int64_t> ir(groups);
  for (int64_t g = 0; g < groups; ++g) {
    if (x->isFloat || kind == AggKind::Nnz) {
      double acc = (kind == AggKind::Prod) ? 1.0 : 0.0, mean = 0;
      if (kind == AggKind::Min || kind == AggKind::Max) {
        auto [r, c] = cell(g, 0);
        acc = x->isFloat ? x->fAt(r, c) : double(x->iAt(r, c));
      }
      if (kind == AggKind::Var) {
        for (int64_t k = 0; k < length; ++k) {
          auto [r, c] = cell(g, k);
          mean += x->fAt(r, c);
        }
        mean /= double(length);
      }
      for (int64_t k = 0; k < length; ++k) {
        auto [r, c] = cell(g, k);
        double v = x->isFloat ? x->fAt(r, c) : double(x->iAt(r, c));
        switch (kind) {
        case AggKind::Sum:
        case AggKind::Mean:
          acc += v;
          break;
        case AggKind::SumSq:
          acc += v * v;
          break;
        case AggKind::Prod:
          acc *= v;
          break;
        case AggKind::Min:
          acc = nanMin(acc, v);
          break;
        case AggKind::Max:
          acc = nanMax(acc, v);
          break;
        case AggKind::Nnz:
          acc += v != 0.0 ? 1.0 : 0.0;
          break;
        case AggKind::Var:
          acc += (v - mean) * (v - mean);
          break;
        }
      }
      if (kind == AggKind::Mean)
        acc /= double(length);
      if (kind == AggKind::Var)
        acc = length > 1 ? acc / double(length - 1) : std::nan("");
      fr[g] = acc;
      ir[g] = int64_t(acc);
    } else {
      int64_t acc = kind == AggKind::Prod ? 1 : 0;
      for (int64_t k = 0; k < length; ++k) {
        auto [r, c] = cell(g, k);
        int64_t v = x->iAt(r, c);
        if (k == 0 && (kind == AggKind::Min || kind == AggKind::Max))
          acc = v;
        switch (kind) {
        case AggKind::Sum:
          acc = int64_t(uint64_t(acc) + uint64_t(v));
          break;
        case AggKind::SumSq:
          acc = int64_t(uint64_t(acc) + uint64_t(v) * uint64_t(v));
          break;
        case AggKind::Prod:
          acc = int64_t(uint64_t(acc) * uint64_t(v));
          break;
        case AggKind::Min:
          acc = std::min(acc, v);
          break;
        case AggKind::Max:
          acc = std::max(acc, v);
          break;
        default:
          break;
        }
      }
      ir[g] = acc;
    }
  }
  return buildConst(
      op->getResult(0).getType(), false,
      [&](int64_t r, int64_t c) { return fr[axis == Axis::col ? c : r]; },
      [&](int64_t r, int64_t c) { return ir[axis == Axis::col ? c : r]; });
}

/// Along a length-1 axis, sum/min/max/prod/mean of a vector is the vector.
template <typename OpT>
OpFoldResult foldVectorAggregate(OpT op) {
  auto type = op.getInput().getType();
  if ((op.getAxis() == Axis::row && type.getDimSize(1) == 1) ||
      (op.getAxis() == Axis::col && type.getDimSize(0) == 1))
    return sameTypeOr(op, op.getInput());
  return {};
}
} // namespace

#define LA_FOLD_AGG(OP, KIND, VECTOR_IDENTITY)                                 \
  OpFoldResult OP::fold(FoldAdaptor adaptor) {                                 \
    if (VECTOR_IDENTITY)                                                       \
      if (OpFoldResult r = foldVectorAggregate(*this))                         \
        return r;                                                              \
    return foldAggregate(*this, adaptor.getInput(), getAxis(), AggKind::KIND); \
  }
LA_FOLD_AGG(SumOp, Sum, true)
LA_FOLD_AGG(MeanOp, Mean, true)
LA_FOLD_AGG(VarOp, Var, false)
LA_FOLD_AGG(ProdOp, Prod, true)
LA_FOLD_AGG(MinOp, Min, true)
LA_FOLD_AGG(MaxOp, Max, true)
LA_FOLD_AGG(SumSqOp, SumSq, false)
LA_FOLD_AGG(NnzOp, Nnz, false)
#undef LA_FOLD_AGG

//===----------------------------------------------------------------------===//
// Reorganisation, casts, conversions
//===----------------------------------------------------------------------===//

OpFoldResult TransposeOp::fold(FoldAdaptor adaptor) {
  if (auto inner = getInput().getDefiningOp<TransposeOp>())
    return sameTypeOr(*this, inner.getInput());
  auto type = getInput().getType();
  if (type.getDimSize(0) == 1 && type.getDimSize(1) == 1)
    return sameTypeOr(*this, getInput());
  std::optional<Const> x = Const::get(adaptor.getInput());
  if (!x)
    return {};
  return buildConst(
      getType(), x->splat, [&](int64_t r, int64_t c) { return x->fAt(c, r); },
      [&](int64_t r, int64_t c) { return x->iAt(c, r); });
}

OpFoldResult ReshapeOp::fold(FoldAdaptor) {
  // Only a statically known identical shape is a no-op: ?x? -> ?x? may
  // change the dimensions at run time.
  if (getInput().getType() == getType() && getType().hasStaticShape())
    return getInput();
  if (auto inner = getInput().getDefiningOp<ReshapeOp>()) {
    getInputMutable().assign(inner.getInput());
    return getResult();
  }
  return {};
}

OpFoldResult CBindOp::fold(FoldAdaptor) {
  if (getInputs().size() == 1)
    return sameTypeOr(*this, getInputs().front());
  return {};
}

OpFoldResult RBindOp::fold(FoldAdaptor) {
  if (getInputs().size() == 1)
    return sameTypeOr(*this, getInputs().front());
  return {};
}

OpFoldResult SliceOp::fold(FoldAdaptor adaptor) {
  auto type = getInput().getType();
  auto isIndex = [](Attribute a, int64_t v) {
    auto i = dyn_cast_or_null<IntegerAttr>(a);
    return i && i.getValue().getSExtValue() == v;
  };
  if (type.hasStaticShape() && isIndex(adaptor.getRowBegin(), 0) &&
      isIndex(adaptor.getRowEnd(), type.getDimSize(0)) &&
      isIndex(adaptor.getColBegin(), 0) &&
      isIndex(adaptor.getColEnd(), type.getDimSize(1)))
    return sameTypeOr(*this, getInput());
  return {};
}

OpFoldResult DiagOp::fold(FoldAdaptor) {
  // diag(diag(v)) == v for a column vector v.
  if (auto inner = getInput().getDefiningOp<DiagOp>())
    if (inner.getInput().getType().getDimSize(1) == 1)
      return sameTypeOr(*this, inner.getInput());
  return {};
}

OpFoldResult RevOp::fold(FoldAdaptor) {
  if (auto inner = getInput().getDefiningOp<RevOp>())
    return sameTypeOr(*this, inner.getInput());
  if (getInput().getType().getDimSize(0) == 1)
    return sameTypeOr(*this, getInput());
  return {};
}

OpFoldResult CastOp::fold(FoldAdaptor) {
  if (getInput().getType() == getType())
    return getInput();
  return {};
}

OpFoldResult ConvertOp::fold(FoldAdaptor) {
  if (getInput().getType() == getType())
    return getInput();
  if (auto inner = getInput().getDefiningOp<ConvertOp>()) {
    getInputMutable().assign(inner.getInput());
    return getResult();
  }
  return {};
}
