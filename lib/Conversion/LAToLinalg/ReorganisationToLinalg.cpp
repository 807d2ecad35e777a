//===- ReorganisationToLinalg.cpp - matmul, transpose, binds, slices ------===//

#include "LoweringUtils.h"

#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"

using namespace mlir;

namespace lauryn::la::lowering {
namespace {

/// C = A %*% B on a zero-filled accumulator. Sparse operands stay sparse (the
/// sparsifier generates SpMV/SpMM); a sparse product of sparse operands is
/// assembled directly, other sparse results are produced densely and converted.
struct MatMulToLinalg : LAPattern<MatMulOp> {
  using LAPattern::LAPattern;
  LogicalResult matchAndRewrite(MatMulOp op, PatternRewriter &rewriter) const override {
    Lowering l = lowering(rewriter, op);
    Value a = op.getLhs(), b = op.getRhs();
    l.assertEqual(l.dim(a, 1), l.dim(b, 0), "inner dimensions differ");
    auto resultType = op.getResult().getType();
    // Shapes follow the operands (which may be more static than the declared
    // result); the result is cast to the declared type at the end.
    auto lhsType = cast<RankedTensorType>(a.getType());
    auto rhsType = cast<RankedTensorType>(b.getType());
    RankedTensorType accType = RankedTensorType::get(
        {lhsType.getDimSize(0), rhsType.getDimSize(1)}, resultType.getElementType());
    Type element = accType.getElementType();
    SmallVector<Value> sizes = {l.dim(a, 0), l.dim(b, 1)};
    if (Lowering::isCSR(resultType))
      if (Value product = emitRuntimeSpGEMM(l, a, b)) {
        // Sums that cancel leave zeros (keepNonZero).
        rewriter.replaceOp(op, l.toType(l.dropStoredZeros(product), resultType));
        return success();
      }
    if (Lowering::isSparse(a) && !Lowering::isSparse(b) && rhsType.getDimSize(1) == 1 &&
        !Lowering::isSparse(op.getResult())) {
      // SpMV: a 2-D kernel (i parallel, k reduction), so the sparsifier's
      // innermost loop is the reduction and accumulates in a register; the
      // 3-D matmul with its unit column dimension stored y[i] per entry.
      MLIRContext *ctx = rewriter.getContext();
      AffineExpr i = getAffineDimExpr(0, ctx), k = getAffineDimExpr(1, ctx);
      AffineExpr zero = getAffineConstantExpr(0, ctx);
      Value init = l.filled(accType, sizes, constantOf(rewriter, l.loc, element, 0));
      Value y = linalg::GenericOp::create(
                    rewriter, l.loc, TypeRange{accType}, ValueRange{a, b}, ValueRange{init},
                    ArrayRef{AffineMap::get(2, 0, {i, k}, ctx), AffineMap::get(2, 0, {k, zero}, ctx),
                             AffineMap::get(2, 0, {i, zero}, ctx)},
                    ArrayRef{utils::IteratorType::parallel, utils::IteratorType::reduction},
                    [&](OpBuilder &nb, Location nl, ValueRange args) {
                      Value sum;
                      if (isa<FloatType>(element))
                        sum = arith::AddFOp::create(
                            nb, nl, args[2], arith::MulFOp::create(nb, nl, args[0], args[1]));
                      else
                        sum = arith::AddIOp::create(
                            nb, nl, args[2], arith::MulIOp::create(nb, nl, args[0], args[1]));
                      linalg::YieldOp::create(nb, nl, sum);
                    })
                    .getResult(0);
      rewriter.replaceOp(op, l.toType(y, resultType));
      return success();
    }
    Value acc;
    if (Lowering::isSparse(a) && Lowering::isSparse(b) && Lowering::isSparse(op.getResult())) {
      // SpGEMM: the sparsifier assembles the sparse result row by row
      // through a dense workspace (an empty sparse tensor is all zeros). The
      // declared type, not the operands' shapes: a conversion between sparse
      // types of different shapes would be folded into the kernel without
      // its dynamic sizes.
      accType = resultType;
      acc = l.empty(accType, sizes);
    } else {
      acc = l.filled(accType, sizes, constantOf(rewriter, l.loc, element, 0));
    }
    Value c = linalg::MatmulOp::create(rewriter, l.loc, TypeRange{accType}, ValueRange{a, b},
                                       ValueRange{acc})
                  .getResult(0);
    if (accType.getEncoding())
      c = l.dropStoredZeros(c);
    rewriter.replaceOp(op, l.toType(c, resultType));
    return success();
  }
};

/// Dense input: linalg.transpose (tiled into cache blocks after
/// bufferization). Sparse input: the stored entries are scattered into a
/// zero-filled result (out[j, i] = in[i, j]), never densifying the input.
struct TransposeToLinalg : LAPattern<TransposeOp> {
  using LAPattern::LAPattern;
  LogicalResult matchAndRewrite(TransposeOp op, PatternRewriter &rewriter) const override {
    Lowering l = lowering(rewriter, op);
    Value x = op.getInput();
    auto resultType = op.getResult().getType();
    auto inType = cast<RankedTensorType>(x.getType());
    RankedTensorType outType = RankedTensorType::get(
        {inType.getDimSize(1), inType.getDimSize(0)}, inType.getElementType());
    SmallVector<Value> sizes = {l.dim(x, 1), l.dim(x, 0)};
    Value t;
    if (Lowering::isCSR(inType)) {
      auto csr = sparse_tensor::getSparseTensorEncoding(inType);
      MLIRContext *ctx = rewriter.getContext();
      AffineMap swap = AffineMap::getPermutationMap(ArrayRef<unsigned>{1, 0}, ctx);
      auto cscType = RankedTensorType::get(inType.getShape(), inType.getElementType(),
                                           csr.withDimToLvl(swap));
      Value csc = sparse_tensor::ConvertOp::create(rewriter, l.loc, cscType, x);
      auto transposedType = RankedTensorType::get(outType.getShape(), outType.getElementType(), csr);
      t = sparse_tensor::ReinterpretMapOp::create(rewriter, l.loc, transposedType, csc);
    } else if (Lowering::isSparse(x)) {
      MLIRContext *ctx = rewriter.getContext();
      AffineExpr i = getAffineDimExpr(0, ctx), j = getAffineDimExpr(1, ctx);
      Value zero = constantOf(rewriter, l.loc, outType.getElementType(), 0);
      t = linalg::GenericOp::create(
              rewriter, l.loc, TypeRange{outType}, ValueRange{x},
              ValueRange{l.filled(outType, sizes, zero)},
              ArrayRef{AffineMap::get(2, 0, {i, j}, ctx), AffineMap::get(2, 0, {j, i}, ctx)},
              SmallVector<utils::IteratorType>(2, utils::IteratorType::parallel),
              [](OpBuilder &b, Location loc, ValueRange args) {
                linalg::YieldOp::create(b, loc, args[0]);
              })
              .getResult(0);
    } else {
      t = linalg::TransposeOp::create(rewriter, l.loc, x, l.empty(outType, sizes),
                                      ArrayRef<int64_t>{1, 0})
              .getResult()[0];
    }
    rewriter.replaceOp(op, l.toType(t, resultType));
    return success();
  }
};

/// Row-major reshape. Static shapes: collapse to one dimension and expand (a
/// view). Dynamic shapes: a gather out[i, j] = in[k / cols_in, k % cols_in]
/// with k = i * cols_out + j, because memref.expand_shape with dynamic sizes
/// crashes upstream expand-strided-metadata in LLVM 22.
struct ReshapeToLinalg : LAPattern<ReshapeOp> {
  using LAPattern::LAPattern;
  LogicalResult matchAndRewrite(ReshapeOp op, PatternRewriter &rewriter) const override {
    Lowering l = lowering(rewriter, op);
    Location loc = l.loc;
    Value x = l.densify(op.getInput());
    auto resultType = op.getResult().getType();
    RankedTensorType outType = Lowering::dense(resultType);
    SmallVector<Value> sizes;
    auto dynamic = op.getDynamicSizes().begin();
    for (int64_t d = 0; d < 2; ++d)
      sizes.push_back(outType.isDynamicDim(d) ? *dynamic++ : l.index(outType.getDimSize(d)));
    Value inCells = arith::MulIOp::create(rewriter, loc, l.dim(x, 0), l.dim(x, 1));
    Value outCells = arith::MulIOp::create(rewriter, loc, sizes[0], sizes[1]);
    l.assertEqual(inCells, outCells, "reshape changes the number of cells");
    auto inType = cast<RankedTensorType>(x.getType());
    Value result;
    if (inType.hasStaticShape() && outType.hasStaticShape()) {
      SmallVector<ReassociationIndices> all{{0, 1}};
      Value flat = tensor::CollapseShapeOp::create(
          rewriter, loc, RankedTensorType::get({inType.getNumElements()}, outType.getElementType()),
          x, all);
      result = tensor::ExpandShapeOp::create(rewriter, loc, outType, flat, all);
    } else {
      Value inCols = l.dim(x, 1), outCols = sizes[1];
      Value init = l.empty(outType, sizes);
      SmallVector<utils::IteratorType> par(2, utils::IteratorType::parallel);
      AffineMap id = AffineMap::getMultiDimIdentityMap(2, rewriter.getContext());
      result = linalg::GenericOp::create(
                   rewriter, loc, TypeRange{outType}, ValueRange{}, ValueRange{init},
                   ArrayRef{id}, par,
                   [&](OpBuilder &b, Location nl, ValueRange) {
                     Value i = linalg::IndexOp::create(b, nl, 0);
                     Value j = linalg::IndexOp::create(b, nl, 1);
                     Value k = arith::AddIOp::create(b, nl, arith::MulIOp::create(b, nl, i, outCols), j);
                     Value r = arith::DivUIOp::create(b, nl, k, inCols);
                     Value c = arith::RemUIOp::create(b, nl, k, inCols);
                     Value v = tensor::ExtractOp::create(b, nl, x, ValueRange{r, c});
                     linalg::YieldOp::create(b, nl, v);
                   })
                   .getResult(0);
    }
    rewriter.replaceOp(op, l.toType(result, resultType));
    return success();
  }
};

/// True if the piece [offsets, offsets + sizes) of a `whole` matrix is known
/// to be empty at compile time: a size is the constant 0, or an offset is a
/// constant at or past the static size of its dimension (the range checks let
/// only an empty piece start there).
bool isEmptyPiece(RankedTensorType whole, ArrayRef<OpFoldResult> offsets,
                  ArrayRef<OpFoldResult> sizes) {
  for (int64_t d = 0; d < whole.getRank(); ++d) {
    std::optional<int64_t> size = getConstantIntValue(sizes[d]);
    std::optional<int64_t> offset = getConstantIntValue(offsets[d]);
    if ((size && *size == 0) ||
        (offset && !whole.isDynamicDim(d) && *offset >= whole.getDimSize(d)))
      return true;
  }
  return false;
}

/// Emits the slice op `piece()` of the piece [offsets, offsets + sizes) of
/// `whole`, or `whenEmpty()` for an empty piece. MLIR 22's slice verifiers
/// reject a static offset at or past a static dimension size even for an
/// empty slice ("offset 0 is out-of-bounds: 4 >= 4"), and later folding
/// (specialized shapes, constants, memref.subview canonicalization) can make
/// both static. So: no slice op for a piece known to be empty, and a piece not
/// known to be in bounds at compile time is guarded by
/// `scf.if (some size == 0 or some offset >= its dimension)`. Whenever folding
/// makes such a slice op invalid, it also folds that condition to true, and
/// the branch with the slice goes.
Value emitPiece(Lowering &l, Value whole, ArrayRef<OpFoldResult> offsets,
                ArrayRef<OpFoldResult> sizes, Type type, function_ref<Value()> whenEmpty,
                function_ref<Value()> piece) {
  auto wholeType = cast<RankedTensorType>(whole.getType());
  if (isEmptyPiece(wholeType, offsets, sizes))
    return whenEmpty();
  Value empty;
  auto orElse = [&](Value c) { empty = empty ? arith::OrIOp::create(l.b, l.loc, empty, c) : c; };
  for (int64_t d = 0; d < wholeType.getRank(); ++d) {
    if (!getConstantIntValue(sizes[d])) // a constant size is not 0 here
      orElse(arith::CmpIOp::create(l.b, l.loc, arith::CmpIPredicate::eq,
                                   cast<Value>(sizes[d]), l.index(0)));
    if (!getConstantIntValue(offsets[d]) || wholeType.isDynamicDim(d))
      orElse(arith::CmpIOp::create(l.b, l.loc, arith::CmpIPredicate::sge,
                                   getValueOrCreateConstantIndexOp(l.b, l.loc, offsets[d]),
                                   l.dim(whole, d)));
  }
  if (!empty)
    return piece();
  auto branch = scf::IfOp::create(l.b, l.loc, TypeRange{type}, empty, /*withElseRegion=*/true);
  OpBuilder::InsertionGuard guard(l.b);
  l.b.setInsertionPointToStart(branch.thenBlock());
  scf::YieldOp::create(l.b, l.loc, whenEmpty());
  l.b.setInsertionPointToStart(branch.elseBlock());
  scf::YieldOp::create(l.b, l.loc, piece());
  return branch.getResult(0);
}

/// cbind/rbind: insert every operand into an empty result at a running offset.
template <typename OpT, bool alongCols>
struct BindToLinalg : LAPattern<OpT> {
  using LAPattern<OpT>::LAPattern;
  LogicalResult matchAndRewrite(OpT op, PatternRewriter &rewriter) const override {
    Lowering l = this->lowering(rewriter, op);
    auto resultType = op.getResult().getType();
    RankedTensorType outType = Lowering::dense(resultType);
    int64_t keepDim = alongCols ? 0 : 1, growDim = alongCols ? 1 : 0;
    SmallVector<Value> inputs;
    for (Value v : op.getInputs())
      inputs.push_back(l.densify(v));
    Value keep = l.dim(inputs.front(), keepDim);
    Value total = l.index(0);
    for (Value v : inputs) {
      l.assertEqual(l.dim(v, keepDim), keep,
                    alongCols ? "operands have different row counts"
                              : "operands have different column counts");
      total = arith::AddIOp::create(rewriter, l.loc, total, l.dim(v, growDim));
    }
    Value sizes[2];
    sizes[keepDim] = keep;
    sizes[growDim] = total;
    Value result = l.empty(outType, sizes);
    Value offset = l.index(0);
    for (Value v : inputs) {
      SmallVector<OpFoldResult> offsets(2, rewriter.getIndexAttr(0));
      offsets[growDim] = getAsOpFoldResult(offset);
      SmallVector<OpFoldResult> extents{getAsOpFoldResult(l.dim(v, 0)),
                                        getAsOpFoldResult(l.dim(v, 1))};
      SmallVector<OpFoldResult> strides(2, rewriter.getIndexAttr(1));
      Value dest = result;
      result = emitPiece(
          l, dest, offsets, extents, outType, [&] { return dest; },
          [&]() -> Value {
            return tensor::InsertSliceOp::create(rewriter, l.loc, v, dest, offsets, extents,
                                                 strides);
          });
      offset = rewriter.createOrFold<arith::AddIOp>(l.loc, offset, l.dim(v, growDim));
    }
    rewriter.replaceOp(op, l.toType(result, resultType));
    return success();
  }
};

/// Checks 0 <= begin <= end <= size at run time.
void checkRange(Lowering &l, Value begin, Value end, Value size, StringRef what) {
  Value zero = l.index(0);
  auto le = [&](Value a, Value b) {
    return arith::CmpIOp::create(l.b, l.loc, arith::CmpIPredicate::sle, a, b);
  };
  Value ok = arith::AndIOp::create(l.b, l.loc, le(zero, begin),
                                   arith::AndIOp::create(l.b, l.loc, le(begin, end),
                                                         le(end, size)));
  l.check(ok, (std::string(what) + " range out of bounds").c_str());
}

struct SliceToLinalg : LAPattern<SliceOp> {
  using LAPattern::LAPattern;
  LogicalResult matchAndRewrite(SliceOp op, PatternRewriter &rewriter) const override {
    Lowering l = lowering(rewriter, op);
    Value x = l.densify(op.getInput());
    checkRange(l, op.getRowBegin(), op.getRowEnd(), l.dim(x, 0), "row");
    checkRange(l, op.getColBegin(), op.getColEnd(), l.dim(x, 1), "column");
    auto resultType = op.getResult().getType();
    RankedTensorType outType = Lowering::dense(resultType);
    Value rows = rewriter.createOrFold<arith::SubIOp>(l.loc, op.getRowEnd(), op.getRowBegin());
    Value cols = rewriter.createOrFold<arith::SubIOp>(l.loc, op.getColEnd(), op.getColBegin());
    SmallVector<OpFoldResult> offsets{getAsOpFoldResult(op.getRowBegin()),
                                      getAsOpFoldResult(op.getColBegin())};
    SmallVector<OpFoldResult> sizes{
        outType.isDynamicDim(0) ? OpFoldResult(rows) : rewriter.getIndexAttr(outType.getDimSize(0)),
        outType.isDynamicDim(1) ? OpFoldResult(cols) : rewriter.getIndexAttr(outType.getDimSize(1))};
    SmallVector<OpFoldResult> strides(2, rewriter.getIndexAttr(1));
    Value s = emitPiece(
        l, x, offsets, sizes, outType, [&] { return l.empty(outType, {rows, cols}); },
        [&]() -> Value {
          return tensor::ExtractSliceOp::create(rewriter, l.loc, outType, x, offsets, sizes,
                                                strides);
        });
    rewriter.replaceOp(op, l.toType(s, resultType));
    return success();
  }
};

struct InsertToLinalg : LAPattern<InsertOp> {
  using LAPattern::LAPattern;
  LogicalResult matchAndRewrite(InsertOp op, PatternRewriter &rewriter) const override {
    Lowering l = lowering(rewriter, op);
    Value src = l.densify(op.getSource()), dst = l.densify(op.getDest());
    Value rowEnd = arith::AddIOp::create(rewriter, l.loc, op.getRowOffset(), l.dim(src, 0));
    Value colEnd = arith::AddIOp::create(rewriter, l.loc, op.getColOffset(), l.dim(src, 1));
    checkRange(l, op.getRowOffset(), rowEnd, l.dim(dst, 0), "row");
    checkRange(l, op.getColOffset(), colEnd, l.dim(dst, 1), "column");
    SmallVector<OpFoldResult> offsets{getAsOpFoldResult(op.getRowOffset()),
                                      getAsOpFoldResult(op.getColOffset())};
    SmallVector<OpFoldResult> sizes{getAsOpFoldResult(l.dim(src, 0)),
                                    getAsOpFoldResult(l.dim(src, 1))};
    SmallVector<OpFoldResult> strides(2, rewriter.getIndexAttr(1));
    Value r = emitPiece(
        l, dst, offsets, sizes, dst.getType(),
        [&] { return dst; }, // an empty source leaves the destination as it is
        [&]() -> Value {
          return tensor::InsertSliceOp::create(rewriter, l.loc, src, dst, offsets, sizes, strides);
        });
    rewriter.replaceOp(op, l.toType(r, op.getResult().getType()));
    return success();
  }
};

/// diag(v) for a column vector (n x n with v on the diagonal) and diag(X) for
/// a square matrix (its diagonal as n x 1).
struct DiagToLinalg : LAPattern<DiagOp> {
  using LAPattern::LAPattern;
  LogicalResult matchAndRewrite(DiagOp op, PatternRewriter &rewriter) const override {
    Lowering l = lowering(rewriter, op);
    Value x = l.densify(op.getInput());
    auto inType = cast<RankedTensorType>(x.getType());
    auto resultType = op.getResult().getType();
    RankedTensorType outType = Lowering::dense(resultType);
    MLIRContext *ctx = rewriter.getContext();
    Type element = outType.getElementType();
    SmallVector<utils::IteratorType> par(2, utils::IteratorType::parallel);
    AffineMap id = AffineMap::getMultiDimIdentityMap(2, ctx);
    Value result;
    if (inType.getDimSize(1) == 1) {
      Value n = l.dim(x, 0);
      Value init = l.empty(outType, {n, n});
      AffineMap vec = AffineMap::get(2, 0, {rewriter.getAffineDimExpr(0),
                                            rewriter.getAffineConstantExpr(0)}, ctx);
      result = linalg::GenericOp::create(
                   rewriter, l.loc, TypeRange{outType}, ValueRange{x}, ValueRange{init},
                   ArrayRef{vec, id}, par,
                   [&](OpBuilder &b, Location loc, ValueRange args) {
                     Value i = linalg::IndexOp::create(b, loc, 0);
                     Value j = linalg::IndexOp::create(b, loc, 1);
                     Value onDiag = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, i, j);
                     Value v = arith::SelectOp::create(b, loc, onDiag, args[0],
                                                       constantOf(b, loc, element, 0));
                     linalg::YieldOp::create(b, loc, v);
                   })
                   .getResult(0);
    } else {
      Value n = l.dim(x, 0);
      l.assertEqual(n, l.dim(x, 1), "input is not square");
      Value init = l.empty(outType, {n, l.index(1)});
      result = linalg::GenericOp::create(
                   rewriter, l.loc, TypeRange{outType}, ValueRange{}, ValueRange{init},
                   ArrayRef{id}, par,
                   [&](OpBuilder &b, Location loc, ValueRange) {
                     Value i = linalg::IndexOp::create(b, loc, 0);
                     Value v = tensor::ExtractOp::create(b, loc, x, ValueRange{i, i});
                     linalg::YieldOp::create(b, loc, v);
                   })
                   .getResult(0);
    }
    rewriter.replaceOp(op, l.toType(result, resultType));
    return success();
  }
};

/// rev(X): row i of the result is row rows-1-i of X.
struct RevToLinalg : LAPattern<RevOp> {
  using LAPattern::LAPattern;
  LogicalResult matchAndRewrite(RevOp op, PatternRewriter &rewriter) const override {
    Lowering l = lowering(rewriter, op);
    Value x = l.densify(op.getInput());
    auto resultType = op.getResult().getType();
    RankedTensorType outType = Lowering::dense(resultType);
    Value rows = l.dim(x, 0);
    Value last = arith::SubIOp::create(rewriter, l.loc, rows, l.index(1));
    Value init = l.empty(outType, {rows, l.dim(x, 1)});
    SmallVector<utils::IteratorType> par(2, utils::IteratorType::parallel);
    AffineMap id = AffineMap::getMultiDimIdentityMap(2, rewriter.getContext());
    Value r = linalg::GenericOp::create(
                  rewriter, l.loc, TypeRange{outType}, ValueRange{}, ValueRange{init},
                  ArrayRef{id}, par,
                  [&](OpBuilder &b, Location loc, ValueRange) {
                    Value i = linalg::IndexOp::create(b, loc, 0);
                    Value j = linalg::IndexOp::create(b, loc, 1);
                    Value src = arith::SubIOp::create(b, loc, last, i);
                    Value v = tensor::ExtractOp::create(b, loc, x, ValueRange{src, j});
                    linalg::YieldOp::create(b, loc, v);
                  })
                  .getResult(0);
    rewriter.replaceOp(op, l.toType(r, resultType));
    return success();
  }
};

} // namespace

void populateReorganisationPatterns(RewritePatternSet &patterns,
                                    const LAToLinalgOptions &options) {
  patterns.add<MatMulToLinalg, TransposeToLinalg, ReshapeToLinalg,
               BindToLinalg<CBindOp, true>, BindToLinalg<RBindOp, false>, SliceToLinalg,
               InsertToLinalg, DiagToLinalg, RevToLinalg>(patterns.getContext(), options);
}

} // namespace lauryn::la::lowering
