//===- DropLocalDeallocs.cpp - leave deallocation to ownership analysis ---===//
//
// The sparsifier frees the workspace of sparse-output kernels (SpGEMM's dense
// row accumulator) with explicit memref.dealloc ops; the ownership-based
// buffer-deallocation pipeline that runs next rejects any existing dealloc.
// Dropping the deallocs of buffers allocated in the same function hands them
// back to that pipeline, which frees every memref.alloc it sees.
//
//===----------------------------------------------------------------------===//

#include "lauryn/Pipelines/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"

namespace lauryn {
#define GEN_PASS_DEF_DROPLOCALDEALLOCSPASS
#include "lauryn/Pipelines/Passes.h.inc"
} // namespace lauryn

using namespace mlir;

namespace {
struct DropLocalDeallocsPass : lauryn::impl::DropLocalDeallocsPassBase<DropLocalDeallocsPass> {
  using DropLocalDeallocsPassBase::DropLocalDeallocsPassBase;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    SmallVector<memref::DeallocOp> local;
    func.walk([&](memref::DeallocOp dealloc) {
      Operation *def = dealloc.getMemref().getDefiningOp();
      if (isa_and_present<memref::AllocOp>(def) &&
          def->getParentOfType<func::FuncOp>() == func)
        local.push_back(dealloc);
    });
    for (memref::DeallocOp dealloc : local)
      dealloc.erase();
  }
};
} // namespace
