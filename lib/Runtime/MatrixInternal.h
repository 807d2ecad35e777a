//===- MatrixInternal.h - matrices, element types, conversions -*- C++ -*-===//

#ifndef LAURYN_LIB_RUNTIME_MATRIXINTERNAL_H
#define LAURYN_LIB_RUNTIME_MATRIXINTERNAL_H

#include "Memory.h"
#include "lauryn/Runtime/LaurynRuntime.h"

#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>

namespace lauryn::rt {

/// Drops the input identity registered for `values` (ReuseCalls.cpp), if any.
void forgetInputIdentity(const void *values);

bool isValidDtype(int dtype);
size_t dtypeSize(int dtype);
const char *dtypeName(int dtype);

template <typename T> struct DtypeOf;
template <> struct DtypeOf<double> {
  static constexpr int value = LAURYN_F64;
};
template <> struct DtypeOf<float> {
  static constexpr int value = LAURYN_F32;
};
template <> struct DtypeOf<int64_t> {
  static constexpr int value = LAURYN_I64;
};
template <> struct DtypeOf<int32_t> {
  static constexpr int value = LAURYN_I32;
};

/// Calls f(T{}) with T the C++ type of `dtype` (which must be valid).
template <typename F> auto withDtype(int dtype, F &&f) {
  switch (dtype) {
  case LAURYN_F32:
    return f(float{});
  case LAURYN_I64:
    return f(int64_t{});
  case LAURYN_I32:
    return f(int32_t{});
  default:
    return f(double{});
  }
}

/// Converts one element; false if it is not representable (see
/// lauryn_rt_matrix_convert for the rules).
template <typename Dst, typename Src> bool convertElement(Src s, Dst *d) {
  if constexpr (std::is_same_v<Src, Dst>) {
    *d = s;
    return true;
  } else if constexpr (std::is_floating_point_v<Dst>) {
    if constexpr (std::is_floating_point_v<Src>) {
      // Narrowing f64 -> f32: finite values must stay finite.
      if (std::isfinite(s) &&
          std::fabs(s) > static_cast<Src>(std::numeric_limits<Dst>::max())) {
        Dst r = static_cast<Dst>(s);
        if (std::isinf(r))
          return false;
        *d = r;
        return true;
      }
    }
    *d = static_cast<Dst>(s);
    return true;
  } else if constexpr (std::is_floating_point_v<Src>) {
    double v = static_cast<double>(s);
    constexpr double lo = static_cast<double>(std::numeric_limits<Dst>::min());
    if (!std::isfinite(v) || std::trunc(v) != v || v < lo || v >= -lo)
      return false;
    *d = static_cast<Dst>(v);
    return true;
  } else {
    if (s < std::numeric_limits<Dst>::min() ||
        s > std::numeric_limits<Dst>::max())
      return false;
    *d = static_cast<Dst>(s);
    return true;
  }
}

/// Value of element `i` of a buffer of `dtype`, as double (for messages).
double elementAsDouble(const void *values, int dtype, int64_t i);

/// Owns a lauryn_matrix until release().
class MatrixPtr {
public:
  MatrixPtr() = default;
  explicit MatrixPtr(lauryn_matrix *m) : m(m) {}
  MatrixPtr(const MatrixPtr &) = delete;
  MatrixPtr &operator=(const MatrixPtr &) = delete;
  ~MatrixPtr() { lauryn_rt_matrix_free(m); }
  lauryn_matrix *get() const { return m; }
  lauryn_matrix *operator->() const { return m; }
  lauryn_matrix **addr() {
    lauryn_rt_matrix_free(m);
    m = nullptr;
    return &m;
  }
  lauryn_matrix *release() {
    lauryn_matrix *r = m;
    m = nullptr;
    return r;
  }

private:
  lauryn_matrix *m = nullptr;
};

/// Checks that a rows x cols dense matrix of `dtype` fits the limits.
int checkDenseSize(int64_t rows, int64_t cols, int dtype, const Limits &limits,
                   const char *path, size_t *bytes);

/// Zero-filled matrices, checked against `limits`; messages name `path`.
/// `zeroed = false` leaves a dense matrix's values uninitialized (the caller
/// overwrites them all: a copy, a reader).
int createDense(int64_t rows, int64_t cols, int dtype, const Limits &limits,
                const char *path, lauryn_matrix **out, bool zeroed = true);
int createCsr(int64_t rows, int64_t cols, int64_t nnz, int dtype,
              const Limits &limits, const char *path, lauryn_matrix **out);
/// A dense matrix that adopts `values` (allocated by alignedAlloc).
int adoptDense(int64_t rows, int64_t cols, int dtype, void *values,
               lauryn_matrix **out);

/// lauryn_rt_matrix_convert with limits; messages start with `ctx`.
int convertMatrix(const lauryn_matrix *src, int format, int dtype,
                  const Limits &limits, const char *ctx, lauryn_matrix **out);

/// Validation; messages start with `ctx`.
int validateMatrix(const lauryn_matrix *m, const char *ctx);

/// True for a CSV delimiter that cannot be part of a number or a quote.
bool isValidDelimiter(char c);

/// Resolved, validated read options.
struct ReadConfig {
  int format;
  int dtype;
  int csvHeader;
  int csvEmpty;
  char delimiter;
  Limits limits;
};
int resolveReadOptions(const lauryn_read_options *opts, const char *path,
                       char defaultDelimiter, ReadConfig *cfg);

/// Converts a freshly read matrix to the requested format (AUTO keeps it)
/// and hands it to *out.
int finishRead(MatrixPtr &m, const ReadConfig &cfg, const char *path,
               lauryn_matrix **out);

} // namespace lauryn::rt

#endif // LAURYN_LIB_RUNTIME_MATRIXINTERNAL_H
