#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>

func.func @main(%a0: tensor<?x?xf64, #CSR>, %a1: tensor<5x?xf64>, %a2: tensor<100x1xf64>, %a3: f64, %a4: f64, %a5: tensor<100x?xf64>) -> (tensor<?x?xf64>) {
  %v0 = la.xor %a5, %a2 : tensor<100x?xf64>, tensor<100x1xf64> -> tensor<100x?xf64>
  %v1 = la.round %a4 : f64 -> f64
  %v2 = la.convert %a5 : tensor<100x?xf64> -> tensor<100x?xf64, #CSR>
  %v3 = la.mul %v2, %a2 : tensor<100x?xf64, #CSR>, tensor<100x1xf64> -> tensor<100x?xf64>
  %v4 = la.convert %v3 : tensor<100x?xf64> -> tensor<100x?xf64, #CSR>
  %v5 = la.neg %v3 : tensor<100x?xf64> -> tensor<?x?xf64>
  return %v5 : tensor<?x?xf64>
}
