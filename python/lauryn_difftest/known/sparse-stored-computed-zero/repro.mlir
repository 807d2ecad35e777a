// Reduced reproducer written by lauryn_difftest.
//
// seed 51246 (long run on 629aaff), generated with avoid=[]
// original mismatch:
// [formats] value: result #0 (f64, inexact): NaN at (0, 0): nan vs reference 0.0
// reduced mismatch:
// [formats] value: result #0 (f64, inexact): NaN at (0, 3): nan vs reference 0.0
//
// Run (in this directory):
//   lauryn-run repro.mlir --arg a0=a0.npy --arg a3=a3.npy
//   lauryn-run --no-optimize repro.mlir --arg a0=a0.npy --arg a3=a3.npy
//   python3 -m lauryn_ref repro.mlir --arg a0=a0.npy --arg a3=a3.npy
#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>

func.func @main(%a0: tensor<?x100xf64>, %a3: tensor<100x?xf64>) -> (tensor<?x?xf64>) {
  %v6 = la.sub %a0, %a0 : tensor<?x100xf64>, tensor<?x100xf64> -> tensor<?x100xf64>
  %v13 = la.mul %v6, %v6 : tensor<?x100xf64>, tensor<?x100xf64> -> tensor<?x?xf64>
  %v14 = la.matmul %v13, %a3 : tensor<?x?xf64>, tensor<100x?xf64> -> tensor<?x?xf64>  // inexact
  return %v14 : tensor<?x?xf64>
}
