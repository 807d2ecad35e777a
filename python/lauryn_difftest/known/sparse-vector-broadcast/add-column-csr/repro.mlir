// Reduced reproducer written by lauryn_difftest.
//
// seed 1223 (known bug sparse-broadcast-static-result), generated with avoid=['zero-extent-slice', 'sparse-div-kernel', 'sparse-broadcast-static-result']
// original mismatch:
// [noopt] crash: signal 11
// 
// frames: mlir::arith::SubIOp::create() <- mlir::sparse_tensor::LoopEmitter::emitForLoopOverTensorAtLvl() <- mlir::sparse_tensor::LoopEmitter::enterCoIterationOverTensorsAtLvls() <- mlir::sparse_tensor::CodegenEnv::genLoopBoundary() <- mlir::PatternApplicator::matchAndRewrite() <- mlir::applyPatternsGreedily() <- mlir::detail::OpToOpPassAdaptor::run() <- mlir::detail::OpToOpPassAdaptor::runPipeline() <- mlir::detail::OpToOpPassAdaptor::run() <- mlir::detail::OpToOpPassAdaptor::runPipeline() <- mlir::PassManager::run() <- lauryn::lowerToLLVMDialect() <- lauryn::JitProgram::compile() <- main <- __libc_start_call_main ./csu/../sysdeps/nptl/libc_start_call_main.h:74:3 <- call_init ./csu/../csu/libc-start.c:128:20 <- __libc_start_main ./csu/../csu/libc-start.c:347:5
// [opt] crash: signal 11
// 
// frames: mlir::arith::SubIOp::create() <- mlir::sparse_tensor::LoopEmitter::emitForLoopOverTensorAtLvl() <- mlir::sparse_tensor::LoopEmitter::enterCoIterationOverTensorsAtLvls() <- mlir::sparse_tensor::CodegenEnv::genLoopBoundary() <- mlir::PatternApplicator::matchAndRewrite() <- mlir::applyPatternsGreedily() <- mlir::detail::OpToOpPassAdaptor::run() <- mlir::detail::OpToOpPassAdaptor::runPipeline() <- mlir::detail::OpToOpPassAdaptor::run() <- mlir::detail::OpToOpPassAdaptor::runPipeline() <- mlir::PassManager::run() <- lauryn::lowerToLLVMDialect() <- lauryn::JitProgram::compile() <- main <- __libc_start_call_main ./csu/../sysdeps/nptl/libc_start_call_main.h:74:3 <- call_init ./csu/../csu/libc-start.c:128:20 <- __libc_start_main ./csu/../csu/libc-start.c:347:5
// [opt-t2] crash: signal 11
// 
// frames: mlir::arith::SubIOp::create() <- mlir::sparse_tensor::LoopEmitter::emitForLoopOverTensorAtLvl() <- mlir::sparse_tensor::LoopEmitter::enterCoIterationOverTensorsAtLvls() <- mlir::sparse_tensor::CodegenEnv::genLoopBoundary() <- mlir::PatternApplicator::matchAndRewrite() <- mlir::applyPatternsGreedily() <- mlir::detail::OpToOpPassAdaptor::run() <- mlir::detail::OpToOpPassAdaptor::runPipeline() <- mlir::detail::OpToOpPassAdaptor::run() <- mlir::detail::OpToOpPassAdaptor::runPipeline() <- mlir::PassManager::run() <- lauryn::lowerToLLVMDialect() <- lauryn::JitProgram::compile() <- main <- __libc_start_call_main ./csu/../sysdeps/nptl/libc_start_call_main.h:74:3 <- call_init ./csu/../csu/libc-start.c:128:20 <- __libc_start_main ./csu/../csu/libc-start.c:347:5
// reduced mismatch:
// [noopt] crash: signal 11
// 
// frames: mlir::arith::SubIOp::create() <- mlir::sparse_tensor::LoopEmitter::emitForLoopOverTensorAtLvl() <- mlir::sparse_tensor::LoopEmitter::enterCoIterationOverTensorsAtLvls() <- mlir::sparse_tensor::CodegenEnv::genLoopBoundary() <- mlir::PatternApplicator::matchAndRewrite() <- mlir::applyPatternsGreedily() <- mlir::detail::OpToOpPassAdaptor::run() <- mlir::detail::OpToOpPassAdaptor::runPipeline() <- mlir::detail::OpToOpPassAdaptor::run() <- mlir::detail::OpToOpPassAdaptor::runPipeline() <- mlir::PassManager::run() <- lauryn::lowerToLLVMDialect() <- lauryn::JitProgram::compile() <- main <- __libc_start_call_main ./csu/../sysdeps/nptl/libc_start_call_main.h:74:3 <- call_init ./csu/../csu/libc-start.c:128:20 <- __libc_start_main ./csu/../csu/libc-start.c:347:5
// [opt] crash: signal 11
// 
// frames: mlir::arith::SubIOp::create() <- mlir::sparse_tensor::LoopEmitter::emitForLoopOverTensorAtLvl() <- mlir::sparse_tensor::LoopEmitter::enterCoIterationOverTensorsAtLvls() <- mlir::sparse_tensor::CodegenEnv::genLoopBoundary() <- mlir::PatternApplicator::matchAndRewrite() <- mlir::applyPatternsGreedily() <- mlir::detail::OpToOpPassAdaptor::run() <- mlir::detail::OpToOpPassAdaptor::runPipeline() <- mlir::detail::OpToOpPassAdaptor::run() <- mlir::detail::OpToOpPassAdaptor::runPipeline() <- mlir::PassManager::run() <- lauryn::lowerToLLVMDialect() <- lauryn::JitProgram::compile() <- main <- __libc_start_call_main ./csu/../sysdeps/nptl/libc_start_call_main.h:74:3 <- call_init ./csu/../csu/libc-start.c:128:20 <- __libc_start_main ./csu/../csu/libc-start.c:347:5
// [opt-t2] crash: signal 11
// 
// frames: mlir::arith::SubIOp::create() <- mlir::sparse_tensor::LoopEmitter::emitForLoopOverTensorAtLvl() <- mlir::sparse_tensor::LoopEmitter::enterCoIterationOverTensorsAtLvls() <- mlir::sparse_tensor::CodegenEnv::genLoopBoundary() <- mlir::PatternApplicator::matchAndRewrite() <- mlir::applyPatternsGreedily() <- mlir::detail::OpToOpPassAdaptor::run() <- mlir::detail::OpToOpPassAdaptor::runPipeline() <- mlir::detail::OpToOpPassAdaptor::run() <- mlir::detail::OpToOpPassAdaptor::runPipeline() <- mlir::PassManager::run() <- lauryn::lowerToLLVMDialect() <- lauryn::JitProgram::compile() <- main <- __libc_start_call_main ./csu/../sysdeps/nptl/libc_start_call_main.h:74:3 <- call_init ./csu/../csu/libc-start.c:128:20 <- __libc_start_main ./csu/../csu/libc-start.c:347:5
//
// Run (in this directory):
//   lauryn-run repro.mlir --arg a5=a5.npy --arg a6=a6.mtx
//   lauryn-run --no-optimize repro.mlir --arg a5=a5.npy --arg a6=a6.mtx
//   python3 -m lauryn_ref repro.mlir --arg a5=a5.npy --arg a6=a6.mtx
#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>

func.func @main(%a5: tensor<?x1xf32>, %a6: tensor<7x?xf32, #CSR>) -> (tensor<7x?xf32>) {
  %v41 = la.add %a5, %a6 : tensor<?x1xf32>, tensor<7x?xf32, #CSR> -> tensor<7x?xf32>
  return %v41 : tensor<7x?xf32>
}
