//===- LAAttrs.h - la attributes and enums ----------------------*- C++ -*-===//

#ifndef LAURYN_DIALECT_LA_IR_LAATTRS_H
#define LAURYN_DIALECT_LA_IR_LAATTRS_H

#include "mlir/IR/Attributes.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "llvm/ADT/APFloat.h"

#include "lauryn/Dialect/LA/IR/LAEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "lauryn/Dialect/LA/IR/LAAttrs.h.inc"

namespace lauryn::la {
/// Discardable attribute names under which estimates and lineage are attached
/// to the op producing a value (one entry per result for multi-result ops).
inline constexpr llvm::StringLiteral kSparsityAttrName = "la.sparsity";
inline constexpr llvm::StringLiteral kLineageAttrName = "la.lineage";
/// Argument attribute with the MNC row and column counts of an input
/// (`{rows = array<i64: ...>, cols = array<i64: ...>}`), read by
/// la-estimate-sparsity.
inline constexpr llvm::StringLiteral kSketchAttrName = "la.sketch";
} // namespace lauryn::la

#endif // LAURYN_DIALECT_LA_IR_LAATTRS_H
