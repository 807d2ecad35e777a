// Reduced reproducer written by lauryn_difftest.
//
// found by: python3 -m lauryn_difftest --count 20 --seed 0 --include-known (seed 13)
// mismatch of the reduced program:
// [noopt] lauryn-error: lauryn-run fails (/tmp/tmp10vpyfll/prog.mlir:4:9: error: offset 1 is out-of-bounds: 0 >= 0
//   %v4 = la.rbind %a3, %a2, %a2 : tensor<2x0xf64>, tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x0xf64>  // inexact
//         ^
// /tmp/tmp10vpyfll/prog.mlir:4:9: note: see current operation: %16 = "tensor.insert_slice"(%arg1, %12) <{operandSegmentSizes = array<i32: 1, 1, 0, 0, 0>, static_offsets = array<i64: 0, 0>, static_sizes = array<i64: 2, 0>, static_strides = array<i64: 1, 1>}> : (tensor<2x0xf64>, tensor<?x0xf64>) -> tensor<?x0xf64>
// lauryn-run: error: lowering la to linalg failed (see the errors above)),
//
// Run (in this directory):
//   lauryn-run repro.mlir --arg a2=a2.npy --arg a3=a3.npy
//   lauryn-run --no-optimize repro.mlir --arg a2=a2.npy --arg a3=a3.npy
//   python3 -m lauryn_ref repro.mlir --arg a2=a2.npy --arg a3=a3.npy
#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>

func.func @main(%a2: tensor<?x?xf64>, %a3: tensor<2x0xf64>) -> (tensor<?x?xf64>) {
  %v4 = la.rbind %a3, %a2, %a2 : tensor<2x0xf64>, tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x0xf64>  // inexact
  return %a2 : tensor<?x?xf64>
}
