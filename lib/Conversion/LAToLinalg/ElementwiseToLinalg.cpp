//===- ElementwiseToLinalg.cpp - element-wise la ops -> linalg.generic ----===//
//
// One linalg.generic per op; DML broadcasting is expressed by the indexing
// maps: a statically 1-sized dimension is read at index 0, scalars are scalar
// operands. Sparse operands stay sparse only where the sparsifier computes the
// same values as the dense kernel (see keepsSparse); elsewhere they are
// densified.
//
//===----------------------------------------------------------------------===//

#include "LoweringUtils.h"

using namespace mlir;

namespace lauryn::la::lowering {
namespace {

/// Ops whose sparse kernel (iterating only stored entries) equals the dense
/// one, treating implicit zeros as structural zeros: x*y, and x+y / x-y of
/// equally shaped operands, and zero-preserving unary ops the sparsifier
/// understands.
bool keepsSparse(Operation *op) {
  if (isa<MulOp>(op))
    return true;
  // x + y with a broadcast operand is dense wherever that operand is not
  // zero (and crashed the sparsifier's loop emitter): only equal shapes.
  if (isa<AddOp, SubOp>(op)) {
    auto resultShape = cast<RankedTensorType>(op->getResult(0).getType()).getShape();
    return llvm::all_of(op->getOperandTypes(), [&](Type t) {
      auto tensor = dyn_cast<RankedTensorType>(t);
      return tensor && tensor.getShape() == resultShape;
    });
  }
  return isa<NegOp, AbsOp, SqrtOp, SinOp, TanhOp, FloorOp, CeilOp>(op);
}

struct ElementwiseToGeneric : RewritePattern {
  ElementwiseToGeneric(MLIRContext *ctx, const LAToLinalgOptions &options)
      : RewritePattern(MatchAnyOpTypeTag(), /*benefit=*/1, ctx), options(options) {}

  LogicalResult matchAndRewrite(Operation *op, PatternRewriter &rewriter) const override {
    if (!isa<LADialect>(op->getDialect()) || !isElementwiseOp(op))
      return failure();
    Location loc = op->getLoc();
    Type resultType = op->getResult(0).getType();
    auto resultTensor = dyn_cast<RankedTensorType>(resultType);
    if (!resultTensor) { // scalar op
      rewriter.replaceOp(op, emitElementwise(rewriter, loc, op, op->getOperands()));
      return success();
    }
    Lowering l{rewriter, loc, op, options};
    int64_t shape[2] = {resultTensor.getDimSize(0), resultTensor.getDimSize(1)};
    auto broadcastsAlong = [&](Value v, int64_t d) {
      auto t = cast<RankedTensorType>(v.getType());
      return t.getDimSize(d) == 1;
    };

    // Sizes of the result: static, or read from an operand that is not
    // broadcast along that dimension.
    Value sizes[2], sizeSource[2];
    for (int64_t d = 0; d < 2; ++d) {
      if (!ShapedType::isDynamic(shape[d])) {
        sizes[d] = l.index(shape[d]);
        continue;
      }
      for (Value v : op->getOperands())
        if (isa<RankedTensorType>(v.getType()) && !broadcastsAlong(v, d)) {
          sizes[d] = l.dim(v, d);
          sizeSource[d] = v;
          break;
        }
      // Every operand has one row (column): so has the result, whatever its
      // declared type says.
      if (!sizes[d])
        sizes[d] = l.index(1);
    }
    const char *dimName[2] = {"row counts", "column counts"};
    for (Value v : op->getOperands())
      if (isa<RankedTensorType>(v.getType()))
        for (int64_t d = 0; d < 2; ++d)
          if (v != sizeSource[d] && !broadcastsAlong(v, d))
            l.assertEqual(l.dim(v, d), sizes[d],
                          std::string("operands have different ") + dimName[d]);

    bool sparse = keepsSparse(op);
    SmallVector<Value> inputs;
    SmallVector<AffineMap> maps;
    MLIRContext *ctx = rewriter.getContext();
    AffineExpr d0 = rewriter.getAffineDimExpr(0), d1 = rewriter.getAffineDimExpr(1);
    AffineExpr zero = rewriter.getAffineConstantExpr(0);
    bool anySparseInput = false;
    // Sparse operands of x * y densified for a broadcast: their implicit
    // zeros stay structural (0 * NaN = 0), as in the sparse kernel. (x / y
    // does the same for a sparse numerator in its scalar semantics.)
    SmallVector<unsigned> structuralZeros;
    bool keepsStructuralZeros =
        isa<MulOp, AndOp>(op) && isa<FloatType>(resultTensor.getElementType());
    // The select that keeps them structural cannot be in a sparse kernel (the
    // sparsifier does not model it: difftest seed 50149), so a densified
    // operand makes the whole kernel dense.
    if (sparse && keepsStructuralZeros && llvm::any_of(op->getOperands(), [&](Value v) {
          return Lowering::isSparse(v) && (broadcastsAlong(v, 0) || broadcastsAlong(v, 1));
        }))
      sparse = false;
    for (Value v : op->getOperands()) {
      auto t = dyn_cast<RankedTensorType>(v.getType());
      if (!t) {
        inputs.push_back(v);
        maps.push_back(AffineMap::get(2, 0, {}, ctx));
        continue;
      }
      bool broadcast = broadcastsAlong(v, 0) || broadcastsAlong(v, 1);
      if (Lowering::isSparse(v) && (!sparse || broadcast)) {
        if (keepsStructuralZeros)
          structuralZeros.push_back(inputs.size());
        v = l.densify(v);
      }
      if (broadcastsAlong(v, 0) && broadcastsAlong(v, 1)) {
        // A 1x1 matrix is a scalar operand: an indexing map (i, j) -> (0, 0)
        // crashed the sparsifier's iteration graph sorter next to a sparse
        // operand (difftest bug sparse-1x1-broadcast).
        inputs.push_back(l.firstElement(v));
        maps.push_back(AffineMap::get(2, 0, {}, ctx));
        continue;
      }
      anySparseInput |= Lowering::isSparse(v);
      inputs.push_back(v);
      maps.push_back(AffineMap::get(2, 0,
                                    {broadcastsAlong(v, 0) ? zero : d0,
                                     broadcastsAlong(v, 1) ? zero : d1},
                                    ctx));
    }
    // Produce the requested format directly only from a sparse kernel.
    RankedTensorType outType =
        (resultTensor.getEncoding() && anySparseInput) ? resultTensor
                                                       : Lowering::dense(resultTensor);
    Value init = l.empty(outType, sizes);
    maps.push_back(AffineMap::getMultiDimIdentityMap(2, ctx));
    SmallVector<utils::IteratorType> iterators(2, utils::IteratorType::parallel);
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{outType}, inputs, ValueRange{init}, maps, iterators,
        [&](OpBuilder &b, Location nested, ValueRange args) {
          Value r = emitElementwise(b, nested, op, args.drop_back());
          for (unsigned k : structuralZeros) {
            Value zero = constantOf(b, nested, r.getType(), 0);
            Value isZero = arith::CmpFOp::create(b, nested, arith::CmpFPredicate::OEQ, args[k],
                                                 constantOf(b, nested, args[k].getType(), 0));
            r = arith::SelectOp::create(b, nested, isZero, zero, r);
          }
          if (outType.getEncoding())
            r = keepNonZero(b, nested, r);
          linalg::YieldOp::create(b, nested, r);
        });
    rewriter.replaceOp(op, l.toType(generic.getResult(0), resultType));
    return success();
  }

  LAToLinalgOptions options;
};

} // namespace

void populateElementwisePatterns(RewritePatternSet &patterns,
                                 const LAToLinalgOptions &options) {
  patterns.add<ElementwiseToGeneric>(patterns.getContext(), options);
}

} // namespace lauryn::la::lowering
