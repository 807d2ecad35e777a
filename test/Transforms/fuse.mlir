// RUN: lauryn-opt %s -split-input-file --la-fuse | FileCheck %s --check-prefixes=CHECK,COST
// RUN: lauryn-opt %s -split-input-file --la-fuse=selector=all | FileCheck %s --check-prefixes=CHECK,ALL
// RUN: lauryn-opt %s -split-input-file --la-fuse=selector=heuristic | FileCheck %s --check-prefixes=CHECK,HEUR
// RUN: lauryn-opt %s -split-input-file --la-fuse=selector=none | FileCheck %s --check-prefix=NONE
// RUN: lauryn-opt %s -split-input-file --la-fuse=gflops=1 | FileCheck %s --check-prefix=SLOWCPU

// Cell with a full aggregate: sum(X * Y * Z) in one operator.
// CHECK-LABEL: func.func @cell_sum
// CHECK: %[[F:.*]] = la.fused(%arg0, %arg1, %arg2) {kind = #la.template<cell>{{.*}}}
// CHECK-NEXT: ^bb0
// CHECK-NEXT: la.mul
// CHECK-NEXT: la.mul
// CHECK-NEXT: %[[S:.*]] = la.sum
// CHECK-NEXT: la.yield %[[S]] : f64
// CHECK: return %[[F]]
// NONE-LABEL: func.func @cell_sum
// NONE-NOT: la.fused
func.func @cell_sum(%X: tensor<?x?xf64>, %Y: tensor<?x?xf64>, %Z: tensor<?x?xf64>) -> f64 {
  %0 = la.mul %X, %Y : tensor<?x?xf64>, tensor<?x?xf64>
  %1 = la.mul %0, %Z : tensor<?x?xf64>, tensor<?x?xf64>
  %2 = la.sum %1 : tensor<?x?xf64>
  return %2 : f64
}

// -----

// Side inputs: a row vector and a scalar broadcast into the cell loop; a
// column aggregate closes it (colSums(2 * log(X - v))).
// CHECK-LABEL: func.func @cell_colsums_side_inputs
// CHECK: la.fused(%arg0, %arg1, %{{.*}}) {kind = #la.template<cell>{{.*}}} : (tensor<100x20xf64>, tensor<1x20xf64>, f64) -> tensor<1x20xf64>
// CHECK: la.sum col
// CHECK-NEXT: la.yield
func.func @cell_colsums_side_inputs(%X: tensor<100x20xf64>, %v: tensor<1x20xf64>) -> tensor<1x20xf64> {
  %two = arith.constant 2.0 : f64
  %0 = la.sub %X, %v : tensor<100x20xf64>, tensor<1x20xf64>
  %1 = la.log %0 : tensor<100x20xf64>
  %2 = la.mul %1, %two : tensor<100x20xf64>, f64
  %3 = la.sum col %2 : tensor<100x20xf64>
  return %3 : tensor<1x20xf64>
}

// -----

// Multi-aggregate: three full aggregates over shared inputs in one scan.
// CHECK-LABEL: func.func @multi_aggregate
// CHECK: %[[M:.*]]:3 = la.fused(%arg0, %arg1) {kind = #la.template<magg>}
// CHECK-COUNT-3: la.sum
// CHECK: la.yield
// CHECK: la.add %[[M]]#0, %[[M]]#1
func.func @multi_aggregate(%X: tensor<?x?xf64>, %Y: tensor<?x?xf64>) -> f64 {
  %0 = la.mul %X, %Y : tensor<?x?xf64>, tensor<?x?xf64>
  %1 = la.sum %0 : tensor<?x?xf64>
  %2 = la.mul %X, %X : tensor<?x?xf64>, tensor<?x?xf64>
  %3 = la.sum %2 : tensor<?x?xf64>
  %4 = la.mul %Y, %Y : tensor<?x?xf64>, tensor<?x?xf64>
  %5 = la.sum %4 : tensor<?x?xf64>
  %6 = la.add %1, %3 : f64, f64
  %7 = la.add %6, %5 : f64, f64
  return %7 : f64
}

// -----

// A cheap shared intermediate (X * Y, used twice): the cost selector and
// `all` recompute it inside both consumers; `heuristic` materializes it.
// CHECK-LABEL: func.func @shared_cheap
// COST-COUNT-2: la.fused
// ALL-COUNT-2: la.fused
// HEUR: %[[P:.*]] = la.mul %arg0, %arg1
// HEUR-NOT: la.fused
func.func @shared_cheap(%X: tensor<1000x1000xf64>, %Y: tensor<1000x1000xf64>) -> (tensor<1000x1000xf64>, tensor<1000x1000xf64>) {
  %0 = la.mul %X, %Y : tensor<1000x1000xf64>, tensor<1000x1000xf64>
  %1 = la.add %0, %X : tensor<1000x1000xf64>, tensor<1000x1000xf64>
  %2 = la.sub %0, %Y : tensor<1000x1000xf64>, tensor<1000x1000xf64>
  return %1, %2 : tensor<1000x1000xf64>, tensor<1000x1000xf64>
}

// -----

// A shared intermediate that is expensive at a slow cell-wise rate
// (exp(log(X))): at 1 GFLOP/s the cost selector writes it once and reads it
// twice; at the default rate (generated code with vector exp/log on this
// machine kind) recomputing it in both consumers is cheaper, as `all` does.
// CHECK-LABEL: func.func @shared_expensive
// COST-COUNT-2: la.fused
// ALL-COUNT-2: la.fused
// SLOWCPU-LABEL: func.func @shared_expensive
// SLOWCPU: %[[E:.*]] = la.fused(%arg0) {kind = #la.template<cell>{{.*}}}
// SLOWCPU: la.add %[[E]], %arg0
// SLOWCPU: la.sub %[[E]], %arg0
func.func @shared_expensive(%X: tensor<1000x1000xf64>) -> (tensor<1000x1000xf64>, tensor<1000x1000xf64>) {
  %0 = la.log %X : tensor<1000x1000xf64>
  %1 = la.exp %0 : tensor<1000x1000xf64>
  %2 = la.add %1, %X : tensor<1000x1000xf64>, tensor<1000x1000xf64>
  %3 = la.sub %1, %X : tensor<1000x1000xf64>, tensor<1000x1000xf64>
  return %2, %3 : tensor<1000x1000xf64>, tensor<1000x1000xf64>
}

// -----

// Sparse driver: sum(X * log(Y)) over a CSR X is sparse-safe and iterates
// the stored entries of X only.
// CHECK-LABEL: func.func @sparse_safe
// CHECK: la.fused(%arg0, %arg1) {driver = 1 : i64, kind = #la.template<cell>, sparse_safe} : (tensor<100x100xf64>, tensor<100x100xf64, #sparse>) -> f64
// CHECK: la.log
// CHECK: la.mul
// CHECK: la.sum
#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>
func.func @sparse_safe(%Y: tensor<100x100xf64>, %X: tensor<100x100xf64, #CSR>) -> f64 {
  %0 = la.log %Y : tensor<100x100xf64>
  %1 = la.mul %X, %0 : tensor<100x100xf64, #CSR>, tensor<100x100xf64>
  %2 = la.sum %1 : tensor<100x100xf64, #CSR>
  return %2 : f64
}

// -----

// Sparse-unsafe with a CSR operand (X + 1 / Y is dense where X is zero):
// not fused, since implicit zeros would meet the dense body.
// CHECK-LABEL: func.func @sparse_unsafe
// CHECK-NOT: la.fused
#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>
func.func @sparse_unsafe(%X: tensor<100x100xf64, #CSR>, %Y: tensor<100x100xf64>) -> f64 {
  %one = arith.constant 1.0 : f64
  %0 = la.div %one, %Y : f64, tensor<100x100xf64>
  %1 = la.add %X, %0 : tensor<100x100xf64, #CSR>, tensor<100x100xf64>
  %2 = la.max %1 : tensor<100x100xf64>
  return %2 : f64
}

// -----

// Not fusible: a broadcast producer (a row vector feeding a matrix op) is a
// side input, and a matmul is no cell-wise op.
// CHECK-LABEL: func.func @not_fusible
// CHECK: la.exp %arg1
// CHECK: la.matmul
// CHECK-NOT: la.fused
func.func @not_fusible(%X: tensor<10x20xf64>, %v: tensor<1x20xf64>, %W: tensor<20x5xf64>) -> tensor<10x5xf64> {
  %0 = la.exp %v : tensor<1x20xf64>
  %1 = la.mul %X, %0 : tensor<10x20xf64>, tensor<1x20xf64>
  %2 = la.matmul %1, %W : tensor<10x20xf64>, tensor<20x5xf64>
  return %2 : tensor<10x5xf64>
}

// -----

// Loop bodies are fused too.
// CHECK-LABEL: func.func @in_loop
// CHECK: scf.for
// CHECK: la.fused
func.func @in_loop(%X: tensor<?x?xf64>, %n: index) -> f64 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %z = arith.constant 0.0 : f64
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %z) -> f64 {
    %0 = la.mul %X, %acc : tensor<?x?xf64>, f64
    %1 = la.exp %0 : tensor<?x?xf64>
    %2 = la.mean %1 : tensor<?x?xf64>
    scf.yield %2 : f64
  }
  return %r : f64
}

// -----

// Outer: sum(X * log(U %*% t(V) + eps)) over a CSR X takes the product in;
// it is then computed only at the stored entries of X. The conversion that
// format selection placed before the sum does not block it.
// CHECK-LABEL: func.func @outer
// CHECK-NOT: la.matmul %arg
// CHECK: la.fused({{.*}}) {driver = {{[0-9]+}} : i64, kind = #la.template<outer>, sparse_safe}
// CHECK: la.transpose
// CHECK: la.matmul
// CHECK: la.log
// CHECK: la.sum
// NONE-LABEL: func.func @outer
// NONE: la.matmul
#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>
func.func @outer(%X: tensor<1000x800xf64, #CSR>, %U: tensor<1000x10xf64>, %V: tensor<800x10xf64>) -> f64 {
  %eps = arith.constant 1.0e-15 : f64
  %vt = la.transpose %V : tensor<800x10xf64>
  %uv = la.matmul %U, %vt : tensor<1000x10xf64>, tensor<10x800xf64>
  %a = la.add %uv, %eps : tensor<1000x800xf64>, f64
  %l = la.log %a : tensor<1000x800xf64>
  %p = la.mul %X, %l : tensor<1000x800xf64, #CSR>, tensor<1000x800xf64> -> tensor<1000x800xf64>
  %c = la.convert %p : tensor<1000x800xf64> -> tensor<1000x800xf64, #CSR>
  %s = la.sum %c : tensor<1000x800xf64, #CSR>
  return %s : f64
}

// -----

// Outer without aggregate: X * sigmoid(U %*% t(V)) over a CSR X of static
// shape (the JIT specializes arguments) computes the product at X's stored
// entries only and yields a CSR result of X's pattern.
// CHECK-LABEL: func.func @outer_sparse_output
// CHECK-NOT: la.matmul %arg
// CHECK: la.fused({{.*}}) {kind = #la.template<outer>, sparse_safe}
// CHECK: la.matmul
// CHECK: la.sigmoid
// CHECK: la.mul
// CHECK-NOT: la.sum
// CHECK: la.yield
// NONE-LABEL: func.func @outer_sparse_output
// NONE: la.matmul
#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>
func.func @outer_sparse_output(%X: tensor<1000x800xf64, #CSR>, %U: tensor<1000x10xf64>, %V: tensor<800x10xf64>) -> tensor<?x?xf64, #CSR> {
  %vt = la.transpose %V : tensor<800x10xf64> -> tensor<?x?xf64>
  %uv = la.matmul %U, %vt : tensor<1000x10xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
  %s = la.sigmoid %uv : tensor<?x?xf64>
  %p = la.mul %X, %s : tensor<1000x800xf64, #CSR>, tensor<?x?xf64> -> tensor<?x?xf64, #CSR>
  return %p : tensor<?x?xf64, #CSR>
}

// -----

// A product of the outer's sparse values with a dense operand,
// (X * sigmoid(U %*% t(V))) %*% V, closes the outer operator: the sparse
// intermediate is never built.
// X / (U %*% t(V)) is sparse-safe in its CSR numerator (la.div's
// structural zeros): a single op, wrapped for the outer step, that takes the
// product and the closing product in.
// CHECK-LABEL: func.func @outer_division_closing_product
// CHECK-NOT: la.matmul %arg
// CHECK: la.fused({{.*}}) {kind = #la.template<outer>, sparse_safe} : {{.*}} -> tensor<?x?xf64>
// CHECK: la.matmul
// CHECK: %[[Q:.*]] = la.div
// CHECK: %[[R:.*]] = la.matmul %[[Q]], %arg
// CHECK: la.yield %[[R]]
// CHECK-NOT: la.matmul
// CHECK: return
// NONE-LABEL: func.func @outer_division_closing_product
// NONE-NOT: la.fused
#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>
func.func @outer_division_closing_product(%X: tensor<1000x800xf64, #CSR>, %U: tensor<1000x10xf64>, %V: tensor<800x10xf64>) -> tensor<?x?xf64> {
  %vt = la.transpose %V : tensor<800x10xf64> -> tensor<?x?xf64>
  %uv = la.matmul %U, %vt : tensor<1000x10xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
  %q = la.div %X, %uv : tensor<1000x800xf64, #CSR>, tensor<?x?xf64> -> tensor<?x?xf64, #CSR>
  %r = la.matmul %q, %V : tensor<?x?xf64, #CSR>, tensor<800x10xf64> -> tensor<?x?xf64>
  return %r : tensor<?x?xf64>
}

// -----

// A dense numerator is not sparse-safe (0 / 0 is NaN), nor is a CSR
// denominator: no outer operator.
// CHECK-LABEL: func.func @outer_division_not_sparse_safe
// CHECK-NOT: #la.template<outer>
// CHECK: return
#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>
func.func @outer_division_not_sparse_safe(%X: tensor<1000x800xf64>, %U: tensor<1000x10xf64>, %V: tensor<800x10xf64>, %S: tensor<1000x800xf64, #CSR>) -> (f64, f64) {
  %vt = la.transpose %V : tensor<800x10xf64> -> tensor<?x?xf64>
  %uv = la.matmul %U, %vt : tensor<1000x10xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
  %q = la.div %X, %uv : tensor<1000x800xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
  %s = la.sum %q : tensor<?x?xf64> -> f64
  %uv2 = la.matmul %U, %vt : tensor<1000x10xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
  %q2 = la.div %uv2, %S : tensor<?x?xf64>, tensor<1000x800xf64, #CSR> -> tensor<?x?xf64>
  %s2 = la.sum %q2 : tensor<?x?xf64> -> f64
  return %s, %s2 : f64, f64
}

// -----

// CHECK-LABEL: func.func @outer_closing_product
// CHECK-NOT: la.matmul %arg
// CHECK: la.fused({{.*}}) {kind = #la.template<outer>, sparse_safe} : {{.*}} -> tensor<?x?xf64>
// CHECK: la.matmul
// CHECK: la.sigmoid
// CHECK: %[[P:.*]] = la.mul
// CHECK: %[[R:.*]] = la.matmul %[[P]], %arg
// CHECK: la.yield %[[R]]
// CHECK-NOT: la.matmul
// CHECK: return
#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>
func.func @outer_closing_product(%X: tensor<1000x800xf64, #CSR>, %U: tensor<1000x10xf64>, %V: tensor<800x10xf64>) -> tensor<?x?xf64> {
  %vt = la.transpose %V : tensor<800x10xf64> -> tensor<?x?xf64>
  %uv = la.matmul %U, %vt : tensor<1000x10xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
  %s = la.sigmoid %uv : tensor<?x?xf64>
  %p = la.mul %X, %s : tensor<1000x800xf64, #CSR>, tensor<?x?xf64> -> tensor<?x?xf64, #CSR>
  %r = la.matmul %p, %V : tensor<?x?xf64, #CSR>, tensor<800x10xf64> -> tensor<?x?xf64>
  return %r : tensor<?x?xf64>
}

// -----

// The cells stored densely (la-select-formats may choose so): the program's
// product multiplies their implicit zeros too (0 * NaN is NaN), so the
// product is not taken in; the outer operator yields the cells.
// CHECK-LABEL: func.func @outer_closing_product_dense_cells
// CHECK: la.fused({{.*}}) {kind = #la.template<outer>, sparse_safe} : {{.*}} -> tensor<?x?xf64>
// CHECK-NOT: la.matmul {{.*}}%arg2
// CHECK: la.yield
// CHECK: la.matmul %{{.*}}, %arg2
#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>
func.func @outer_closing_product_dense_cells(%X: tensor<1000x800xf64, #CSR>, %U: tensor<1000x10xf64>, %V: tensor<800x10xf64>) -> tensor<?x?xf64> {
  %vt = la.transpose %V : tensor<800x10xf64> -> tensor<?x?xf64>
  %uv = la.matmul %U, %vt : tensor<1000x10xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
  %s = la.sigmoid %uv : tensor<?x?xf64>
  %p = la.mul %X, %s : tensor<1000x800xf64, #CSR>, tensor<?x?xf64> -> tensor<?x?xf64>
  %r = la.matmul %p, %V : tensor<?x?xf64>, tensor<800x10xf64> -> tensor<?x?xf64>
  return %r : tensor<?x?xf64>
}

// -----

// The transposed closing product t(t(U) %*% (X * sigmoid(U %*% t(V)))), as
// t(cells) %*% U: one outer operator, n x k result.
// CHECK-LABEL: func.func @outer_transposed_closing_product
// CHECK-NOT: la.matmul %arg
// CHECK: la.fused({{.*}}) {kind = #la.template<outer>, sparse_safe} : {{.*}} -> tensor<?x?xf64>
// CHECK: %[[P:.*]] = la.mul
// CHECK: %[[T:.*]] = la.transpose %[[P]]
// CHECK: %[[R:.*]] = la.matmul %[[T]], %arg
// CHECK: la.yield %[[R]]
// CHECK-NOT: la.transpose
// CHECK: return
#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>
func.func @outer_transposed_closing_product(%X: tensor<1000x800xf64, #CSR>, %U: tensor<1000x10xf64>, %V: tensor<800x10xf64>) -> tensor<?x?xf64> {
  %vt = la.transpose %V : tensor<800x10xf64> -> tensor<?x?xf64>
  %uv = la.matmul %U, %vt : tensor<1000x10xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
  %s = la.sigmoid %uv : tensor<?x?xf64>
  %p = la.mul %X, %s : tensor<1000x800xf64, #CSR>, tensor<?x?xf64> -> tensor<?x?xf64, #CSR>
  %ut = la.transpose %U : tensor<1000x10xf64> -> tensor<?x?xf64>
  %m = la.matmul %ut, %p : tensor<?x?xf64>, tensor<?x?xf64, #CSR> -> tensor<?x?xf64>
  %r = la.transpose %m : tensor<?x?xf64>
  return %r : tensor<?x?xf64>
}

// -----

// t(A) %*% y with A CSR but t(A) stored densely (la-select-formats' choice):
// the program multiplies A's implicit zeros too (0 * NaN is NaN), so no row
// operator visits only A's stored entries (difftest seed 50703).
// CHECK-LABEL: func.func @row_dense_transpose_of_csr
// CHECK-NOT: template<row>
// CHECK: la.transpose
// CHECK: la.matmul
#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>
func.func @row_dense_transpose_of_csr(%A: tensor<4000x300xf64, #CSR>, %y: tensor<4000x1xf64>) -> tensor<300x1xf64> {
  %t = la.transpose %A : tensor<4000x300xf64, #CSR> -> tensor<300x4000xf64>
  %r = la.matmul %t, %y : tensor<300x4000xf64>, tensor<4000x1xf64>
  return %r : tensor<300x1xf64>
}

// -----

// A CSR driver of dynamic shape: its pattern cannot be assembled into a
// result (sparse_tensor.assemble builds static shapes), so the product stays
// and the cell operator alone iterates the driver.
// CHECK-LABEL: func.func @outer_sparse_output_dynamic
// CHECK: la.matmul %arg1
// CHECK: kind = #la.template<cell>
// CHECK-NOT: template<outer>
#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>
func.func @outer_sparse_output_dynamic(%X: tensor<?x?xf64, #CSR>, %U: tensor<?x?xf64>, %V: tensor<?x?xf64>) -> tensor<?x?xf64, #CSR> {
  %vt = la.transpose %V : tensor<?x?xf64>
  %uv = la.matmul %U, %vt : tensor<?x?xf64>, tensor<?x?xf64>
  %s = la.sigmoid %uv : tensor<?x?xf64>
  %p = la.mul %X, %s : tensor<?x?xf64, #CSR>, tensor<?x?xf64> -> tensor<?x?xf64, #CSR>
  return %p : tensor<?x?xf64, #CSR>
}

// -----

// No outer operator over a dense driver: the product stays a BLAS call.
// CHECK-LABEL: func.func @outer_dense_driver
// CHECK: la.matmul %arg1
// CHECK-NOT: template<outer>
func.func @outer_dense_driver(%X: tensor<1000x800xf64>, %U: tensor<1000x10xf64>, %V: tensor<800x10xf64>) -> f64 {
  %vt = la.transpose %V : tensor<800x10xf64>
  %uv = la.matmul %U, %vt : tensor<1000x10xf64>, tensor<10x800xf64>
  %l = la.exp %uv : tensor<1000x800xf64>
  %p = la.mul %X, %l : tensor<1000x800xf64>, tensor<1000x800xf64>
  %s = la.sum %p : tensor<1000x800xf64>
  return %s : f64
}

// -----

// Row: t(X) %*% (w * (X %*% v)) reads X once; the product, the scaling and
// the transposed product form one row operator (every selector but none).
// CHECK-LABEL: func.func @row_xtwxv
// CHECK: %[[F:.*]] = la.fused(%arg0, %arg1, %arg2) {kind = #la.template<row>{{.*}}} : (tensor<?x?xf64>, tensor<?x1xf64>, tensor<?x1xf64>) -> tensor<?x1xf64>
// CHECK-NEXT: ^bb0
// CHECK-NEXT: la.matmul
// CHECK-NEXT: la.mul
// CHECK-NEXT: la.transpose
// CHECK-NEXT: %[[P:.*]] = la.matmul
// CHECK-NEXT: la.yield %[[P]]
// CHECK: return %[[F]]
// NONE-LABEL: func.func @row_xtwxv
// NONE-NOT: la.fused
func.func @row_xtwxv(%X: tensor<?x?xf64>, %v: tensor<?x1xf64>, %w: tensor<?x1xf64>) -> tensor<?x1xf64> {
  %0 = la.matmul %X, %v : tensor<?x?xf64>, tensor<?x1xf64> -> tensor<?x1xf64>
  %1 = la.mul %w, %0 : tensor<?x1xf64>, tensor<?x1xf64> -> tensor<?x1xf64>
  %2 = la.transpose %X : tensor<?x?xf64> -> tensor<?x?xf64>
  %3 = la.matmul %2, %1 : tensor<?x?xf64>, tensor<?x1xf64> -> tensor<?x1xf64>
  return %3 : tensor<?x1xf64>
}

// -----

// Row: colSums(X / rowSums(X)) -- the row sums are computed per row, the
// division only inside the column accumulation.
// CHECK-LABEL: func.func @row_colsums_normalized
// CHECK: la.fused(%arg0) {kind = #la.template<row>{{.*}}} : (tensor<100x20xf64>) -> tensor<1x20xf64>
// CHECK-NEXT: ^bb0
// CHECK-NEXT: la.sum row
// CHECK-NEXT: la.div
// CHECK-NEXT: la.sum col
// CHECK-NEXT: la.yield
func.func @row_colsums_normalized(%X: tensor<100x20xf64>) -> tensor<1x20xf64> {
  %0 = la.sum row %X : tensor<100x20xf64> -> tensor<100x1xf64>
  %1 = la.div %X, %0 : tensor<100x20xf64>, tensor<100x1xf64>
  %2 = la.sum col %1 : tensor<100x20xf64>
  return %2 : tensor<1x20xf64>
}

// -----

// X %*% v is also returned, so it stays materialized; t(X) %*% y alone is
// still a row operator (one pass over X instead of a transposed copy).
// CHECK-LABEL: func.func @row_intermediate_used_outside
// CHECK: %[[P:.*]] = la.matmul %arg0, %arg1
// CHECK: %[[F:.*]] = la.fused(%arg0, %[[P]]) {kind = #la.template<row>
// CHECK-NEXT: ^bb0
// CHECK-NEXT: la.transpose
// CHECK-NEXT: la.matmul
// CHECK-NEXT: la.yield
// CHECK: return %[[P]], %[[F]]
func.func @row_intermediate_used_outside(%X: tensor<?x?xf64>, %v: tensor<?x1xf64>) -> (tensor<?x1xf64>, tensor<?x1xf64>) {
  %0 = la.matmul %X, %v : tensor<?x?xf64>, tensor<?x1xf64> -> tensor<?x1xf64>
  %2 = la.transpose %X : tensor<?x?xf64> -> tensor<?x?xf64>
  %3 = la.matmul %2, %0 : tensor<?x?xf64>, tensor<?x1xf64> -> tensor<?x1xf64>
  return %0, %3 : tensor<?x1xf64>, tensor<?x1xf64>
}

// -----

// Row over a CSR X read only by sums of itself (X %*% v, t(X) %*% y): the
// operator visits the stored entries (sparse_safe), X is never transposed.
#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>
// CHECK-LABEL: func.func @row_sparse_matrix
// CHECK: la.fused(%arg0, %arg1) {kind = #la.template<row>, sparse_safe}
// CHECK: la.matmul
// CHECK: la.transpose
// CHECK: la.matmul
// CHECK: la.yield
// CHECK-NOT: la.transpose
// CHECK: return
func.func @row_sparse_matrix(%X: tensor<?x?xf64, #CSR>, %v: tensor<?x1xf64>) -> tensor<?x1xf64> {
  %0 = la.matmul %X, %v : tensor<?x?xf64, #CSR>, tensor<?x1xf64> -> tensor<?x1xf64>
  %2 = la.transpose %X : tensor<?x?xf64, #CSR> -> tensor<?x?xf64, #CSR>
  %3 = la.matmul %2, %0 : tensor<?x?xf64, #CSR>, tensor<?x1xf64> -> tensor<?x1xf64>
  return %3 : tensor<?x1xf64>
}

// -----

// The same with t(X) stored in another format (la-select-formats converts the
// transpose of a CSR matrix after the fact): the row operator bypasses the
// conversion and reads X.
#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>
// CHECK-LABEL: func.func @row_sparse_converted_transpose
// CHECK: la.fused(%arg0, %arg1) {kind = #la.template<row>, sparse_safe}
// CHECK-NOT: la.convert
// CHECK: return
func.func @row_sparse_converted_transpose(%X: tensor<?x?xf64, #CSR>, %y: tensor<?x1xf64>) -> tensor<?x1xf64> {
  %t = la.transpose %X : tensor<?x?xf64, #CSR> -> tensor<?x?xf64>
  %c = la.convert %t : tensor<?x?xf64> -> tensor<?x?xf64, #CSR>
  %g = la.matmul %c, %y : tensor<?x?xf64, #CSR>, tensor<?x1xf64> -> tensor<?x1xf64>
  return %g : tensor<?x1xf64>
}

// -----

// Not row: colSums(X / rowSums(X)) divides a CSR X cell by cell (0 / 0 would
// be NaN densely), so the stored entries alone do not give the result.
#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>
// CHECK-LABEL: func.func @row_sparse_cellwise
// CHECK-NOT: template<row>
// CHECK: return
func.func @row_sparse_cellwise(%X: tensor<?x?xf64, #CSR>) -> tensor<1x?xf64> {
  %0 = la.sum row %X : tensor<?x?xf64, #CSR> -> tensor<?x1xf64>
  %1 = la.div %X, %0 : tensor<?x?xf64, #CSR>, tensor<?x1xf64> -> tensor<?x?xf64>
  %2 = la.sum col %1 : tensor<?x?xf64> -> tensor<1x?xf64>
  return %2 : tensor<1x?xf64>
}

// -----

// Not fused: a cell operator over a CSR driver is computed by the sparsifier,
// which cannot compute the select a comparison lowers to (difftest seeds
// 50131, 50477 failed to compile).
#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>
// CHECK-LABEL: func.func @sparse_driver_comparison
// CHECK-NOT: la.fused
// CHECK: return
func.func @sparse_driver_comparison(%X: tensor<?x?xf64, #CSR>, %Y: tensor<?x?xf64>) -> tensor<?x?xf64, #CSR> {
  %zero = arith.constant 0.0 : f64
  %0 = la.gt %Y, %zero : tensor<?x?xf64>, f64 -> tensor<?x?xf64>
  %1 = la.exp %0 : tensor<?x?xf64>
  %2 = la.mul %X, %1 : tensor<?x?xf64, #CSR>, tensor<?x?xf64> -> tensor<?x?xf64, #CSR>
  return %2 : tensor<?x?xf64, #CSR>
}

// -----

// t(X) hoisted out of a loop (as la-optimize does): the row operator inside
// the loop transposes X itself, and the hoisted copy, now unused, is gone.
// CHECK-LABEL: func.func @row_hoisted_transpose
// CHECK-NOT: la.transpose
// CHECK: scf.for
// CHECK: la.fused(%arg1, %arg0) {driver = 1 : i64, kind = #la.template<row>
// CHECK-NEXT: ^bb0
// CHECK-NEXT: la.mul
// CHECK-NEXT: la.transpose
// CHECK-NEXT: la.matmul
func.func @row_hoisted_transpose(%X: tensor<?x?xf64>, %y: tensor<?x1xf64>, %w0: tensor<?x1xf64>, %n: index) -> tensor<?x1xf64> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %Xt = la.transpose %X : tensor<?x?xf64> -> tensor<?x?xf64>
  %w = scf.for %i = %c0 to %n step %c1 iter_args(%wi = %w0) -> (tensor<?x1xf64>) {
    %o = la.mul %y, %y : tensor<?x1xf64>, tensor<?x1xf64> -> tensor<?x1xf64>
    %g = la.matmul %Xt, %o : tensor<?x?xf64>, tensor<?x1xf64> -> tensor<?x1xf64>
    %wn = la.add %wi, %g : tensor<?x1xf64>, tensor<?x1xf64> -> tensor<?x1xf64>
    scf.yield %wn : tensor<?x1xf64>
  }
  return %w : tensor<?x1xf64>
}

// -----

// Not row: sigmoid of per-row values is m x 1 at run time although typed
// ?x? (difftest seed 50334): its column mean is not a column accumulation
// over A's m x 6 space.
// CHECK-LABEL: func.func @row_per_row_values
// CHECK-NOT: template<row>
// CHECK: return
func.func @row_per_row_values(%A: tensor<?x6xf64>) -> tensor<1x?xf64> {
  %0 = la.prod row %A : tensor<?x6xf64> -> tensor<?x1xf64>
  %1 = la.sigmoid %0 : tensor<?x1xf64> -> tensor<?x?xf64>
  %2 = la.mean col %1 : tensor<?x?xf64> -> tensor<1x?xf64>
  return %2 : tensor<1x?xf64>
}

// -----

// Not row: rowSums(cbind(A, A, A)^2) + B with A 8 x 6 and B 8 x 4 (difftest
// seed 990037). On the declared types the reduction's input (?x?) may be a
// matrix of B's ?x4 space; the shapes the arguments imply say it has 18
// columns. Still row with a matrix of 4 columns.
// CHECK-LABEL: func.func @row_unequal_columns
// CHECK-NOT: template<row>
// CHECK: return
func.func @row_unequal_columns(%A: tensor<8x6xf64>, %B: tensor<8x4xf64>) -> tensor<?x4xf64> {
  %c = la.cbind %A, %A, %A : tensor<8x6xf64>, tensor<8x6xf64>, tensor<8x6xf64> -> tensor<?x?xf64>
  %r = la.sumsq row %c : tensor<?x?xf64> -> tensor<?x1xf64>
  %s = la.add %r, %B : tensor<?x1xf64>, tensor<8x4xf64> -> tensor<?x4xf64>
  return %s : tensor<?x4xf64>
}
// CHECK-LABEL: func.func @row_equal_columns
// CHECK: la.fused({{.*}}) {kind = #la.template<row>
func.func @row_equal_columns(%A: tensor<8x2xf64>, %B: tensor<8x4xf64>) -> tensor<?x4xf64> {
  %c = la.cbind %A, %A : tensor<8x2xf64>, tensor<8x2xf64> -> tensor<?x?xf64>
  %r = la.sumsq row %c : tensor<?x?xf64> -> tensor<?x1xf64>
  %s = la.add %r, %B : tensor<?x1xf64>, tensor<8x4xf64> -> tensor<?x4xf64>
  return %s : tensor<?x4xf64>
}
// Without static sizes (an unspecialized program) nothing ties the
// columns of cbind(A, A, A) to B's: no row operator.
// CHECK-LABEL: func.func @row_dynamic_unequal_columns
// CHECK-NOT: template<row>
// CHECK: return
func.func @row_dynamic_unequal_columns(%A: tensor<?x?xf64>, %B: tensor<?x4xf64>) -> tensor<?x4xf64> {
  %c = la.cbind %A, %A, %A : tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
  %r = la.sumsq row %c : tensor<?x?xf64> -> tensor<?x1xf64>
  %s = la.add %r, %B : tensor<?x1xf64>, tensor<?x4xf64> -> tensor<?x4xf64>
  return %s : tensor<?x4xf64>
}
// max(X %*% v, w) with w typed 1 x ?: a 1 x 1 w makes the result 1 x 1, not
// a cell of X's 1 x 8 space (difftest seed 52209; the fused operator stopped
// at its column-count check).
// CHECK-LABEL: func.func @row_unrelated_columns
// CHECK-NOT: template<row>
// CHECK: return
func.func @row_unrelated_columns(%X: tensor<?x8xi32>, %v: tensor<?x1xi32>, %w: tensor<1x?xi32>) -> (tensor<?x?xi32>, tensor<?x1xi32>) {
  %p = la.matmul %X, %v : tensor<?x8xi32>, tensor<?x1xi32> -> tensor<?x1xi32>
  %m = la.maximum %p, %w : tensor<?x1xi32>, tensor<1x?xi32> -> tensor<?x?xi32>
  return %m, %p : tensor<?x?xi32>, tensor<?x1xi32>
}

// -----

// Row product: k-means' Lloyd step. X %*% t(C) is computed row by row
// (k cells per row), the distances, row minima, assignments and their row
// sums never leave the row, and both accumulations -- colSums(P) and
// t(P) %*% X -- are results of one row operator that reads X once. The
// small t(C) and t(rowSums(C^2)) stay outside (operands of their own width).
// CHECK-LABEL: func.func @row_lloyd_step
// CHECK: la.transpose %arg1
// CHECK: %[[F:.*]]:2 = la.fused(%arg0, {{.*}}) {kind = #la.template<row>{{.*}}} : ({{.*}}) -> (tensor<1x?xf64>, tensor<?x?xf64>)
// CHECK-NEXT: ^bb0
// CHECK-NEXT: la.matmul
// CHECK-NEXT: la.mul
// CHECK-NEXT: la.add
// CHECK-NEXT: la.min
// CHECK-NEXT: la.eq
// CHECK-NEXT: la.sum
// CHECK-NEXT: la.div
// CHECK-NEXT: %[[PDEN:.*]] = la.sum
// CHECK-NEXT: la.transpose
// CHECK-NEXT: %[[S:.*]] = la.matmul
// CHECK-NEXT: la.yield %[[PDEN]], %[[S]]
// CHECK: return %[[F]]#0, %[[F]]#1
// NONE-LABEL: func.func @row_lloyd_step
// NONE-NOT: la.fused
func.func @row_lloyd_step(%X: tensor<?x?xf64>, %C: tensor<?x?xf64>) -> (tensor<1x?xf64>, tensor<?x?xf64>) {
  %mtwo = arith.constant -2.0 : f64
  %Ct = la.transpose %C : tensor<?x?xf64>
  %XC = la.matmul %X, %Ct : tensor<?x?xf64>, tensor<?x?xf64>
  %XC2 = la.mul %mtwo, %XC : f64, tensor<?x?xf64>
  %C2 = la.sumsq row %C : tensor<?x?xf64>
  %C2t = la.transpose %C2 : tensor<?x1xf64>
  %D = la.add %XC2, %C2t : tensor<?x?xf64>, tensor<1x?xf64>
  %minD = la.min row %D : tensor<?x?xf64>
  %P0 = la.eq %D, %minD : tensor<?x?xf64>, tensor<?x1xf64>
  %nP = la.sum row %P0 : tensor<?x?xf64>
  %P = la.div %P0, %nP : tensor<?x?xf64>, tensor<?x1xf64>
  %Pden = la.sum col %P : tensor<?x?xf64>
  %Pt = la.transpose %P : tensor<?x?xf64>
  %S = la.matmul %Pt, %X : tensor<?x?xf64>, tensor<?x?xf64>
  return %Pden, %S : tensor<1x?xf64>, tensor<?x?xf64>
}

// -----

// t(X) %*% X alone has no row work: the BLAS product stays.
// CHECK-LABEL: func.func @row_gram_stays_blas
// CHECK-NOT: la.fused
// CHECK: la.matmul
func.func @row_gram_stays_blas(%X: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %t = la.transpose %X : tensor<?x?xf64>
  %g = la.matmul %t, %X : tensor<?x?xf64>, tensor<?x?xf64>
  return %g : tensor<?x?xf64>
}

// -----

// colSums(X / rowSums(Y)): X and Y are never combined cell by cell, so their
// widths may differ at run time; a row operator of one width cannot compute
// both, so no row operator is formed.
// CHECK-LABEL: func.func @row_two_widths
// CHECK-NOT: la.template<row>
// CHECK: return
func.func @row_two_widths(%X: tensor<?x?xf64>, %Y: tensor<?x?xf64>) -> tensor<1x?xf64> {
  %0 = la.sum row %Y : tensor<?x?xf64>
  %1 = la.div %X, %0 : tensor<?x?xf64>, tensor<?x1xf64>
  %2 = la.sum col %1 : tensor<?x?xf64>
  return %2 : tensor<1x?xf64>
}

// -----

// An accumulation used before the operator's place (its last member) is left
// out: colSums(P) feeds %u before t(P) %*% X is computed. Then P is needed
// outside, so it is materialized and t(P) %*% X alone is no row work: no row
// operator around the accumulations. P itself is a row-aligned result of a
// row operator (the row maxima feed its cells), which colSums(P) and
// t(P) %*% X read.
// CHECK-LABEL: func.func @row_sibling_used_early
// CHECK: %[[P:.*]] = la.fused(%{{.*}}, %{{.*}}) {kind = #la.template<row>}
// CHECK: la.matmul
// CHECK: la.max row
// CHECK: la.sub
// CHECK: la.yield
// CHECK: la.sum col %[[P]]
// CHECK: la.transpose %[[P]]
// CHECK-NOT: la.template<row>
// CHECK: return
func.func @row_sibling_used_early(%X: tensor<?x?xf64>, %B: tensor<?x?xf64>, %r: tensor<1x?xf64>) -> (tensor<1x?xf64>, tensor<?x?xf64>) {
  %XB = la.matmul %X, %B : tensor<?x?xf64>, tensor<?x?xf64>
  %m = la.max row %XB : tensor<?x?xf64>
  %P = la.sub %XB, %m : tensor<?x?xf64>, tensor<?x1xf64>
  %Pden = la.sum col %P : tensor<?x?xf64>
  %u = la.mul %Pden, %r : tensor<1x?xf64>, tensor<1x?xf64>
  %Pt = la.transpose %P : tensor<?x?xf64>
  %S = la.matmul %Pt, %X : tensor<?x?xf64>, tensor<?x?xf64>
  return %u, %S : tensor<1x?xf64>, tensor<?x?xf64>
}

// -----

// Row-aligned results: the row sums feed the cells of X / rowSums(X), so the
// row operator reads X once and writes row i of the result as it goes.
// CHECK-LABEL: func.func @row_aligned_normalize
// CHECK: la.fused(%{{.*}}) {kind = #la.template<row>} : (tensor<?x?xf64>) -> tensor<?x?xf64>
// CHECK-NEXT: ^bb0
// CHECK-NEXT: la.sum row
// CHECK-NEXT: la.div
// CHECK-NEXT: la.yield
// NONE-LABEL: func.func @row_aligned_normalize
// NONE-NOT: la.fused
func.func @row_aligned_normalize(%X: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %0 = la.sum row %X : tensor<?x?xf64>
  %1 = la.div %X, %0 : tensor<?x?xf64>, tensor<?x1xf64>
  return %1 : tensor<?x?xf64>
}

// -----

// Softmax: the chain's last op seeds the group, which takes in both row
// reductions (the exponentials are computed in each loop that needs them).
// CHECK-LABEL: func.func @row_aligned_softmax
// CHECK: la.fused(%{{.*}}) {kind = #la.template<row>}
// CHECK-COUNT-5: la.{{max row|sub|exp|sum row|div}}
// CHECK-NEXT: la.yield
func.func @row_aligned_softmax(%X: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %m = la.max row %X : tensor<?x?xf64>
  %d = la.sub %X, %m : tensor<?x?xf64>, tensor<?x1xf64>
  %e = la.exp %d : tensor<?x?xf64>
  %s = la.sum row %e : tensor<?x?xf64>
  %r = la.div %e, %s : tensor<?x?xf64>, tensor<?x1xf64>
  return %r : tensor<?x?xf64>
}

// -----

// Row sums needed outside after the operator's place are a second (m x 1)
// result.
// CHECK-LABEL: func.func @row_aligned_two_results
// CHECK: %[[R:.*]]:2 = la.fused(%{{.*}}) {kind = #la.template<row>} : (tensor<?x?xf64>) -> (tensor<?x?xf64>, tensor<?x1xf64>)
// CHECK: la.yield %{{.*}}, %{{.*}} : tensor<?x?xf64>, tensor<?x1xf64>
// CHECK: return %[[R]]#0, %[[R]]#1
func.func @row_aligned_two_results(%X: tensor<?x?xf64>) -> (tensor<?x?xf64>, tensor<?x1xf64>) {
  %0 = la.sum row %X : tensor<?x?xf64>
  %1 = la.div %X, %0 : tensor<?x?xf64>, tensor<?x1xf64>
  return %1, %0 : tensor<?x?xf64>, tensor<?x1xf64>
}

// -----

// Not worth a row operator: rowSums(X * Y) reads X and Y once as a cell
// operator; the distances -2 * (X %*% t(C)) + t(rowSums(C^2)) have no per-row
// value feeding their cells (a BLAS product and one cell operator).
// CHECK-LABEL: func.func @row_aligned_not_worth
// CHECK-NOT: la.template<row>
// CHECK: return
func.func @row_aligned_not_worth(%X: tensor<?x?xf64>, %Y: tensor<?x?xf64>, %C: tensor<?x?xf64>) -> (tensor<?x1xf64>, tensor<?x?xf64>) {
  %0 = la.mul %X, %Y : tensor<?x?xf64>, tensor<?x?xf64>
  %1 = la.sum row %0 : tensor<?x?xf64>
  %ct = la.transpose %C : tensor<?x?xf64>
  %p = la.matmul %X, %ct : tensor<?x?xf64>, tensor<?x?xf64>
  %m2 = arith.constant -2.0 : f64
  %q = la.mul %p, %m2 : tensor<?x?xf64>, f64
  %c2 = la.mul %C, %C : tensor<?x?xf64>, tensor<?x?xf64>
  %rs = la.sum row %c2 : tensor<?x?xf64>
  %rst = la.transpose %rs : tensor<?x1xf64>
  %d = la.add %q, %rst : tensor<?x?xf64>, tensor<1x?xf64>
  return %1, %d : tensor<?x1xf64>, tensor<?x?xf64>
}
