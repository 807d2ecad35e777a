// RUN: lauryn-opt %s --split-input-file --convert-la-to-linalg | FileCheck %s
//
// Row-aligned results of a row operator (X / rowSums(X), and the row sums):
// an m x n and an m x 1 buffer allocated once; per row, the row sum is a loop
// over the row's cells, stored at (i, 0), then a second loop over the cells
// (the row is still in cache) stores each quotient at (i, j). Chunks of rows
// write disjoint rows, so no partials are needed.
// CHECK-LABEL: func.func @row_aligned
// CHECK: %[[ROWS:.*]] = tensor.dim %arg0, %c0
// CHECK: %[[COLS:.*]] = tensor.dim %arg0, %c1
// CHECK: %[[Q:.*]] = memref.alloc(%[[ROWS]], %[[COLS]]) : memref<?x?xf64>
// CHECK: %[[S:.*]] = memref.alloc(%[[ROWS]], %{{.*}}) : memref<?x?xf64>
// CHECK: scf.forall
// CHECK: scf.for %[[I:.*]] = %{{.*}} to %{{.*}} step
// CHECK: %[[SUM:.*]] = scf.for {{.*}} iter_args
// CHECK: arith.addf
// CHECK: memref.store %[[SUM]], %[[S]][%[[I]], %{{.*}}]
// CHECK: scf.for %[[J:.*]] = %{{.*}} to %[[COLS]]
// CHECK: %[[V:.*]] = arith.divf %{{.*}}, %[[SUM]]
// CHECK: memref.store %[[V]], %[[Q]][%[[I]], %[[J]]]
// CHECK-NOT: tensor.parallel_insert_slice
// CHECK: %[[TQ:.*]] = bufferization.to_tensor %[[Q]] restrict
// CHECK: %[[TS:.*]] = bufferization.to_tensor %[[S]] restrict
// CHECK: %[[CS:.*]] = tensor.cast %[[TS]] : tensor<?x?xf64> to tensor<?x1xf64>
// CHECK: return %[[TQ]], %[[CS]]
func.func @row_aligned(%X: tensor<?x?xf64>) -> (tensor<?x?xf64>, tensor<?x1xf64>) {
  %r:2 = la.fused(%X) {kind = #la.template<row>} : (tensor<?x?xf64>) -> (tensor<?x?xf64>, tensor<?x1xf64>) {
  ^bb0(%x: tensor<?x?xf64>):
    %0 = la.sum row %x : tensor<?x?xf64>
    %1 = la.div %x, %0 : tensor<?x?xf64>, tensor<?x1xf64>
    la.yield %1, %0 : tensor<?x?xf64>, tensor<?x1xf64>
  }
  return %r#0, %r#1 : tensor<?x?xf64>, tensor<?x1xf64>
}

// -----

// Softmax: exp(x - max) is read by the row sum and by the result's loop; it
// costs more than a store and a load, so each row computes it once into the
// chunk's row buffer (chunks x n), which both loops read: one math.exp.
// CHECK-LABEL: func.func @row_softmax
// CHECK: %[[BUF:.*]] = memref.alloc(%{{.*}}, %{{.*}}) : memref<?x?xf64>
// CHECK: %[[OUT:.*]] = memref.alloc(%{{.*}}, %{{.*}}) : memref<?x?xf64>
// CHECK: scf.forall (%[[CHUNK:.*]]) in
// CHECK: arith.maximumf
// CHECK: math.exp
// CHECK: memref.store %{{.*}}, %[[BUF]][%[[CHUNK]], %{{.*}}]
// CHECK-NOT: math.exp
// CHECK: memref.load %[[BUF]][%[[CHUNK]], %{{.*}}]
// CHECK: arith.addf
// CHECK-NOT: math.exp
// CHECK: memref.load %[[BUF]][%[[CHUNK]], %{{.*}}]
// CHECK: arith.divf
// CHECK: memref.store %{{.*}}, %[[OUT]]
// CHECK-NOT: math.exp
// CHECK: return
func.func @row_softmax(%X: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %r = la.fused(%X) {kind = #la.template<row>} : (tensor<?x?xf64>) -> tensor<?x?xf64> {
  ^bb0(%x: tensor<?x?xf64>):
    %m = la.max row %x : tensor<?x?xf64>
    %d = la.sub %x, %m : tensor<?x?xf64>, tensor<?x1xf64>
    %e = la.exp %d : tensor<?x?xf64>
    %s = la.sum row %e : tensor<?x?xf64>
    %q = la.div %e, %s : tensor<?x?xf64>, tensor<?x1xf64>
    la.yield %q : tensor<?x?xf64>
  }
  return %r : tensor<?x?xf64>
}
