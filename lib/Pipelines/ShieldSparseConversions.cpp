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

namespace lauryn {
#define GEN_PASS_DEF_SHIELDSPARSECONVERSIONSPASS
#include "lauryn/Pipelines/Passes.h.inc"
} // namespace lauryn

using namespace mlir;

namespace {

/// Operations the sparsifier's merger builds tensor expressions for (MLIR 22,
/// Merger::buildTensorExp); anything else in a kernel body it cannot sparsify.
bool isModeled(Operation &op) {
  return isa<linalg::YieldOp, arith::ConstantOp, math::AbsFOp, math::AbsIOp, math::CeilOp,
             math::FloorOp, math::SqrtOp, math::ExpM1Op, math::Log1pOp, math::SinOp,
             math::TanhOp, arith::NegFOp, arith::TruncFOp, arith::ExtFOp, arith::FPToSIOp,
             arith::FPToUIOp, arith::SIToFPOp, arith::UIToFPOp, arith::ExtSIOp, arith::ExtUIOp,
             arith::IndexCastOp, arith::TruncIOp, arith::BitcastOp, arith::MulFOp, arith::MulIOp,
             arith::DivFOp, arith::DivSIOp, arith::DivUIOp, arith::AddFOp, arith::AddIOp,
             arith::SubFOp, arith::SubIOp, arith::AndIOp, arith::OrIOp, arith::XOrIOp,
             arith::ShRSIOp, arith::ShRUIOp, arith::ShLIOp, arith::CmpFOp, arith::CmpIOp>(op);
}

struct ShieldSparseConversionsPass
    : lauryn::impl::ShieldSparseConversionsPassBase<ShieldSparseConversionsPass> {
  void runOnOperation() override {
    getOperation().walk([](sparse_tensor::ConvertOp convert) {
      auto producer = convert.getSource().getDefiningOp<linalg::GenericOp>();
      if (!producer || producer.getNumDpsInits() != 1 || !producer->hasOneUse() ||
          !sparse_tensor::getSparseTensorEncoding(convert.getType()) ||
          sparse_tensor::getSparseTensorEncoding(convert.getSource().getType()))
        return;
      OpOperand *init = producer.getDpsInitOperand(0);
      if (!init->get().getDefiningOp<tensor::EmptyOp>() ||
          llvm::all_of(producer.getBody()->getOperations(), isModeled))
        return;
      OpBuilder b(producer);
      Type element = getElementTypeOrSelf(init->get().getType());
      Value zero = arith::ConstantOp::create(b, producer.getLoc(), b.getZeroAttr(element));
      Value filled =
          linalg::FillOp::create(b, producer.getLoc(), zero, init->get()).getResult(0);
      init->set(filled);
    });
  }
};

} // namespace
