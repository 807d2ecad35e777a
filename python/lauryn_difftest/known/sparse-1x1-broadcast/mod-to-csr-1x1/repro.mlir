// Reduced reproducer written by lauryn_difftest.
//
// seed 1076 (NEW), generated with avoid=['zero-extent-slice', 'sparse-div-kernel', 'sparse-broadcast-static-result']
// original mismatch:
// [noopt] crash: signal 11
// 
// frames: mlir::sparse_tensor::IterationGraphSorter::addConstraints() <- mlir::sparse_tensor::IterationGraphSorter::sort() <- mlir::PatternApplicator::matchAndRewrite() <- mlir::applyPatternsGreedily() <- mlir::detail::OpToOpPassAdaptor::run() <- mlir::detail::OpToOpPassAdaptor::runPipeline() <- mlir::detail::OpToOpPassAdaptor::run() <- mlir::detail::OpToOpPassAdaptor::runPipeline() <- mlir::PassManager::run() <- lauryn::lowerToLLVMDialect() <- lauryn::JitProgram::compile() <- main <- __libc_start_call_main ./csu/../sysdeps/nptl/libc_start_call_main.h:74:3 <- call_init ./csu/../csu/libc-start.c:128:20 <- __libc_start_main ./csu/../csu/libc-start.c:347:5 <- _start
// [opt] crash: signal 11
// 
// frames: mlir::sparse_tensor::IterationGraphSorter::addConstraints() <- mlir::sparse_tensor::IterationGraphSorter::sort() <- mlir::PatternApplicator::matchAndRewrite() <- mlir::applyPatternsGreedily() <- mlir::detail::OpToOpPassAdaptor::run() <- mlir::detail::OpToOpPassAdaptor::runPipeline() <- mlir::detail::OpToOpPassAdaptor::run() <- mlir::detail::OpToOpPassAdaptor::runPipeline() <- mlir::PassManager::run() <- lauryn::lowerToLLVMDialect() <- lauryn::JitProgram::compile() <- main <- __libc_start_call_main ./csu/../sysdeps/nptl/libc_start_call_main.h:74:3 <- call_init ./csu/../csu/libc-start.c:128:20 <- __libc_start_main ./csu/../csu/libc-start.c:347:5 <- _start
// [opt-t2] crash: signal 11
// 
// frames: mlir::sparse_tensor::IterationGraphSorter::addConstraints() <- mlir::sparse_tensor::IterationGraphSorter::sort() <- mlir::PatternApplicator::matchAndRewrite() <- mlir::applyPatternsGreedily() <- mlir::detail::OpToOpPassAdaptor::run() <- mlir::detail::OpToOpPassAdaptor::runPipeline() <- mlir::detail::OpToOpPassAdaptor::run() <- mlir::detail::OpToOpPassAdaptor::runPipeline() <- mlir::PassManager::run() <- lauryn::lowerToLLVMDialect() <- lauryn::JitProgram::compile() <- main <- __libc_start_call_main ./csu/../sysdeps/nptl/libc_start_call_main.h:74:3 <- call_init ./csu/../csu/libc-start.c:128:20 <- __libc_start_main ./csu/../csu/libc-start.c:347:5 <- _start
// reduced mismatch:
// [noopt] crash: signal 11
// 
// frames: mlir::sparse_tensor::IterationGraphSorter::addConstraints() <- mlir::sparse_tensor::IterationGraphSorter::sort() <- mlir::PatternApplicator::matchAndRewrite() <- mlir::applyPatternsGreedily() <- mlir::detail::OpToOpPassAdaptor::run() <- mlir::detail::OpToOpPassAdaptor::runPipeline() <- mlir::detail::OpToOpPassAdaptor::run() <- mlir::detail::OpToOpPassAdaptor::runPipeline() <- mlir::PassManager::run() <- lauryn::lowerToLLVMDialect() <- lauryn::JitProgram::compile() <- main <- __libc_start_call_main ./csu/../sysdeps/nptl/libc_start_call_main.h:74:3 <- call_init ./csu/../csu/libc-start.c:128:20 <- __libc_start_main ./csu/../csu/libc-start.c:347:5 <- _start
// [opt] crash: signal 11
// 
// frames: mlir::sparse_tensor::IterationGraphSorter::addConstraints() <- mlir::sparse_tensor::IterationGraphSorter::sort() <- mlir::PatternApplicator::matchAndRewrite() <- mlir::applyPatternsGreedily() <- mlir::detail::OpToOpPassAdaptor::run() <- mlir::detail::OpToOpPassAdaptor::runPipeline() <- mlir::detail::OpToOpPassAdaptor::run() <- mlir::detail::OpToOpPassAdaptor::runPipeline() <- mlir::PassManager::run() <- lauryn::lowerToLLVMDialect() <- lauryn::JitProgram::compile() <- main <- __libc_start_call_main ./csu/../sysdeps/nptl/libc_start_call_main.h:74:3 <- call_init ./csu/../csu/libc-start.c:128:20 <- __libc_start_main ./csu/../csu/libc-start.c:347:5 <- _start
// [opt-t2] crash: signal 11
// 
// frames: mlir::sparse_tensor::IterationGraphSorter::addConstraints() <- mlir::sparse_tensor::IterationGraphSorter::sort() <- mlir::PatternApplicator::matchAndRewrite() <- mlir::applyPatternsGreedily() <- mlir::detail::OpToOpPassAdaptor::run() <- mlir::detail::OpToOpPassAdaptor::runPipeline() <- mlir::detail::OpToOpPassAdaptor::run() <- mlir::detail::OpToOpPassAdaptor::runPipeline() <- mlir::PassManager::run() <- lauryn::lowerToLLVMDialect() <- lauryn::JitProgram::compile() <- main <- __libc_start_call_main ./csu/../sysdeps/nptl/libc_start_call_main.h:74:3 <- call_init ./csu/../csu/libc-start.c:128:20 <- __libc_start_main ./csu/../csu/libc-start.c:347:5 <- _start
//
// Run (in this directory):
//   lauryn-run repro.mlir --arg a1=a1.npy --arg a3=a3.npy --arg a5=a5.npy --arg a6=a6.npy
//   lauryn-run --no-optimize repro.mlir --arg a1=a1.npy --arg a3=a3.npy --arg a5=a5.npy --arg a6=a6.npy
//   python3 -m lauryn_ref repro.mlir --arg a1=a1.npy --arg a3=a3.npy --arg a5=a5.npy --arg a6=a6.npy
#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>

func.func @helper(%p0: tensor<4x?xf64>, %p1: tensor<1x?xf64, #CSR>) -> (tensor<1x?xf64, #CSR>) {
  return %p1 : tensor<1x?xf64, #CSR>
}

func.func @main(%a1: tensor<1x1xf64>, %a3: tensor<4x?xf64>, %a5: tensor<?x1xf64>, %a6: tensor<1x?xf64>) -> (tensor<?x1xf64>) {
  %v1 = la.mod %a6, %a1 : tensor<1x?xf64>, tensor<1x1xf64> -> tensor<1x?xf64, #CSR>
  %v5 = func.call @helper(%a3, %v1) : (tensor<4x?xf64>, tensor<1x?xf64, #CSR>) -> (tensor<1x?xf64, #CSR>)
  return %a5 : tensor<?x1xf64>
}
