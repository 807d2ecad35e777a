//===- InitAll.h - the one registration point of Lauryn ---------*- C++ -*-===//
//
// Every tool (lauryn-opt, the mlir-opt plugin, later the JIT runner and the AOT
// compiler) registers Lauryn's dialects and passes through these functions.
//
//===----------------------------------------------------------------------===//

#ifndef LAURYN_INITALL_H
#define LAURYN_INITALL_H

namespace mlir {
class DialectRegistry;
} // namespace mlir

namespace lauryn {
/// Registers Lauryn's dialects (and the upstream dialects they produce).
void registerAllDialects(mlir::DialectRegistry &registry);
/// Registers Lauryn's passes and pass pipelines with the global registry.
void registerAllPasses();
} // namespace lauryn

#endif // LAURYN_INITALL_H
