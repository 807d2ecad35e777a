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
    // Buffers this function allocated, directly or through loops and the
    // sparsifier's helper calls (the COO temporaries of a CSR -> CSC
    // conversion come back from its insertion helpers); the caller's
    // buffers (entry block arguments) are not the function's to free.
    func.walk([&](memref::DeallocOp dealloc) {
      auto arg = dyn_cast<BlockArgument>(dealloc.getMemref());
      if (!arg || arg.getOwner() != &func.getBody().front())
        local.push_back(dealloc);
    });
    for (memref::DeallocOp dealloc : local)
      dealloc.erase();
  }
};
} // namespace
