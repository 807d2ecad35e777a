// Reduced reproducer written by lauryn_difftest.
//
// found by: python3 -m lauryn_difftest --count 20 --seed 0 --include-known (seed 7)
// mismatch of the reduced program:
// [noopt] lauryn-error: lauryn-run fails (/tmp/tmpxzio90sx/prog.mlir:7:10: error: offset 0 is out-of-bounds: 0 >= 0
//   %v11 = la.slice %a1, %ci0, %ci0, %ci2, %ci3 : tensor<?x?xf64>, index, index, index, index -> tensor<0x1xf64>
//          ^
// /tmp/tmpxzio90sx/prog.mlir:7:10: note: see current operation: %20 = "tensor.extract_slice"(%arg0) <{operandSegmentSizes = array<i32: 1, 0, 0, 0>, static_offsets = array<i64: 0, 2>, static_sizes = array<i64: 0, 1>, static_strides = array<i64: 1, 1>}> : (tensor<0x3xf64>) -> tensor<0x1xf64>
// lauryn-run: error: lowering la to linalg failed (see the errors above)), reference succeeds
//
// Run (in this directory):
//   lauryn-run repro.mlir --arg a1=a1.npy
//   lauryn-run --no-optimize repro.mlir --arg a1=a1.npy
//   python3 -m lauryn_ref repro.mlir --arg a1=a1.npy
#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>

func.func @main(%a1: tensor<?x?xf64>) -> (tensor<?x?xf64>) {
  %ci0 = arith.constant 0 : index
  %ci2 = arith.constant 2 : index
  %ci3 = arith.constant 3 : index
  %v11 = la.slice %a1, %ci0, %ci0, %ci2, %ci3 : tensor<?x?xf64>, index, index, index, index -> tensor<0x1xf64>
  return %a1 : tensor<?x?xf64>
}
