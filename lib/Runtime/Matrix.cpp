//===- Matrix.cpp - matrix allocation, release and validation -------------===//

#include "Errors.h"
#include "MatrixInternal.h"

#include <cinttypes>
#include <cstdlib>

namespace lauryn::rt {

bool isValidDtype(int dtype) {
  return dtype == LAURYN_F64 || dtype == LAURYN_F32 || dtype == LAURYN_I64 ||
         dtype == LAURYN_I32;
}

size_t dtypeSize(int dtype) {
  switch (dtype) {
  case LAURYN_F64:
  case LAURYN_I64:
    return 8;
  case LAURYN_F32:
  case LAURYN_I32:
    return 4;
  default:
    return 0;
  }
}

const char *dtypeName(int dtype) {
  switch (dtype) {
  case LAURYN_F64:
    return "f64";
  case LAURYN_F32:
    return "f32";
  case LAURYN_I64:
    return "i64";
  case LAURYN_I32:
    return "i32";
  default:
    return "invalid";
  }
}

double elementAsDouble(const void *values, int dtype, int64_t i) {
  return withDtype(dtype, [&](auto t) {
    using T = decltype(t);
    return static_cast<double>(static_cast<const T *>(values)[i]);
  });
}

namespace {

lauryn_matrix *newStruct() {
  auto *m = static_cast<lauryn_matrix *>(std::calloc(1, sizeof(lauryn_matrix)));
  return m;
}

int noMemory(const char *path, const char *what, size_t bytes) {
  return failAt(LAURYN_ERR_NO_MEMORY, path, 0,
                "out of memory allocating %zu bytes for %s", bytes, what);
}

} // namespace

int checkDenseSize(int64_t rows, int64_t cols, int dtype,
                   const Limits &limits, const char *path, size_t *bytes) {
  int64_t cells;
  if (__builtin_mul_overflow(rows, cols, &cells))
    return failAt(LAURYN_ERR_TOO_LARGE, path, 0,
                  "matrix size %" PRId64 " x %" PRId64
                  " overflows a 64-bit element count",
                  rows, cols);
  return checkBytes(static_cast<uint64_t>(cells), dtypeSize(dtype), limits,
                    path, "dense matrix values", bytes);
}

int createDense(int64_t rows, int64_t cols, int dtype, const Limits &limits,
                const char *path, lauryn_matrix **out, bool zeroed) {
  *out = nullptr;
  if (rows < 0 || cols < 0)
    return failAt(LAURYN_ERR_INVALID_ARGUMENT, path, 0,
                  "negative matrix size %" PRId64 " x %" PRId64, rows, cols);
  if (!isValidDtype(dtype))
    return failAt(LAURYN_ERR_INVALID_ARGUMENT, path, 0, "invalid dtype %d",
                  dtype);
  size_t bytes;
  if (int s = checkDenseSize(rows, cols, dtype, limits, path, &bytes))
    return s;
  int64_t cells = rows * cols;
  Buffer<unsigned char> values;
  if (!values.allocate(bytes, zeroed))
    return noMemory(path, "dense matrix values", bytes);
  lauryn_matrix *m = newStruct();
  if (!m)
    return noMemory(path, "a matrix", sizeof(lauryn_matrix));
  m->rows = rows;
  m->cols = cols;
  m->dtype = dtype;
  m->format = LAURYN_FORMAT_DENSE;
  m->nnz = cells;
  m->values = values.release();
  *out = m;
  return LAURYN_OK;
}

int adoptDense(int64_t rows, int64_t cols, int dtype, void *values,
               lauryn_matrix **out) {
  *out = nullptr;
  lauryn_matrix *m = newStruct();
  if (!m) {
    alignedFree(values);
    return noMemory("(runtime)", "a matrix", sizeof(lauryn_matrix));
  }
  m->rows = rows;
  m->cols = cols;
  m->dtype = dtype;
  m->format = LAURYN_FORMAT_DENSE;
  m->nnz = rows * cols;
  m->values = values;
  *out = m;
  return LAURYN_OK;
}

int createCsr(int64_t rows, int64_t cols, int64_t nnz, int dtype,
              const Limits &limits, const char *path, lauryn_matrix **out) {
  *out = nullptr;
  if (rows < 0 || cols < 0 || nnz < 0)
    return failAt(LAURYN_ERR_INVALID_ARGUMENT, path, 0,
                  "negative CSR size %" PRId64 " x %" PRId64 " with %" PRId64
                  " entries",
                  rows, cols, nnz);
  if (!isValidDtype(dtype))
    return failAt(LAURYN_ERR_INVALID_ARGUMENT, path, 0, "invalid dtype %d",
                  dtype);
  if (rows == INT64_MAX)
    return failAt(LAURYN_ERR_TOO_LARGE, path, 0,
                  "CSR row positions: %" PRId64 " rows overflow", rows);
  size_t posBytes, crdBytes, valBytes;
  if (int s = checkBytes(static_cast<uint64_t>(rows) + 1, sizeof(int64_t),
                         limits, path, "CSR row positions", &posBytes))
    return s;
  if (int s = checkBytes(static_cast<uint64_t>(nnz), sizeof(int64_t), limits,
                         path, "CSR column coordinates", &crdBytes))
    return s;
  if (int s = checkBytes(static_cast<uint64_t>(nnz), dtypeSize(dtype), limits,
                         path, "CSR values", &valBytes))
    return s;
  Buffer<int64_t> pos, crd;
  Buffer<unsigned char> val;
  if (!pos.allocate(static_cast<size_t>(rows) + 1))
    return noMemory(path, "CSR row positions", posBytes);
  if (!crd.allocate(static_cast<size_t>(nnz)))
    return noMemory(path, "CSR column coordinates", crdBytes);
  if (!val.allocate(valBytes))
    return noMemory(path, "CSR values", valBytes);
  lauryn_matrix *m = newStruct();
  if (!m)
    return noMemory(path, "a matrix", sizeof(lauryn_matrix));
  m->rows = rows;
  m->cols = cols;
  m->dtype = dtype;
  m->format = LAURYN_FORMAT_CSR;
  m->nnz = nnz;
  m->values = val.release();
  m->positions = pos.release();
  m->coordinates = crd.release();
  *out = m;
  return LAURYN_OK;
}

int validateMatrix(const lauryn_matrix *m, const char *ctx) {
// The format is a string literal, so "invalid matrix: " concatenates with it.
#define bad(...)                                                               \
  failAt(LAURYN_ERR_INVALID_ARGUMENT, ctx, 0, "invalid matrix: " __VA_ARGS__)
  if (!m)
    return bad("NULL matrix");
  if (!isValidDtype(m->dtype))
    return bad("dtype %d is not a lauryn_dtype", m->dtype);
  if (m->rows < 0 || m->cols < 0)
    return bad("negative size %" PRId64 " x %" PRId64, m->rows, m->cols);
  if (m->format == LAURYN_FORMAT_DENSE) {
    int64_t cells;
    if (__builtin_mul_overflow(m->rows, m->cols, &cells))
      return bad("size %" PRId64 " x %" PRId64 " overflows", m->rows, m->cols);
    if (m->nnz != cells)
      return bad("dense nnz %" PRId64 " differs from rows*cols = %" PRId64,
                 m->nnz, cells);
    if (cells > 0 && !m->values)
      return bad("dense values buffer is NULL");
    return LAURYN_OK;
  }
  if (m->format != LAURYN_FORMAT_CSR)
    return bad("format %d is neither DENSE nor CSR", m->format);
  if (m->nnz < 0)
    return bad("negative nnz %" PRId64, m->nnz);
  if (!m->positions)
    return bad("CSR positions buffer is NULL");
  if (m->nnz > 0 && (!m->coordinates || !m->values))
    return bad("CSR coordinates or values buffer is NULL");
  if (m->positions[0] != 0)
    return bad("CSR positions[0] is %" PRId64 ", not 0", m->positions[0]);
  for (int64_t i = 0; i < m->rows; ++i) {
    int64_t b = m->positions[i], e = m->positions[i + 1];
    if (e < b || e > m->nnz)
      return bad("CSR positions[%" PRId64 "] = %" PRId64
                 " is out of order or beyond nnz %" PRId64,
                 i + 1, e, m->nnz);
    for (int64_t k = b; k < e; ++k) {
      int64_t c = m->coordinates[k];
      if (c < 0 || c >= m->cols)
        return bad("CSR column coordinate %" PRId64 " in row %" PRId64
                   " out of range [0, %" PRId64 ")",
                   c, i, m->cols);
      if (k > b && c <= m->coordinates[k - 1])
        return bad("CSR columns of row %" PRId64
                   " are not strictly increasing (%" PRId64 " after %" PRId64
                   ")",
                   i, c, m->coordinates[k - 1]);
    }
  }
  if (m->positions[m->rows] != m->nnz)
    return bad("CSR positions[rows] = %" PRId64 " differs from nnz %" PRId64,
               m->positions[m->rows], m->nnz);
#undef bad
  return LAURYN_OK;
}

} // namespace lauryn::rt

using namespace lauryn::rt;

extern "C" {

size_t lauryn_rt_dtype_size(int dtype) { return dtypeSize(dtype); }

const char *lauryn_rt_dtype_name(int dtype) { return dtypeName(dtype); }

int lauryn_rt_matrix_create_dense(int64_t rows, int64_t cols, int dtype,
                                  lauryn_matrix **out) {
  clearError();
  if (!out)
    return fail(LAURYN_ERR_INVALID_ARGUMENT,
                "lauryn_rt_matrix_create_dense: out is NULL");
  return createDense(rows, cols, dtype, Limits{effectiveMaxBytes(0)},
                     "lauryn_rt_matrix_create_dense", out);
}

int lauryn_rt_matrix_create_csr(int64_t rows, int64_t cols, int64_t nnz,
                                int dtype, lauryn_matrix **out) {
  clearError();
  if (!out)
    return fail(LAURYN_ERR_INVALID_ARGUMENT,
                "lauryn_rt_matrix_create_csr: out is NULL");
  return createCsr(rows, cols, nnz, dtype, Limits{effectiveMaxBytes(0)},
                   "lauryn_rt_matrix_create_csr", out);
}

int lauryn_rt_matrix_adopt_dense(int64_t rows, int64_t cols, int dtype, void *values,
                                 lauryn_matrix **out) {
  clearError();
  if (!out || !values)
    return fail(LAURYN_ERR_INVALID_ARGUMENT, "lauryn_rt_matrix_adopt_dense: NULL argument");
  *out = nullptr;
  if (!isValidDtype(dtype))
    return fail(LAURYN_ERR_INVALID_ARGUMENT, "lauryn_rt_matrix_adopt_dense: invalid dtype %d",
                dtype);
  int64_t cells;
  if (rows < 0 || cols < 0 || __builtin_mul_overflow(rows, cols, &cells))
    return fail(LAURYN_ERR_INVALID_ARGUMENT,
                "lauryn_rt_matrix_adopt_dense: invalid shape %" PRId64 " x %" PRId64, rows, cols);
  auto *m = static_cast<lauryn_matrix *>(std::calloc(1, sizeof(lauryn_matrix)));
  if (!m)
    return fail(LAURYN_ERR_NO_MEMORY, "lauryn_rt_matrix_adopt_dense: out of memory");
  m->rows = rows;
  m->cols = cols;
  m->dtype = dtype;
  m->format = LAURYN_FORMAT_DENSE;
  m->nnz = cells;
  m->values = values;
  *out = m;
  return LAURYN_OK;
}

void lauryn_rt_matrix_free(lauryn_matrix *m) {
  if (!m)
    return;
  // A registered input identity must not outlive its buffer: a later
  // allocation at the same address would take it over.
  forgetInputIdentity(m->values);
  alignedFree(m->values);
  alignedFree(m->positions);
  alignedFree(m->coordinates);
  std::free(m);
}

int lauryn_rt_matrix_validate(const lauryn_matrix *m) {
  clearError();
  return validateMatrix(m, "lauryn_rt_matrix_validate");
}

int lauryn_rt_matrix_get(const lauryn_matrix *m, int64_t i, int64_t j,
                         double *value) {
  clearError();
  if (!m || !value)
    return fail(LAURYN_ERR_INVALID_ARGUMENT,
                "lauryn_rt_matrix_get: NULL argument");
  if (i < 0 || i >= m->rows || j < 0 || j >= m->cols)
    return fail(LAURYN_ERR_RANGE,
                "lauryn_rt_matrix_get: (%" PRId64 ", %" PRId64
                ") outside the %" PRId64 " x %" PRId64 " matrix",
                i, j, m->rows, m->cols);
  if (m->format == LAURYN_FORMAT_DENSE) {
    *value = elementAsDouble(m->values, m->dtype, i * m->cols + j);
    return LAURYN_OK;
  }
  *value = 0.0;
  int64_t lo = m->positions[i], hi = m->positions[i + 1];
  while (lo < hi) { // binary search in the sorted row
    int64_t mid = lo + (hi - lo) / 2;
    if (m->coordinates[mid] < j)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo < m->positions[i + 1] && m->coordinates[lo] == j)
    *value = elementAsDouble(m->values, m->dtype, lo);
  return LAURYN_OK;
}

} // extern "C"
