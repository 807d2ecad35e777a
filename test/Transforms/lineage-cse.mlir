// RUN: lauryn-opt %s --la-lineage-cse --split-input-file | FileCheck %s
// RUN: lauryn-opt %s --la-lineage-cse=hoist=false --split-input-file | FileCheck %s --check-prefix=NOHOIST
// Printing flags never change lineage.
// RUN: lauryn-opt %s --la-lineage-cse --split-input-file --mlir-elide-elementsattrs-if-larger=2 | FileCheck %s --check-prefix=ELIDE

// X + Y and Y + X are one computation; X - Y and Y - X are not.
// CHECK-LABEL: func.func @commutative
// CHECK-SAME: (%[[X:[a-z0-9_]+]]: tensor<?x?xf64>, %[[Y:[a-z0-9_]+]]: tensor<?x?xf64>)
// CHECK: %[[A:.*]] = la.add %[[X]], %[[Y]]
// CHECK-NEXT: %[[C:.*]] = la.sub %[[X]], %[[Y]]
// CHECK-NEXT: %[[D:.*]] = la.sub %[[Y]], %[[X]]
// CHECK-NEXT: return %[[A]], %[[A]], %[[C]], %[[D]]
func.func @commutative(%X: tensor<?x?xf64>, %Y: tensor<?x?xf64>)
    -> (tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x?xf64>) {
  %a = la.add %X, %Y : tensor<?x?xf64>, tensor<?x?xf64>
  %b = la.add %Y, %X : tensor<?x?xf64>, tensor<?x?xf64>
  %c = la.sub %X, %Y : tensor<?x?xf64>, tensor<?x?xf64>
  %d = la.sub %Y, %X : tensor<?x?xf64>, tensor<?x?xf64>
  return %a, %b, %c, %d : tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x?xf64>
}

// -----

// Seeded rand is a pure function of its seed; unseeded rand is never merged.
// CHECK-LABEL: func.func @random
// CHECK: %[[R:.*]] = la.rand %{{.*}} {seed = 5 : i64}
// CHECK-NEXT: %[[U1:.*]] = la.rand %
// CHECK-NEXT: %[[U2:.*]] = la.rand %
// CHECK-NEXT: return %[[R]], %[[R]], %[[U1]], %[[U2]]
func.func @random(%n: index) -> (tensor<?x2xf64>, tensor<?x2xf64>, tensor<?x2xf64>, tensor<?x2xf64>) {
  %r1 = la.rand %n {seed = 5 : i64} : index -> tensor<?x2xf64>
  %r2 = la.rand %n {seed = 5 : i64} : index -> tensor<?x2xf64>
  %u1 = la.rand %n : index -> tensor<?x2xf64>
  %u2 = la.rand %n : index -> tensor<?x2xf64>
  return %r1, %r2, %u1, %u2 : tensor<?x2xf64>, tensor<?x2xf64>, tensor<?x2xf64>, tensor<?x2xf64>
}

// -----

// Two calls of a side-effect-free function with equal arguments are merged;
// calls of a function with an unseeded rand are not.
// CHECK-LABEL: func.func @calls
// CHECK-SAME: (%[[X:[a-z0-9_]+]]: tensor<?x?xf64>, %[[N:[a-z0-9_]+]]: index)
// CHECK: %[[G:.*]] = call @gram(%[[X]])
// CHECK-NEXT: %[[N1:.*]] = call @noise(%[[N]])
// CHECK-NEXT: %[[N2:.*]] = call @noise(%[[N]])
// CHECK-NEXT: return %[[G]], %[[G]], %[[N1]], %[[N2]]
func.func private @gram(%X: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %t = la.transpose %X : tensor<?x?xf64>
  %g = la.matmul %t, %X : tensor<?x?xf64>, tensor<?x?xf64>
  return %g : tensor<?x?xf64>
}
func.func private @noise(%n: index) -> tensor<?x?xf64> {
  %r = la.rand %n, %n : index, index -> tensor<?x?xf64>
  return %r : tensor<?x?xf64>
}
func.func @calls(%X: tensor<?x?xf64>, %n: index)
    -> (tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x?xf64>) {
  %0 = func.call @gram(%X) : (tensor<?x?xf64>) -> tensor<?x?xf64>
  %1 = func.call @gram(%X) : (tensor<?x?xf64>) -> tensor<?x?xf64>
  %2 = func.call @noise(%n) : (index) -> tensor<?x?xf64>
  %3 = func.call @noise(%n) : (index) -> tensor<?x?xf64>
  return %0, %1, %2, %3 : tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x?xf64>
}

// -----

// t(X) %*% X does not depend on the iteration: it is merged with the equal
// computation before the loop. sumsq(X) is loop invariant too and is hoisted
// (only with hoist=true). The iteration-dependent matmul and the unseeded rand
// stay in the loop.
// CHECK-LABEL: func.func @hoist
// CHECK-SAME: (%[[X:[a-z0-9_]+]]: tensor<?x?xf64>, %[[W0:[a-z0-9_]+]]: tensor<?x1xf64>
// CHECK: %[[T:.*]] = la.transpose %[[X]]
// CHECK-NEXT: %[[G:.*]] = la.matmul %[[T]], %[[X]]
// CHECK-NEXT: %[[S:.*]] = la.sumsq %[[X]]
// CHECK-NEXT: scf.for {{.*}} iter_args(%[[W:.*]] = %[[W0]])
// CHECK-NEXT: %[[P:.*]] = la.matmul %[[G]], %[[W]]
// CHECK-NEXT: la.rand
// CHECK-NEXT: la.add
// CHECK-NEXT: la.mul %{{.*}}, %[[S]]
// CHECK: return %[[G]]
// NOHOIST-LABEL: func.func @hoist
// NOHOIST: la.matmul
// NOHOIST: scf.for
// NOHOIST-NOT: la.transpose
// NOHOIST: la.sumsq
// NOHOIST: scf.yield
func.func @hoist(%X: tensor<?x?xf64>, %w0: tensor<?x1xf64>, %n: index)
    -> (tensor<?x?xf64>, tensor<?x1xf64>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %t0 = la.transpose %X : tensor<?x?xf64>
  %g0 = la.matmul %t0, %X : tensor<?x?xf64>, tensor<?x?xf64>
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%w = %w0) -> tensor<?x1xf64> {
    %t = la.transpose %X : tensor<?x?xf64>
    %g = la.matmul %t, %X : tensor<?x?xf64>, tensor<?x?xf64>
    %p = la.matmul %g, %w : tensor<?x?xf64>, tensor<?x1xf64>
    %noise = la.rand %n : index -> tensor<?x1xf64>
    %q = la.add %p, %noise : tensor<?x1xf64>, tensor<?x1xf64>
    %ss = la.sumsq %X : tensor<?x?xf64>
    %qs = la.mul %q, %ss : tensor<?x1xf64>, f64
    scf.yield %qs : tensor<?x1xf64>
  }
  return %g0, %r : tensor<?x?xf64>, tensor<?x1xf64>
}

// -----

// Equal computations in sibling branches do not dominate each other: kept.
// CHECK-LABEL: func.func @branches
// CHECK: scf.if
// CHECK: la.exp
// CHECK: else
// CHECK: la.exp
func.func @branches(%c: i1, %X: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %r = scf.if %c -> tensor<?x?xf64> {
    %e = la.exp %X : tensor<?x?xf64>
    scf.yield %e : tensor<?x?xf64>
  } else {
    %e = la.exp %X : tensor<?x?xf64>
    %a = la.abs %e : tensor<?x?xf64>
    scf.yield %a : tensor<?x?xf64>
  }
  return %r : tensor<?x?xf64>
}

// -----

// Blocks are distinct: arguments of different blocks are different values.
// CHECK-LABEL: func.func @blocks
// CHECK: la.exp
// CHECK: la.exp
func.func @blocks(%a: f64, %b: f64) -> f64 {
  cf.br ^bb1(%a : f64)
^bb1(%x: f64):
  %e1 = la.exp %x : f64
  cf.br ^bb2(%b, %e1 : f64, f64)
^bb2(%y: f64, %p: f64):
  %e2 = la.exp %y : f64
  %s = la.add %p, %e2 : f64, f64
  return %s : f64
}

// -----

// Branch targets are part of a region's lineage.
// CHECK-LABEL: func.func @successors
// CHECK: la.exp
// CHECK: la.exp
func.func @successors(%c: i1, %x: f64, %y: f64) -> (f64, f64) {
  %r1 = scf.execute_region -> f64 {
    cf.cond_br %c, ^a, ^b
  ^a:
    scf.yield %x : f64
  ^b:
    scf.yield %y : f64
  }
  %r2 = scf.execute_region -> f64 {
    cf.cond_br %c, ^b, ^a
  ^a:
    scf.yield %x : f64
  ^b:
    scf.yield %y : f64
  }
  %e1 = la.exp %r1 : f64
  %e2 = la.exp %r2 : f64
  return %e1, %e2 : f64, f64
}

// -----

// Loops lowered to branches keep their own exit conditions.
// CHECK-LABEL: func.func @cf_loops
// CHECK: cf.cond_br %[[C1:[0-9]+]]
// CHECK-NOT: cf.cond_br %[[C1]]
// CHECK: cf.cond_br
func.func @cf_loops(%n: index, %x: f64) -> (f64, f64) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  cf.br ^h1(%c0, %x : index, f64)
^h1(%i: index, %a: f64):
  %more = arith.cmpi slt, %i, %n : index
  cf.cond_br %more, ^b1, ^x1
^b1:
  %e = la.exp %a : f64
  %i1 = arith.addi %i, %c1 : index
  cf.br ^h1(%i1, %e : index, f64)
^x1:
  cf.br ^h2(%c0, %x : index, f64)
^h2(%j: index, %b: f64):
  %more2 = arith.cmpi slt, %j, %n : index
  cf.cond_br %more2, ^b2, ^x2
^b2:
  %s = la.sqrt %b : f64
  %j1 = arith.addi %j, %c1 : index
  cf.br ^h2(%j1, %s : index, f64)
^x2:
  return %a, %b : f64, f64
}

// -----

// Different constants stay different, also when printing elides them.
// ELIDE-LABEL: func.func @constants
// ELIDE: la.exp
// ELIDE: la.exp
func.func @constants() -> (tensor<3x3xf64>, tensor<3x3xf64>) {
  %a = arith.constant sparse<[[0, 0], [1, 1], [2, 2]], [1.0, 2.0, 3.0]> : tensor<3x3xf64>
  %b = arith.constant sparse<[[0, 1], [1, 2], [2, 0]], [7.0, 8.0, 9.0]> : tensor<3x3xf64>
  %0 = la.exp %a : tensor<3x3xf64>
  %1 = la.exp %b : tensor<3x3xf64>
  return %0, %1 : tensor<3x3xf64>, tensor<3x3xf64>
}

// -----

// Value-dependent failures stay in the loop (it may run zero times): solve
// is not hoisted; integer division (0 on division by zero) is.
// CHECK-LABEL: func.func @speculation
// CHECK: la.div
// CHECK: scf.for
// CHECK: la.solve
func.func @speculation(%A: tensor<?x?xf64>, %b: tensor<?x1xf64>, %x: i64, %y: i64, %n: index)
    -> (tensor<?x1xf64>, i64) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %z = arith.constant 0 : i64
  %r:2 = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %b, %s = %z) -> (tensor<?x1xf64>, i64) {
    %q = la.div %x, %y : i64, i64
    %sol = la.solve %A, %b : tensor<?x?xf64>, tensor<?x1xf64>
    %s2 = la.add %s, %q : i64, i64
    scf.yield %sol, %s2 : tensor<?x1xf64>, i64
  }
  return %r#0, %r#1 : tensor<?x1xf64>, i64
}
