// Reduced reproducer written by lauryn_difftest.
//
// found by: python3 -m lauryn_difftest --count 20 --seed 480 (seed 481, generator avoiding only zero-extent-slice then)
// mismatch of the reduced program:
// [noopt] crash: signal 11
// 
// frames: mlir::Operation::create() <- mlir::Operation::create() <- mlir::Operation::create() <- mlir::OpBuilder::create() <- mlir::memref::StoreOp::create() <- mlir::PatternApplicator::matchAndRewrite() <- mlir::applyPatternsGreedily() <- mlir::detail::OpToOpPassAdaptor::run() <- mlir::detail::OpToOpPassAdaptor::runPipeline() <- mlir::detail::OpToOpPassAdaptor::run() <- mlir::detail::OpToOpPassAdaptor::runPipeline() <- mlir::PassManager::run() <- lauryn::lowerToLLVMDialect() <- lauryn::JitProgram::compile() <- main <- __libc_start_call_main ./csu/../sysdeps/nptl/libc_start_call_main.h:74:3 <- call_init ./csu/../csu/libc-start.c:128:20
// [opt] crash: signal 11
// 
// frames: mlir::Operation::create() <- mlir::Operation::create() <- mlir::Operation::create() <- mlir::OpBuilder::create() <- mlir::memref::StoreOp::create() <- mlir::PatternApplicator::matchAndRewrite() <- mlir::applyPatternsGreedily() <- mlir::detail::OpToOpPassAdaptor::run() <- mlir::detail::OpToOpPassAdaptor::runPipeline() <- mlir::detail::OpToOpPassAdaptor::run() <- mlir::detail::OpToOpPassAdaptor::runPipeline() <- mlir::PassManager::run() <- lauryn::lowerToLLVMDialect() <- lauryn::JitProgram::compile() <- main <- __libc_start_call_main ./csu/../sysdeps/nptl/libc_start_call_main.h:74:3 <- call_init ./csu/../csu/libc-start.c:128:20
// [opt-t2] crash: signal 11
// 
// frames: mlir::Operation::create() <- mlir::Operation::create() <- mlir::Operation::create() <- mlir::OpBuilder::create() <- mlir::memref::StoreOp::create() <- mlir::PatternApplicator::matchAndRewrite() <- mlir::applyPatternsGreedily() <- mlir::detail::OpToOpPassAdaptor::run() <- mlir::detail::OpToOpPassAdaptor::runPipeline() <- mlir::detail::OpToOpPassAdaptor::run() <- mlir::detail::OpToOpPassAdaptor::runPipeline() <- mlir::PassManager::run() <- lauryn::lowerToLLVMDialect() <- lauryn::JitProgram::compile() <- main <- __libc_start_call_main ./csu/../sysdeps/nptl/libc_start_call_main.h:74:3 <- call_init ./csu/../csu/libc-start.c:128:20
//
// Run (in this directory):
//   lauryn-run repro.mlir --arg a4=0 --arg a5=a5.npy
//   lauryn-run --no-optimize repro.mlir --arg a4=0 --arg a5=a5.npy
//   python3 -m lauryn_ref repro.mlir --arg a4=0 --arg a5=a5.npy
#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>

func.func @helper(%p0: tensor<?x?xf32>) -> (tensor<?x?xf32>) {
  %h0 = la.mean col %p0 : tensor<?x?xf32> -> tensor<1x?xf32>  // inexact
  %h1 = la.convert %h0 : tensor<1x?xf32> -> tensor<1x?xf32, #CSR>  // inexact
  %h2 = la.matmul %h1, %p0 : tensor<1x?xf32, #CSR>, tensor<?x?xf32> -> tensor<?x?xf32>  // inexact
  return %h2 : tensor<?x?xf32>
}

func.func @main(%a4: i64, %a5: tensor<?x?xf32>) -> (i64) {
  %v8 = func.call @helper(%a5) : (tensor<?x?xf32>) -> (tensor<?x?xf32>)  // inexact
  return %a4 : i64
}
