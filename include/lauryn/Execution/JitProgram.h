//===- JitProgram.h - compile an la module and run its entry point --------===//
//
// The JIT behind lauryn-run (and the Python API): la module -> lauryn CPU
// pipeline -> LLVM ExecutionEngine, plus packing of run-time values into the
// entry point's C interface (`_mlir_ciface_<entry>`).
//
//===----------------------------------------------------------------------===//

#ifndef LAURYN_EXECUTION_JITPROGRAM_H
#define LAURYN_EXECUTION_JITPROGRAM_H

#include "lauryn/Execution/EntryLowering.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace mlir {
class ExecutionEngine;
class ModuleOp;
} // namespace mlir

namespace lauryn {

struct JitOptions : LoweringOptions {
  std::string entry = "main";
  unsigned llvmOptLevel = 3; ///< 0-3
  /// Shared libraries the generated code may call (the MLIR C runner utils
  /// and liblauryn_rt are always added).
  std::vector<std::string> sharedLibs;
};

class JitProgram {
public:
  ~JitProgram();

  /// Compiles `module` (consumed: it is lowered in place). Diagnostics go to
  /// the module's context; the returned error summarizes the failure.
  static llvm::Expected<std::unique_ptr<JitProgram>>
  compile(mlir::ModuleOp module, const JitOptions &options, CompileTimes *times = nullptr);

  const EntrySignature &signature() const { return sig; }

  /// Runs the entry point on `args` (converted to the parameter's element
  /// type and to dense storage where needed) and returns its results.
  llvm::Expected<llvm::SmallVector<HostValue>> run(llvm::MutableArrayRef<HostValue> args) const;

  /// Directory of Lauryn's shared libraries (next to the running tool).
  static std::string libraryDirectory();

private:
  JitProgram() = default;
  EntrySignature sig;
  std::unique_ptr<mlir::ExecutionEngine> engine;
  void (*entry)(void **) = nullptr; ///< packed `_mlir_ciface_<entry>`
};

} // namespace lauryn

#endif // LAURYN_EXECUTION_JITPROGRAM_H
