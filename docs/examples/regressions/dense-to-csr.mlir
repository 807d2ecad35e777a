// REGRESSION (correctness and performance): dense -> CSR conversion, and a CSR
// result computed from a CSR operand (t(S), which lowers to
// CSR -> dense -> transpose -> CSR), are correct and take time linear in the
// size of the matrix.
//
//   $ build/bin/lauryn-run docs/examples/regressions/dense-to-csr.mlir \
//         --arg X=rand:2000x2000:0.02:1 -o D.npy,Dt.npy --stats
//   result #0: 2000x2000 f64 written to D.npy     X through CSR and back
//   result #1: 2000x2000 f64 written to Dt.npy    t(X) through CSR and back
//   result #2: 40033.168113753083                 sum(X) of the CSR copy
//   result #3: 80068                              nnz(t(X)) of the CSR copy
//   stats: ... run 144 ms ...                     (80k non-zeros)
//
// Checked by test_regression_dense_to_csr in python/tests/test_examples.py:
// D and Dt must equal X and t(X) exactly, the sum and nnz must match NumPy,
// and the run (80k non-zeros) must take less than a second. The lmcg test on
// bcsstk13 (84k non-zeros) computes t(X) of a CSR X as well.
//
// History: the sparsifier inserts the non-zeros one call of a private helper
// at a time into the CSR storage, and the buffer-deallocation pipeline that
// followed copied the storage arrays on every call (it treated the helper's
// results as not owned): O(nnz * (n + nnz)) work, 6.4 s for the plain
// conversion of 80k non-zeros and 7.6 s for lmcg.mlir's t(X) on bcsstk13.
// buildCPUTail now runs the pipeline with privateFunctionDynamicOwnership;
// the plain conversion of 80k non-zeros takes ~45 ms.
#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>
func.func @main(%X: tensor<?x?xf64>) -> (tensor<?x?xf64>, tensor<?x?xf64>, f64, i64) {
  %S = la.convert %X : tensor<?x?xf64> -> tensor<?x?xf64, #CSR>
  %St = la.transpose %S : tensor<?x?xf64, #CSR>
  %D = la.convert %S : tensor<?x?xf64, #CSR> -> tensor<?x?xf64>
  %Dt = la.convert %St : tensor<?x?xf64, #CSR> -> tensor<?x?xf64>
  %s = la.sum %S : tensor<?x?xf64, #CSR>
  %nz = la.nnz %St : tensor<?x?xf64, #CSR>
  return %D, %Dt, %s, %nz : tensor<?x?xf64>, tensor<?x?xf64>, f64, i64
}
