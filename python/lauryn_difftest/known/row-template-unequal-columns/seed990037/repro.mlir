// Reduced reproducer written by lauryn_difftest.
//
// seed 990037 (NEW), generated with avoid=[]
// original mismatch:
// [reuse-all] lauryn-error: lauryn-run fails ('la.fused' at /tmp/tmppnnlpher/prog.mlir:22:10: operands of the fused row operator have different column counts
// lauryn-run: error: the program stopped at a failed run-time check), reference succeeds
// [opt] lauryn-error: lauryn-run fails ('la.fused' at /tmp/tmppnnlpher/prog.mlir:22:10: operands of the fused row operator have different column counts
// lauryn-run: error: the program stopped at a failed run-time check), reference succeeds
// reduced mismatch:
// [reuse-all] lauryn-error: lauryn-run fails (/tmp/tmpke08cve6/prog.mlir:7:10: error: 'memref.cast' op operand type 'memref<8x18xf64>' and result type 'memref<8x4xf64>' are cast incompatible
//   %v11 = la.add %v9, %a3 : tensor<?x1xf64>, tensor<?x4xf64> -> tensor<?x4xf64>  // inexact
//          ^
// /tmp/tmpke08cve6/prog.mlir:7:10: note: see current operation: %112 = "memref.cast"(%111) : (memref<8x18xf64>) -> memref<8x4xf64>
// lauryn-run: error: lowering to the LLVM dialect failed (see the errors above)), reference succeeds
// [opt] lauryn-error: lauryn-run fails ('la.fused' at /tmp/tmpke08cve6/prog.mlir:7:10: operands of the fused row operator have different column counts
// lauryn-run: error: the program stopped at a failed run-time check), reference succeeds
//
// Run (in this directory):
//   lauryn-run repro.mlir --arg a1=a1.npy --arg a3=a3.npy
//   lauryn-run --no-optimize repro.mlir --arg a1=a1.npy --arg a3=a3.npy
//   python3 -m lauryn_ref repro.mlir --arg a1=a1.npy --arg a3=a3.npy
#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>

func.func @main(%a1: tensor<?x?xf64>, %a3: tensor<?x4xf64>) -> (tensor<4x3xf64>) {
  %ci3 = arith.constant 3 : index
  %v7 = la.cbind %a1, %a1, %a1 : tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
  %v9 = la.sumsq row %v7 : tensor<?x?xf64> -> tensor<?x1xf64>  // inexact
  %v11 = la.add %v9, %a3 : tensor<?x1xf64>, tensor<?x4xf64> -> tensor<?x4xf64>  // inexact
  %ci16 = arith.constant 16 : index
  %v12 = la.reshape %v11, %ci16 : tensor<?x4xf64>, index -> tensor<2x?xf64>  // inexact
  %v17 = la.max %v12 : tensor<2x?xf64> -> f64  // inexact
  %v18 = la.ifelse %v7, %v7, %v17 : tensor<?x?xf64>, tensor<?x?xf64>, f64 -> tensor<?x?xf64>  // inexact
  %ci6 = arith.constant 6 : index
  %ci24 = arith.constant 24 : index
  %v25 = la.reshape %v18, %ci24, %ci6 : tensor<?x?xf64>, index, index -> tensor<?x?xf64>  // inexact
  %ci15 = arith.constant 15 : index
  %ci19 = arith.constant 19 : index
  %v30 = la.slice %v25, %ci15, %ci19, %ci3, %ci6 : tensor<?x?xf64>, index, index, index, index -> tensor<4x3xf64>  // inexact
  return %v30 : tensor<4x3xf64>
}
