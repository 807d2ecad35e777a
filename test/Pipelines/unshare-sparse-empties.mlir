// RUN: lauryn-opt %s --pass-pipeline="builtin.module(func.func(lauryn-unshare-sparse-empties))" --split-input-file | FileCheck %s

// Two sparse-output kernels sharing one (CSE-merged) empty CSR tensor: the
// second gets its own (difftest bug csr-ifelse-of-sum).
#CSR = #sparse_tensor.encoding<{map = (i, j) -> (i : dense, j : compressed)}>
#id = affine_map<(i, j) -> (i, j)>
// CHECK-LABEL: func.func @shared
// CHECK: %[[E1:.*]] = tensor.empty(%{{.*}}, %{{.*}}) : tensor<?x?xf64, #sparse>
// CHECK: linalg.generic {{.*}} outs(%[[E1]] :
// CHECK: arith.subf
// CHECK: %[[E2:.*]] = tensor.empty(%{{.*}}, %{{.*}}) : tensor<?x?xf64, #sparse>
// CHECK: linalg.generic {{.*}} outs(%[[E2]] :
// CHECK: arith.addf
func.func @shared(%X: tensor<?x?xf64, #CSR>, %Y: tensor<?x?xf64, #CSR>)
    -> (tensor<?x?xf64, #CSR>, tensor<?x?xf64, #CSR>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %m = tensor.dim %X, %c0 : tensor<?x?xf64, #CSR>
  %n = tensor.dim %X, %c1 : tensor<?x?xf64, #CSR>
  %e = tensor.empty(%m, %n) : tensor<?x?xf64, #CSR>
  %a = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%X, %X : tensor<?x?xf64, #CSR>, tensor<?x?xf64, #CSR>) outs(%e : tensor<?x?xf64, #CSR>) {
    ^bb0(%x: f64, %y: f64, %out: f64):
      %v = arith.subf %x, %y : f64
      linalg.yield %v : f64
  } -> tensor<?x?xf64, #CSR>
  %b = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%X, %Y : tensor<?x?xf64, #CSR>, tensor<?x?xf64, #CSR>) outs(%e : tensor<?x?xf64, #CSR>) {
    ^bb0(%x: f64, %y: f64, %out: f64):
      %v = arith.addf %x, %y : f64
      linalg.yield %v : f64
  } -> tensor<?x?xf64, #CSR>
  return %a, %b : tensor<?x?xf64, #CSR>, tensor<?x?xf64, #CSR>
}

// -----

// Dense empties are left to bufferization (it copies on conflicts).
#id = affine_map<(i, j) -> (i, j)>
// CHECK-LABEL: func.func @dense
// CHECK-COUNT-1: tensor.empty
// CHECK-NOT: tensor.empty
func.func @dense(%X: tensor<4x4xf64>) -> (tensor<4x4xf64>, tensor<4x4xf64>) {
  %e = tensor.empty() : tensor<4x4xf64>
  %a = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%X : tensor<4x4xf64>) outs(%e : tensor<4x4xf64>) {
    ^bb0(%x: f64, %out: f64):
      %v = arith.negf %x : f64
      linalg.yield %v : f64
  } -> tensor<4x4xf64>
  %b = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%X : tensor<4x4xf64>) outs(%e : tensor<4x4xf64>) {
    ^bb0(%x: f64, %out: f64):
      %v = math.absf %x : f64
      linalg.yield %v : f64
  } -> tensor<4x4xf64>
  return %a, %b : tensor<4x4xf64>, tensor<4x4xf64>
}

// -----

// An empty CSR tensor before a loop whose body's kernel writes into it (CSE
// merged it with an equal empty before the loop): the kernel gets its own
// empty in the loop body, so each iteration starts from empty storage (bug
// loop-shared-sparse-empty, difftest seed 50196).
#CSR = #sparse_tensor.encoding<{map = (i, j) -> (i : dense, j : compressed)}>
#id = affine_map<(i, j) -> (i, j)>
// CHECK-LABEL: func.func @loop_body_kernel
// CHECK-NOT: tensor.empty
// CHECK: scf.for
// CHECK: %[[E:.*]] = tensor.empty(%{{.*}}, %{{.*}}) : tensor<?x?xf64, #sparse>
// CHECK: linalg.generic {{.*}} outs(%[[E]] :
func.func @loop_body_kernel(%X: tensor<?x?xf64, #CSR>) -> tensor<?x?xf64, #CSR> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %m = tensor.dim %X, %c0 : tensor<?x?xf64, #CSR>
  %n = tensor.dim %X, %c1 : tensor<?x?xf64, #CSR>
  %e = tensor.empty(%m, %n) : tensor<?x?xf64, #CSR>
  %r = scf.for %i = %c0 to %c4 step %c1 iter_args(%acc = %X) -> (tensor<?x?xf64, #CSR>) {
    %d = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel"]}
        ins(%X, %acc : tensor<?x?xf64, #CSR>, tensor<?x?xf64, #CSR>) outs(%e : tensor<?x?xf64, #CSR>) {
      ^bb0(%x: f64, %y: f64, %out: f64):
        %v = arith.subf %x, %y : f64
        linalg.yield %v : f64
    } -> tensor<?x?xf64, #CSR>
    scf.yield %d : tensor<?x?xf64, #CSR>
  }
  return %r : tensor<?x?xf64, #CSR>
}
