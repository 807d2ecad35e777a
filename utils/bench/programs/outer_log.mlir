// sum(X * log(U %*% t(V) + 1e-15)) with a sparse X: one outer operator (la-fuse) computes
// the product only at the stored entries of X.
func.func @main(%X: tensor<?x?xf64>, %U: tensor<?x?xf64>, %V: tensor<?x?xf64>) -> f64 {
  %eps = arith.constant 1.0e-15 : f64
  %vt = la.transpose %V : tensor<?x?xf64>
  %uv = la.matmul %U, %vt : tensor<?x?xf64>, tensor<?x?xf64>
  %a = la.add %uv, %eps : tensor<?x?xf64>, f64
  %l = la.log %a : tensor<?x?xf64>
  %p = la.mul %X, %l : tensor<?x?xf64>, tensor<?x?xf64>
  %s = la.sum %p : tensor<?x?xf64>
  return %s : f64
}
