// RUN: lauryn-opt %s --pass-pipeline="builtin.module(func.func(lauryn-tile-transposes{tile-size=16}))" | FileCheck %s

// A 2-D transpose on memrefs becomes a parallel loop over 16 x 16 blocks.
// CHECK: #[[MIN:.*]] = affine_map<(d0)[s0] -> (-d0 + s0, 16)>
// CHECK-LABEL: func.func @dynamic
// CHECK: scf.parallel (%[[I:.*]], %[[J:.*]]) = (%{{.*}}, %{{.*}}) to (%{{.*}}, %{{.*}}) step (%{{.*}}, %{{.*}})
// CHECK: affine.min #[[MIN]](%[[J]])
// CHECK: memref.subview %{{.*}}[%[[J]], %[[I]]]
// CHECK: memref.subview %{{.*}}[%[[I]], %[[J]]]
// CHECK: linalg.transpose ins(%{{.*}} : memref<?x?xf64, strided<[?, 1], offset: ?>>)
// CHECK-SAME: permutation = [1, 0]
// CHECK-NOT: linalg.transpose
func.func @dynamic(%A: memref<?x?xf64>, %B: memref<?x?xf64>) {
  linalg.transpose ins(%A : memref<?x?xf64>) outs(%B : memref<?x?xf64>) permutation = [1, 0]
  return
}

// Transposes on tensors are not touched: they are tiled after bufferization.
// CHECK-LABEL: func.func @tensor
// CHECK-NOT: scf.parallel
// CHECK: linalg.transpose
func.func @tensor(%A: tensor<8x4xf64>, %B: tensor<4x8xf64>) -> tensor<4x8xf64> {
  %t = linalg.transpose ins(%A : tensor<8x4xf64>) outs(%B : tensor<4x8xf64>) permutation = [1, 0]
  return %t : tensor<4x8xf64>
}
