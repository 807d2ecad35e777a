// Reduced reproducer written by lauryn_difftest.
//
// seed 50149 (NEW), generated with avoid=[]
// original mismatch:
// [formats] lauryn-error: lauryn-run fails (/tmp/tmp05qlctaw/prog.mlir:7:9: error: failed to legalize operation 'bufferization.to_tensor' that was explicitly marked illegal
//   %v3 = la.mul %v2, %a2 : tensor<100x?xf64, #CSR>, tensor<100x1xf64> -> tensor<100x?xf64>
//         ^
// /tmp/tmp05qlctaw/prog.mlir:7:9: note: see current operation: %49 = "bufferization.to_tensor"(%42) : (memref<100x1xf64>) -> tensor<100x1xf64>
// lauryn-run: error: lowering to the LLVM dialect failed (see the errors above)), reference succeeds
// reduced mismatch:
// [formats] lauryn-error: lauryn-run fails (/tmp/tmpd9kkmfqb/prog.mlir:4:9: error: failed to legalize operation 'bufferization.to_tensor' that was explicitly marked illegal
//   %v3 = la.mul %a6, %a2 : tensor<100x?xf64, #CSR>, tensor<100x1xf64> -> tensor<100x?xf64>
//         ^
// /tmp/tmpd9kkmfqb/prog.mlir:4:9: note: see current operation: %49 = "bufferization.to_tensor"(%42) : (memref<100x1xf64>) -> tensor<100x1xf64>
// lauryn-run: error: lowering to the LLVM dialect failed (see the errors above)), reference succeeds
//
// Run (in this directory):
//   lauryn-run repro.mlir --arg a2=a2.npy --arg a6=a6.mtx
//   lauryn-run --no-optimize repro.mlir --arg a2=a2.npy --arg a6=a6.mtx
//   python3 -m lauryn_ref repro.mlir --arg a2=a2.npy --arg a6=a6.mtx
#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>

func.func @main(%a2: tensor<100x1xf64>, %a6: tensor<100x?xf64, #CSR>) -> (tensor<?x?xf64>) {
  %v3 = la.mul %a6, %a2 : tensor<100x?xf64, #CSR>, tensor<100x1xf64> -> tensor<100x?xf64>
  %v5 = la.neg %v3 : tensor<100x?xf64> -> tensor<?x?xf64>
  return %v5 : tensor<?x?xf64>
}
