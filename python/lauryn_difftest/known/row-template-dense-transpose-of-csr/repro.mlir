// Reduced reproducer written by lauryn_difftest.
//
// seed 50703 (NEW), generated with avoid=[]
// original mismatch:
// [formats] value: result #2 (f64, inexact): NaN at (0, 0): -3.0 vs reference nan
// reduced mismatch:
// [formats] value: result #0 (f64, inexact): NaN at (0, 0): -3.4908948036669836 vs reference nan
//
// Run (in this directory):
//   lauryn-run repro.mlir --arg a1=a1.npy --arg a2=a2.npy
//   lauryn-run --no-optimize repro.mlir --arg a1=a1.npy --arg a2=a2.npy
//   python3 -m lauryn_ref repro.mlir --arg a1=a1.npy --arg a2=a2.npy
#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>

func.func @main(%a1: tensor<?x33xf64>, %a2: tensor<?x1xf64>) -> (tensor<33x1xf64>) {
  %v7 = la.transpose %a1 : tensor<?x33xf64> -> tensor<33x?xf64>
  %v8 = la.matmul %v7, %a2 : tensor<33x?xf64>, tensor<?x1xf64> -> tensor<33x1xf64>  // inexact
  return %v8 : tensor<33x1xf64>
}
