// RUN: lauryn-opt %s --convert-la-to-linalg --split-input-file | FileCheck %s
// RUN: lauryn-opt %s --convert-la-to-linalg=runtime-checks=false --split-input-file | FileCheck %s --check-prefix=NOCHECK

// Broadcasting is expressed by indexing maps; scalars are scalar operands.
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[ROW:.*]] = affine_map<(d0, d1) -> (0, d1)>
// CHECK-DAG: #[[SCALAR:.*]] = affine_map<(d0, d1) -> ()>
// CHECK-LABEL: func.func @broadcast
// CHECK-SAME: (%[[X:[a-z0-9_]+]]: tensor<?x?xf64>, %[[R:[a-z0-9_]+]]: tensor<1x?xf64>, %[[S:[a-z0-9_]+]]: f64)
// CHECK: cf.assert %{{.*}}, "'la.add' at {{.*}}elementwise.mlir:{{[0-9]+}}:{{[0-9]+}}: operands have different column counts"
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[ROW]], #[[ID]]], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: ins(%[[X]], %[[R]] : tensor<?x?xf64>, tensor<1x?xf64>)
// CHECK: arith.addf
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[SCALAR]], #[[ID]]]
// CHECK: arith.mulf
// NOCHECK-NOT: cf.assert
func.func @broadcast(%X: tensor<?x?xf64>, %r: tensor<1x?xf64>, %s: f64) -> tensor<?x?xf64> {
  %0 = la.add %X, %r : tensor<?x?xf64>, tensor<1x?xf64>
  %1 = la.mul %0, %s : tensor<?x?xf64>, f64
  return %1 : tensor<?x?xf64>
}

// -----

// Operands with one row each and a result declared with dynamic sizes (as
// after specializing an entry's parameters): the result has one row.
// CHECK-LABEL: func.func @one_row_dynamic_result
// CHECK-DAG: %[[C1:.*]] = arith.constant 1 : index
// CHECK-DAG: %[[C2:.*]] = arith.constant 2 : index
// CHECK: tensor.empty(%[[C1]], %[[C2]]) : tensor<?x?xf64>
// CHECK: linalg.generic
func.func @one_row_dynamic_result(%X: tensor<1x2xf64>) -> tensor<?x?xf64> {
  %Y = la.add %X, %X : tensor<1x2xf64>, tensor<1x2xf64> -> tensor<?x?xf64>
  return %Y : tensor<?x?xf64>
}

// -----

// Scalar ops lower to arith directly; DML semantics of %% and comparisons.
// CHECK-LABEL: func.func @scalars
// CHECK: %[[D:.*]] = arith.divf
// CHECK: %[[F:.*]] = math.floor %[[D]]
// CHECK: %[[M:.*]] = arith.mulf %[[F]]
// CHECK: arith.subf %{{.*}}, %[[M]]
// CHECK: arith.cmpf olt
// CHECK: arith.select
func.func @scalars(%a: f64, %b: f64) -> (f64, f64) {
  %0 = la.mod %a, %b : f64, f64
  %1 = la.lt %a, %b : f64, f64
  return %0, %1 : f64, f64
}

// -----

// Integer division never traps: division by zero and INT_MIN / -1 give 0.
// CHECK-LABEL: func.func @int_div
// CHECK: arith.cmpi eq
// CHECK: arith.ori
// CHECK: arith.select
// CHECK: arith.divsi
func.func @int_div(%a: i64, %b: i64) -> i64 {
  %0 = la.div %a, %b : i64, i64
  return %0 : i64
}

// -----

#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>
// x * y keeps a sparse operand sparse; x / y densifies it first, and the
// zeros of its sparse numerator stay structural (0 / 0 = 0 / NaN = 0). Its
// result is CSR unless written dense (the numerator's zeros are its zeros).
// CHECK-LABEL: func.func @sparse
// CHECK: linalg.generic {{.*}} ins(%{{.*}}, %{{.*}} : tensor<?x?xf64, #sparse>, tensor<?x?xf64>) outs(%{{.*}} : tensor<?x?xf64, #sparse>)
// CHECK: arith.mulf
// CHECK: sparse_tensor.convert %{{.*}} : tensor<?x?xf64, #sparse> to tensor<?x?xf64>
// CHECK: ^bb0(%[[X:.*]]: f64, %[[Y:.*]]: f64, %{{.*}}: f64):
// CHECK-NEXT: %[[Q:.*]] = arith.divf %[[X]], %[[Y]]
// CHECK: %[[IS:.*]] = arith.cmpf oeq, %[[X]], %{{.*}}
// CHECK: %[[R:.*]] = arith.select %[[IS]], %{{.*}}, %[[Q]]
// CHECK-NEXT: linalg.yield %[[R]]
// CHECK: arith.divf
// CHECK: arith.select
// CHECK: sparse_tensor.convert %{{.*}} : tensor<?x?xf64> to tensor<?x?xf64, #sparse>
// CHECK: arith.divf
// CHECK-NOT: arith.select
// CHECK: return
func.func @sparse(%S: tensor<?x?xf64, #CSR>, %X: tensor<?x?xf64>)
    -> (tensor<?x?xf64, #CSR>, tensor<?x?xf64>, tensor<?x?xf64, #CSR>, tensor<?x?xf64>) {
  %0 = la.mul %S, %X : tensor<?x?xf64, #CSR>, tensor<?x?xf64>
  %1 = la.div %S, %X : tensor<?x?xf64, #CSR>, tensor<?x?xf64> -> tensor<?x?xf64>
  %2 = la.div %S, %X : tensor<?x?xf64, #CSR>, tensor<?x?xf64>
  // A sparse denominator is densified: no structural zeros there.
  %3 = la.div %X, %S : tensor<?x?xf64>, tensor<?x?xf64, #CSR>
  return %0, %1, %2, %3 : tensor<?x?xf64, #CSR>, tensor<?x?xf64>, tensor<?x?xf64, #CSR>, tensor<?x?xf64>
}

// -----

// A 1x1 operand is read once as a scalar (no (i, j) -> (0, 0) map, which
// crashed the sparsifier next to a CSR operand: difftest bug
// sparse-1x1-broadcast); the CSR operand stays sparse.
#CSR = #sparse_tensor.encoding<{map = (i, j) -> (i : dense, j : compressed)}>
// CHECK-DAG: #[[NONE:.*]] = affine_map<(d0, d1) -> ()>
// CHECK-LABEL: func.func @times_1x1
// CHECK: %[[S:.*]] = tensor.extract %{{.*}}[%{{.*}}, %{{.*}}] : tensor<1x1xf64>
// CHECK: linalg.generic {indexing_maps = [#{{.*}}, #[[NONE]], #{{.*}}]
// CHECK-SAME: ins(%{{.*}}, %[[S]] : tensor<?x?xf64, #sparse>, f64)
func.func @times_1x1(%S: tensor<?x?xf64, #CSR>, %b: tensor<1x1xf64>) -> tensor<?x?xf64, #CSR> {
  %0 = la.mul %S, %b : tensor<?x?xf64, #CSR>, tensor<1x1xf64> -> tensor<?x?xf64, #CSR>
  return %0 : tensor<?x?xf64, #CSR>
}
