//===- Allocation.cpp - heap allocation of compiled code ------------------===//
//
// Generated code allocates through MLIR's generic allocation functions
// (finalize-memref-to-llvm use-generic-functions), defined here: buffers of
// at least 32 MiB (large matrices, written once and streamed) are 2 MiB-aligned
// and advised to use transparent huge pages (the kernel's default policy here
// is "madvise"), which avoids one page fault per 4 KiB on first touch -- NumPy
// does the same for its arrays. Smaller buffers (sparse storage that grows by
// reallocation, workspaces) stay ordinary: advising them costs more than it
// saves. Every buffer is freeable with free(), so results can be handed to
// callers (lauryn_matrix) as they are.
//
//===----------------------------------------------------------------------===//

#include "lauryn/Runtime/LaurynRuntime.h"

#include <cstdlib>
#include <sys/mman.h>

namespace {
constexpr size_t kHugePage = size_t(2) << 20;
constexpr size_t kHugePageThreshold = size_t(32) << 20;

void *allocate(size_t alignment, size_t size) {
  if (size >= kHugePageThreshold) {
    size_t rounded = (size + kHugePage - 1) / kHugePage * kHugePage;
    void *p = std::aligned_alloc(kHugePage, rounded);
    if (p)
      madvise(p, rounded, MADV_HUGEPAGE);
    return p;
  }
  if (alignment < sizeof(void *))
    alignment = sizeof(void *);
  size_t rounded = (size + alignment - 1) / alignment * alignment;
  return std::aligned_alloc(alignment, rounded ? rounded : alignment);
}
} // namespace

extern "C" {
LAURYN_RT_API void *_mlir_memref_to_llvm_alloc(size_t size) { return allocate(16, size); }
LAURYN_RT_API void *_mlir_memref_to_llvm_aligned_alloc(size_t alignment, size_t size) {
  return allocate(alignment, size);
}
LAURYN_RT_API void _mlir_memref_to_llvm_free(void *ptr) { std::free(ptr); }
}
