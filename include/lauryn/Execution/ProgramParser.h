//===- ProgramParser.h - parse an la program for the tools ----------------===//

#ifndef LAURYN_EXECUTION_PROGRAMPARSER_H
#define LAURYN_EXECUTION_PROGRAMPARSER_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

#include <string>

namespace llvm {
class SourceMgr;
} // namespace llvm

namespace lauryn {

/// Parses the program in `sourceMgr` (diagnostics through `context`'s
/// handlers), wraps top-level ops in a module, verifies it, and records the
/// source name of every function parameter (%X -> "X") as the kParamNameAttr
/// argument attribute, so tools bind and document parameters by name.
/// Returns null on failure.
mlir::OwningOpRef<mlir::ModuleOp> parseProgram(llvm::SourceMgr &sourceMgr,
                                               mlir::MLIRContext *context);

/// Reads the program file at `path` ("-": standard input) into `sourceMgr` and
/// parses it with parseProgram. A file that cannot be read sets `error`; parse
/// and verifier errors go to the context's diagnostic handlers and leave
/// `error` empty. Returns null on failure.
mlir::OwningOpRef<mlir::ModuleOp> loadProgram(llvm::StringRef path, llvm::SourceMgr &sourceMgr,
                                              mlir::MLIRContext *context, std::string &error);

} // namespace lauryn

#endif // LAURYN_EXECUTION_PROGRAMPARSER_H
