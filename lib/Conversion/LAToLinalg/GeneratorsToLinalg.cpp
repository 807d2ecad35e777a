//===- GeneratorsToLinalg.cpp - fill, seq, rand, cast, convert ------------===//
//
// la.rand is a counter-based generator: cell (i, j) draws from splitmix64 of
// (seed, stream, i * cols + j), so a matrix depends only on its seed and
// shape, never on threading or evaluation order. Without a seed, the seed
// comes from the runtime (lauryn_rt_random_seed).
//
//===----------------------------------------------------------------------===//

#include "LoweringUtils.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

#include <cmath>
#include <limits>

using namespace mlir;

namespace lauryn::la::lowering {
namespace {

/// f64 -> f32 rounded to odd: exact results stay, inexact ones become the
/// neighbour toward zero with the last bit set. Rounding that once more to a
/// format with at most 22 significand bits (bf16: 8) equals one correct
/// rounding of the f64 value; two round-to-nearest steps would not (1 + 2^-8
/// + 2^-40 went to 1, not 1 + 2^-7).
Value truncF64ToF32RoundToOdd(OpBuilder &b, Location loc, Value x) {
  Value nearest = arith::TruncFOp::create(b, loc, b.getF32Type(), x);
  Value back = arith::ExtFOp::create(b, loc, b.getF64Type(), nearest);
  Value exact = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UEQ, back, x);
  Value bits = arith::BitcastOp::create(b, loc, b.getI32Type(), nearest);
  // Rounded away from zero: the value toward zero is one unit below in
  // magnitude (the sign bit is separate, so below in the bit pattern too).
  Value away = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT,
                                     math::AbsFOp::create(b, loc, back),
                                     math::AbsFOp::create(b, loc, x));
  Value one = arith::ConstantOp::create(b, loc, b.getI32IntegerAttr(1));
  Value towardZero = arith::SelectOp::create(
      b, loc, away, arith::SubIOp::create(b, loc, bits, one), bits);
  Value odd = arith::BitcastOp::create(b, loc, b.getF32Type(),
                                       arith::OrIOp::create(b, loc, towardZero, one));
  // Exact values (and NaN, which compares unordered-equal) keep `nearest`.
  return arith::SelectOp::create(b, loc, exact, nearest, odd);
}

/// Element-type conversion of one scalar: float->int truncates toward zero and
/// saturates (NaN -> 0), so no conversion is poison; float narrowing rounds
/// once to nearest even.
Value castScalar(OpBuilder &b, Location loc, Value x, Type to) {
  Type from = x.getType();
  if (from == to)
    return x;
  auto fromF = dyn_cast<FloatType>(from);
  auto toF = dyn_cast<FloatType>(to);
  if (fromF && toF) {
    if (fromF.getWidth() < toF.getWidth())
      return arith::ExtFOp::create(b, loc, to, x);
    // Narrowing f64 below f32 (bf16, f16) goes through f32: round to odd first.
    if (fromF.isF64() && toF.getWidth() < 32)
      x = truncF64ToF32RoundToOdd(b, loc, x);
    return arith::TruncFOp::create(b, loc, to, x);
  }
  if (!fromF && toF)
    return arith::SIToFPOp::create(b, loc, to, x);
  if (fromF && !toF) {
    unsigned width = to.getIntOrFloatBitWidth();
    double lo = -std::ldexp(1.0, width - 1), hi = std::ldexp(1.0, width - 1);
    Value wide = fromF.getWidth() < 64 ? Value(arith::ExtFOp::create(b, loc, b.getF64Type(), x)) : x;
    Value minV = arith::ConstantOp::create(b, loc, b.getF64FloatAttr(lo));
    Value maxV = arith::ConstantOp::create(b, loc, b.getIntegerAttr(to, APInt::getSignedMaxValue(width)));
    Value minI = arith::ConstantOp::create(b, loc, b.getIntegerAttr(to, APInt::getSignedMinValue(width)));
    Value hiF = arith::ConstantOp::create(b, loc, b.getF64FloatAttr(hi));
    Value tooSmall = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLE, wide, minV);
    Value tooLarge = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGE, wide, hiF);
    Value isNan = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UNO, wide, wide);
    Value safe = arith::SelectOp::create(
        b, loc, arith::OrIOp::create(b, loc, arith::OrIOp::create(b, loc, tooSmall, tooLarge), isNan),
        arith::ConstantOp::create(b, loc, b.getF64FloatAttr(0.0)), wide);
    Value i = arith::FPToSIOp::create(b, loc, to, safe);
    i = arith::SelectOp::create(b, loc, tooSmall, minI, i);
    i = arith::SelectOp::create(b, loc, tooLarge, maxV, i);
    return arith::SelectOp::create(b, loc, isNan, constantOf(b, loc, to, 0), i);
  }
  unsigned fw = from.getIntOrFloatBitWidth(), tw = to.getIntOrFloatBitWidth();
  return fw < tw ? Value(arith::ExtSIOp::create(b, loc, to, x))
                 : Value(arith::TruncIOp::create(b, loc, to, x));
}

/// Identity-mapped element-wise generic over `init` reading `inputs`.
Value mapCells(Lowering &l, RankedTensorType type, ValueRange inputs, Value init,
               function_ref<Value(OpBuilder &, Location, ValueRange)> body) {
  MLIRContext *ctx = l.b.getContext();
  SmallVector<AffineMap> maps(inputs.size() + 1, AffineMap::getMultiDimIdentityMap(2, ctx));
  SmallVector<utils::IteratorType> par(2, utils::IteratorType::parallel);
  return linalg::GenericOp::create(
             l.b, l.loc, TypeRange{type}, inputs, ValueRange{init}, maps, par,
             [&](OpBuilder &b, Location loc, ValueRange args) {
               linalg::YieldOp::create(b, loc, body(b, loc, args));
             })
      .getResult(0);
}

struct CastToLinalg : LAPattern<CastOp> {
  using LAPattern::LAPattern;
  LogicalResult matchAndRewrite(CastOp op, PatternRewriter &rewriter) const override {
    Lowering l = lowering(rewriter, op);
    Value x = op.getInput();
    Type to = op.getResult().getType();
    auto inT = dyn_cast<RankedTensorType>(x.getType());
    auto outT = dyn_cast<RankedTensorType>(to);
    Value result;
    if (!inT && !outT) {
      result = castScalar(rewriter, l.loc, x, to);
    } else if (inT && !outT) { // 1x1 matrix -> scalar
      x = l.densify(x);
      l.assertEqual(l.dim(x, 0), l.index(1), "input is not 1x1");
      l.assertEqual(l.dim(x, 1), l.index(1), "input is not 1x1");
      result = castScalar(rewriter, l.loc, l.firstElement(x), to);
    } else if (!inT && outT) { // scalar -> 1x1 matrix
      Value v = castScalar(rewriter, l.loc, x, outT.getElementType());
      Value m = tensor::FromElementsOp::create(rewriter, l.loc, Lowering::dense(outT), ValueRange{v});
      result = l.toType(m, outT);
    } else {
      x = l.densify(x);
      RankedTensorType outType = Lowering::dense(outT);
      Value init = l.empty(outType, {l.dim(x, 0), l.dim(x, 1)});
      Type element = outType.getElementType();
      Value cells = mapCells(l, outType, ValueRange{x}, init,
                             [&](OpBuilder &b, Location loc, ValueRange args) {
                               return castScalar(b, loc, args[0], element);
                             });
      result = l.toType(cells, outT);
    }
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct ConvertToSparseTensor : LAPattern<ConvertOp> {
  using LAPattern::LAPattern;
  LogicalResult matchAndRewrite(ConvertOp op, PatternRewriter &rewriter) const override {
    Lowering l = lowering(rewriter, op);
    rewriter.replaceOp(op, l.toType(op.getInput(), op.getResult().getType()));
    return success();
  }
};

/// Sizes of an explicit-result generator: static dims, else the next operand.
SmallVector<Value> explicitSizes(Lowering &l, RankedTensorType type, ValueRange dynamic) {
  SmallVector<Value> sizes;
  auto it = dynamic.begin();
  for (int64_t d = 0; d < 2; ++d)
    sizes.push_back(type.isDynamicDim(d) ? *it++ : l.index(type.getDimSize(d)));
  return sizes;
}

struct FillToLinalg : LAPattern<FillOp> {
  using LAPattern::LAPattern;
  LogicalResult matchAndRewrite(FillOp op, PatternRewriter &rewriter) const override {
    Lowering l = lowering(rewriter, op);
    auto type = op.getResult().getType();
    RankedTensorType dense = Lowering::dense(type);
    Value f = l.filled(dense, explicitSizes(l, dense, op.getDynamicSizes()), op.getValue());
    rewriter.replaceOp(op, l.toType(f, type));
    return success();
  }
};

struct SeqToLinalg : LAPattern<SeqOp> {
  using LAPattern::LAPattern;
  LogicalResult matchAndRewrite(SeqOp op, PatternRewriter &rewriter) const override {
    Lowering l = lowering(rewriter, op);
    Location loc = l.loc;
    auto type = op.getResult().getType();
    RankedTensorType dense = Lowering::dense(type);
    Type element = dense.getElementType();
    Value from = op.getFrom(), to = op.getTo(), incr = op.getIncr();
    bool isFloat = isa<FloatType>(element);
    l.check(isNonZero(rewriter, loc, incr), "increment is zero");
    // n = floor((to - from) / incr) + 1
    Value count;
    if (isFloat) {
      Value span = arith::DivFOp::create(rewriter, loc, arith::SubFOp::create(rewriter, loc, to, from), incr);
      Value steps = math::FloorOp::create(rewriter, loc, span);
      Value wide = isa<Float64Type>(element) ? steps : Value(arith::ExtFOp::create(rewriter, loc, rewriter.getF64Type(), steps));
      count = arith::FPToSIOp::create(rewriter, loc, rewriter.getI64Type(), wide);
    } else {
      Value span = arith::SubIOp::create(rewriter, loc, to, from);
      Value safe = arith::SelectOp::create(rewriter, loc, isNonZero(rewriter, loc, incr), incr,
                                           constantOf(rewriter, loc, element, 1));
      count = arith::FloorDivSIOp::create(rewriter, loc, span, safe);
      if (element.getIntOrFloatBitWidth() < 64)
        count = arith::ExtSIOp::create(rewriter, loc, rewriter.getI64Type(), count);
    }
    count = arith::AddIOp::create(rewriter, loc, count,
                                  arith::ConstantOp::create(rewriter, loc, rewriter.getI64IntegerAttr(1)));
    Value n = arith::IndexCastOp::create(rewriter, loc, rewriter.getIndexType(), count);
    l.check(arith::CmpIOp::create(rewriter, loc, arith::CmpIPredicate::sge, n, l.index(0)),
            "increment does not lead from 'from' to 'to'");
    if (!dense.isDynamicDim(0))
      l.assertEqual(n, l.index(dense.getDimSize(0)), "length differs from the result type");
    Value init = l.empty(dense, {n, l.index(1)});
    MLIRContext *ctx = rewriter.getContext();
    SmallVector<utils::IteratorType> par(2, utils::IteratorType::parallel);
    Value seq = linalg::GenericOp::create(
                    rewriter, loc, TypeRange{dense}, ValueRange{}, ValueRange{init},
                    ArrayRef{AffineMap::getMultiDimIdentityMap(2, ctx)}, par,
                    [&](OpBuilder &b, Location nl, ValueRange) {
                      Value i = linalg::IndexOp::create(b, nl, 0);
                      Lowering inner{b, nl, op, options};
                      Value iv = inner.indexToElement(i, element);
                      Value v = isFloat ? Value(arith::AddFOp::create(b, nl, from, arith::MulFOp::create(b, nl, iv, incr)))
                                        : Value(arith::AddIOp::create(b, nl, from, arith::MulIOp::create(b, nl, iv, incr)));
                      linalg::YieldOp::create(b, nl, v);
                    })
                    .getResult(0);
    rewriter.replaceOp(op, l.toType(seq, type));
    return success();
  }
};

/// splitmix64(seed + (k + 1) * golden) finalizer: a 64-bit hash of k.
Value splitmix(OpBuilder &b, Location loc, Value seed, Value k) {
  auto c = [&](uint64_t v) {
    return arith::ConstantOp::create(b, loc, b.getI64IntegerAttr(int64_t(v)));
  };
  Value z = arith::AddIOp::create(
      b, loc, seed,
      arith::MulIOp::create(b, loc, arith::AddIOp::create(b, loc, k, c(1)), c(0x9E3779B97F4A7C15ULL)));
  auto mixStep = [&](Value v, uint64_t shift, uint64_t mul) -> Value {
    Value x = arith::XOrIOp::create(b, loc, v, arith::ShRUIOp::create(b, loc, v, c(shift)));
    return mul ? Value(arith::MulIOp::create(b, loc, x, c(mul))) : x;
  };
  z = mixStep(z, 30, 0xBF58476D1CE4E5B9ULL);
  z = mixStep(z, 27, 0x94D049BB133111EBULL);
  return mixStep(z, 31, 0);
}

/// Uniform double in [0, 1) from 53 bits of a hash.
Value unitUniform(OpBuilder &b, Location loc, Value hash) {
  Value bits = arith::ShRUIOp::create(b, loc, hash,
                                      arith::ConstantOp::create(b, loc, b.getI64IntegerAttr(11)));
  Value f = arith::UIToFPOp::create(b, loc, b.getF64Type(), bits);
  return arith::MulFOp::create(b, loc, f,
                               arith::ConstantOp::create(b, loc, b.getF64FloatAttr(std::ldexp(1.0, -53))));
}

struct RandToLinalg : LAPattern<RandOp> {
  using LAPattern::LAPattern;

  static Value runtimeSeed(PatternRewriter &rewriter, RandOp op) {
    auto module = op->getParentOfType<ModuleOp>();
    StringRef name = "lauryn_rt_random_seed";
    auto fnType = rewriter.getFunctionType({}, {rewriter.getI64Type()});
    if (!module.lookupSymbol<func::FuncOp>(name)) {
      OpBuilder::InsertionGuard guard(rewriter);
      rewriter.setInsertionPointToStart(module.getBody());
      auto fn = func::FuncOp::create(rewriter, op.getLoc(), name, fnType);
      fn.setPrivate();
    }
    return func::CallOp::create(rewriter, op.getLoc(), name, TypeRange{rewriter.getI64Type()},
                                ValueRange{})
        .getResult(0);
  }

  LogicalResult matchAndRewrite(RandOp op, PatternRewriter &rewriter) const override {
    Lowering l = lowering(rewriter, op);
    Location loc = l.loc;
    auto type = op.getResult().getType();
    RankedTensorType dense = Lowering::dense(type);
    Type element = dense.getElementType();
    SmallVector<Value> sizes = explicitSizes(l, dense, op.getDynamicSizes());
    Value seed = op.getSeed()
                     ? Value(arith::ConstantOp::create(rewriter, loc, rewriter.getI64IntegerAttr(*op.getSeed())))
                     : runtimeSeed(rewriter, op);
    Value cols = arith::IndexCastOp::create(rewriter, loc, rewriter.getI64Type(), sizes[1]);
    double lo = op.getMin().convertToDouble(), hi = op.getMax().convertToDouble();
    double density = op.getSparsity().convertToDouble();
    double lambda = op.getLambda().convertToDouble();
    Distribution dist = op.getDistribution();
    Value init = l.empty(dense, sizes);
    MLIRContext *ctx = rewriter.getContext();
    SmallVector<utils::IteratorType> par(2, utils::IteratorType::parallel);
    Value r = linalg::GenericOp::create(
        rewriter, loc, TypeRange{dense}, ValueRange{}, ValueRange{init},
        ArrayRef{AffineMap::getMultiDimIdentityMap(2, ctx)}, par,
        [&](OpBuilder &b, Location nl, ValueRange) {
          auto f64 = [&](double v) {
            return arith::ConstantOp::create(b, nl, b.getF64FloatAttr(v));
          };
          auto i64 = [&](int64_t v) {
            return arith::ConstantOp::create(b, nl, b.getI64IntegerAttr(v));
          };
          Value i = arith::IndexCastOp::create(b, nl, b.getI64Type(), linalg::IndexOp::create(b, nl, 0));
          Value j = arith::IndexCastOp::create(b, nl, b.getI64Type(), linalg::IndexOp::create(b, nl, 1));
          Value cell = arith::AddIOp::create(b, nl, arith::MulIOp::create(b, nl, i, cols), j);
          // Three independent streams per cell: value, second value, sparsity.
          Value k = arith::MulIOp::create(b, nl, cell, i64(3));
          Value u1 = unitUniform(b, nl, splitmix(b, nl, seed, k));
          Value v;
          switch (dist) {
          case Distribution::uniform:
            v = arith::AddFOp::create(b, nl, f64(lo), arith::MulFOp::create(b, nl, u1, f64(hi - lo)));
            break;
          case Distribution::normal: {
            Value u2 = unitUniform(b, nl, splitmix(b, nl, seed, arith::AddIOp::create(b, nl, k, i64(1))));
            Value r1 = math::SqrtOp::create(
                b, nl, arith::MulFOp::create(b, nl, f64(-2.0),
                                             math::LogOp::create(b, nl, arith::SubFOp::create(b, nl, f64(1.0), u1))));
            v = arith::MulFOp::create(b, nl, r1,
                                      math::CosOp::create(b, nl, arith::MulFOp::create(b, nl, f64(2 * M_PI), u2)));
            break;
          }
          case Distribution::poisson: {
            // Knuth: count uniforms until their product drops below e^-lambda.
            Value limit = f64(std::exp(-lambda));
            Value stream = arith::XOrIOp::create(b, nl, seed,
                                                 arith::MulIOp::create(b, nl, arith::AddIOp::create(b, nl, k, i64(1)),
                                                                       i64(int64_t(0xD1B54A32D192ED03ULL))));
            auto loop = scf::WhileOp::create(
                b, nl, TypeRange{b.getI64Type(), b.getF64Type()}, ValueRange{i64(0), f64(1.0)},
                [&](OpBuilder &wb, Location wl, ValueRange args) {
                  Value u = unitUniform(wb, wl, splitmix(wb, wl, stream, args[0]));
                  Value p = arith::MulFOp::create(wb, wl, args[1], u);
                  Value more = arith::CmpFOp::create(wb, wl, arith::CmpFPredicate::OGT, p, limit);
                  scf::ConditionOp::create(wb, wl, more, ValueRange{args[0], p});
                },
                [&](OpBuilder &wb, Location wl, ValueRange args) {
                  Value next = arith::AddIOp::create(
                      wb, wl, args[0], arith::ConstantOp::create(wb, wl, wb.getI64IntegerAttr(1)));
                  scf::YieldOp::create(wb, wl, ValueRange{next, args[1]});
                });
            v = arith::SIToFPOp::create(b, nl, b.getF64Type(), loop.getResult(0));
            break;
          }
          }
          if (density < 1.0) {
            Value u3 = unitUniform(b, nl, splitmix(b, nl, seed, arith::AddIOp::create(b, nl, k, i64(2))));
            Value keep = arith::CmpFOp::create(b, nl, arith::CmpFPredicate::OLT, u3, f64(density));
            v = arith::SelectOp::create(b, nl, keep, v, f64(0.0));
          }
          linalg::YieldOp::create(b, nl, castScalar(b, nl, v, element));
        })
        .getResult(0);
    rewriter.replaceOp(op, l.toType(r, type));
    return success();
  }
};

} // namespace

void populateGeneratorPatterns(RewritePatternSet &patterns,
                               const LAToLinalgOptions &options) {
  patterns.add<CastToLinalg, ConvertToSparseTensor, FillToLinalg, SeqToLinalg, RandToLinalg>(
      patterns.getContext(), options);
}

} // namespace lauryn::la::lowering
