#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>
func.func @main(%A: tensor<?x?xf64, #CSR>, %x: tensor<?x1xf64>) -> tensor<?x1xf64> {
  %0 = la.matmul %A, %x : tensor<?x?xf64, #CSR>, tensor<?x1xf64> -> tensor<?x1xf64>
  return %0 : tensor<?x1xf64>
}
