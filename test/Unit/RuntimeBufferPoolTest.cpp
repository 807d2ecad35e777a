//===- RuntimeBufferPoolTest.cpp - recycling of compiled code's buffers ---===//

#include "lauryn/Runtime/LaurynRuntime.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <thread>
#include <vector>

extern "C" void *_mlir_memref_to_llvm_aligned_alloc(size_t alignment, size_t size);
extern "C" void _mlir_memref_to_llvm_free(void *ptr);

namespace {

constexpr size_t MiB = size_t(1) << 20;
constexpr size_t Page = 4096; // sizes differ per test by pages: no test reuses another's buffer

TEST(RuntimeBufferPool, LargeBufferIsRecycledForTheSameSize) {
  const size_t size = 9 * MiB + 3 * Page;
  void *a = _mlir_memref_to_llvm_aligned_alloc(64, size);
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(a) % 64, 0u);
  std::memset(a, 1, size);
  _mlir_memref_to_llvm_free(a);
  void *b = _mlir_memref_to_llvm_aligned_alloc(64, size);
  EXPECT_EQ(a, b) << "a freed buffer of the same size is handed out again";
  lauryn_rt_buffer_free(b);
}

TEST(RuntimeBufferPool, OnlyCloseSizesShareABuffer) {
  void *big = _mlir_memref_to_llvm_aligned_alloc(64, 20 * MiB + 5 * Page);
  lauryn_rt_buffer_free(big);
  // 8 MiB would waste more than a quarter of a 20 MiB buffer.
  void *small = _mlir_memref_to_llvm_aligned_alloc(64, 8 * MiB);
  EXPECT_NE(small, big);
  // 17 MiB fits within 1.25 x.
  void *close = _mlir_memref_to_llvm_aligned_alloc(64, 17 * MiB);
  EXPECT_EQ(close, big);
  std::memset(close, 2, 17 * MiB); // the whole request is usable
  lauryn_rt_buffer_free(small);
  lauryn_rt_buffer_free(close);
}

TEST(RuntimeBufferPool, SmallBuffersAndNullAreOrdinary) {
  void *p = _mlir_memref_to_llvm_aligned_alloc(64, 4096);
  ASSERT_NE(p, nullptr);
  std::free(p); // below the pool's threshold: plain heap memory
  lauryn_rt_buffer_free(nullptr);
}

TEST(RuntimeBufferPool, BufferReleasedWithFreeIsForgotten) {
  // A caller that uses free() instead of lauryn_rt_buffer_free leaves a stale
  // entry; releasing another block at that address later must not recycle it
  // with the stale size.
  void *a = _mlir_memref_to_llvm_aligned_alloc(64, 6 * MiB);
  std::free(a);
  void *b = std::malloc(1024);
  lauryn_rt_buffer_free(b); // whatever address b has: no crash, no pooling
  void *c = _mlir_memref_to_llvm_aligned_alloc(64, 6 * MiB);
  ASSERT_NE(c, nullptr);
  std::memset(c, 3, 6 * MiB);
  lauryn_rt_buffer_free(c);
}

TEST(RuntimeBufferPool, ConcurrentAllocationAndRelease) {
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([t] {
      for (int k = 0; k < 50; ++k) {
        size_t size = (4 + size_t((t + k) % 5)) * MiB;
        auto *p = static_cast<unsigned char *>(_mlir_memref_to_llvm_aligned_alloc(64, size));
        ASSERT_NE(p, nullptr);
        p[0] = p[size - 1] = static_cast<unsigned char>(k);
        lauryn_rt_buffer_free(p);
      }
    });
  for (std::thread &t : threads)
    t.join();
}

} // namespace
