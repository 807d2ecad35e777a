//===- RandomSeed.cpp - seeds for la.rand without a seed ------------------===//
//
// Generated code calls lauryn_rt_random_seed() once per unseeded la.rand: a
// fresh 64-bit seed from the operating system's entropy source (mixed with a
// counter, so two calls never return the same seed even if that fails).
//
//===----------------------------------------------------------------------===//

#include "lauryn/Runtime/LaurynRuntime.h"

#include <atomic>
#include <chrono>
#include <random>

extern "C" LAURYN_RT_API int64_t lauryn_rt_random_seed(void) {
  static std::atomic<uint64_t> counter{0};
  uint64_t entropy;
  {
    std::random_device device;
    entropy = (uint64_t(device()) << 32) ^ uint64_t(device());
  }
  uint64_t z = entropy ^ uint64_t(std::chrono::steady_clock::now().time_since_epoch().count()) ^
               (counter.fetch_add(1) * 0x9E3779B97F4A7C15ULL);
  // splitmix64 finalizer
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return int64_t(z ^ (z >> 31));
}
