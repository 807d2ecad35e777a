//===- UnshareSparseEmpties.cpp - one empty sparse tensor per kernel ------===//
//
// An empty sparse tensor is the storage a sparse-output kernel inserts into.
// After CSE several kernels may share one; the sparsifier would then insert
// all of their entries into the same storage. Each use gets its own clone.
// Likewise an empty outside a loop whose kernel runs in the loop (CSE merges
// it with an equal empty before the loop): the storage would be allocated
// once and every iteration would insert into what the previous ones left
// (difftest seed 50196: wrong, run-to-run varying results). Such a use gets
// a clone right before its kernel, in the loop body.
//
//===----------------------------------------------------------------------===//

#include "lauryn/Pipelines/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/SparseTensor/IR/SparseTensor.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Builders.h"

namespace lauryn {
#define GEN_PASS_DEF_UNSHARESPARSEEMPTIESPASS
#include "lauryn/Pipelines/Passes.h.inc"
} // namespace lauryn

using namespace mlir;

namespace {

struct UnshareSparseEmptiesPass
    : lauryn::impl::UnshareSparseEmptiesPassBase<UnshareSparseEmptiesPass> {
  void runOnOperation() override {
    SmallVector<tensor::EmptyOp> shared;
    getOperation().walk([&](tensor::EmptyOp empty) {
      if (!sparse_tensor::getSparseTensorEncoding(empty.getType()) || empty->use_empty())
        return;
      bool local = empty->hasOneUse() &&
                   (*empty->getUsers().begin())->getBlock() == empty->getBlock();
      if (!local)
        shared.push_back(empty);
    });
    for (tensor::EmptyOp empty : shared) {
      SmallVector<OpOperand *> uses;
      for (OpOperand &use : empty->getUses())
        uses.push_back(&use);
      // A clone right before each user (the sizes dominate the original,
      // hence the user); the original goes.
      for (OpOperand *use : uses) {
        OpBuilder b(use->getOwner());
        use->set(b.clone(*empty)->getResult(0));
      }
      empty->erase();
    }
  }
};

} // namespace
