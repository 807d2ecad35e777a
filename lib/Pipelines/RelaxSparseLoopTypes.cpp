//===- RelaxSparseLoopTypes.cpp - sparse loop-carried values stay dynamic -===//
//
// When the JIT runner specializes a CSR parameter's shape and the parameter
// initializes an scf.for, canonicalization makes the loop carry the static
// type: the body casts it to the dynamic type its kernels compute with and
// casts the yielded result back. Upstream's pre-sparsification-rewrite folds
// that last cast into the producing kernel by retyping its dynamic
// tensor.empty in place, keeping the size operands: invalid IR ("incorrect
// number of dynamic sizes"). This pass gives such iteration arguments the
// dynamic type of the yielded value again; casts sit outside the loop.
//
//===----------------------------------------------------------------------===//

#include "lauryn/Pipelines/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SparseTensor/IR/SparseTensor.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Builders.h"

namespace lauryn {
#define GEN_PASS_DEF_RELAXSPARSELOOPTYPESPASS
#include "lauryn/Pipelines/Passes.h.inc"
} // namespace lauryn

using namespace mlir;

namespace {

/// Redirects the uses of `value` (now of type `relaxed`): casts to `relaxed`
/// take `value` itself, every other use a cast back to `original`.
void redirectUses(Value value, Type original, OpBuilder &b, Location loc) {
  Value restored;
  for (OpOperand &use : llvm::make_early_inc_range(value.getUses())) {
    auto cast = dyn_cast<tensor::CastOp>(use.getOwner());
    if (cast && cast.getType() == value.getType()) {
      cast.replaceAllUsesWith(value);
      cast->erase();
      continue;
    }
    if (!restored)
      restored = tensor::CastOp::create(b, loc, original, value);
    if (use.getOwner() != restored.getDefiningOp())
      use.set(restored);
  }
}

void relax(scf::ForOp loop, unsigned i, tensor::CastOp yielded) {
  Type relaxed = yielded.getSource().getType();
  Type original = loop.getResult(i).getType();
  OpOperand &init = loop.getInitArgsMutable()[i];
  OpBuilder b(loop);
  init.set(tensor::CastOp::create(b, loop.getLoc(), relaxed, init.get()));

  BlockArgument arg = loop.getRegionIterArg(i);
  arg.setType(relaxed);
  b.setInsertionPointToStart(loop.getBody());
  redirectUses(arg, original, b, loop.getLoc());

  Operation *yield = loop.getBody()->getTerminator();
  yield->setOperand(i, yielded.getSource());
  if (yielded->use_empty())
    yielded->erase();

  Value result = loop.getResult(i);
  result.setType(relaxed);
  b.setInsertionPointAfter(loop);
  redirectUses(result, original, b, loop.getLoc());
}

struct RelaxSparseLoopTypesPass
    : lauryn::impl::RelaxSparseLoopTypesPassBase<RelaxSparseLoopTypesPass> {
  void runOnOperation() override {
    SmallVector<scf::ForOp> loops;
    getOperation().walk([&](scf::ForOp loop) { loops.push_back(loop); });
    for (scf::ForOp loop : loops) {
      auto yield = cast<scf::YieldOp>(loop.getBody()->getTerminator());
      for (unsigned i = 0; i < loop.getNumRegionIterArgs(); ++i) {
        auto type = dyn_cast<RankedTensorType>(loop.getResult(i).getType());
        auto cast = yield.getOperand(i).getDefiningOp<tensor::CastOp>();
        if (type && sparse_tensor::getSparseTensorEncoding(type) && cast &&
            cast.getSource().getType() != type)
          relax(loop, i, cast);
      }
    }
  }
};

} // namespace
