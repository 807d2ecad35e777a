//===- CooToCsr.h - coordinate lists to sorted, summed CSR ------*- C++ -*-===//

#ifndef LAURYN_LIB_RUNTIME_COOTOCSR_H
#define LAURYN_LIB_RUNTIME_COOTOCSR_H

#include "Memory.h"
#include "lauryn/Runtime/LaurynRuntime.h"

#include <cstdint>

namespace lauryn::rt {

/// A list of (row, col, value) triples (0-based) with a fixed capacity.
template <typename T> struct Coo {
  Buffer<int64_t> rows, cols;
  Buffer<T> values;
  size_t size = 0;

  /// Allocates room for `n` triples (checked against `limits`).
  int reserve(uint64_t n, const Limits &limits, const char *path);
  void push(int64_t r, int64_t c, T v) {
    rows[size] = r;
    cols[size] = c;
    values[size] = v;
    ++size;
  }
};

/// How entries with the same coordinates combine.
enum class Duplicates {
  Sum,    ///< values are added (integer overflow is an error)
  Pattern ///< the entry is kept once with value 1
};

/// Builds a CSR matrix with columns sorted within each row and duplicates
/// combined. Frees nothing of `coo`.
template <typename T>
int cooToCsr(const Coo<T> &coo, int64_t rows, int64_t cols, Duplicates dups,
             const Limits &limits, const char *path, lauryn_matrix **out);

} // namespace lauryn::rt

#endif // LAURYN_LIB_RUNTIME_COOTOCSR_H
