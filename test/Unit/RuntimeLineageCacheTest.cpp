//===- RuntimeLineageCacheTest.cpp - liblauryn_rt's lineage cache ---------===//
//
// The lineage cache's contract (include/lauryn/Runtime/LaurynRuntime.h):
// copies in and out, misses, replacement, the budget and each eviction
// policy, spilling to disk and reading back, statistics, bad arguments, and
// many threads at once; and the lineage hashes it is keyed by.
//
//===----------------------------------------------------------------------===//

#include "lauryn/Runtime/LaurynRuntime.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

namespace {

/// A rows x cols dense f64 matrix whose cells are `base` + their index.
lauryn_matrix *dense(int64_t rows, int64_t cols, double base) {
  lauryn_matrix *m = nullptr;
  EXPECT_EQ(lauryn_rt_matrix_create_dense(rows, cols, LAURYN_F64, &m), LAURYN_OK);
  for (int64_t k = 0; k < rows * cols; ++k)
    static_cast<double *>(m->values)[k] = base + double(k);
  return m;
}

/// The 3 x 4 CSR matrix [[1 0 0 2] [0 0 0 0] [0 3 0 0]].
lauryn_matrix *csr() {
  lauryn_matrix *m = nullptr;
  EXPECT_EQ(lauryn_rt_matrix_create_csr(3, 4, 3, LAURYN_F64, &m), LAURYN_OK);
  int64_t pos[] = {0, 2, 2, 3}, crd[] = {0, 3, 1};
  double val[] = {1, 2, 3};
  std::memcpy(m->positions, pos, sizeof(pos));
  std::memcpy(m->coordinates, crd, sizeof(crd));
  std::memcpy(m->values, val, sizeof(val));
  return m;
}

bool sameMatrix(const lauryn_matrix *a, const lauryn_matrix *b) {
  if (a->rows != b->rows || a->cols != b->cols || a->dtype != b->dtype || a->format != b->format ||
      a->nnz != b->nnz)
    return false;
  if (std::memcmp(a->values, b->values, size_t(a->nnz) * lauryn_rt_dtype_size(a->dtype)) != 0)
    return false;
  return a->format != LAURYN_FORMAT_CSR ||
         (std::memcmp(a->positions, b->positions, size_t(a->rows + 1) * 8) == 0 &&
          std::memcmp(a->coordinates, b->coordinates, size_t(a->nnz) * 8) == 0);
}

lauryn_cache_stats stats() {
  lauryn_cache_stats s;
  lauryn_rt_cache_get_stats(&s);
  return s;
}

/// A fresh cache of `budget` bytes with `policy` (and spilling into `dir`).
void configure(int64_t budget, int policy = LAURYN_CACHE_COST_SIZE, const char *dir = nullptr) {
  lauryn_cache_options o;
  lauryn_rt_cache_options_init(&o);
  o.budget_bytes = budget;
  o.policy = policy;
  o.spill = dir != nullptr;
  o.spill_dir = dir;
  ASSERT_EQ(lauryn_rt_cache_configure(&o), LAURYN_OK) << lauryn_rt_last_error();
}

bool cached(uint64_t key) {
  lauryn_matrix *out = nullptr;
  EXPECT_EQ(lauryn_rt_cache_get(key, &out), LAURYN_OK);
  bool hit = out != nullptr;
  lauryn_rt_matrix_free(out);
  return hit;
}

class LineageCacheTest : public ::testing::Test {
protected:
  void SetUp() override { configure(1 << 20); }
  void TearDown() override { lauryn_rt_cache_configure(nullptr); }
};

TEST_F(LineageCacheTest, PutThenGetReturnsACopy) {
  lauryn_matrix *a = dense(3, 2, 1.5);
  ASSERT_EQ(lauryn_rt_cache_put(42, a, 0.5, 3), LAURYN_OK);
  static_cast<double *>(a->values)[0] = -1; // the cache keeps its own copy
  lauryn_matrix *out = nullptr;
  ASSERT_EQ(lauryn_rt_cache_get(42, &out), LAURYN_OK);
  ASSERT_NE(out, nullptr);
  EXPECT_NE(out->values, a->values);
  EXPECT_EQ(static_cast<double *>(out->values)[0], 1.5);
  EXPECT_EQ(static_cast<double *>(out->values)[5], 6.5);
  lauryn_cache_stats s = stats();
  EXPECT_EQ(s.puts, 1);
  EXPECT_EQ(s.hits, 1);
  EXPECT_EQ(s.misses, 0);
  EXPECT_EQ(s.entries, 1);
  EXPECT_EQ(s.bytes, 48);
  EXPECT_DOUBLE_EQ(s.saved_seconds, 0.5);
  lauryn_rt_matrix_free(out);
  lauryn_rt_matrix_free(a);
}

TEST_F(LineageCacheTest, CsrRoundTrip) {
  lauryn_matrix *a = csr();
  ASSERT_EQ(lauryn_rt_cache_put(7, a, 1.0, 1), LAURYN_OK);
  lauryn_matrix *out = nullptr;
  ASSERT_EQ(lauryn_rt_cache_get(7, &out), LAURYN_OK);
  ASSERT_NE(out, nullptr);
  EXPECT_TRUE(sameMatrix(a, out));
  EXPECT_EQ(stats().bytes, 3 * 8 + (4 + 3) * 8);
  lauryn_rt_matrix_free(out);
  lauryn_rt_matrix_free(a);
}

TEST_F(LineageCacheTest, MissAndReplacement) {
  EXPECT_FALSE(cached(1));
  EXPECT_EQ(stats().misses, 1);
  lauryn_matrix *a = dense(2, 2, 0), *b = dense(1, 3, 10);
  ASSERT_EQ(lauryn_rt_cache_put(1, a, 1, 1), LAURYN_OK);
  ASSERT_EQ(lauryn_rt_cache_put(1, b, 1, 1), LAURYN_OK); // same key: replaced
  lauryn_matrix *out = nullptr;
  ASSERT_EQ(lauryn_rt_cache_get(1, &out), LAURYN_OK);
  ASSERT_NE(out, nullptr);
  EXPECT_TRUE(sameMatrix(b, out));
  EXPECT_EQ(stats().entries, 1);
  EXPECT_EQ(stats().bytes, 24);
  lauryn_rt_matrix_free(out);
  lauryn_rt_matrix_free(a);
  lauryn_rt_matrix_free(b);
}

TEST_F(LineageCacheTest, ValueLargerThanTheBudgetIsNotCached) {
  configure(100);
  lauryn_matrix *a = dense(4, 4, 0); // 128 bytes
  EXPECT_EQ(lauryn_rt_cache_put(5, a, 1, 1), LAURYN_OK);
  EXPECT_FALSE(cached(5));
  EXPECT_EQ(stats().rejected, 1);
  EXPECT_EQ(stats().bytes, 0);
  lauryn_rt_matrix_free(a);
}

// Three 80-byte values in a 200-byte budget: the third evicts one.
TEST_F(LineageCacheTest, CostSizeEvictsTheCheapestPerByte) {
  configure(200);
  lauryn_matrix *a = dense(10, 1, 0);
  ASSERT_EQ(lauryn_rt_cache_put(1, a, 5.0, 1), LAURYN_OK);
  ASSERT_EQ(lauryn_rt_cache_put(2, a, 0.1, 1), LAURYN_OK); // cheapest
  ASSERT_EQ(lauryn_rt_cache_put(3, a, 2.0, 1), LAURYN_OK);
  EXPECT_TRUE(cached(1));
  EXPECT_FALSE(cached(2));
  EXPECT_TRUE(cached(3));
  EXPECT_EQ(stats().evictions, 1);
  EXPECT_LE(stats().peak_bytes, 200);
  lauryn_rt_matrix_free(a);
}

TEST_F(LineageCacheTest, CostSizeCountsHits) {
  configure(200);
  lauryn_matrix *a = dense(10, 1, 0);
  ASSERT_EQ(lauryn_rt_cache_put(1, a, 1.0, 1), LAURYN_OK);
  ASSERT_EQ(lauryn_rt_cache_put(2, a, 1.5, 1), LAURYN_OK);
  for (int k = 0; k < 3; ++k) // 1.0 x (1 + 3) > 1.5
    EXPECT_TRUE(cached(1));
  ASSERT_EQ(lauryn_rt_cache_put(3, a, 2.0, 1), LAURYN_OK);
  EXPECT_TRUE(cached(1));
  EXPECT_FALSE(cached(2));
  lauryn_rt_matrix_free(a);
}

TEST_F(LineageCacheTest, LruEvictsTheLeastRecentlyUsed) {
  configure(200, LAURYN_CACHE_LRU);
  lauryn_matrix *a = dense(10, 1, 0);
  ASSERT_EQ(lauryn_rt_cache_put(1, a, 9.0, 1), LAURYN_OK);
  ASSERT_EQ(lauryn_rt_cache_put(2, a, 9.0, 1), LAURYN_OK);
  EXPECT_TRUE(cached(1)); // 2 is now the least recently used
  ASSERT_EQ(lauryn_rt_cache_put(3, a, 0.1, 1), LAURYN_OK);
  EXPECT_TRUE(cached(1));
  EXPECT_FALSE(cached(2));
  EXPECT_TRUE(cached(3));
  lauryn_rt_matrix_free(a);
}

TEST_F(LineageCacheTest, DagHeightEvictsTheDeepest) {
  configure(200, LAURYN_CACHE_DAG_HEIGHT);
  lauryn_matrix *a = dense(10, 1, 0);
  ASSERT_EQ(lauryn_rt_cache_put(1, a, 1.0, 2), LAURYN_OK);
  ASSERT_EQ(lauryn_rt_cache_put(2, a, 9.0, 7), LAURYN_OK);
  ASSERT_EQ(lauryn_rt_cache_put(3, a, 1.0, 3), LAURYN_OK);
  EXPECT_TRUE(cached(1));
  EXPECT_FALSE(cached(2));
  EXPECT_TRUE(cached(3));
  lauryn_rt_matrix_free(a);
}

// A value that took long to compute is spilled rather than dropped, and
// read back (bit for bit) by the next hit; a cheap one is dropped.
TEST_F(LineageCacheTest, SpillsExpensiveValuesAndReadsThemBack) {
  std::string dir = ::testing::TempDir() + "lauryn-spill-test";
  std::filesystem::create_directories(dir);
  configure(200, LAURYN_CACHE_COST_SIZE, dir.c_str());
  lauryn_matrix *a = dense(10, 1, 0.25), *b = dense(10, 1, 100), *c = csr();
  ASSERT_EQ(lauryn_rt_cache_put(1, a, 5.0, 1), LAURYN_OK);  // expensive
  ASSERT_EQ(lauryn_rt_cache_put(2, b, 1e-9, 1), LAURYN_OK); // cheap: dropped
  ASSERT_EQ(lauryn_rt_cache_put(3, c, 9.0, 1), LAURYN_OK);  // evicts 2
  ASSERT_EQ(lauryn_rt_cache_put(4, a, 9.0, 1), LAURYN_OK);  // evicts 1: spilled
  lauryn_cache_stats s = stats();
  EXPECT_EQ(s.evictions, 2);
  EXPECT_EQ(s.spills, 1);
  EXPECT_EQ(s.spilled_bytes, 80);
  EXPECT_EQ(s.entries, 3);
  EXPECT_FALSE(cached(2));
  lauryn_matrix *out = nullptr;
  ASSERT_EQ(lauryn_rt_cache_get(1, &out), LAURYN_OK);
  ASSERT_NE(out, nullptr);
  EXPECT_TRUE(sameMatrix(a, out));
  lauryn_rt_matrix_free(out);
  s = stats();
  EXPECT_EQ(s.restores, 1);
  EXPECT_LE(s.bytes, 200);
  // Clearing removes every spill file and the private directory.
  lauryn_rt_cache_configure(nullptr);
  size_t left = 0;
  for (auto &entry : std::filesystem::recursive_directory_iterator(dir)) {
    (void)entry;
    ++left;
  }
  EXPECT_EQ(left, 0u);
  lauryn_rt_matrix_free(a);
  lauryn_rt_matrix_free(b);
  lauryn_rt_matrix_free(c);
}

TEST_F(LineageCacheTest, BadArguments) {
  lauryn_matrix *out = nullptr;
  EXPECT_EQ(lauryn_rt_cache_get(1, nullptr), LAURYN_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(lauryn_rt_cache_put(1, nullptr, 1, 1), LAURYN_ERR_INVALID_ARGUMENT);
  lauryn_cache_options o;
  lauryn_rt_cache_options_init(&o);
  o.budget_bytes = -1;
  EXPECT_EQ(lauryn_rt_cache_configure(&o), LAURYN_ERR_INVALID_ARGUMENT);
  EXPECT_NE(std::strstr(lauryn_rt_last_error(), "negative budget"), nullptr);
  lauryn_rt_cache_options_init(&o);
  o.policy = 9;
  EXPECT_EQ(lauryn_rt_cache_configure(&o), LAURYN_ERR_INVALID_ARGUMENT);
  lauryn_rt_cache_options_init(&o);
  o.spill = 1;
  o.spill_dir = "/nonexistent/lauryn";
  EXPECT_EQ(lauryn_rt_cache_configure(&o), LAURYN_ERR_IO);
  EXPECT_NE(std::strstr(lauryn_rt_last_error(), "spill directory"), nullptr);
  // The failed configurations kept the cache usable.
  lauryn_matrix *a = dense(2, 2, 0);
  ASSERT_EQ(lauryn_rt_cache_put(9, a, 1, 1), LAURYN_OK);
  ASSERT_EQ(lauryn_rt_cache_get(9, &out), LAURYN_OK);
  EXPECT_NE(out, nullptr);
  lauryn_rt_matrix_free(out);
  lauryn_rt_matrix_free(a);
}

// Many threads putting and getting at once under a small budget: every hit
// returns exactly the value stored under its key.
TEST_F(LineageCacheTest, ThreadSafe) {
  configure(64 * 200);
  std::vector<std::thread> threads;
  std::vector<int> wrong(8, 0);
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([t, &wrong] {
      for (int k = 0; k < 500; ++k) {
        uint64_t key = uint64_t((t * 7 + k) % 64);
        lauryn_matrix *v = dense(5, 5, double(key));
        lauryn_rt_cache_put(key, v, double(k % 5), 1);
        lauryn_matrix *out = nullptr;
        lauryn_rt_cache_get(uint64_t((key + 3) % 64), &out);
        if (out && static_cast<double *>(out->values)[0] != double((key + 3) % 64))
          ++wrong[t];
        lauryn_rt_matrix_free(out);
        lauryn_rt_matrix_free(v);
      }
    });
  for (std::thread &t : threads)
    t.join();
  for (int w : wrong)
    EXPECT_EQ(w, 0);
  lauryn_cache_stats s = stats();
  EXPECT_EQ(s.puts, 8 * 500);
  EXPECT_LE(s.peak_bytes, 64 * 200);
}

TEST(LineageHashTest, HashesIdentifyContents) {
  lauryn_matrix *a = dense(3, 3, 1), *b = dense(3, 3, 1), *c = dense(9, 1, 1);
  EXPECT_EQ(lauryn_rt_matrix_hash(a), lauryn_rt_matrix_hash(b));
  EXPECT_NE(lauryn_rt_matrix_hash(a), lauryn_rt_matrix_hash(c)); // same bytes, other shape
  static_cast<double *>(b->values)[8] = 0;
  EXPECT_NE(lauryn_rt_matrix_hash(a), lauryn_rt_matrix_hash(b));
  lauryn_matrix *s = csr(), *t = csr();
  EXPECT_EQ(lauryn_rt_matrix_hash(s), lauryn_rt_matrix_hash(t));
  t->coordinates[2] = 2; // same values, other pattern
  EXPECT_NE(lauryn_rt_matrix_hash(s), lauryn_rt_matrix_hash(t));
  EXPECT_EQ(lauryn_rt_matrix_hash(nullptr), 0u);
  EXPECT_NE(lauryn_rt_hash_combine(1, 2), lauryn_rt_hash_combine(2, 1));
  EXPECT_EQ(lauryn_rt_hash_bytes("abc", 3, 0), lauryn_rt_hash_bytes("abc", 3, 0));
  EXPECT_NE(lauryn_rt_hash_bytes("abc", 3, 0), lauryn_rt_hash_bytes("abc", 3, 1));
  for (lauryn_matrix *m : {a, b, c, s, t})
    lauryn_rt_matrix_free(m);
}

TEST(LineageHashTest, FileIdentityChangesWhenTheFileChanges) {
  std::string path = ::testing::TempDir() + "lauryn-identity.txt";
  std::FILE *f = std::fopen(path.c_str(), "w");
  ASSERT_NE(f, nullptr);
  std::fputs("1,2\n", f);
  std::fclose(f);
  uint64_t first = 0, again = 0, changed = 0;
  ASSERT_EQ(lauryn_rt_file_identity(path.c_str(), &first), LAURYN_OK);
  ASSERT_EQ(lauryn_rt_file_identity(path.c_str(), &again), LAURYN_OK);
  EXPECT_EQ(first, again);
  f = std::fopen(path.c_str(), "a");
  std::fputs("3,4\n", f);
  std::fclose(f);
  ASSERT_EQ(lauryn_rt_file_identity(path.c_str(), &changed), LAURYN_OK);
  EXPECT_NE(first, changed);
  std::remove(path.c_str());
  EXPECT_EQ(lauryn_rt_file_identity(path.c_str(), &changed), LAURYN_ERR_IO);
  EXPECT_NE(std::strstr(lauryn_rt_last_error(), "lauryn-identity.txt"), nullptr);
}

// The entry points compiled code calls (lib/Runtime/ReuseCalls.cpp), with
// memrefs as MLIR C-interface descriptors.
struct Descriptor2D {
  double *allocated, *aligned;
  int64_t offset, sizes[2], strides[2];
};
extern "C" {
uint64_t _mlir_ciface_lauryn_rt_reuse_hash_dense_f64(Descriptor2D *m);
void _mlir_ciface_lauryn_rt_reuse_put_dense_f64(uint64_t key, double start, int64_t height,
                                                Descriptor2D *v);
void _mlir_ciface_lauryn_rt_reuse_take_dense_f64(int64_t handle, Descriptor2D *out);
int64_t lauryn_rt_reuse_acquire(uint64_t key, int64_t rows, int64_t cols, int64_t dtype,
                                int64_t format);
int64_t lauryn_rt_reuse_rows(int64_t handle);
double lauryn_rt_reuse_now(void);
}

TEST_F(LineageCacheTest, GeneratedCodeEntryPoints) {
  // A 2 x 3 view (columns 1..3) of a 2 x 4 buffer hashes like the packed
  // 2 x 3 matrix with the same cells.
  double wide[8] = {0, 1, 2, 3, 0, 4, 5, 6}, packed[6] = {1, 2, 3, 4, 5, 6};
  Descriptor2D view{wide, wide, 1, {2, 3}, {4, 1}};
  Descriptor2D flat{packed, packed, 0, {2, 3}, {3, 1}};
  uint64_t h = _mlir_ciface_lauryn_rt_reuse_hash_dense_f64(&flat);
  EXPECT_EQ(_mlir_ciface_lauryn_rt_reuse_hash_dense_f64(&view), h);
  packed[5] = 7;
  EXPECT_NE(_mlir_ciface_lauryn_rt_reuse_hash_dense_f64(&flat), h);
  packed[5] = 6;

  // A registered input hashes as its registered identity.
  lauryn_matrix *m = dense(2, 3, 1);
  Descriptor2D input{static_cast<double *>(m->values), static_cast<double *>(m->values), 0,
                     {2, 3}, {3, 1}};
  EXPECT_EQ(_mlir_ciface_lauryn_rt_reuse_hash_dense_f64(&input), h);
  ASSERT_EQ(lauryn_rt_reuse_register_input(m, 99), LAURYN_OK);
  EXPECT_EQ(_mlir_ciface_lauryn_rt_reuse_hash_dense_f64(&input), 99u);
  lauryn_rt_reuse_unregister_input(m);
  EXPECT_EQ(_mlir_ciface_lauryn_rt_reuse_hash_dense_f64(&input), h);
  lauryn_rt_matrix_free(m);

  // Put the strided view, acquire it with its shape (not another), copy out.
  EXPECT_EQ(lauryn_rt_reuse_acquire(5, 2, 3, LAURYN_F64, LAURYN_FORMAT_DENSE), 0);
  _mlir_ciface_lauryn_rt_reuse_put_dense_f64(5, lauryn_rt_reuse_now(), 1, &view);
  EXPECT_EQ(lauryn_rt_reuse_acquire(5, 3, 2, LAURYN_F64, LAURYN_FORMAT_DENSE), 0);
  EXPECT_EQ(lauryn_rt_reuse_acquire(5, 2, 3, LAURYN_F32, LAURYN_FORMAT_DENSE), 0);
  int64_t handle = lauryn_rt_reuse_acquire(5, -1, 3, LAURYN_F64, LAURYN_FORMAT_DENSE);
  ASSERT_NE(handle, 0);
  EXPECT_EQ(lauryn_rt_reuse_rows(handle), 2);
  double out[6] = {};
  Descriptor2D dest{out, out, 0, {2, 3}, {3, 1}};
  _mlir_ciface_lauryn_rt_reuse_take_dense_f64(handle, &dest);
  for (int k = 0; k < 6; ++k)
    EXPECT_EQ(out[k], packed[k]);
  lauryn_cache_stats stats;
  lauryn_rt_cache_get_stats(&stats);
  EXPECT_EQ(stats.puts, 1);
  // The empty probe and the two of another shape or type are misses.
  EXPECT_EQ(stats.hits, 1);
  EXPECT_EQ(stats.misses, 3);

  // A served value outlives its entry's eviction until it is taken.
  handle = lauryn_rt_reuse_acquire(5, 2, 3, LAURYN_F64, LAURYN_FORMAT_DENSE);
  ASSERT_NE(handle, 0);
  lauryn_rt_cache_clear();
  std::fill(out, out + 6, 0.0);
  _mlir_ciface_lauryn_rt_reuse_take_dense_f64(handle, &dest);
  for (int k = 0; k < 6; ++k)
    EXPECT_EQ(out[k], packed[k]);
  _mlir_ciface_lauryn_rt_reuse_put_dense_f64(5, lauryn_rt_reuse_now(), 1, &view);
  lauryn_rt_cache_reset_stats();
  lauryn_rt_cache_get_stats(&stats);
  EXPECT_EQ(stats.puts, 0);
  EXPECT_EQ(stats.hits, 0);
  EXPECT_EQ(stats.entries, 1);
}

// A probe of another shape under the key of a spilled value (a hash
// collision) is a miss without reading the file back.
TEST_F(LineageCacheTest, CollidingProbeLeavesSpilledValueOnDisk) {
  std::string dir = ::testing::TempDir() + "lauryn-spill-collision-test";
  std::filesystem::create_directories(dir);
  configure(100, LAURYN_CACHE_COST_SIZE, dir.c_str());
  lauryn_matrix *a = dense(10, 1, 0.25), *b = dense(10, 1, 2);
  ASSERT_EQ(lauryn_rt_cache_put(1, a, 5.0, 1), LAURYN_OK);
  ASSERT_EQ(lauryn_rt_cache_put(2, b, 9.0, 1), LAURYN_OK); // spills 1
  lauryn_cache_stats s = stats();
  ASSERT_EQ(s.spills, 1);
  EXPECT_EQ(lauryn_rt_reuse_acquire(1, 1, 10, LAURYN_F64, LAURYN_FORMAT_DENSE), 0);
  EXPECT_EQ(lauryn_rt_reuse_acquire(1, 10, 1, LAURYN_F32, LAURYN_FORMAT_DENSE), 0);
  s = stats();
  EXPECT_EQ(s.restores, 0);
  EXPECT_EQ(s.misses, 2);
  EXPECT_EQ(s.spilled_bytes, 80);
  // The matching probe reads it back.
  int64_t handle = lauryn_rt_reuse_acquire(1, 10, 1, LAURYN_F64, LAURYN_FORMAT_DENSE);
  ASSERT_NE(handle, 0);
  double out[10] = {};
  Descriptor2D dest{out, out, 0, {10, 1}, {1, 1}};
  _mlir_ciface_lauryn_rt_reuse_take_dense_f64(handle, &dest);
  for (int k = 0; k < 10; ++k)
    EXPECT_EQ(out[k], 0.25 + k);
  EXPECT_EQ(stats().restores, 1);
  lauryn_rt_cache_configure(nullptr);
  lauryn_rt_matrix_free(a);
  lauryn_rt_matrix_free(b);
}

} // namespace
