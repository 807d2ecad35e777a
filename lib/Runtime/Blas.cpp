//===- Blas.cpp - dense matrix products for compiled code (OpenBLAS) ------===//
//
// Called by code from convert-linalg-to-blas: C += A B on row-contiguous
// memref descriptors (MLIR's C interface). Matrix-vector shapes use gemv,
// which OpenBLAS runs faster than a gemm with one column.
//
//===----------------------------------------------------------------------===//

#include "MemRefDescriptors.h"
#include "lauryn/Runtime/LaurynRuntime.h"

#include <cblas.h>

#include <algorithm>
#include <cstdint>

namespace {

using lauryn::rt::MemRef2D;

/// C = A B + beta C.
template <typename T, typename Gemm, typename Gemv>
void gemm(const MemRef2D<T> &a, const MemRef2D<T> &b, const MemRef2D<T> &c, T beta, Gemm gemmFn,
          Gemv gemvFn) {
  const blasint m = blasint(a.sizes[0]), k = blasint(a.sizes[1]), n = blasint(b.sizes[1]);
  if (m == 0 || n == 0)
    return;
  if (k == 0) { // an empty sum: C = beta C (beta 0: C may hold garbage)
    for (blasint i = 0; i < m; ++i)
      for (blasint j = 0; j < n; ++j) {
        T &cell = c.data()[i * c.ld() + j];
        cell = beta == T(0) ? T(0) : cell * beta;
      }
    return;
  }
  if (n == 1) { // y += A x: x and y are columns with stride strides[0]
    gemvFn(CblasRowMajor, CblasNoTrans, m, k, T(1), a.data(), blasint(a.ld()), b.data(),
           blasint(b.strides[0]), beta, c.data(), blasint(c.strides[0]));
    return;
  }
  if (m == 1) { // y^T += x^T B  <=>  y += B^T x
    gemvFn(CblasRowMajor, CblasTrans, k, n, T(1), b.data(), blasint(b.ld()), a.data(), 1, beta,
           c.data(), 1);
    return;
  }
  gemmFn(CblasRowMajor, CblasNoTrans, CblasNoTrans, m, n, k, T(1), a.data(), blasint(a.ld()),
         b.data(), blasint(b.ld()), beta, c.data(), blasint(c.ld()));
}

} // namespace

// C += A B
extern "C" LAURYN_RT_API void _mlir_ciface_lauryn_rt_gemm_f64(MemRef2D<double> *a,
                                                              MemRef2D<double> *b,
                                                              MemRef2D<double> *c) {
  gemm(*a, *b, *c, 1.0, cblas_dgemm, cblas_dgemv);
}
extern "C" LAURYN_RT_API void _mlir_ciface_lauryn_rt_gemm_f32(MemRef2D<float> *a,
                                                              MemRef2D<float> *b,
                                                              MemRef2D<float> *c) {
  gemm(*a, *b, *c, 1.0f, cblas_sgemm, cblas_sgemv);
}
// C = A B (C's previous contents are ignored)
extern "C" LAURYN_RT_API void _mlir_ciface_lauryn_rt_gemm_set_f64(MemRef2D<double> *a,
                                                                  MemRef2D<double> *b,
                                                                  MemRef2D<double> *c) {
  gemm(*a, *b, *c, 0.0, cblas_dgemm, cblas_dgemv);
}
extern "C" LAURYN_RT_API void _mlir_ciface_lauryn_rt_gemm_set_f32(MemRef2D<float> *a,
                                                                  MemRef2D<float> *b,
                                                                  MemRef2D<float> *c) {
  gemm(*a, *b, *c, 0.0f, cblas_sgemm, cblas_sgemv);
}

extern "C" LAURYN_RT_API void lauryn_rt_blas_set_threads(int threads) {
  if (threads > 0)
    openblas_set_num_threads(threads);
}
