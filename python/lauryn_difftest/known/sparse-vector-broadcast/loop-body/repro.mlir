// Reduced reproducer written by lauryn_difftest.
//
// found by: python3 -m lauryn_difftest --count 20 --seed 480 (seed 483, generator avoiding only zero-extent-slice then)
// mismatch of the reduced program:
// [noopt] crash: signal 11
// 
// frames: mlir::arith::SubIOp::create() <- mlir::sparse_tensor::LoopEmitter::emitForLoopOverTensorAtLvl() <- mlir::sparse_tensor::LoopEmitter::enterCoIterationOverTensorsAtLvls() <- mlir::sparse_tensor::CodegenEnv::genLoopBoundary() <- mlir::PatternApplicator::matchAndRewrite() <- mlir::applyPatternsGreedily() <- mlir::detail::OpToOpPassAdaptor::run() <- mlir::detail::OpToOpPassAdaptor::runPipeline() <- mlir::detail::OpToOpPassAdaptor::run() <- mlir::detail::OpToOpPassAdaptor::runPipeline() <- mlir::PassManager::run() <- lauryn::lowerToLLVMDialect() <- lauryn::JitProgram::compile() <- main <- __libc_start_call_main ./csu/../sysdeps/nptl/libc_start_call_main.h:74:3 <- call_init ./csu/../csu/libc-start.c:128:20 <- __libc_start_main ./csu/../csu/libc-start.c:347:5
//
// Run (in this directory):
//   lauryn-run repro.mlir --arg a2=a2.mtx --arg a5=a5.npy
//   lauryn-run --no-optimize repro.mlir --arg a2=a2.mtx --arg a5=a5.npy
//   python3 -m lauryn_ref repro.mlir --arg a2=a2.mtx --arg a5=a5.npy
#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>

func.func @main(%a2: tensor<?x?xf64, #CSR>, %a5: tensor<?x1xf64>) -> (tensor<?x1xf64>) {
  %ci0 = arith.constant 0 : index
  %ci2 = arith.constant 2 : index
  %ci1 = arith.constant 1 : index
  %v5 = scf.for %i6 = %ci0 to %ci2 step %ci1 iter_args(%acc6 = %a5) -> (tensor<?x1xf64>) {  // inexact
    %w9 = la.sub %a2, %acc6 : tensor<?x?xf64, #CSR>, tensor<?x1xf64> -> tensor<?x1xf64>  // inexact
    scf.yield %w9 : tensor<?x1xf64>
  }
  return %a5 : tensor<?x1xf64>
}
