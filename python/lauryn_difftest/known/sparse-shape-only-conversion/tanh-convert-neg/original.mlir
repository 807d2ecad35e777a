#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>

func.func @main(%a0: tensor<?x3xf64, #CSR>, %a1: tensor<?x7xi64, #CSR>, %a2: tensor<?x?xf64, #CSR>, %a3: f64, %a4: f64, %a5: tensor<3x7xf64>, %a6: index, %a7: tensor<?x4xf64>) -> (tensor<0x?xf64, #CSR>, tensor<0x1xf64>) {
  %v0 = la.matmul %a2, %a5 : tensor<?x?xf64, #CSR>, tensor<3x7xf64> -> tensor<?x?xf64>  // inexact
  %v1 = la.tanh %v0 : tensor<?x?xf64> -> tensor<?x?xf64>  // inexact
  %v2 = la.min %v0 : tensor<?x?xf64> -> f64  // inexact
  %v3 = la.round %a3 : f64 -> f64
  %v4 = la.not %a3 : f64 -> f64
  %v5 = la.convert %v1 : tensor<?x?xf64> -> tensor<?x?xf64, #CSR>  // inexact
  %v6 = la.convert %a2 : tensor<?x?xf64, #CSR> -> tensor<?x?xf64>
  %v7 = la.transpose %v1 : tensor<?x?xf64> -> tensor<?x?xf64>  // inexact
  %v8 = la.ifelse %v4, %v0, %v5 : f64, tensor<?x?xf64>, tensor<?x?xf64, #CSR> -> tensor<?x?xf64>  // inexact
  %v9 = la.neg %v5 : tensor<?x?xf64, #CSR> -> tensor<?x?xf64, #CSR>  // inexact
  %v10 = la.convert %v8 : tensor<?x?xf64> -> tensor<?x?xf64, #CSR>  // inexact
  %ci1 = arith.constant 1 : index
  %ci3 = arith.constant 3 : index
  %v11 = tensor.dim %v9, %ci1 : tensor<?x?xf64, #CSR>
  %ci7 = arith.constant 7 : index
  %v12 = la.slice %v9, %ci1, %ci3, %v11, %ci7 : tensor<?x?xf64, #CSR>, index, index, index, index -> tensor<2x?xf64, #CSR>  // inexact
  %v13 = tensor.dim %v10, %ci1 : tensor<?x?xf64, #CSR>
  %v14 = la.slice %v10, %ci1, %ci1, %a6, %v13 : tensor<?x?xf64, #CSR>, index, index, index, index -> tensor<0x?xf64, #CSR>  // inexact
  %v15 = la.diag %v14 : tensor<0x?xf64, #CSR> -> tensor<0x1xf64>  // inexact
  %v16 = la.transpose %a7 : tensor<?x4xf64> -> tensor<4x?xf64>
  %v17 = la.solve %v16, %v16 : tensor<4x?xf64>, tensor<4x?xf64> -> tensor<4x?xf64>  // inexact
  %v18 = la.rev %v15 : tensor<0x1xf64> -> tensor<0x1xf64>  // inexact
  %ci16 = arith.constant 16 : index
  %v19 = la.reshape %v17, %ci16 : tensor<4x?xf64>, index -> tensor<?x1xf64>  // inexact
  %ci0 = arith.constant 0 : index
  %v20 = tensor.dim %v14, %ci1 : tensor<0x?xf64, #CSR>
  %v21 = tensor.dim %v14, %ci1 : tensor<0x?xf64, #CSR>
  %v22 = la.slice %v14, %ci0, %ci0, %v20, %v21 : tensor<0x?xf64, #CSR>, index, index, index, index -> tensor<0x?xf64, #CSR>  // inexact
  return %v22, %v18 : tensor<0x?xf64, #CSR>, tensor<0x1xf64>
}
