// X * sigmoid(U %*% t(V)) with a CSR X: one outer operator (la-fuse) computes the product
// only at the stored entries of X and assembles a CSR result of X's pattern.
#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>
func.func @main(%X: tensor<?x?xf64, #CSR>, %U: tensor<?x?xf64>, %V: tensor<?x?xf64>) -> tensor<?x?xf64, #CSR> {
  %vt = la.transpose %V : tensor<?x?xf64>
  %uv = la.matmul %U, %vt : tensor<?x?xf64>, tensor<?x?xf64>
  %s = la.sigmoid %uv : tensor<?x?xf64>
  %p = la.mul %X, %s : tensor<?x?xf64, #CSR>, tensor<?x?xf64> -> tensor<?x?xf64, #CSR>
  return %p : tensor<?x?xf64, #CSR>
}
