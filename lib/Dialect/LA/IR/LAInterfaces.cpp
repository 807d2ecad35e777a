//===- LAInterfaces.cpp - la op interfaces --------------------------------===//

#include "lauryn/Dialect/LA/IR/LAInterfaces.h"

#include "lauryn/Dialect/LA/IR/LAInterfaces.cpp.inc"
