// min and max of signed zeros in both operand orders, made visible by x^-1
// (+0 -> +inf, -0 -> -inf): min(-0, +0) = min(+0, -0) = -0 and
// max(-0, +0) = max(+0, -0) = +0. Before lauryn-expand-integer-divisions
// replaced arith-expand, compare + select returned the second operand on ties.
//
// Run (in this directory):
//   lauryn-run repro.mlir --arg a=a.npy --arg b=b.npy
//   python3 -m lauryn_ref repro.mlir --arg a=a.npy --arg b=b.npy
func.func @main(%a: tensor<?x?xf64>, %b: tensor<?x?xf64>) -> (tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x?xf32>) {
  %m = arith.constant -1.0 : f64
  %lo = la.minimum %a, %b : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
  %hi = la.maximum %a, %b : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
  %rlo = la.pow %lo, %m : tensor<?x?xf64>, f64 -> tensor<?x?xf64>
  %rhi = la.pow %hi, %m : tensor<?x?xf64>, f64 -> tensor<?x?xf64>
  %a32 = la.cast %a : tensor<?x?xf64> -> tensor<?x?xf32>
  %b32 = la.cast %b : tensor<?x?xf64> -> tensor<?x?xf32>
  %lo32 = la.minimum %b32, %a32 : tensor<?x?xf32>, tensor<?x?xf32> -> tensor<?x?xf32>
  %m32 = arith.constant -1.0 : f32
  %r32 = la.pow %lo32, %m32 : tensor<?x?xf32>, f32 -> tensor<?x?xf32>
  return %rlo, %rhi, %r32 : tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x?xf32>
}
