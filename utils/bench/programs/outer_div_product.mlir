// (X / (U %*% t(V))) %*% V with a CSR X (the ALS / NMF-style update of the fusion issue): the
// zeros of the CSR numerator are structural, so one outer operator (la-fuse) computes the
// quotient at the stored entries of X only and accumulates each value times a row of V.
#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>
func.func @main(%X: tensor<?x?xf64, #CSR>, %U: tensor<?x?xf64>, %V: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %vt = la.transpose %V : tensor<?x?xf64>
  %uv = la.matmul %U, %vt : tensor<?x?xf64>, tensor<?x?xf64>
  %q = la.div %X, %uv : tensor<?x?xf64, #CSR>, tensor<?x?xf64>
  %r = la.matmul %q, %V : tensor<?x?xf64, #CSR>, tensor<?x?xf64> -> tensor<?x?xf64>
  return %r : tensor<?x?xf64>
}
