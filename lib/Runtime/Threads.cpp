//===- Threads.cpp - the OpenMP thread count for compiled code ------------===//
//
// Generated code sizes per-thread work (the partials of a transposed outer
// closing product) by the OpenMP runtime's thread count. liblauryn_rt does
// not link libomp: a program compiled without parallel loops runs without
// it, so the symbol is looked up in the process at each call.
//
//===----------------------------------------------------------------------===//

#include "lauryn/Runtime/LaurynRuntime.h"

#include <dlfcn.h>

extern "C" LAURYN_RT_API int64_t lauryn_rt_max_threads(void) {
  using MaxThreads = int (*)();
  auto fn = reinterpret_cast<MaxThreads>(dlsym(RTLD_DEFAULT, "omp_get_max_threads"));
  int n = fn ? fn() : 1;
  return n > 0 ? n : 1;
}
