#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>

func.func @main(%a0: tensor<?x?xi64>, %a1: tensor<5x?xi64>, %a2: tensor<?x4xi64, #CSR>, %a3: i64, %a4: tensor<4x4xf64>, %a5: tensor<?x1xf64>, %a6: tensor<?x4xi64>) -> (tensor<?x?xi64>, tensor<?x0xi64>, tensor<4x?xi64>, tensor<1x4xf64>) {
  %ci0 = arith.constant 0 : index
  %ci4 = arith.constant 4 : index
  %ci1 = arith.constant 1 : index
  %v0 = la.slice %a0, %ci0, %ci4, %ci0, %ci1 : tensor<?x?xi64>, index, index, index, index -> tensor<4x?xi64>
  %v1 = la.max row %a0 : tensor<?x?xi64> -> tensor<?x1xi64>
  %v2 = arith.constant 3 : i64
  %v3 = la.pow %v2, %a2 : i64, tensor<?x4xi64, #CSR> -> tensor<?x?xi64>
  %v4 = la.sub %v3, %v3 : tensor<?x?xi64>, tensor<?x?xi64> -> tensor<?x?xi64>
  %v5 = arith.constant -3 : i64
  %v6 = arith.constant -6 : i64
  %v7 = arith.constant -1 : i64
  %v8 = la.seq %v5, %v6, %v7 : i64, i64, i64 -> tensor<4x1xi64>
  %v9 = la.transpose %a4 : tensor<4x4xf64> -> tensor<4x4xf64>
  %v10 = la.solve %v9, %a5 : tensor<4x4xf64>, tensor<?x1xf64> -> tensor<4x1xf64>  // inexact
  %v11 = arith.constant -3 : i64
  %v12 = arith.constant 0 : i64
  %v13 = arith.constant 1 : i64
  %v14 = la.seq %v11, %v12, %v13 : i64, i64, i64 -> tensor<?x1xi64>
  %v15 = la.reshape %v10 : tensor<4x1xf64> -> tensor<1x4xf64>  // inexact
  %v16 = la.sign %v3 : tensor<?x?xi64> -> tensor<?x?xi64>
  %v17 = la.neg %v14 : tensor<?x1xi64> -> tensor<?x1xi64>
  %v18 = la.minimum %v3, %v17 : tensor<?x?xi64>, tensor<?x1xi64> -> tensor<?x?xi64>
  %v19 = la.round %v6 : i64 -> i64
  %v20 = la.diag %a4 : tensor<4x4xf64> -> tensor<4x1xf64>
  %v21 = la.max %v14 : tensor<?x1xi64> -> i64
  %v22 = la.or %a3, %v16 : i64, tensor<?x?xi64> -> tensor<?x?xi64>
  %v23 = arith.constant 1 : i64
  %v24 = arith.constant -11 : i64
  %v25 = arith.constant -2 : i64
  %v26 = la.seq %v23, %v24, %v25 : i64, i64, i64 -> tensor<7x1xi64>
  %v27 = la.xor %v21, %v3 : i64, tensor<?x?xi64> -> tensor<?x?xi64>
  %v28 = la.transpose %v9 : tensor<4x4xf64> -> tensor<4x?xf64>
  %ci3 = arith.constant 3 : index
  %v29 = la.slice %v26, %ci3, %ci3, %ci1, %ci1 : tensor<7x1xi64>, index, index, index, index -> tensor<?x0xi64>
  %v30 = la.insert %a6, %v18, %ci1, %ci0 : tensor<?x4xi64>, tensor<?x?xi64>, index, index -> tensor<?x?xi64>
  return %v30, %v29, %v0, %v15 : tensor<?x?xi64>, tensor<?x0xi64>, tensor<4x?xi64>, tensor<1x4xf64>
}
