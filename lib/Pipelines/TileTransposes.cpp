//===- TileTransposes.cpp - cache-blocked transposes ----------------------===//

#include "lauryn/Pipelines/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/PatternMatch.h"

namespace lauryn {
#define GEN_PASS_DEF_TILETRANSPOSESPASS
#include "lauryn/Pipelines/Passes.h.inc"
} // namespace lauryn

using namespace mlir;

namespace {
struct TileTransposesPass : lauryn::impl::TileTransposesPassBase<TileTransposesPass> {
  using TileTransposesPassBase::TileTransposesPassBase;

  void runOnOperation() override {
    SmallVector<linalg::TransposeOp> transposes;
    getOperation().walk([&](linalg::TransposeOp op) {
      if (op.hasPureBufferSemantics() && op.getInit().getType().getRank() == 2)
        transposes.push_back(op);
    });
    IRRewriter rewriter(&getContext());
    linalg::LinalgTilingOptions options;
    options.setTileSizes({tileSize, tileSize})
        .setLoopType(linalg::LinalgTilingLoopType::ParallelLoops);
    for (linalg::TransposeOp op : transposes) {
      rewriter.setInsertionPoint(op);
      if (failed(linalg::tileLinalgOp(rewriter, op, options)))
        continue; // an untiled transpose is still correct
      rewriter.eraseOp(op);
    }
  }
};
} // namespace
