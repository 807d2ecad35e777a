// Reduced reproducer written by lauryn_difftest.
//
// seed 30130 (NEW), generated with avoid=[]
// original mismatch:
// [noopt] lauryn-error: lauryn-run fails (rog.mlir:35:10: error: offset 0 is out-of-bounds: 0 >= 0
//   %v25 = la.cbind %v6, %v21 : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>  // inexact
//          ^
// /tmp/tmp48d2idvd/prog.mlir:35:10: note: see current operation: %27 = "memref.subview"(%25, %22, %24) <{operandSegmentSizes = array<i32: 1, 0, 2, 0>, static_offsets = array<i64: 0, 0>, static_sizes = array<i64: -9223372036854775808, -9223372036854775808>, static_strides = array<i64: 1, 1>}> : (memref<0x?xf64>, index, index) -> memref<?x?xf64, strided<[?, 1]>>
// lauryn-run: error: lowering to the LLVM dialect failed (see the errors above)), reference succeeds
// [opt] lauryn-error: lauryn-run fails (rog.mlir:35:10: error: offset 0 is out-of-bounds: 0 >= 0
//   %v25 = la.cbind %v6, %v21 : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>  // inexact
//          ^
// /tmp/tmp48d2idvd/prog.mlir:35:10: note: see current operation: %27 = "memref.subview"(%25, %22, %24) <{operandSegmentSizes = array<i32: 1, 0, 2, 0>, static_offsets = array<i64: 0, 0>, static_sizes = array<i64: -9223372036854775808, -9223372036854775808>, static_strides = array<i64: 1, 1>}> : (memref<0x?xf64>, index, index) -> memref<?x?xf64, strided<[?, 1]>>
// lauryn-run: error: lowering to the LLVM dialect failed (see the errors above)), reference succeeds
// [opt-t2] lauryn-error: lauryn-run fails (rog.mlir:35:10: error: offset 0 is out-of-bounds: 0 >= 0
//   %v25 = la.cbind %v6, %v21 : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>  // inexact
//          ^
// /tmp/tmp48d2idvd/prog.mlir:35:10: note: see current operation: %27 = "memref.subview"(%25, %22, %24) <{operandSegmentSizes = array<i32: 1, 0, 2, 0>, static_offsets = array<i64: 0, 0>, static_sizes = array<i64: -9223372036854775808, -9223372036854775808>, static_strides = array<i64: 1, 1>}> : (memref<0x?xf64>, index, index) -> memref<?x?xf64, strided<[?, 1]>>
// lauryn-run: error: lowering to the LLVM dialect failed (see the errors above)), reference succeeds
// reduced mismatch:
// [noopt] lauryn-error: lauryn-run fails (p/prog.mlir:10:10: error: offset 0 is out-of-bounds: 0 >= 0
//   %v25 = la.cbind %a0, %v21 : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>  // inexact
//          ^
// /tmp/tmp8drjm6up/prog.mlir:10:10: note: see current operation: %11 = "memref.subview"(%9, %6, %8) <{operandSegmentSizes = array<i32: 1, 0, 2, 0>, static_offsets = array<i64: 0, 0>, static_sizes = array<i64: -9223372036854775808, -9223372036854775808>, static_strides = array<i64: 1, 1>}> : (memref<0x?xf64>, index, index) -> memref<?x?xf64, strided<[?, 1]>>
// lauryn-run: error: lowering to the LLVM dialect failed (see the errors above)), reference succeeds
//
// Run (in this directory):
//   lauryn-run repro.mlir --arg a0=a0.npy
//   lauryn-run --no-optimize repro.mlir --arg a0=a0.npy
//   python3 -m lauryn_ref repro.mlir --arg a0=a0.npy
#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>

func.func @main(%a0: tensor<?x?xf64>) -> (tensor<?x?xf64>) {
  %ci0 = arith.constant 0 : index
  %ci1 = arith.constant 1 : index
  %ci4 = arith.constant 4 : index
  %v21 = scf.for %i22 = %ci0 to %ci4 step %ci1 iter_args(%acc22 = %a0) -> (tensor<?x?xf64>) {  // inexact
    scf.yield %a0 : tensor<?x?xf64>
  }
  %v25 = la.cbind %a0, %v21 : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>  // inexact
  return %v25 : tensor<?x?xf64>
}
