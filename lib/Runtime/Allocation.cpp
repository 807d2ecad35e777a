//===- Allocation.cpp - heap allocation of compiled code ------------------===//
//
// Generated code allocates through MLIR's generic allocation functions
// (finalize-memref-to-llvm use-generic-functions), defined here.
//
// * Buffers of at least 32 MiB (large matrices, written once and streamed)
//   are 2 MiB-aligned and advised to use transparent huge pages (the kernel's
//   default policy here is "madvise"), which avoids one page fault per 4 KiB
//   on first touch -- NumPy does the same for its arrays.
// * Buffers of at least 4 MiB are recycled: a freed one is kept (up to a byte
//   budget, LAURYN_BUFFER_POOL_MB, default min(1 GiB, RAM / 8)) and handed out
//   again for a request of about its size. Writing into fresh memory costs a
//   page fault and the kernel's zeroing of every page -- an extra write
//   stream, which made X + Y run at 0.55 x the bandwidth of a STREAM triad
//   into a reused array; iterative programs allocate the same sizes again and
//   again, so reuse is the common case (as in SystemDS' buffer pool).
// * Smaller buffers (sparse storage that grows by reallocation, workspaces)
//   stay ordinary aligned_alloc memory.
//
// Every buffer is freeable with lauryn_rt_buffer_free(); buffers below the
// pool's threshold also with free().
//
//===----------------------------------------------------------------------===//

#include "Memory.h"
#include "lauryn/Runtime/LaurynRuntime.h"

#include <algorithm>
#include <cstdlib>
#include <malloc.h>
#include <mutex>
#include <unistd.h>
#include <unordered_map>
#include <vector>

namespace {
using lauryn::rt::hugePageAlloc;
using lauryn::rt::kHugePageThreshold;
constexpr size_t kPoolThreshold = size_t(4) << 20;
constexpr size_t kPoolAlignment = 4096;
constexpr size_t kMaxIdleBuffers = 16;

size_t roundUp(size_t n, size_t to) { return (n + to - 1) / to * to; }

/// Large buffers handed out (with their capacity) and freed ones kept for
/// reuse, oldest first. Thread-safe: generated code allocates from OpenMP
/// threads.
class BufferPool {
public:
  BufferPool() {
    size_t budget = std::min<size_t>(size_t(1) << 30, physicalBytes() / 8);
    if (const char *mb = std::getenv("LAURYN_BUFFER_POOL_MB"))
      budget = size_t(std::strtoull(mb, nullptr, 10)) << 20;
    idleBudget = budget;
  }

  /// An idle buffer of `size` to 1.25 x `size` bytes, or nullptr.
  void *take(size_t size) {
    std::lock_guard<std::mutex> lock(mutex);
    auto best = idle.end();
    for (auto it = idle.begin(); it != idle.end(); ++it)
      if (it->second >= size && it->second <= size + size / 4 &&
          (best == idle.end() || it->second < best->second))
        best = it;
    if (best == idle.end())
      return nullptr;
    void *p = best->first;
    idleBytes -= best->second;
    live[p] = best->second;
    idle.erase(best);
    return p;
  }

  void track(void *p, size_t capacity) {
    std::lock_guard<std::mutex> lock(mutex);
    live[p] = capacity;
  }

  /// Takes back `p` if the pool handed it out (keeping it, or freeing the
  /// oldest idle buffers to stay within the budget); false otherwise. A
  /// buffer someone released with free() leaves a stale entry; if its address
  /// now belongs to a smaller block, the heap's own size tells.
  bool give(void *p) {
    std::lock_guard<std::mutex> lock(mutex);
    auto it = live.find(p);
    if (it == live.end())
      return false;
    size_t capacity = it->second;
    live.erase(it);
    if (malloc_usable_size(p) < capacity)
      return false;
    idle.emplace_back(p, capacity);
    idleBytes += capacity;
    while (!idle.empty() && (idleBytes > idleBudget || idle.size() > kMaxIdleBuffers)) {
      idleBytes -= idle.front().second;
      std::free(idle.front().first);
      idle.erase(idle.begin());
    }
    return true;
  }

private:
  static size_t physicalBytes() {
    long pages = sysconf(_SC_PHYS_PAGES), pageSize = sysconf(_SC_PAGESIZE);
    return pages > 0 && pageSize > 0 ? size_t(pages) * size_t(pageSize) : size_t(8) << 30;
  }

  std::mutex mutex;
  std::unordered_map<void *, size_t> live;
  std::vector<std::pair<void *, size_t>> idle;
  size_t idleBytes = 0, idleBudget = 0;
};

BufferPool &pool() {
  static BufferPool *instance = new BufferPool(); // never destroyed: used until exit
  return *instance;
}

void *allocate(size_t alignment, size_t size) {
  if (size >= kPoolThreshold && alignment <= kPoolAlignment) {
    if (void *p = pool().take(size))
      return p;
    bool huge = size >= kHugePageThreshold;
    size_t capacity = roundUp(size, huge ? lauryn::rt::kHugePage : kPoolAlignment);
    void *p = huge ? hugePageAlloc(capacity) : std::aligned_alloc(kPoolAlignment, capacity);
    if (!p)
      return nullptr;
    pool().track(p, capacity);
    return p;
  }
  if (alignment < sizeof(void *))
    alignment = sizeof(void *);
  size_t rounded = roundUp(size, alignment);
  return std::aligned_alloc(alignment, rounded ? rounded : alignment);
}
} // namespace

extern "C" {
LAURYN_RT_API void *_mlir_memref_to_llvm_alloc(size_t size) { return allocate(16, size); }
LAURYN_RT_API void *_mlir_memref_to_llvm_aligned_alloc(size_t alignment, size_t size) {
  return allocate(alignment, size);
}
LAURYN_RT_API void _mlir_memref_to_llvm_free(void *ptr) { lauryn_rt_buffer_free(ptr); }
LAURYN_RT_API void lauryn_rt_buffer_free(void *ptr) {
  if (!ptr)
    return;
  // Small buffers (most frees: sparse storage, workspaces) cannot be pool
  // buffers; the heap's size check keeps them off the pool's lock.
  if (malloc_usable_size(ptr) < kPoolThreshold || !pool().give(ptr))
    std::free(ptr);
}
}
