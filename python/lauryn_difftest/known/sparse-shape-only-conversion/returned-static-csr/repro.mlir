// Reduced reproducer written by lauryn_difftest.
//
// seed 51773 (NEW), generated with avoid=[]
// original mismatch:
// [formats] lauryn-error: lauryn-run fails (prog.mlir:9:9: error: 'tensor.empty' op incorrect number of dynamic sizes, has 0, expected 2
//   %v5 = la.tanh %v1 : tensor<?x?xf64> -> tensor<?x?xf64>  // inexact
//         ^
// prog.mlir:9:9: note: see current operation: %6 = "tensor.empty"() : () -> tensor<?x?xf64, #sparse_tensor.encoding<{ map = (d0, d1) -> (d0 : dense, d1 : compressed) }>>
// lauryn-run: error: lowering to the LLVM dialect failed (see the errors above)), reference succeeds
// reduced mismatch:
// [formats] lauryn-error: lauryn-run fails (prog.mlir:5:9: error: 'tensor.empty' op incorrect number of dynamic sizes, has 0, expected 2
//   %v5 = la.tanh %v0 : tensor<?x?xf64> -> tensor<?x?xf64>  // inexact
//         ^
// prog.mlir:5:9: note: see current operation: %4 = "tensor.empty"() : () -> tensor<?x?xf64, #sparse_tensor.encoding<{ map = (d0, d1) -> (d0 : dense, d1 : compressed) }>>
// lauryn-run: error: lowering to the LLVM dialect failed (see the errors above)), reference succeeds
//
// Run (in this directory):
//   lauryn-run repro.mlir --arg a1=a1.npy
//   lauryn-run --no-optimize repro.mlir --arg a1=a1.npy
//   python3 -m lauryn_ref repro.mlir --arg a1=a1.npy
#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>

func.func @main(%a1: tensor<?x?xf64>) -> (tensor<?x?xf64, #CSR>) {
  %v0 = la.add %a1, %a1 : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
  %v5 = la.tanh %v0 : tensor<?x?xf64> -> tensor<?x?xf64>  // inexact
  %v20 = la.convert %v5 : tensor<?x?xf64> -> tensor<?x?xf64, #CSR>  // inexact
  return %v20 : tensor<?x?xf64, #CSR>
}
