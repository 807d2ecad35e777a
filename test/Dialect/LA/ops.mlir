// Round trip of every la op in custom form, through the generic form, and
// through bytecode.
// RUN: lauryn-opt %s | lauryn-opt | FileCheck %s
// RUN: lauryn-opt %s --mlir-print-op-generic | lauryn-opt | FileCheck %s
// RUN: lauryn-opt %s --emit-bytecode | lauryn-opt | FileCheck %s

#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>

// CHECK-LABEL: func.func @binary
func.func @binary(%X: tensor<?x?xf64>, %Y: tensor<?x?xf64>, %s: f64,
                  %row: tensor<1x?xf64>, %col: tensor<?x1xf64>) {
  // CHECK: la.add %{{.*}}, %{{.*}} : tensor<?x?xf64>, tensor<?x?xf64>
  %0 = la.add %X, %Y : tensor<?x?xf64>, tensor<?x?xf64>
  // CHECK: la.sub %{{.*}}, %{{.*}} : tensor<?x?xf64>, f64
  %1 = la.sub %X, %s : tensor<?x?xf64>, f64
  // CHECK: la.mul %{{.*}}, %{{.*}} : f64, tensor<?x?xf64>
  %2 = la.mul %s, %X : f64, tensor<?x?xf64>
  // CHECK: la.div %{{.*}}, %{{.*}} : tensor<?x?xf64>, tensor<1x?xf64>
  %3 = la.div %X, %row : tensor<?x?xf64>, tensor<1x?xf64>
  // CHECK: la.pow %{{.*}}, %{{.*}} : tensor<?x?xf64>, tensor<?x1xf64>
  %4 = la.pow %X, %col : tensor<?x?xf64>, tensor<?x1xf64>
  // CHECK: la.minimum
  %5 = la.minimum %X, %Y : tensor<?x?xf64>, tensor<?x?xf64>
  // CHECK: la.maximum
  %6 = la.maximum %X, %Y : tensor<?x?xf64>, tensor<?x?xf64>
  // CHECK: la.mod
  %7 = la.mod %X, %s : tensor<?x?xf64>, f64
  // CHECK: la.intdiv
  %8 = la.intdiv %X, %s : tensor<?x?xf64>, f64
  // CHECK: la.lt
  %9 = la.lt %X, %Y : tensor<?x?xf64>, tensor<?x?xf64>
  // CHECK: la.le
  %10 = la.le %X, %Y : tensor<?x?xf64>, tensor<?x?xf64>
  // CHECK: la.gt
  %11 = la.gt %X, %Y : tensor<?x?xf64>, tensor<?x?xf64>
  // CHECK: la.ge
  %12 = la.ge %X, %Y : tensor<?x?xf64>, tensor<?x?xf64>
  // CHECK: la.eq
  %13 = la.eq %X, %Y : tensor<?x?xf64>, tensor<?x?xf64>
  // CHECK: la.ne
  %14 = la.ne %X, %Y : tensor<?x?xf64>, tensor<?x?xf64>
  // CHECK: la.and
  %15 = la.and %X, %Y : tensor<?x?xf64>, tensor<?x?xf64>
  // CHECK: la.or
  %16 = la.or %X, %Y : tensor<?x?xf64>, tensor<?x?xf64>
  // CHECK: la.xor
  %17 = la.xor %X, %Y : tensor<?x?xf64>, tensor<?x?xf64>
  // A column vector times a row vector broadcasts to an outer product.
  // CHECK: la.mul %{{.*}}, %{{.*}} : tensor<?x1xf64>, tensor<1x?xf64>
  %18 = la.mul %col, %row : tensor<?x1xf64>, tensor<1x?xf64>
  // CHECK: la.add %{{.*}}, %{{.*}} : f64, f64
  %19 = la.add %s, %s : f64, f64
  return
}

// CHECK-LABEL: func.func @element_types
func.func @element_types(%a: tensor<2x3xf32>, %b: tensor<2x3xbf16>, %c: tensor<2x3xi64>,
                         %d: tensor<2x3xi32>, %e: tensor<2x3xi8>, %i: i64) {
  // CHECK: la.add %{{.*}}, %{{.*}} : tensor<2x3xf32>, tensor<2x3xf32>
  %0 = la.add %a, %a : tensor<2x3xf32>, tensor<2x3xf32>
  // CHECK: la.mul %{{.*}}, %{{.*}} : tensor<2x3xbf16>, tensor<2x3xbf16>
  %1 = la.mul %b, %b : tensor<2x3xbf16>, tensor<2x3xbf16>
  // CHECK: la.mod %{{.*}}, %{{.*}} : tensor<2x3xi64>, i64
  %2 = la.mod %c, %i : tensor<2x3xi64>, i64
  // CHECK: la.intdiv %{{.*}}, %{{.*}} : tensor<2x3xi32>, tensor<2x3xi32>
  %3 = la.intdiv %d, %d : tensor<2x3xi32>, tensor<2x3xi32>
  // CHECK: la.abs %{{.*}} : tensor<2x3xi8>
  %4 = la.abs %e : tensor<2x3xi8>
  return
}

// CHECK-LABEL: func.func @unary
func.func @unary(%X: tensor<?x?xf64>, %s: f32) {
  // CHECK: la.neg
  %0 = la.neg %X : tensor<?x?xf64>
  // CHECK: la.abs
  %1 = la.abs %X : tensor<?x?xf64>
  // CHECK: la.exp
  %2 = la.exp %X : tensor<?x?xf64>
  // CHECK: la.log
  %3 = la.log %X : tensor<?x?xf64>
  // CHECK: la.sqrt
  %4 = la.sqrt %X : tensor<?x?xf64>
  // CHECK: la.sigmoid
  %5 = la.sigmoid %X : tensor<?x?xf64>
  // CHECK: la.round
  %6 = la.round %X : tensor<?x?xf64>
  // CHECK: la.floor
  %7 = la.floor %X : tensor<?x?xf64>
  // CHECK: la.ceil
  %8 = la.ceil %X : tensor<?x?xf64>
  // CHECK: la.sign
  %9 = la.sign %X : tensor<?x?xf64>
  // CHECK: la.sin
  %10 = la.sin %X : tensor<?x?xf64>
  // CHECK: la.cos
  %11 = la.cos %X : tensor<?x?xf64>
  // CHECK: la.tan
  %12 = la.tan %X : tensor<?x?xf64>
  // CHECK: la.tanh
  %13 = la.tanh %X : tensor<?x?xf64>
  // CHECK: la.not
  %14 = la.not %X : tensor<?x?xf64>
  // CHECK: la.isnan
  %15 = la.isnan %X : tensor<?x?xf64>
  // CHECK: la.exp %{{.*}} : f32
  %16 = la.exp %s : f32
  return
}

// CHECK-LABEL: func.func @ternary_and_aggregates
func.func @ternary_and_aggregates(%C: tensor<?x?xi8>, %X: tensor<?x?xf64>, %z: f64) {
  // CHECK: la.ifelse %{{.*}}, %{{.*}}, %{{.*}} : tensor<?x?xi8>, tensor<?x?xf64>, f64
  %0 = la.ifelse %C, %X, %z : tensor<?x?xi8>, tensor<?x?xf64>, f64
  // CHECK: la.sum %{{.*}} : tensor<?x?xf64>
  %1 = la.sum %X : tensor<?x?xf64>
  // CHECK: la.sum row %{{.*}} : tensor<?x?xf64>
  %2 = la.sum row %X : tensor<?x?xf64>
  // CHECK: la.sum col %{{.*}} : tensor<?x?xf64>
  %3 = la.sum col %X : tensor<?x?xf64>
  // CHECK: la.mean row
  %4 = la.mean row %X : tensor<?x?xf64>
  // CHECK: la.var col
  %5 = la.var col %X : tensor<?x?xf64>
  // CHECK: la.prod %
  %6 = la.prod %X : tensor<?x?xf64>
  // CHECK: la.min row
  %7 = la.min row %X : tensor<?x?xf64>
  // CHECK: la.max col
  %8 = la.max col %X : tensor<?x?xf64>
  // CHECK: la.sumsq %
  %9 = la.sumsq %X : tensor<?x?xf64>
  // CHECK: la.nnz row
  %10 = la.nnz row %X : tensor<?x?xf64>
  // An explicit `all` prints as the default.
  // CHECK: la.max %{{.*}} : tensor<?x?xf64>
  %11 = la.max all %X : tensor<?x?xf64>
  return
}

// CHECK-LABEL: func.func @reorganisation
func.func @reorganisation(%A: tensor<4x3xf64>, %B: tensor<3x?xf64>, %v: tensor<?x1xf64>,
                          %w: tensor<?x4xf64>, %i: index, %j: index) {
  // CHECK: la.matmul %{{.*}}, %{{.*}} : tensor<4x3xf64>, tensor<3x?xf64>
  %0 = la.matmul %A, %B : tensor<4x3xf64>, tensor<3x?xf64>
  // CHECK: la.transpose %{{.*}} : tensor<4x3xf64>
  %1 = la.transpose %A : tensor<4x3xf64>
  // CHECK: la.reshape %{{.*}} : tensor<4x3xf64> -> tensor<2x6xf64>
  %2 = la.reshape %A : tensor<4x3xf64> -> tensor<2x6xf64>
  // CHECK: la.reshape %{{.*}}, %{{.*}} : tensor<4x3xf64>, index -> tensor<?x2xf64>
  %3 = la.reshape %A, %i : tensor<4x3xf64>, index -> tensor<?x2xf64>
  // CHECK: la.cbind %{{.*}}, %{{.*}}, %{{.*}} : tensor<4x3xf64>, tensor<4x3xf64>, tensor<4x3xf64>
  %4 = la.cbind %A, %A, %A : tensor<4x3xf64>, tensor<4x3xf64>, tensor<4x3xf64>
  // CHECK: la.rbind %{{.*}}, %{{.*}} : tensor<4x3xf64>, tensor<3x?xf64>
  %5 = la.rbind %A, %B : tensor<4x3xf64>, tensor<3x?xf64>
  // CHECK: la.slice %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} : tensor<4x3xf64>, index, index, index, index
  %6 = la.slice %A, %i, %j, %i, %j : tensor<4x3xf64>, index, index, index, index
  // CHECK: la.insert %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} : tensor<?x1xf64>, tensor<?x4xf64>, index, index
  %7 = la.insert %v, %w, %i, %j : tensor<?x1xf64>, tensor<?x4xf64>, index, index
  // CHECK: la.diag %{{.*}} : tensor<?x1xf64>
  %8 = la.diag %v : tensor<?x1xf64>
  // CHECK: la.diag %{{.*}} : tensor<?x?xf64>
  %9 = la.diag %8 : tensor<?x?xf64>
  // CHECK: la.rev %{{.*}} : tensor<4x3xf64>
  %10 = la.rev %A : tensor<4x3xf64>
  // CHECK: la.solve %{{.*}}, %{{.*}} : tensor<?x?xf64>, tensor<?x1xf64>
  %11 = la.solve %8, %v : tensor<?x?xf64>, tensor<?x1xf64>
  return
}

// CHECK-LABEL: func.func @casts_and_formats
func.func @casts_and_formats(%X: tensor<?x?xf64>, %M: tensor<1x1xf64>, %s: f64,
                             %S: tensor<?x?xf64, #CSR>) {
  // CHECK: la.cast %{{.*}} : tensor<?x?xf64> -> tensor<?x?xi64>
  %0 = la.cast %X : tensor<?x?xf64> -> tensor<?x?xi64>
  // CHECK: la.cast %{{.*}} : tensor<1x1xf64> -> f64
  %1 = la.cast %M : tensor<1x1xf64> -> f64
  // CHECK: la.cast %{{.*}} : f64 -> tensor<1x1xf64>
  %2 = la.cast %s : f64 -> tensor<1x1xf64>
  // CHECK: la.cast %{{.*}} : f64 -> i32
  %3 = la.cast %s : f64 -> i32
  // CHECK: la.convert %{{.*}} : tensor<?x?xf64> -> tensor<?x?xf64, #sparse>
  %4 = la.convert %X : tensor<?x?xf64> -> tensor<?x?xf64, #CSR>
  // CHECK: la.convert %{{.*}} : tensor<?x?xf64, #sparse> -> tensor<?x?xf64>
  %5 = la.convert %S : tensor<?x?xf64, #CSR> -> tensor<?x?xf64>
  // Sparse-safe ops keep the sparse format; others produce dense results.
  // CHECK: la.mul %{{.*}}, %{{.*}} : tensor<?x?xf64, #sparse>, tensor<?x?xf64>
  %6 = la.mul %S, %X : tensor<?x?xf64, #CSR>, tensor<?x?xf64>
  %7 = la.sum %6 : tensor<?x?xf64, #CSR>
  // An explicit result type requests another format.
  // CHECK: la.add %{{.*}}, %{{.*}} : tensor<?x?xf64, #sparse>, tensor<?x?xf64> -> tensor<?x?xf64, #sparse>
  %8 = la.add %S, %X : tensor<?x?xf64, #CSR>, tensor<?x?xf64> -> tensor<?x?xf64, #CSR>
  // CHECK: la.exp %{{.*}} : tensor<?x?xf64, #sparse>
  %9 = la.exp %S : tensor<?x?xf64, #CSR>
  %10 = la.sum %9 : tensor<?x?xf64>
  return
}

// CHECK-LABEL: func.func @generators
func.func @generators(%n: index, %v: f64) {
  // CHECK: la.fill %{{.*}} : f64 -> tensor<3x4xf64>
  %0 = la.fill %v : f64 -> tensor<3x4xf64>
  // CHECK: la.fill %{{.*}}, %{{.*}} : f64, index -> tensor<?x4xf64>
  %1 = la.fill %v, %n : f64, index -> tensor<?x4xf64>
  %from = arith.constant 1.0 : f64
  %to = arith.constant 10.0 : f64
  %by = arith.constant 3.0 : f64
  // CHECK: la.seq %{{.*}}, %{{.*}}, %{{.*}} : f64, f64, f64 -> tensor<4x1xf64>
  %2 = la.seq %from, %to, %by : f64, f64, f64 -> tensor<4x1xf64>
  // CHECK: la.rand {max = 2.000000e+00 : f64, min = -1.000000e+00 : f64, seed = 7 : i64, sparsity = 1.000000e-01 : f64} -> tensor<10x10xf64>
  %3 = la.rand {seed = 7 : i64, min = -1.0 : f64, max = 2.0 : f64, sparsity = 0.1 : f64} -> tensor<10x10xf64>
  // CHECK: la.rand %{{.*}} {distribution = #la.distribution<normal>} : index -> tensor<?x5xf32>
  %4 = la.rand %n {distribution = #la.distribution<normal>} : index -> tensor<?x5xf32>
  // CHECK: la.rand {distribution = #la.distribution<poisson>, lambda = 3.000000e+00 : f64} -> tensor<2x2xf64>
  %5 = la.rand {distribution = #la.distribution<poisson>, lambda = 3.0 : f64} -> tensor<2x2xf64>
  return
}

// CHECK-LABEL: func.func @annotations
func.func @annotations(%X: tensor<?x?xf64>) -> f64 {
  // CHECK: la.sum %{{.*}} {la.lineage = #la.lineage<0x00000000000000ff>, la.sparsity = #la.sparsity<density = 1.000000e+00, estimator = "meta">}
  %0 = la.sum %X {la.lineage = #la.lineage<0xff>, la.sparsity = #la.sparsity<density = 1.0, estimator = "meta">} : tensor<?x?xf64>
  // CHECK: la.abs %{{.*}} {la.sparsity = #la.sparsity<nnz = 42>} : tensor<?x?xf64>
  %1 = la.abs %X {la.sparsity = #la.sparsity<nnz = 42>} : tensor<?x?xf64>
  return %0 : f64
}
