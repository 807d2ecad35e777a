// Executes every la op family through lauryn-cpu-pipeline and checks the
// results against values computed by hand.
// RUN: lauryn-opt %s --lauryn-cpu-pipeline | %sanitizer_preload mlir-runner -e main -entry-point-result=void \
// RUN:   -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils,%mlir_omp,%lauryn_rt | FileCheck %s
// Sequential loops (no OpenMP) give the same results.
// RUN: lauryn-opt %s --lauryn-cpu-pipeline=parallel=false | %sanitizer_preload mlir-runner -e main \
// RUN:   -entry-point-result=void -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils,%lauryn_rt | FileCheck %s

#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>

func.func private @printMemrefF64(tensor<*xf64>) attributes { llvm.emit_c_interface }
func.func private @printMemrefI64(tensor<*xi64>) attributes { llvm.emit_c_interface }

func.func @print(%t: tensor<?x?xf64>) {
  %u = tensor.cast %t : tensor<?x?xf64> to tensor<*xf64>
  call @printMemrefF64(%u) : (tensor<*xf64>) -> ()
  return
}
func.func @printI(%t: tensor<?x?xi64>) {
  %u = tensor.cast %t : tensor<?x?xi64> to tensor<*xi64>
  call @printMemrefI64(%u) : (tensor<*xi64>) -> ()
  return
}
func.func @printS(%s: f64) {
  %m = tensor.from_elements %s : tensor<1x1xf64>
  %d = tensor.cast %m : tensor<1x1xf64> to tensor<?x?xf64>
  call @print(%d) : (tensor<?x?xf64>) -> ()
  return
}

// A = [[1, 2, 3], [4, 5, 6]] as a dynamically shaped value.
func.func @A() -> tensor<?x?xf64> {
  %A = arith.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf64>
  %d = tensor.cast %A : tensor<2x3xf64> to tensor<?x?xf64>
  return %d : tensor<?x?xf64>
}

func.func @elementwise() {
  %A = call @A() : () -> tensor<?x?xf64>
  %row = arith.constant dense<[[10.0, 20.0, 30.0]]> : tensor<1x3xf64>
  %col = arith.constant dense<[[100.0], [200.0]]> : tensor<2x1xf64>
  %two = arith.constant 2.0 : f64
  // CHECK: {{\[}}[111,   122,   133],
  // CHECK-NEXT: [214,   225,   236]]
  %0 = la.add %A, %row : tensor<?x?xf64>, tensor<1x3xf64>
  %1 = la.add %0, %col : tensor<?x3xf64>, tensor<2x1xf64>
  %d1 = tensor.cast %1 : tensor<2x3xf64> to tensor<?x?xf64>
  call @print(%d1) : (tensor<?x?xf64>) -> ()
  // DML %% and %/% floor: -7 %% 2 = 1, -7 %/% 2 = -4, 7 %% -2 = -1.
  %m = arith.constant dense<[[-7.0, 7.0, 5.5]]> : tensor<1x3xf64>
  %md = tensor.cast %m : tensor<1x3xf64> to tensor<?x?xf64>
  %divs = arith.constant dense<[[2.0, -2.0, 2.0]]> : tensor<1x3xf64>
  %2 = la.mod %md, %divs : tensor<?x?xf64>, tensor<1x3xf64> -> tensor<?x?xf64>
  // CHECK: {{\[}}[1,   -1,   1.5]]
  call @print(%2) : (tensor<?x?xf64>) -> ()
  %3 = la.intdiv %md, %divs : tensor<?x?xf64>, tensor<1x3xf64> -> tensor<?x?xf64>
  // CHECK: {{\[}}[-4,   -4,   2]]
  call @print(%3) : (tensor<?x?xf64>) -> ()
  // Comparisons, logical ops and NaN: NaN is non-zero, unequal to itself.
  %n = arith.constant dense<[[0.0, 1.0, 0x7FF8000000000000]]> : tensor<1x3xf64>
  %nd = tensor.cast %n : tensor<1x3xf64> to tensor<?x?xf64>
  %4 = la.gt %nd, %two : tensor<?x?xf64>, f64
  %5 = la.not %nd : tensor<?x?xf64>
  %6 = la.ne %nd, %nd : tensor<?x?xf64>, tensor<?x?xf64>
  %7 = la.isnan %nd : tensor<?x?xf64>
  %8 = la.and %nd, %two : tensor<?x?xf64>, f64
  // CHECK: {{\[}}[0,   0,   0]]
  call @print(%4) : (tensor<?x?xf64>) -> ()
  // CHECK: {{\[}}[1,   0,   0]]
  call @print(%5) : (tensor<?x?xf64>) -> ()
  // CHECK: {{\[}}[0,   0,   1]]
  call @print(%6) : (tensor<?x?xf64>) -> ()
  // CHECK: {{\[}}[0,   0,   1]]
  call @print(%7) : (tensor<?x?xf64>) -> ()
  // CHECK: {{\[}}[0,   1,   1]]
  call @print(%8) : (tensor<?x?xf64>) -> ()
  // min/max propagate NaN; sign; round half away from zero; sigmoid(0) = 0.5.
  %9 = la.maximum %nd, %two : tensor<?x?xf64>, f64
  // CHECK: {{\[}}[2,   2,   nan]]
  call @print(%9) : (tensor<?x?xf64>) -> ()
  %r = arith.constant dense<[[-2.5, 0.0, 2.5]]> : tensor<1x3xf64>
  %rd = tensor.cast %r : tensor<1x3xf64> to tensor<?x?xf64>
  %10 = la.round %rd : tensor<?x?xf64>
  %11 = la.sign %rd : tensor<?x?xf64>
  %12 = la.sigmoid %rd : tensor<?x?xf64>
  %13 = la.ifelse %rd, %rd, %two : tensor<?x?xf64>, tensor<?x?xf64>, f64
  // CHECK: {{\[}}[-3,   0,   3]]
  call @print(%10) : (tensor<?x?xf64>) -> ()
  // CHECK: {{\[}}[-1,   0,   1]]
  call @print(%11) : (tensor<?x?xf64>) -> ()
  // CHECK: {{\[}}[0.0758582,   0.5,   0.924142]]
  call @print(%12) : (tensor<?x?xf64>) -> ()
  // CHECK: {{\[}}[-2.5,   2,   2.5]]
  call @print(%13) : (tensor<?x?xf64>) -> ()
  return
}

func.func @aggregates() {
  %A = call @A() : () -> tensor<?x?xf64>
  %0 = la.sum %A : tensor<?x?xf64>
  // CHECK: {{\[}}[21]]
  call @printS(%0) : (f64) -> ()
  %1 = la.mean col %A : tensor<?x?xf64>
  %d1 = tensor.cast %1 : tensor<1x?xf64> to tensor<?x?xf64>
  // CHECK: {{\[}}[2.5,   3.5,   4.5]]
  call @print(%d1) : (tensor<?x?xf64>) -> ()
  %2 = la.var row %A : tensor<?x?xf64>
  %d2 = tensor.cast %2 : tensor<?x1xf64> to tensor<?x?xf64>
  // CHECK: {{\[}}[1],
  // CHECK-NEXT: [1]]
  call @print(%d2) : (tensor<?x?xf64>) -> ()
  %3 = la.prod %A : tensor<?x?xf64>
  // CHECK: {{\[}}[720]]
  call @printS(%3) : (f64) -> ()
  %4 = la.min row %A : tensor<?x?xf64>
  %d4 = tensor.cast %4 : tensor<?x1xf64> to tensor<?x?xf64>
  // CHECK: {{\[}}[1],
  // CHECK-NEXT: [4]]
  call @print(%d4) : (tensor<?x?xf64>) -> ()
  %5 = la.max col %A : tensor<?x?xf64>
  %d5 = tensor.cast %5 : tensor<1x?xf64> to tensor<?x?xf64>
  // CHECK: {{\[}}[4,   5,   6]]
  call @print(%d5) : (tensor<?x?xf64>) -> ()
  %6 = la.sumsq %A : tensor<?x?xf64>
  // CHECK: {{\[}}[91]]
  call @printS(%6) : (f64) -> ()
  %one = arith.constant 1.0 : f64
  %z = la.sub %A, %one : tensor<?x?xf64>, f64
  %7 = la.nnz col %z : tensor<?x?xf64>
  %d7 = tensor.cast %7 : tensor<1x?xi64> to tensor<?x?xi64>
  // CHECK: {{\[}}[1,   2,   2]]
  call @printI(%d7) : (tensor<?x?xi64>) -> ()
  return
}

func.func @reorganisation() {
  %A = call @A() : () -> tensor<?x?xf64>
  %t = la.transpose %A : tensor<?x?xf64>
  %0 = la.matmul %A, %t : tensor<?x?xf64>, tensor<?x?xf64>
  // CHECK: {{\[}}[14,   32],
  // CHECK-NEXT: [32,   77]]
  call @print(%0) : (tensor<?x?xf64>) -> ()
  %c3 = arith.constant 3 : index
  %c2 = arith.constant 2 : index
  %1 = la.reshape %A, %c3, %c2 : tensor<?x?xf64>, index, index -> tensor<?x?xf64>
  // CHECK: {{\[}}[1,   2],
  // CHECK-NEXT: [3,   4],
  // CHECK-NEXT: [5,   6]]
  call @print(%1) : (tensor<?x?xf64>) -> ()
  %2 = la.cbind %A, %A : tensor<?x?xf64>, tensor<?x?xf64>
  // CHECK: {{\[}}[1,   2,   3,   1,   2,   3],
  // CHECK-NEXT: [4,   5,   6,   4,   5,   6]]
  call @print(%2) : (tensor<?x?xf64>) -> ()
  %3 = la.rbind %A, %A : tensor<?x?xf64>, tensor<?x?xf64>
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %4 = la.slice %A, %c0, %c2, %c1, %c3 : tensor<?x?xf64>, index, index, index, index -> tensor<?x?xf64>
  // CHECK: {{\[}}[2,   3],
  // CHECK-NEXT: [5,   6]]
  call @print(%4) : (tensor<?x?xf64>) -> ()
  %zero = arith.constant 0.0 : f64
  %Z = la.fill %zero, %c3, %c3 : f64, index, index -> tensor<?x?xf64>
  %5 = la.insert %4, %Z, %c1, %c0 : tensor<?x?xf64>, tensor<?x?xf64>, index, index
  // CHECK: {{\[}}[0,   0,   0],
  // CHECK-NEXT: [2,   3,   0],
  // CHECK-NEXT: [5,   6,   0]]
  call @print(%5) : (tensor<?x?xf64>) -> ()
  %6 = la.diag %5 : tensor<?x?xf64>
  %d6 = tensor.cast %6 : tensor<?x1xf64> to tensor<?x?xf64>
  // CHECK: {{\[}}[0],
  // CHECK-NEXT: [3],
  // CHECK-NEXT: [0]]
  call @print(%d6) : (tensor<?x?xf64>) -> ()
  %7 = la.diag %6 : tensor<?x1xf64>
  // CHECK: {{\[}}[0,   0,   0],
  // CHECK-NEXT: [0,   3,   0],
  // CHECK-NEXT: [0,   0,   0]]
  call @print(%7) : (tensor<?x?xf64>) -> ()
  // rev(rbind(A, A)) = [A[1]; A[0]; A[1]; A[0]]
  %8 = la.rev %3 : tensor<?x?xf64>
  // CHECK: {{\[}}[4,   5,   6],
  // CHECK-NEXT: [1,   2,   3],
  // CHECK-NEXT: [4,   5,   6],
  // CHECK-NEXT: [1,   2,   3]]
  call @print(%8) : (tensor<?x?xf64>) -> ()
  return
}

func.func @solve_and_casts() {
  %M = arith.constant dense<[[0.0, 2.0, 1.0], [1.0, 1.0, 1.0], [2.0, 1.0, 0.0]]> : tensor<3x3xf64>
  %b = arith.constant dense<[[5.0], [4.0], [4.0]]> : tensor<3x1xf64>
  // x = [1, 2, 1]: needs a row exchange (M[0, 0] = 0).
  %x = la.solve %M, %b : tensor<3x3xf64>, tensor<3x1xf64>
  %dx = tensor.cast %x : tensor<3x1xf64> to tensor<?x?xf64>
  // CHECK: {{\[}}[1],
  // CHECK-NEXT: [2],
  // CHECK-NEXT: [1]]
  call @print(%dx) : (tensor<?x?xf64>) -> ()
  %f = arith.constant dense<[[-1.7, 2.9, 0x7FF8000000000000, 1.0e30]]> : tensor<1x4xf64>
  %i = la.cast %f : tensor<1x4xf64> -> tensor<1x4xi64>
  %di = tensor.cast %i : tensor<1x4xi64> to tensor<?x?xi64>
  // Truncation toward zero; NaN -> 0; saturation at INT64_MAX.
  // CHECK: {{\[}}[-1,   2,   0,   9223372036854775807]]
  call @printI(%di) : (tensor<?x?xi64>) -> ()
  %one = arith.constant 1.0 : f64
  %ten = arith.constant 10.0 : f64
  %three = arith.constant 3.0 : f64
  %s = la.seq %one, %ten, %three : f64, f64, f64 -> tensor<?x1xf64>
  %ds = tensor.cast %s : tensor<?x1xf64> to tensor<?x?xf64>
  // CHECK: {{\[}}[1],
  // CHECK-NEXT: [4],
  // CHECK-NEXT: [7],
  // CHECK-NEXT: [10]]
  call @print(%ds) : (tensor<?x?xf64>) -> ()
  return
}

func.func @random() {
  // Equal seeds give equal matrices; values lie in [min, max]; about 30% of
  // 10000 cells are non-zero.
  %r1 = la.rand {seed = 11 : i64, min = 2.0 : f64, max = 3.0 : f64} -> tensor<100x100xf64>
  %r2 = la.rand {seed = 11 : i64, min = 2.0 : f64, max = 3.0 : f64} -> tensor<100x100xf64>
  %d = la.sub %r1, %r2 : tensor<100x100xf64>, tensor<100x100xf64>
  %dz = la.nnz %d : tensor<100x100xf64>
  %lo = la.min %r1 : tensor<100x100xf64>
  %hi = la.max %r1 : tensor<100x100xf64>
  %two = arith.constant 2.0 : f64
  %three = arith.constant 3.0 : f64
  %okLo = la.ge %lo, %two : f64, f64
  %okHi = la.le %hi, %three : f64, f64
  %ok = la.and %okLo, %okHi : f64, f64
  // CHECK: {{\[}}[1]]
  call @printS(%ok) : (f64) -> ()
  %dzf = la.cast %dz : i64 -> f64
  // CHECK: {{\[}}[0]]
  call @printS(%dzf) : (f64) -> ()
  %s = la.rand {seed = 5 : i64, sparsity = 0.3 : f64} -> tensor<100x100xf64>
  %nz = la.nnz %s : tensor<100x100xf64>
  %nzf = la.cast %nz : i64 -> f64
  %lo2 = arith.constant 2700.0 : f64
  %hi2 = arith.constant 3300.0 : f64
  %a = la.gt %nzf, %lo2 : f64, f64
  %b = la.lt %nzf, %hi2 : f64, f64
  %in = la.and %a, %b : f64, f64
  // CHECK: {{\[}}[1]]
  call @printS(%in) : (f64) -> ()
  return
}

func.func @sparse() {
  %A = call @A() : () -> tensor<?x?xf64>
  %z = arith.constant 5.0 : f64
  %m = la.gt %A, %z : tensor<?x?xf64>, f64
  %S0 = la.mul %A, %m : tensor<?x?xf64>, tensor<?x?xf64>
  // S = [[0, 0, 0], [0, 0, 6]] stored as CSR.
  %S = la.convert %S0 : tensor<?x?xf64> -> tensor<?x?xf64, #CSR>
  %0 = la.mul %S, %A : tensor<?x?xf64, #CSR>, tensor<?x?xf64>
  %1 = la.sum %0 : tensor<?x?xf64, #CSR>
  // CHECK: {{\[}}[36]]
  call @printS(%1) : (f64) -> ()
  %v = arith.constant dense<[[1.0], [2.0], [3.0]]> : tensor<3x1xf64>
  %2 = la.matmul %S, %v : tensor<?x?xf64, #CSR>, tensor<3x1xf64>
  %d2 = tensor.cast %2 : tensor<?x1xf64> to tensor<?x?xf64>
  // CHECK: {{\[}}[0],
  // CHECK-NEXT: [18]]
  call @print(%d2) : (tensor<?x?xf64>) -> ()
  %3 = la.add %S, %A : tensor<?x?xf64, #CSR>, tensor<?x?xf64>
  // CHECK: {{\[}}[1,   2,   3],
  // CHECK-NEXT: [4,   5,   12]]
  call @print(%3) : (tensor<?x?xf64>) -> ()
  %4 = la.exp %S : tensor<?x?xf64, #CSR>
  %5 = la.sum %4 : tensor<?x?xf64>
  // exp(0) * 5 + exp(6) = 5 + 403.429
  // CHECK: {{\[}}[408.429]]
  call @printS(%5) : (f64) -> ()
  return
}

func.func @main() {
  call @elementwise() : () -> ()
  call @aggregates() : () -> ()
  call @reorganisation() : () -> ()
  call @solve_and_casts() : () -> ()
  call @random() : () -> ()
  call @sparse() : () -> ()
  return
}
