// Reduced reproducer written by lauryn_difftest.
//
// seed 50334 (NEW), generated with avoid=[]
// original mismatch:
// [opt] value: result #2 (f64, inexact): shape (1, 6) vs reference (1, 1)
// reduced mismatch:
// [opt] value: result #0 (f64, inexact): shape (1, 6) vs reference (1, 1)
//
// Run (in this directory):
//   lauryn-run repro.mlir --arg a0=a0.npy
//   lauryn-run --no-optimize repro.mlir --arg a0=a0.npy
//   python3 -m lauryn_ref repro.mlir --arg a0=a0.npy
#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>

func.func @main(%a0: tensor<?x6xf64>) -> (tensor<1x?xf64>) {
  %v37 = la.prod row %a0 : tensor<?x6xf64> -> tensor<?x1xf64>  // inexact
  %v47 = la.sigmoid %v37 : tensor<?x1xf64> -> tensor<?x?xf64>  // inexact
  %v75 = la.mean col %v47 : tensor<?x?xf64> -> tensor<1x?xf64>  // inexact
  return %v75 : tensor<1x?xf64>
}
