//===- Passes.h - Lauryn's named target pipelines ---------------*- C++ -*-===//

#ifndef LAURYN_PIPELINES_PASSES_H
#define LAURYN_PIPELINES_PASSES_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace mlir {
class OpPassManager;
} // namespace mlir

namespace lauryn {

#define GEN_PASS_DECL
#include "lauryn/Pipelines/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "lauryn/Pipelines/Passes.h.inc"

/// Target-independent part: la optimizations and lowering to linalg on tensors.
void buildLAToLinalgPipeline(mlir::OpPassManager &pm, bool optimize, bool runtimeChecks);
/// CPU tail: tensors (dense and sparse) to the LLVM dialect.
void buildCPUTail(mlir::OpPassManager &pm, int vectorLength, bool sparseRuntimeLibrary);

} // namespace lauryn

#endif // LAURYN_PIPELINES_PASSES_H
