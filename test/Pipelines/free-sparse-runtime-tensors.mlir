// RUN: lauryn-opt %s --split-input-file --pass-pipeline="builtin.module(func.func(lauryn-free-sparse-runtime-tensors))" | FileCheck %s

#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>
#id = affine_map<(i, j) -> (i, j)>

// Two storages: the conversion's, and the empty tensor the kernel fills. Each
// is freed once, through its last value, before the return; the dense result
// the function returns is untouched.
// CHECK-LABEL: func.func @straight_line
// CHECK: %[[S:.*]] = sparse_tensor.convert
// CHECK: %[[E:.*]] = tensor.empty
// CHECK: %[[K:.*]] = linalg.generic
// CHECK: %[[D:.*]] = sparse_tensor.convert %[[K]]
// CHECK-NEXT: bufferization.dealloc_tensor %[[S]]
// CHECK-NEXT: bufferization.dealloc_tensor %[[K]]
// CHECK-NEXT: return %[[D]]
func.func @straight_line(%a: tensor<4x4xf64>) -> tensor<4x4xf64> {
  %s = sparse_tensor.convert %a : tensor<4x4xf64> to tensor<4x4xf64, #CSR>
  %e = tensor.empty() : tensor<4x4xf64, #CSR>
  %k = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%s : tensor<4x4xf64, #CSR>) outs(%e : tensor<4x4xf64, #CSR>) {
  ^bb0(%x: f64, %o: f64):
    %n = arith.negf %x : f64
    linalg.yield %n : f64
  } -> tensor<4x4xf64, #CSR>
  %d = sparse_tensor.convert %k : tensor<4x4xf64, #CSR> to tensor<4x4xf64>
  return %d : tensor<4x4xf64>
}

// -----

#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>
#id = affine_map<(i, j) -> (i, j)>

func.func private @consume(tensor<4x4xf64, #CSR>)

// Returned, the caller's, passed to a call, carried by a loop, or viewed
// through a dense value: never freed here.
// CHECK-LABEL: func.func @kept
// CHECK-NOT: dealloc_tensor
// CHECK: return
func.func @kept(%a: tensor<4x4xf64>, %arg: tensor<4x4xf64, #CSR>, %n: index)
    -> (tensor<4x4xf64, #CSR>, tensor<4x4xf64, #CSR>, memref<?xf64>) {
  %returned = sparse_tensor.convert %a : tensor<4x4xf64> to tensor<4x4xf64, #CSR>
  %k = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%a : tensor<4x4xf64>) outs(%arg : tensor<4x4xf64, #CSR>) {
  ^bb0(%x: f64, %o: f64):
    linalg.yield %x : f64
  } -> tensor<4x4xf64, #CSR>
  %passed = sparse_tensor.convert %a : tensor<4x4xf64> to tensor<4x4xf64, #CSR>
  func.call @consume(%passed) : (tensor<4x4xf64, #CSR>) -> ()
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %init = sparse_tensor.convert %a : tensor<4x4xf64> to tensor<4x4xf64, #CSR>
  %carried = scf.for %i = %c0 to %n step %c1 iter_args(%t = %init) -> tensor<4x4xf64, #CSR> {
    %next = sparse_tensor.convert %a : tensor<4x4xf64> to tensor<4x4xf64, #CSR>
    scf.yield %next : tensor<4x4xf64, #CSR>
  }
  %viewed = sparse_tensor.convert %a : tensor<4x4xf64> to tensor<4x4xf64, #CSR>
  %values = sparse_tensor.values %viewed : tensor<4x4xf64, #CSR> to memref<?xf64>
  return %returned, %k, %values : tensor<4x4xf64, #CSR>, tensor<4x4xf64, #CSR>, memref<?xf64>
}

// -----

#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>

// More than one block: skipped.
// CHECK-LABEL: func.func @blocks
// CHECK-NOT: dealloc_tensor
func.func @blocks(%a: tensor<4x4xf64>, %c: i1) -> f64 {
  %s = sparse_tensor.convert %a : tensor<4x4xf64> to tensor<4x4xf64, #CSR>
  cf.cond_br %c, ^bb1, ^bb2
^bb1:
  %z = arith.constant 0.0 : f64
  return %z : f64
^bb2:
  %o = arith.constant 1.0 : f64
  return %o : f64
}

// -----

#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>

// A storage the program frees itself, or views through a non-tensor value, is
// left alone (no second free).
// CHECK-LABEL: func.func @freed_or_viewed
// CHECK: bufferization.dealloc_tensor
// CHECK-NOT: bufferization.dealloc_tensor
// CHECK: return
func.func @freed_or_viewed(%a: tensor<4x4xf64>) -> (f64, !llvm.ptr) {
  %s = sparse_tensor.convert %a : tensor<4x4xf64> to tensor<4x4xf64, #CSR>
  %c0 = arith.constant 0 : index
  %x = tensor.extract %s[%c0, %c0] : tensor<4x4xf64, #CSR>
  bufferization.dealloc_tensor %s : tensor<4x4xf64, #CSR>
  %t = sparse_tensor.convert %a : tensor<4x4xf64> to tensor<4x4xf64, #CSR>
  %p = builtin.unrealized_conversion_cast %t : tensor<4x4xf64, #CSR> to !llvm.ptr
  return %x, %p : f64, !llvm.ptr
}

// -----

#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>

func.func private @keep(tensor<4x4xf64, #CSR>)

// A storage that enters a loop's block arguments (scf.forall shared_outs) is
// not tracked: the body may hand it on.
// CHECK-LABEL: func.func @forall_shared
// CHECK-NOT: dealloc_tensor
// CHECK: return
func.func @forall_shared(%a: tensor<4x4xf64>) {
  %s = sparse_tensor.convert %a : tensor<4x4xf64> to tensor<4x4xf64, #CSR>
  %r = scf.forall (%i) in (2) shared_outs(%o = %s) -> tensor<4x4xf64, #CSR> {
    func.call @keep(%o) : (tensor<4x4xf64, #CSR>) -> ()
  }
  return
}
