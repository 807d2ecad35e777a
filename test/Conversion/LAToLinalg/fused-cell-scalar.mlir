// RUN: lauryn-opt %s --convert-la-to-linalg | FileCheck %s
// RUN: lauryn-opt %s --lauryn-cpu-pipeline=optimize=false | FileCheck %s --check-prefix=LLVM

#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>

// A 1x1 operand of a cell operator over a CSR driver is read once as a scalar:
// the map (i, j) -> (0, 0) next to the sparse operand crashed the sparsifier's
// iteration graph sorter (difftest seed 52536; a case of sparse-1x1-broadcast).
// CHECK-LABEL: func.func @cell_times_1x1
// CHECK: %[[S:.*]] = tensor.extract %{{.*}}[%{{.*}}, %{{.*}}] : tensor<1x1xi64>
// CHECK: linalg.generic {indexing_maps = [#{{.*}}, #[[SCALAR:.*]], #{{.*}}]
// CHECK-SAME: ins(%{{.*}}, %[[S]] : tensor<?x2xi64, #{{.*}}>, i64)
// LLVM-LABEL: llvm.func @cell_times_1x1
func.func @cell_times_1x1(%s: tensor<?x2xi64, #CSR>, %b: tensor<1x1xi64>) -> tensor<?x?xi64> {
  %r = la.fused(%s, %b) {kind = #la.template<cell>, sparse_safe} : (tensor<?x2xi64, #CSR>, tensor<1x1xi64>) -> tensor<?x?xi64> {
  ^bb0(%x: tensor<?x2xi64, #CSR>, %y: tensor<1x1xi64>):
    %m = la.mul %x, %y : tensor<?x2xi64, #CSR>, tensor<1x1xi64> -> tensor<?x?xi64, #CSR>
    %f = la.floor %m : tensor<?x?xi64, #CSR> -> tensor<?x?xi64>
    la.yield %f : tensor<?x?xi64>
  }
  return %r : tensor<?x?xi64>
}
