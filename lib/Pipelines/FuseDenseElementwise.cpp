//===- FuseDenseElementwise.cpp - producer/consumer fusion of dense linalg ===//
//
// Fuses element-wise linalg.generic producers into their consumers when
// every tensor involved is dense. Sparse operands are left to the sparsifier:
// upstream fusion plus its canonicalizations would refine their dynamic
// dimensions into a sparse_tensor.convert the sparse code generator rejects.
//
//===----------------------------------------------------------------------===//

#include "lauryn/Pipelines/Passes.h"

#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/SparseTensor/IR/SparseTensor.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace lauryn {
#define GEN_PASS_DEF_FUSEDENSEELEMENTWISEPASS
#include "lauryn/Pipelines/Passes.h.inc"
} // namespace lauryn

using namespace mlir;

namespace {
bool touchesSparse(Operation *op) {
  auto isSparse = [](Type type) {
    return sparse_tensor::getSparseTensorEncoding(type) != nullptr;
  };
  return llvm::any_of(op->getOperandTypes(), isSparse) ||
         llvm::any_of(op->getResultTypes(), isSparse);
}

/// Shape checks query a producer's dimensions; answered from the producer's
/// operands, they no longer count as uses that block fusion. (Upstream's
/// resolve-ranked-shaped-type-result-dims would also rewrite sparse results.)
struct DimOfDenseLinalg : OpRewritePattern<tensor::DimOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(tensor::DimOp dim, PatternRewriter &rewriter) const override {
    auto result = dyn_cast<OpResult>(dim.getSource());
    std::optional<int64_t> index = dim.getConstantIndex();
    if (!result || !index || !isa<linalg::LinalgOp>(result.getOwner()) ||
        touchesSparse(result.getOwner()))
      return failure();
    ReifiedRankedShapedTypeDims shapes;
    if (failed(reifyResultShapes(rewriter, result.getOwner(), shapes)))
      return failure();
    OpFoldResult size = shapes[result.getResultNumber()][*index];
    rewriter.replaceOp(dim, getValueOrCreateConstantIndexOp(rewriter, dim.getLoc(), size));
    return success();
  }
};

/// Fuses one dense element-wise producer with a single use into its consumer.
/// (Upstream's populateElementwiseOpsFusionPatterns also rewrites the outputs
/// and constants of every generic, sparse ones included.)
struct FuseDenseProducer : OpRewritePattern<linalg::GenericOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(linalg::GenericOp consumer,
                                PatternRewriter &rewriter) const override {
    // A kernel feeding a sparse conversion stays whole: the pre-sparsification
    // rewrite folds the conversion into it, and for fused kernels the result
    // failed to lower (unresolved materialization of the sparse storage).
    if (touchesSparse(consumer) ||
        llvm::any_of(consumer->getUsers(), [](Operation *user) { return touchesSparse(user); }))
      return failure();
    for (OpOperand &operand : consumer->getOpOperands()) {
      Operation *producer = operand.get().getDefiningOp();
      // A producer with other users would be computed twice.
      if (!producer || !producer->hasOneUse() || touchesSparse(producer) ||
          !linalg::areElementwiseOpsFusable(&operand))
        continue;
      FailureOr<linalg::ElementwiseOpFusionResult> fused =
          linalg::fuseElementwiseOps(rewriter, &operand);
      if (failed(fused))
        continue;
      for (OpResult result : consumer->getResults())
        rewriter.replaceAllUsesWith(result, fused->replacements.lookup(result));
      rewriter.eraseOp(consumer);
      return success();
    }
    return failure();
  }
};

struct FuseDenseElementwisePass
    : lauryn::impl::FuseDenseElementwisePassBase<FuseDenseElementwisePass> {
  using FuseDenseElementwisePassBase::FuseDenseElementwisePassBase;

  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<FuseDenseProducer, DimOfDenseLinalg>(&getContext());
    // Only the two rewrites: folding, constant hoisting and region
    // simplification would also reach into sparse kernels.
    GreedyRewriteConfig config;
    config.enableFolding(false).enableConstantCSE(false).setRegionSimplificationLevel(
        GreedySimplifyRegionLevel::Disabled);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns), config)))
      signalPassFailure();
  }
};
} // namespace
