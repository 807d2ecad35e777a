//===- LACanonicalize.cpp - static algebraic rewrites of la ----------------===//
//
// Rewrites that create new ops (folds that only pick an existing value live in
// LAFolds.cpp). Each is exact; aggregation order is unspecified in la, so the
// reduction rewrites (sum(t(X)) -> sum(X), ...) are exact by definition:
//   x + (-y)            -> x - y
//   x / c               -> x * (1/c)      c a power of two (1/c exact)
//   x ^ 2               -> x * x
//   agg(t(X))           -> agg(X)         for every full aggregate
//   rowAgg(t(X))        -> t(colAgg(X)),  colAgg(t(X)) -> t(rowAgg(X))
//   t(A) %*% t(B)       -> t(B %*% A)
//
//===----------------------------------------------------------------------===//

#include "lauryn/Dialect/LA/IR/LAOps.h"

#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include <cmath>

using namespace mlir;
using namespace lauryn::la;

namespace {

// Every replacement is built with the replaced op's result type (which the
// new op accepts: la result types may refine the inferred shape or pick an
// encoding), so a rewrite never changes a type and never fails after creating
// IR.

struct AddOfNeg : OpRewritePattern<AddOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(AddOp op, PatternRewriter &rewriter) const override {
    Value lhs = op.getLhs(), rhs = op.getRhs();
    auto neg = rhs.getDefiningOp<NegOp>();
    if (!neg) {
      neg = lhs.getDefiningOp<NegOp>();
      std::swap(lhs, rhs);
    }
    if (!neg)
      return failure();
    rewriter.replaceOpWithNewOp<SubOp>(op, op.getType(), lhs, neg.getInput());
    return success();
  }
};

struct DivByPowerOfTwo : OpRewritePattern<DivOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(DivOp op, PatternRewriter &rewriter) const override {
    FloatAttr c;
    if (!matchPattern(op.getRhs(), m_Constant(&c)))
      return failure();
    APFloat value = c.getValue();
    // 1/c is exact iff c is a (normal) power of two and 1/c is representable.
    APFloat reciprocal(value.getSemantics(), 1);
    if (reciprocal.divide(value, APFloat::rmNearestTiesToEven) != APFloat::opOK ||
        !reciprocal.isNormal() || !value.isNormal())
      return failure();
    int exp = 0;
    double mantissa = std::frexp(std::fabs(value.convertToDouble()), &exp);
    if (mantissa != 0.5)
      return failure();
    Value r = arith::ConstantOp::create(rewriter, op.getLoc(),
                                        FloatAttr::get(c.getType(), reciprocal));
    rewriter.replaceOpWithNewOp<MulOp>(op, op.getType(), op.getLhs(), r);
    return success();
  }
};

struct PowTwoToMul : OpRewritePattern<PowOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(PowOp op, PatternRewriter &rewriter) const override {
    Attribute c;
    if (!matchPattern(op.getRhs(), m_Constant(&c)))
      return failure();
    bool isTwo = false;
    if (auto f = dyn_cast<FloatAttr>(c))
      isTwo = f.getValueAsDouble() == 2.0;
    else if (auto i = dyn_cast<IntegerAttr>(c))
      isTwo = i.getValue() == 2;
    if (!isTwo)
      return failure();
    rewriter.replaceOpWithNewOp<MulOp>(op, op.getType(), op.getLhs(), op.getLhs());
    return success();
  }
};

/// agg(all, t(X)) -> agg(all, X); agg(row, t(X)) -> t(agg(col, X)); and
/// agg(col, t(X)) -> t(agg(row, X)).
template <typename AggOp>
struct AggregateOfTranspose : OpRewritePattern<AggOp> {
  using OpRewritePattern<AggOp>::OpRewritePattern;
  LogicalResult matchAndRewrite(AggOp op, PatternRewriter &rewriter) const override {
    auto transpose = op.getInput().template getDefiningOp<TransposeOp>();
    if (!transpose)
      return failure();
    Location loc = op.getLoc();
    Axis axis = op.getAxis();
    if (axis == Axis::all) {
      rewriter.replaceOpWithNewOp<AggOp>(op, op.getType(), transpose.getInput(),
                                         AxisAttr::get(op.getContext(), Axis::all));
      return success();
    }
    Axis flipped = axis == Axis::row ? Axis::col : Axis::row;
    Value agg = AggOp::create(rewriter, loc, transpose.getInput(),
                              AxisAttr::get(op.getContext(), flipped));
    rewriter.replaceOpWithNewOp<TransposeOp>(op, op.getType(), agg);
    return success();
  }
};

struct MatMulOfTransposes : OpRewritePattern<MatMulOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(MatMulOp op, PatternRewriter &rewriter) const override {
    auto ta = op.getLhs().getDefiningOp<TransposeOp>();
    auto tb = op.getRhs().getDefiningOp<TransposeOp>();
    if (!ta || !tb)
      return failure();
    Value mm = MatMulOp::create(rewriter, op.getLoc(), tb.getInput(), ta.getInput());
    rewriter.replaceOpWithNewOp<TransposeOp>(op, op.getType(), mm);
    return success();
  }
};

} // namespace

void AddOp::getCanonicalizationPatterns(RewritePatternSet &results, MLIRContext *ctx) {
  results.add<AddOfNeg>(ctx);
}
void DivOp::getCanonicalizationPatterns(RewritePatternSet &results, MLIRContext *ctx) {
  results.add<DivByPowerOfTwo>(ctx);
}
void PowOp::getCanonicalizationPatterns(RewritePatternSet &results, MLIRContext *ctx) {
  results.add<PowTwoToMul>(ctx);
}
void MatMulOp::getCanonicalizationPatterns(RewritePatternSet &results, MLIRContext *ctx) {
  results.add<MatMulOfTransposes>(ctx);
}

#define LA_AGG_CANON(OP)                                                       \
  void OP::getCanonicalizationPatterns(RewritePatternSet &results,             \
                                       MLIRContext *ctx) {                     \
    results.add<AggregateOfTranspose<OP>>(ctx);                                \
  }
LA_AGG_CANON(SumOp)
LA_AGG_CANON(MeanOp)
LA_AGG_CANON(VarOp)
LA_AGG_CANON(ProdOp)
LA_AGG_CANON(MinOp)
LA_AGG_CANON(MaxOp)
LA_AGG_CANON(SumSqOp)
LA_AGG_CANON(NnzOp)
#undef LA_AGG_CANON
