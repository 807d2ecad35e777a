// RUN: lauryn-opt %s --split-input-file --pass-pipeline="builtin.module(func.func(lauryn-borrow-sparse-runtime-buffers))" | FileCheck %s --check-prefix=HIDE
// RUN: lauryn-opt %s --split-input-file --pass-pipeline="builtin.module(func.func(lauryn-borrow-sparse-runtime-buffers),buffer-deallocation-pipeline{private-function-dynamic-ownership=true},func.func(lauryn-borrow-sparse-runtime-buffers{restore=true}))" | FileCheck %s --check-prefix=BORROW
// Without the pass, the deallocation frees the runtime's arrays (the bug it prevents).
// RUN: lauryn-opt %s --split-input-file --pass-pipeline="builtin.module(buffer-deallocation-pipeline{private-function-dynamic-ownership=true})" | FileCheck %s --check-prefix=OWNED

func.func private @sparseValuesF64(!llvm.ptr) -> memref<?xf64> attributes {llvm.emit_c_interface}
func.func private @sparsePositions0(!llvm.ptr, index) -> memref<?xindex> attributes {llvm.emit_c_interface}
func.func private @makeBuffer(index) -> memref<?xf64>

// Two reads of one tensor's values stay two (distinct numbers: no CSE); a
// buffer from any other external function is still the caller's.
// HIDE-LABEL: func.func @reads
// HIDE: builtin.unrealized_conversion_cast %arg0 : !llvm.ptr to memref<?xf64> {lauryn.sparse_runtime_call = @sparseValuesF64, lauryn.sparse_runtime_call_id = 0 : i64}
// HIDE: builtin.unrealized_conversion_cast %arg0, %{{.*}} : !llvm.ptr, index to memref<?xindex> {lauryn.sparse_runtime_call = @sparsePositions0, lauryn.sparse_runtime_call_id = 1 : i64}
// HIDE: builtin.unrealized_conversion_cast %arg0 : !llvm.ptr to memref<?xf64> {lauryn.sparse_runtime_call = @sparseValuesF64, lauryn.sparse_runtime_call_id = 2 : i64}
// HIDE: call @makeBuffer
// HIDE-NOT: call @sparse

// BORROW-LABEL: func.func @reads
// BORROW: %[[V:.*]] = call @sparseValuesF64(%arg0)
// BORROW: %[[P:.*]] = call @sparsePositions0(%arg0, %{{.*}})
// BORROW: %[[W:.*]] = call @sparseValuesF64(%arg0)
// BORROW: %[[B:.*]] = call @makeBuffer
// BORROW-NOT: memref.extract_strided_metadata %[[V]]
// BORROW-NOT: memref.extract_strided_metadata %[[P]]
// BORROW-NOT: memref.extract_strided_metadata %[[W]]
// BORROW: %[[BASE:.*]], %{{.*}}, %{{.*}}, %{{.*}} = memref.extract_strided_metadata %[[B]]
// BORROW-NEXT: memref.dealloc %[[BASE]]
// BORROW-NEXT: return

// OWNED-LABEL: func.func @reads
// OWNED: %[[V:.*]] = call @sparseValuesF64(%arg0)
// OWNED: memref.extract_strided_metadata %[[V]]
// OWNED: memref.dealloc
func.func @reads(%t: !llvm.ptr, %n: index) -> f64 {
  %c0 = arith.constant 0 : index
  %v = call @sparseValuesF64(%t) : (!llvm.ptr) -> memref<?xf64>
  %p = call @sparsePositions0(%t, %c0) : (!llvm.ptr, index) -> memref<?xindex>
  %w = call @sparseValuesF64(%t) : (!llvm.ptr) -> memref<?xf64>
  %b = call @makeBuffer(%n) : (index) -> memref<?xf64>
  %i = memref.load %p[%c0] : memref<?xindex>
  %x = memref.load %v[%i] : memref<?xf64>
  %y = memref.load %w[%c0] : memref<?xf64>
  %z = memref.load %b[%c0] : memref<?xf64>
  %s = arith.addf %x, %y : f64
  %r = arith.addf %s, %z : f64
  return %r : f64
}

// -----

// A borrowed array that leaves the function is copied (the caller owns what
// it gets); the runtime's array itself is still not freed.
func.func private @sparseValuesF64(!llvm.ptr) -> memref<?xf64> attributes {llvm.emit_c_interface}

// BORROW-LABEL: func.func @escapes
// BORROW: %[[V:.*]] = call @sparseValuesF64(%arg0)
// BORROW: %[[C:.*]] = bufferization.clone %[[V]]
// BORROW-NOT: memref.extract_strided_metadata %[[V]]
// BORROW: return %[[C]]
func.func @escapes(%t: !llvm.ptr) -> memref<?xf64> {
  %v = call @sparseValuesF64(%t) : (!llvm.ptr) -> memref<?xf64>
  return %v : memref<?xf64>
}

// -----

// The dimension sizes of a file reader are a view into the reader object.
func.func private @getSparseTensorReaderDimSizes(!llvm.ptr) -> memref<?xindex> attributes {llvm.emit_c_interface}

// HIDE-LABEL: func.func @reader
// HIDE: builtin.unrealized_conversion_cast %arg0 : !llvm.ptr to memref<?xindex> {lauryn.sparse_runtime_call = @getSparseTensorReaderDimSizes
// BORROW-LABEL: func.func @reader
// BORROW: %[[D:.*]] = call @getSparseTensorReaderDimSizes(%arg0)
// BORROW-NOT: memref.extract_strided_metadata %[[D]]
// BORROW: return
func.func @reader(%r: !llvm.ptr) -> index {
  %c0 = arith.constant 0 : index
  %d = call @getSparseTensorReaderDimSizes(%r) : (!llvm.ptr) -> memref<?xindex>
  %n = memref.load %d[%c0] : memref<?xindex>
  return %n : index
}
