//===- CopyStridedResults.cpp - contiguous buffers at function returns ----===//
//
// One-shot bufferization returns identity-layout memrefs from functions; a
// returned view (la.slice of a parameter) then reaches the return through a
// memref.cast from its strided layout. The cast is only a promise: the
// descriptor keeps the real strides, but code that trusts the static type --
// the ownership-based deallocation's copy of a non-owned result, which is a
// flat memcpy for identity layouts -- reads the wrong elements (difftest bug
// strided-result-copy). Such a result is copied into a fresh contiguous
// buffer instead.
//
//===----------------------------------------------------------------------===//

#include "lauryn/Pipelines/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/Builders.h"

namespace lauryn {
#define GEN_PASS_DEF_COPYSTRIDEDRESULTSPASS
#include "lauryn/Pipelines/Passes.h.inc"
} // namespace lauryn

using namespace mlir;

namespace {

struct CopyStridedResultsPass
    : lauryn::impl::CopyStridedResultsPassBase<CopyStridedResultsPass> {
  void runOnOperation() override {
    getOperation().walk([](func::ReturnOp ret) {
      for (OpOperand &operand : ret->getOpOperands()) {
        auto layoutCast = operand.get().getDefiningOp<memref::CastOp>();
        if (!layoutCast)
          continue;
        auto to = dyn_cast<MemRefType>(layoutCast.getType());
        auto from = dyn_cast<MemRefType>(layoutCast.getSource().getType());
        if (!to || !from || !to.getLayout().isIdentity() || from.getLayout().isIdentity())
          continue;
        OpBuilder b(ret);
        Location loc = layoutCast.getLoc();
        SmallVector<Value> sizes;
        for (int64_t d = 0; d < to.getRank(); ++d)
          if (to.isDynamicDim(d))
            sizes.push_back(memref::DimOp::create(b, loc, layoutCast.getSource(), d));
        Value copy = memref::AllocOp::create(b, loc, to, sizes);
        memref::CopyOp::create(b, loc, layoutCast.getSource(), copy);
        operand.set(copy);
      }
    });
  }
};

} // namespace
