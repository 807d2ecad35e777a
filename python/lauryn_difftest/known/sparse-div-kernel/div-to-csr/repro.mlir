// Reduced reproducer written by lauryn_difftest.
//
// found by: python3 -m lauryn_difftest --count 20 --seed 400 (seed 411, before the generator avoided this pattern)
// mismatch of the reduced program (only --no-optimize keeps the dead la.div; returning %v4 crashes every variant):
// [noopt] crash: signal 11
// 
// frames: mlir::Operation::create() <- mlir::Operation::create() <- mlir::Operation::create() <- mlir::OpBuilder::create() <- mlir::memref::StoreOp::create() <- mlir::PatternApplicator::matchAndRewrite() <- mlir::applyPatternsGreedily() <- mlir::detail::OpToOpPassAdaptor::run() <- mlir::detail::OpToOpPassAdaptor::runPipeline() <- mlir::detail::OpToOpPassAdaptor::run() <- mlir::detail::OpToOpPassAdaptor::runPipeline() <- mlir::PassManager::run() <- lauryn::lowerToLLVMDialect() <- lauryn::JitProgram::compile() <- main <- __libc_start_call_main ./csu/../sysdeps/nptl/libc_start_call_main.h:74:3 <- call_init ./csu/../csu/libc-start.c:128:20
//
// Run (in this directory):
//   lauryn-run repro.mlir --arg a0=a0.npy --arg a1=a1.npy
//   lauryn-run --no-optimize repro.mlir --arg a0=a0.npy --arg a1=a1.npy
//   python3 -m lauryn_ref repro.mlir --arg a0=a0.npy --arg a1=a1.npy
#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>

func.func @main(%a0: tensor<?x?xf64>, %a1: tensor<?x?xf64>) -> (tensor<?x?xf64>) {
  %v4 = la.div %a1, %a1 : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64, #CSR>
  %v10 = la.matmul %v4, %a0 : tensor<?x?xf64, #CSR>, tensor<?x?xf64> -> tensor<?x?xf64>  // inexact
  return %a1 : tensor<?x?xf64>
}
