// Reduced reproducer written by lauryn_difftest.
//
// seed 30196 (NEW), generated with avoid=[]
// original mismatch:
// [noopt] lauryn-error: lauryn-run fails (/tmp/tmptymt7rhw/prog.mlir:20:9: error: offset 1 is out-of-bounds: 5 >= 5
//   %v6 = la.slice %v3, %ci3, %ci4, %v4, %v5 : tensor<?x?xf64>, index, index, index, index -> tensor<1x?xf64>
//         ^
// /tmp/tmptymt7rhw/prog.mlir:20:9: note: see current operation: %16 = "memref.subview"(%15) <{operandSegmentSizes = array<i32: 1, 0, 0, 0>, static_offsets = array<i64: 3, 5>, static_sizes = array<i64: 1, 0>, static_strides = array<i64: 1, 1>}> : (memref<6x5xf64>) -> memref<1x0xf64, strided<[5, 1], offset: 20>>
// lauryn-run: error: lowering to the LLVM dialect failed (see the errors above)), reference succeeds
// reduced mismatch:
// [noopt] lauryn-error: lauryn-run fails (/tmp/tmps97ailq5/prog.mlir:10:9: error: offset 1 is out-of-bounds: 5 >= 5
//   %v6 = la.slice %v3, %ci3, %ci4, %v4, %v5 : tensor<?x?xf64>, index, index, index, index -> tensor<1x?xf64>
//         ^
// /tmp/tmps97ailq5/prog.mlir:10:9: note: see current operation: %2 = "memref.subview"(%1) <{operandSegmentSizes = array<i32: 1, 0, 0, 0>, static_offsets = array<i64: 3, 5>, static_sizes = array<i64: 1, 0>, static_strides = array<i64: 1, 1>}> : (memref<6x5xf64>) -> memref<1x0xf64, strided<[5, 1], offset: 20>>
// lauryn-run: error: lowering to the LLVM dialect failed (see the errors above)), reference succeeds
//
// Run (in this directory):
//   lauryn-run repro.mlir --arg a0=a0.npy --arg a2=0.0
//   lauryn-run --no-optimize repro.mlir --arg a0=a0.npy --arg a2=0.0
//   python3 -m lauryn_ref repro.mlir --arg a0=a0.npy --arg a2=0.0
#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>

func.func @main(%a0: tensor<6x5xf64>, %a2: f64) -> (f64) {
  %v3 = la.mul %a2, %a0 : f64, tensor<6x5xf64> -> tensor<?x?xf64>
  %ci3 = arith.constant 3 : index
  %ci4 = arith.constant 4 : index
  %ci1 = arith.constant 1 : index
  %v4 = tensor.dim %v3, %ci1 : tensor<?x?xf64>
  %v5 = tensor.dim %v3, %ci1 : tensor<?x?xf64>
  %v6 = la.slice %v3, %ci3, %ci4, %v4, %v5 : tensor<?x?xf64>, index, index, index, index -> tensor<1x?xf64>
  %v35 = la.transpose %v6 : tensor<1x?xf64> -> tensor<?x1xf64>  // inexact
  %v61 = la.prod %v35 : tensor<?x1xf64> -> f64  // inexact
  return %v61 : f64
}
