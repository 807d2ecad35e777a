// PageRank by power iteration on a sparse graph, written in la.
//
// G is the n x n adjacency matrix in CSR, G[i, j] != 0 for an edge j -> i (for an
// undirected graph, the symmetric adjacency matrix). The column-stochastic
// transition matrix M = G / colSums(G) is never formed: each iteration scales p
// by the inverse out-degrees and multiplies with the sparse G,
//
//   d = max(t(colSums(G)), 1)                 # out-degrees (n x 1); a node
//                                             #  without out-edges keeps d = 1
//   p = matrix(1 / n, n, 1)
//   for (i in 1:maxIter)
//     p = alpha * (G %*% (p / d)) + (1 - alpha) / n
//
// (Rank mass of nodes without out-edges is not redistributed, as in the
// simplest DML formulation.)
//
// Parameters:
//   G        n x n  adjacency matrix, CSR (e.g. a Matrix Market graph)
//   alpha           damping factor (typically 0.85)
//   maxIter         number of power iterations
// Result: the PageRank vector p (n x 1).
//
//   lauryn-run pagerank.mlir --arg G=karate.mtx --arg alpha=0.85 --arg maxIter=50 -o p.npy

#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>

// Out-degrees max(t(colSums(G)), 1) as a column vector.
func.func private @outDegrees(%G: tensor<?x?xf64, #CSR>) -> tensor<?x1xf64> {
  %one = arith.constant 1.0 : f64
  %cs = la.sum col %G : tensor<?x?xf64, #CSR>
  %d0 = la.transpose %cs : tensor<1x?xf64>
  %d = la.maximum %d0, %one : tensor<?x1xf64>, f64
  return %d : tensor<?x1xf64>
}

func.func @main(%G: tensor<?x?xf64, #CSR>, %alpha: f64, %maxIter: index) -> tensor<?x1xf64> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %one = arith.constant 1.0 : f64
  %n = tensor.dim %G, %c0 : tensor<?x?xf64, #CSR>
  %ni = arith.index_cast %n : index to i64
  %nf = la.cast %ni : i64 -> f64
  %invn = la.div %one, %nf : f64, f64
  %oneMinusAlpha = la.sub %one, %alpha : f64, f64
  %teleport = la.mul %oneMinusAlpha, %invn : f64, f64

  %d = func.call @outDegrees(%G) : (tensor<?x?xf64, #CSR>) -> tensor<?x1xf64>
  %p0 = la.fill %invn, %n : f64, index -> tensor<?x1xf64>
  %p = scf.for %i = %c0 to %maxIter step %c1 iter_args(%pi = %p0) -> (tensor<?x1xf64>) {
    %pd = la.div %pi, %d : tensor<?x1xf64>, tensor<?x1xf64>
    %Gp = la.matmul %G, %pd : tensor<?x?xf64, #CSR>, tensor<?x1xf64>
    %aGp = la.mul %alpha, %Gp : f64, tensor<?x1xf64>
    %pn = la.add %aGp, %teleport : tensor<?x1xf64>, f64
    scf.yield %pn : tensor<?x1xf64>
  }
  return %p : tensor<?x1xf64>
}
