//===- Lineage.cpp - lineage hashes of values, matrices and files ----------===//
//
// A value's lineage hash identifies what computed it; the lineage cache
// (LineageCache.cpp) is keyed by it. Hashes are 64-bit XXH3 (Debian
// libxxhash): about 39 GB/s per core in cache, and an input in memory hashes
// at the speed of reading it. Collisions between distinct values are possible in
// principle (about n^2 / 2^65 for n values: 3e-8 for a million).
//
//===----------------------------------------------------------------------===//

#include "Errors.h"
#include "MatrixInternal.h"

#include <climits>
#include <cstdlib>
#include <sys/stat.h>
// The streaming state on the stack (no allocation that could fail).
#define XXH_STATIC_LINKING_ONLY
#include <xxhash.h>
#if defined(__x86_64__)
// libxxhash's run-time dispatch to its AVX2 / AVX-512 kernels (same hash
// values; about 2.3x the SSE2 default on inputs in cache).
#include <xxh_x86dispatch.h>
#endif

using namespace lauryn::rt;

extern "C" {

uint64_t lauryn_rt_hash_bytes(const void *data, size_t size, uint64_t seed) {
  return XXH3_64bits_withSeed(data, size, seed);
}

uint64_t lauryn_rt_hash_combine(uint64_t a, uint64_t b) {
  uint64_t pair[2] = {a, b};
  return XXH3_64bits(pair, sizeof(pair));
}

uint64_t lauryn_rt_matrix_hash(const lauryn_matrix *m) {
  if (!m)
    return 0;
  int64_t header[5] = {m->rows, m->cols, m->dtype, m->format, m->nnz};
  XXH3_state_t state;
  XXH3_64bits_reset(&state);
  XXH3_64bits_update(&state, header, sizeof(header));
  if (m->format == LAURYN_FORMAT_CSR) {
    XXH3_64bits_update(&state, m->positions, size_t(m->rows + 1) * sizeof(int64_t));
    XXH3_64bits_update(&state, m->coordinates, size_t(m->nnz) * sizeof(int64_t));
  }
  XXH3_64bits_update(&state, m->values, size_t(m->nnz) * dtypeSize(m->dtype));
  uint64_t h = XXH3_64bits_digest(&state);
  return h;
}

int lauryn_rt_file_identity(const char *path, uint64_t *out) {
  clearError();
  if (!path || !out)
    return fail(LAURYN_ERR_INVALID_ARGUMENT, "lauryn_rt_file_identity: NULL argument");
  char canonical[PATH_MAX];
  struct stat st;
  if (!realpath(path, canonical) || stat(canonical, &st) != 0)
    return failAt(LAURYN_ERR_IO, path, 0, "cannot open: %s", systemError(errno).c_str());
  int64_t facts[3] = {int64_t(st.st_size), int64_t(st.st_mtim.tv_sec),
                      int64_t(st.st_mtim.tv_nsec)};
  *out = lauryn_rt_hash_combine(XXH3_64bits(canonical, strlen(canonical)),
                                XXH3_64bits(facts, sizeof(facts)));
  return LAURYN_OK;
}

} // extern "C"
