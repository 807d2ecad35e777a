// Reduced reproducer written by lauryn_difftest.
//
// seed 52536 (long run on cac5596, variants opt and opt-t2; not reduced): crash: signal 11 in sparse_tensor::IterationGraphSorter::addConstraints. la-fuse made a cell operator over a CSR ?x2 driver with a 1x1 operand (floor(S * max(row))), whose lowering read the 1x1 operand through the map (i, j) -> (0, 0); it is now read once as a scalar (FusedToLoops emitGeneric).
//
// Run (in this directory):
//   lauryn-run repro.mlir --arg a0=a0.npy --arg a1=a1.npy --arg a2=a2.npy --arg a3=a3.npy --arg a4=-7 --arg a5=0 --arg a6=4 --arg a7=a7.npy
//   lauryn-run --no-optimize repro.mlir --arg a0=a0.npy --arg a1=a1.npy --arg a2=a2.npy --arg a3=a3.npy --arg a4=-7 --arg a5=0 --arg a6=4 --arg a7=a7.npy
//   python3 -m lauryn_ref repro.mlir --arg a0=a0.npy --arg a1=a1.npy --arg a2=a2.npy --arg a3=a3.npy --arg a4=-7 --arg a5=0 --arg a6=4 --arg a7=a7.npy
#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>

func.func @main(%a0: tensor<?x?xf64>, %a1: tensor<?x?xi64>, %a2: tensor<?x?xi64>, %a3: tensor<?x?xi64>, %a4: i64, %a5: i64, %a6: index, %a7: tensor<?x?xi64>) -> (tensor<?x?xi64>, tensor<?x?xi64, #CSR>) {
  %v0 = la.mul %a1, %a1 : tensor<?x?xi64>, tensor<?x?xi64> -> tensor<?x?xi64, #CSR>
  %ci0 = arith.constant 0 : index
  %v1 = la.insert %v0, %v0, %ci0, %ci0 : tensor<?x?xi64, #CSR>, tensor<?x?xi64, #CSR>, index, index -> tensor<?x?xi64, #CSR>
  %v2 = la.transpose %a1 : tensor<?x?xi64> -> tensor<?x?xi64>
  %v3 = la.max %v2 : tensor<?x?xi64> -> i64
  %v4 = la.sign %a3 : tensor<?x?xi64> -> tensor<?x?xi64>
  %v5 = la.log %a0 : tensor<?x?xf64> -> tensor<?x?xf64>  // inexact
  %v6 = la.ifelse %v3, %v1, %v0 : i64, tensor<?x?xi64, #CSR>, tensor<?x?xi64, #CSR> -> tensor<?x?xi64>
  %v7 = la.rev %a1 : tensor<?x?xi64> -> tensor<?x?xi64>
  %v8 = la.not %v1 : tensor<?x?xi64, #CSR> -> tensor<?x?xi64>
  %v9 = la.transpose %v2 : tensor<?x?xi64> -> tensor<?x?xi64>
  %ci2 = arith.constant 2 : index
  %ci1 = arith.constant 1 : index
  %v10 = scf.for %i11 = %ci0 to %ci2 step %ci1 iter_args(%acc11 = %v5) -> (tensor<?x?xf64>) {  // inexact
    %w11 = arith.index_cast %i11 : index to i64
    %w12 = arith.sitofp %w11 : i64 to f64
    %w13 = la.sigmoid %acc11 : tensor<?x?xf64> -> tensor<?x?xf64>  // inexact
    %w14 = la.maximum %w12, %w13 : f64, tensor<?x?xf64> -> tensor<?x?xf64>  // inexact
    scf.yield %w14 : tensor<?x?xf64>
  }
  %v15 = la.add %v8, %v7 : tensor<?x?xi64>, tensor<?x?xi64> -> tensor<?x?xi64>
  %v16 = la.maximum %v7, %v7 : tensor<?x?xi64>, tensor<?x?xi64> -> tensor<?x?xi64>
  %ci5 = arith.constant 5 : index
  %v17 = la.rand %ci5 {seed = 475989 : i64, min = 2.0 : f64, max = 3.0 : f64, sparsity = 0.0 : f64} : index -> tensor<?x8xf64>
  %v18 = la.gt %v6, %v0 : tensor<?x?xi64>, tensor<?x?xi64, #CSR> -> tensor<?x?xi64, #CSR>
  %v19 = la.convert %a0 : tensor<?x?xf64> -> tensor<?x?xf64, #CSR>
  %v20 = la.min col %v18 : tensor<?x?xi64, #CSR> -> tensor<1x?xi64>
  %v21 = la.minimum %v8, %v9 : tensor<?x?xi64>, tensor<?x?xi64> -> tensor<?x?xi64, #CSR>
  %ci3 = arith.constant 3 : index
  %ci4 = arith.constant 4 : index
  %v22 = la.slice %v0, %ci3, %a6, %ci2, %ci4 : tensor<?x?xi64, #CSR>, index, index, index, index -> tensor<?x2xi64, #CSR>
  %v23 = arith.constant 1 : i64
  %v24 = la.fill %v23, %ci5 : i64, index -> tensor<?x6xi64>
  %v25 = la.sub %v24, %v9 : tensor<?x6xi64>, tensor<?x?xi64> -> tensor<?x6xi64>
  %v26 = arith.constant 0 : i64
  %v27 = la.ifelse %v18, %v21, %v26 : tensor<?x?xi64, #CSR>, tensor<?x?xi64, #CSR>, i64 -> tensor<?x?xi64>
  %v28 = la.rev %v20 : tensor<1x?xi64> -> tensor<1x?xi64>
  %v29 = la.sumsq %v17 : tensor<?x8xf64> -> f64  // inexact
  %v30 = la.lt %a7, %v8 : tensor<?x?xi64>, tensor<?x?xi64> -> tensor<?x?xi64>
  %v31 = la.cbind %v27, %v9 : tensor<?x?xi64>, tensor<?x?xi64> -> tensor<?x?xi64>
  %ci8 = arith.constant 8 : index
  %ci6 = arith.constant 6 : index
  %v32 = la.rand %ci8, %ci6 {seed = 122956 : i64, min = 0.0 : f64, max = 1.0 : f64} : index, index -> tensor<?x?xf64>
  %v33 = la.mul %v16, %v18 : tensor<?x?xi64>, tensor<?x?xi64, #CSR> -> tensor<?x?xi64, #CSR>
  %v34 = la.max row %v28 : tensor<1x?xi64> -> tensor<1x1xi64>
  %v35 = la.minimum %v26, %v27 : i64, tensor<?x?xi64> -> tensor<?x?xi64>
  %v36 = scf.for %i37 = %ci0 to %ci0 step %ci1 iter_args(%acc37 = %a0) -> (tensor<?x?xf64>) {  // inexact
    %w37 = la.minimum %acc37, %v10 : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>  // inexact
    %w38 = la.minimum %w37, %acc37 : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>  // inexact
    scf.yield %w38 : tensor<?x?xf64>
  }
  %v39 = la.rbind %a7, %v35 : tensor<?x?xi64>, tensor<?x?xi64> -> tensor<?x?xi64>
  %v40 = la.not %v21 : tensor<?x?xi64, #CSR> -> tensor<?x?xi64>
  %v41 = la.mul %v22, %v34 : tensor<?x2xi64, #CSR>, tensor<1x1xi64> -> tensor<?x?xi64, #CSR>
  %v42 = la.floor %v41 : tensor<?x?xi64, #CSR> -> tensor<?x?xi64>
  return %v42, %v33 : tensor<?x?xi64>, tensor<?x?xi64, #CSR>
}
