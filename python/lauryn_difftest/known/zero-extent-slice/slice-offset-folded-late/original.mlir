#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>

func.func @helper(%p0: tensor<1x?xf64>) -> (tensor<1x1xf64>, tensor<1x1xf64>) {
  %h0 = la.max row %p0 : tensor<1x?xf64> -> tensor<1x1xf64>  // inexact
  %h1 = la.diag %p0 : tensor<1x?xf64> -> tensor<1x1xf64>  // inexact
  return %h1, %h0 : tensor<1x1xf64>, tensor<1x1xf64>
}

func.func @main(%a0: tensor<6x5xf64>, %a1: tensor<1x?xf64, #CSR>, %a2: f64, %a3: index, %a4: tensor<6x?xf64>) -> (f64, tensor<?x1xf64>) {
  %v0 = la.fill %a2 : f64 -> tensor<1x6xf64>
  %v1 = la.fill %a2 : f64 -> tensor<6x1xf64>
  %ci0 = arith.constant 0 : index
  %v2 = la.insert %a0, %a0, %ci0, %ci0 : tensor<6x5xf64>, tensor<6x5xf64>, index, index -> tensor<6x5xf64>
  %v3 = la.mul %a2, %v2 : f64, tensor<6x5xf64> -> tensor<?x?xf64>
  %ci3 = arith.constant 3 : index
  %ci4 = arith.constant 4 : index
  %ci1 = arith.constant 1 : index
  %v4 = tensor.dim %v3, %ci1 : tensor<?x?xf64>
  %v5 = tensor.dim %v3, %ci1 : tensor<?x?xf64>
  %v6 = la.slice %v3, %ci3, %ci4, %v4, %v5 : tensor<?x?xf64>, index, index, index, index -> tensor<1x?xf64>
  %v7 = la.convert %v3 : tensor<?x?xf64> -> tensor<?x?xf64, #CSR>
  %v8 = la.prod col %v2 : tensor<6x5xf64> -> tensor<1x5xf64>  // inexact
  %v9 = la.le %v2, %v1 : tensor<6x5xf64>, tensor<6x1xf64> -> tensor<6x5xf64>
  %v10 = la.slice %v0, %ci0, %ci1, %ci3, %a3 : tensor<1x6xf64>, index, index, index, index -> tensor<1x?xf64>
  %v11 = la.log %v10 : tensor<1x?xf64> -> tensor<1x?xf64>  // inexact
  %v12 = la.prod col %v11 : tensor<1x?xf64> -> tensor<1x?xf64>  // inexact
  %v13:2 = func.call @helper(%v12) : (tensor<1x?xf64>) -> (tensor<1x1xf64>, tensor<1x1xf64>)  // inexact
  %v15 = la.cast %v12 : tensor<1x?xf64> -> tensor<1x?xf32>  // inexact
  %v16 = la.cast %v12 : tensor<1x?xf64> -> tensor<1x?xf32>  // inexact
  %v17 = la.not %v2 : tensor<6x5xf64> -> tensor<6x?xf64>
  %v18 = la.matmul %v15, %v16 : tensor<1x?xf32>, tensor<1x?xf32> -> tensor<1x?xf32>  // inexact
  %v19 = la.min all %v18 : tensor<1x?xf32> -> f32  // inexact
  %v20 = la.div %v1, %v10 : tensor<6x1xf64>, tensor<1x?xf64> -> tensor<6x?xf64>
  %v21 = la.isnan %v9 : tensor<6x5xf64> -> tensor<?x5xf64>
  %v22 = la.convert %v20 : tensor<6x?xf64> -> tensor<6x?xf64, #CSR>
  %v23 = la.cbind %v12, %v10 : tensor<1x?xf64>, tensor<1x?xf64> -> tensor<?x?xf64>  // inexact
  %v24 = la.prod col %v6 : tensor<1x?xf64> -> tensor<1x?xf64>  // inexact
  %v25 = arith.constant -3.0 : f64
  %v26 = arith.constant -2.5 : f64
  %v27 = arith.constant 2.0 : f64
  %v28 = la.seq %v25, %v26, %v27 : f64, f64, f64 -> tensor<?x1xf64>
  %v29 = la.var %v22 : tensor<6x?xf64, #CSR> -> f64  // inexact
  %v30 = la.min col %v18 : tensor<1x?xf32> -> tensor<1x?xf32>  // inexact
  %v31 = la.sub %v30, %v30 : tensor<1x?xf32>, tensor<1x?xf32> -> tensor<1x?xf32>  // inexact
  %v32 = la.nnz %v20 : tensor<6x?xf64> -> i64
  %v33 = arith.constant 1.0 : f64
  %ci6 = arith.constant 6 : index
  %ci5 = arith.constant 5 : index
  %v34 = la.fill %v33, %ci6, %ci5 : f64, index, index -> tensor<?x?xf64>
  %v35 = la.transpose %v24 : tensor<1x?xf64> -> tensor<?x1xf64>  // inexact
  %v36 = la.reshape %v13#1, %ci1 : tensor<1x1xf64>, index -> tensor<?x1xf64>  // inexact
  %v37 = la.convert %v10 : tensor<1x?xf64> -> tensor<1x?xf64, #CSR>
  %v38 = la.slice %v31, %ci1, %ci1, %ci1, %ci1 : tensor<1x?xf32>, index, index, index, index -> tensor<0x0xf32>  // inexact
  %v39 = la.add %v3, %v27 : tensor<?x?xf64>, f64 -> tensor<?x?xf64>
  %v40 = la.gt %v34, %v21 : tensor<?x?xf64>, tensor<?x5xf64> -> tensor<?x5xf64>
  %v41 = la.cast %v37 : tensor<1x?xf64, #CSR> -> tensor<1x?xf32, #CSR>
  %v42 = la.insert %v18, %v31, %ci0, %ci0 : tensor<1x?xf32>, tensor<1x?xf32>, index, index -> tensor<1x?xf32>  // inexact
  %v43 = la.cos %v8 : tensor<1x5xf64> -> tensor<?x?xf64, #CSR>  // inexact
  %v44 = arith.constant 2.0 : f64
  %v45 = la.fill %v44, %ci6 : f64, index -> tensor<?x5xf64>
  %v46 = la.pow %v40, %v45 : tensor<?x5xf64>, tensor<?x5xf64> -> tensor<?x5xf64>  // inexact
  %ci2 = arith.constant 2 : index
  %v47 = scf.for %i48 = %ci0 to %ci2 step %ci1 iter_args(%acc48 = %v39) -> (tensor<?x?xf64>) {  // inexact
    %w48 = arith.index_cast %i48 : index to i64
    %w49 = arith.sitofp %w48 : i64 to f64
    %w50 = la.add %acc48, %v27 : tensor<?x?xf64>, f64 -> tensor<?x?xf64>  // inexact
    %w51 = la.add %v33, %w50 : f64, tensor<?x?xf64> -> tensor<?x?xf64>  // inexact
    %w52 = la.sin %w51 : tensor<?x?xf64> -> tensor<?x?xf64>  // inexact
    %w53 = la.maximum %v26, %w52 : f64, tensor<?x?xf64> -> tensor<?x?xf64>  // inexact
    scf.yield %w53 : tensor<?x?xf64>
  }
  %v54 = la.gt %a4, %v34 : tensor<6x?xf64>, tensor<?x?xf64> -> tensor<6x?xf64>
  %v55 = la.slice %v46, %ci0, %ci4, %ci0, %ci1 : tensor<?x5xf64>, index, index, index, index -> tensor<?x1xf64>  // inexact
  %v56 = arith.constant 2 : i64
  %v57 = la.mul %v32, %v56 : i64, i64 -> i64
  %v58 = la.sub %v54, %v46 : tensor<6x?xf64>, tensor<?x5xf64> -> tensor<6x5xf64>  // inexact
  %v59 = la.cast %v32 : i64 -> f32
  %v60 = la.rbind %v17, %v47 : tensor<6x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>  // inexact
  %v61 = la.prod %v35 : tensor<?x1xf64> -> f64  // inexact
  return %v61, %v28 : f64, tensor<?x1xf64>
}
