// RUN: lauryn-opt %s -split-input-file --la-insert-reuse | FileCheck %s
// RUN: lauryn-opt %s -split-input-file --la-insert-reuse=margin=1000000 | FileCheck %s --check-prefix=NONE

// Ridge regression: t(X) %*% X (25 GFLOPs) and t(X) %*% y are worth caching;
// each derives from arguments only. The transpose is used only by the
// product, so it moves into the cached region (a hit skips it). The solve
// depends on lambda too: cached under a key with lambda's identity; the two
// cached products, used only by it, nest inside its region (a hit of the
// solve skips everything; a new lambda still hits t(X) %*% X).
// CHECK-LABEL: func.func @ridge
// CHECK-SAME: (%[[X:.*]]: tensor<100000x500xf64>, %[[Y:.*]]: tensor<100000x1xf64>, %[[L:.*]]: f64)
// CHECK-DAG: %[[HL:.*]] = la.identity %[[L]] : f64
// CHECK-DAG: %[[HY:.*]] = la.identity %[[Y]] : tensor<100000x1xf64>
// CHECK-DAG: %[[HX:.*]] = la.identity %[[X]] : tensor<100000x500xf64>
// CHECK: %[[K3:.*]] = la.lineage_key {{-?[0-9]+}}(%[[HY]], %[[HX]], %[[HL]])
// CHECK: %[[BETA:.*]] = la.cached %[[K3]] {height = 4 : i64} : tensor<500x1xf64> {
// CHECK-NEXT: %[[K1:.*]] = la.lineage_key {{-?[0-9]+}}(%[[HX]])
// CHECK-NEXT: %[[G:.*]] = la.cached %[[K1]] {height = 2 : i64} : tensor<500x500xf64> {
// CHECK-NEXT: la.transpose %[[X]]
// CHECK-NEXT: la.matmul
// CHECK-NEXT: la.yield
// CHECK-NEXT: }
// CHECK-NEXT: %[[K2:.*]] = la.lineage_key {{-?[0-9]+}}(%[[HY]], %[[HX]])
// CHECK-NEXT: %[[B:.*]] = la.cached %[[K2]] {height = 2 : i64} : tensor<500x1xf64> {
// CHECK: la.fill %[[L]]
// CHECK: la.diag
// CHECK: la.add %[[G]]
// CHECK: la.solve {{.*}}, %[[B]]
// CHECK: return %[[BETA]]
// NONE-LABEL: func.func @ridge
// NONE-NOT: la.cached
func.func @ridge(%X: tensor<100000x500xf64>, %y: tensor<100000x1xf64>, %lambda: f64) -> tensor<500x1xf64> {
  %xt = la.transpose %X : tensor<100000x500xf64>
  %g = la.matmul %xt, %X : tensor<500x100000xf64>, tensor<100000x500xf64>
  %xt2 = la.transpose %X : tensor<100000x500xf64>
  %b = la.matmul %xt2, %y : tensor<500x100000xf64>, tensor<100000x1xf64>
  %l = la.fill %lambda : f64 -> tensor<500x1xf64>
  %d = la.diag %l : tensor<500x1xf64>
  %a = la.add %g, %d : tensor<500x500xf64>, tensor<500x500xf64>
  %beta = la.solve %a, %b : tensor<500x500xf64>, tensor<500x1xf64> -> tensor<500x1xf64>
  return %beta : tensor<500x1xf64>
}

// -----

// The same Gram matrix in another function (another argument position) has
// the same lineage ID: inputs are numbered by use, not by name or position.
// CHECK-LABEL: func.func @gram_a
// CHECK: la.lineage_key [[ID:-?[0-9]+]](
// CHECK-LABEL: func.func @gram_b
// CHECK: la.lineage_key [[ID]](
func.func @gram_a(%X: tensor<20000x400xf64>) -> tensor<400x400xf64> {
  %xt = la.transpose %X : tensor<20000x400xf64>
  %g = la.matmul %xt, %X : tensor<400x20000xf64>, tensor<20000x400xf64>
  return %g : tensor<400x400xf64>
}
func.func @gram_b(%s: f64, %X: tensor<20000x400xf64>) -> tensor<400x400xf64> {
  %xt = la.transpose %X : tensor<20000x400xf64>
  %g = la.matmul %xt, %X : tensor<400x20000xf64>, tensor<20000x400xf64>
  return %g : tensor<400x400xf64>
}

// -----

// A loop index is an input: its identity is taken at the top of the body.
// CHECK-LABEL: func.func @loop_index
// CHECK: scf.for %[[I:[a-z0-9]+]] =
// CHECK-NEXT: la.identity %[[I]] : index
// CHECK: la.cached
func.func @loop_index(%X: tensor<20000x400xf64>, %n: index) -> tensor<400x400xf64> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %z = arith.constant 0.0 : f64
  %init = la.fill %z : f64 -> tensor<400x400xf64>
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %init) -> tensor<400x400xf64> {
    %ii = arith.index_cast %i : index to i64
    %s = arith.sitofp %ii : i64 to f64
    %xs = la.mul %X, %s : tensor<20000x400xf64>, f64
    %xt = la.transpose %xs : tensor<20000x400xf64>
    %g = la.matmul %xt, %X : tensor<400x20000xf64>, tensor<20000x400xf64>
    %next = la.add %acc, %g : tensor<400x400xf64>, tensor<400x400xf64>
    scf.yield %next : tensor<400x400xf64>
  }
  return %r : tensor<400x400xf64>
}

// -----

// Not cached: a loop-carried value (no identity without hashing it every
// iteration), random data without a seed, a cheap element-wise op (copies and
// hashing would cost more than it saves).
// CHECK-LABEL: func.func @not_worth
// CHECK-NOT: la.cached
// CHECK: return
func.func @not_worth(%X: tensor<20000x400xf64>, %Y: tensor<20000x400xf64>, %n: index)
    -> (tensor<400x400xf64>, tensor<400x400xf64>, tensor<20000x400xf64>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%w = %X) -> tensor<20000x400xf64> {
    %wt = la.transpose %w : tensor<20000x400xf64>
    %g = la.matmul %wt, %w : tensor<400x20000xf64>, tensor<20000x400xf64>
    %s = la.sum %g : tensor<400x400xf64>
    %w2 = la.mul %w, %s : tensor<20000x400xf64>, f64
    scf.yield %w2 : tensor<20000x400xf64>
  }
  %rt = la.transpose %r : tensor<20000x400xf64>
  %g2 = la.matmul %rt, %X : tensor<400x20000xf64>, tensor<20000x400xf64>
  %R = la.rand -> tensor<20000x400xf64>
  %Rt = la.transpose %R : tensor<20000x400xf64>
  %g3 = la.matmul %Rt, %X : tensor<400x20000xf64>, tensor<20000x400xf64>
  %sum = la.add %X, %Y : tensor<20000x400xf64>, tensor<20000x400xf64>
  return %g2, %g3, %sum : tensor<400x400xf64>, tensor<400x400xf64>, tensor<20000x400xf64>
}

// -----

// A function's own expensive values are cached inside it; a call of it then
// has an effect (the cache) and is not cached again.
// CHECK-LABEL: func.func private @gram
// CHECK: la.cached
// CHECK-LABEL: func.func @caller
// CHECK-NOT: la.cached
// CHECK: call @gram
// CHECK-NOT: la.cached
// CHECK: return
func.func private @gram(%A: tensor<20000x400xf64>) -> tensor<400x400xf64> {
  %at = la.transpose %A : tensor<20000x400xf64>
  %g = la.matmul %at, %A : tensor<400x20000xf64>, tensor<20000x400xf64>
  return %g : tensor<400x400xf64>
}
func.func @caller(%X: tensor<20000x400xf64>) -> tensor<400x400xf64> {
  %g = func.call @gram(%X) : (tensor<20000x400xf64>) -> tensor<400x400xf64>
  return %g : tensor<400x400xf64>
}

// -----

// A call of a side-effect-free function is cached as a whole when its callee
// has nothing to cache itself: 60 power-iteration steps on a 2000 x 2000
// matrix (loop-carried, so not cacheable inside; 1.6 ms each) against the
// hash of A and two copies of a vector.
// CHECK-LABEL: func.func @caller_of_power
// CHECK: la.cached
// CHECK-NEXT: call @power
func.func private @power(%A: tensor<2000x2000xf64>, %v0: tensor<2000x1xf64>) -> tensor<2000x1xf64> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c60 = arith.constant 60 : index
  %v = scf.for %i = %c0 to %c60 step %c1 iter_args(%w = %v0) -> tensor<2000x1xf64> {
    %p = la.matmul %A, %w : tensor<2000x2000xf64>, tensor<2000x1xf64>
    %s = la.sumsq %p : tensor<2000x1xf64>
    %r = la.sqrt %s : f64
    %n = la.div %p, %r : tensor<2000x1xf64>, f64
    scf.yield %n : tensor<2000x1xf64>
  }
  return %v : tensor<2000x1xf64>
}
func.func @caller_of_power(%A: tensor<2000x2000xf64>, %v0: tensor<2000x1xf64>) -> tensor<2000x1xf64> {
  %0 = func.call @power(%A, %v0) : (tensor<2000x2000xf64>, tensor<2000x1xf64>) -> tensor<2000x1xf64>
  return %0 : tensor<2000x1xf64>
}

// -----

// A value declared with dynamic sizes is cached with the static type its
// operands imply (the code after the region sees the sizes); its uses keep
// the declared type through a cast.
// CHECK-LABEL: func.func @dynamic_result
// CHECK: %[[G:.*]] = la.cached %{{.*}} {height = 2 : i64} : tensor<400x400xf64> {
// CHECK: %[[P:.*]] = la.matmul {{.*}} -> tensor<?x?xf64>
// CHECK-NEXT: %[[S:.*]] = tensor.cast %[[P]] : tensor<?x?xf64> to tensor<400x400xf64>
// CHECK-NEXT: la.yield %[[S]] : tensor<400x400xf64>
// CHECK: %[[D:.*]] = tensor.cast %[[G]] : tensor<400x400xf64> to tensor<?x?xf64>
// CHECK: return %[[D]] : tensor<?x?xf64>
func.func @dynamic_result(%X: tensor<20000x400xf64>) -> tensor<?x?xf64> {
  %xt = la.transpose %X : tensor<20000x400xf64> -> tensor<?x?xf64>
  %g = la.matmul %xt, %X : tensor<?x?xf64>, tensor<20000x400xf64> -> tensor<?x?xf64>
  return %g : tensor<?x?xf64>
}

// -----

// A CSR value of a declared static shape is cached (a CSR sparse product);
// the sparse transpose it uses stays outside its region (sparse kernels in a
// branch of an scf.if do not lower).
#CSR = #sparse_tensor.encoding<{map = (i, j) -> (i : dense, j : compressed)}>
// CHECK-LABEL: func.func @sparse_product
// CHECK: %[[T:.*]] = la.transpose
// CHECK: %[[G:.*]] = la.cached %{{.*}} {height = 2 : i64} : tensor<3000x3000xf64, #sparse> {
// CHECK-NEXT: la.matmul %[[T]]
// CHECK-NEXT: la.yield
// CHECK-NEXT: }
// CHECK-NEXT: return %[[G]]
func.func @sparse_product(%A: tensor<20000x3000xf64, #CSR>) -> tensor<3000x3000xf64, #CSR> {
  %t = la.transpose %A : tensor<20000x3000xf64, #CSR> -> tensor<3000x20000xf64, #CSR>
  %g = la.matmul %t, %A : tensor<3000x20000xf64, #CSR>, tensor<20000x3000xf64, #CSR> -> tensor<3000x3000xf64, #CSR>
  return %g : tensor<3000x3000xf64, #CSR>
}
