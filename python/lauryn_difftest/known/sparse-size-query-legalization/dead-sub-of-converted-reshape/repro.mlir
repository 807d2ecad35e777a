// Reduced reproducer written by lauryn_difftest.
//
// seed 57951 (NEW), generated with avoid=[]
// original mismatch:
// [noopt] lauryn-error: lauryn-run fails (p44i4fw8c/prog.mlir:47:10: note: see current operation: %37:4 = "builtin.unrealized_conversion_cast"(%36) : (tensor<?x1xi32, #sparse_tensor.encoding<{ map = (d0, d1) -> (d0 : dense, d1 : compressed) }>>) -> (memref<?xindex>, memref<?xindex>, memref<?xi32>, !sparse_tensor.storage_specifier<#sparse_tensor.encoding<{ map = (d0, d1) -> (d0 : dense, d1 : compressed) }>>)
// /tmp/tmp44i4fw8c/prog.mlir:47:10: note: see existing live user here: %subview_20 = memref.subview %13#0[0] [%54] [1] : memref<?xindex> to memref<?xindex>
// lauryn-run: error: lowering to the LLVM dialect failed (see the errors above)), reference succeeds
// reduced mismatch:
// [noopt] lauryn-error: lauryn-run fails (ersion_cast"(%24) : (tensor<?x1xi32, #sparse_tensor.encoding<{ map = (d0, d1) -> (d0 : dense, d1 : compressed) }>>) -> (memref<?xindex>, memref<?xindex>, memref<?xi32>, !sparse_tensor.storage_specifier<#sparse_tensor.encoding<{ map = (d0, d1) -> (d0 : dense, d1 : compressed) }>>)
// /tmp/tmptktw1aza/prog.mlir:9:10: note: see existing live user here: %12 = sparse_tensor.storage_specifier.get %11#3  lvl_sz at 0 : !sparse_tensor.storage_specifier<#sparse_tensor.encoding<{ map = (d0, d1) -> (d0 : dense, d1 : compressed) }>>
// lauryn-run: error: lowering to the LLVM dialect failed (see the errors above)), reference succeeds
//
// Run (in this directory):
//   lauryn-run repro.mlir --arg a3=a3.npy --arg a7=a7.npy --arg a8=a8.npy
//   lauryn-run --no-optimize repro.mlir --arg a3=a3.npy --arg a7=a7.npy --arg a8=a8.npy
//   python3 -m lauryn_ref repro.mlir --arg a3=a3.npy --arg a7=a7.npy --arg a8=a8.npy
#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>

func.func @main(%a3: tensor<7x7xi32>, %a7: tensor<?x1xi32>, %a8: tensor<7x?xi32>) -> (tensor<7x?xi32>) {
  %ci49 = arith.constant 49 : index
  %v1 = la.reshape %a3, %ci49 : tensor<7x7xi32>, index -> tensor<?x1xi32>
  %v2 = la.convert %v1 : tensor<?x1xi32> -> tensor<?x1xi32, #CSR>
  %v3 = la.transpose %v1 : tensor<?x1xi32> -> tensor<?x?xi32>
  %v33 = la.rbind %v3, %v3, %v3 : tensor<?x?xi32>, tensor<?x?xi32>, tensor<?x?xi32> -> tensor<?x?xi32>
  %v49 = la.sub %a7, %v2 : tensor<?x1xi32>, tensor<?x1xi32, #CSR> -> tensor<?x1xi32>
  return %a8 : tensor<7x?xi32>
}
