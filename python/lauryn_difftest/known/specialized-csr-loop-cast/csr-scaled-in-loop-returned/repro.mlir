// A CSR parameter carried through a loop and scaled, returned: with the JIT's
// shape specialization the loop carries tensor<3x4xf64, #CSR> while its body
// computes tensor<?x?xf64, #CSR>; pre-sparsification-rewrite folded the cast
// back into the kernel's dynamic tensor.empty (invalid IR) until
// lauryn-fold-sparse-result-casts (found as seed 50645).
//
// Run (in this directory):
//   lauryn-run repro.mlir --arg a0=a0.mtx --arg s=2.0
//   python3 -m lauryn_ref repro.mlir --arg a0=a0.mtx --arg s=2.0
#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>
func.func @main(%a0: tensor<?x?xf64, #CSR>, %s: f64) -> (tensor<?x?xf64, #CSR>, tensor<?x?xf64>) {
  %c0 = arith.constant 0 : index
  %c3 = arith.constant 3 : index
  %c1 = arith.constant 1 : index
  %v = scf.for %i = %c0 to %c3 step %c1 iter_args(%acc = %a0) -> (tensor<?x?xf64, #CSR>) {
    %w = la.mul %acc, %s : tensor<?x?xf64, #CSR>, f64 -> tensor<?x?xf64, #CSR>
    scf.yield %w : tensor<?x?xf64, #CSR>
  }
  %d = la.convert %v : tensor<?x?xf64, #CSR> -> tensor<?x?xf64>
  return %v, %d : tensor<?x?xf64, #CSR>, tensor<?x?xf64>
}
