//===- ReuseCalls.cpp - the lineage cache's entry points for compiled code -===//
//
// What la.identity and la.cached lower to (lib/Conversion/LAToLinalg/
// ReuseToRuntime.cpp): content hashes of inputs, probes, copies out of the
// cache into buffers of compiled code, and timed puts. Memrefs arrive as MLIR
// C-interface descriptors (_mlir_ciface_*, MemRefDescriptors.h); one
// template serves all four element types.
//
// The cache is best effort: a put that fails (no memory) leaves the program
// running and no error behind.
//
//===----------------------------------------------------------------------===//

#include "Errors.h"
#include "LineageCache.h"
#include "MatrixInternal.h"
#include "MemRefDescriptors.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <new>
#include <pthread.h>
#include <unordered_map>
#define XXH_STATIC_LINKING_ONLY
#include <xxhash.h>
#if defined(__x86_64__)
// libxxhash's run-time dispatch to its AVX2 / AVX-512 kernels (same hash
// values; about 2.3x the SSE2 default on inputs in cache).
#include <xxh_x86dispatch.h>
#endif

using namespace lauryn::rt;

namespace {

/// Inputs the host registered with an identity of its own (a file's path,
/// size and modification time): their hash is that identity, no content scan.
struct InputRegistry {
  struct Entry {
    int64_t rows, cols;
    int32_t dtype, format;
    uint64_t identity;
  };
  std::mutex mutex;
  std::unordered_map<const void *, Entry> entries;

  bool find(const void *values, int64_t rows, int64_t cols, int32_t dtype, int32_t format,
            uint64_t *identity) {
    std::lock_guard<std::mutex> lock(mutex);
    auto it = entries.find(values);
    if (it == entries.end() || it->second.rows != rows || it->second.cols != cols ||
        it->second.dtype != dtype || it->second.format != format)
      return false;
    *identity = it->second.identity;
    return true;
  }
};

InputRegistry &registry() {
  static InputRegistry instance;
  return instance;
}

double now() {
  using clock = std::chrono::steady_clock;
  return std::chrono::duration<double>(clock::now().time_since_epoch()).count();
}

/// XXH3 of `size` bytes; above 32 MB in chunks hashed by up to
/// lauryn_rt_max_threads() threads (a pthread that cannot start hashes on the
/// caller's), combined in order: an input hashed at every call costs a
/// fraction of reading it once on all cores.
struct ChunkJob {
  const unsigned char *data;
  size_t size;
  uint64_t hash;
};

void *hashChunk(void *arg) {
  auto *job = static_cast<ChunkJob *>(arg);
  job->hash = XXH3_64bits(job->data, job->size);
  return nullptr;
}

uint64_t hashBytesParallel(const void *data, size_t size, uint64_t seed) {
  constexpr size_t kChunkMin = size_t(16) << 20;
  size_t chunks = std::min<size_t>({size_t(lauryn_rt_max_threads()), 16, size / kChunkMin});
  if (chunks < 2)
    return XXH3_64bits_withSeed(data, size, seed);
  // libxxhash picks its kernel at the first call, unsynchronized: made here,
  // before the workers start.
  (void)XXH3_64bits(data, 1);
  ChunkJob jobs[16];
  pthread_t threads[16];
  bool started[16] = {};
  const auto *bytes = static_cast<const unsigned char *>(data);
  size_t per = size / chunks;
  for (size_t k = 0; k < chunks; ++k) {
    jobs[k] = {bytes + k * per, k + 1 == chunks ? size - k * per : per, 0};
    if (k > 0)
      started[k] = pthread_create(&threads[k], nullptr, hashChunk, &jobs[k]) == 0;
  }
  hashChunk(&jobs[0]);
  uint64_t hashes[16];
  for (size_t k = 0; k < chunks; ++k) {
    if (k > 0) {
      if (started[k])
        pthread_join(threads[k], nullptr);
      else
        hashChunk(&jobs[k]);
    }
    hashes[k] = jobs[k].hash;
  }
  return XXH3_64bits_withSeed(hashes, chunks * sizeof(uint64_t), seed);
}

template <typename T> uint64_t hashDense(const MemRef2D<T> &m, int32_t dtype) {
  int64_t rows = m.sizes[0], cols = m.sizes[1];
  uint64_t identity;
  if (m.contiguous() && registry().find(m.data(), rows, cols, dtype, LAURYN_FORMAT_DENSE, &identity))
    return identity;
  int64_t header[5] = {rows, cols, dtype, LAURYN_FORMAT_DENSE, rows * cols};
  uint64_t headerHash = XXH3_64bits(header, sizeof(header));
  if (m.contiguous())
    return hashBytesParallel(m.data(), size_t(rows * cols) * sizeof(T), headerHash);
  // A strided view hashes as its packed cells (the same value as a packed
  // copy); without memory for the copy, a key that never matches (a miss).
  T *packed = static_cast<T *>(std::malloc(size_t(std::max<int64_t>(rows * cols, 1)) * sizeof(T)));
  if (!packed) {
    static std::atomic<uint64_t> unique{0};
    return XXH3_64bits_withSeed(&header, sizeof(header), ++unique ^ 0x9e3779b97f4a7c15ull);
  }
  for (int64_t i = 0; i < rows; ++i)
    for (int64_t j = 0; j < cols; ++j)
      packed[i * cols + j] = m.data()[i * m.strides[0] + j * m.strides[1]];
  uint64_t h = hashBytesParallel(packed, size_t(rows * cols) * sizeof(T), headerHash);
  std::free(packed);
  return h;
}

template <typename T>
uint64_t hashCsr(const MemRef1D<int64_t> &pos, const MemRef1D<int64_t> &crd,
                 const MemRef1D<T> &val, int64_t rows, int64_t cols, int32_t dtype) {
  int64_t nnz = pos.data()[rows];
  uint64_t identity;
  if (registry().find(val.data(), rows, cols, dtype, LAURYN_FORMAT_CSR, &identity))
    return identity;
  int64_t header[5] = {rows, cols, dtype, LAURYN_FORMAT_CSR, nnz};
  XXH3_state_t state;
  XXH3_64bits_reset(&state);
  XXH3_64bits_update(&state, header, sizeof(header));
  XXH3_64bits_update(&state, pos.data(), size_t(rows + 1) * sizeof(int64_t));
  XXH3_64bits_update(&state, crd.data(), size_t(nnz) * sizeof(int64_t));
  XXH3_64bits_update(&state, val.data(), size_t(nnz) * sizeof(T));
  return XXH3_64bits_digest(&state);
}

/// The value an acquire served (a handle of compiled code: the cache's
/// shared entry, released by the take that copies it out).
const lauryn_matrix &served(int64_t handle) { return **reinterpret_cast<SharedMatrix *>(handle); }
void release(int64_t handle) { delete reinterpret_cast<SharedMatrix *>(handle); }

template <typename T> void takeDense(int64_t handle, const MemRef2D<T> &out) {
  const lauryn_matrix *m = &served(handle);
  const T *from = static_cast<const T *>(m->values);
  if (out.contiguous()) {
    std::memcpy(out.data(), from, size_t(m->nnz) * sizeof(T));
  } else {
    for (int64_t i = 0; i < out.sizes[0]; ++i)
      for (int64_t j = 0; j < out.sizes[1]; ++j)
        out.data()[i * out.strides[0] + j * out.strides[1]] = from[i * m->cols + j];
  }
  release(handle);
}

template <typename T>
void takeCsr(int64_t handle, const MemRef1D<int64_t> &pos, const MemRef1D<int64_t> &crd,
             const MemRef1D<T> &val) {
  const lauryn_matrix *m = &served(handle);
  std::memcpy(pos.data(), m->positions, size_t(m->rows + 1) * sizeof(int64_t));
  std::memcpy(crd.data(), m->coordinates, size_t(m->nnz) * sizeof(int64_t));
  std::memcpy(val.data(), m->values, size_t(m->nnz) * sizeof(T));
  release(handle);
}

template <typename T>
void putDense(uint64_t key, double start, int64_t height, const MemRef2D<T> &v, int32_t dtype) {
  double seconds = now() - start;
  int64_t rows = v.sizes[0], cols = v.sizes[1];
  lauryn_matrix view{rows, cols, dtype, LAURYN_FORMAT_DENSE, rows * cols, nullptr, nullptr,
                     nullptr};
  T *packed = nullptr;
  if (v.contiguous()) {
    view.values = v.data();
  } else {
    // A strided view (a slice): packed row-major first.
    packed = static_cast<T *>(std::malloc(size_t(std::max<int64_t>(rows * cols, 1)) * sizeof(T)));
    if (!packed)
      return;
    for (int64_t i = 0; i < rows; ++i)
      for (int64_t j = 0; j < cols; ++j)
        packed[i * cols + j] = v.data()[i * v.strides[0] + j * v.strides[1]];
    view.values = packed;
  }
  lauryn_rt_cache_put(key, &view, seconds, int32_t(height));
  clearError();
  std::free(packed);
}

template <typename T>
void putCsr(uint64_t key, double start, int64_t height, int64_t rows, int64_t cols,
            const MemRef1D<int64_t> &pos, const MemRef1D<int64_t> &crd, const MemRef1D<T> &val,
            int32_t dtype) {
  double seconds = now() - start;
  lauryn_matrix view{rows, cols, dtype, LAURYN_FORMAT_CSR, pos.data()[rows], val.data(),
                     pos.data(), crd.data()};
  lauryn_rt_cache_put(key, &view, seconds, int32_t(height));
  clearError();
}

} // namespace

void lauryn::rt::forgetInputIdentity(const void *values) {
  if (!values)
    return;
  InputRegistry &r = registry();
  std::lock_guard<std::mutex> lock(r.mutex);
  r.entries.erase(values);
}

extern "C" {

int lauryn_rt_reuse_register_input(const lauryn_matrix *m, uint64_t identity) {
  clearError();
  if (int status = validateMatrix(m, "lauryn_rt_reuse_register_input"); status != LAURYN_OK)
    return status;
  InputRegistry &r = registry();
  std::lock_guard<std::mutex> lock(r.mutex);
  r.entries[m->values] = {m->rows, m->cols, m->dtype, m->format, identity};
  return LAURYN_OK;
}

void lauryn_rt_reuse_unregister_input(const lauryn_matrix *m) {
  if (m)
    forgetInputIdentity(m->values);
}

LAURYN_RT_API int64_t lauryn_rt_reuse_acquire(uint64_t key, int64_t rows, int64_t cols, int64_t dtype,
                                int64_t format) {
  SharedMatrix value = acquireCached(key, rows, cols, int(dtype), int(format));
  if (!value)
    return 0;
  auto *handle = new (std::nothrow) SharedMatrix(std::move(value));
  return reinterpret_cast<int64_t>(handle); // no memory: 0, a miss
}

LAURYN_RT_API int64_t lauryn_rt_reuse_rows(int64_t handle) { return served(handle).rows; }
LAURYN_RT_API int64_t lauryn_rt_reuse_cols(int64_t handle) { return served(handle).cols; }
LAURYN_RT_API int64_t lauryn_rt_reuse_nnz(int64_t handle) { return served(handle).nnz; }
LAURYN_RT_API double lauryn_rt_reuse_now(void) { return now(); }

#define LAURYN_REUSE_ENTRY_POINTS(SUFFIX, T, DTYPE)                                            \
  LAURYN_RT_API uint64_t _mlir_ciface_lauryn_rt_reuse_hash_dense_##SUFFIX(MemRef2D<T> *m) {    \
    return hashDense(*m, DTYPE);                                                               \
  }                                                                                            \
  LAURYN_RT_API uint64_t _mlir_ciface_lauryn_rt_reuse_hash_csr_##SUFFIX(                       \
      MemRef1D<int64_t> *pos, MemRef1D<int64_t> *crd, MemRef1D<T> *val, int64_t rows,          \
      int64_t cols) {                                                                          \
    return hashCsr(*pos, *crd, *val, rows, cols, DTYPE);                                       \
  }                                                                                            \
  LAURYN_RT_API void _mlir_ciface_lauryn_rt_reuse_take_dense_##SUFFIX(int64_t handle,          \
                                                                      MemRef2D<T> *out) {      \
    takeDense(handle, *out);                                                                   \
  }                                                                                            \
  LAURYN_RT_API void _mlir_ciface_lauryn_rt_reuse_take_csr_##SUFFIX(                           \
      int64_t handle, MemRef1D<int64_t> *pos, MemRef1D<int64_t> *crd, MemRef1D<T> *val) {      \
    takeCsr(handle, *pos, *crd, *val);                                                         \
  }                                                                                            \
  LAURYN_RT_API void _mlir_ciface_lauryn_rt_reuse_put_dense_##SUFFIX(                          \
      uint64_t key, double start, int64_t height, MemRef2D<T> *v) {                            \
    putDense(key, start, height, *v, DTYPE);                                                   \
  }                                                                                            \
  LAURYN_RT_API void _mlir_ciface_lauryn_rt_reuse_put_csr_##SUFFIX(                            \
      uint64_t key, double start, int64_t height, int64_t rows, int64_t cols,                  \
      MemRef1D<int64_t> *pos, MemRef1D<int64_t> *crd, MemRef1D<T> *val) {                      \
    putCsr(key, start, height, rows, cols, *pos, *crd, *val, DTYPE);                           \
  }

LAURYN_REUSE_ENTRY_POINTS(f64, double, LAURYN_F64)
LAURYN_REUSE_ENTRY_POINTS(f32, float, LAURYN_F32)
LAURYN_REUSE_ENTRY_POINTS(i64, int64_t, LAURYN_I64)
LAURYN_REUSE_ENTRY_POINTS(i32, int32_t, LAURYN_I32)

} // extern "C"
