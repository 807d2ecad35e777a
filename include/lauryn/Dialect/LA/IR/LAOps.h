//===- LAOps.h - la operations ----------------------------------*- C++ -*-===//

#ifndef LAURYN_DIALECT_LA_IR_LAOPS_H
#define LAURYN_DIALECT_LA_IR_LAOPS_H

#include "lauryn/Dialect/LA/IR/LAAttrs.h"
#include "lauryn/Dialect/LA/IR/LADialect.h"
#include "lauryn/Dialect/LA/IR/LAInterfaces.h"
#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

namespace lauryn::la::detail {
/// Where result-type inference reports problems.
struct InferContext {
  mlir::MLIRContext *context;
  std::optional<mlir::Location> loc;
  llvm::StringRef opName;
};
} // namespace lauryn::la::detail

namespace lauryn::la {
/// The CSR format of la: (i, j) -> (i : dense, j : compressed), ordered,
/// unique, default index widths.
mlir::Attribute getCSREncoding(mlir::MLIRContext *context);
/// True if `encoding` is that CSR format (any attribute; null is dense).
bool isCSREncoding(mlir::Attribute encoding);
/// True if `t` is a ranked tensor stored as CSR.
bool isCSR(mlir::Type t);
} // namespace lauryn::la

#define GET_OP_CLASSES
#include "lauryn/Dialect/LA/IR/LAOps.h.inc"

#endif // LAURYN_DIALECT_LA_IR_LAOPS_H
