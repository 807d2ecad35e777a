//===- Passes.h - la to linalg conversion -----------------------*- C++ -*-===//

#ifndef LAURYN_CONVERSION_LATOLINALG_PASSES_H
#define LAURYN_CONVERSION_LATOLINALG_PASSES_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace mlir {
class RewritePatternSet;
} // namespace mlir

namespace lauryn::la {

#define GEN_PASS_DECL
#include "lauryn/Conversion/LAToLinalg/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "lauryn/Conversion/LAToLinalg/Passes.h.inc"

/// Options shared by the la -> linalg patterns.
struct LAToLinalgOptions {
  bool runtimeChecks = true;
  bool runtimeSpGEMM = true; ///< CSR x CSR -> CSR through liblauryn_rt
};

/// Adds the patterns lowering every la op to `patterns`.
void populateLAToLinalgPatterns(mlir::RewritePatternSet &patterns,
                                const LAToLinalgOptions &options);

} // namespace lauryn::la

#endif // LAURYN_CONVERSION_LATOLINALG_PASSES_H
