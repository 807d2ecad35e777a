//===- AggregatesToLinalg.cpp - la aggregates -> linalg reductions --------===//
//
// sum/prod/min/max/sumsq/nnz reduce in one linalg.generic (reduction
// iterators along the aggregated axes); mean divides the sum by the count;
// var is two-pass: the mean first, then the sum of squared deviations over
// n - 1. Only sum and sumsq iterate sparse inputs directly (implicit zeros
// contribute nothing); the others densify.
//
//===----------------------------------------------------------------------===//

#include "LoweringUtils.h"

#include <limits>

using namespace mlir;

namespace lauryn::la::lowering {

/// Neutral element of the reduction in `type`.
Value aggregateInit(OpBuilder &b, Location loc, AggKind kind, Type type) {
  bool isFloat = isa<FloatType>(type);
  switch (kind) {
  case AggKind::Prod:
    return constantOf(b, loc, type, 1);
  case AggKind::Min:
  case AggKind::Max: {
    bool min = kind == AggKind::Min;
    if (isFloat)
      return arith::ConstantOp::create(
          b, loc, b.getFloatAttr(type, min ? std::numeric_limits<double>::infinity()
                                           : -std::numeric_limits<double>::infinity()));
    unsigned width = type.getIntOrFloatBitWidth();
    return arith::ConstantOp::create(
        b, loc, b.getIntegerAttr(type, min ? APInt::getSignedMaxValue(width)
                                           : APInt::getSignedMinValue(width)));
  }
  default:
    return constantOf(b, loc, type, 0);
  }
}

/// The order of a reduction is unspecified in la, so floating-point
/// reductions may be reassociated (and contracted): LLVM vectorizes them.
static arith::FastMathFlagsAttr reassociable(OpBuilder &b) {
  return arith::FastMathFlagsAttr::get(
      b.getContext(), arith::FastMathFlags::reassoc | arith::FastMathFlags::contract);
}

Value reductionMul(OpBuilder &b, Location loc, Value x, Value y) {
  if (isa<FloatType>(x.getType()))
    return arith::MulFOp::create(b, loc, x, y, reassociable(b));
  return arith::MulIOp::create(b, loc, x, y);
}

/// acc <- combine(acc, x) for one cell.
Value aggregateCombine(OpBuilder &b, Location loc, AggKind kind, Value x, Value acc) {
  bool isFloat = isa<FloatType>(x.getType());
  auto add = [&](Value p, Value q) -> Value {
    return isFloat ? Value(arith::AddFOp::create(b, loc, p, q, reassociable(b)))
                   : Value(arith::AddIOp::create(b, loc, p, q));
  };
  auto mul = [&](Value p, Value q) { return reductionMul(b, loc, p, q); };
  switch (kind) {
  case AggKind::Sum:
  case AggKind::Mean:
    return add(x, acc);
  case AggKind::SumSq:
    return add(mul(x, x), acc);
  case AggKind::Prod:
    return mul(x, acc);
  case AggKind::Min:
    return isFloat ? Value(arith::MinimumFOp::create(b, loc, x, acc))
                   : Value(arith::MinSIOp::create(b, loc, x, acc));
  case AggKind::Max:
    return isFloat ? Value(arith::MaximumFOp::create(b, loc, x, acc))
                   : Value(arith::MaxSIOp::create(b, loc, x, acc));
  case AggKind::Nnz:
    return arith::AddIOp::create(b, loc, acc,
                                 boolToElement(b, loc, isNonZero(b, loc, x), acc.getType()));
  case AggKind::Var:
    break;
  }
  llvm_unreachable("var is lowered in two passes");
}

AggKind aggregateCombiner(AggKind kind) {
  return (kind == AggKind::SumSq || kind == AggKind::Nnz || kind == AggKind::Mean)
             ? AggKind::Sum
             : kind;
}

namespace {

template <typename OpT>
AggKind kindOf();
template <> AggKind kindOf<SumOp>() { return AggKind::Sum; }
template <> AggKind kindOf<MeanOp>() { return AggKind::Mean; }
template <> AggKind kindOf<VarOp>() { return AggKind::Var; }
template <> AggKind kindOf<ProdOp>() { return AggKind::Prod; }
template <> AggKind kindOf<MinOp>() { return AggKind::Min; }
template <> AggKind kindOf<MaxOp>() { return AggKind::Max; }
template <> AggKind kindOf<SumSqOp>() { return AggKind::SumSq; }
template <> AggKind kindOf<NnzOp>() { return AggKind::Nnz; }

/// Shape of the reduction: output map, iterator types, accumulator type.
struct ReductionShape {
  AffineMap outMap;
  SmallVector<utils::IteratorType> iterators;
  RankedTensorType accType;
  SmallVector<Value> accSizes;
};

ReductionShape reductionShape(Lowering &l, Value input, Axis axis, Type element) {
  MLIRContext *ctx = l.b.getContext();
  AffineExpr d0 = l.b.getAffineDimExpr(0), d1 = l.b.getAffineDimExpr(1);
  AffineExpr zero = l.b.getAffineConstantExpr(0);
  auto par = utils::IteratorType::parallel, red = utils::IteratorType::reduction;
  auto in = cast<RankedTensorType>(input.getType());
  ReductionShape s;
  switch (axis) {
  case Axis::all:
    s.outMap = AffineMap::get(2, 0, {}, ctx);
    s.iterators = {red, red};
    s.accType = RankedTensorType::get({}, element);
    break;
  case Axis::row:
    s.outMap = AffineMap::get(2, 0, {d0, zero}, ctx);
    s.iterators = {par, red};
    s.accType = RankedTensorType::get({in.getDimSize(0), 1}, element);
    s.accSizes = {l.dim(input, 0), l.index(1)};
    break;
  case Axis::col:
    s.outMap = AffineMap::get(2, 0, {zero, d1}, ctx);
    s.iterators = {red, par};
    s.accType = RankedTensorType::get({1, in.getDimSize(1)}, element);
    s.accSizes = {l.index(1), l.dim(input, 1)};
    break;
  }
  return s;
}

} // namespace

/// Reduces `input` (optionally minus a broadcast `center`, squared for var)
/// along `axis` with `kind`. The center is read through the output's map, or
/// as a rank-0 tensor when `scalarCenter`.
Value reduceOnce(Lowering &l, Value input, Axis axis, AggKind kind, Type element,
                 Value center, bool scalarCenter) {
  ReductionShape s = reductionShape(l, input, axis, element);
  Value init = l.filled(s.accType, s.accSizes, aggregateInit(l.b, l.loc, kind, element));
  SmallVector<Value> inputs{input};
  SmallVector<AffineMap> maps{AffineMap::getMultiDimIdentityMap(2, l.b.getContext())};
  if (center) {
    inputs.push_back(center);
    maps.push_back(scalarCenter ? AffineMap::get(2, 0, {}, l.b.getContext()) : s.outMap);
  }
  maps.push_back(s.outMap);
  auto generic = linalg::GenericOp::create(
      l.b, l.loc, TypeRange{s.accType}, inputs, ValueRange{init}, maps, s.iterators,
      [&](OpBuilder &b, Location loc, ValueRange args) {
        Value x = args[0];
        if (center) {
          Value dev = arith::SubFOp::create(b, loc, x, args[1]);
          x = arith::MulFOp::create(b, loc, dev, dev);
        }
        linalg::YieldOp::create(b, loc, aggregateCombine(b, loc, kind, x, args.back()));
      });
  return generic.getResult(0);
}


/// acc / n, cell-wise (acc is read as an input: reading an `outs` operand
/// would not survive elementwise fusion in the sparsifier pipeline).
Value divideBy(Lowering &l, Value acc, Value n) {
  auto type = cast<RankedTensorType>(acc.getType());
  MLIRContext *ctx = l.b.getContext();
  AffineMap id = AffineMap::getMultiDimIdentityMap(type.getRank(), ctx);
  SmallVector<utils::IteratorType> iterators(type.getRank(), utils::IteratorType::parallel);
  SmallVector<Value> sizes;
  for (int64_t d = 0; d < type.getRank(); ++d)
    sizes.push_back(l.dim(acc, d));
  Value init = l.empty(type, sizes);
  return linalg::GenericOp::create(
             l.b, l.loc, TypeRange{type}, ValueRange{acc}, ValueRange{init},
             ArrayRef{id, id}, iterators,
             [&](OpBuilder &b, Location loc, ValueRange args) {
               Value q = arith::DivFOp::create(b, loc, args[0], n);
               linalg::YieldOp::create(b, loc, q);
             })
      .getResult(0);
}

namespace {

/// Like reduceOnce; a full aggregate runs in two stages, per row (parallel
/// over rows, vectorized along them) and then over the row results, so that
/// it uses every thread.
Value reduce(Lowering &l, Value input, Axis axis, AggKind kind, Type element,
             Value center = {}) {
  if (axis != Axis::all)
    return reduceOnce(l, input, axis, kind, element, center);
  Value partial = reduceOnce(l, input, Axis::row, kind, element, center, /*scalarCenter=*/true);
  return reduceOnce(l, partial, Axis::all, aggregateCombiner(kind), element);
}

/// Number of cells aggregated into each result cell, as `element`.
Value groupCount(Lowering &l, Value input, Axis axis, Type element) {
  Value rows = l.dim(input, 0), cols = l.dim(input, 1);
  Value n = axis == Axis::all   ? Value(arith::MulIOp::create(l.b, l.loc, rows, cols))
            : axis == Axis::row ? cols
                                : rows;
  return l.indexToElement(n, element);
}


/// Column sums (of squares) of a sparse matrix as ones(1 x rows) %*% X (or
/// X .* X): the sparsifier parallelizes the outer loop of a direct column
/// reduction over CSR rows, which races on the shared output row (a reduction
/// loop); as a product, the parallel outer loop is the single row of ones.
Value sparseColumnSums(Lowering &l, Value input, AggKind kind, Type element) {
  auto type = cast<RankedTensorType>(input.getType());
  MLIRContext *ctx = l.b.getContext();
  if (kind == AggKind::SumSq) {
    Value init = l.empty(type, {l.dim(input, 0), l.dim(input, 1)});
    AffineMap id = AffineMap::getMultiDimIdentityMap(2, ctx);
    SmallVector<utils::IteratorType> par(2, utils::IteratorType::parallel);
    input = linalg::GenericOp::create(
                l.b, l.loc, TypeRange{type}, ValueRange{input}, ValueRange{init},
                ArrayRef{id, id}, par,
                [&](OpBuilder &b, Location loc, ValueRange args) {
                  Value sq = arith::MulFOp::create(b, loc, args[0], args[0]);
                  linalg::YieldOp::create(b, loc, sq);
                })
                .getResult(0);
  }
  auto onesType = RankedTensorType::get({1, type.getDimSize(0)}, element);
  Value ones = l.filled(onesType, {l.index(1), l.dim(input, 0)}, constantOf(l.b, l.loc, element, 1));
  auto accType = RankedTensorType::get({1, type.getDimSize(1)}, element);
  Value acc = l.filled(accType, {l.index(1), l.dim(input, 1)}, constantOf(l.b, l.loc, element, 0));
  return linalg::MatmulOp::create(l.b, l.loc, TypeRange{accType}, ValueRange{ones, input},
                                  ValueRange{acc})
      .getResult(0);
}

/// Row and column sums of a dense floating-point matrix as products with a
/// vector of ones (X %*% 1, 1' %*% X): the CPU pipeline runs them as BLAS
/// matrix-vector products, which stream the matrix at memory bandwidth in
/// either direction (a column reduction by loops walks it with a stride).
Value denseSumsByProduct(Lowering &l, Value input, Axis axis, Type element) {
  auto type = cast<RankedTensorType>(input.getType());
  Value one = constantOf(l.b, l.loc, element, 1), zero = constantOf(l.b, l.loc, element, 0);
  Value rows = l.dim(input, 0), cols = l.dim(input, 1);
  if (axis == Axis::row) {
    Value ones = l.filled(RankedTensorType::get({type.getDimSize(1), 1}, element), {cols, l.index(1)}, one);
    auto accType = RankedTensorType::get({type.getDimSize(0), 1}, element);
    Value acc = l.filled(accType, {rows, l.index(1)}, zero);
    return linalg::MatmulOp::create(l.b, l.loc, TypeRange{accType}, ValueRange{input, ones},
                                    ValueRange{acc})
        .getResult(0);
  }
  Value ones = l.filled(RankedTensorType::get({1, type.getDimSize(0)}, element), {l.index(1), rows}, one);
  auto accType = RankedTensorType::get({1, type.getDimSize(1)}, element);
  Value acc = l.filled(accType, {l.index(1), cols}, zero);
  return linalg::MatmulOp::create(l.b, l.loc, TypeRange{accType}, ValueRange{ones, input},
                                  ValueRange{acc})
      .getResult(0);
}

template <typename OpT>
struct AggregateToLinalg : LAPattern<OpT> {
  using LAPattern<OpT>::LAPattern;

  LogicalResult matchAndRewrite(OpT op, PatternRewriter &rewriter) const override {
    Lowering l = this->lowering(rewriter, op);
    AggKind kind = kindOf<OpT>();
    Axis axis = op.getAxis();
    Value input = op.getInput();
    Type element = getElementTypeOrSelf(op.getResult().getType());
    if (Lowering::isSparse(input) && axis == Axis::col && isa<FloatType>(element) &&
        (kind == AggKind::Sum || kind == AggKind::SumSq)) {
      Value sums = sparseColumnSums(l, input, kind, element);
      rewriter.replaceOp(op, l.toType(sums, op.getResult().getType()));
      return success();
    }
    if (kind != AggKind::Sum && kind != AggKind::SumSq)
      input = l.densify(input);
    if (!Lowering::isSparse(input) && isa<FloatType>(element) &&
        (kind == AggKind::Sum || kind == AggKind::Mean)) {
      // A full sum is the sum of the row sums (a short second stage).
      Value sums = denseSumsByProduct(l, input, axis == Axis::all ? Axis::row : axis, element);
      if (axis == Axis::all)
        sums = reduceOnce(l, sums, Axis::all, AggKind::Sum, element);
      if (kind == AggKind::Mean)
        sums = divideBy(l, sums, groupCount(l, input, axis, element));
      Value result = axis == Axis::all
                         ? Value(tensor::ExtractOp::create(rewriter, l.loc, sums, ValueRange{}))
                         : l.toType(sums, op.getResult().getType());
      rewriter.replaceOp(op, result);
      return success();
    }

    Value acc;
    if (kind == AggKind::Var) {
      Value mean = divideBy(l, reduce(l, input, axis, AggKind::Sum, element),
                            groupCount(l, input, axis, element));
      Value n = groupCount(l, input, axis, element);
      Value nMinusOne = arith::SubFOp::create(rewriter, l.loc, n, constantOf(rewriter, l.loc, element, 1));
      acc = divideBy(l, reduce(l, input, axis, AggKind::Sum, element, mean), nMinusOne);
    } else {
      acc = reduce(l, input, axis, kind, element);
      if (kind == AggKind::Mean)
        acc = divideBy(l, acc, groupCount(l, input, axis, element));
    }
    Value result = axis == Axis::all
                       ? Value(tensor::ExtractOp::create(rewriter, l.loc, acc, ValueRange{}))
                       : l.toType(acc, op.getResult().getType());
    rewriter.replaceOp(op, result);
    return success();
  }
};

} // namespace

void populateAggregatePatterns(RewritePatternSet &patterns,
                               const LAToLinalgOptions &options) {
  patterns.add<AggregateToLinalg<SumOp>, AggregateToLinalg<MeanOp>,
               AggregateToLinalg<VarOp>, AggregateToLinalg<ProdOp>,
               AggregateToLinalg<MinOp>, AggregateToLinalg<MaxOp>,
               AggregateToLinalg<SumSqOp>, AggregateToLinalg<NnzOp>>(
      patterns.getContext(), options);
}

} // namespace lauryn::la::lowering
