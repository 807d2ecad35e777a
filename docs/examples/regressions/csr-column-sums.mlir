// REGRESSION: column aggregates (la.sum col, la.sumsq col) of a CSR matrix are
// correct with any number of threads.
//
//   $ build/bin/lauryn-run docs/examples/regressions/csr-column-sums.mlir \
//         --arg G=../shared/data/matrices/Erdos971.mtx --threads 4 -o cs.npy,cq.npy
//   result #0: 1x472 f64 written to cs.npy      colSums(G)
//   result #1: 1x472 f64 written to cq.npy      colSums(G^2)
//   result #2: 2628                             sum(G)
//   result #3: 2628                             sum(colSums(G))
//   result #4: 2628                             sum(colSums(G^2))
//
// Checked by test_regression_csr_column_sums in python/tests/test_examples.py:
// real graphs and a random rectangular matrix (where colSums differ from
// rowSums), run with 1, 2 and 4 threads (the multithreaded runs repeated),
// compared with SciPy's column sums. docs/examples/pagerank.mlir computes its
// out-degrees as colSums(G) of a CSR G, so the PageRank tests check it too.
//
// History: the sparsifier used to parallelize the dense outer (row) loop of
// these kernels although it is a reduction loop, so threads raced on
// `out[j] += G[i, j]` and gave wrong, run-dependent sums with more than one
// thread (e.g. 2159 instead of 2628 for Erdos971 on 2 threads); pagerank.mlir
// computed the out-degrees as matrix(1, 1, n) %*% G instead. convert-la-to-linalg
// now lowers sum/sumsq col of a sparse matrix to that product itself
// (lib/Conversion/LAToLinalg/AggregatesToLinalg.cpp), whose parallel outer
// loop is the single row of ones.
#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>
func.func @main(%G: tensor<?x?xf64, #CSR>)
    -> (tensor<1x?xf64>, tensor<1x?xf64>, f64, f64, f64) {
  %all = la.sum %G : tensor<?x?xf64, #CSR>
  %cs = la.sum col %G : tensor<?x?xf64, #CSR>
  %viaCols = la.sum %cs : tensor<1x?xf64>
  %cq = la.sumsq col %G : tensor<?x?xf64, #CSR>
  %viaColsSq = la.sum %cq : tensor<1x?xf64>
  return %cs, %cq, %all, %viaCols, %viaColsSq
      : tensor<1x?xf64>, tensor<1x?xf64>, f64, f64, f64
}
