//===- CooToCsr.cpp - coordinate lists to sorted, summed CSR --------------===//
//
// Bucket the triples by row (counting sort), sort each row's bucket by column
// (skipped when already sorted, the common case for column-major files), then
// combine runs of equal columns.
//
//===----------------------------------------------------------------------===//

#include "CooToCsr.h"

#include "Errors.h"
#include "MatrixInternal.h"

#include <algorithm>
#include <cinttypes>
#include <type_traits>

namespace lauryn::rt {

template <typename T>
int Coo<T>::reserve(uint64_t n, const Limits &limits, const char *path) {
  size_t idxBytes, valBytes;
  if (int s = checkBytes(n, sizeof(int64_t), limits, path,
                         "coordinate list indices", &idxBytes))
    return s;
  if (int s = checkBytes(n, sizeof(T), limits, path, "coordinate list values",
                         &valBytes))
    return s;
  if (!rows.allocate(n, false) || !cols.allocate(n, false) ||
      !values.allocate(n, false))
    return failAt(LAURYN_ERR_NO_MEMORY, path, 0,
                  "out of memory for %" PRIu64 " coordinate entries", n);
  size = 0;
  return LAURYN_OK;
}

template <typename T>
int cooToCsr(const Coo<T> &coo, int64_t rows, int64_t cols, Duplicates dups,
             const Limits &limits, const char *path, lauryn_matrix **out) {
  *out = nullptr;
  const size_t n = coo.size;
  size_t bytes;
  if (int s = checkBytes(static_cast<uint64_t>(rows) + 1, sizeof(int64_t),
                         limits, path, "CSR row positions", &bytes))
    return s;
  Buffer<int64_t> start, perm;
  if (!start.allocate(static_cast<size_t>(rows) + 1) ||
      !perm.allocate(n, false))
    return failAt(LAURYN_ERR_NO_MEMORY, path, 0,
                  "out of memory sorting %zu entries", n);

  // Counting sort by row: start[r] is the first slot of row r.
  for (size_t k = 0; k < n; ++k)
    ++start[static_cast<size_t>(coo.rows[k]) + 1];
  for (int64_t r = 0; r < rows; ++r)
    start[r + 1] += start[r];
  for (size_t k = 0; k < n; ++k)
    perm[start[coo.rows[k]]++] = static_cast<int64_t>(k);
  for (int64_t r = rows; r > 0; --r)
    start[r] = start[r - 1];
  start[0] = 0;

  // Sort each row by (column, file order); count the distinct columns.
  const int64_t *col = coo.cols.data();
  int64_t unique = 0;
  for (int64_t r = 0; r < rows; ++r) {
    int64_t *b = perm.data() + start[r], *e = perm.data() + start[r + 1];
    bool sorted = true;
    for (int64_t *p = b; p + 1 < e && sorted; ++p)
      sorted = col[p[0]] < col[p[1]] ||
               (col[p[0]] == col[p[1]] && p[0] < p[1]);
    if (!sorted)
      std::sort(b, e, [col](int64_t x, int64_t y) {
        return col[x] < col[y] || (col[x] == col[y] && x < y);
      });
    for (int64_t *p = b; p < e; ++p)
      unique += (p == b || col[p[0]] != col[p[-1]]);
  }

  MatrixPtr m;
  if (int s = createCsr(rows, cols, unique, DtypeOf<T>::value, limits, path,
                        m.addr()))
    return s;
  T *val = static_cast<T *>(m->values);
  int64_t *crd = m->coordinates;
  int64_t w = -1;
  for (int64_t r = 0; r < rows; ++r) {
    for (int64_t p = start[r]; p < start[r + 1]; ++p) {
      int64_t k = perm[p];
      T v = dups == Duplicates::Pattern ? T(1) : coo.values[k];
      if (p > start[r] && col[k] == crd[w]) { // duplicate of the last entry
        if (dups == Duplicates::Pattern)
          continue;
        if constexpr (std::is_integral_v<T>) {
          if (__builtin_add_overflow(val[w], v, &val[w]))
            return failAt(LAURYN_ERR_RANGE, path, 0,
                          "summing the duplicate entries at (%" PRId64
                          ", %" PRId64 ") overflows %s",
                          r + 1, col[k] + 1, dtypeName(DtypeOf<T>::value));
        } else {
          val[w] += v;
        }
        continue;
      }
      ++w;
      crd[w] = col[k];
      val[w] = v;
    }
    m->positions[r + 1] = w + 1;
  }
  *out = m.release();
  return LAURYN_OK;
}

#define LAURYN_INSTANTIATE(T)                                                  \
  template struct Coo<T>;                                                      \
  template int cooToCsr<T>(const Coo<T> &, int64_t, int64_t, Duplicates,       \
                           const Limits &, const char *, lauryn_matrix **);
LAURYN_INSTANTIATE(double)
LAURYN_INSTANTIATE(float)
LAURYN_INSTANTIATE(int64_t)
LAURYN_INSTANTIATE(int32_t)
#undef LAURYN_INSTANTIATE

} // namespace lauryn::rt
