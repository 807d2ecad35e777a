//===- PartialReuse.cpp - products of bound matrices from their blocks ----===//
//
// la-partial-reuse (Passes.td has the rules): LIMA's partial reuse rewrites.
// A product over a cbind / rbind is computed from the products of its
// blocks, so that a block product computed before (the Gram matrix of the
// features selected so far in stepwise regression, a fold's Gram matrix in
// cross-validation) is reused: merged or hoisted by la-lineage-cse within a
// call, served from the lineage cache (la-insert-reuse) across calls.
//
//===----------------------------------------------------------------------===//

#include "lauryn/Dialect/LA/IR/LAOps.h"
#include "lauryn/Dialect/LA/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace lauryn::la {
#define GEN_PASS_DEF_PARTIALREUSEPASS
#include "lauryn/Dialect/LA/Transforms/Passes.h.inc"
} // namespace lauryn::la

using namespace mlir;
using namespace lauryn::la;

namespace {

/// Dense f64 / f32 matrices: the block products are then plain GEMMs (sparse
/// blocks keep the products the formats chose).
bool isDenseFloatMatrix(Value v) {
  auto t = dyn_cast<RankedTensorType>(v.getType());
  return t && !t.getEncoding() && isa<FloatType>(t.getElementType());
}

/// The matrix `m` of a Gram product t(m) %*% m, or null.
Value gramOperand(MatMulOp op) {
  auto transpose = op.getLhs().getDefiningOp<TransposeOp>();
  if (!transpose || transpose.getInput() != op.getRhs())
    return {};
  return op.getRhs();
}

Value gram(PatternRewriter &rewriter, Location loc, Value a) {
  Value at = TransposeOp::create(rewriter, loc, a);
  return MatMulOp::create(rewriter, loc, at, a);
}

/// t(cbind(A, B)) %*% cbind(A, B) = [[t(A) A, t(A) B], [t(t(A) B), t(B) B]].
struct GramOfCBind : OpRewritePattern<MatMulOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(MatMulOp op, PatternRewriter &rewriter) const override {
    Value c = gramOperand(op);
    auto bind = c ? c.getDefiningOp<CBindOp>() : CBindOp();
    if (!bind || bind.getInputs().size() != 2 ||
        !llvm::all_of(bind.getInputs(), isDenseFloatMatrix))
      return failure();
    Location loc = op.getLoc();
    Value a = bind.getInputs()[0], b = bind.getInputs()[1];
    Value at = TransposeOp::create(rewriter, loc, a);
    Value aa = MatMulOp::create(rewriter, loc, at, a), bb = gram(rewriter, loc, b);
    Value ab = MatMulOp::create(rewriter, loc, at, b);
    Value ba = TransposeOp::create(rewriter, loc, ab);
    Value top = CBindOp::create(rewriter, loc, ValueRange{aa, ab});
    Value bottom = CBindOp::create(rewriter, loc, ValueRange{ba, bb});
    rewriter.replaceOpWithNewOp<RBindOp>(op, op.getType(), ValueRange{top, bottom});
    return success();
  }
};

/// t(rbind(A, B)) %*% rbind(A, B) = t(A) A + t(B) B.
struct GramOfRBind : OpRewritePattern<MatMulOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(MatMulOp op, PatternRewriter &rewriter) const override {
    Value r = gramOperand(op);
    auto bind = r ? r.getDefiningOp<RBindOp>() : RBindOp();
    if (!bind || bind.getInputs().size() != 2 ||
        !llvm::all_of(bind.getInputs(), isDenseFloatMatrix))
      return failure();
    Location loc = op.getLoc();
    Value aa = gram(rewriter, loc, bind.getInputs()[0]);
    Value bb = gram(rewriter, loc, bind.getInputs()[1]);
    rewriter.replaceOpWithNewOp<AddOp>(op, op.getType(), aa, bb);
    return success();
  }
};

/// X %*% cbind(Y, 1) = cbind(X %*% Y, rowSums(X)) for a column of ones.
struct ProductWithOnesColumn : OpRewritePattern<MatMulOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(MatMulOp op, PatternRewriter &rewriter) const override {
    auto bind = op.getRhs().getDefiningOp<CBindOp>();
    if (!bind || bind.getInputs().size() != 2 || !isDenseFloatMatrix(op.getLhs()) ||
        !llvm::all_of(bind.getInputs(), isDenseFloatMatrix))
      return failure();
    auto ones = bind.getInputs()[1].getDefiningOp<FillOp>();
    auto onesType = ones ? dyn_cast<RankedTensorType>(ones.getType()) : RankedTensorType();
    FloatAttr one;
    if (!ones || onesType.getDimSize(1) != 1 ||
        !matchPattern(ones.getValue(), m_Constant(&one)) || !one.getValue().isExactlyValue(1.0))
      return failure();
    Location loc = op.getLoc();
    Value xy = MatMulOp::create(rewriter, loc, op.getLhs(), bind.getInputs()[0]);
    Value rowSums = SumOp::create(rewriter, loc, op.getLhs(),
                                  AxisAttr::get(op.getContext(), Axis::row));
    rewriter.replaceOpWithNewOp<CBindOp>(op, op.getType(), ValueRange{xy, rowSums});
    return success();
  }
};

/// t(cbind(A, B)) %*% Y = rbind(t(A) %*% Y, t(B) %*% Y) (Y not the cbind).
struct TransposedCBindTimes : OpRewritePattern<MatMulOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(MatMulOp op, PatternRewriter &rewriter) const override {
    auto transpose = op.getLhs().getDefiningOp<TransposeOp>();
    auto bind = transpose ? transpose.getInput().getDefiningOp<CBindOp>() : CBindOp();
    if (!bind || op.getRhs() == bind.getResult() || bind.getInputs().size() != 2 ||
        !llvm::all_of(bind.getInputs(), isDenseFloatMatrix) || !isDenseFloatMatrix(op.getRhs()))
      return failure();
    Location loc = op.getLoc();
    SmallVector<Value> parts;
    for (Value block : bind.getInputs())
      parts.push_back(
          MatMulOp::create(rewriter, loc, TransposeOp::create(rewriter, loc, block), op.getRhs()));
    rewriter.replaceOpWithNewOp<RBindOp>(op, op.getType(), parts);
    return success();
  }
};

/// cbind(A, B) %*% V = A %*% V[rows of A's columns] + B %*% V[the rest].
struct CBindTimes : OpRewritePattern<MatMulOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(MatMulOp op, PatternRewriter &rewriter) const override {
    auto bind = op.getLhs().getDefiningOp<CBindOp>();
    if (!bind || bind.getInputs().size() != 2 ||
        !llvm::all_of(bind.getInputs(), isDenseFloatMatrix) || !isDenseFloatMatrix(op.getRhs()))
      return failure();
    Location loc = op.getLoc();
    Value a = bind.getInputs()[0], b = bind.getInputs()[1], v = op.getRhs();
    auto dim = [&](Value m, int64_t d) {
      return tensor::DimOp::create(rewriter, loc, m, d).getResult();
    };
    Value zero = arith::ConstantIndexOp::create(rewriter, loc, 0);
    Value split = dim(a, 1);
    Value end = arith::AddIOp::create(rewriter, loc, split, dim(b, 1));
    Value cols = dim(v, 1);
    Value top = SliceOp::create(rewriter, loc, v, zero, split, zero, cols);
    Value bottom = SliceOp::create(rewriter, loc, v, split, end, zero, cols);
    Value av = MatMulOp::create(rewriter, loc, a, top);
    Value bv = MatMulOp::create(rewriter, loc, b, bottom);
    rewriter.replaceOpWithNewOp<AddOp>(op, op.getType(), av, bv);
    return success();
  }
};

struct PartialReusePass : lauryn::la::impl::PartialReusePassBase<PartialReusePass> {
  using PartialReusePassBase::PartialReusePassBase;
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    // The Gram and intercept rewrites first: they see more of the product.
    patterns.add<GramOfCBind, GramOfRBind, ProductWithOnesColumn>(&getContext(), /*benefit=*/2);
    patterns.add<TransposedCBindTimes, CBindTimes>(&getContext(), /*benefit=*/1);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
  }
};

} // namespace
