// Reduced reproducer written by lauryn_difftest.
//
// seed 5432 (NEW), generated with avoid=['zero-extent-slice', 'sparse-div-kernel', 'sparse-vector-broadcast', 'sparse-1x1-broadcast']
// original mismatch:
// [noopt] lauryn-error: lauryn-run fails (sion_cast"(%98) : (tensor<?x1xi64, #sparse_tensor.encoding<{ map = (d0, d1) -> (d0 : dense, d1 : compressed) }>>) -> (memref<?xindex>, memref<?xindex>, memref<?xi64>, !sparse_tensor.storage_specifier<#sparse_tensor.encoding<{ map = (d0, d1) -> (d0 : dense, d1 : compressed) }>>)
// /tmp/tmplshw2iuy/prog.mlir:73:10: note: see existing live user here: %120 = sparse_tensor.storage_specifier.get %45#3  lvl_sz at 0 : !sparse_tensor.storage_specifier<#sparse_tensor.encoding<{ map = (d0, d1) -> (d0 : dense, d1 : compressed) }>>
// lauryn-run: error: lowering to the LLVM dialect failed (see the errors above)), reference succeeds
// reduced mismatch:
// [noopt] lauryn-error: lauryn-run fails (ersion_cast"(%24) : (tensor<?x1xi64, #sparse_tensor.encoding<{ map = (d0, d1) -> (d0 : dense, d1 : compressed) }>>) -> (memref<?xindex>, memref<?xindex>, memref<?xi64>, !sparse_tensor.storage_specifier<#sparse_tensor.encoding<{ map = (d0, d1) -> (d0 : dense, d1 : compressed) }>>)
// /tmp/tmps2fxlswg/prog.mlir:7:10: note: see existing live user here: %12 = sparse_tensor.storage_specifier.get %11#3  lvl_sz at 0 : !sparse_tensor.storage_specifier<#sparse_tensor.encoding<{ map = (d0, d1) -> (d0 : dense, d1 : compressed) }>>
// lauryn-run: error: lowering to the LLVM dialect failed (see the errors above)), reference succeeds
//
// Run (in this directory):
//   lauryn-run repro.mlir --arg a4=a4.npy --arg a5=1 --arg a6=a6.npy --arg a7=a7.npy
//   lauryn-run --no-optimize repro.mlir --arg a4=a4.npy --arg a5=1 --arg a6=a6.npy --arg a7=a7.npy
//   python3 -m lauryn_ref repro.mlir --arg a4=a4.npy --arg a5=1 --arg a6=a6.npy --arg a7=a7.npy
#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>

func.func @main(%a4: tensor<1x?xi64>, %a5: i64, %a6: tensor<?x1xi64>, %a7: tensor<?x?xf64>) -> (tensor<?x?xf64>) {
  %v20 = la.pow %a5, %a6 : i64, tensor<?x1xi64> -> tensor<?x1xi64>
  %v29 = la.maximum %v20, %a4 : tensor<?x1xi64>, tensor<1x?xi64> -> tensor<?x?xi64>
  %v43 = la.convert %v20 : tensor<?x1xi64> -> tensor<?x1xi64, #CSR>
  %v53 = la.mul %a6, %v43 : tensor<?x1xi64>, tensor<?x1xi64, #CSR> -> tensor<?x1xi64, #CSR>
  return %a7 : tensor<?x?xf64>
}
