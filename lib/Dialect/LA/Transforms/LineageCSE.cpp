//===- LineageCSE.cpp - merge equal computations by lineage ---------------===//

#include "lauryn/Dialect/LA/IR/LAOps.h"
#include "lauryn/Dialect/LA/Transforms/Lineage.h"
#include "lauryn/Dialect/LA/Transforms/Passes.h"

#include "mlir/IR/Dominance.h"
#include "mlir/Interfaces/LoopLikeInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Transforms/LoopInvariantCodeMotionUtils.h"

namespace lauryn::la {
#define GEN_PASS_DEF_LINEAGECSEPASS
#include "lauryn/Dialect/LA/Transforms/Passes.h.inc"
} // namespace lauryn::la

using namespace mlir;
using namespace lauryn::la;

namespace {
struct LineageCSEPass : lauryn::la::impl::LineageCSEPassBase<LineageCSEPass> {
  using LineageCSEPassBase::LineageCSEPassBase;

  void hoistLoopInvariants(ModuleOp module) {
    LineageHasher hasher;
    // Post-order: inner loops first, so work can move out level by level.
    module.walk([&](LoopLikeOpInterface loop) {
      numHoisted += moveLoopInvariantCode(
          loop.getLoopRegions(),
          [&](Value value, Region *) {
            return loop.isDefinedOutsideOfLoop(value);
          },
          [&](Operation *op, Region *) {
            return op->getNumRegions() == 0 && hasher.isMergeable(op) &&
                   isSpeculatable(op);
          },
          [&](Operation *op, Region *) { loop.moveOutOfLoop(op); });
    });
  }

  void mergeEqualLineage(ModuleOp module) {
    LineageHasher hasher;
    DominanceInfo dominance(module);
    llvm::DenseMap<uint64_t, SmallVector<Operation *, 1>> seen;
    SmallVector<std::pair<Operation *, Operation *>> replacements;
    module.walk<WalkOrder::PreOrder>([&](Operation *op) {
      if (op->getNumResults() == 0 || op->getNumRegions() != 0 ||
          !hasher.isMergeable(op))
        return;
      uint64_t key = hasher.get(op->getResult(0));
      SmallVector<Operation *, 1> &candidates = seen[key];
      for (Operation *earlier : candidates) {
        if (earlier->getResultTypes() == op->getResultTypes() &&
            dominance.properlyDominates(earlier->getResult(0), op)) {
          replacements.push_back({op, earlier});
          return;
        }
      }
      candidates.push_back(op);
    });
    for (auto [duplicate, original] : replacements) {
      duplicate->replaceAllUsesWith(original->getResults());
      duplicate->erase();
      ++numMerged;
    }
  }

  void runOnOperation() override {
    if (hoist)
      hoistLoopInvariants(getOperation());
    mergeEqualLineage(getOperation());
  }
};
} // namespace
