//===- Convert.cpp - format (dense <-> CSR) and element type conversion ---===//

#include "Errors.h"
#include "MatrixInternal.h"

#include <cinttypes>
#include <cstring>

namespace lauryn::rt {
namespace {

int notRepresentable(const char *ctx, int64_t i, int64_t j, double v,
                     int dtype) {
  return failAt(LAURYN_ERR_RANGE, ctx, 0,
                "element (%" PRId64 ", %" PRId64
                ") with value %.17g is not representable as %s",
                i, j, v, dtypeName(dtype));
}

template <typename Src, typename Dst>
int convertTyped(const lauryn_matrix *src, int format, const Limits &limits,
                 const char *ctx, lauryn_matrix **out) {
  const int dstType = DtypeOf<Dst>::value;
  const Src *sv = static_cast<const Src *>(src->values);
  MatrixPtr res;
  if (src->format == LAURYN_FORMAT_DENSE && format == LAURYN_FORMAT_DENSE) {
    if (int s = createDense(src->rows, src->cols, dstType, limits, ctx,
                            res.addr()))
      return s;
    Dst *dv = static_cast<Dst *>(res->values);
    for (int64_t k = 0; k < src->nnz; ++k)
      if (!convertElement(sv[k], &dv[k]))
        return notRepresentable(ctx, k / src->cols, k % src->cols, sv[k],
                                dstType);
  } else if (src->format == LAURYN_FORMAT_CSR && format == LAURYN_FORMAT_CSR) {
    if (int s = createCsr(src->rows, src->cols, src->nnz, dstType, limits, ctx,
                          res.addr()))
      return s;
    std::memcpy(res->positions, src->positions,
                static_cast<size_t>(src->rows + 1) * sizeof(int64_t));
    if (src->nnz)
      std::memcpy(res->coordinates, src->coordinates,
                  static_cast<size_t>(src->nnz) * sizeof(int64_t));
    Dst *dv = static_cast<Dst *>(res->values);
    for (int64_t i = 0; i < src->rows; ++i)
      for (int64_t k = src->positions[i]; k < src->positions[i + 1]; ++k)
        if (!convertElement(sv[k], &dv[k]))
          return notRepresentable(ctx, i, src->coordinates[k], sv[k], dstType);
  } else if (src->format == LAURYN_FORMAT_DENSE) { // dense -> CSR
    int64_t nnz = 0;
    for (int64_t k = 0; k < src->nnz; ++k)
      nnz += !(sv[k] == Src(0)); // NaN != 0, so NaN is kept
    if (int s = createCsr(src->rows, src->cols, nnz, dstType, limits, ctx,
                          res.addr()))
      return s;
    Dst *dv = static_cast<Dst *>(res->values);
    int64_t n = 0;
    for (int64_t i = 0; i < src->rows; ++i) {
      const Src *row = sv + i * src->cols;
      for (int64_t j = 0; j < src->cols; ++j) {
        if (row[j] == Src(0))
          continue;
        if (!convertElement(row[j], &dv[n]))
          return notRepresentable(ctx, i, j, row[j], dstType);
        res->coordinates[n++] = j;
      }
      res->positions[i + 1] = n;
    }
  } else { // CSR -> dense
    if (int s = createDense(src->rows, src->cols, dstType, limits, ctx,
                            res.addr()))
      return s;
    Dst *dv = static_cast<Dst *>(res->values);
    for (int64_t i = 0; i < src->rows; ++i)
      for (int64_t k = src->positions[i]; k < src->positions[i + 1]; ++k) {
        int64_t j = src->coordinates[k];
        if (!convertElement(sv[k], &dv[i * src->cols + j]))
          return notRepresentable(ctx, i, j, sv[k], dstType);
      }
  }
  *out = res.release();
  return LAURYN_OK;
}

} // namespace

int convertMatrix(const lauryn_matrix *src, int format, int dtype,
                  const Limits &limits, const char *ctx, lauryn_matrix **out) {
  *out = nullptr;
  if (int s = validateMatrix(src, ctx))
    return s;
  if (format == LAURYN_FORMAT_AUTO)
    format = src->format;
  if (format != LAURYN_FORMAT_DENSE && format != LAURYN_FORMAT_CSR)
    return failAt(LAURYN_ERR_INVALID_ARGUMENT, ctx, 0,
                  "invalid target format %d", format);
  if (!isValidDtype(dtype))
    return failAt(LAURYN_ERR_INVALID_ARGUMENT, ctx, 0,
                  "invalid target dtype %d", dtype);
  return withDtype(src->dtype, [&](auto s) {
    return withDtype(dtype, [&](auto d) {
      return convertTyped<decltype(s), decltype(d)>(src, format, limits, ctx,
                                                    out);
    });
  });
}

int finishRead(MatrixPtr &m, const ReadConfig &cfg, const char *path,
               lauryn_matrix **out) {
  if (cfg.format == LAURYN_FORMAT_AUTO || cfg.format == m->format) {
    *out = m.release();
    return LAURYN_OK;
  }
  lauryn_matrix *converted = nullptr;
  if (int s = convertMatrix(m.get(), cfg.format, m->dtype, cfg.limits, path,
                            &converted))
    return s;
  *out = converted;
  return LAURYN_OK;
}

} // namespace lauryn::rt

using namespace lauryn::rt;

extern "C" int lauryn_rt_matrix_convert(const lauryn_matrix *src, int format,
                                        int dtype, lauryn_matrix **out) {
  clearError();
  if (!out)
    return fail(LAURYN_ERR_INVALID_ARGUMENT,
                "lauryn_rt_matrix_convert: out is NULL");
  return convertMatrix(src, format, dtype, Limits{effectiveMaxBytes(0)},
                       "lauryn_rt_matrix_convert", out);
}
