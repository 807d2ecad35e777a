#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>

func.func @helper(%p0: f32, %p1: f32) -> (tensor<1x1xf32>) {
  %h0 = la.neg %p0 : f32 -> f32  // inexact
  %h1 = la.exp %p1 : f32 -> f32  // inexact
  %h2 = la.cast %h0 : f32 -> tensor<1x1xf32>  // inexact
  return %h2 : tensor<1x1xf32>
}

func.func @main(%a0: tensor<?x4xf32>, %a1: tensor<6x?xf32>, %a2: f32, %a3: f32, %a4: tensor<4x?xf32>, %a5: index, %a6: index, %a7: tensor<4x6xf32>, %a8: tensor<?x4xf32>, %a9: tensor<?x?xf32>) -> (tensor<4x?xf32>, tensor<14x6xf32>) {
  %v0 = arith.constant -2.0 : f32
  %ci6 = arith.constant 6 : index
  %v1 = la.fill %v0, %ci6 : f32, index -> tensor<4x?xf32>
  %ci4 = arith.constant 4 : index
  %ci7 = arith.constant 7 : index
  %v2 = la.rand %ci4, %ci7 {seed = 33195 : i64, distribution = #la.distribution<poisson>, lambda = 0.5 : f64, sparsity = 0.5 : f64} : index, index -> tensor<?x?xf32>
  %v3 = la.convert %a0 : tensor<?x4xf32> -> tensor<?x4xf32, #CSR>
  %v4 = la.intdiv %v2, %v2 : tensor<?x?xf32>, tensor<?x?xf32> -> tensor<?x?xf32>
  %v5 = la.min row %v1 : tensor<4x?xf32> -> tensor<4x1xf32>
  %v6 = la.gt %v4, %a4 : tensor<?x?xf32>, tensor<4x?xf32> -> tensor<4x?xf32>
  %v7 = la.var row %v5 : tensor<4x1xf32> -> tensor<4x1xf32>  // inexact
  %v8 = la.sin %a4 : tensor<4x?xf32> -> tensor<4x?xf32>  // inexact
  %ci2 = arith.constant 2 : index
  %ci0 = arith.constant 0 : index
  %v9 = la.slice %v7, %ci2, %ci2, %ci0, %a5 : tensor<4x1xf32>, index, index, index, index -> tensor<0x?xf32>  // inexact
  %v10 = la.div %v5, %v3 : tensor<4x1xf32>, tensor<?x4xf32, #CSR> -> tensor<4x4xf32>
  %v11 = la.slice %v6, %ci4, %a6, %ci2, %ci6 : tensor<4x?xf32>, index, index, index, index -> tensor<?x4xf32>
  %v12 = la.cbind %v4, %v6, %v8 : tensor<?x?xf32>, tensor<4x?xf32>, tensor<4x?xf32> -> tensor<4x?xf32>  // inexact
  %v13 = la.reshape %v12 : tensor<4x?xf32> -> tensor<14x6xf32>  // inexact
  %v14 = la.div %v11, %v11 : tensor<?x4xf32>, tensor<?x4xf32> -> tensor<?x4xf32>
  %ci3 = arith.constant 3 : index
  %ci1 = arith.constant 1 : index
  %v15 = scf.for %i16 = %ci0 to %ci3 step %ci1 iter_args(%acc16 = %v12) -> (tensor<4x?xf32>) {  // inexact
    %w16 = la.sub %v5, %acc16 : tensor<4x1xf32>, tensor<4x?xf32> -> tensor<4x?xf32>  // inexact
    scf.yield %w16 : tensor<4x?xf32>
  }
  %v17 = la.and %a4, %v4 : tensor<4x?xf32>, tensor<?x?xf32> -> tensor<4x?xf32>
  %v18 = la.mul %v8, %v5 : tensor<4x?xf32>, tensor<4x1xf32> -> tensor<4x?xf32>  // inexact
  %v19 = la.sqrt %v14 : tensor<?x4xf32> -> tensor<?x4xf32>
  %v20 = arith.constant -3.0 : f32
  %v21 = la.fill %v20, %ci4 : f32, index -> tensor<0x?xf32>
  %v22 = la.mul %v19, %v21 : tensor<?x4xf32>, tensor<0x?xf32> -> tensor<0x4xf32>
  %v23 = la.transpose %v19 : tensor<?x4xf32> -> tensor<4x?xf32>
  %v24 = la.reshape %v23, %ci6, %ci0 : tensor<4x?xf32>, index, index -> tensor<?x?xf32>
  %v25 = la.sqrt %v24 : tensor<?x?xf32> -> tensor<?x?xf32, #CSR>
  %v26 = la.eq %v22, %v21 : tensor<0x4xf32>, tensor<0x?xf32> -> tensor<0x4xf32>
  %v27 = la.rand %ci7 {seed = 608673 : i64, distribution = #la.distribution<normal>, sparsity = 0.1 : f64} : index -> tensor<4x?xf32>  // inexact
  %v28 = la.sqrt %v10 : tensor<4x4xf32> -> tensor<4x4xf32>
  %v29 = la.matmul %v28, %a7 : tensor<4x4xf32>, tensor<4x6xf32> -> tensor<4x6xf32>  // inexact
  %v30 = la.minimum %v28, %v28 : tensor<4x4xf32>, tensor<4x4xf32> -> tensor<?x4xf32>
  %v31 = la.transpose %v12 : tensor<4x?xf32> -> tensor<?x4xf32>  // inexact
  %v32 = la.transpose %v21 : tensor<0x?xf32> -> tensor<?x?xf32>
  %ci24 = arith.constant 24 : index
  %v33 = la.reshape %a7, %ci24 : tensor<4x6xf32>, index -> tensor<1x?xf32>
  %v34 = la.nnz row %v22 : tensor<0x4xf32> -> tensor<0x1xi64>
  %v35 = la.mul %v30, %v28 : tensor<?x4xf32>, tensor<4x4xf32> -> tensor<4x4xf32>
  %v36 = la.cos %v27 : tensor<4x?xf32> -> tensor<4x?xf32>  // inexact
  %v37 = la.matmul %v1, %a1 : tensor<4x?xf32>, tensor<6x?xf32> -> tensor<4x?xf32>  // inexact
  %v38 = la.solve %a8, %v7 : tensor<?x4xf32>, tensor<4x1xf32> -> tensor<4x1xf32>  // inexact
  %v39 = la.diag %v3 : tensor<?x4xf32, #CSR> -> tensor<4x1xf32>
  %v40 = la.log %v25 : tensor<?x?xf32, #CSR> -> tensor<?x?xf32>  // inexact
  %v41 = scf.for %i42 = %ci0 to %ci4 step %ci1 iter_args(%acc42 = %v30) -> (tensor<?x4xf32>) {  // inexact
    %w42 = arith.index_cast %i42 : index to i64
    %w43 = arith.sitofp %w42 : i64 to f32
    %w44 = la.mul %v30, %acc42 : tensor<?x4xf32>, tensor<?x4xf32> -> tensor<?x4xf32>  // inexact
    %w45 = la.add %a0, %w44 : tensor<?x4xf32>, tensor<?x4xf32> -> tensor<?x4xf32>  // inexact
    %w46 = la.mul %w45, %v3 : tensor<?x4xf32>, tensor<?x4xf32, #CSR> -> tensor<?x4xf32>  // inexact
    scf.yield %w46 : tensor<?x4xf32>
  }
  %v47 = la.ifelse %v30, %v30, %v39 : tensor<?x4xf32>, tensor<?x4xf32>, tensor<4x1xf32> -> tensor<4x?xf32>
  %v48 = la.min %v18 : tensor<4x?xf32> -> f32  // inexact
  %v49 = la.ifelse %a7, %v38, %v20 : tensor<4x6xf32>, tensor<4x1xf32>, f32 -> tensor<?x6xf32>  // inexact
  %v50 = la.sub %v48, %v23 : f32, tensor<4x?xf32> -> tensor<?x?xf32>  // inexact
  %v51 = la.cast %v31 : tensor<?x4xf32> -> tensor<?x4xf64>  // inexact
  %v52 = la.mean col %v49 : tensor<?x6xf32> -> tensor<1x6xf32>  // inexact
  %v53 = la.transpose %v30 : tensor<?x4xf32> -> tensor<?x?xf32>
  %v54 = la.var all %v24 : tensor<?x?xf32> -> f32  // inexact
  %v55 = la.var %a8 : tensor<?x4xf32> -> f32  // inexact
  %ci5 = arith.constant 5 : index
  %v56 = la.insert %a9, %v17, %ci3, %ci5 : tensor<?x?xf32>, tensor<4x?xf32>, index, index -> tensor<4x?xf32>
  %v57 = la.rev %v17 : tensor<4x?xf32> -> tensor<?x?xf32>
  %v58 = la.log %v33 : tensor<1x?xf32> -> tensor<1x?xf32>  // inexact
  %v59 = func.call @helper(%v54, %v55) : (f32, f32) -> (tensor<1x1xf32>)  // inexact
  %v60 = la.sub %v6, %v18 : tensor<4x?xf32>, tensor<4x?xf32> -> tensor<4x?xf32>  // inexact
  return %v60, %v13 : tensor<4x?xf32>, tensor<14x6xf32>
}
