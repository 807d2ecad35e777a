// RUN: lauryn-opt %s --pass-pipeline="builtin.module(func.func(lauryn-parallelize-outer-loop))" | FileCheck %s

// CHECK-LABEL: func.func @two_dims
// CHECK: scf.parallel (%[[I:.*]]) = (%{{.*}}) to (%{{.*}}) step (%{{.*}})
// CHECK-NEXT: scf.for %[[J:.*]] = %{{.*}} to %{{.*}} step %{{.*}}
// CHECK-NEXT: memref.load %{{.*}}[%[[I]], %[[J]]]
// CHECK-NOT: scf.parallel (%{{.*}}, %{{.*}})
func.func @two_dims(%A: memref<?x?xf64>, %B: memref<?x?xf64>, %m: index, %n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  scf.parallel (%i, %j) = (%c0, %c0) to (%m, %n) step (%c1, %c1) {
    %v = memref.load %A[%i, %j] : memref<?x?xf64>
    memref.store %v, %B[%i, %j] : memref<?x?xf64>
    scf.reduce
  }
  return
}

// Loops with reductions are left alone.
// CHECK-LABEL: func.func @reduction
// CHECK: scf.parallel (%{{.*}}, %{{.*}}) = 
func.func @reduction(%A: memref<?x?xf64>, %m: index, %n: index) -> f64 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0.0 : f64
  %s = scf.parallel (%i, %j) = (%c0, %c0) to (%m, %n) step (%c1, %c1) init (%zero) -> f64 {
    %v = memref.load %A[%i, %j] : memref<?x?xf64>
    scf.reduce(%v : f64) {
    ^bb0(%a: f64, %b: f64):
      %r = arith.addf %a, %b : f64
      scf.reduce.return %r : f64
    }
  }
  return %s : f64
}
