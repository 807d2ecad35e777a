// REGRESSION: an scf.for whose tensor iter_arg is replaced by a newly computed
// tensor compiles and runs.
//
//   $ build/bin/lauryn-run docs/examples/regressions/loop-carried-tensor.mlir \
//         --arg x=fill:3x1:1 --arg n=3
//   result #0: 3x1 f64
//     [8]
//     [8]
//     [8]
//
// Checked by test_regression_loop_carried_tensor in
// python/tests/test_examples.py: the result must be exactly 2^n * x (n = 0 runs
// no iteration), with and without --no-optimize. Every iterative example in
// docs/examples yields newly computed tensors the same way (pca from a nested
// loop, lmcg from inside an scf.if), so they cover the general case.
//
// History: this used to fail in one-shot bufferization ("Yield operand #0 is
// not equivalent to the corresponding iter bbArg"), because buildCPUTail ran
// it with allowReturnAllocsFromLoops = false; the examples copied every new
// iterate into the carried tensor with `la.insert %new, %old, %c0, %c0`.
// buildCPUTail now sets allowReturnAllocsFromLoops.
func.func @main(%x: tensor<?x1xf64>, %n: index) -> tensor<?x1xf64> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %two = arith.constant 2.0 : f64
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%v = %x) -> (tensor<?x1xf64>) {
    %w = la.mul %v, %two : tensor<?x1xf64>, f64
    scf.yield %w : tensor<?x1xf64>
  }
  return %r : tensor<?x1xf64>
}
