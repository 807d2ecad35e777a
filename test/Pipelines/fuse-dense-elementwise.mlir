// RUN: lauryn-opt %s --pass-pipeline="builtin.module(convert-la-to-linalg,cse,func.func(lauryn-fuse-dense-elementwise))" | FileCheck %s

#CSR = #sparse_tensor.encoding<{map = (i, j) -> (i : dense, j : compressed)}>

// X * Y + Z: one kernel; the shape checks of the add read the inputs' sizes.
// CHECK-LABEL: func.func @mul_add
// CHECK-SAME: (%[[X:.*]]: tensor<?x?xf64>, %[[Y:.*]]: tensor<?x?xf64>, %[[Z:.*]]: tensor<?x?xf64>)
// CHECK: linalg.generic
// CHECK-SAME: ins(%[[X]], %[[Y]], %[[Z]] :
// CHECK: arith.mulf
// CHECK-NEXT: arith.addf
// CHECK-NOT: linalg.generic
func.func @mul_add(%X: tensor<?x?xf64>, %Y: tensor<?x?xf64>, %Z: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %p = la.mul %X, %Y : tensor<?x?xf64>, tensor<?x?xf64>
  %s = la.add %p, %Z : tensor<?x?xf64>, tensor<?x?xf64>
  return %s : tensor<?x?xf64>
}

// A chain of unary ops over a binary one: one kernel.
// CHECK-LABEL: func.func @chain
// CHECK: linalg.generic
// CHECK: arith.subf
// CHECK-NEXT: math.absf
// CHECK-NEXT: math.sqrt
// CHECK-NOT: linalg.generic
// CHECK: return
func.func @chain(%X: tensor<8x?xf32>, %Y: tensor<8x?xf32>) -> tensor<8x?xf32> {
  %d = la.sub %X, %Y : tensor<8x?xf32>, tensor<8x?xf32>
  %a = la.abs %d : tensor<8x?xf32>
  %r = la.sqrt %a : tensor<8x?xf32>
  return %r : tensor<8x?xf32>
}

// A producer with two users is not duplicated.
// CHECK-LABEL: func.func @shared_producer
// CHECK-COUNT-3: linalg.generic
func.func @shared_producer(%X: tensor<4x4xf64>, %Y: tensor<4x4xf64>) -> (tensor<4x4xf64>, tensor<4x4xf64>) {
  %p = la.mul %X, %Y : tensor<4x4xf64>, tensor<4x4xf64>
  %a = la.exp %p : tensor<4x4xf64>
  %b = la.log %p : tensor<4x4xf64>
  return %a, %b : tensor<4x4xf64>, tensor<4x4xf64>
}

// Kernels on sparse tensors are the sparsifier's.
// CHECK-LABEL: func.func @sparse
// CHECK-COUNT-2: linalg.generic
func.func @sparse(%S: tensor<?x?xf64, #CSR>, %Y: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %p = la.mul %S, %Y : tensor<?x?xf64, #CSR>, tensor<?x?xf64>
  %s = la.add %p, %Y : tensor<?x?xf64, #CSR>, tensor<?x?xf64>
  return %s : tensor<?x?xf64>
}

// A kernel feeding a conversion to sparse stays whole.
// CHECK-LABEL: func.func @into_sparse
// CHECK-COUNT-2: linalg.generic
// CHECK: sparse_tensor.convert
func.func @into_sparse(%X: tensor<?x?xf64>, %Y: tensor<?x?xf64>) -> tensor<?x?xf64, #CSR> {
  %p = la.mul %X, %Y : tensor<?x?xf64>, tensor<?x?xf64>
  %e = la.exp %p : tensor<?x?xf64>
  %s = la.convert %e : tensor<?x?xf64> -> tensor<?x?xf64, #CSR>
  return %s : tensor<?x?xf64, #CSR>
}
