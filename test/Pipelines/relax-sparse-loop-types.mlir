// RUN: lauryn-opt %s --pass-pipeline="builtin.module(func.func(lauryn-relax-sparse-loop-types))" | FileCheck %s

#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>

// A loop carrying a static CSR type while its body computes dynamically
// typed CSR values: the loop carries the dynamic type, casts move outside.
// CHECK-LABEL: func.func @static_carried
// CHECK-SAME: (%[[A:.*]]: tensor<2x4xf64, #{{.*}}>
// CHECK: %[[INIT:.*]] = tensor.cast %[[A]] : tensor<2x4xf64, #{{.*}}> to tensor<?x?xf64, #{{.*}}>
// CHECK: %[[R:.*]] = scf.for {{.*}} iter_args(%[[W:.*]] = %[[INIT]]) -> (tensor<?x?xf64, #{{.*}}>)
// CHECK-NOT: tensor.cast
// CHECK: %[[S:.*]] = sparse_tensor.convert %[[W]]
// CHECK: scf.yield %{{.*}} : tensor<?x?xf64, #{{.*}}>
// CHECK: %[[OUT:.*]] = tensor.cast %[[R]] : tensor<?x?xf64, #{{.*}}> to tensor<2x4xf64, #{{.*}}>
// CHECK: return %[[OUT]]
func.func @static_carried(%a: tensor<2x4xf64, #CSR>, %n: index) -> tensor<2x4xf64, #CSR> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%w = %a) -> (tensor<2x4xf64, #CSR>) {
    %d = tensor.cast %w : tensor<2x4xf64, #CSR> to tensor<?x?xf64, #CSR>
    %s = sparse_tensor.convert %d : tensor<?x?xf64, #CSR> to tensor<?x?xf64>
    %t = sparse_tensor.convert %s : tensor<?x?xf64> to tensor<?x?xf64, #CSR>
    %u = tensor.cast %t : tensor<?x?xf64, #CSR> to tensor<2x4xf64, #CSR>
    scf.yield %u : tensor<2x4xf64, #CSR>
  }
  return %r : tensor<2x4xf64, #CSR>
}

// Dense loop-carried values and loops without a refining cast are kept.
// CHECK-LABEL: func.func @dense_kept
// CHECK: scf.for {{.*}} -> (tensor<2x4xf64>)
func.func @dense_kept(%a: tensor<2x4xf64>, %n: index) -> tensor<2x4xf64> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%w = %a) -> (tensor<2x4xf64>) {
    %d = tensor.cast %w : tensor<2x4xf64> to tensor<?x?xf64>
    %u = tensor.cast %d : tensor<?x?xf64> to tensor<2x4xf64>
    scf.yield %u : tensor<2x4xf64>
  }
  return %r : tensor<2x4xf64>
}
