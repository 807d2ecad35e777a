//===- HostTarget.h - the LLVM target machine of this CPU -------*- C++ -*-===//
//
// Private to lib/Execution: one target machine for the JIT and the AOT
// compiler, so that LLVM's optimizer (vectorizer cost model, unrolling) sees
// the same CPU as its code generator.
//
//===----------------------------------------------------------------------===//

#ifndef LAURYN_LIB_EXECUTION_HOSTTARGET_H
#define LAURYN_LIB_EXECUTION_HOSTTARGET_H

#include "llvm/IR/Module.h"
#include "llvm/Support/Error.h"
#include "llvm/Target/TargetMachine.h"

#include <memory>

namespace lauryn {
/// The target machine of the host triple: this CPU with its features
/// (`hostCPU`), else portable x86-64-v2; code generation at `level`.
llvm::Expected<std::unique_ptr<llvm::TargetMachine>> hostTargetMachine(bool hostCPU,
                                                                       unsigned level);

/// True if optimized code for `tm` calls glibc's vector math library
/// (libmvec), which must then be linked (AOT) or loaded (JIT).
bool usesVectorMathLibrary(const llvm::TargetMachine &tm);

/// LLVM's default module pipeline at `level` for `tm`, with libmvec as the
/// vector math library where `usesVectorMathLibrary`.
llvm::Error optimizeModule(llvm::Module &module, llvm::TargetMachine &tm, unsigned level);
} // namespace lauryn

#endif // LAURYN_LIB_EXECUTION_HOSTTARGET_H
