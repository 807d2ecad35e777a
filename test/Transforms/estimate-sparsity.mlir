// RUN: lauryn-opt %s --la-estimate-sparsity=estimator=avg | FileCheck %s --check-prefix=AVG
// RUN: lauryn-opt %s --la-estimate-sparsity | FileCheck %s --check-prefix=MNC
// RUN: lauryn-opt %s --la-estimate-sparsity=estimator=bitset | FileCheck %s --check-prefix=BITSET

// t(X) %*% X with nnz(X) = 5000 of 1000 x 500 (density 0.01): the average
// case gives 250000 * (1 - (1 - 1e-4)^1000) = 23791.8.
// AVG-LABEL: func.func @product
// AVG: la.transpose %{{.*}} {la.sparsity = #la.sparsity<nnz = 5000, density = 1.000000e-02, estimator = "avg">}
// AVG: la.matmul %{{.*}} {la.sparsity = #la.sparsity<nnz = 23792, {{.*}}, estimator = "avg">}
func.func @product(%X: tensor<1000x500xf64> {la.sparsity = #la.sparsity<nnz = 5000>}) -> tensor<500x500xf64> {
  %t = la.transpose %X : tensor<1000x500xf64>
  %g = la.matmul %t, %X : tensor<500x1000xf64>, tensor<1000x500xf64>
  return %g : tensor<500x500xf64>
}

// One non-zero per row of P (a permutation): MNC is exact, nnz(P X) =
// sum_j cols(P)[j] * rows(X)[j] = 2 + 0 + 1 + 3; the average case is not.
// MNC-LABEL: func.func @selection
// MNC: la.matmul %{{.*}} {la.sparsity = #la.sparsity<nnz = 6, density = 5.000000e-01, estimator = "mnc">}
// AVG-LABEL: func.func @selection
// AVG: la.matmul %{{.*}} {la.sparsity = #la.sparsity<nnz = 5,
func.func @selection(%P: tensor<4x4xf64> {la.sketch = {rows = array<i64: 1, 1, 1, 1>, cols = array<i64: 1, 1, 1, 1>}},
                     %X: tensor<4x3xf64> {la.sketch = {rows = array<i64: 2, 0, 1, 3>, cols = array<i64: 2, 2, 2>}}) -> tensor<4x3xf64> {
  %y = la.matmul %P, %X : tensor<4x4xf64>, tensor<4x3xf64>
  return %y : tensor<4x3xf64>
}

// Constants are known exactly: X * 0 is empty, X + 1 dense, C == 0 the
// complement of C; the bitset estimator is exact on them.
// BITSET-LABEL: func.func @constants
// BITSET: la.mul %{{.*}} {la.sparsity = #la.sparsity<nnz = 1, {{.*}}, estimator = "bitset">} : tensor<2x2xf64>, tensor<2x2xf64>
// BITSET: la.mul %{{.*}} {la.sparsity = #la.sparsity<nnz = 0,
// BITSET: la.add %{{.*}} {la.sparsity = #la.sparsity<nnz = 4,
// BITSET: la.eq %{{.*}} {la.sparsity = #la.sparsity<nnz = 2,
// BITSET: la.transpose %{{.*}} {la.sparsity = #la.sparsity<nnz = 2,
func.func @constants(%X: tensor<2x2xf64> {la.sparsity = #la.sparsity<nnz = 3>}) -> (tensor<2x2xf64>, tensor<2x2xf64>, tensor<2x2xf64>, tensor<2x2xf64>, tensor<2x2xf64>) {
  %c = arith.constant dense<[[0.0, 1.0], [2.0, 0.0]]> : tensor<2x2xf64>
  %d = arith.constant dense<[[1.0, 1.0], [0.0, 0.0]]> : tensor<2x2xf64>
  %zero = arith.constant 0.0 : f64
  %one = arith.constant 1.0 : f64
  %m = la.mul %d, %c : tensor<2x2xf64>, tensor<2x2xf64> -> tensor<2x2xf64>
  %z = la.mul %X, %zero : tensor<2x2xf64>, f64 -> tensor<2x2xf64>
  %a = la.add %X, %one : tensor<2x2xf64>, f64 -> tensor<2x2xf64>
  %e = la.eq %c, %zero : tensor<2x2xf64>, f64 -> tensor<2x2xf64>
  %t = la.transpose %d : tensor<2x2xf64>
  return %m, %z, %a, %e, %t : tensor<2x2xf64>, tensor<2x2xf64>, tensor<2x2xf64>, tensor<2x2xf64>, tensor<2x2xf64>
}

// Loops run to a fixpoint (widened when still growing); a call gets the
// estimate of its callee's result, analysed with the caller's estimates.
// AVG-LABEL: func.func @loop
// AVG: scf.for
// AVG:   la.add {{.*}}la.sparsity = #la.sparsity<nnz = [[BODY:[0-9]+]],
// AVG: } {la.sparsity = #la.sparsity<nnz = [[BODY]],
// AVG: la.matmul {{.*}}la.sparsity = #la.sparsity<nnz = [[PRODUCT:[0-9]+]],
// AVG: call @scale({{.*}}la.sparsity = #la.sparsity<nnz = [[PRODUCT]],
// AVG-LABEL: func.func private @scale
// AVG: la.mul {{.*}}la.sparsity = #la.sparsity<nnz = [[PRODUCT]],
func.func @loop(%X: tensor<100x100xf64> {la.sparsity = #la.sparsity<nnz = 100>}, %n: index) -> tensor<100x100xf64> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%w = %X) -> tensor<100x100xf64> {
    %s = la.add %w, %X : tensor<100x100xf64>, tensor<100x100xf64> -> tensor<100x100xf64>
    scf.yield %s : tensor<100x100xf64>
  }
  %g = la.matmul %r, %X : tensor<100x100xf64>, tensor<100x100xf64>
  %c = func.call @scale(%g) : (tensor<100x100xf64>) -> tensor<100x100xf64>
  return %c : tensor<100x100xf64>
}
func.func private @scale(%A: tensor<100x100xf64>) -> tensor<100x100xf64> {
  %two = arith.constant 2.0 : f64
  %s = la.mul %A, %two : tensor<100x100xf64>, f64 -> tensor<100x100xf64>
  return %s : tensor<100x100xf64>
}

// No estimate without input statistics, nor for dynamic shapes.
// MNC-LABEL: func.func @unknown
// MNC-NOT: la.sparsity
// MNC: return
func.func @unknown(%X: tensor<10x10xf64>, %Y: tensor<?x?xf64>) -> (tensor<10x10xf64>, tensor<?x?xf64>) {
  %t = la.transpose %X : tensor<10x10xf64>
  %u = la.transpose %Y : tensor<?x?xf64>
  return %t, %u : tensor<10x10xf64>, tensor<?x?xf64>
}
