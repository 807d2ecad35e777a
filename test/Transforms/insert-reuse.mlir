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

// A call of a side-effect-free function whose ops are each too cheap to
// cache (3 ms each against 6 ms of copies and hashing), but not all 30
// together, is cached as a whole.
// CHECK-LABEL: func.func @caller_of_chain
// CHECK: la.cached
// CHECK-NEXT: call @chain
func.func private @chain(%A: tensor<2000x2000xf64>) -> tensor<2000x2000xf64> {
  %0 = la.exp %A : tensor<2000x2000xf64>
  %1 = la.sqrt %0 : tensor<2000x2000xf64>
  %2 = la.log %1 : tensor<2000x2000xf64>
  %3 = la.exp %2 : tensor<2000x2000xf64>
  %4 = la.sqrt %3 : tensor<2000x2000xf64>
  %5 = la.log %4 : tensor<2000x2000xf64>
  %6 = la.exp %5 : tensor<2000x2000xf64>
  %7 = la.sqrt %6 : tensor<2000x2000xf64>
  %8 = la.log %7 : tensor<2000x2000xf64>
  %9 = la.exp %8 : tensor<2000x2000xf64>
  %10 = la.sqrt %9 : tensor<2000x2000xf64>
  %11 = la.log %10 : tensor<2000x2000xf64>
  %12 = la.exp %11 : tensor<2000x2000xf64>
  %13 = la.sqrt %12 : tensor<2000x2000xf64>
  %14 = la.log %13 : tensor<2000x2000xf64>
  %15 = la.exp %14 : tensor<2000x2000xf64>
  %16 = la.sqrt %15 : tensor<2000x2000xf64>
  %17 = la.log %16 : tensor<2000x2000xf64>
  %18 = la.exp %17 : tensor<2000x2000xf64>
  %19 = la.sqrt %18 : tensor<2000x2000xf64>
  %20 = la.log %19 : tensor<2000x2000xf64>
  %21 = la.exp %20 : tensor<2000x2000xf64>
  %22 = la.sqrt %21 : tensor<2000x2000xf64>
  %23 = la.log %22 : tensor<2000x2000xf64>
  %24 = la.exp %23 : tensor<2000x2000xf64>
  %25 = la.sqrt %24 : tensor<2000x2000xf64>
  %26 = la.log %25 : tensor<2000x2000xf64>
  %27 = la.exp %26 : tensor<2000x2000xf64>
  %28 = la.sqrt %27 : tensor<2000x2000xf64>
  %29 = la.log %28 : tensor<2000x2000xf64>
  return %29 : tensor<2000x2000xf64>
}
func.func @caller_of_chain(%X: tensor<2000x2000xf64>) -> tensor<2000x2000xf64> {
  %0 = func.call @chain(%X) : (tensor<2000x2000xf64>) -> tensor<2000x2000xf64>
  return %0 : tensor<2000x2000xf64>
}
