// RUN: lauryn-opt %s --la-insert-reuse=margin=0 --lauryn-cpu-pipeline | FileCheck %s

// A product computed inside an la.cached region writes its zero-filled output
// in place: the value served on a hit is a writable fresh buffer, so the
// scf.if's alias set does not force bufferization to copy the output before
// DGEMM (that copy, a zero fill and a fresh page-faulted buffer per call,
// doubled the run time of small cached products). The fill + product pair
// becomes one overwriting DGEMM call.
// CHECK-NOT: lauryn_rt_gemm_f64
// CHECK-LABEL: llvm.func @gram(
// CHECK: llvm.call @lauryn_rt_reuse_acquire
// CHECK: llvm.call @lauryn_rt_reuse_take_dense_f64
// CHECK: llvm.call @lauryn_rt_reuse_now
// CHECK: llvm.call @lauryn_rt_gemm_set_f64
// CHECK: llvm.call @lauryn_rt_reuse_put_dense_f64
// CHECK-NOT: lauryn_rt_gemm_f64
func.func @gram(%X: tensor<4000x300xf64>) -> tensor<?x?xf64> {
  %Xt = la.transpose %X : tensor<4000x300xf64> -> tensor<?x?xf64>
  %G = la.matmul %Xt, %X : tensor<?x?xf64>, tensor<4000x300xf64> -> tensor<?x?xf64>
  return %G : tensor<?x?xf64>
}
