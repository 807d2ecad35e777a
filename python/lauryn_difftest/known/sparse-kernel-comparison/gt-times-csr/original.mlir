#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>

func.func @main(%a0: tensor<?x?xf64>, %a1: tensor<5x2xf64>, %a2: tensor<?x2xf64>, %a3: tensor<2x2xf64>) -> (tensor<?x2xf64>, tensor<?x?xf64>, tensor<5x2xf64>) {
  %v0 = la.gt %a1, %a0 : tensor<5x2xf64>, tensor<?x?xf64> -> tensor<5x2xf64>
  %v1 = la.sub %v0, %v0 : tensor<5x2xf64>, tensor<5x2xf64> -> tensor<5x2xf64>
  %v2 = la.sub %v1, %v1 : tensor<5x2xf64>, tensor<5x2xf64> -> tensor<?x2xf64>
  %v3 = la.mul %v2, %a1 : tensor<?x2xf64>, tensor<5x2xf64> -> tensor<5x?xf64>
  %v4 = la.ifelse %v0, %v0, %a1 : tensor<5x2xf64>, tensor<5x2xf64>, tensor<5x2xf64> -> tensor<?x2xf64>
  %v5 = la.mul %a1, %v3 : tensor<5x2xf64>, tensor<5x?xf64> -> tensor<5x2xf64>
  %v6 = la.sum row %v2 : tensor<?x2xf64> -> tensor<?x1xf64>  // inexact
  %v7 = la.ifelse %v1, %a1, %a0 : tensor<5x2xf64>, tensor<5x2xf64>, tensor<?x?xf64> -> tensor<5x2xf64>
  %v8 = la.maximum %v3, %v2 : tensor<5x?xf64>, tensor<?x2xf64> -> tensor<5x?xf64>
  %v9 = la.maximum %a2, %v0 : tensor<?x2xf64>, tensor<5x2xf64> -> tensor<5x2xf64>
  %v10 = la.diag %v6 : tensor<?x1xf64> -> tensor<?x?xf64>  // inexact
  %v11 = la.matmul %a2, %a3 : tensor<?x2xf64>, tensor<2x2xf64> -> tensor<?x2xf64>  // inexact
  return %v11, %v10, %v5 : tensor<?x2xf64>, tensor<?x?xf64>, tensor<5x2xf64>
}
