// Reduced reproducer written by lauryn_difftest.
//
// seed 5421 (NEW), generated with avoid=['zero-extent-slice', 'sparse-div-kernel', 'sparse-vector-broadcast', 'sparse-1x1-broadcast']
// original mismatch:
// [noopt] value: result #0 (i64, exact): integer cell (9, 1): 94310105493424 vs reference 0
// [opt] value: result #0 (i64, exact): integer cell (9, 0): 140658949954928 vs reference 0
// [opt-t2] value: result #0 (i64, exact): integer cell (9, 0): 93967927442276 vs reference 0
// reduced mismatch:
// [noopt] value: result #0 (i64, exact): integer cell (6, 0): 139919456410992 vs reference 0
// [opt] value: result #0 (i64, exact): integer cell (6, 0): 50 vs reference 0
// [opt-t2] value: result #0 (i64, exact): integer cell (6, 0): 93993595301988 vs reference 0
//
// Run (in this directory):
//   lauryn-run repro.mlir --arg a0=a0.mtx --arg a2=a2.mtx --arg a4=a4.npy
//   lauryn-run --no-optimize repro.mlir --arg a0=a0.mtx --arg a2=a2.mtx --arg a4=a4.npy
//   python3 -m lauryn_ref repro.mlir --arg a0=a0.mtx --arg a2=a2.mtx --arg a4=a4.npy
#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>

func.func @main(%a0: tensor<?x?xi64, #CSR>, %a2: tensor<3x?xi64, #CSR>, %a4: tensor<?x?xi64>) -> (tensor<?x?xi64>) {
  %v1 = la.matmul %a0, %a2 : tensor<?x?xi64, #CSR>, tensor<3x?xi64, #CSR> -> tensor<?x?xi64, #CSR>
  %v12 = la.rbind %a4, %a4, %v1 : tensor<?x?xi64>, tensor<?x?xi64>, tensor<?x?xi64, #CSR> -> tensor<?x?xi64>
  return %v12 : tensor<?x?xi64>
}
