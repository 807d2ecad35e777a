// RUN: lauryn-opt %s --convert-linalg-to-blas --split-input-file | FileCheck %s
// RUN: lauryn-opt %s --split-input-file --pass-pipeline="builtin.module(func.func(lauryn-generalize-sparse-linalg))" | FileCheck %s --check-prefix=GEN

// CHECK: func.func private @lauryn_rt_gemm_f64(memref<?x?xf64, strided<[?, 1], offset: ?>>, memref<?x?xf64, strided<[?, 1], offset: ?>>, memref<?x?xf64, strided<[?, 1], offset: ?>>) attributes {llvm.emit_c_interface}
// CHECK-LABEL: func.func @gemm
// CHECK: %[[A:.*]] = memref.cast %{{.*}} : memref<?x?xf64> to memref<?x?xf64, strided<[?, 1], offset: ?>>
// CHECK: call @lauryn_rt_gemm_f64(%[[A]], %{{.*}}, %{{.*}})
// CHECK-NOT: linalg.matmul
func.func @gemm(%A: memref<?x?xf64>, %B: memref<?x?xf64>, %C: memref<?x?xf64>) {
  linalg.matmul ins(%A, %B : memref<?x?xf64>, memref<?x?xf64>) outs(%C : memref<?x?xf64>)
  return
}

// -----

// A zero fill right before the product becomes beta = 0 (the fill is dropped).
// CHECK-LABEL: func.func @overwrite
// CHECK-NOT: linalg.fill
// CHECK: call @lauryn_rt_gemm_set_f64
func.func @overwrite(%A: memref<?x?xf64>, %B: memref<?x?xf64>, %C: memref<?x?xf64>) {
  %zero = arith.constant 0.0 : f64
  linalg.fill ins(%zero : f64) outs(%C : memref<?x?xf64>)
  linalg.matmul ins(%A, %B : memref<?x?xf64>, memref<?x?xf64>) outs(%C : memref<?x?xf64>)
  return
}

// -----

// f32 uses sgemm; integers and non-contiguous rows stay loops.
// CHECK-LABEL: func.func @kinds
// CHECK: call @lauryn_rt_gemm_f32
// CHECK: linalg.matmul ins(%{{.*}}, %{{.*}} : memref<4x4xi64>, memref<4x4xi64>)
// CHECK: linalg.matmul ins(%{{.*}}, %{{.*}} : memref<4x4xf64, strided<[1, 4]>>, memref<4x4xf64>)
func.func @kinds(%A: memref<4x4xf32>, %I: memref<4x4xi64>, %T: memref<4x4xf64, strided<[1, 4]>>,
                 %D: memref<4x4xf64>) {
  linalg.matmul ins(%A, %A : memref<4x4xf32>, memref<4x4xf32>) outs(%A : memref<4x4xf32>)
  linalg.matmul ins(%I, %I : memref<4x4xi64>, memref<4x4xi64>) outs(%I : memref<4x4xi64>)
  linalg.matmul ins(%T, %D : memref<4x4xf64, strided<[1, 4]>>, memref<4x4xf64>) outs(%D : memref<4x4xf64>)
  return
}

// -----

#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>
// Only named ops on sparse tensors are generalized for the sparsifier.
// GEN-LABEL: func.func @mixed
// GEN: linalg.generic
// GEN: linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<?x?xf64>, tensor<?x?xf64>)
func.func @mixed(%S: tensor<?x?xf64, #CSR>, %A: tensor<?x?xf64>, %C: tensor<?x?xf64>) -> (tensor<?x?xf64>, tensor<?x?xf64>) {
  %0 = linalg.matmul ins(%S, %A : tensor<?x?xf64, #CSR>, tensor<?x?xf64>) outs(%C : tensor<?x?xf64>) -> tensor<?x?xf64>
  %1 = linalg.matmul ins(%A, %A : tensor<?x?xf64>, tensor<?x?xf64>) outs(%C : tensor<?x?xf64>) -> tensor<?x?xf64>
  return %0, %1 : tensor<?x?xf64>, tensor<?x?xf64>
}
