// Reduced reproducer written by lauryn_difftest.
//
// seed 1176 (known bug sparse-1x1-broadcast), generated with avoid=['zero-extent-slice', 'sparse-div-kernel', 'sparse-vector-broadcast', 'sparse-1x1-broadcast']
// original mismatch:
// [noopt] crash: signal 11
// 
// frames: mlir::sparse_tensor::IterationGraphSorter::addConstraints() <- mlir::sparse_tensor::IterationGraphSorter::sort() <- mlir::PatternApplicator::matchAndRewrite() <- mlir::applyPatternsGreedily() <- mlir::detail::OpToOpPassAdaptor::run() <- mlir::detail::OpToOpPassAdaptor::runPipeline() <- mlir::detail::OpToOpPassAdaptor::run() <- mlir::detail::OpToOpPassAdaptor::runPipeline() <- mlir::PassManager::run() <- lauryn::lowerToLLVMDialect() <- lauryn::JitProgram::compile() <- main <- __libc_start_call_main ./csu/../sysdeps/nptl/libc_start_call_main.h:74:3 <- call_init ./csu/../csu/libc-start.c:128:20 <- __libc_start_main ./csu/../csu/libc-start.c:347:5 <- _start
// reduced mismatch:
// [noopt] crash: signal 11
// 
// frames: mlir::sparse_tensor::IterationGraphSorter::addConstraints() <- mlir::sparse_tensor::IterationGraphSorter::sort() <- mlir::PatternApplicator::matchAndRewrite() <- mlir::applyPatternsGreedily() <- mlir::detail::OpToOpPassAdaptor::run() <- mlir::detail::OpToOpPassAdaptor::runPipeline() <- mlir::detail::OpToOpPassAdaptor::run() <- mlir::detail::OpToOpPassAdaptor::runPipeline() <- mlir::PassManager::run() <- lauryn::lowerToLLVMDialect() <- lauryn::JitProgram::compile() <- main <- __libc_start_call_main ./csu/../sysdeps/nptl/libc_start_call_main.h:74:3 <- call_init ./csu/../csu/libc-start.c:128:20 <- __libc_start_main ./csu/../csu/libc-start.c:347:5 <- _start
//
// Run (in this directory):
//   lauryn-run repro.mlir --arg a9=a9.npy --arg a10=a10.mtx
//   lauryn-run --no-optimize repro.mlir --arg a9=a9.npy --arg a10=a10.mtx
//   python3 -m lauryn_ref repro.mlir --arg a9=a9.npy --arg a10=a10.mtx
#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>

func.func @main(%a9: tensor<?x?xf64>, %a10: tensor<1x1xi64, #CSR>) -> (tensor<?x?xf64>) {
  %v2 = la.neg %a10 : tensor<1x1xi64, #CSR> -> tensor<1x?xi64, #CSR>
  %v8 = la.matmul %v2, %v2 : tensor<1x?xi64, #CSR>, tensor<1x?xi64, #CSR> -> tensor<1x?xi64>
  return %a9 : tensor<?x?xf64>
}
