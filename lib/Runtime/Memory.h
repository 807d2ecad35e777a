//===- Memory.h - aligned buffers and allocation limits ---------*- C++ -*-===//
//
// All large buffers of liblauryn_rt are 64-byte aligned, allocated without
// exceptions (a failed allocation is a status, not an abort) and checked
// against a byte cap before the allocation is attempted.
//
//===----------------------------------------------------------------------===//

#ifndef LAURYN_LIB_RUNTIME_MEMORY_H
#define LAURYN_LIB_RUNTIME_MEMORY_H

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <utility>

namespace lauryn::rt {

/// Buffers of at least 32 MiB (large matrices, streamed) are 2 MiB-aligned
/// and advised to use transparent huge pages (the kernel's default policy
/// here is "madvise"): one page fault and one TLB entry per 2 MiB instead of
/// per 4 KiB -- NumPy does the same for its arrays.
constexpr size_t kHugePage = size_t(2) << 20;
constexpr size_t kHugePageThreshold = size_t(32) << 20;
/// A 2 MiB-aligned, huge-page-advised buffer of `bytes` rounded up to 2 MiB.
void *hugePageAlloc(size_t bytes);

/// 64-byte aligned allocation of max(bytes, 64) bytes (huge-page advised from
/// kHugePageThreshold on); nullptr on failure.
void *alignedAlloc(size_t bytes);
void alignedFree(void *p);

/// The cap on a single buffer: `requested` if positive, else half the
/// physical memory (at least 256 MiB).
uint64_t effectiveMaxBytes(int64_t requested);

/// Allocation limits of one read.
struct Limits {
  uint64_t maxBytes;
};

/// Computes count * elemSize into *bytes. On overflow or when above the cap,
/// records "<path>: <what>: ..." and returns LAURYN_ERR_TOO_LARGE.
int checkBytes(uint64_t count, size_t elemSize, const Limits &limits,
               const char *path, const char *what, size_t *bytes);

/// A move-only, 64-byte aligned array of trivially copyable T.
template <typename T> class Buffer {
public:
  Buffer() = default;
  Buffer(const Buffer &) = delete;
  Buffer &operator=(const Buffer &) = delete;
  Buffer(Buffer &&other) noexcept
      : ptr(std::exchange(other.ptr, nullptr)),
        cap(std::exchange(other.cap, 0)) {}
  Buffer &operator=(Buffer &&other) noexcept {
    if (this != &other) {
      alignedFree(ptr);
      ptr = std::exchange(other.ptr, nullptr);
      cap = std::exchange(other.cap, 0);
    }
    return *this;
  }
  ~Buffer() { alignedFree(ptr); }

  /// Replaces the contents by `n` (zeroed if `zero`) elements.
  bool allocate(size_t n, bool zero = true) {
    alignedFree(ptr);
    ptr = nullptr;
    cap = 0;
    if (n > SIZE_MAX / sizeof(T))
      return false;
    ptr = static_cast<T *>(alignedAlloc(n * sizeof(T)));
    if (!ptr)
      return false;
    cap = n;
    if (zero)
      std::memset(static_cast<void *>(ptr), 0, n * sizeof(T));
    return true;
  }

  /// Grows to `n` elements keeping the first `keep` ones.
  bool grow(size_t n, size_t keep) {
    if (n <= cap)
      return true;
    if (n > SIZE_MAX / sizeof(T))
      return false;
    T *fresh = static_cast<T *>(alignedAlloc(n * sizeof(T)));
    if (!fresh)
      return false;
    if (keep)
      std::memcpy(static_cast<void *>(fresh), ptr, keep * sizeof(T));
    alignedFree(ptr);
    ptr = fresh;
    cap = n;
    return true;
  }

  T *data() const { return ptr; }
  size_t capacity() const { return cap; }
  T &operator[](size_t i) const { return ptr[i]; }
  /// Gives up ownership.
  T *release() {
    cap = 0;
    return std::exchange(ptr, nullptr);
  }

private:
  T *ptr = nullptr;
  size_t cap = 0;
};

} // namespace lauryn::rt

#endif // LAURYN_LIB_RUNTIME_MEMORY_H
