// Reduced reproducer written by lauryn_difftest.
//
// seed 40879 (NEW), generated with avoid=[]
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
//   lauryn-run repro.mlir --arg a0=a0.npy --arg a2=a2.npy --arg a3=a3.mtx --arg a4=a4.npy
//   lauryn-run --no-optimize repro.mlir --arg a0=a0.npy --arg a2=a2.npy --arg a3=a3.mtx --arg a4=a4.npy
//   python3 -m lauryn_ref repro.mlir --arg a0=a0.npy --arg a2=a2.npy --arg a3=a3.mtx --arg a4=a4.npy
#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>

func.func @main(%a0: tensor<?x5xf64>, %a2: tensor<1x1xf64>, %a3: tensor<?x?xf64, #CSR>, %a4: tensor<1x?xf64>) -> (tensor<1x?xf64>) {
  %ci0 = arith.constant 0 : index
  %ci1 = arith.constant 1 : index
  %ci3 = arith.constant 3 : index
  %v24 = scf.for %i25 = %ci0 to %ci3 step %ci1 iter_args(%acc25 = %a3) -> (tensor<?x?xf64, #CSR>) {  // inexact
    %w25 = la.sub %a0, %acc25 : tensor<?x5xf64>, tensor<?x?xf64, #CSR> -> tensor<?x?xf64, #CSR>  // inexact
    %w26 = la.mul %w25, %a2 : tensor<?x?xf64, #CSR>, tensor<1x1xf64> -> tensor<?x?xf64, #CSR>  // inexact
    scf.yield %w26 : tensor<?x?xf64, #CSR>
  }
  return %a4 : tensor<1x?xf64>
}
