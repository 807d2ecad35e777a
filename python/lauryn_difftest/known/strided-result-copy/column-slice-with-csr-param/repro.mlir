// Reduced reproducer written by lauryn_difftest.
//
// seed 40992 (NEW), generated with avoid=[]
// original mismatch:
// [noopt] value: result #2 (i64, exact): integer cell (1, 0): -7 vs reference 3
// [opt] value: result #2 (i64, exact): integer cell (1, 0): -7 vs reference 3
// [opt-t2] value: result #2 (i64, exact): integer cell (1, 0): -7 vs reference 3
// reduced mismatch:
// [noopt] value: result #0 (i64, exact): integer cell (1, 0): -7 vs reference 3
// [opt] value: result #0 (i64, exact): integer cell (1, 0): -7 vs reference 3
// [opt-t2] value: result #0 (i64, exact): integer cell (1, 0): -7 vs reference 3
//
// Run (in this directory):
//   lauryn-run repro.mlir --arg a0=a0.npy --arg a2=a2.mtx --arg a3=1
//   lauryn-run --no-optimize repro.mlir --arg a0=a0.npy --arg a2=a2.mtx --arg a3=1
//   python3 -m lauryn_ref repro.mlir --arg a0=a0.npy --arg a2=a2.mtx --arg a3=1
#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>

func.func @main(%a0: tensor<?x?xi64>, %a2: tensor<?x4xi64, #CSR>, %a3: i64) -> (tensor<4x?xi64>) {
  %ci0 = arith.constant 0 : index
  %ci4 = arith.constant 4 : index
  %ci1 = arith.constant 1 : index
  %v0 = la.slice %a0, %ci0, %ci4, %ci0, %ci1 : tensor<?x?xi64>, index, index, index, index -> tensor<4x?xi64>
  %v3 = la.pow %a3, %a2 : i64, tensor<?x4xi64, #CSR> -> tensor<?x?xi64>
  return %v0 : tensor<4x?xi64>
}
