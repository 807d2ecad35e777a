//===- InputStatistics.h - sparsity estimates from the actual inputs ------===//
//
// The JIT runner knows its inputs before it compiles: their non-zero
// patterns become the input synopses of la-estimate-sparsity (exact for every
// estimator), so estimates come from data, not declarations (dynamic
// recompilation).
//
//===----------------------------------------------------------------------===//

#ifndef LAURYN_EXECUTION_INPUTSTATISTICS_H
#define LAURYN_EXECUTION_INPUTSTATISTICS_H

#include "lauryn/Execution/EntryLowering.h"

namespace lauryn {

/// Prints the la-explain report of `module`'s entry `entryName` as it would
/// be compiled for `args`: on a copy of the module, specialized to the
/// arguments' shapes, estimated with `estimator` from the arguments'
/// patterns (scalars count as non-zero unless they are 0). The module itself
/// is not changed.
llvm::Error explainForInputs(mlir::ModuleOp module, llvm::StringRef entryName,
                             llvm::ArrayRef<HostValue> args, const LoweringOptions &options,
                             llvm::StringRef estimator);

} // namespace lauryn

#endif // LAURYN_EXECUTION_INPUTSTATISTICS_H
