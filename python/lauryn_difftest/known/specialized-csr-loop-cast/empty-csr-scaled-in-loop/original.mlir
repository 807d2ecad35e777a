#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>

func.func @helper(%p0: tensor<?x?xf64, #CSR>) -> (tensor<?x?xf64>) {
  %h0 = la.convert %p0 : tensor<?x?xf64, #CSR> -> tensor<?x?xf64>  // inexact
  return %h0 : tensor<?x?xf64>
}

func.func @main(%a0: tensor<?x?xf64, #CSR>, %a1: f64, %a2: f64, %a3: tensor<2x?xf64>) -> (tensor<1x?xf64>, f32, tensor<2x2xf64>, tensor<2x2xf64, #CSR>) {
  %ci0 = arith.constant 0 : index
  %ci4 = arith.constant 4 : index
  %ci1 = arith.constant 1 : index
  %v0 = scf.for %i1 = %ci0 to %ci4 step %ci1 iter_args(%acc1 = %a0) -> (tensor<?x?xf64, #CSR>) {  // inexact
    %w1 = arith.index_cast %i1 : index to i64
    %w2 = arith.sitofp %w1 : i64 to f64
    %w3 = la.mul %acc1, %a1 : tensor<?x?xf64, #CSR>, f64 -> tensor<?x?xf64, #CSR>  // inexact
    scf.yield %w3 : tensor<?x?xf64, #CSR>
  }
  %v4 = la.transpose %v0 : tensor<?x?xf64, #CSR> -> tensor<?x?xf64, #CSR>  // inexact
  %v5 = scf.for %i6 = %ci0 to %ci4 step %ci1 iter_args(%acc6 = %a0) -> (tensor<?x?xf64, #CSR>) {  // inexact
    %w6 = la.add %acc6, %a0 : tensor<?x?xf64, #CSR>, tensor<?x?xf64, #CSR> -> tensor<?x?xf64, #CSR>  // inexact
    %w7 = la.add %w6, %a2 : tensor<?x?xf64, #CSR>, f64 -> tensor<?x?xf64, #CSR>  // inexact
    scf.yield %w7 : tensor<?x?xf64, #CSR>
  }
  %v8 = func.call @helper(%v4) : (tensor<?x?xf64, #CSR>) -> (tensor<?x?xf64>)  // inexact
  %v9 = la.insert %v8, %v4, %ci0, %ci0 : tensor<?x?xf64>, tensor<?x?xf64, #CSR>, index, index -> tensor<?x?xf64, #CSR>  // inexact
  %v10 = la.neg %a2 : f64 -> f64
  %v11 = la.transpose %v5 : tensor<?x?xf64, #CSR> -> tensor<?x?xf64, #CSR>  // inexact
  %v12 = la.ifelse %v10, %v9, %v11 : f64, tensor<?x?xf64, #CSR>, tensor<?x?xf64, #CSR> -> tensor<?x?xf64>  // inexact
  %v13 = la.log %a2 : f64 -> f64  // inexact
  %v14 = la.cast %v10 : f64 -> f32
  %v15 = la.sum %v12 : tensor<?x?xf64> -> f64  // inexact
  %v16 = la.minimum %v13, %a0 : f64, tensor<?x?xf64, #CSR> -> tensor<?x?xf64>  // inexact
  %v17 = la.transpose %a3 : tensor<2x?xf64> -> tensor<?x2xf64>
  %v18 = la.solve %v17, %a3 : tensor<?x2xf64>, tensor<2x?xf64> -> tensor<2x?xf64>  // inexact
  %v19 = la.sin %v5 : tensor<?x?xf64, #CSR> -> tensor<?x?xf64, #CSR>  // inexact
  %v20 = la.cos %v8 : tensor<?x?xf64> -> tensor<?x?xf64>  // inexact
  %v21 = la.log %v17 : tensor<?x2xf64> -> tensor<?x2xf64, #CSR>  // inexact
  %v22 = la.ge %v17, %v10 : tensor<?x2xf64>, f64 -> tensor<?x2xf64>
  %v23 = la.rand %ci4 {seed = 453605 : i64, distribution = #la.distribution<poisson>, lambda = 0.5 : f64, sparsity = 0.0 : f64} : index -> tensor<2x?xf64>
  %v24 = la.min col %v19 : tensor<?x?xf64, #CSR> -> tensor<1x?xf64>  // inexact
  %v25 = la.insert %a3, %v12, %ci1, %ci0 : tensor<2x?xf64>, tensor<?x?xf64>, index, index -> tensor<?x?xf64>  // inexact
  %v26 = la.rand {seed = 938 : i64, min = -2.0 : f64, max = 2.0 : f64} -> tensor<4x2xf64>
  %v27 = la.matmul %v23, %v26 : tensor<2x?xf64>, tensor<4x2xf64> -> tensor<2x2xf64, #CSR>  // inexact
  %v28 = la.transpose %v21 : tensor<?x2xf64, #CSR> -> tensor<2x?xf64, #CSR>  // inexact
  %v29 = la.transpose %v27 : tensor<2x2xf64, #CSR> -> tensor<2x2xf64, #CSR>  // inexact
  %v30 = la.div %v17, %v17 : tensor<?x2xf64>, tensor<?x2xf64> -> tensor<?x2xf64>
  %ci8 = arith.constant 8 : index
  %v31 = la.rand %ci8, %ci8 {seed = 222954 : i64, distribution = #la.distribution<normal>, sparsity = 0.5 : f64} : index, index -> tensor<?x?xf64>  // inexact
  %v32 = la.cbind %v24, %v24 : tensor<1x?xf64>, tensor<1x?xf64> -> tensor<1x?xf64>  // inexact
  %v33 = la.cast %v27 : tensor<2x2xf64, #CSR> -> tensor<2x2xf32, #CSR>  // inexact
  %v34 = la.rbind %a3, %v18 : tensor<2x?xf64>, tensor<2x?xf64> -> tensor<4x?xf64>  // inexact
  %v35 = la.rand {seed = 81469 : i64, min = -1.0 : f64, max = 2.0 : f64} -> tensor<8x4xf64>
  %v36 = la.convert %v21 : tensor<?x2xf64, #CSR> -> tensor<?x2xf64>  // inexact
  %v37 = la.add %v35, %v35 : tensor<8x4xf64>, tensor<8x4xf64> -> tensor<8x4xf64>
  %v38 = la.maximum %v17, %v27 : tensor<?x2xf64>, tensor<2x2xf64, #CSR> -> tensor<2x2xf64>  // inexact
  %v39 = arith.constant -3.0 : f64
  %v40 = arith.constant -9.25 : f64
  %v41 = arith.constant -1.0 : f64
  %v42 = la.seq %v39, %v40, %v41 : f64, f64, f64 -> tensor<7x1xf64>
  %v43 = la.mul %v32, %v42 : tensor<1x?xf64>, tensor<7x1xf64> -> tensor<7x?xf64>  // inexact
  %v44 = la.sum col %v43 : tensor<7x?xf64> -> tensor<1x?xf64>  // inexact
  return %v44, %v14, %v38, %v29 : tensor<1x?xf64>, f32, tensor<2x2xf64>, tensor<2x2xf64, #CSR>
}
