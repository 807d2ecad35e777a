// Reduced reproducer written by lauryn_difftest.
//
// seed 56767 (NEW), generated with avoid=[]
// original mismatch:
// [noopt] value: result #1 (f64, exact): NaN at (0, 1): nan vs reference 0.0
// reduced mismatch:
// [noopt] value: result #0 (f64, exact): NaN at (0, 0): nan vs reference 0.0
//
// Run (in this directory):
//   lauryn-run repro.mlir --arg a1=a1.npy --arg a2=a2.mtx
//   lauryn-run --no-optimize repro.mlir --arg a1=a1.npy --arg a2=a2.mtx
//   python3 -m lauryn_ref repro.mlir --arg a1=a1.npy --arg a2=a2.mtx
#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>

func.func @main(%a1: tensor<?x1xf64>, %a2: tensor<1x?xf64, #CSR>) -> (tensor<?x?xf64>) {
  %v0 = la.mul %a2, %a1 : tensor<1x?xf64, #CSR>, tensor<?x1xf64> -> tensor<?x?xf64>
  return %v0 : tensor<?x?xf64>
}
