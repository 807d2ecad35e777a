// Reduced reproducer written by lauryn_difftest.
//
// seed 5405 (NEW), generated with avoid=['zero-extent-slice', 'sparse-div-kernel', 'sparse-vector-broadcast', 'sparse-1x1-broadcast']
// original mismatch:
// [noopt] crash: signal 11
// 
// frames: mlir::sparse_tensor::LoopEmitter::genAffine() <- mlir::PatternApplicator::matchAndRewrite() <- mlir::applyPatternsGreedily() <- mlir::detail::OpToOpPassAdaptor::run() <- mlir::detail::OpToOpPassAdaptor::runPipeline() <- mlir::detail::OpToOpPassAdaptor::run() <- mlir::detail::OpToOpPassAdaptor::runPipeline() <- mlir::PassManager::run() <- lauryn::lowerToLLVMDialect() <- lauryn::JitProgram::compile() <- main <- __libc_start_call_main ./csu/../sysdeps/nptl/libc_start_call_main.h:74:3 <- call_init ./csu/../csu/libc-start.c:128:20 <- __libc_start_main ./csu/../csu/libc-start.c:347:5 <- _start
// reduced mismatch:
// [noopt] crash: signal 11
// 
// frames: mlir::sparse_tensor::LoopEmitter::genAffine() <- mlir::PatternApplicator::matchAndRewrite() <- mlir::applyPatternsGreedily() <- mlir::detail::OpToOpPassAdaptor::run() <- mlir::detail::OpToOpPassAdaptor::runPipeline() <- mlir::detail::OpToOpPassAdaptor::run() <- mlir::detail::OpToOpPassAdaptor::runPipeline() <- mlir::PassManager::run() <- lauryn::lowerToLLVMDialect() <- lauryn::JitProgram::compile() <- main <- __libc_start_call_main ./csu/../sysdeps/nptl/libc_start_call_main.h:74:3 <- call_init ./csu/../csu/libc-start.c:128:20 <- __libc_start_main ./csu/../csu/libc-start.c:347:5 <- _start
//
// Run (in this directory):
//   lauryn-run repro.mlir --arg a1=a1.npy --arg a2=0.0 --arg a3=a3.npy --arg a4=a4.npy
//   lauryn-run --no-optimize repro.mlir --arg a1=a1.npy --arg a2=0.0 --arg a3=a3.npy --arg a4=a4.npy
//   python3 -m lauryn_ref repro.mlir --arg a1=a1.npy --arg a2=0.0 --arg a3=a3.npy --arg a4=a4.npy
#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>

func.func @helper(%p0: tensor<?x6xf64, #CSR>, %p1: tensor<7x1xf64, #CSR>) -> (tensor<7x7xf64, #CSR>) {
  %h0 = la.transpose %p1 : tensor<7x1xf64, #CSR> -> tensor<1x7xf64, #CSR>
  %h1 = la.maximum %h0, %p1 : tensor<1x7xf64, #CSR>, tensor<7x1xf64, #CSR> -> tensor<7x7xf64, #CSR>
  return %h1 : tensor<7x7xf64, #CSR>
}

func.func @main(%a1: tensor<7x6xf64>, %a2: f64, %a3: tensor<1x6xf64>, %a4: tensor<7x1xf64>) -> (tensor<7x6xf64>) {
  %v4 = la.ifelse %a2, %a4, %a2 : f64, tensor<7x1xf64>, f64 -> tensor<7x1xf64>
  %v6 = la.matmul %a4, %a3 : tensor<7x1xf64>, tensor<1x6xf64> -> tensor<?x6xf64, #CSR>  // inexact
  %ci0 = arith.constant 0 : index
  %ci3 = arith.constant 3 : index
  %ci7 = arith.constant 7 : index
  %ci1 = arith.constant 1 : index
  %v8 = la.slice %v4, %ci3, %ci7, %ci0, %ci1 : tensor<7x1xf64>, index, index, index, index -> tensor<4x1xf64>
  %ci2 = arith.constant 2 : index
  %v9 = la.insert %v8, %v6, %ci2, %ci1 : tensor<4x1xf64>, tensor<?x6xf64, #CSR>, index, index -> tensor<?x6xf64, #CSR>  // inexact
  %v10 = la.convert %v4 : tensor<7x1xf64> -> tensor<7x1xf64, #CSR>
  %v11 = func.call @helper(%v6, %v10) : (tensor<?x6xf64, #CSR>, tensor<7x1xf64, #CSR>) -> (tensor<7x7xf64, #CSR>)
  return %a1 : tensor<7x6xf64>
}
