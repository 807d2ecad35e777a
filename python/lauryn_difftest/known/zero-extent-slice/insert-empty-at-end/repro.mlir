// Reduced reproducer written by lauryn_difftest.
//
// seed 20062 (NEW), generated with avoid=[]
// original mismatch:
// [noopt] lauryn-error: lauryn-run fails (or: offset 1 is out-of-bounds: 1 >= 1
//   %v7 = la.insert %v6, %a1, %ci0, %ci1 : tensor<?x?xf32>, tensor<3x1xf32>, index, index -> tensor<3x1xf32>
//         ^
// /tmp/tmpa1_nnfzs/prog.mlir:14:9: note: see current operation: %76 = "tensor.insert_slice"(%51, %arg1, %73, %75) <{operandSegmentSizes = array<i32: 1, 1, 0, 2, 0>, static_offsets = array<i64: 0, 1>, static_sizes = array<i64: -9223372036854775808, -9223372036854775808>, static_strides = array<i64: 1, 1>}> : (tensor<?x?xf32>, tensor<3x1xf32>, index, index) -> tensor<3x1xf32>
// lauryn-run: error: lowering la to linalg failed (see the errors above)), reference succeeds
// [opt] lauryn-error: lauryn-run fails (ror: offset 1 is out-of-bounds: 1 >= 1
//   %v7 = la.insert %v6, %a1, %ci0, %ci1 : tensor<?x?xf32>, tensor<3x1xf32>, index, index -> tensor<3x1xf32>
//         ^
// /tmp/tmpa1_nnfzs/prog.mlir:14:9: note: see current operation: %30 = "tensor.insert_slice"(%5, %arg1, %27, %29) <{operandSegmentSizes = array<i32: 1, 1, 0, 2, 0>, static_offsets = array<i64: 0, 1>, static_sizes = array<i64: -9223372036854775808, -9223372036854775808>, static_strides = array<i64: 1, 1>}> : (tensor<?x?xf32>, tensor<3x1xf32>, index, index) -> tensor<3x1xf32>
// lauryn-run: error: lowering la to linalg failed (see the errors above)), reference succeeds
// [opt-t2] lauryn-error: lauryn-run fails (ror: offset 1 is out-of-bounds: 1 >= 1
//   %v7 = la.insert %v6, %a1, %ci0, %ci1 : tensor<?x?xf32>, tensor<3x1xf32>, index, index -> tensor<3x1xf32>
//         ^
// /tmp/tmpa1_nnfzs/prog.mlir:14:9: note: see current operation: %30 = "tensor.insert_slice"(%5, %arg1, %27, %29) <{operandSegmentSizes = array<i32: 1, 1, 0, 2, 0>, static_offsets = array<i64: 0, 1>, static_sizes = array<i64: -9223372036854775808, -9223372036854775808>, static_strides = array<i64: 1, 1>}> : (tensor<?x?xf32>, tensor<3x1xf32>, index, index) -> tensor<3x1xf32>
// lauryn-run: error: lowering la to linalg failed (see the errors above)), reference succeeds
// reduced mismatch:
// [noopt] lauryn-error: lauryn-run fails (rror: offset 1 is out-of-bounds: 1 >= 1
//   %v7 = la.insert %v6, %a1, %ci0, %ci1 : tensor<?x?xf32>, tensor<3x1xf32>, index, index -> tensor<3x1xf32>
//         ^
// /tmp/tmp1tf48ha4/prog.mlir:8:9: note: see current operation: %30 = "tensor.insert_slice"(%5, %arg0, %27, %29) <{operandSegmentSizes = array<i32: 1, 1, 0, 2, 0>, static_offsets = array<i64: 0, 1>, static_sizes = array<i64: -9223372036854775808, -9223372036854775808>, static_strides = array<i64: 1, 1>}> : (tensor<?x?xf32>, tensor<3x1xf32>, index, index) -> tensor<3x1xf32>
// lauryn-run: error: lowering la to linalg failed (see the errors above)), reference succeeds
//
// Run (in this directory):
//   lauryn-run repro.mlir --arg a1=a1.npy --arg a5=1.0 --arg a6=a6.npy
//   lauryn-run --no-optimize repro.mlir --arg a1=a1.npy --arg a5=1.0 --arg a6=a6.npy
//   python3 -m lauryn_ref repro.mlir --arg a1=a1.npy --arg a5=1.0 --arg a6=a6.npy
#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>

func.func @main(%a1: tensor<3x1xf32>, %a5: f32, %a6: tensor<3x?xf32>) -> (tensor<3x?xf32>) {
  %ci1 = arith.constant 1 : index
  %ci3 = arith.constant 3 : index
  %ci0 = arith.constant 0 : index
  %v6 = la.fill %a5, %ci3, %ci0 : f32, index, index -> tensor<?x?xf32>
  %v7 = la.insert %v6, %a1, %ci0, %ci1 : tensor<?x?xf32>, tensor<3x1xf32>, index, index -> tensor<3x1xf32>
  return %a6 : tensor<3x?xf32>
}
