// Reduced reproducer written by lauryn_difftest.
//
// seed 50196 (long run on 629aaff): --no-optimize gave wrong, run-to-run varying
// values (about 9 runs in 10 on this reproducer).
//
// Run (in this directory):
//   lauryn-run repro.mlir --arg a2=a2.npy --arg a5=1.0
//   lauryn-run --no-optimize repro.mlir --arg a2=a2.npy --arg a5=1.0
//   python3 -m lauryn_ref repro.mlir --arg a2=a2.npy --arg a5=1.0
#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>

func.func @main(%a2: tensor<4x?xf64>, %a5: f64) -> (tensor<4x1xf64>) {
  %v0 = la.mul %a2, %a5 : tensor<4x?xf64>, f64 -> tensor<4x?xf64, #CSR>
  %ci4 = arith.constant 4 : index
  %v27 = la.sub %v0, %v0 : tensor<4x?xf64, #CSR>, tensor<4x?xf64, #CSR> -> tensor<4x?xf64, #CSR>
  %ci0 = arith.constant 0 : index
  %ci1 = arith.constant 1 : index
  %v31 = scf.for %i32 = %ci0 to %ci4 step %ci1 iter_args(%acc32 = %v0) -> (tensor<4x?xf64, #CSR>) {  // inexact
    %w34 = la.sub %v0, %acc32 : tensor<4x?xf64, #CSR>, tensor<4x?xf64, #CSR> -> tensor<4x?xf64, #CSR>  // inexact
    scf.yield %w34 : tensor<4x?xf64, #CSR>
  }
  %v41 = la.var row %v31 : tensor<4x?xf64, #CSR> -> tensor<4x1xf64>  // inexact
  return %v41 : tensor<4x1xf64>
}
