// Reduced reproducer written by lauryn_difftest.
//
// seed 880131 (NEW), generated with avoid=[]
// original mismatch:
// [formats] crash: signal 11
// 
// frames: lauryn::sparsity::() const MNCEstimator.cpp:0:0 <- lauryn::sparsity::Estimator::propagate() const <- lauryn::la::() SparsityOfOps.cpp:0:0 <- lauryn::la::estimateResults() <- lauryn::la::estimateSparsity() <- mlir::detail::OpToOpPassAdaptor::run() <- mlir::detail::OpToOpPassAdaptor::runPipeline() <- mlir::PassManager::run() <- lauryn::lowerToLLVMDialect() <- lauryn::JitProgram::compile() <- main <- __libc_start_call_main ./csu/../sysdeps/nptl/libc_start_call_main.h:74:3 <- call_init ./csu/../csu/libc-start.c:128:20 <- __libc_start_main ./csu/../csu/libc-start.c:347:5 <- _start
// reduced mismatch:
// [formats] crash: signal 11
// 
// frames: lauryn::sparsity::() const MNCEstimator.cpp:0:0 <- lauryn::sparsity::Estimator::propagate() const <- lauryn::la::() SparsityOfOps.cpp:0:0 <- lauryn::la::estimateResults() <- lauryn::la::estimateSparsity() <- mlir::detail::OpToOpPassAdaptor::run() <- mlir::detail::OpToOpPassAdaptor::runPipeline() <- mlir::PassManager::run() <- lauryn::lowerToLLVMDialect() <- lauryn::JitProgram::compile() <- main <- __libc_start_call_main ./csu/../sysdeps/nptl/libc_start_call_main.h:74:3 <- call_init ./csu/../csu/libc-start.c:128:20 <- __libc_start_main ./csu/../csu/libc-start.c:347:5 <- _start
//
// Run (in this directory):
//   lauryn-run repro.mlir --arg a0=a0.npy
//   lauryn-run --no-optimize repro.mlir --arg a0=a0.npy
//   python3 -m lauryn_ref repro.mlir --arg a0=a0.npy
#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>

func.func @main(%a0: tensor<?x?xf64>) -> (tensor<?x0xf64>) {
  %v2 = la.reshape %a0 : tensor<?x?xf64> -> tensor<8x0xf64>
  %v9 = la.or %v2, %v2 : tensor<8x0xf64>, tensor<8x0xf64> -> tensor<8x0xf64>
  %v10 = la.maximum %v9, %v9 : tensor<8x0xf64>, tensor<8x0xf64> -> tensor<?x0xf64>
  return %v10 : tensor<?x0xf64>
}
