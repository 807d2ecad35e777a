// Reduced reproducer written by lauryn_difftest.
//
// seed 52209 of the long run on de522e7 (NEW), reduced by hand from the generated program
// original mismatch (opt, opt-t2, fuse-all, fuse-heuristic, reuse-all):
// lauryn-run fails ('la.fused' at prog.mlir:25:10: operands of the fused row operator have
// different column counts), reference succeeds
// la-fuse made max(a0 %*% a5, a9) a row operator over a0's 1 x 8 space; a9 is typed 1 x ? and
// is 1 x 1 at run time (size-1 dimensions are not specialized), so the result is 1 x 1.
//
// Run (in this directory):
//   lauryn-run repro.mlir --arg a0=a0.npy --arg a5=a5.npy --arg a9=a9.npy
//   lauryn-run --no-optimize repro.mlir --arg a0=a0.npy --arg a5=a5.npy --arg a9=a9.npy
//   python3 -m lauryn_ref repro.mlir --arg a0=a0.npy --arg a5=a5.npy --arg a9=a9.npy
#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>

func.func @main(%a0: tensor<?x8xi32>, %a5: tensor<?x1xi32>, %a9: tensor<1x?xi32>) -> (tensor<?x?xi32>, tensor<?x1xi32>) {
  %v0 = la.matmul %a0, %a5 : tensor<?x8xi32>, tensor<?x1xi32> -> tensor<?x1xi32>
  %v13 = la.maximum %v0, %a9 : tensor<?x1xi32>, tensor<1x?xi32> -> tensor<?x?xi32>
  return %v13, %v0 : tensor<?x?xi32>, tensor<?x1xi32>
}
