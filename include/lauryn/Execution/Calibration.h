//===- Calibration.h - measure the cost model's rates on this machine -----===//
//
// Runs small la kernels through the JIT (the code the compiler generates,
// not hand-written loops) and times them: the rates la-fuse and
// la-select-formats then use on this machine (`lauryn-run --calibrate`).
//
//===----------------------------------------------------------------------===//

#ifndef LAURYN_EXECUTION_CALIBRATION_H
#define LAURYN_EXECUTION_CALIBRATION_H

#include "lauryn/Pipelines/TargetRates.h"

#include "llvm/Support/Error.h"

namespace mlir {
class MLIRContext;
} // namespace mlir

namespace llvm {
class raw_ostream;
} // namespace llvm

namespace lauryn {

/// Measures every rate of TargetRates with `threads` OpenMP threads (0: the
/// OpenMP default), each the best of `repetitions` runs; a line per kernel
/// goes to `log` if given. `context` must have the la dialects registered.
llvm::Expected<TargetRates> calibrateTarget(mlir::MLIRContext &context, unsigned threads,
                                            unsigned repetitions = 5,
                                            llvm::raw_ostream *log = nullptr);

} // namespace lauryn

#endif // LAURYN_EXECUTION_CALIBRATION_H
