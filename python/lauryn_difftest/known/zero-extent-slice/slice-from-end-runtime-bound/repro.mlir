// Reduced reproducer written by lauryn_difftest.
//
// seed 20035 (known bug zero-extent-slice), generated with avoid=[]
// original mismatch:
// [noopt] lauryn-error: lauryn-run fails (/tmp/tmpyjotju9y/prog.mlir:27:10: error: offset 0 is out-of-bounds: 4 >= 4
//   %v11 = la.slice %v6, %ci4, %a6, %ci2, %ci6 : tensor<4x?xf32>, index, index, index, index -> tensor<?x4xf32>
//          ^
// /tmp/tmpyjotju9y/prog.mlir:27:10: note: see current operation: %117 = "tensor.extract_slice"(%35, %115) <{operandSegmentSizes = array<i32: 1, 0, 1, 0>, static_offsets = array<i64: 4, 2>, static_sizes = array<i64: -9223372036854775808, 4>, static_strides = array<i64: 1, 1>}> : (tensor<4x?xf32>, index) -> tensor<?x4xf32>
// lauryn-run: error: lowering la to linalg failed (see the errors above)), reference succeeds
// [opt] lauryn-error: lauryn-run fails (/tmp/tmpyjotju9y/prog.mlir:27:10: error: offset 0 is out-of-bounds: 4 >= 4
//   %v11 = la.slice %v6, %ci4, %a6, %ci2, %ci6 : tensor<4x?xf32>, index, index, index, index -> tensor<?x4xf32>
//          ^
// /tmp/tmpyjotju9y/prog.mlir:27:10: note: see current operation: %58 = "tensor.extract_slice"(%35, %56) <{operandSegmentSizes = array<i32: 1, 0, 1, 0>, static_offsets = array<i64: 4, 2>, static_sizes = array<i64: -9223372036854775808, 4>, static_strides = array<i64: 1, 1>}> : (tensor<4x?xf32>, index) -> tensor<?x4xf32>
// lauryn-run: error: lowering la to linalg failed (see the errors above)), reference succeeds
// [opt-t2] lauryn-error: lauryn-run fails (/tmp/tmpyjotju9y/prog.mlir:27:10: error: offset 0 is out-of-bounds: 4 >= 4
//   %v11 = la.slice %v6, %ci4, %a6, %ci2, %ci6 : tensor<4x?xf32>, index, index, index, index -> tensor<?x4xf32>
//          ^
// /tmp/tmpyjotju9y/prog.mlir:27:10: note: see current operation: %58 = "tensor.extract_slice"(%35, %56) <{operandSegmentSizes = array<i32: 1, 0, 1, 0>, static_offsets = array<i64: 4, 2>, static_sizes = array<i64: -9223372036854775808, 4>, static_strides = array<i64: 1, 1>}> : (tensor<4x?xf32>, index) -> tensor<?x4xf32>
// lauryn-run: error: lowering la to linalg failed (see the errors above)), reference succeeds
// reduced mismatch:
// [noopt] lauryn-error: lauryn-run fails (/tmp/tmp80r0yf_z/prog.mlir:7:10: error: offset 0 is out-of-bounds: 4 >= 4
//   %v11 = la.slice %a8, %ci4, %a6, %ci2, %ci6 : tensor<4x?xf32>, index, index, index, index -> tensor<?x4xf32>
//          ^
// /tmp/tmp80r0yf_z/prog.mlir:7:10: note: see current operation: %19 = "tensor.extract_slice"(%arg2, %17) <{operandSegmentSizes = array<i32: 1, 0, 1, 0>, static_offsets = array<i64: 4, 2>, static_sizes = array<i64: -9223372036854775808, 4>, static_strides = array<i64: 1, 1>}> : (tensor<4x6xf32>, index) -> tensor<?x4xf32>
// lauryn-run: error: lowering la to linalg failed (see the errors above)), reference succeeds
//
// Run (in this directory):
//   lauryn-run repro.mlir --arg a6=4 --arg a7=a7.npy --arg a8=a8.npy
//   lauryn-run --no-optimize repro.mlir --arg a6=4 --arg a7=a7.npy --arg a8=a8.npy
//   python3 -m lauryn_ref repro.mlir --arg a6=4 --arg a7=a7.npy --arg a8=a8.npy
#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>

func.func @main(%a6: index, %a7: tensor<14x6xf32>, %a8: tensor<4x?xf32>) -> (tensor<14x6xf32>) {
  %ci6 = arith.constant 6 : index
  %ci4 = arith.constant 4 : index
  %ci2 = arith.constant 2 : index
  %v11 = la.slice %a8, %ci4, %a6, %ci2, %ci6 : tensor<4x?xf32>, index, index, index, index -> tensor<?x4xf32>
  return %a7 : tensor<14x6xf32>
}
