#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>

func.func @helper(%p0: tensor<0x1xf64>) -> (tensor<1x1xf64>) {
  %h0 = la.sub %p0, %p0 : tensor<0x1xf64>, tensor<0x1xf64> -> tensor<0x1xf64>  // inexact
  %h1 = la.var col %h0 : tensor<0x1xf64> -> tensor<1x1xf64>  // inexact
  return %h1 : tensor<1x1xf64>
}

func.func @main(%a0: tensor<?x5xf64>, %a1: tensor<0x0xf64>, %a2: tensor<1x1xf64>, %a3: tensor<?x?xf64>) -> (tensor<1x?xf64>) {
  %v0 = la.sumsq row %a1 : tensor<0x0xf64> -> tensor<0x1xf64>  // inexact
  %v1 = la.diag %v0 : tensor<0x1xf64> -> tensor<0x0xf64>  // inexact
  %v2 = la.min row %a1 : tensor<0x0xf64> -> tensor<0x1xf64>
  %v3 = la.lt %v2, %v2 : tensor<0x1xf64>, tensor<0x1xf64> -> tensor<?x?xf64>
  %v4 = la.mean row %v2 : tensor<0x1xf64> -> tensor<0x1xf64>  // inexact
  %v5 = la.ne %a1, %a1 : tensor<0x0xf64>, tensor<0x0xf64> -> tensor<0x0xf64>
  %v6 = la.mod %v2, %v5 : tensor<0x1xf64>, tensor<0x0xf64> -> tensor<0x0xf64>
  %v7 = la.mul %v2, %v5 : tensor<0x1xf64>, tensor<0x0xf64> -> tensor<0x0xf64>
  %v8 = la.sigmoid %v0 : tensor<0x1xf64> -> tensor<0x1xf64>  // inexact
  %v9 = la.mul %v3, %v0 : tensor<?x?xf64>, tensor<0x1xf64> -> tensor<0x?xf64>  // inexact
  %ci0 = arith.constant 0 : index
  %v10 = arith.constant 1.0 : f64
  %v11 = la.fill %v10, %ci0 : f64, index -> tensor<1x?xf64>
  %v12 = la.matmul %v3, %v11 : tensor<?x?xf64>, tensor<1x?xf64> -> tensor<?x?xf64>  // inexact
  %v13 = arith.constant -2.0 : f64
  %ci7 = arith.constant 7 : index
  %v14 = la.fill %v13, %ci0, %ci7 : f64, index, index -> tensor<?x?xf64>
  %v15 = la.and %v2, %v11 : tensor<0x1xf64>, tensor<1x?xf64> -> tensor<0x?xf64, #CSR>
  %v16 = la.convert %a0 : tensor<?x5xf64> -> tensor<?x5xf64, #CSR>
  %v17 = la.tan %v9 : tensor<0x?xf64> -> tensor<0x?xf64, #CSR>  // inexact
  %v18 = la.rbind %v12, %v11 : tensor<?x?xf64>, tensor<1x?xf64> -> tensor<?x?xf64>  // inexact
  %v19 = arith.constant 0.0 : f64
  %v20 = la.ifelse %v16, %v16, %v19 : tensor<?x5xf64, #CSR>, tensor<?x5xf64, #CSR>, f64 -> tensor<?x5xf64>
  %ci1 = arith.constant 1 : index
  %v21 = la.reshape %v9, %ci1, %ci0 : tensor<0x?xf64>, index, index -> tensor<?x?xf64>  // inexact
  %v22 = la.sigmoid %v16 : tensor<?x5xf64, #CSR> -> tensor<?x?xf64, #CSR>  // inexact
  %v23 = la.solve %a2, %a2 : tensor<1x1xf64>, tensor<1x1xf64> -> tensor<1x1xf64>  // inexact
  %ci3 = arith.constant 3 : index
  %v24 = scf.for %i25 = %ci0 to %ci3 step %ci1 iter_args(%acc25 = %v22) -> (tensor<?x?xf64, #CSR>) {  // inexact
    %w25 = la.sub %v20, %acc25 : tensor<?x5xf64>, tensor<?x?xf64, #CSR> -> tensor<?x?xf64, #CSR>  // inexact
    %w26 = la.mul %w25, %v23 : tensor<?x?xf64, #CSR>, tensor<1x1xf64> -> tensor<?x?xf64, #CSR>  // inexact
    scf.yield %w26 : tensor<?x?xf64, #CSR>
  }
  %v27 = la.matmul %v21, %v14 : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64, #CSR>  // inexact
  %v28 = arith.constant -1.0 : f64
  %v29 = la.pow %v28, %v19 : f64, f64 -> f64  // inexact
  %v30 = la.ceil %v11 : tensor<1x?xf64> -> tensor<?x?xf64>
  %v31 = la.cbind %v9, %v14 : tensor<0x?xf64>, tensor<?x?xf64> -> tensor<0x?xf64>  // inexact
  %v32 = la.fill %v13, %ci7, %ci1 : f64, index, index -> tensor<?x?xf64>
  %v33 = la.cast %v2 : tensor<0x1xf64> -> tensor<0x1xf32>
  %v34 = la.sumsq row %v21 : tensor<?x?xf64> -> tensor<?x1xf64>  // inexact
  %v35 = la.ifelse %a2, %v33, %v33 : tensor<1x1xf64>, tensor<0x1xf32>, tensor<0x1xf32> -> tensor<0x1xf32>
  %v36 = la.mul %v5, %v8 : tensor<0x0xf64>, tensor<0x1xf64> -> tensor<0x0xf64>  // inexact
  %v37 = la.matmul %v22, %a3 : tensor<?x?xf64, #CSR>, tensor<?x?xf64> -> tensor<?x?xf64>  // inexact
  %v38 = func.call @helper(%v8) : (tensor<0x1xf64>) -> (tensor<1x1xf64>)  // inexact
  %v39 = la.rand %ci1 {seed = 443 : i64, min = -2.0 : f64, max = 2.0 : f64} : index -> tensor<1x?xf32>
  %v40 = la.matmul %v35, %v39 : tensor<0x1xf32>, tensor<1x?xf32> -> tensor<0x?xf32>  // inexact
  %v41 = la.ne %a3, %v10 : tensor<?x?xf64>, f64 -> tensor<?x?xf64>
  %v42 = la.add %v37, %a2 : tensor<?x?xf64>, tensor<1x1xf64> -> tensor<?x?xf64>  // inexact
  %v43 = la.rbind %v24, %v24 : tensor<?x?xf64, #CSR>, tensor<?x?xf64, #CSR> -> tensor<?x?xf64, #CSR>  // inexact
  %v44 = la.sum all %v17 : tensor<0x?xf64, #CSR> -> f64  // inexact
  %v45 = la.cbind %v9, %v5 : tensor<0x?xf64>, tensor<0x0xf64> -> tensor<0x?xf64>  // inexact
  %v46 = la.insert %v2, %v20, %ci1, %ci3 : tensor<0x1xf64>, tensor<?x5xf64>, index, index -> tensor<?x5xf64>
  %v47 = la.reshape %v43 : tensor<?x?xf64, #CSR> -> tensor<2x35xf64>  // inexact
  %v48 = la.matmul %v30, %v5 : tensor<?x?xf64>, tensor<0x0xf64> -> tensor<?x0xf64>  // inexact
  %v49 = la.rand %ci1 {seed = 804967 : i64, min = -1.0 : f64, max = 2.0 : f64, sparsity = 0.0 : f64} : index -> tensor<5x?xf64>
  %v50 = la.diag %v35 : tensor<0x1xf32> -> tensor<0x0xf32>
  %ci5 = arith.constant 5 : index
  %ci6 = arith.constant 6 : index
  %v51 = la.slice %v37, %ci5, %ci6, %ci0, %ci0 : tensor<?x?xf64>, index, index, index, index -> tensor<1x0xf64>  // inexact
  %v52 = arith.constant 2.0 : f64
  %v53 = la.mul %v52, %v32 : f64, tensor<?x?xf64> -> tensor<?x?xf64>
  %v54 = la.sum row %v20 : tensor<?x5xf64> -> tensor<?x1xf64>  // inexact
  %v55 = la.mul %v11, %v28 : tensor<1x?xf64>, f64 -> tensor<1x?xf64>
  return %v55 : tensor<1x?xf64>
}
