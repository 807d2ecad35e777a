//===- LAToLinalg.cpp - the convert-la-to-linalg pass ---------------------===//

#include "LoweringUtils.h"

#include "lauryn/Dialect/LA/IR/LAAttrs.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Transforms/DialectConversion.h"

namespace lauryn::la {
#define GEN_PASS_DEF_CONVERTLATOLINALGPASS
#include "lauryn/Conversion/LAToLinalg/Passes.h.inc"
} // namespace lauryn::la

using namespace mlir;

namespace lauryn::la {

void populateLAToLinalgPatterns(RewritePatternSet &patterns,
                                const LAToLinalgOptions &options) {
  lowering::populateElementwisePatterns(patterns, options);
  lowering::populateAggregatePatterns(patterns, options);
  lowering::populateReorganisationPatterns(patterns, options);
  lowering::populateGeneratorPatterns(patterns, options);
  lowering::populateSolvePatterns(patterns, options);
  lowering::populateFusedPatterns(patterns, options);
  lowering::populateReusePatterns(patterns, options);
}

namespace {
struct ConvertLAToLinalgPass
    : impl::ConvertLAToLinalgPassBase<ConvertLAToLinalgPass> {
  using ConvertLAToLinalgPassBase::ConvertLAToLinalgPassBase;

  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    ConversionTarget target(*ctx);
    target.addIllegalDialect<LADialect>();
    target.addLegalDialect<arith::ArithDialect, bufferization::BufferizationDialect,
                           cf::ControlFlowDialect, func::FuncDialect, linalg::LinalgDialect,
                           math::MathDialect, memref::MemRefDialect, scf::SCFDialect,
                           sparse_tensor::SparseTensorDialect, tensor::TensorDialect>();
    target.markUnknownOpDynamicallyLegal([](Operation *) { return true; });
    size_t before = 0;
    getOperation().walk([&](Operation *op) {
      if (isa<LADialect>(op->getDialect()))
        ++before;
    });
    RewritePatternSet patterns(ctx);
    LAToLinalgOptions options;
    options.runtimeChecks = runtimeChecks;
    options.runtimeSpGEMM = runtimeSpGEMM;
    populateLAToLinalgPatterns(patterns, options);
    if (failed(applyPartialConversion(getOperation(), target, std::move(patterns))))
      return signalPassFailure();
    numLowered += before;
    // Estimates and lineage describe la values; the remaining carriers
    // (scf.for, func.call) change their results in later passes.
    getOperation().walk([](Operation *op) {
      op->removeAttr(kSparsityAttrName);
      op->removeAttr(kLineageAttrName);
      if (auto f = dyn_cast<func::FuncOp>(op))
        for (unsigned i = 0; i < f.getNumArguments(); ++i) {
          f.removeArgAttr(i, kSparsityAttrName);
          f.removeArgAttr(i, kSketchAttrName);
        }
    });
  }
};
} // namespace

} // namespace lauryn::la
