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
/// With `selectFormats`, the report shows the formats la-select-formats
/// chooses.
llvm::Error explainForInputs(mlir::ModuleOp module, llvm::StringRef entryName,
                             llvm::ArrayRef<HostValue> args, const LoweringOptions &options,
                             llvm::StringRef estimator, bool selectFormats = false);

/// Error naming the known estimators unless `name` is one of them.
llvm::Error checkEstimatorName(llvm::StringRef name);

/// Attaches the non-zero counts of the matrix arguments `args` to the
/// parameters of `entry` as compile-time estimates: `la.sketch` (non-zeros per
/// row and per column, the MNC sketch) and `la.sparsity` (the total); stored
/// zeros do not count. la-estimate-sparsity reads them once the parameters
/// have static shapes (specializeEntryParameters).
void annotateInputStatistics(mlir::func::FuncOp entry, llvm::ArrayRef<HostValue> args);

} // namespace lauryn

#endif // LAURYN_EXECUTION_INPUTSTATISTICS_H
