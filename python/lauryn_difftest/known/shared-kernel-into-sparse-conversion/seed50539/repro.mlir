// Reduced reproducer written by lauryn_difftest.
//
// seed 50539 (NEW), generated with avoid=[]
// original mismatch:
// [opt] lauryn-error: lauryn-run fails (pcf9dso8n/prog.mlir:31:10: note: see current operation: %37:4 = "builtin.unrealized_conversion_cast"(%36) : (tensor<7x7xf64, #sparse_tensor.encoding<{ map = (d0, d1) -> (d0 : dense, d1 : compressed) }>>) -> (memref<?xindex>, memref<?xindex>, memref<?xf64>, !sparse_tensor.storage_specifier<#sparse_tensor.encoding<{ map = (d0, d1) -> (d0 : dense, d1 : compressed) }>>)
// /tmp/tmpcf9dso8n/prog.mlir:31:10: note: see existing live user here: %subview_13 = memref.subview %16#0[0] [%24] [1] : memref<?xindex> to memref<?xindex>
// lauryn-run: error: lowering to the LLVM dialect failed (see the errors above)), reference succeeds
// reduced mismatch:
// [opt] lauryn-error: lauryn-run fails (tmpbmw595rc/prog.mlir:8:10: note: see current operation: %29:4 = "builtin.unrealized_conversion_cast"(%28) : (tensor<7x7xf64, #sparse_tensor.encoding<{ map = (d0, d1) -> (d0 : dense, d1 : compressed) }>>) -> (memref<?xindex>, memref<?xindex>, memref<?xf64>, !sparse_tensor.storage_specifier<#sparse_tensor.encoding<{ map = (d0, d1) -> (d0 : dense, d1 : compressed) }>>)
// /tmp/tmpbmw595rc/prog.mlir:8:10: note: see existing live user here: %subview_11 = memref.subview %11#0[0] [%16] [1] : memref<?xindex> to memref<?xindex>
// lauryn-run: error: lowering to the LLVM dialect failed (see the errors above)), reference succeeds
//
// Run (in this directory):
//   lauryn-run repro.mlir --arg a0=a0.npy --arg a1=a1.npy
//   lauryn-run --no-optimize repro.mlir --arg a0=a0.npy --arg a1=a1.npy
//   python3 -m lauryn_ref repro.mlir --arg a0=a0.npy --arg a1=a1.npy
#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>

func.func @main(%a0: tensor<7x7xf64>, %a1: tensor<7x?xf64>) -> (tensor<7x7xf64>, f64) {
  %ci0 = arith.constant 0 : index
  %v8 = la.sign %a0 : tensor<7x7xf64> -> tensor<7x7xf64>
  %v19 = la.convert %v8 : tensor<7x7xf64> -> tensor<7x7xf64, #CSR>
  %v20 = la.insert %a1, %v8, %ci0, %ci0 : tensor<7x?xf64>, tensor<7x7xf64>, index, index -> tensor<7x7xf64>  // inexact
  %v21 = la.sumsq %v19 : tensor<7x7xf64, #CSR> -> f64  // inexact
  return %v20, %v21 : tensor<7x7xf64>, f64
}
