//===- LineageCache.h - served values of the lineage cache ------*- C++ -*-===//
//
// Private to liblauryn_rt: compiled code's probes (ReuseCalls.cpp) share a
// cached value instead of copying it twice (out of the cache, then into the
// program's buffer).
//
//===----------------------------------------------------------------------===//

#ifndef LAURYN_RUNTIME_LINEAGECACHE_H
#define LAURYN_RUNTIME_LINEAGECACHE_H

#include "lauryn/Runtime/LaurynRuntime.h"

#include <cstdint>
#include <memory>

namespace lauryn::rt {

/// A cached value, kept alive while a probe holds it (even if evicted).
using SharedMatrix = std::shared_ptr<const lauryn_matrix>;

/// The value cached under `key` if it has `rows` x `cols` (a negative size:
/// any), `dtype` and `format`: a hit. Null otherwise: a miss (a value of
/// another shape or type under the key is a hash collision, never served).
SharedMatrix acquireCached(uint64_t key, int64_t rows, int64_t cols, int dtype, int format);

} // namespace lauryn::rt

#endif // LAURYN_RUNTIME_LINEAGECACHE_H
