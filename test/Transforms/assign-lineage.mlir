// RUN: lauryn-opt %s --la-assign-lineage --split-input-file | FileCheck %s
// RUN: lauryn-opt %s --la-assign-lineage --split-input-file | lauryn-opt --split-input-file --la-assign-lineage | FileCheck %s --check-prefix=IDEMPOTENT
// RUN: lauryn-opt %s --la-assign-lineage=annotate-all --split-input-file | FileCheck %s --check-prefix=ALL

// Commutative operands are sorted, names and order do not matter, seeds count.
// CHECK-LABEL: func.func @equalities
// CHECK: la.add {{.*}}la.lineage = #la.lineage<[[ADD:0x[0-9a-f]+]]>
// CHECK: la.add {{.*}}la.lineage = #la.lineage<[[ADD]]>
// CHECK: la.sub {{.*}}la.lineage = #la.lineage<[[SUB1:0x[0-9a-f]+]]>
// CHECK-NOT: [[SUB1]]
// CHECK: la.sub {{.*}}la.lineage = #la.lineage<[[SUB2:0x[0-9a-f]+]]>
// CHECK: la.rand {{.*}}la.lineage = #la.lineage<[[R1:0x[0-9a-f]+]]>
// CHECK: la.rand {{.*}}la.lineage = #la.lineage<[[R1]]>
// CHECK-NOT: [[R1]]
// CHECK: la.rand {{.*}}la.lineage = #la.lineage<[[U1:0x[0-9a-f]+]]>
// CHECK-NOT: [[U1]]
// CHECK: return
// IDEMPOTENT: la.add {{.*}}la.lineage = #la.lineage<[[ADD:0x[0-9a-f]+]]>
// IDEMPOTENT: la.add {{.*}}la.lineage = #la.lineage<[[ADD]]>
// ALL: arith.constant {{.*}}la.lineage
func.func @equalities(%X: tensor<?x?xf64>, %Y: tensor<?x?xf64>, %n: index) {
  %a = la.add %X, %Y : tensor<?x?xf64>, tensor<?x?xf64>
  %b = la.add %Y, %X : tensor<?x?xf64>, tensor<?x?xf64>
  %c = la.sub %X, %Y : tensor<?x?xf64>, tensor<?x?xf64>
  %d = la.sub %Y, %X : tensor<?x?xf64>, tensor<?x?xf64>
  %r1 = la.rand %n, %n {seed = 42 : i64} : index, index -> tensor<?x?xf64>
  %r2 = la.rand %n, %n {seed = 42 : i64} : index, index -> tensor<?x?xf64>
  %r3 = la.rand %n, %n {seed = 43 : i64} : index, index -> tensor<?x?xf64>
  %u1 = la.rand %n, %n : index, index -> tensor<?x?xf64>
  %one = arith.constant 1.0 : f64
  %m = la.mul %X, %one : tensor<?x?xf64>, f64
  return
}

// -----

// Each call refers to the callee's body once; equal arguments, equal lineage.
// CHECK-LABEL: func.func @calls
// CHECK: call @gram{{.*}}la.lineage = #la.lineage<[[G:0x[0-9a-f]+]]>
// CHECK: call @gram{{.*}}la.lineage = #la.lineage<[[G]]>
// CHECK-NOT: [[G]]
// CHECK: call @gram
func.func private @gram(%X: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %t = la.transpose %X : tensor<?x?xf64>
  %g = la.matmul %t, %X : tensor<?x?xf64>, tensor<?x?xf64>
  return %g : tensor<?x?xf64>
}
func.func @calls(%X: tensor<?x?xf64>, %Y: tensor<?x?xf64>) {
  %0 = func.call @gram(%X) : (tensor<?x?xf64>) -> tensor<?x?xf64>
  %1 = func.call @gram(%X) : (tensor<?x?xf64>) -> tensor<?x?xf64>
  %2 = func.call @gram(%Y) : (tensor<?x?xf64>) -> tensor<?x?xf64>
  return
}

// -----

// A loop body is hashed once as a patch over its block arguments: equal loops
// have equal bodies, and the body does not depend on the initial value.
// CHECK-LABEL: func.func @loops
// CHECK: scf.for
// CHECK: la.matmul {{.*}}la.lineage = #la.lineage<[[BODY:0x[0-9a-f]+]]>
// CHECK: scf.for
// CHECK: la.matmul {{.*}}la.lineage = #la.lineage<[[BODY]]>
// CHECK-NOT: [[BODY]]
// CHECK: la.matmul
func.func @loops(%X: tensor<?x?xf64>, %w0: tensor<?x1xf64>, %n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%w = %w0) -> tensor<?x1xf64> {
    %p = la.matmul %X, %w : tensor<?x?xf64>, tensor<?x1xf64>
    scf.yield %p : tensor<?x1xf64>
  }
  %r2 = scf.for %i = %c0 to %n step %c1 iter_args(%w = %w0) -> tensor<?x1xf64> {
    %p = la.matmul %X, %w : tensor<?x?xf64>, tensor<?x1xf64>
    scf.yield %p : tensor<?x1xf64>
  }
  %q = la.matmul %X, %w0 : tensor<?x?xf64>, tensor<?x1xf64>
  return
}

// -----

// The lineage of a fixed program is a fixed value on every run and machine.
// CHECK-LABEL: func.func @main
// CHECK: la.exp %{{.*}} {la.lineage = #la.lineage<0xfed94736392e6d13>}
func.func @main(%A: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %0 = la.exp %A : tensor<?x?xf64>
  return %0 : tensor<?x?xf64>
}
