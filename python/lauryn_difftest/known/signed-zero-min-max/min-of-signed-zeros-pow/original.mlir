#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>

func.func @main(%a0: tensor<?x33xf64, #CSR>, %a1: tensor<4x?xf64, #CSR>, %a2: tensor<?x33xf64>, %a3: tensor<?x33xf64>, %a4: tensor<?x?xf64>) -> (tensor<?x?xf64>, tensor<?x33xf64>, tensor<33x?xf64>) {
  %v0 = la.rand {seed = 754214 : i64, min = 2.0 : f64, max = 5.0 : f64} -> tensor<4x33xf64>
  %ci0 = arith.constant 0 : index
  %ci3 = arith.constant 3 : index
  %ci1 = arith.constant 1 : index
  %v1 = scf.for %i2 = %ci0 to %ci3 step %ci1 iter_args(%acc2 = %v0) -> (tensor<4x33xf64>) {  // inexact
    %w2 = arith.index_cast %i2 : index to i64
    %w3 = arith.sitofp %w2 : i64 to f64
    %w4 = la.sub %w3, %acc2 : f64, tensor<4x33xf64> -> tensor<4x33xf64>  // inexact
    %w5 = la.maximum %a1, %w4 : tensor<4x?xf64, #CSR>, tensor<4x33xf64> -> tensor<4x33xf64>  // inexact
    %w6 = la.sub %w5, %w3 : tensor<4x33xf64>, f64 -> tensor<4x33xf64>  // inexact
    %w7 = la.mul %w4, %w6 : tensor<4x33xf64>, tensor<4x33xf64> -> tensor<4x33xf64>  // inexact
    scf.yield %w7 : tensor<4x33xf64>
  }
  %v8 = la.min row %v0 : tensor<4x33xf64> -> tensor<4x1xf64>
  %v9 = la.sub %a2, %a2 : tensor<?x33xf64>, tensor<?x33xf64> -> tensor<?x33xf64>
  %v10 = la.neg %a2 : tensor<?x33xf64> -> tensor<?x33xf64>
  %v11 = la.minimum %v10, %a2 : tensor<?x33xf64>, tensor<?x33xf64> -> tensor<?x33xf64>
  %v12 = la.sub %v10, %v10 : tensor<?x33xf64>, tensor<?x33xf64> -> tensor<?x33xf64>
  %v13 = la.sumsq col %v9 : tensor<?x33xf64> -> tensor<1x33xf64>  // inexact
  %v14 = la.rbind %v0, %v10 : tensor<4x33xf64>, tensor<?x33xf64> -> tensor<?x33xf64>
  %v15 = la.sign %v8 : tensor<4x1xf64> -> tensor<?x1xf64>
  %v16 = la.mod %v0, %v8 : tensor<4x33xf64>, tensor<4x1xf64> -> tensor<?x33xf64>
  %v17 = la.rand {seed = 682318 : i64, distribution = #la.distribution<normal>} -> tensor<4x1xf64>  // inexact
  %v18 = la.add %v13, %v15 : tensor<1x33xf64>, tensor<?x1xf64> -> tensor<?x33xf64>  // inexact
  %v19 = la.gt %v8, %v15 : tensor<4x1xf64>, tensor<?x1xf64> -> tensor<4x1xf64>
  %v20 = la.matmul %v11, %a3 : tensor<?x33xf64>, tensor<?x33xf64> -> tensor<?x33xf64>  // inexact
  %v21 = arith.constant -3.0 : f64
  %v22 = la.fill %v21 : f64 -> tensor<1x33xf64>
  %v23 = la.pow %v11, %v22 : tensor<?x33xf64>, tensor<1x33xf64> -> tensor<?x33xf64>  // inexact
  %v24 = la.abs %v20 : tensor<?x33xf64> -> tensor<?x33xf64>  // inexact
  %v25 = la.minimum %v24, %v10 : tensor<?x33xf64>, tensor<?x33xf64> -> tensor<?x33xf64>  // inexact
  %v26 = la.gt %v22, %v21 : tensor<1x33xf64>, f64 -> tensor<1x33xf64>
  %v27 = la.transpose %v12 : tensor<?x33xf64> -> tensor<33x?xf64>
  %v28 = la.min row %v19 : tensor<4x1xf64> -> tensor<4x1xf64>
  %v29 = arith.constant 1.0 : f64
  %v30 = arith.constant 0.0 : f64
  %v31 = arith.constant -1.0 : f64
  %v32 = la.seq %v29, %v30, %v31 : f64, f64, f64 -> tensor<2x1xf64>
  %v33 = la.transpose %v11 : tensor<?x33xf64> -> tensor<33x?xf64>
  %v34 = la.mul %v19, %v8 : tensor<4x1xf64>, tensor<4x1xf64> -> tensor<4x1xf64>
  %v35 = la.minimum %v18, %v26 : tensor<?x33xf64>, tensor<1x33xf64> -> tensor<?x33xf64>  // inexact
  %v36 = la.log %v33 : tensor<33x?xf64> -> tensor<33x?xf64>  // inexact
  %v37 = la.maximum %v35, %v28 : tensor<?x33xf64>, tensor<4x1xf64> -> tensor<4x33xf64>  // inexact
  %v38 = la.maximum %v11, %a4 : tensor<?x33xf64>, tensor<?x?xf64> -> tensor<?x33xf64>
  %v39 = la.transpose %v32 : tensor<2x1xf64> -> tensor<1x2xf64>
  %v40 = la.matmul %v20, %v33 : tensor<?x33xf64>, tensor<33x?xf64> -> tensor<?x?xf64>  // inexact
  return %v40, %v23, %v27 : tensor<?x?xf64>, tensor<?x33xf64>, tensor<33x?xf64>
}
