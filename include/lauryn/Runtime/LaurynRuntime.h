/*===- LaurynRuntime.h - Lauryn runtime I/O library (C ABI) --------*- C -*-===*
 *
 * liblauryn_rt: reading and writing matrices (Matrix Market, CSV, NumPy .npy)
 * into buffers that compiled Lauryn code can use directly as MLIR memrefs
 * (dense) or as sparse_tensor CSR storage. Usable from C and C++; the library
 * links neither MLIR nor LLVM. See docs/runtime.md for the full contract.
 *
 * Calling convention
 * ------------------
 *  - Every fallible function returns an `int` status: LAURYN_OK (0) on
 *    success, one of the non-zero `lauryn_status` codes on failure.
 *  - On failure a message naming the file, the line (for text formats) and the
 *    problem is available from lauryn_rt_last_error() (thread-local, valid
 *    until the next library call on the same thread), e.g.
 *      "data.mtx:12: column index 0 out of range [1, 5]".
 *    On success the message is the empty string.
 *  - Output matrices are returned through `lauryn_matrix **out`. On failure
 *    `*out` is set to NULL and nothing is leaked; on success the caller owns
 *    `*out` and releases it (struct and all buffers) with
 *    lauryn_rt_matrix_free().
 *  - Option structs may be NULL (defaults). A zero-initialised option struct
 *    means "all defaults"; lauryn_rt_*_options_init() produce the same.
 *  - Writers never leave a partial file: they write a temporary file in the
 *    destination directory and rename it over `path` only on success.
 *  - All functions are thread-safe for distinct matrices/paths; no global
 *    state other than the thread-local error message. Number parsing and
 *    printing are locale independent.
 *
 *===----------------------------------------------------------------------===*/

#ifndef LAURYN_RUNTIME_LAURYNRUNTIME_H
#define LAURYN_RUNTIME_LAURYNRUNTIME_H

#include <stddef.h>
#include <stdint.h>

#if defined(_WIN32)
#define LAURYN_RT_API
#else
#define LAURYN_RT_API __attribute__((visibility("default")))
#endif

#ifdef __cplusplus
extern "C" {
#endif

#define LAURYN_RT_VERSION_MAJOR 0
#define LAURYN_RT_VERSION_MINOR 1

/* Alignment in bytes of every buffer the library allocates. */
#define LAURYN_RT_ALIGNMENT 64

/*---------------------------------------------------------------- enums ---*/

/* Status codes returned by every fallible function. */
typedef enum lauryn_status {
  LAURYN_OK = 0,
  LAURYN_ERR_INVALID_ARGUMENT = 1, /* NULL pointer, bad enum, invalid matrix */
  LAURYN_ERR_IO = 2,          /* cannot open / read / write / rename a file */
  LAURYN_ERR_PARSE = 3,       /* malformed or truncated file content */
  LAURYN_ERR_UNSUPPORTED = 4, /* well-formed but unsupported (complex, >2-D,
                                 big-endian, ...) */
  LAURYN_ERR_RANGE = 5,       /* value or index not representable / in range */
  LAURYN_ERR_TOO_LARGE = 6,   /* size overflow or above the allocation cap */
  LAURYN_ERR_NO_MEMORY = 7    /* an allocation failed */
} lauryn_status;

/* Element types. The values are part of the ABI. */
typedef enum lauryn_dtype {
  LAURYN_F64 = 0, /* double  */
  LAURYN_F32 = 1, /* float   */
  LAURYN_I64 = 2, /* int64_t */
  LAURYN_I32 = 3  /* int32_t */
} lauryn_dtype;

/* Storage formats. LAURYN_FORMAT_AUTO is only meaningful in options
 * ("the file's natural format" for readers, "keep" for conversions). */
typedef enum lauryn_format {
  LAURYN_FORMAT_AUTO = 0,
  LAURYN_FORMAT_DENSE = 1, /* row-major values[rows * cols] */
  LAURYN_FORMAT_CSR = 2    /* positions[rows+1], coordinates[nnz], values[nnz] */
} lauryn_format;

/* CSV header row handling. */
typedef enum lauryn_csv_header {
  LAURYN_CSV_HEADER_AUTO = 0,   /* read: header iff the first row has a
                                   non-numeric cell; write: no header */
  LAURYN_CSV_HEADER_ABSENT = 1, /* no header row */
  LAURYN_CSV_HEADER_PRESENT = 2 /* read: skip the first row; write: V1..Vn */
} lauryn_csv_header;

/* What an empty CSV cell means. */
typedef enum lauryn_csv_empty {
  LAURYN_CSV_EMPTY_ERROR = 0, /* an empty cell is an error (default) */
  LAURYN_CSV_EMPTY_NAN = 1    /* an empty cell is NaN (float targets only) */
} lauryn_csv_empty;

/*--------------------------------------------------------------- matrix ---*/

/* A matrix owned by the library (when created by it). Layout (x86-64/LP64,
 * 56 bytes, no padding):
 *   offset  0  int64_t  rows
 *   offset  8  int64_t  cols
 *   offset 16  int32_t  dtype        (lauryn_dtype)
 *   offset 20  int32_t  format       (LAURYN_FORMAT_DENSE or _CSR)
 *   offset 24  int64_t  nnz          (number of elements in `values`)
 *   offset 32  void*    values
 *   offset 40  int64_t* positions    (CSR only, else NULL)
 *   offset 48  int64_t* coordinates  (CSR only, else NULL)
 *
 * DENSE: values holds rows*cols elements in row-major order; nnz = rows*cols.
 *   As an MLIR memref<?x?xT>: allocated = aligned = values, offset 0,
 *   sizes {rows, cols}, strides {cols, 1}.
 * CSR: positions[rows+1] (positions[0] = 0, non-decreasing,
 *   positions[rows] = nnz), coordinates[nnz] 0-based column indices, strictly
 *   increasing within each row (sorted, no duplicates), values[nnz]. This is
 *   the storage of a sparse_tensor with encoding
 *   #sparse_tensor.encoding<{map = (i, j) -> (i : dense, j : compressed)}>
 *   and the default (index = 64-bit) position/coordinate widths.
 *   Explicitly stored zeros are kept (they are structural entries).
 * Library-allocated buffers are 64-byte aligned and never NULL (an empty
 * buffer is a valid 64-byte allocation). */
typedef struct lauryn_matrix {
  int64_t rows;
  int64_t cols;
  int32_t dtype;
  int32_t format;
  int64_t nnz;
  void *values;
  int64_t *positions;
  int64_t *coordinates;
} lauryn_matrix;

/*-------------------------------------------------------------- options ---*/

typedef struct lauryn_read_options {
  int32_t format;     /* lauryn_format; AUTO: coordinate .mtx -> CSR,
                         everything else -> DENSE */
  int32_t dtype;      /* lauryn_dtype of the result; default F64 */
  int32_t csv_header; /* lauryn_csv_header; default AUTO */
  int32_t csv_empty;  /* lauryn_csv_empty; default ERROR */
  char csv_delimiter; /* 0 -> ',' ('\t' for a .tsv file via lauryn_rt_read) */
  char reserved[7];   /* must be zero */
  int64_t max_bytes;  /* cap on any single buffer the reader allocates;
                         0 -> default (half the physical memory, >= 256 MiB) */
} lauryn_read_options;

typedef struct lauryn_write_options {
  int32_t csv_header; /* PRESENT: write a header row V1,...,Vn; else none */
  char csv_delimiter; /* 0 -> ',' ('\t' for a .tsv file via lauryn_rt_write) */
  char reserved[3];   /* must be zero */
} lauryn_write_options;

/*---------------------------------------------------------- diagnostics ---*/

/* "0.1.0" */
LAURYN_RT_API const char *lauryn_rt_version(void);
/* Message of the last failed call on this thread ("" after a success).
 * Never NULL. Valid until the next library call on this thread. */
LAURYN_RT_API const char *lauryn_rt_last_error(void);
LAURYN_RT_API void lauryn_rt_clear_error(void);
/* "LAURYN_OK", "LAURYN_ERR_PARSE", ...; "unknown status" otherwise. */
LAURYN_RT_API const char *lauryn_rt_status_name(int status);
/* Size in bytes of one element (8, 4, 8, 4); 0 for an invalid dtype. */
LAURYN_RT_API size_t lauryn_rt_dtype_size(int dtype);
/* "f64", "f32", "i64", "i32"; "invalid" otherwise. */
LAURYN_RT_API const char *lauryn_rt_dtype_name(int dtype);

/*-------------------------------------------------------------- matrices ---*/

/* A zero-filled rows x cols dense matrix. */
LAURYN_RT_API int lauryn_rt_matrix_create_dense(int64_t rows, int64_t cols,
                                                int dtype, lauryn_matrix **out);
/* A CSR matrix with room for nnz entries; positions, coordinates and values
 * are zero-filled (the caller fills them; validate before use). */
LAURYN_RT_API int lauryn_rt_matrix_create_csr(int64_t rows, int64_t cols,
                                              int64_t nnz, int dtype,
                                              lauryn_matrix **out);
/* A dense rows x cols matrix around `values` (row-major), which the matrix
 * takes over: it must come from malloc/aligned_alloc (lauryn_rt_matrix_free
 * frees it). Used for results of compiled code, without a copy. */
LAURYN_RT_API int lauryn_rt_matrix_adopt_dense(int64_t rows, int64_t cols, int dtype,
                                               void *values, lauryn_matrix **out);
/* Frees a buffer that compiled code allocated (the allocation of a result
 * an entry point returns). Large buffers go back to the library's pool of
 * recycled buffers, so use this instead of free(). NULL is a no-op. */
LAURYN_RT_API void lauryn_rt_buffer_free(void *buffer);
/* Frees a matrix created by this library (struct and buffers). NULL is a
 * no-op. Never call it on a caller-built struct. */
LAURYN_RT_API void lauryn_rt_matrix_free(lauryn_matrix *m);
/* Checks every invariant listed above (sizes, enums, non-NULL buffers, CSR
 * positions and sorted, unique, in-range coordinates). */
LAURYN_RT_API int lauryn_rt_matrix_validate(const lauryn_matrix *m);
/* A new matrix with the given format (AUTO: same as src) and dtype.
 * DENSE -> CSR drops cells equal to zero (NaN is kept). Element conversion:
 * float -> int requires a finite integral value in range; int -> narrower int
 * requires the value in range; f64 -> f32 rounds to nearest but rejects
 * finite values beyond the f32 range; otherwise LAURYN_ERR_RANGE. */
LAURYN_RT_API int lauryn_rt_matrix_convert(const lauryn_matrix *src,
                                           int format, int dtype,
                                           lauryn_matrix **out);
/* Element (i, j) (0-based) converted to double (0 if not stored). */
LAURYN_RT_API int lauryn_rt_matrix_get(const lauryn_matrix *m, int64_t i,
                                       int64_t j, double *value);

LAURYN_RT_API void lauryn_rt_read_options_init(lauryn_read_options *opts);
LAURYN_RT_API void lauryn_rt_write_options_init(lauryn_write_options *opts);

/*--------------------------------------------------------------- readers ---*/

/* Matrix Market (.mtx): coordinate or array; real, integer or pattern;
 * general, symmetric or skew-symmetric (expanded to both triangles).
 * Duplicate coordinate entries are summed (pattern: merged). */
LAURYN_RT_API int lauryn_rt_read_matrix_market(const char *path,
                                               const lauryn_read_options *opts,
                                               lauryn_matrix **out);
/* CSV: one matrix row per line, opts->csv_delimiter separated. */
LAURYN_RT_API int lauryn_rt_read_csv(const char *path,
                                     const lauryn_read_options *opts,
                                     lauryn_matrix **out);
/* NumPy .npy v1.0/2.0/3.0; dtypes <f8 <f4 <i8 <i4 (also '=' byte order) and
 * |b1 |i1 |u1; C or Fortran order; 1-D (n -> n x 1) or 2-D. */
LAURYN_RT_API int lauryn_rt_read_npy(const char *path,
                                     const lauryn_read_options *opts,
                                     lauryn_matrix **out);
/* Dispatches on the extension (case-insensitive): .mtx .mm -> Matrix Market,
 * .csv .tsv -> CSV, .npy -> NumPy. */
LAURYN_RT_API int lauryn_rt_read(const char *path,
                                 const lauryn_read_options *opts,
                                 lauryn_matrix **out);

/*--------------------------------------------------------------- writers ---*/

/* CSR -> "coordinate real|integer general"; DENSE -> "array real|integer
 * general" (column-major, per the format). */
LAURYN_RT_API int lauryn_rt_write_matrix_market(const char *path,
                                                const lauryn_matrix *m,
                                                const lauryn_write_options *opts);
/* Every cell of every row (CSR is densified on the fly). */
LAURYN_RT_API int lauryn_rt_write_csv(const char *path, const lauryn_matrix *m,
                                      const lauryn_write_options *opts);
/* .npy v1.0, C order, shape (rows, cols), dtype <f8 <f4 <i8 <i4. */
LAURYN_RT_API int lauryn_rt_write_npy(const char *path, const lauryn_matrix *m,
                                      const lauryn_write_options *opts);
/* Dispatches on the extension like lauryn_rt_read. */
LAURYN_RT_API int lauryn_rt_write(const char *path, const lauryn_matrix *m,
                                  const lauryn_write_options *opts);

/*--------------------------------------------------------- generated code ---*/

/* A fresh random seed (operating-system entropy); called by compiled code for
 * every la.rand without a seed attribute. */
LAURYN_RT_API int64_t lauryn_rt_random_seed(void);

/* Threads of the dense matrix products (OpenBLAS) of compiled code; the
 * parallel loops of generated code take theirs from OpenMP. */
LAURYN_RT_API void lauryn_rt_blas_set_threads(int threads);

/* OpenMP's thread count (omp_get_max_threads of the libomp loaded in the
 * process), 1 without OpenMP; generated code sizes per-thread work by it. */
LAURYN_RT_API int64_t lauryn_rt_max_threads(void);

/*----------------------------------------------------------- lineage ---*/

/* Lineage hashes (docs/reuse.md): 64-bit XXH3 (Debian libxxhash). A value's
 * lineage hash combines its op's compile-time lineage ID with the hashes of
 * the program inputs and run-time scalars it derives from. */
LAURYN_RT_API uint64_t lauryn_rt_hash_bytes(const void *data, size_t size, uint64_t seed);
/* Order-dependent combination of two hashes. */
LAURYN_RT_API uint64_t lauryn_rt_hash_combine(uint64_t a, uint64_t b);
/* Content identity of a matrix: shape, dtype, format and every stored byte
 * (a CSR matrix's positions, coordinates and values). 0 for NULL. */
LAURYN_RT_API uint64_t lauryn_rt_matrix_hash(const lauryn_matrix *m);
/* File identity: the canonical path, size and modification time (ns), which
 * is cheaper than a content hash and changes whenever the file is written. */
LAURYN_RT_API int lauryn_rt_file_identity(const char *path, uint64_t *out);

/*----------------------------------------------------- lineage cache ---*/

/* The lineage cache (LIMA-style reuse, docs/reuse.md): one per process,
 * thread-safe, keyed by lineage hash. It keeps copies: put copies the value
 * in, get copies it out into a new matrix, so cached values never alias
 * buffers of compiled code. Values larger than the budget are not cached;
 * when the budget is full, the entries with the lowest score go first. */
typedef enum lauryn_cache_policy {
  /* compute time x (1 + hits) / bytes, then least recently used (default):
   * cheap-to-recompute, large, unused values go first */
  LAURYN_CACHE_COST_SIZE = 0,
  LAURYN_CACHE_LRU = 1,       /* least recently used first */
  LAURYN_CACHE_DAG_HEIGHT = 2 /* highest lineage DAG first, then LRU */
} lauryn_cache_policy;

typedef struct lauryn_cache_options {
  int64_t budget_bytes; /* 0 -> 5 % of the physical memory */
  int32_t policy;       /* lauryn_cache_policy */
  int32_t spill;        /* non-zero: an evicted value whose compute time
                           exceeds the time to write and read it back goes
                           to a file in spill_dir instead of being dropped */
  const char *spill_dir; /* NULL -> $TMPDIR, else /tmp (a private directory
                            is created inside; copied at configure) */
  double disk_read_mb_s;  /* 0 -> 500 (MB/s, for the spill decision) */
  double disk_write_mb_s; /* 0 -> 450 */
} lauryn_cache_options;

typedef struct lauryn_cache_stats {
  int64_t hits;      /* get found the value (in memory or spilled) */
  int64_t misses;    /* get did not */
  int64_t puts;      /* values stored */
  int64_t rejected;  /* puts of values larger than the budget */
  int64_t evictions; /* values dropped or spilled to make room */
  int64_t spills;    /* evictions written to disk */
  int64_t restores;  /* hits read back from disk */
  int64_t entries;   /* values cached now (in memory or spilled) */
  int64_t bytes;     /* bytes in memory now */
  int64_t peak_bytes;
  int64_t spilled_bytes; /* bytes on disk now */
  double saved_seconds;  /* compute time of the values served by hits */
} lauryn_cache_stats;

LAURYN_RT_API void lauryn_rt_cache_options_init(lauryn_cache_options *opts);
/* Empties the cache, resets its statistics and applies `opts` (NULL:
 * defaults). Fails (and keeps the old settings) on a negative budget, an
 * unknown policy or a spill directory that cannot be created. */
LAURYN_RT_API int lauryn_rt_cache_configure(const lauryn_cache_options *opts);
/* Drops every value (and spill file); the statistics stay. */
LAURYN_RT_API void lauryn_rt_cache_clear(void);
LAURYN_RT_API void lauryn_rt_cache_get_stats(lauryn_cache_stats *out);
/* Zeroes the counters (hits, misses, ..., saved time); the gauges of what is
 * cached now (entries, bytes, spilled bytes) stay, the peak restarts. */
LAURYN_RT_API void lauryn_rt_cache_reset_stats(void);
/* Stores a copy of `value` under `key` (replacing a value of that key);
 * `compute_seconds` is what recomputing it would cost, `height` its lineage
 * DAG height. A value larger than the budget is not stored (LAURYN_OK: the
 * cache is best effort). */
LAURYN_RT_API int lauryn_rt_cache_put(uint64_t key, const lauryn_matrix *value,
                                      double compute_seconds, int32_t height);
/* A hit sets *out to a new copy (the caller frees it with
 * lauryn_rt_matrix_free); a miss sets *out to NULL. Both return LAURYN_OK; a
 * spilled value that cannot be read back is dropped and counts as a miss. */
LAURYN_RT_API int lauryn_rt_cache_get(uint64_t key, lauryn_matrix **out);

/* Input identities of compiled code (la.identity, docs/reuse.md): an input
 * matrix hashes by content unless the host registered an identity of its own
 * for its buffer (e.g. lauryn_rt_file_identity of the file it was read from),
 * which is then used without reading the data. The host unregisters the
 * matrix before it changes it; lauryn_rt_matrix_free unregisters it. */
LAURYN_RT_API int lauryn_rt_reuse_register_input(const lauryn_matrix *m, uint64_t identity);
LAURYN_RT_API void lauryn_rt_reuse_unregister_input(const lauryn_matrix *m);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* LAURYN_RUNTIME_LAURYNRUNTIME_H */
