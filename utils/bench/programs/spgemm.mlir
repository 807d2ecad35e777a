#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>
func.func @main(%A: tensor<?x?xf64, #CSR>, %B: tensor<?x?xf64, #CSR>) -> f64 {
  %0 = la.matmul %A, %B : tensor<?x?xf64, #CSR>, tensor<?x?xf64, #CSR> -> tensor<?x?xf64, #CSR>
  %1 = la.sum %0 : tensor<?x?xf64, #CSR>
  return %1 : f64
}
