// RUN: lauryn-opt %s --split-input-file --verify-diagnostics --pass-pipeline="builtin.module(func.func(lauryn-borrow-sparse-runtime-buffers{restore=true}))"

func.func @unknown(%t: !llvm.ptr) -> memref<?xf64> {
  // expected-error @+1 {{'lauryn.sparse_runtime_call' does not name a function}}
  %v = builtin.unrealized_conversion_cast %t : !llvm.ptr to memref<?xf64> {lauryn.sparse_runtime_call = @sparseValuesF64}
  return %v : memref<?xf64>
}

// -----

func.func private @sparseValuesF64(!llvm.ptr) -> memref<?xf64>

func.func @mismatch(%t: !llvm.ptr) -> memref<?xf32> {
  // expected-error @+1 {{operand or result types differ from those of @sparseValuesF64 '(!llvm.ptr) -> memref<?xf64>'}}
  %v = builtin.unrealized_conversion_cast %t : !llvm.ptr to memref<?xf32> {lauryn.sparse_runtime_call = @sparseValuesF64}
  return %v : memref<?xf32>
}
