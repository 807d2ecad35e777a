// REGRESSION: an entry with a CSR parameter can call *public* helper functions
// that take a CSR argument of dynamic shape.
//
//   $ build/bin/lauryn-run docs/examples/regressions/public-csr-helper.mlir \
//         --arg G=../shared/data/matrices/karate.mtx -o d.npy
//   result #0: 156                          sum(G) (stored entries of karate,
//                                           symmetric expanded)
//   result #1: 34x1 f64 written to d.npy    rowSums(G) (the node degrees)
//
// Checked by test_regression_public_csr_helper in
// python/tests/test_examples.py (karate and a random rectangular matrix,
// compared with SciPy).
//
// History: lowerToLLVMDialect (lib/Execution/EntryLowering.cpp) specialized
// only the entry's parameters to static shapes and then ran the upstream
// sparse-assembler on the whole module, which rewrites every *public* function
// with sparse arguments and rejected the helpers' dynamic shapes ("the
// sparse-tensor must have static shape"). Non-entry functions are now made
// private before the assembler runs. (The examples declare their helpers
// private anyway, as internal functions of the module.)
#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>
func.func @total(%G: tensor<?x?xf64, #CSR>) -> f64 {
  %s = la.sum %G : tensor<?x?xf64, #CSR>
  return %s : f64
}
func.func @degrees(%G: tensor<?x?xf64, #CSR>) -> tensor<?x1xf64> {
  %d = la.sum row %G : tensor<?x?xf64, #CSR>
  return %d : tensor<?x1xf64>
}
func.func @main(%G: tensor<?x?xf64, #CSR>) -> (f64, tensor<?x1xf64>) {
  %s = func.call @total(%G) : (tensor<?x?xf64, #CSR>) -> f64
  %d = func.call @degrees(%G) : (tensor<?x?xf64, #CSR>) -> tensor<?x1xf64>
  return %s, %d : f64, tensor<?x1xf64>
}
