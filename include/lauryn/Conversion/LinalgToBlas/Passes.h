//===- Passes.h - linalg to library calls -----------------------*- C++ -*-===//

#ifndef LAURYN_CONVERSION_LINALGTOBLAS_PASSES_H
#define LAURYN_CONVERSION_LINALGTOBLAS_PASSES_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace lauryn {

#define GEN_PASS_DECL
#include "lauryn/Conversion/LinalgToBlas/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "lauryn/Conversion/LinalgToBlas/Passes.h.inc"

} // namespace lauryn

#endif // LAURYN_CONVERSION_LINALGTOBLAS_PASSES_H
