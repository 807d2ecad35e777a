//===- Memory.cpp - aligned allocation and the allocation cap -------------===//

#include "Memory.h"

#include "Errors.h"
#include "lauryn/Runtime/LaurynRuntime.h"

#include <cstdlib>
#include <sys/mman.h>
#include <unistd.h>

namespace lauryn::rt {

void *alignedAlloc(size_t bytes) {
  if (bytes == 0)
    bytes = LAURYN_RT_ALIGNMENT;
  if (bytes >= kHugePageThreshold)
    return hugePageAlloc(bytes);
  void *p = nullptr;
  if (posix_memalign(&p, LAURYN_RT_ALIGNMENT, bytes) != 0)
    return nullptr;
  return p;
}

void *hugePageAlloc(size_t bytes) {
  size_t rounded = (bytes + kHugePage - 1) / kHugePage * kHugePage;
  void *p = std::aligned_alloc(kHugePage, rounded);
  if (p)
    madvise(p, rounded, MADV_HUGEPAGE);
  return p;
}

// Buffers adopted from compiled code (lauryn_rt_matrix_adopt_dense) may come
// from the allocation pool.
void alignedFree(void *p) { lauryn_rt_buffer_free(p); }

uint64_t effectiveMaxBytes(int64_t requested) {
  if (requested > 0)
    return static_cast<uint64_t>(requested);
  constexpr uint64_t floor = uint64_t(256) << 20;
  long pages = sysconf(_SC_PHYS_PAGES);
  long pageSize = sysconf(_SC_PAGESIZE);
  if (pages <= 0 || pageSize <= 0)
    return uint64_t(4) << 30;
  uint64_t half = static_cast<uint64_t>(pages) / 2 *
                  static_cast<uint64_t>(pageSize);
  return half < floor ? floor : half;
}

int checkBytes(uint64_t count, size_t elemSize, const Limits &limits,
               const char *path, const char *what, size_t *bytes) {
  uint64_t total;
  if (__builtin_mul_overflow(count, static_cast<uint64_t>(elemSize), &total) ||
      total > SIZE_MAX)
    return failAt(LAURYN_ERR_TOO_LARGE, path, 0,
                  "%s: %llu elements of %zu bytes overflow the address space",
                  what, static_cast<unsigned long long>(count), elemSize);
  if (total > limits.maxBytes)
    return failAt(LAURYN_ERR_TOO_LARGE, path, 0,
                  "%s needs %llu bytes, above the allocation cap of %llu bytes "
                  "(lauryn_read_options.max_bytes)",
                  what, static_cast<unsigned long long>(total),
                  static_cast<unsigned long long>(limits.maxBytes));
  *bytes = static_cast<size_t>(total);
  return LAURYN_OK;
}

} // namespace lauryn::rt
