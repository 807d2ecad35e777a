#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>

func.func @main(%a0: tensor<?x?xf64>, %a1: f64) -> (tensor<?x?xf64>) {
  %v0 = la.and %a0, %a1 : tensor<?x?xf64>, f64 -> tensor<?x?xf64>
  %v1 = la.rev %v0 : tensor<?x?xf64> -> tensor<?x?xf64>
  %v2 = la.cos %v1 : tensor<?x?xf64> -> tensor<?x?xf64>  // inexact
  %v3 = la.matmul %v2, %v2 : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>  // inexact
  %v4 = la.matmul %v1, %a0 : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64, #CSR>  // inexact
  %v5 = la.convert %v4 : tensor<?x?xf64, #CSR> -> tensor<?x?xf64>  // inexact
  %ci0 = arith.constant 0 : index
  %v6 = la.reshape %v5, %ci0, %ci0 : tensor<?x?xf64>, index, index -> tensor<?x?xf64>  // inexact
  %v7 = tensor.dim %v4, %ci0 : tensor<?x?xf64, #CSR>
  %ci1 = arith.constant 1 : index
  %v8 = tensor.dim %v4, %ci1 : tensor<?x?xf64, #CSR>
  %v9 = tensor.dim %v4, %ci1 : tensor<?x?xf64, #CSR>
  %v10 = la.slice %v4, %v7, %ci0, %v8, %v9 : tensor<?x?xf64, #CSR>, index, index, index, index -> tensor<?x?xf64, #CSR>  // inexact
  %v11 = la.cast %v3 : tensor<?x?xf64> -> tensor<?x?xf32>  // inexact
  %v12 = la.cast %v1 : tensor<?x?xf64> -> tensor<?x?xi64>
  %v13 = la.sub %v6, %v6 : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>  // inexact
  %v14 = arith.constant 1.0 : f64
  %ci3 = arith.constant 3 : index
  %v15 = la.fill %v14, %ci3 : f64, index -> tensor<?x2xf64>
  %v16 = la.add %v4, %v5 : tensor<?x?xf64, #CSR>, tensor<?x?xf64> -> tensor<?x?xf64>  // inexact
  %v17 = arith.constant 2.0 : f64
  %v18 = la.sub %v17, %v15 : f64, tensor<?x2xf64> -> tensor<?x2xf64>
  %v19 = la.mean all %v18 : tensor<?x2xf64> -> f64  // inexact
  %v20 = la.max col %v13 : tensor<?x?xf64> -> tensor<1x?xf64>  // inexact
  %ci4 = arith.constant 4 : index
  %v21 = scf.for %i22 = %ci0 to %ci4 step %ci1 iter_args(%acc22 = %v16) -> (tensor<?x?xf64>) {  // inexact
    %w22 = la.add %acc22, %v13 : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>  // inexact
    %w23 = la.sub %w22, %acc22 : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>  // inexact
    %w24 = la.mul %v14, %w23 : f64, tensor<?x?xf64> -> tensor<?x?xf64>  // inexact
    scf.yield %w24 : tensor<?x?xf64>
  }
  %v25 = la.cbind %v6, %v21 : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>  // inexact
  return %v25 : tensor<?x?xf64>
}
