// RUN: lauryn-opt %s --convert-la-to-linalg --split-input-file | FileCheck %s
// RUN: lauryn-opt %s --convert-la-to-linalg=runtime-spgemm=false --split-input-file | FileCheck %s --check-prefix=SPARSIFIER

// A CSR product of CSR matrices with static shapes calls the runtime's
// two-phase kernel on chunks of rows in parallel and assembles its buffers;
// sums that cancel are dropped by a sparse kernel keeping the non-zeros (a
// sparse value never stores a computed zero); the declared (dynamic) result
// type is a cast of that kernel's result.
#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>
// CHECK-DAG: func.func private @lauryn_rt_spgemm_count(memref<?xindex>, memref<?xindex>, memref<?xindex>, memref<?xindex>, memref<?xindex>, index, index, index) attributes {llvm.emit_c_interface}
// CHECK-DAG: func.func private @lauryn_rt_spgemm_positions(memref<?xindex>) attributes {llvm.emit_c_interface}
// CHECK-DAG: func.func private @lauryn_rt_spgemm_numeric_f64(
// CHECK-LABEL: func.func @static_product
// CHECK-DAG: %[[AP:.*]] = sparse_tensor.positions %arg0 {level = 1 : index}
// CHECK-DAG: %[[BC:.*]] = sparse_tensor.coordinates %arg1 {level = 1 : index}
// CHECK: %[[CP:.*]] = memref.alloc(%{{.*}}) : memref<?xindex>
// CHECK: scf.parallel
// CHECK: func.call @lauryn_rt_spgemm_count(%[[AP]], {{.*}}, %[[CP]], {{.*}})
// CHECK: call @lauryn_rt_spgemm_positions(%[[CP]])
// CHECK: %[[NNZ:.*]] = memref.load %[[CP]]
// CHECK: %[[CC:.*]] = memref.alloc(%[[NNZ]]) : memref<?xindex>
// CHECK: %[[CV:.*]] = memref.alloc(%[[NNZ]]) : memref<?xf64>
// CHECK: scf.parallel
// CHECK: func.call @lauryn_rt_spgemm_numeric_f64({{.*}}, %[[CP]], %[[CC]], %[[CV]], {{.*}})
// CHECK: %[[TP:.*]] = bufferization.to_tensor %[[CP]] restrict
// CHECK: %[[C:.*]] = sparse_tensor.assemble (%[[TP]], %{{.*}}), %{{.*}} : {{.*}} to tensor<40x30xf64, #sparse>
// CHECK: %[[N:.*]] = sparse_tensor.number_of_entries %[[C]]
// CHECK: %[[ZEROS:.*]] = scf.for {{.*}} to %[[N]]
// CHECK: arith.cmpf une
// CHECK: %[[ANY:.*]] = arith.cmpi ne, %[[ZEROS]]
// CHECK: %[[NZ:.*]] = scf.if %[[ANY]] -> (tensor<40x30xf64, #sparse>)
// CHECK: arith.cmpf une
// CHECK: sparse_tensor.assemble
// CHECK: } else {
// CHECK-NEXT: scf.yield %[[C]]
// CHECK: tensor.cast %[[NZ]] : tensor<40x30xf64, #sparse> to tensor<?x?xf64, #sparse>
// CHECK-NOT: linalg.matmul
// SPARSIFIER-LABEL: func.func @static_product
// SPARSIFIER-NOT: lauryn_rt_spgemm
// SPARSIFIER: %[[P:.*]] = linalg.matmul
// SPARSIFIER: sparse_tensor.number_of_entries %[[P]]
// SPARSIFIER: scf.if
// SPARSIFIER: linalg.generic {{.*}} ins(%[[P]] : tensor<?x?xf64, #sparse>)
// SPARSIFIER: sparse_tensor.select
func.func @static_product(%A: tensor<40x50xf64, #CSR>, %B: tensor<50x30xf64, #CSR>) -> tensor<?x?xf64, #CSR> {
  %C = la.matmul %A, %B : tensor<40x50xf64, #CSR>, tensor<50x30xf64, #CSR> -> tensor<?x?xf64, #CSR>
  return %C : tensor<?x?xf64, #CSR>
}

// -----

// Dynamic shapes (no static assembly), other element types and other formats
// keep the sparsifier's kernel.
#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>
#CSC = #sparse_tensor.encoding<{ map = (i, j) -> (j : dense, i : compressed) }>
// CHECK-LABEL: func.func @sparsifier_products
// CHECK-NOT: lauryn_rt_spgemm
// CHECK-COUNT-3: linalg.matmul
func.func @sparsifier_products(%A: tensor<?x?xf64, #CSR>, %B: tensor<?x?xf64, #CSR>,
                               %I: tensor<4x4xi64, #CSR>, %S: tensor<4x4xf64, #CSC>)
    -> (tensor<?x?xf64, #CSR>, tensor<4x4xi64, #CSR>, tensor<4x4xf64, #CSC>) {
  %C = la.matmul %A, %B : tensor<?x?xf64, #CSR>, tensor<?x?xf64, #CSR> -> tensor<?x?xf64, #CSR>
  %J = la.matmul %I, %I : tensor<4x4xi64, #CSR>, tensor<4x4xi64, #CSR> -> tensor<4x4xi64, #CSR>
  %T = la.matmul %S, %S : tensor<4x4xf64, #CSC>, tensor<4x4xf64, #CSC> -> tensor<4x4xf64, #CSC>
  return %C, %J, %T : tensor<?x?xf64, #CSR>, tensor<4x4xi64, #CSR>, tensor<4x4xf64, #CSC>
}

// -----

// SpMV: a 2-D kernel with the reduction innermost, so the sparsifier keeps
// the row sum in a register instead of storing y[i] per entry.
#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>
// CHECK-DAG: #[[A:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[X:.*]] = affine_map<(d0, d1) -> (d1, 0)>
// CHECK-DAG: #[[Y:.*]] = affine_map<(d0, d1) -> (d0, 0)>
// CHECK-LABEL: func.func @spmv
// CHECK: linalg.generic {indexing_maps = [#[[A]], #[[X]], #[[Y]]], iterator_types = ["parallel", "reduction"]}
// CHECK: arith.mulf
// CHECK: arith.addf
// CHECK-NOT: linalg.matmul
func.func @spmv(%A: tensor<?x?xf64, #CSR>, %x: tensor<?x1xf64>) -> tensor<?x1xf64> {
  %y = la.matmul %A, %x : tensor<?x?xf64, #CSR>, tensor<?x1xf64> -> tensor<?x1xf64>
  return %y : tensor<?x1xf64>
}
