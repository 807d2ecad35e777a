// The kernel of docs/examples/c/main.c: sum and scaled Gram matrix of X, and
// a sparse matrix-vector product.
#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>

func.func @gram(%X: tensor<?x?xf64>, %lambda: f64) -> (f64, tensor<?x?xf64>) {
  %t = la.transpose %X : tensor<?x?xf64>
  %g = la.matmul %t, %X : tensor<?x?xf64>, tensor<?x?xf64>
  %r = la.mul %g, %lambda : tensor<?x?xf64>, f64
  %s = la.sum %X : tensor<?x?xf64>
  return %s, %r : f64, tensor<?x?xf64>
}

func.func @spmv(%S: tensor<3x3xf64, #CSR>, %v: tensor<?x1xf64>) -> tensor<?x1xf64> {
  %y = la.matmul %S, %v : tensor<3x3xf64, #CSR>, tensor<?x1xf64> -> tensor<?x1xf64>
  return %y : tensor<?x1xf64>
}

// S %*% S and t(S) of a CSR matrix, returned as CSR matrices.
func.func @square(%S: tensor<3x3xf64, #CSR>) -> (tensor<3x3xf64, #CSR>, tensor<3x3xf64, #CSR>) {
  %p = la.matmul %S, %S : tensor<3x3xf64, #CSR>, tensor<3x3xf64, #CSR> -> tensor<3x3xf64, #CSR>
  %t = la.transpose %S : tensor<3x3xf64, #CSR> -> tensor<3x3xf64, #CSR>
  return %p, %t : tensor<3x3xf64, #CSR>, tensor<3x3xf64, #CSR>
}
