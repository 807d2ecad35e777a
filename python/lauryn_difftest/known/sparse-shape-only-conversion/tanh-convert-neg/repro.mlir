// Reduced reproducer written by lauryn_difftest.
//
// seed 50401 (NEW), generated with avoid=[]
// original mismatch:
// [formats] lauryn-error: lauryn-run fails (/tmp/tmp2ull9u0u/prog.mlir:5:9: error: 'tensor.empty' op incorrect number of dynamic sizes, has 0, expected 2
//   %v1 = la.tanh %v0 : tensor<?x?xf64> -> tensor<?x?xf64>  // inexact
//         ^
// /tmp/tmp2ull9u0u/prog.mlir:5:9: note: see current operation: %10 = "tensor.empty"() : () -> tensor<?x?xf64>
// lauryn-run: error: lowering to the LLVM dialect failed (see the errors above)), reference succeeds
// reduced mismatch:
// [formats] lauryn-error: lauryn-run fails (/tmp/tmpcjhsi3vs/prog.mlir:5:9: error: 'tensor.empty' op incorrect number of dynamic sizes, has 0, expected 2
//   %v1 = la.tanh %v0 : tensor<?x?xf64> -> tensor<?x?xf64>  // inexact
//         ^
// /tmp/tmpcjhsi3vs/prog.mlir:5:9: note: see current operation: %19 = "tensor.empty"() : () -> tensor<?x?xf64, #sparse_tensor.encoding<{ map = (d0, d1) -> (d0 : dense, d1 : compressed) }>>
// lauryn-run: error: lowering to the LLVM dialect failed (see the errors above)), reference succeeds
//
// Run (in this directory):
//   lauryn-run repro.mlir --arg a2=a2.mtx --arg a5=a5.npy --arg a6=7
//   lauryn-run --no-optimize repro.mlir --arg a2=a2.mtx --arg a5=a5.npy --arg a6=7
//   python3 -m lauryn_ref repro.mlir --arg a2=a2.mtx --arg a5=a5.npy --arg a6=7
#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>

func.func @main(%a2: tensor<?x?xf64, #CSR>, %a5: tensor<3x7xf64>, %a6: index) -> (tensor<0x1xf64>) {
  %v0 = la.matmul %a2, %a5 : tensor<?x?xf64, #CSR>, tensor<3x7xf64> -> tensor<?x?xf64>  // inexact
  %v1 = la.tanh %v0 : tensor<?x?xf64> -> tensor<?x?xf64>  // inexact
  %v5 = la.convert %v1 : tensor<?x?xf64> -> tensor<?x?xf64, #CSR>  // inexact
  %v9 = la.neg %v5 : tensor<?x?xf64, #CSR> -> tensor<?x?xf64, #CSR>  // inexact
  %ci1 = arith.constant 1 : index
  %v13 = tensor.dim %v9, %ci1 : tensor<?x?xf64, #CSR>
  %v14 = la.slice %v9, %ci1, %ci1, %a6, %v13 : tensor<?x?xf64, #CSR>, index, index, index, index -> tensor<0x?xf64, #CSR>  // inexact
  %v15 = la.diag %v14 : tensor<0x?xf64, #CSR> -> tensor<0x1xf64>  // inexact
  return %v15 : tensor<0x1xf64>
}
