//===- ParallelizeOuterLoop.cpp - one parallel dimension per loop nest ----===//

#include "lauryn/Pipelines/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/PatternMatch.h"

namespace lauryn {
#define GEN_PASS_DEF_PARALLELIZEOUTERLOOPPASS
#include "lauryn/Pipelines/Passes.h.inc"
} // namespace lauryn

using namespace mlir;

namespace {
struct ParallelizeOuterLoopPass
    : lauryn::impl::ParallelizeOuterLoopPassBase<ParallelizeOuterLoopPass> {
  void runOnOperation() override {
    SmallVector<scf::ParallelOp> loops;
    getOperation().walk([&](scf::ParallelOp op) {
      if (op.getNumLoops() > 1 && op.getNumReductions() == 0)
        loops.push_back(op);
    });
    IRRewriter rewriter(&getContext());
    for (scf::ParallelOp op : loops) {
      rewriter.setInsertionPoint(op);
      Location loc = op.getLoc();
      ValueRange lbs = op.getLowerBound(), ubs = op.getUpperBound(), steps = op.getStep();
      // A copy: getInductionVars() returns a temporary, which a range-for over
      // a zip of it would outlive (found by lauryn-fuzz-opt under ASan).
      SmallVector<Value> ivs(op.getInductionVars());
      scf::ParallelOp::create(
          rewriter, loc, ValueRange{lbs[0]}, ValueRange{ubs[0]}, ValueRange{steps[0]},
          [&](OpBuilder &b, Location l, ValueRange outer) {
            scf::buildLoopNest(b, l, lbs.drop_front(), ubs.drop_front(), steps.drop_front(),
                               [&](OpBuilder &nb, Location nl, ValueRange inner) {
                                 IRMapping map;
                                 map.map(ivs[0], outer[0]);
                                 for (auto [from, to] :
                                      llvm::zip(ArrayRef<Value>(ivs).drop_front(), inner))
                                   map.map(from, to);
                                 for (Operation &o : op.getBody()->without_terminator())
                                   nb.clone(o, map);
                               });
          });
      rewriter.eraseOp(op);
    }
  }
};
} // namespace
