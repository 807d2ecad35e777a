// t(t(U) %*% (X * sigmoid(U %*% t(V)))) with a CSR X: one outer operator (la-fuse) computes the
// product at the stored entries of X and accumulates each value times a row of U into per-chunk
// partials of the n x k result.
#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>
func.func @main(%X: tensor<?x?xf64, #CSR>, %U: tensor<?x?xf64>, %V: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %vt = la.transpose %V : tensor<?x?xf64>
  %uv = la.matmul %U, %vt : tensor<?x?xf64>, tensor<?x?xf64>
  %s = la.sigmoid %uv : tensor<?x?xf64>
  %p = la.mul %X, %s : tensor<?x?xf64, #CSR>, tensor<?x?xf64> -> tensor<?x?xf64, #CSR>
  %ut = la.transpose %U : tensor<?x?xf64>
  %m = la.matmul %ut, %p : tensor<?x?xf64>, tensor<?x?xf64, #CSR> -> tensor<?x?xf64>
  %r = la.transpose %m : tensor<?x?xf64>
  return %r : tensor<?x?xf64>
}
