// Reduced reproducer written by lauryn_difftest.
//
// seed 50645 (NEW), generated with avoid=[]
// original mismatch:
// [opt] lauryn-error: lauryn-run fails (/tmp/tmpu3740ts1/prog.mlir:15:11: error: 'tensor.empty' op incorrect number of dynamic sizes, has 2, expected 0
//     %w3 = la.mul %acc1, %a1 : tensor<?x?xf64, #CSR>, f64 -> tensor<?x?xf64, #CSR>  // inexact
//           ^
// /tmp/tmpu3740ts1/prog.mlir:15:11: note: see current operation: %181 = "tensor.empty"(%2, %27) : (index, index) -> tensor<2x4xf64, #sparse_tensor.encoding<{ map = (d0, d1) -> (d0 : dense, d1 : compressed) }>>
// lauryn-run: error: lowering to the LLVM dialect failed (see the errors above)), reference succeeds
// [opt-t2] lauryn-error: lauryn-run fails (/tmp/tmpu3740ts1/prog.mlir:15:11: error: 'tensor.empty' op incorrect number of dynamic sizes, has 2, expected 0
//     %w3 = la.mul %acc1, %a1 : tensor<?x?xf64, #CSR>, f64 -> tensor<?x?xf64, #CSR>  // inexact
//           ^
// /tmp/tmpu3740ts1/prog.mlir:15:11: note: see current operation: %181 = "tensor.empty"(%2, %27) : (index, index) -> tensor<2x4xf64, #sparse_tensor.encoding<{ map = (d0, d1) -> (d0 : dense, d1 : compressed) }>>
// lauryn-run: error: lowering to the LLVM dialect failed (see the errors above)), reference succeeds
// reduced mismatch:
// [opt] lauryn-error: lauryn-run fails (/tmp/tmp6p9ahvy7/prog.mlir:13:11: error: 'tensor.empty' op incorrect number of dynamic sizes, has 2, expected 0
//     %w3 = la.mul %acc1, %a1 : tensor<?x?xf64, #CSR>, f64 -> tensor<?x?xf64, #CSR>  // inexact
//           ^
// /tmp/tmp6p9ahvy7/prog.mlir:13:11: note: see current operation: %8 = "tensor.empty"(%0, %2) : (index, index) -> tensor<2x4xf64, #sparse_tensor.encoding<{ map = (d0, d1) -> (d0 : dense, d1 : compressed) }>>
// lauryn-run: error: lowering to the LLVM dialect failed (see the errors above)), reference succeeds
// [opt-t2] lauryn-error: lauryn-run fails (/tmp/tmp6p9ahvy7/prog.mlir:13:11: error: 'tensor.empty' op incorrect number of dynamic sizes, has 2, expected 0
//     %w3 = la.mul %acc1, %a1 : tensor<?x?xf64, #CSR>, f64 -> tensor<?x?xf64, #CSR>  // inexact
//           ^
// /tmp/tmp6p9ahvy7/prog.mlir:13:11: note: see current operation: %8 = "tensor.empty"(%0, %2) : (index, index) -> tensor<2x4xf64, #sparse_tensor.encoding<{ map = (d0, d1) -> (d0 : dense, d1 : compressed) }>>
// lauryn-run: error: lowering to the LLVM dialect failed (see the errors above)), reference succeeds
//
// Run (in this directory):
//   lauryn-run repro.mlir --arg a0=a0.mtx --arg a1=0.0 --arg a4=a4.mtx
//   lauryn-run --no-optimize repro.mlir --arg a0=a0.mtx --arg a1=0.0 --arg a4=a4.mtx
//   python3 -m lauryn_ref repro.mlir --arg a0=a0.mtx --arg a1=0.0 --arg a4=a4.mtx
#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>

func.func @helper(%p0: tensor<?x?xf64, #CSR>) -> (tensor<?x?xf64>) {
  %h0 = la.convert %p0 : tensor<?x?xf64, #CSR> -> tensor<?x?xf64>  // inexact
  return %h0 : tensor<?x?xf64>
}

func.func @main(%a0: tensor<?x?xf64, #CSR>, %a1: f64, %a4: tensor<2x2xf64, #CSR>) -> (tensor<2x2xf64, #CSR>) {
  %ci0 = arith.constant 0 : index
  %ci4 = arith.constant 4 : index
  %ci1 = arith.constant 1 : index
  %v0 = scf.for %i1 = %ci0 to %ci4 step %ci1 iter_args(%acc1 = %a0) -> (tensor<?x?xf64, #CSR>) {  // inexact
    %w3 = la.mul %acc1, %a1 : tensor<?x?xf64, #CSR>, f64 -> tensor<?x?xf64, #CSR>  // inexact
    scf.yield %w3 : tensor<?x?xf64, #CSR>
  }
  %v8 = func.call @helper(%v0) : (tensor<?x?xf64, #CSR>) -> (tensor<?x?xf64>)  // inexact
  return %a4 : tensor<2x2xf64, #CSR>
}
