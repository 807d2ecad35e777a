// Reduced reproducer written by lauryn_difftest.
//
// seed 50082 (NEW), generated with avoid=[]
// original mismatch:
// [noopt] value: result #1 (f64, inexact): infinity at (0, 2): inf vs reference -inf
// [opt] value: result #1 (f64, inexact): infinity at (0, 2): inf vs reference -inf
// [opt-t2] value: result #1 (f64, inexact): infinity at (0, 2): inf vs reference -inf
// reduced mismatch:
// [noopt] value: result #0 (f64, inexact): infinity at (0, 2): inf vs reference -inf
// [opt] value: result #0 (f64, inexact): infinity at (0, 2): inf vs reference -inf
// [opt-t2] value: result #0 (f64, inexact): infinity at (0, 2): inf vs reference -inf
//
// Run (in this directory):
//   lauryn-run repro.mlir --arg a2=a2.npy --arg a4=a4.npy --arg a5=a5.npy
//   lauryn-run --no-optimize repro.mlir --arg a2=a2.npy --arg a4=a4.npy --arg a5=a5.npy
//   python3 -m lauryn_ref repro.mlir --arg a2=a2.npy --arg a4=a4.npy --arg a5=a5.npy
#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>

func.func @main(%a2: tensor<?x33xf64>, %a4: tensor<1x33xf64>, %a5: tensor<?x33xf64>) -> (tensor<?x33xf64>) {
  %v11 = la.minimum %a5, %a2 : tensor<?x33xf64>, tensor<?x33xf64> -> tensor<?x33xf64>
  %v23 = la.pow %v11, %a4 : tensor<?x33xf64>, tensor<1x33xf64> -> tensor<?x33xf64>  // inexact
  return %v23 : tensor<?x33xf64>
}
