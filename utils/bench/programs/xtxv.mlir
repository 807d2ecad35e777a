// t(X) %*% (X %*% v): one row operator (la-fuse) reads X once; unfused, two
// matrix-vector products read it twice.
func.func @main(%X: tensor<?x?xf64>, %v: tensor<?x1xf64>) -> tensor<?x1xf64> {
  %0 = la.matmul %X, %v : tensor<?x?xf64>, tensor<?x1xf64> -> tensor<?x1xf64>
  %1 = la.transpose %X : tensor<?x?xf64> -> tensor<?x?xf64>
  %2 = la.matmul %1, %0 : tensor<?x?xf64>, tensor<?x1xf64> -> tensor<?x1xf64>
  return %2 : tensor<?x1xf64>
}
