// RUN: lauryn-opt %s --split-input-file --convert-la-to-linalg | FileCheck %s

// Identities hash an input through the runtime (a dense matrix as a read-only
// buffer of any layout, a scalar's bits tagged with its type); the key
// combines the lineage ID with them; la.cached probes the cache and either
// copies the cached value out or runs its body, timed, and stores a copy.
// CHECK-DAG: func.func private @lauryn_rt_reuse_take_dense_f64(i64, memref<?x?xf64>) attributes {llvm.emit_c_interface}
// CHECK-DAG: func.func private @lauryn_rt_reuse_acquire(i64, i64, i64, i64, i64) -> i64{{$}}
// CHECK-DAG: func.func private @lauryn_rt_reuse_hash_dense_f64(memref<?x?xf64, strided<[?, ?], offset: ?>>) -> i64 attributes {llvm.emit_c_interface}
// CHECK-LABEL: func.func @dense
// CHECK: %[[XB:.*]] = bufferization.to_buffer %{{.*}} read_only : tensor<?x?xf64> to memref<?x?xf64, strided<[?, ?], offset: ?>>
// CHECK: %[[HX:.*]] = call @lauryn_rt_reuse_hash_dense_f64(%[[XB]])
// CHECK: %[[BITS:.*]] = arith.bitcast %{{.*}} : f64 to i64
// CHECK: %[[TAG:.*]] = arith.constant 129 : i64
// CHECK: %[[HS:.*]] = call @lauryn_rt_hash_combine(%[[TAG]], %[[BITS]])
// CHECK: %[[ID:.*]] = arith.constant 42 : i64
// CHECK: %[[K1:.*]] = call @lauryn_rt_hash_combine(%[[ID]], %[[HX]])
// CHECK: %[[KEY:.*]] = call @lauryn_rt_hash_combine(%[[K1]], %[[HS]])
// CHECK: %[[H:.*]] = call @lauryn_rt_reuse_acquire(%[[KEY]], %c-1{{.*}}, %c3{{.*}}, %c0{{.*}}, %c1{{.*}})
// CHECK: %[[HIT:.*]] = arith.cmpi ne, %[[H]]
// CHECK: scf.if %[[HIT]] -> (tensor<?x3xf64>) {
// CHECK:   call @lauryn_rt_reuse_rows(%[[H]])
// CHECK:   %[[BUF:.*]] = memref.alloc(%{{.*}}) : memref<?x3xf64>
// CHECK:   call @lauryn_rt_reuse_take_dense_f64(%[[H]], %{{.*}})
// CHECK:   bufferization.to_tensor %[[BUF]] restrict writable
// CHECK: } else {
// CHECK:   %[[T0:.*]] = func.call @lauryn_rt_reuse_now()
// CHECK:   linalg.generic
// CHECK:   func.call @lauryn_rt_reuse_put_dense_f64(%[[KEY]], %[[T0]], %c7{{.*}}, %{{.*}})
// CHECK:   scf.yield
func.func @dense(%X: tensor<?x3xf64>, %s: f64) -> tensor<?x3xf64> {
  %hx = la.identity %X : tensor<?x3xf64>
  %hs = la.identity %s : f64
  %k = la.lineage_key 42 (%hx, %hs)
  %r = la.cached %k {height = 7 : i64} : tensor<?x3xf64> {
    %e = la.exp %X : tensor<?x3xf64>
    la.yield %e : tensor<?x3xf64>
  }
  return %r : tensor<?x3xf64>
}

// -----

// A CSR value of a static shape: served as positions, coordinates and values
// sized by the cached entry's nnz, assembled without a copy.
#CSR = #sparse_tensor.encoding<{map = (i, j) -> (i : dense, j : compressed)}>
// CHECK-LABEL: func.func @csr
// CHECK: call @lauryn_rt_reuse_hash_csr_f32(
// CHECK: call @lauryn_rt_reuse_acquire(%{{.*}}, %c4{{.*}}, %c5{{.*}}, %c1{{.*}}, %c2{{.*}})
// CHECK: scf.if
// CHECK:   call @lauryn_rt_reuse_nnz
// CHECK:   call @lauryn_rt_reuse_take_csr_f32(
// CHECK:   sparse_tensor.assemble
// CHECK: } else {
// CHECK:   func.call @lauryn_rt_reuse_put_csr_f32(
func.func @csr(%A: tensor<4x5xf32, #CSR>) -> tensor<4x5xf32, #CSR> {
  %h = la.identity %A : tensor<4x5xf32, #CSR>
  %k = la.lineage_key 7 (%h)
  %r = la.cached %k : tensor<4x5xf32, #CSR> {
    %n = la.neg %A : tensor<4x5xf32, #CSR>
    la.yield %n : tensor<4x5xf32, #CSR>
  }
  return %r : tensor<4x5xf32, #CSR>
}
