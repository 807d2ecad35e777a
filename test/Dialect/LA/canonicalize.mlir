// Folding and the static algebraic rewrites of la; each only where it is exact.
// RUN: lauryn-opt %s --canonicalize --split-input-file | FileCheck %s
// Every rewrite succeeds once it creates IR: the greedy driver converges.
// RUN: lauryn-opt %s --pass-pipeline="builtin.module(canonicalize{test-convergence=true})" --split-input-file > /dev/null

// CHECK-LABEL: func.func @transpose_transpose
// CHECK-SAME: (%[[X:[a-z0-9_]+]]: tensor<?x3xf64>)
// CHECK-NEXT: return %[[X]]
func.func @transpose_transpose(%X: tensor<?x3xf64>) -> tensor<?x3xf64> {
  %0 = la.transpose %X : tensor<?x3xf64>
  %1 = la.transpose %0 : tensor<3x?xf64>
  return %1 : tensor<?x3xf64>
}

// -----

// X*1, 1*X, X/1, X^1, X-0.0, X+(-0.0) fold to X.
// CHECK-LABEL: func.func @identities
// CHECK-SAME: (%[[X:[a-z0-9_]+]]: tensor<?x?xf64>)
// CHECK-NOT: la.
// CHECK: return %[[X]], %[[X]], %[[X]], %[[X]], %[[X]], %[[X]]
func.func @identities(%X: tensor<?x?xf64>) -> (tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x?xf64>,
                                              tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x?xf64>) {
  %one = arith.constant 1.0 : f64
  %zero = arith.constant 0.0 : f64
  %nzero = arith.constant -0.0 : f64
  %0 = la.mul %X, %one : tensor<?x?xf64>, f64
  %1 = la.mul %one, %X : f64, tensor<?x?xf64>
  %2 = la.div %X, %one : tensor<?x?xf64>, f64
  %3 = la.pow %X, %one : tensor<?x?xf64>, f64
  %4 = la.sub %X, %zero : tensor<?x?xf64>, f64
  %5 = la.add %X, %nzero : tensor<?x?xf64>, f64
  return %0, %1, %2, %3, %4, %5 : tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x?xf64>,
                                  tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x?xf64>
}

// -----

// X + 0.0 is not X for floats (-0.0 + 0.0 = +0.0), but it is for integers.
// CHECK-LABEL: func.func @add_zero
// CHECK-SAME: (%[[X:[a-z0-9_]+]]: tensor<?x?xf64>, %[[I:[a-z0-9_]+]]: tensor<?x?xi64>)
// CHECK: %[[F:.*]] = la.add %[[X]], %{{.*}} : tensor<?x?xf64>, f64
// CHECK: return %[[F]], %[[I]]
func.func @add_zero(%X: tensor<?x?xf64>, %I: tensor<?x?xi64>) -> (tensor<?x?xf64>, tensor<?x?xi64>) {
  %zero = arith.constant 0.0 : f64
  %izero = arith.constant 0 : i64
  %0 = la.add %X, %zero : tensor<?x?xf64>, f64
  %1 = la.add %I, %izero : tensor<?x?xi64>, i64
  return %0, %1 : tensor<?x?xf64>, tensor<?x?xi64>
}

// -----

// A broadcast identity would change the result type: not folded.
// CHECK-LABEL: func.func @identity_keeps_type
// CHECK: la.mul
func.func @identity_keeps_type(%v: tensor<?x1xf64>) -> tensor<?x4xf64> {
  %ones = arith.constant dense<1.0> : tensor<1x4xf64>
  %0 = la.mul %v, %ones : tensor<?x1xf64>, tensor<1x4xf64>
  return %0 : tensor<?x4xf64>
}

// -----

// X * 0 is not 0 (NaN * 0 = NaN): not folded.
// CHECK-LABEL: func.func @mul_zero
// CHECK: la.mul
func.func @mul_zero(%X: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %zero = arith.constant 0.0 : f64
  %0 = la.mul %X, %zero : tensor<?x?xf64>, f64
  return %0 : tensor<?x?xf64>
}

// -----

// CHECK-LABEL: func.func @neg_neg
// CHECK-SAME: (%[[X:[a-z0-9_]+]]: tensor<?x?xf64>)
// CHECK-NEXT: %[[A:.*]] = la.abs %[[X]]
// CHECK-NEXT: %[[F:.*]] = la.floor %[[X]]
// CHECK-NEXT: return %[[X]], %[[A]], %[[F]], %[[X]], %[[X]]
func.func @neg_neg(%X: tensor<?x?xf64>) -> (tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x?xf64>,
                                           tensor<?x?xf64>, tensor<?x?xf64>) {
  %0 = la.neg %X : tensor<?x?xf64>
  %1 = la.neg %0 : tensor<?x?xf64>
  %2 = la.abs %X : tensor<?x?xf64>
  %3 = la.abs %2 : tensor<?x?xf64>
  %4 = la.floor %X : tensor<?x?xf64>
  %5 = la.floor %4 : tensor<?x?xf64>
  %6 = la.rev %X : tensor<?x?xf64>
  %7 = la.rev %6 : tensor<?x?xf64>
  %8 = la.minimum %X, %X : tensor<?x?xf64>, tensor<?x?xf64>
  return %1, %3, %5, %7, %8 : tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x?xf64>
}

// -----

// Rounding integers is the identity; integers are never NaN.
// CHECK-LABEL: func.func @integer_rounding
// CHECK-SAME: (%[[I:[a-z0-9_]+]]: tensor<2x2xi64>)
// CHECK: %[[Z:.*]] = arith.constant dense<0> : tensor<2x2xi64>
// CHECK: return %[[I]], %[[I]], %[[Z]]
func.func @integer_rounding(%I: tensor<2x2xi64>) -> (tensor<2x2xi64>, tensor<2x2xi64>, tensor<2x2xi64>) {
  %0 = la.round %I : tensor<2x2xi64>
  %1 = la.ceil %I : tensor<2x2xi64>
  %2 = la.isnan %I : tensor<2x2xi64>
  return %0, %1, %2 : tensor<2x2xi64>, tensor<2x2xi64>, tensor<2x2xi64>
}

// -----

// sum(t(X)) -> sum(X), also for the other full aggregates.
// CHECK-LABEL: func.func @aggregate_of_transpose
// CHECK-SAME: (%[[X:[a-z0-9_]+]]: tensor<?x?xf64>)
// CHECK-NOT: la.transpose
// CHECK-DAG: la.sum %[[X]] : tensor<?x?xf64>
// CHECK-DAG: la.max %[[X]] : tensor<?x?xf64>
// CHECK-DAG: la.nnz %[[X]] : tensor<?x?xf64>
func.func @aggregate_of_transpose(%X: tensor<?x?xf64>) -> (f64, f64, i64) {
  %t = la.transpose %X : tensor<?x?xf64>
  %0 = la.sum %t : tensor<?x?xf64>
  %1 = la.max %t : tensor<?x?xf64>
  %2 = la.nnz %t : tensor<?x?xf64>
  return %0, %1, %2 : f64, f64, i64
}

// -----

// colSums(t(X)) -> t(rowSums(X)) and rowMeans(t(X)) -> t(colMeans(X)).
// CHECK-LABEL: func.func @col_sums_of_transpose
// CHECK-SAME: (%[[X:[a-z0-9_]+]]: tensor<5x?xf64>)
// CHECK: %[[R:.*]] = la.sum row %[[X]] : tensor<5x?xf64>
// CHECK: %[[T:.*]] = la.transpose %[[R]] : tensor<5x1xf64>
// CHECK: %[[C:.*]] = la.mean col %[[X]] : tensor<5x?xf64>
// CHECK: %[[T2:.*]] = la.transpose %[[C]] : tensor<1x?xf64>
// CHECK: return %[[T]], %[[T2]]
func.func @col_sums_of_transpose(%X: tensor<5x?xf64>) -> (tensor<1x5xf64>, tensor<?x1xf64>) {
  %t = la.transpose %X : tensor<5x?xf64>
  %0 = la.sum col %t : tensor<?x5xf64>
  %1 = la.mean row %t : tensor<?x5xf64>
  return %0, %1 : tensor<1x5xf64>, tensor<?x1xf64>
}

// -----

// t(X) %*% t(Y) -> t(Y %*% X)
// CHECK-LABEL: func.func @matmul_of_transposes
// CHECK-SAME: (%[[X:[a-z0-9_]+]]: tensor<3x4xf64>, %[[Y:[a-z0-9_]+]]: tensor<5x3xf64>)
// CHECK: %[[M:.*]] = la.matmul %[[Y]], %[[X]] : tensor<5x3xf64>, tensor<3x4xf64>
// CHECK: %[[T:.*]] = la.transpose %[[M]] : tensor<5x4xf64>
// CHECK: return %[[T]]
func.func @matmul_of_transposes(%X: tensor<3x4xf64>, %Y: tensor<5x3xf64>) -> tensor<4x5xf64> {
  %tx = la.transpose %X : tensor<3x4xf64>
  %ty = la.transpose %Y : tensor<5x3xf64>
  %0 = la.matmul %tx, %ty : tensor<4x3xf64>, tensor<3x5xf64>
  return %0 : tensor<4x5xf64>
}

// -----

// X^2 -> X*X, X/4 -> X*0.25, X + (-Y) -> X - Y; X/3 stays (1/3 is inexact).
// CHECK-LABEL: func.func @strength_reduction
// CHECK-SAME: (%[[X:[a-z0-9_]+]]: tensor<?x?xf64>, %[[Y:[a-z0-9_]+]]: tensor<?x?xf64>)
// CHECK-DAG: %[[Q:.*]] = arith.constant 2.500000e-01 : f64
// CHECK-DAG: %[[THREE:.*]] = arith.constant 3.000000e+00 : f64
// CHECK: %[[SQ:.*]] = la.mul %[[X]], %[[X]]
// CHECK: %[[D:.*]] = la.mul %[[X]], %[[Q]]
// CHECK: %[[D3:.*]] = la.div %[[X]], %[[THREE]]
// CHECK: %[[S:.*]] = la.sub %[[X]], %[[Y]]
// CHECK: return %[[SQ]], %[[D]], %[[D3]], %[[S]]
func.func @strength_reduction(%X: tensor<?x?xf64>, %Y: tensor<?x?xf64>)
    -> (tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x?xf64>) {
  %two = arith.constant 2.0 : f64
  %four = arith.constant 4.0 : f64
  %three = arith.constant 3.0 : f64
  %0 = la.pow %X, %two : tensor<?x?xf64>, f64
  %1 = la.div %X, %four : tensor<?x?xf64>, f64
  %2 = la.div %X, %three : tensor<?x?xf64>, f64
  %n = la.neg %Y : tensor<?x?xf64>
  %3 = la.add %n, %X : tensor<?x?xf64>, tensor<?x?xf64>
  return %0, %1, %2, %3 : tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x?xf64>
}

// -----

// No-op casts, conversions, reshapes, single-operand binds, full slices.
// CHECK-LABEL: func.func @no_ops
// CHECK-SAME: (%[[X:[a-z0-9_]+]]: tensor<3x4xf64>)
// CHECK-NOT: la.
// CHECK: return %[[X]], %[[X]], %[[X]], %[[X]], %[[X]], %[[X]]
func.func @no_ops(%X: tensor<3x4xf64>) -> (tensor<3x4xf64>, tensor<3x4xf64>, tensor<3x4xf64>,
                                          tensor<3x4xf64>, tensor<3x4xf64>, tensor<3x4xf64>) {
  %c0 = arith.constant 0 : index
  %c3 = arith.constant 3 : index
  %c4 = arith.constant 4 : index
  %0 = la.cast %X : tensor<3x4xf64> -> tensor<3x4xf64>
  %1 = la.convert %X : tensor<3x4xf64> -> tensor<3x4xf64>
  %2 = la.reshape %X : tensor<3x4xf64> -> tensor<3x4xf64>
  %3 = la.cbind %X : tensor<3x4xf64>
  %4 = la.slice %X, %c0, %c3, %c0, %c4 : tensor<3x4xf64>, index, index, index, index
  %r = la.reshape %X : tensor<3x4xf64> -> tensor<2x6xf64>
  %5 = la.reshape %r : tensor<2x6xf64> -> tensor<3x4xf64>
  return %0, %1, %2, %3, %4, %5 : tensor<3x4xf64>, tensor<3x4xf64>, tensor<3x4xf64>,
                                  tensor<3x4xf64>, tensor<3x4xf64>, tensor<3x4xf64>
}

// -----

// A reshape between equal dynamic types may still change the shape.
// CHECK-LABEL: func.func @dynamic_reshape
// CHECK: la.reshape
func.func @dynamic_reshape(%X: tensor<?x?xf64>, %r: index, %c: index) -> tensor<?x?xf64> {
  %0 = la.reshape %X, %r, %c : tensor<?x?xf64>, index, index -> tensor<?x?xf64>
  return %0 : tensor<?x?xf64>
}

// -----

// Aggregating a vector along its length-1 axis; diag(diag(v)) = v.
// CHECK-LABEL: func.func @vectors
// CHECK-SAME: (%[[V:[a-z0-9_]+]]: tensor<?x1xf64>, %[[R:[a-z0-9_]+]]: tensor<1x?xf64>)
// CHECK-NOT: la.
// CHECK: return %[[V]], %[[R]], %[[V]]
func.func @vectors(%v: tensor<?x1xf64>, %r: tensor<1x?xf64>) -> (tensor<?x1xf64>, tensor<1x?xf64>, tensor<?x1xf64>) {
  %0 = la.sum row %v : tensor<?x1xf64>
  %1 = la.max col %r : tensor<1x?xf64>
  %d = la.diag %v : tensor<?x1xf64>
  %2 = la.diag %d : tensor<?x?xf64>
  return %0, %1, %2 : tensor<?x1xf64>, tensor<1x?xf64>, tensor<?x1xf64>
}

// -----

// Constant folding with DML semantics.
// CHECK-LABEL: func.func @constants
// CHECK-DAG: arith.constant 1.000000e+01 : f64
// CHECK-DAG: arith.constant dense<{{\[}}[3.000000e+00], [7.000000e+00]]> : tensor<2x1xf64>
// CHECK-DAG: arith.constant dense<{{\[}}[1.000000e+00, 3.000000e+00], [2.000000e+00, 4.000000e+00]]> : tensor<2x2xf64>
// CHECK-DAG: arith.constant 4 : i64
// CHECK-DAG: arith.constant dense<{{\[}}[1, 2]]> : tensor<1x2xi64>
// CHECK-DAG: arith.constant dense<{{\[}}[1, 0]]> : tensor<1x2xi64>
// CHECK-DAG: arith.constant 5.000000e-01 : f64
// CHECK-DAG: arith.constant 1.6666666666666667 : f64
// CHECK-NOT: la.
func.func @constants() -> (tensor<2x2xf64>, f64, tensor<2x1xf64>, tensor<2x2xf64>, i64,
                           tensor<1x2xi64>, tensor<1x2xi64>, f64, f64) {
  %A = arith.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf64>
  %row = arith.constant dense<[[10.0, 20.0]]> : tensor<1x2xf64>
  %col = arith.constant dense<[[10.0], [20.0]]> : tensor<2x1xf64>
  %0 = la.add %A, %row : tensor<2x2xf64>, tensor<1x2xf64>
  %t = la.transpose %0 : tensor<2x2xf64>
  %00 = la.sub %t, %col : tensor<2x2xf64>, tensor<2x1xf64>
  %1 = la.sum %A : tensor<2x2xf64>
  %2 = la.sum row %A : tensor<2x2xf64>
  %3 = la.transpose %A : tensor<2x2xf64>
  %4 = la.nnz %A : tensor<2x2xf64>
  %I = arith.constant dense<[[7, -7]]> : tensor<1x2xi64>
  %three = arith.constant 3 : i64
  // DML %/% and %% use floor division: -7 %/% 3 = -3, -7 %% 3 = 2.
  // t(A + row) - col = t(A), so %00 and %3 fold to the same constant.
  %5 = la.intdiv %I, %three : tensor<1x2xi64>, i64
  %6 = la.mod %I, %three : tensor<1x2xi64>, i64
  %7 = la.add %5, %6 : tensor<1x2xi64>, tensor<1x2xi64>
  %x = arith.constant 0.0 : f64
  %8 = la.sigmoid %x : f64
  %9 = la.var %A : tensor<2x2xf64>
  %n3 = la.nnz %3 : tensor<2x2xf64>
  %n = la.sub %n3, %4 : i64, i64
  %m = la.sub %4, %n : i64, i64
  %ones = arith.constant dense<1> : tensor<1x2xi64>
  %10 = la.ge %7, %ones : tensor<1x2xi64>, tensor<1x2xi64>
  return %00, %1, %2, %3, %m, %6, %10, %8, %9 : tensor<2x2xf64>, f64, tensor<2x1xf64>, tensor<2x2xf64>, i64,
                                     tensor<1x2xi64>, tensor<1x2xi64>, f64, f64
}

// -----

// Integer division by zero and MIN / -1 yield 0 (as at run time), at every
// bit width.
// CHECK-LABEL: func.func @int_div_zero
// CHECK-DAG: %[[Z8:.*]] = arith.constant 0 : i8
// CHECK-DAG: %[[Z32:.*]] = arith.constant 0 : i32
// CHECK-DAG: %[[Z64:.*]] = arith.constant 0 : i64
// CHECK: return %[[Z64]], %[[Z64]], %[[Z8]], %[[Z8]], %[[Z8]], %[[Z32]], %[[Z64]]
func.func @int_div_zero() -> (i64, i64, i8, i8, i8, i32, i64) {
  %a = arith.constant 7 : i64
  %z = arith.constant 0 : i64
  %0 = la.intdiv %a, %z : i64, i64
  %1 = la.div %a, %z : i64, i64
  %m8 = arith.constant -128 : i8
  %n8 = arith.constant -1 : i8
  %2 = la.div %m8, %n8 : i8, i8
  %3 = la.intdiv %m8, %n8 : i8, i8
  %4 = la.mod %m8, %n8 : i8, i8
  %m32 = arith.constant -2147483648 : i32
  %n32 = arith.constant -1 : i32
  %5 = la.div %m32, %n32 : i32, i32
  %m64 = arith.constant -9223372036854775808 : i64
  %n64 = arith.constant -1 : i64
  %6 = la.div %m64, %n64 : i64, i64
  return %0, %1, %2, %3, %4, %5, %6 : i64, i64, i8, i8, i8, i32, i64
}

// -----

// IEEE minimum/maximum: -0.0 < +0.0, whatever the operand order.
// CHECK-LABEL: func.func @signed_zeros
// CHECK-DAG: %[[N:.*]] = arith.constant -0.000000e+00 : f64
// CHECK-DAG: %[[P:.*]] = arith.constant 0.000000e+00 : f64
// CHECK: return %[[N]], %[[N]], %[[P]], %[[N]], %[[P]]
func.func @signed_zeros() -> (f64, f64, f64, f64, f64) {
  %p = arith.constant 0.0 : f64
  %n = arith.constant -0.0 : f64
  %0 = la.minimum %p, %n : f64, f64
  %1 = la.minimum %n, %p : f64, f64
  %2 = la.maximum %n, %p : f64, f64
  %m = arith.constant dense<[[0.0, -0.0]]> : tensor<1x2xf64>
  %3 = la.min %m : tensor<1x2xf64>
  %4 = la.max %m : tensor<1x2xf64>
  return %0, %1, %2, %3, %4 : f64, f64, f64, f64, f64
}

// -----

// min(X, X) folds only where the type is kept.
// CHECK-LABEL: func.func @min_self_keeps_type
// CHECK: la.minimum
func.func @min_self_keeps_type(%X: tensor<?x?xf64>) -> tensor<2x2xf64> {
  %0 = la.minimum %X, %X : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<2x2xf64>
  return %0 : tensor<2x2xf64>
}

// -----

// Rewrites keep an explicitly written result type.
// CHECK-LABEL: func.func @explicit_result_types
// CHECK: la.sub %{{.*}}, %{{.*}} : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<2x2xf64>
// CHECK: %[[C:.*]] = la.sum col %{{.*}} : tensor<?x?xf64>
// CHECK: la.transpose %[[C]] : tensor<1x?xf64> -> tensor<?x1xf64, #sparse>
func.func @explicit_result_types(%X: tensor<?x?xf64>, %Y: tensor<?x?xf64>)
    -> (tensor<2x2xf64>, tensor<?x1xf64, #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>>) {
  %n = la.neg %Y : tensor<?x?xf64>
  %0 = la.add %X, %n : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<2x2xf64>
  %t = la.transpose %X : tensor<?x?xf64>
  %1 = la.sum row %t : tensor<?x?xf64> -> tensor<?x1xf64, #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>>
  return %0, %1 : tensor<2x2xf64>, tensor<?x1xf64, #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>>
}

// -----

// Large constants: splats fold in O(1); aggregates over more than 65,536
// cells are not folded.
// CHECK-LABEL: func.func @large_constants
// CHECK: %[[S:.*]] = arith.constant dense<2.000000e+00> : tensor<100000x100000xf64>
// CHECK: %[[SUM:.*]] = la.sum
// CHECK: return %[[S]], %[[SUM]]
func.func @large_constants() -> (tensor<100000x100000xf64>, f64) {
  %c = arith.constant dense<1.0> : tensor<100000x100000xf64>
  %0 = la.add %c, %c : tensor<100000x100000xf64>, tensor<100000x100000xf64>
  %1 = la.sum %c : tensor<100000x100000xf64>
  return %0, %1 : tensor<100000x100000xf64>, f64
}

// -----

// NaN semantics: min/max propagate NaN; NaN is "true" in logical ops.
// CHECK-LABEL: func.func @nan
// CHECK-DAG: %[[NAN:.*]] = arith.constant 0x7FF8000000000000 : f64
// CHECK-DAG: %[[ONE:.*]] = arith.constant 1.000000e+00 : f64
// CHECK: return %[[NAN]], %[[ONE]], %[[ONE]]
func.func @nan() -> (f64, f64, f64) {
  %nan = arith.constant 0x7FF8000000000000 : f64
  %one = arith.constant 1.0 : f64
  %0 = la.minimum %nan, %one : f64, f64
  %1 = la.and %nan, %one : f64, f64
  %2 = la.isnan %nan : f64
  return %0, %1, %2 : f64, f64, f64
}

// -----

// ifelse with a constant condition picks a branch.
// CHECK-LABEL: func.func @ifelse_constant
// CHECK-SAME: (%[[A:[a-z0-9_]+]]: tensor<?x?xf64>, %[[B:[a-z0-9_]+]]: tensor<?x?xf64>)
// CHECK: return %[[B]]
func.func @ifelse_constant(%A: tensor<?x?xf64>, %B: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %false = arith.constant 0.0 : f64
  %0 = la.ifelse %false, %A, %B : f64, tensor<?x?xf64>, tensor<?x?xf64>
  return %0 : tensor<?x?xf64>
}
