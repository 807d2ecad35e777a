//===- LAInterfaces.h - la op interfaces -----------------------*- C++ -*-===//

#ifndef LAURYN_DIALECT_LA_IR_LAINTERFACES_H
#define LAURYN_DIALECT_LA_IR_LAINTERFACES_H

#include "lauryn/Dialect/LA/IR/LATraits.h"
#include "mlir/IR/OpDefinition.h"

#include "lauryn/Dialect/LA/IR/LAInterfaces.h.inc"

#endif // LAURYN_DIALECT_LA_IR_LAINTERFACES_H
