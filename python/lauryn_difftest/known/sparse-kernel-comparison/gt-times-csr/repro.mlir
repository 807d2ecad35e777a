// Reduced reproducer written by lauryn_difftest.
//
// seed 50131 (NEW), generated with avoid=[]
// original mismatch:
// [formats] lauryn-error: lauryn-run fails (/tmp/tmp4n6r6zhy/prog.mlir:3:17: error: failed to legalize operation 'bufferization.to_tensor' that was explicitly marked illegal
// func.func @main(%a0: tensor<?x?xf64>, %a1: tensor<5x2xf64>, %a2: tensor<?x2xf64>, %a3: tensor<2x2xf64>) -> (tensor<?x2xf64>, tensor<?x?xf64>, tensor<5x2xf64>) {
//                 ^
// /tmp/tmp4n6r6zhy/prog.mlir:3:17: note: see current operation: %6 = "bufferization.to_tensor"(%arg0) : (memref<5x2xf64>) -> tensor<5x2xf64>
// lauryn-run: error: lowering to the LLVM dialect failed (see the errors above)), reference succeeds
// reduced mismatch:
// [formats] lauryn-error: lauryn-run fails (/tmp/tmpdns3xku9/prog.mlir:3:17: error: failed to legalize operation 'bufferization.to_tensor' that was explicitly marked illegal
// func.func @main(%a0: tensor<?x?xf64>, %a1: tensor<5x2xf64>) -> (tensor<5x2xf64>) {
//                 ^
// /tmp/tmpdns3xku9/prog.mlir:3:17: note: see current operation: %2 = "bufferization.to_tensor"(%arg0) : (memref<5x2xf64>) -> tensor<5x2xf64>
// lauryn-run: error: lowering to the LLVM dialect failed (see the errors above)), reference succeeds
//
// Run (in this directory):
//   lauryn-run repro.mlir --arg a0=a0.npy --arg a1=a1.npy
//   lauryn-run --no-optimize repro.mlir --arg a0=a0.npy --arg a1=a1.npy
//   python3 -m lauryn_ref repro.mlir --arg a0=a0.npy --arg a1=a1.npy
#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>

func.func @main(%a0: tensor<?x?xf64>, %a1: tensor<5x2xf64>) -> (tensor<5x2xf64>) {
  %v0 = la.gt %a1, %a0 : tensor<5x2xf64>, tensor<?x?xf64> -> tensor<5x2xf64>
  %v2 = la.sub %v0, %v0 : tensor<5x2xf64>, tensor<5x2xf64> -> tensor<?x2xf64>
  %v3 = la.mul %v2, %a1 : tensor<?x2xf64>, tensor<5x2xf64> -> tensor<5x?xf64>
  %v5 = la.mul %a1, %v3 : tensor<5x2xf64>, tensor<5x?xf64> -> tensor<5x2xf64>
  return %v5 : tensor<5x2xf64>
}
