//===- AotCompiler.h - ahead-of-time compilation of la programs -----------===//
//
// laurync's engine: la module -> LLVM dialect (EntryLowering) -> LLVM IR ->
// object file or shared library, plus a C header that declares each entry
// point's raw MLIR C interface and a convenience wrapper with the documented
// calling convention (dense: pointer, rows, cols; CSR: positions,
// coordinates, values, nnz).
//
//===----------------------------------------------------------------------===//

#ifndef LAURYN_EXECUTION_AOTCOMPILER_H
#define LAURYN_EXECUTION_AOTCOMPILER_H

#include "lauryn/Execution/EntryLowering.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace mlir {
class ModuleOp;
} // namespace mlir

namespace lauryn {

enum class EmitKind { MLIR, LLVMIR, Object, SharedLibrary };

struct AotOptions : LoweringOptions {
  std::vector<std::string> entries; ///< empty: every public function with a body
  std::string outputPath;
  EmitKind emit = EmitKind::SharedLibrary;
  std::string headerPath;  ///< empty: no header
  bool hostCPU = false;    ///< tune and use every feature of this CPU
  unsigned llvmOptLevel = 3;
};

/// Compiles `module` (lowered in place) and writes the requested outputs. A
/// failure leaves no output file behind.
llvm::Error compileAheadOfTime(mlir::ModuleOp module, const AotOptions &options);

/// The C header text for `entries` (include guard derived from `guardName`).
std::string generateCHeader(llvm::ArrayRef<EntrySignature> entries, llvm::StringRef guardName,
                            llvm::StringRef source);

} // namespace lauryn

#endif // LAURYN_EXECUTION_AOTCOMPILER_H
