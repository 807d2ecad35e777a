#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>

func.func @main(%a0: tensor<3x5xf32>, %a1: tensor<3x1xf32>, %a2: tensor<?x?xf32, #CSR>, %a3: f32, %a4: f32, %a5: f32) -> (tensor<3x?xf32>) {
  %ci1 = arith.constant 1 : index
  %v0 = la.reshape %a2, %ci1 : tensor<?x?xf32, #CSR>, index -> tensor<1x?xf32, #CSR>
  %v1 = la.seq %a3, %a4, %a5 : f32, f32, f32 -> tensor<?x1xf32>
  %v2 = la.ifelse %a4, %a1, %a5 : f32, tensor<3x1xf32>, f32 -> tensor<3x1xf32>
  %v3 = la.maximum %v1, %v0 : tensor<?x1xf32>, tensor<1x?xf32, #CSR> -> tensor<?x?xf32>
  %v4 = la.isnan %v2 : tensor<3x1xf32> -> tensor<3x1xf32>
  %ci3 = arith.constant 3 : index
  %ci0 = arith.constant 0 : index
  %v5 = arith.constant 2.0 : f32
  %v6 = la.fill %v5, %ci3, %ci0 : f32, index, index -> tensor<?x?xf32>
  %v7 = la.insert %v6, %a1, %ci0, %ci1 : tensor<?x?xf32>, tensor<3x1xf32>, index, index -> tensor<3x1xf32>
  %v8 = la.fill %a5 : f32 -> tensor<3x3xf32>
  %v9 = la.sum col %v1 : tensor<?x1xf32> -> tensor<1x1xf32>  // inexact
  %v10 = la.mul %v8, %v4 : tensor<3x3xf32>, tensor<3x1xf32> -> tensor<3x3xf32>
  %v11 = la.add %v9, %v1 : tensor<1x1xf32>, tensor<?x1xf32> -> tensor<?x1xf32>  // inexact
  %v12 = la.and %v6, %v7 : tensor<?x?xf32>, tensor<3x1xf32> -> tensor<3x?xf32>
  %v13 = la.nnz row %v12 : tensor<3x?xf32> -> tensor<3x1xi64>
  %v14 = la.sumsq row %v13 : tensor<3x1xi64> -> tensor<3x1xi64>
  %v15 = la.matmul %v1, %v9 : tensor<?x1xf32>, tensor<1x1xf32> -> tensor<?x1xf32, #CSR>  // inexact
  %v16 = la.le %v7, %v0 : tensor<3x1xf32>, tensor<1x?xf32, #CSR> -> tensor<?x?xf32>
  %v17 = la.pow %v8, %v4 : tensor<3x3xf32>, tensor<3x1xf32> -> tensor<3x?xf32>  // inexact
  %v18 = la.diag %v7 : tensor<3x1xf32> -> tensor<3x3xf32>
  %v19 = la.matmul %v4, %a2 : tensor<3x1xf32>, tensor<?x?xf32, #CSR> -> tensor<3x?xf32>  // inexact
  %v20 = la.reshape %v19, %ci3 : tensor<3x?xf32>, index -> tensor<1x?xf32>  // inexact
  %ci2 = arith.constant 2 : index
  %v21 = la.slice %v13, %ci2, %ci3, %ci1, %ci1 : tensor<3x1xi64>, index, index, index, index -> tensor<1x0xi64>
  %v22 = la.sumsq col %v16 : tensor<?x?xf32> -> tensor<1x?xf32>  // inexact
  %v23 = la.transpose %v19 : tensor<3x?xf32> -> tensor<?x3xf32>  // inexact
  %v24 = la.diag %v22 : tensor<1x?xf32> -> tensor<1x1xf32>  // inexact
  %v25 = la.sign %v7 : tensor<3x1xf32> -> tensor<3x?xf32>
  return %v25 : tensor<3x?xf32>
}
