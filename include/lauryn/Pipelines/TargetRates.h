//===- TargetRates.h - measured speeds of a target for the cost model -----===//
//
// The rates by which la-fuse and la-select-formats turn bytes and FLOPs into
// seconds. Unset rates keep the passes' defaults (measured once on this
// machine kind); `lauryn-run --calibrate` measures them on the machine at
// hand and writes them as JSON, which `--rates FILE` reads back.
//
//===----------------------------------------------------------------------===//

#ifndef LAURYN_PIPELINES_TARGETRATES_H
#define LAURYN_PIPELINES_TARGETRATES_H

#include "llvm/Support/Error.h"

#include <optional>
#include <string>

namespace lauryn {

struct TargetRates {
  std::optional<double> bandwidthGBs; ///< STREAM-triad-like generated kernel
  std::optional<double> cellGflops;   ///< generated cell-wise code (SystemDS FLOP weights)
  std::optional<double> denseGflops;  ///< dense matrix products (BLAS)
  std::optional<double> sparseGflops; ///< CSR kernels (sparse-times-dense products)
  unsigned threads = 0;               ///< threads they were measured with (0: unknown)
  std::string machine;                ///< host CPU name, for the reader

  /// {"bandwidth_gbs": ..., "cell_gflops": ..., ...}; missing keys stay
  /// unset, non-positive or non-numeric rates are errors naming the file.
  static llvm::Expected<TargetRates> read(llvm::StringRef path);
  /// Writes the JSON object (through a temporary file: no half-written file).
  llvm::Error write(llvm::StringRef path) const;
  /// One line for humans: "bandwidth 22.1 GB/s, cell 3.9 GFLOP/s, ...".
  std::string describe() const;
};

} // namespace lauryn

#endif // LAURYN_PIPELINES_TARGETRATES_H
