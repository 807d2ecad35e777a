//===- LADialect.h - la dialect declaration ---------------------*- C++ -*-===//

#ifndef LAURYN_DIALECT_LA_IR_LADIALECT_H
#define LAURYN_DIALECT_LA_IR_LADIALECT_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/SparseTensor/IR/SparseTensor.h"
#include "mlir/IR/Dialect.h"

#include "lauryn/Dialect/LA/IR/LADialect.h.inc"

#endif // LAURYN_DIALECT_LA_IR_LADIALECT_H
