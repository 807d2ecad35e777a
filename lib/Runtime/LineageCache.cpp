//===- LineageCache.cpp - the process-wide lineage cache --------------------===//
//
// Values of compiled programs keyed by lineage hash (LIMA, SIGMOD'21): a
// program probes the cache before an op worth caching and stores the op's
// result after computing it. The cache keeps its own copies (the value's
// buffers belong to the program), within a byte budget. When the budget is
// full the entry that is least worth keeping goes first:
//
//   cost-size  compute time x (1 + hits) / bytes, then least recently used:
//              a value that is cheap to recompute per byte, or never reused,
//              goes before an expensive, popular one;
//   lru        least recently used;
//   dag-height the highest lineage DAG first (deep, specialized values are
//              reused less than shallow ones), then least recently used.
//
// An evicted value whose compute time exceeds the time to write and read it
// back (at the configured disk bandwidths) is spilled to a file of a private
// directory if spilling is on, and read back by the next hit. Eviction scans
// the entries (O(entries)): caches hold tens to thousands of large values.
//
//===----------------------------------------------------------------------===//

#include "LineageCache.h"

#include "Errors.h"
#include "MatrixInternal.h"
#include "OutputFile.h"

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <string>
#include <unistd.h>
#include <unordered_map>

namespace lauryn::rt {
namespace {

constexpr double kDefaultReadMBs = 500, kDefaultWriteMBs = 450;
constexpr char kSpillMagic[8] = {'L', 'R', 'N', 'C', 'A', 'C', 'H', '1'};

/// Header of a spill file, followed by positions and coordinates (CSR) and
/// the values.
struct SpillHeader {
  char magic[8];
  int64_t rows, cols;
  int32_t dtype, format;
  int64_t nnz;
};

int64_t matrixBytes(const lauryn_matrix &m) {
  int64_t bytes = m.nnz * int64_t(dtypeSize(m.dtype));
  if (m.format == LAURYN_FORMAT_CSR)
    bytes += (m.rows + 1 + m.nnz) * int64_t(sizeof(int64_t));
  return bytes;
}

/// A new matrix with the contents of `m`.
int copyMatrix(const lauryn_matrix &m, const char *ctx, lauryn_matrix **out) {
  Limits limits{effectiveMaxBytes(0)};
  int status = m.format == LAURYN_FORMAT_CSR
                   ? createCsr(m.rows, m.cols, m.nnz, m.dtype, limits, ctx, out)
                   : createDense(m.rows, m.cols, m.dtype, limits, ctx, out, /*zeroed=*/false);
  if (status != LAURYN_OK)
    return status;
  std::memcpy((*out)->values, m.values, size_t(m.nnz) * dtypeSize(m.dtype));
  if (m.format == LAURYN_FORMAT_CSR) {
    std::memcpy((*out)->positions, m.positions, size_t(m.rows + 1) * sizeof(int64_t));
    std::memcpy((*out)->coordinates, m.coordinates, size_t(m.nnz) * sizeof(int64_t));
  }
  return LAURYN_OK;
}

/// Owns `m` (freed by the runtime's allocator when the last holder lets go).
std::shared_ptr<lauryn_matrix> own(lauryn_matrix *m) {
  return std::shared_ptr<lauryn_matrix>(m, lauryn_rt_matrix_free);
}

class LineageCache {
public:
  LineageCache() { configureLocked(nullptr); }
  ~LineageCache() {
    std::lock_guard<std::mutex> lock(mutex);
    clearLocked();
    removeSpillDir();
  }

  int configure(const lauryn_cache_options *opts) {
    std::lock_guard<std::mutex> lock(mutex);
    return configureLocked(opts);
  }

  void clear() {
    std::lock_guard<std::mutex> lock(mutex);
    clearLocked();
  }

  void resetStats() {
    std::lock_guard<std::mutex> lock(mutex);
    lauryn_cache_stats kept{};
    kept.bytes = counters.bytes;
    kept.peak_bytes = counters.bytes;
    kept.spilled_bytes = counters.spilled_bytes;
    counters = kept;
  }

  lauryn_cache_stats stats() {
    std::lock_guard<std::mutex> lock(mutex);
    lauryn_cache_stats s = counters;
    s.entries = int64_t(entries.size());
    return s;
  }

  int put(uint64_t key, const lauryn_matrix &value, double seconds, int32_t height) {
    int64_t bytes = matrixBytes(value);
    std::lock_guard<std::mutex> lock(mutex);
    erase(key);
    if (bytes > budget) {
      ++counters.rejected;
      return LAURYN_OK;
    }
    makeRoom(bytes);
    lauryn_matrix *copy = nullptr;
    if (int status = copyMatrix(value, "lauryn_rt_cache_put", &copy); status != LAURYN_OK)
      return status;
    Entry &e = entries[key];
    e.value = own(copy);
    e.rows = value.rows;
    e.cols = value.cols;
    e.dtype = value.dtype;
    e.format = value.format;
    e.bytes = bytes;
    e.seconds = seconds > 0 ? seconds : 0;
    e.height = height;
    e.lastUse = ++clock;
    ++counters.puts;
    counters.bytes += bytes;
    counters.peak_bytes = std::max(counters.peak_bytes, counters.bytes);
    return LAURYN_OK;
  }

  /// The value under `key` if `matches(rows, cols, dtype, format)` holds
  /// for it (a hit), else null (a miss). The check comes before a spilled
  /// value is read back: a colliding key costs no disk read.
  template <typename Matches> SharedMatrix find(uint64_t key, Matches matches) {
    std::lock_guard<std::mutex> lock(mutex);
    auto it = entries.find(key);
    if (it == entries.end()) {
      ++counters.misses;
      return nullptr;
    }
    Entry &e = it->second;
    if (!matches(e.rows, e.cols, e.dtype, e.format)) {
      ++counters.misses;
      return nullptr;
    }
    if (!e.value && !restore(e)) {
      erase(key);
      ++counters.misses;
      return nullptr;
    }
    e.lastUse = ++clock;
    ++e.hits;
    ++counters.hits;
    counters.saved_seconds += e.seconds;
    return e.value;
  }

private:
  struct Entry {
    std::shared_ptr<lauryn_matrix> value; ///< null while spilled
    std::string spillPath;          ///< the file of a spilled value
    int64_t rows = 0, cols = 0;     ///< the value's shape, type and format
    int32_t dtype = 0, format = 0;
    int64_t bytes = 0;
    double seconds = 0;
    int32_t height = 0;
    uint64_t lastUse = 0;
    int64_t hits = 0;
  };

  int configureLocked(const lauryn_cache_options *opts) {
    lauryn_cache_options o;
    lauryn_rt_cache_options_init(&o);
    if (opts)
      o = *opts;
    if (o.budget_bytes < 0)
      return fail(LAURYN_ERR_INVALID_ARGUMENT, "lauryn_rt_cache_configure: negative budget %" PRId64,
                  o.budget_bytes);
    if (o.policy < LAURYN_CACHE_COST_SIZE || o.policy > LAURYN_CACHE_DAG_HEIGHT)
      return fail(LAURYN_ERR_INVALID_ARGUMENT, "lauryn_rt_cache_configure: unknown policy %d",
                  o.policy);
    if (o.disk_read_mb_s < 0 || o.disk_write_mb_s < 0)
      return fail(LAURYN_ERR_INVALID_ARGUMENT,
                  "lauryn_rt_cache_configure: negative disk bandwidth");
    std::string dir;
    if (o.spill) {
      const char *base = o.spill_dir ? o.spill_dir : std::getenv("TMPDIR");
      std::string pattern = std::string(base && *base ? base : "/tmp") + "/lauryn-cache-XXXXXX";
      if (!mkdtemp(pattern.data()))
        return failAt(LAURYN_ERR_IO, pattern.c_str(), 0, "cannot create the spill directory: %s",
                      systemError(errno).c_str());
      dir = pattern;
    }
    clearLocked();
    removeSpillDir();
    counters = lauryn_cache_stats{};
    budget = o.budget_bytes > 0 ? o.budget_bytes : defaultBudget();
    policy = o.policy;
    spillDir = dir;
    readBytesPerSecond = (o.disk_read_mb_s > 0 ? o.disk_read_mb_s : kDefaultReadMBs) * 1e6;
    writeBytesPerSecond = (o.disk_write_mb_s > 0 ? o.disk_write_mb_s : kDefaultWriteMBs) * 1e6;
    return LAURYN_OK;
  }

  static int64_t defaultBudget() {
    long pages = sysconf(_SC_PHYS_PAGES), pageSize = sysconf(_SC_PAGESIZE);
    if (pages <= 0 || pageSize <= 0)
      return int64_t(256) << 20;
    return int64_t(pages) * pageSize / 20;
  }

  void clearLocked() {
    for (auto &[key, e] : entries)
      release(e);
    entries.clear();
    counters.bytes = counters.spilled_bytes = 0;
  }

  void removeSpillDir() {
    if (!spillDir.empty())
      rmdir(spillDir.c_str());
    spillDir.clear();
  }

  /// Frees an entry's memory or spill file (not its map slot).
  void release(Entry &e) {
    if (e.value) {
      counters.bytes -= e.bytes;
      e.value.reset();
    } else if (!e.spillPath.empty()) {
      counters.spilled_bytes -= e.bytes;
      unlink(e.spillPath.c_str());
    }
  }

  void erase(uint64_t key) {
    auto it = entries.find(key);
    if (it == entries.end())
      return;
    release(it->second);
    entries.erase(it);
  }

  /// True if `a` should be evicted before `b`.
  bool evictsFirst(const Entry &a, const Entry &b) const {
    if (policy == LAURYN_CACHE_COST_SIZE) {
      double sa = a.seconds * double(1 + a.hits) / double(std::max<int64_t>(a.bytes, 1));
      double sb = b.seconds * double(1 + b.hits) / double(std::max<int64_t>(b.bytes, 1));
      if (sa != sb)
        return sa < sb;
    } else if (policy == LAURYN_CACHE_DAG_HEIGHT && a.height != b.height) {
      return a.height > b.height;
    }
    return a.lastUse < b.lastUse;
  }

  /// Evicts in-memory entries until `bytes` more fit in the budget.
  void makeRoom(int64_t bytes) {
    while (counters.bytes + bytes > budget) {
      uint64_t victim = 0;
      Entry *worst = nullptr;
      for (auto &[key, e] : entries)
        if (e.value && (!worst || evictsFirst(e, *worst))) {
          worst = &e;
          victim = key;
        }
      if (!worst)
        return;
      ++counters.evictions;
      if (spill(victim, *worst))
        continue;
      clearError(); // a failed spill drops the value, as without spilling
      erase(victim);
    }
  }

  /// Writes an entry worth more than its I/O to disk and frees its memory.
  bool spill(uint64_t key, Entry &e) {
    if (spillDir.empty())
      return false;
    double io = double(e.bytes) / writeBytesPerSecond + double(e.bytes) / readBytesPerSecond;
    if (e.seconds <= io)
      return false;
    char name[32];
    std::snprintf(name, sizeof(name), "/%016" PRIx64 ".bin", key);
    std::string path = spillDir + name;
    const lauryn_matrix &m = *e.value;
    SpillHeader header{};
    std::memcpy(header.magic, kSpillMagic, sizeof(kSpillMagic));
    header.rows = m.rows;
    header.cols = m.cols;
    header.dtype = m.dtype;
    header.format = m.format;
    header.nnz = m.nnz;
    OutputFile file;
    if (file.open(path.c_str()) != LAURYN_OK)
      return false;
    file.write(&header, sizeof(header));
    if (m.format == LAURYN_FORMAT_CSR) {
      file.write(m.positions, size_t(m.rows + 1) * sizeof(int64_t));
      file.write(m.coordinates, size_t(m.nnz) * sizeof(int64_t));
    }
    file.write(m.values, size_t(m.nnz) * dtypeSize(m.dtype));
    if (file.commit() != LAURYN_OK)
      return false;
    counters.bytes -= e.bytes;
    e.value.reset();
    e.spillPath = path;
    ++counters.spills;
    counters.spilled_bytes += e.bytes;
    return true;
  }

  /// Reads a spilled entry back into memory (making room first).
  bool restore(Entry &e) {
    std::FILE *f = std::fopen(e.spillPath.c_str(), "rb");
    if (!f)
      return false;
    SpillHeader h;
    lauryn_matrix *m = nullptr;
    bool ok = std::fread(&h, sizeof(h), 1, f) == 1 &&
              std::memcmp(h.magic, kSpillMagic, sizeof(kSpillMagic)) == 0;
    Limits limits{effectiveMaxBytes(0)};
    ok = ok && (h.format == LAURYN_FORMAT_CSR
                    ? createCsr(h.rows, h.cols, h.nnz, h.dtype, limits, "spill", &m)
                    : createDense(h.rows, h.cols, h.dtype, limits, "spill", &m)) == LAURYN_OK;
    if (ok && h.format == LAURYN_FORMAT_CSR)
      ok = std::fread(m->positions, sizeof(int64_t), size_t(h.rows + 1), f) == size_t(h.rows + 1) &&
           std::fread(m->coordinates, sizeof(int64_t), size_t(h.nnz), f) == size_t(h.nnz);
    ok = ok && std::fread(m->values, dtypeSize(h.dtype), size_t(m->nnz), f) == size_t(m->nnz) &&
         validateMatrix(m, "spill") == LAURYN_OK;
    std::fclose(f);
    if (!ok) {
      lauryn_rt_matrix_free(m);
      clearError(); // a failed restore is a miss, not an error
      return false;
    }
    unlink(e.spillPath.c_str());
    e.spillPath.clear();
    counters.spilled_bytes -= e.bytes;
    makeRoom(e.bytes);
    e.value = own(m);
    counters.bytes += e.bytes;
    counters.peak_bytes = std::max(counters.peak_bytes, counters.bytes);
    ++counters.restores;
    return true;
  }

  std::mutex mutex;
  std::unordered_map<uint64_t, Entry> entries;
  lauryn_cache_stats counters{};
  int64_t budget = 0;
  int32_t policy = LAURYN_CACHE_COST_SIZE;
  std::string spillDir;
  double readBytesPerSecond = 0, writeBytesPerSecond = 0;
  uint64_t clock = 0;
};

LineageCache &cache() {
  static LineageCache instance;
  return instance;
}

} // namespace
} // namespace lauryn::rt

using namespace lauryn::rt;

extern "C" {

void lauryn_rt_cache_options_init(lauryn_cache_options *opts) {
  if (opts)
    *opts = lauryn_cache_options{0, LAURYN_CACHE_COST_SIZE, 0, nullptr, 0, 0};
}

int lauryn_rt_cache_configure(const lauryn_cache_options *opts) {
  clearError();
  return cache().configure(opts);
}

void lauryn_rt_cache_clear(void) { cache().clear(); }

void lauryn_rt_cache_reset_stats(void) { cache().resetStats(); }

void lauryn_rt_cache_get_stats(lauryn_cache_stats *out) {
  if (out)
    *out = cache().stats();
}

int lauryn_rt_cache_put(uint64_t key, const lauryn_matrix *value, double compute_seconds,
                        int32_t height) {
  clearError();
  if (int status = validateMatrix(value, "lauryn_rt_cache_put"); status != LAURYN_OK)
    return status;
  return cache().put(key, *value, compute_seconds, height);
}

int lauryn_rt_cache_get(uint64_t key, lauryn_matrix **out) {
  clearError();
  if (!out)
    return fail(LAURYN_ERR_INVALID_ARGUMENT, "lauryn_rt_cache_get: out is NULL");
  *out = nullptr;
  SharedMatrix value = cache().find(key, [](int64_t, int64_t, int32_t, int32_t) { return true; });
  return value ? copyMatrix(*value, "lauryn_rt_cache_get", out) : LAURYN_OK;
}

} // extern "C"

namespace lauryn::rt {

SharedMatrix acquireCached(uint64_t key, int64_t rows, int64_t cols, int dtype, int format) {
  return cache().find(key, [&](int64_t r, int64_t c, int32_t t, int32_t f) {
    return (rows < 0 || r == rows) && (cols < 0 || c == cols) && t == dtype && f == format;
  });
}

} // namespace lauryn::rt
