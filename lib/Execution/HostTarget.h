//===- HostTarget.h - the LLVM target machine of this CPU -------*- C++ -*-===//
//
// Private to lib/Execution: one target machine for the JIT and the AOT
// compiler, so that LLVM's optimizer (vectorizer cost model, unrolling) sees
// the same CPU as its code generator.
//
//===----------------------------------------------------------------------===//

#ifndef LAURYN_LIB_EXECUTION_HOSTTARGET_H
#define LAURYN_LIB_EXECUTION_HOSTTARGET_H

#include "llvm/Support/Error.h"
#include "llvm/Target/TargetMachine.h"

#include <memory>

namespace lauryn {
/// The target machine of the host triple: this CPU with its features
/// (`hostCPU`), else portable x86-64-v2; code generation at `level`.
llvm::Expected<std::unique_ptr<llvm::TargetMachine>> hostTargetMachine(bool hostCPU,
                                                                       unsigned level);
} // namespace lauryn

#endif // LAURYN_LIB_EXECUTION_HOSTTARGET_H
