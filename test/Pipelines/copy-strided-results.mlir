// RUN: lauryn-opt %s --pass-pipeline="builtin.module(func.func(lauryn-copy-strided-results))" --split-input-file | FileCheck %s

// A column view reaching the return through a layout cast is returned as a
// contiguous copy (difftest bug strided-result-copy: the deallocation's copy
// of a non-owned result read it with a flat memcpy).
// CHECK-LABEL: func.func @column
// CHECK-SAME: (%[[V:.*]]: memref<4x1xi64, strided<[?, ?], offset: ?>>)
// CHECK: %[[C:.*]] = memref.alloc() : memref<4x1xi64>
// CHECK: memref.copy %[[V]], %[[C]]
// CHECK: return %[[C]]
func.func @column(%v: memref<4x1xi64, strided<[?, ?], offset: ?>>) -> memref<4x1xi64> {
  %r = memref.cast %v : memref<4x1xi64, strided<[?, ?], offset: ?>> to memref<4x1xi64>
  return %r : memref<4x1xi64>
}

// -----

// Dynamic sizes come from the view; identity-layout casts stay as they are.
// CHECK-LABEL: func.func @dynamic
// CHECK: %[[D:.*]] = memref.dim %{{.*}}, %{{.*}} : memref<?x?xf64, strided<[?, 1], offset: ?>>
// CHECK: memref.alloc(%[[D]]) : memref<?x2xf64>
// CHECK-LABEL: func.func @identity
// CHECK-NOT: memref.alloc
func.func @dynamic(%v: memref<?x?xf64, strided<[?, 1], offset: ?>>) -> memref<?x2xf64> {
  %r = memref.cast %v : memref<?x?xf64, strided<[?, 1], offset: ?>> to memref<?x2xf64>
  return %r : memref<?x2xf64>
}
func.func @identity(%v: memref<4x2xf64>) -> memref<?x2xf64> {
  %r = memref.cast %v : memref<4x2xf64> to memref<?x2xf64>
  return %r : memref<?x2xf64>
}
