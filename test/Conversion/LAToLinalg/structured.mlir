// RUN: lauryn-opt %s --convert-la-to-linalg --split-input-file | FileCheck %s

// Dense float row/column sums are products with ones (BLAS gemv on the CPU);
// other element types reduce in a linalg.generic.
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[COL:.*]] = affine_map<(d0, d1) -> (d0, 0)>
// CHECK-LABEL: func.func @row_sums
// CHECK-SAME: (%[[X:[a-z0-9_]+]]: tensor<?x?xf64>, %[[I:[a-z0-9_]+]]: tensor<?x?xi64>)
// CHECK: %[[ONES:.*]] = linalg.fill ins(%{{.*}} : f64) outs(%{{.*}} : tensor<?x1xf64>)
// CHECK: linalg.matmul ins(%[[X]], %[[ONES]] : tensor<?x?xf64>, tensor<?x1xf64>)
// CHECK: %[[INIT:.*]] = linalg.fill ins(%{{.*}} : i64)
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[COL]]], iterator_types = ["parallel", "reduction"]}
// CHECK-SAME: outs(%[[INIT]] : tensor<?x1xi64>)
// CHECK: arith.addi
func.func @row_sums(%X: tensor<?x?xf64>, %I: tensor<?x?xi64>) -> (tensor<?x1xf64>, tensor<?x1xi64>) {
  %0 = la.sum row %X : tensor<?x?xf64>
  %1 = la.sum row %I : tensor<?x?xi64>
  return %0, %1 : tensor<?x1xf64>, tensor<?x1xi64>
}

// -----

// CHECK-LABEL: func.func @full_min
// CHECK: arith.constant 0x7FF0000000000000 : f64
// CHECK: iterator_types = ["reduction", "reduction"]
// CHECK: arith.minimumf
// CHECK: tensor.extract
func.func @full_min(%X: tensor<?x?xf64>) -> f64 {
  %0 = la.min %X : tensor<?x?xf64>
  return %0 : f64
}

// -----

// CHECK-LABEL: func.func @matmul
// CHECK: cf.assert %{{.*}}, "'la.matmul' at {{.*}}: inner dimensions differ"
// CHECK: %[[Z:.*]] = linalg.fill
// CHECK: linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<?x?xf64>, tensor<?x1xf64>) outs(%[[Z]] : tensor<?x1xf64>)
func.func @matmul(%A: tensor<?x?xf64>, %v: tensor<?x1xf64>) -> tensor<?x1xf64> {
  %0 = la.matmul %A, %v : tensor<?x?xf64>, tensor<?x1xf64>
  return %0 : tensor<?x1xf64>
}

// -----

// CHECK-LABEL: func.func @reorganise
// CHECK: linalg.transpose {{.*}} permutation = [1, 0]
// CHECK: tensor.insert_slice
// CHECK: tensor.insert_slice
// CHECK: tensor.extract_slice
// CHECK: tensor.collapse_shape
// CHECK: tensor.expand_shape
func.func @reorganise(%A: tensor<4x3xf64>, %i: index, %j: index) -> (tensor<3x4xf64>, tensor<4x6xf64>, tensor<?x?xf64>, tensor<2x6xf64>) {
  %0 = la.transpose %A : tensor<4x3xf64>
  %1 = la.cbind %A, %A : tensor<4x3xf64>, tensor<4x3xf64>
  %2 = la.slice %A, %i, %j, %i, %j : tensor<4x3xf64>, index, index, index, index
  %3 = la.reshape %A : tensor<4x3xf64> -> tensor<2x6xf64>
  return %0, %1, %2, %3 : tensor<3x4xf64>, tensor<4x6xf64>, tensor<?x?xf64>, tensor<2x6xf64>
}

// -----

// CHECK-LABEL: func.func @solve
// CHECK: scf.for
// CHECK: cf.assert %{{.*}}, "'la.solve' at {{.*}}: matrix is singular"
func.func @solve(%A: tensor<?x?xf64>, %b: tensor<?x1xf64>) -> tensor<?x1xf64> {
  %0 = la.solve %A, %b : tensor<?x?xf64>, tensor<?x1xf64>
  return %0 : tensor<?x1xf64>
}

// -----

// Unseeded rand takes its seed from the runtime.
// CHECK: func.func private @lauryn_rt_random_seed() -> i64
// CHECK-LABEL: func.func @rand
// CHECK: call @lauryn_rt_random_seed()
// CHECK: linalg.generic
// CHECK: linalg.index 0
func.func @rand(%n: index) -> tensor<?x3xf64> {
  %0 = la.rand %n : index -> tensor<?x3xf64>
  return %0 : tensor<?x3xf64>
}

// -----

// No la op survives the conversion.
// CHECK-LABEL: func.func @l2svm
// CHECK-NOT: {{ la\.[a-z]+ }}
// CHECK: return
func.func @l2svm(%X: tensor<?x?xf64>, %Y: tensor<?x1xf64>) -> f64 {
  %t = la.transpose %X : tensor<?x?xf64>
  %g = la.matmul %t, %Y : tensor<?x?xf64>, tensor<?x1xf64>
  %s = la.sumsq %g : tensor<?x1xf64>
  return %s : f64
}

// -----

// Pieces known to be empty get no slice op (MLIR rejects a static offset at
// the end of a static dimension, even for an empty slice: difftest bug
// zero-extent-slice); a piece of run-time extent is guarded by scf.if, whose
// condition folds to true whenever folding would make the slice invalid.
// CHECK-LABEL: func.func @empty_pieces
// CHECK-NOT: tensor.extract_slice
// CHECK: %[[E:.*]] = tensor.empty() : tensor<0x2xf64>
// CHECK-NOT: tensor.insert_slice
// CHECK: %[[G:.*]] = scf.if
// CHECK: tensor.empty
// CHECK: } else {
// CHECK: tensor.extract_slice
// CHECK: return %[[E]], %{{.*}}, %[[G]]
func.func @empty_pieces(%A: tensor<4x3xf64>, %Z: tensor<4x0xf64>, %n: index)
    -> (tensor<0x2xf64>, tensor<4x3xf64>, tensor<?x3xf64>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  %c4 = arith.constant 4 : index
  %0 = la.slice %A, %c4, %c4, %c1, %c3 : tensor<4x3xf64>, index, index, index, index -> tensor<0x2xf64>
  %1 = la.insert %Z, %A, %c0, %c3 : tensor<4x0xf64>, tensor<4x3xf64>, index, index -> tensor<4x3xf64>
  %2 = la.slice %A, %n, %c4, %c0, %c3 : tensor<4x3xf64>, index, index, index, index -> tensor<?x3xf64>
  return %0, %1, %2 : tensor<0x2xf64>, tensor<4x3xf64>, tensor<?x3xf64>
}

// -----

// Transpose of a CSR matrix: converted to CSC, whose storage is the CSR
// storage of the transpose (no dense m x n scatter).
#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>
// CHECK-LABEL: func.func @transpose_csr
// CHECK: %[[CSC:.*]] = sparse_tensor.convert %arg0 : tensor<27x51xf64, #{{.*}}> to tensor<27x51xf64, #[[CSCENC:.*]]>
// CHECK: sparse_tensor.reinterpret_map %[[CSC]] : tensor<27x51xf64, #[[CSCENC]]> to tensor<51x27xf64, #{{.*}}>
// CHECK-NOT: linalg.fill
func.func @transpose_csr(%X: tensor<27x51xf64, #CSR>) -> tensor<51x27xf64, #CSR> {
  %0 = la.transpose %X : tensor<27x51xf64, #CSR> -> tensor<51x27xf64, #CSR>
  return %0 : tensor<51x27xf64, #CSR>
}
