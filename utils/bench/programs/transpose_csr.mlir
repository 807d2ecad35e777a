#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>
func.func @main(%X: tensor<?x?xf64, #CSR>) -> tensor<?x?xf64> {
  %0 = la.transpose %X : tensor<?x?xf64, #CSR> -> tensor<?x?xf64>
  return %0 : tensor<?x?xf64>
}
