// Reduced reproducer written by lauryn_difftest.
//
// seed 6375 (NEW), generated with avoid=['zero-extent-slice', 'sparse-div-kernel', 'sparse-vector-broadcast', 'sparse-1x1-broadcast']
// original mismatch:
// [noopt] value: result #1 (f64, inexact): relative error 2.500e-01 > 1e-09 at (0, 7): 1.0 vs reference 0.0
// [opt] value: result #1 (f64, inexact): relative error 2.500e-01 > 1e-09 at (0, 7): 1.0 vs reference 0.0
// [opt-t2] value: result #1 (f64, inexact): relative error 2.500e-01 > 1e-09 at (0, 7): 1.0 vs reference 0.0
// reduced mismatch:
// [noopt] value: result #0 (f64, exact): cell (1, 3): 2.0 vs reference 0.0 (exact result)
// [opt] value: result #0 (f64, exact): cell (1, 3): 2.0 vs reference 0.0 (exact result)
// [opt-t2] value: result #0 (f64, exact): cell (1, 3): 2.0 vs reference 0.0 (exact result)
//
// Run (in this directory):
//   lauryn-run repro.mlir --arg a1=a1.mtx --arg a2=a2.mtx
//   lauryn-run --no-optimize repro.mlir --arg a1=a1.mtx --arg a2=a2.mtx
//   python3 -m lauryn_ref repro.mlir --arg a1=a1.mtx --arg a2=a2.mtx
#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>

func.func @helper(%p0: tensor<?x?xf64>, %p1: tensor<?x?xf64>) -> (tensor<?x?xf64>, tensor<?x?xf64>) {
  return %p1, %p1 : tensor<?x?xf64>, tensor<?x?xf64>
}

func.func @main(%a1: tensor<?x?xf64, #CSR>, %a2: tensor<?x?xf64, #CSR>) -> (tensor<?x?xf64>) {
  %v3 = la.sub %a1, %a1 : tensor<?x?xf64, #CSR>, tensor<?x?xf64, #CSR> -> tensor<?x?xf64, #CSR>
  %v4 = la.exp %v3 : tensor<?x?xf64, #CSR> -> tensor<?x?xf64>  // inexact
  %v6 = la.add %a1, %a2 : tensor<?x?xf64, #CSR>, tensor<?x?xf64, #CSR> -> tensor<?x?xf64, #CSR>
  %v8 = la.ifelse %v6, %a2, %a1 : tensor<?x?xf64, #CSR>, tensor<?x?xf64, #CSR>, tensor<?x?xf64, #CSR> -> tensor<?x?xf64>
  %v15:2 = func.call @helper(%v4, %v8) : (tensor<?x?xf64>, tensor<?x?xf64>) -> (tensor<?x?xf64>, tensor<?x?xf64>)  // inexact
  return %v8 : tensor<?x?xf64>
}
