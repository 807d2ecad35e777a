//===- SpGEMM.cpp - CSR x CSR -> CSR products for compiled code -----------===//
//
// Called by code from convert-la-to-linalg for a sparse product of CSR
// matrices with static shapes. Two phases (Gustavson's row-by-row
// expansion): the symbolic phase counts the distinct columns of each result
// row, whose running sums are C's positions, so the compiled code can
// allocate the coordinates and values exactly; the numeric phase accumulates
// each row in a dense workspace and emits its columns in increasing order
// (CSR as the sparsifier stores it: sorted, unique). Both phases work on a
// range of rows, so the compiled code runs chunks of rows in parallel. Every column a row expansion reaches is stored,
// also when its sum cancels to zero (the sparsifier's SpGEMM does the same);
// the compiled code then drops such zeros after counting them (dropStoredZeros).
//
// A bitmap marks the columns a row has touched (one bit per column: the
// marks of a row stay in few cache lines); the row's columns are then sorted
// (sortColumns) and their bits cleared.
//
//===----------------------------------------------------------------------===//

#include "MemRefDescriptors.h"
#include "lauryn/Runtime/LaurynRuntime.h"

#include <algorithm>
#include <cstdint>
#include <memory>

namespace {

using lauryn::rt::MemRef1D;

using Index = MemRef1D<int64_t>;

/// cPos[i + 1] = the number of distinct columns of result row i, for the rows
/// [begin, end).
void count(const Index &aPos, const Index &aCrd, const Index &bPos, const Index &bCrd,
           const Index &cPos, int64_t cols, int64_t begin, int64_t end) {
  const int64_t *ap = aPos.data(), *ac = aCrd.data(), *bp = bPos.data(), *bc = bCrd.data();
  int64_t *cp = cPos.data();
  // lastRow[j] == i: column j already counted in row i.
  std::unique_ptr<int64_t[]> lastRow(new int64_t[std::max<int64_t>(cols, 1)]);
  std::fill_n(lastRow.get(), cols, int64_t(-1));
  for (int64_t i = begin; i < end; ++i) {
    int64_t n = 0;
    for (int64_t ka = ap[i]; ka < ap[i + 1]; ++ka) {
      const int64_t k = ac[ka];
      for (int64_t kb = bp[k]; kb < bp[k + 1]; ++kb) {
        const int64_t j = bc[kb];
        if (lastRow[j] != i) {
          lastRow[j] = i;
          ++n;
        }
      }
    }
    cp[i + 1] = n;
  }
}

/// Sorts the n column indices a[0..n) (each < 2^bits): insertion sort for
/// short rows, else a least-significant-digit radix sort with digits of at
/// most 11 bits, whose counting passes have no data-dependent branches (a
/// comparison sort of random columns mispredicts about every other
/// comparison). `scratch` holds n indices.
void sortColumns(int64_t *a, int64_t n, int64_t *scratch, int bits) {
  if (n <= 32) {
    for (int64_t i = 1; i < n; ++i) {
      int64_t v = a[i], j = i;
      for (; j > 0 && a[j - 1] > v; --j)
        a[j] = a[j - 1];
      a[j] = v;
    }
    return;
  }
  const int passes = std::max((bits + 10) / 11, 1);
  const int width = (bits + passes - 1) / passes;
  const int64_t buckets = int64_t(1) << width, mask = buckets - 1;
  uint32_t count[2049];
  int64_t *from = a, *to = scratch;
  for (int d = 0; d < passes; ++d) {
    const int shift = width * d;
    std::fill_n(count, buckets + 1, 0u);
    for (int64_t i = 0; i < n; ++i)
      ++count[((from[i] >> shift) & mask) + 1];
    for (int64_t b = 0; b < buckets; ++b)
      count[b + 1] += count[b];
    for (int64_t i = 0; i < n; ++i)
      to[count[(from[i] >> shift) & mask]++] = from[i];
    std::swap(from, to);
  }
  if (from != a)
    std::copy(from, from + n, a);
}

/// Fills C's coordinates and values of the rows [begin, end); C's positions
/// are complete.
template <typename T>
void numeric(const Index &aPos, const Index &aCrd, const MemRef1D<T> &aVal, const Index &bPos,
             const Index &bCrd, const MemRef1D<T> &bVal, const Index &cPos, const Index &cCrd,
             const MemRef1D<T> &cVal, int64_t cols, int64_t begin, int64_t end) {
  const int64_t *ap = aPos.data(), *ac = aCrd.data(), *bp = bPos.data(), *bc = bCrd.data();
  const int64_t *cp = cPos.data();
  const T *av = aVal.data(), *bv = bVal.data();
  int64_t *cc = cCrd.data();
  T *cv = cVal.data();
  const int64_t words = (cols + 63) / 64;
  std::unique_ptr<T[]> acc(new T[std::max<int64_t>(cols, 1)]);
  std::unique_ptr<uint64_t[]> touched(new uint64_t[std::max<int64_t>(words, 1)]());
  // The longest result row bounds the radix sort's scratch space.
  int64_t longest = 0;
  for (int64_t i = begin; i < end; ++i)
    longest = std::max(longest, cp[i + 1] - cp[i]);
  std::unique_ptr<int64_t[]> scratch(new int64_t[std::max<int64_t>(longest, 1)]);
  int bits = 0; // of the largest column index
  for (uint64_t c = uint64_t(std::max<int64_t>(cols - 1, 0)); c; c >>= 1)
    ++bits;
  for (int64_t i = begin; i < end; ++i) {
    int64_t *rowCrd = cc + cp[i];
    int64_t n = 0;
    for (int64_t ka = ap[i]; ka < ap[i + 1]; ++ka) {
      const int64_t k = ac[ka];
      const T a = av[ka];
      for (int64_t kb = bp[k]; kb < bp[k + 1]; ++kb) {
        const int64_t j = bc[kb];
        uint64_t &word = touched[j >> 6];
        const uint64_t bit = uint64_t(1) << (j & 63);
        if (word & bit) {
          acc[j] += a * bv[kb];
        } else {
          word |= bit;
          acc[j] = a * bv[kb];
          rowCrd[n++] = j;
        }
      }
    }
    sortColumns(rowCrd, n, scratch.get(), bits);
    for (int64_t e = 0; e < n; ++e)
      touched[rowCrd[e] >> 6] &= ~(uint64_t(1) << (rowCrd[e] & 63));
    T *rowVal = cv + cp[i];
    for (int64_t e = 0; e < n; ++e)
      rowVal[e] = acc[rowCrd[e]];
  }
}

} // namespace

extern "C" LAURYN_RT_API void _mlir_ciface_lauryn_rt_spgemm_count(Index *aPos, Index *aCrd,
                                                                  Index *bPos, Index *bCrd,
                                                                  Index *cPos, int64_t cols,
                                                                  int64_t begin, int64_t end) {
  count(*aPos, *aCrd, *bPos, *bCrd, *cPos, cols, begin, end);
}

// cPos[0] = 0 and the running sums of the row counts: C's positions.
extern "C" LAURYN_RT_API void _mlir_ciface_lauryn_rt_spgemm_positions(Index *cPos) {
  int64_t *cp = cPos->data();
  cp[0] = 0;
  for (int64_t i = 1; i < cPos->size; ++i)
    cp[i] += cp[i - 1];
}

extern "C" LAURYN_RT_API void _mlir_ciface_lauryn_rt_spgemm_numeric_f64(
    Index *aPos, Index *aCrd, MemRef1D<double> *aVal, Index *bPos, Index *bCrd,
    MemRef1D<double> *bVal, Index *cPos, Index *cCrd, MemRef1D<double> *cVal, int64_t cols,
    int64_t begin, int64_t end) {
  numeric(*aPos, *aCrd, *aVal, *bPos, *bCrd, *bVal, *cPos, *cCrd, *cVal, cols, begin, end);
}

extern "C" LAURYN_RT_API void _mlir_ciface_lauryn_rt_spgemm_numeric_f32(
    Index *aPos, Index *aCrd, MemRef1D<float> *aVal, Index *bPos, Index *bCrd,
    MemRef1D<float> *bVal, Index *cPos, Index *cCrd, MemRef1D<float> *cVal, int64_t cols,
    int64_t begin, int64_t end) {
  numeric(*aPos, *aCrd, *aVal, *bPos, *bCrd, *bVal, *cPos, *cCrd, *cVal, cols, begin, end);
}
