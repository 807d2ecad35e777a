//===- ShieldSparseConversions.cpp - no folds the sparsifier cannot code ---===//
//
// The sparsifier's FoldConvertIntoProducer rewrites `convert(generic(...))`
// into a generic with a sparse output when the generic's destination is a
// fresh tensor (tensor.empty). It does so without checking that the
// sparsifier can generate code for the body; bodies with operations its
// merger does not model then crash the sparse code generator. A zero-filled
// destination is not "fresh", so the fold skips it and the conversion stays.
//
//===----------------------------------------------------------------------===//

#include "lauryn/Pipelines/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SparseTensor/IR/SparseTensor.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/TypeUtilities.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace lauryn {
#define GEN_PASS_DEF_SHIELDSPARSECONVERSIONSPASS
#include "lauryn/Pipelines/Passes.h.inc"
} // namespace lauryn

using namespace mlir;

namespace {

/// Operations the sparsifier's merger builds tensor expressions for (MLIR 22,
/// Merger::buildTensorExp); anything else in a kernel body it cannot sparsify.
/// Divisions are left out: the merger models x / y only when y cannot be zero
/// (a non-zero constant), which a kernel dividing by a tensor or by a run-time
/// count (la.mean row/col) is not.
bool isModeled(Operation &op) {
  return isa<linalg::YieldOp, arith::ConstantOp, math::AbsFOp, math::AbsIOp, math::CeilOp,
             math::FloorOp, math::SqrtOp, math::ExpM1Op, math::Log1pOp, math::SinOp,
             math::TanhOp, arith::NegFOp, arith::TruncFOp, arith::ExtFOp, arith::FPToSIOp,
             arith::FPToUIOp, arith::SIToFPOp, arith::UIToFPOp, arith::ExtSIOp, arith::ExtUIOp,
             arith::IndexCastOp, arith::TruncIOp, arith::BitcastOp, arith::MulFOp, arith::MulIOp,
             arith::AddFOp, arith::AddIOp,
             arith::SubFOp, arith::SubIOp, arith::AndIOp, arith::OrIOp, arith::XOrIOp,
             arith::ShRSIOp, arith::ShRUIOp, arith::ShLIOp, arith::CmpFOp, arith::CmpIOp,
             sparse_tensor::SelectOp>(op);
}

/// True if the sparsifier can generate a sparse-output version of the dense
/// kernel: a body the merger models, and no broadcast operand (an indexing map
/// with a constant index, e.g. (i, j) -> (0, 0), crashed its iteration graph
/// sorter: difftest bug sparse-1x1-broadcast).
bool isSparsifiable(linalg::GenericOp kernel) {
  auto hasConstantIndex = [](AffineMap map) {
    return llvm::any_of(map.getResults(), [](AffineExpr e) { return isa<AffineConstantExpr>(e); });
  };
  return llvm::all_of(kernel.getBody()->getOperations(), isModeled) &&
         llvm::none_of(kernel.getIndexingMapsArray(), hasConstantIndex);
}

/// A zero-filled destination for a dense kernel the sparsifier cannot turn
/// into a sparse-output kernel, or whose dense result other ops also use: the
/// fold into a sparse output no longer matches.
void shieldUnmodeledKernel(linalg::GenericOp producer) {
  // A kernel with other users must stay dense for them: the fold would give
  // them its sparse result (difftest seed 50539: sign(X) converted to CSR
  // and inserted into).
  if (isSparsifiable(producer) && producer->hasOneUse())
    return;
  OpOperand *init = producer.getDpsInitOperand(0);
  OpBuilder b(producer);
  Type element = getElementTypeOrSelf(init->get().getType());
  Value zero = arith::ConstantOp::create(b, producer.getLoc(), b.getZeroAttr(element));
  init->set(linalg::FillOp::create(b, producer.getLoc(), zero, init->get()).getResult(0));
}

/// Makes the kernel writing a fresh (tensor.empty) destination write a
/// zero-filled dense tensor of `denseType` instead (same dynamic sizes). The
/// selects that kept computed zeros out of the sparse result go: a dense
/// result holds every value (the sparsifier stored the select's condition
/// into a dense output).
void writeDensely(linalg::GenericOp producer, RankedTensorType denseType) {
  producer.getBody()->walk([](sparse_tensor::SelectOp select) {
    select.replaceAllUsesWith(select.getX());
    select->erase();
  });
  OpOperand *init = producer.getDpsInitOperand(0);
  auto empty = init->get().getDefiningOp<tensor::EmptyOp>();
  OpBuilder b(producer);
  Location loc = producer.getLoc();
  Value dense = tensor::EmptyOp::create(b, loc, denseType, empty.getDynamicSizes());
  Value zero = arith::ConstantOp::create(b, loc, b.getZeroAttr(denseType.getElementType()));
  init->set(linalg::FillOp::create(b, loc, zero, dense).getResult(0));
  producer.getResult(0).setType(denseType);
  if (empty->use_empty())
    empty->erase();
}

/// densify(kernel into a fresh sparse tensor): the fold would give the kernel
/// a fresh *dense* destination, i.e. uninitialized memory where the sparse one
/// was all zeros -- every cell the sparse loops skip, and every accumulation
/// (SpGEMM reads its destination), would be garbage. The kernel writes into a
/// zero-filled dense tensor instead, and the conversion goes.
void produceDense(sparse_tensor::ConvertOp convert, linalg::GenericOp producer) {
  OpOperand *init = producer.getDpsInitOperand(0);
  auto empty = init->get().getDefiningOp<tensor::EmptyOp>();
  auto denseType = cast<RankedTensorType>(convert.getType());
  if (denseType.getShape() != empty.getType().getShape() ||
      denseType.getElementType() != empty.getType().getElementType())
    return; // a conversion that also changes the type: left as it is
  writeDensely(producer, denseType);
  convert.replaceAllUsesWith(producer.getResult(0));
  convert->erase();
}

/// convert(kernel into a fresh tensor) to a less static sparse type (or a
/// tensor.cast of a sparse kernel's result, folded the same way): the fold
/// would clone the fresh destination with the conversion's type but without
/// sizes for its dynamic dimensions (an invalid tensor.empty; difftest seed
/// 51773: a static CSR result returned as tensor<?x?>). The destination gets
/// the conversion's shape, with its sizes, so the fold finds matching shapes.
void matchDestinationShape(Operation *convert, linalg::GenericOp producer) {
  OpOperand *init = producer.getDpsInitOperand(0);
  auto empty = init->get().getDefiningOp<tensor::EmptyOp>();
  auto target = cast<RankedTensorType>(convert->getResult(0).getType());
  RankedTensorType from = empty.getType();
  if (target.getShape() == from.getShape() || !producer->hasOneUse())
    return;
  // Dimensions static in the target but dynamic here are left to the fold.
  for (int64_t d = 0; d < target.getRank(); ++d)
    if (!target.isDynamicDim(d) && from.isDynamicDim(d))
      return;
  OpBuilder b(producer);
  Location loc = producer.getLoc();
  SmallVector<Value> sizes;
  for (int64_t d = 0; d < target.getRank(); ++d) {
    if (!target.isDynamicDim(d))
      continue;
    sizes.push_back(from.isDynamicDim(d)
                        ? empty.getDynamicSize(d)
                        : arith::ConstantIndexOp::create(b, loc, from.getDimSize(d)).getResult());
  }
  auto shaped = [&](RankedTensorType t) {
    return RankedTensorType::get(target.getShape(), t.getElementType(), t.getEncoding());
  };
  init->set(tensor::EmptyOp::create(b, loc, shaped(from), sizes));
  auto resultType = cast<RankedTensorType>(producer.getResult(0).getType());
  producer.getResult(0).setType(shaped(resultType));
  if (empty->use_empty())
    empty->erase();
}

/// convert(sparse kernel into a fresh CSR) to another level order (the CSC of
/// a CSR transpose): the fold would make the kernel write the CSC result
/// directly, which the sparse code generator fails to lower for a kernel with
/// a reduction (SpGEMM inserting out of its loop order; difftest seed 70036:
/// t(A %*% A) of an integer CSR A) and for any kernel of dynamic shape
/// (t(X - Y) with --no-specialize). Such a kernel writes a zero-filled dense
/// result instead, which the conversion then compresses: m x n memory, only
/// on these paths (static element-wise kernels keep the fold; products
/// through the runtime SpGEMM are calls, not kernels).
void accumulateDensely(sparse_tensor::ConvertOp convert, linalg::GenericOp producer) {
  auto from = sparse_tensor::getSparseTensorEncoding(convert.getSource().getType());
  auto to = sparse_tensor::getSparseTensorEncoding(convert.getType());
  auto sparseType = cast<RankedTensorType>(producer.getResult(0).getType());
  if (!from || !to || from.getDimToLvl() == to.getDimToLvl() || !producer->hasOneUse() ||
      (producer.getNumReductionLoops() == 0 && sparseType.hasStaticShape()))
    return;
  writeDensely(producer, RankedTensorType::get(sparseType.getShape(), sparseType.getElementType()));
}

struct ShieldSparseConversionsPass
    : lauryn::impl::ShieldSparseConversionsPassBase<ShieldSparseConversionsPass> {
  void runOnOperation() override {
    // Dead uses first: a dead tensor.dim of a kernel's result (left by CSE
    // after it erased a dead consumer) would make the kernel look shared
    // below, while the sparsifier's own cleanup removes it and folds anyway.
    // Only trivially dead ops go: no folding, no canonicalization.
    GreedyRewriteConfig deadOnly;
    deadOnly.enableFolding(false).enableConstantCSE(false).setRegionSimplificationLevel(
        GreedySimplifyRegionLevel::Disabled);
    (void)applyPatternsGreedily(getOperation(), FrozenRewritePatternSet(), deadOnly);
    getOperation().walk([](tensor::CastOp cast) {
      auto producer = cast.getSource().getDefiningOp<linalg::GenericOp>();
      if (producer && producer.getNumDpsInits() == 1 &&
          producer.getDpsInitOperand(0)->get().getDefiningOp<tensor::EmptyOp>() &&
          sparse_tensor::getSparseTensorEncoding(cast.getType()))
        matchDestinationShape(cast, producer);
    });
    getOperation().walk([](sparse_tensor::ConvertOp convert) {
      auto producer = convert.getSource().getDefiningOp<linalg::GenericOp>();
      if (!producer || producer.getNumDpsInits() != 1 ||
          !producer.getDpsInitOperand(0)->get().getDefiningOp<tensor::EmptyOp>())
        return;
      bool toSparse = sparse_tensor::getSparseTensorEncoding(convert.getType()) != nullptr;
      bool fromSparse =
          sparse_tensor::getSparseTensorEncoding(convert.getSource().getType()) != nullptr;
      if (toSparse)
        matchDestinationShape(convert, producer);
      if (toSparse && !fromSparse)
        shieldUnmodeledKernel(producer);
      else if (fromSparse && !toSparse && producer->hasOneUse())
        produceDense(convert, producer);
      else if (fromSparse && toSparse)
        accumulateDensely(convert, producer);
    });
  }
};

} // namespace
