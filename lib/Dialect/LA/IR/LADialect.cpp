//===- LADialect.cpp - la dialect registration ----------------------------===//

#include "lauryn/Dialect/LA/IR/LADialect.h"
#include "lauryn/Dialect/LA/IR/LAOps.h"

using namespace mlir;
using namespace lauryn::la;

#include "lauryn/Dialect/LA/IR/LADialect.cpp.inc"

void LADialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "lauryn/Dialect/LA/IR/LAOps.cpp.inc"
      >();
  registerAttributes();
}

/// Folded values become arith.constant (scalars and dense tensors).
Operation *LADialect::materializeConstant(OpBuilder &builder, Attribute value,
                                          Type type, Location loc) {
  auto typed = dyn_cast<TypedAttr>(value);
  if (!typed || !arith::ConstantOp::isBuildableWith(value, type))
    return nullptr;
  return arith::ConstantOp::create(builder, loc, type, typed);
}
