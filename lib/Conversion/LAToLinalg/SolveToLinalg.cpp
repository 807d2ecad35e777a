//===- SolveToLinalg.cpp - la.solve -> Gaussian elimination in scf --------===//
//
// Solves A X = B by Gaussian elimination with partial pivoting on copies of A
// and B (tensors updated through scf.for iter_args, in place after
// bufferization), then back substitution into B. A zero pivot (singular A) is
// a run-time error.
//
//===----------------------------------------------------------------------===//

#include "LoweringUtils.h"

using namespace mlir;

namespace lauryn::la::lowering {
namespace {

struct SolveToScf : LAPattern<SolveOp> {
  using LAPattern::LAPattern;

  LogicalResult matchAndRewrite(SolveOp op, PatternRewriter &rewriter) const override {
    Lowering l = lowering(rewriter, op);
    Location loc = l.loc;
    OpBuilder &b = rewriter;
    Value A = l.densify(op.getLhs()), B = l.densify(op.getRhs());
    Value n = l.dim(A, 0), k = l.dim(B, 1);
    l.assertEqual(l.dim(A, 1), n, "lhs is not square");
    l.assertEqual(l.dim(B, 0), n, "rhs rows differ from lhs rows");
    Type element = cast<RankedTensorType>(A.getType()).getElementType();
    Value zero = l.index(0), one = l.index(1);
    Value fzero = constantOf(b, loc, element, 0);

    auto at = [&](OpBuilder &bb, Location lc, Value t, Value i, Value j) -> Value {
      return tensor::ExtractOp::create(bb, lc, t, ValueRange{i, j});
    };
    auto put = [&](OpBuilder &bb, Location lc, Value v, Value t, Value i, Value j) -> Value {
      return tensor::InsertOp::create(bb, lc, v, t, ValueRange{i, j});
    };
    /// Swaps rows r1 and r2 of `t` (cols columns).
    auto swapRows = [&](OpBuilder &bb, Location lc, Value t, Value r1, Value r2, Value cols) {
      return scf::ForOp::create(
                 bb, lc, zero, cols, one, ValueRange{t},
                 [&](OpBuilder &sb, Location sl, Value j, ValueRange it) {
                   Value x = at(sb, sl, it[0], r1, j), y = at(sb, sl, it[0], r2, j);
                   Value u = put(sb, sl, y, it[0], r1, j);
                   scf::YieldOp::create(sb, sl, put(sb, sl, x, u, r2, j));
                 })
          .getResult(0);
    };

    // Forward elimination.
    auto forward = scf::ForOp::create(
        b, loc, zero, n, one, ValueRange{A, B},
        [&](OpBuilder &fb, Location fl, Value p, ValueRange it) {
          Value a = it[0], bm = it[1];
          // Pivot: the row >= p with the largest |a[i, p]|.
          auto search = scf::ForOp::create(
              fb, fl, p, n, one, ValueRange{p, fzero},
              [&](OpBuilder &sb, Location sl, Value i, ValueRange best) {
                Value v = math::AbsFOp::create(sb, sl, at(sb, sl, a, i, p));
                Value better = arith::CmpFOp::create(sb, sl, arith::CmpFPredicate::OGT, v, best[1]);
                scf::YieldOp::create(sb, sl,
                                     ValueRange{arith::SelectOp::create(sb, sl, better, i, best[0]),
                                                arith::SelectOp::create(sb, sl, better, v, best[1])});
              });
          Lowering inner{fb, fl, op, options};
          inner.check(arith::CmpFOp::create(fb, fl, arith::CmpFPredicate::ONE, search.getResult(1), fzero),
                      "matrix is singular");
          Value piv = search.getResult(0);
          a = swapRows(fb, fl, a, p, piv, n);
          bm = swapRows(fb, fl, bm, p, piv, k);
          Value pivot = at(fb, fl, a, p, p);
          Value p1 = arith::AddIOp::create(fb, fl, p, one);
          auto rows = scf::ForOp::create(
              fb, fl, p1, n, one, ValueRange{a, bm},
              [&](OpBuilder &rb, Location rl, Value i, ValueRange rit) {
                Value f = arith::DivFOp::create(rb, rl, at(rb, rl, rit[0], i, p), pivot);
                auto elim = [&](Value t, Value from, Value to) {
                  return scf::ForOp::create(
                             rb, rl, from, to, one, ValueRange{t},
                             [&](OpBuilder &eb, Location el, Value j, ValueRange eit) {
                               Value upd = arith::SubFOp::create(
                                   eb, el, at(eb, el, eit[0], i, j),
                                   arith::MulFOp::create(eb, el, f, at(eb, el, eit[0], p, j)));
                               scf::YieldOp::create(eb, el, put(eb, el, upd, eit[0], i, j));
                             })
                      .getResult(0);
                };
                Value na = elim(rit[0], p, n);
                Value nb = elim(rit[1], zero, k);
                scf::YieldOp::create(rb, rl, ValueRange{na, nb});
              });
          scf::YieldOp::create(fb, fl, rows.getResults());
        });
    Value U = forward.getResult(0), Y = forward.getResult(1);

    // Back substitution, row n-1 down to 0, overwriting Y with X.
    auto back = scf::ForOp::create(
        b, loc, zero, n, one, ValueRange{Y},
        [&](OpBuilder &bb, Location bl, Value r, ValueRange it) {
          Value i = arith::SubIOp::create(bb, bl, arith::SubIOp::create(bb, bl, n, one), r);
          Value i1 = arith::AddIOp::create(bb, bl, i, one);
          Value diag = at(bb, bl, U, i, i);
          auto cols = scf::ForOp::create(
              bb, bl, zero, k, one, ValueRange{it[0]},
              [&](OpBuilder &cb, Location cl, Value c, ValueRange cit) {
                auto sum = scf::ForOp::create(
                    cb, cl, i1, n, one, ValueRange{at(cb, cl, cit[0], i, c)},
                    [&](OpBuilder &sb, Location sl, Value j, ValueRange s) {
                      Value t = arith::MulFOp::create(sb, sl, at(sb, sl, U, i, j),
                                                      at(sb, sl, cit[0], j, c));
                      scf::YieldOp::create(sb, sl, ValueRange{arith::SubFOp::create(sb, sl, s[0], t)});
                    });
                Value x = arith::DivFOp::create(cb, cl, sum.getResult(0), diag);
                scf::YieldOp::create(cb, cl, put(cb, cl, x, cit[0], i, c));
              });
          scf::YieldOp::create(bb, bl, cols.getResults());
        });
    rewriter.replaceOp(op, l.toType(back.getResult(0), op.getResult().getType()));
    return success();
  }
};

} // namespace

void populateSolvePatterns(RewritePatternSet &patterns, const LAToLinalgOptions &options) {
  patterns.add<SolveToScf>(patterns.getContext(), options);
}

} // namespace lauryn::la::lowering
