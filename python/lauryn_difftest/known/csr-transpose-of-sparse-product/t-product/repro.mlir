// Reduced reproducer written by lauryn_difftest.
//
// seed 70036 (NEW), generated with avoid=[]
// original mismatch:
// [formats] lauryn-error: lauryn-run fails ( memref<?xindex>, memref<?xi64>, !sparse_tensor.storage_specifier<#sparse_tensor.encoding<{ map = (d0, d1) -> (d0 : dense, d1 : compressed) }>>)
// prog.mlir:32:3: note: see existing live user here: func.return %67#0, %67#1, %67#2, %67#3, %c7, %c7, %2 : memref<?xindex>, memref<?xindex>, memref<?xi64>, !sparse_tensor.storage_specifier<#sparse_tensor.encoding<{ map = (d0, d1) -> (d0 : dense, d1 : compressed) }>>, index, index, tensor<0x0xi64>
//   return %v22, %v7 : tensor<7x?xi64, #CSR>, tensor<0x0xi64>
//   ^
// lauryn-run: error: lowering to the LLVM dialect failed (see the errors above)), reference succeeds
// reduced mismatch:
// [formats] lauryn-error: lauryn-run fails (, d1 : compressed) }>>) -> (memref<?xindex>, memref<?xindex>, memref<?xi64>, !sparse_tensor.storage_specifier<#sparse_tensor.encoding<{ map = (d0, d1) -> (d0 : dense, d1 : compressed) }>>)
// prog.mlir:7:3: note: see existing live user here: func.return %47#0, %47#1, %47#2, %47#3, %c7, %c7 : memref<?xindex>, memref<?xindex>, memref<?xi64>, !sparse_tensor.storage_specifier<#sparse_tensor.encoding<{ map = (d0, d1) -> (d0 : dense, d1 : compressed) }>>, index, index
//   return %v22 : tensor<7x?xi64, #CSR>
//   ^
// lauryn-run: error: lowering to the LLVM dialect failed (see the errors above)), reference succeeds
//
// Run (in this directory):
//   lauryn-run repro.mlir --arg a5=a5.npy
//   lauryn-run --no-optimize repro.mlir --arg a5=a5.npy
//   python3 -m lauryn_ref repro.mlir --arg a5=a5.npy
#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>

func.func @main(%a5: tensor<7x7xi64>) -> (tensor<7x?xi64, #CSR>) {
  %v18 = la.transpose %a5 : tensor<7x7xi64> -> tensor<7x7xi64>
  %v20 = la.matmul %v18, %v18 : tensor<7x7xi64>, tensor<7x7xi64> -> tensor<7x?xi64>
  %v22 = la.convert %v20 : tensor<7x?xi64> -> tensor<7x?xi64, #CSR>
  return %v22 : tensor<7x?xi64, #CSR>
}
