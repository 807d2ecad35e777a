// RUN: lauryn-opt %s --pass-pipeline="builtin.module(func.func(lauryn-shield-sparse-conversions))" --split-input-file | FileCheck %s
// RUN: lauryn-opt %s --lauryn-cpu-pipeline --split-input-file | FileCheck %s --check-prefix=PIPELINE

// exp is not modeled by the sparsifier: the kernel gets a zero-filled
// destination, so the conversion is not folded into it (the fold crashed the
// sparse code generator).
#CSR = #sparse_tensor.encoding<{map = (i, j) -> (i : dense, j : compressed)}>
#id = affine_map<(i, j) -> (i, j)>
// CHECK-LABEL: func.func @unmodeled
// CHECK: %[[E:.*]] = tensor.empty
// CHECK: %[[F:.*]] = linalg.fill ins(%{{.*}} : f64) outs(%[[E]] : tensor<?x?xf64>)
// CHECK: linalg.generic {{.*}} outs(%[[F]] : tensor<?x?xf64>)
// CHECK: math.exp
// CHECK: sparse_tensor.convert
// PIPELINE-LABEL: llvm.func @unmodeled
func.func @unmodeled(%X: tensor<?x?xf64>) -> tensor<?x?xf64, #CSR> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %m = tensor.dim %X, %c0 : tensor<?x?xf64>
  %n = tensor.dim %X, %c1 : tensor<?x?xf64>
  %e = tensor.empty(%m, %n) : tensor<?x?xf64>
  %x = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%X : tensor<?x?xf64>) outs(%e : tensor<?x?xf64>) {
    ^bb0(%in: f64, %out: f64):
      %v = math.exp %in : f64
      linalg.yield %v : f64
  } -> tensor<?x?xf64>
  %s = sparse_tensor.convert %x : tensor<?x?xf64> to tensor<?x?xf64, #CSR>
  return %s : tensor<?x?xf64, #CSR>
}

// -----

// A body the sparsifier models keeps the fold (no dense intermediate).
#CSR = #sparse_tensor.encoding<{map = (i, j) -> (i : dense, j : compressed)}>
#id = affine_map<(i, j) -> (i, j)>
// CHECK-LABEL: func.func @modeled
// CHECK-NOT: linalg.fill
// CHECK: linalg.generic {{.*}} outs(%{{.*}} : tensor<?x?xf64>)
// PIPELINE-LABEL: llvm.func @modeled
func.func @modeled(%X: tensor<?x?xf64>) -> tensor<?x?xf64, #CSR> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %m = tensor.dim %X, %c0 : tensor<?x?xf64>
  %n = tensor.dim %X, %c1 : tensor<?x?xf64>
  %e = tensor.empty(%m, %n) : tensor<?x?xf64>
  %x = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%X : tensor<?x?xf64>) outs(%e : tensor<?x?xf64>) {
    ^bb0(%in: f64, %out: f64):
      %v = math.absf %in : f64
      linalg.yield %v : f64
  } -> tensor<?x?xf64>
  %s = sparse_tensor.convert %x : tensor<?x?xf64> to tensor<?x?xf64, #CSR>
  return %s : tensor<?x?xf64, #CSR>
}
