//===- Passes.h - la transformation passes ----------------------*- C++ -*-===//

#ifndef LAURYN_DIALECT_LA_TRANSFORMS_PASSES_H
#define LAURYN_DIALECT_LA_TRANSFORMS_PASSES_H

#include "lauryn/Dialect/LA/IR/LADialect.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace lauryn::la {

#define GEN_PASS_DECL
#include "lauryn/Dialect/LA/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "lauryn/Dialect/LA/Transforms/Passes.h.inc"

} // namespace lauryn::la

#endif // LAURYN_DIALECT_LA_TRANSFORMS_PASSES_H
