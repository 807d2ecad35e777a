// RUN: not lauryn-opt %s -split-input-file --la-select-formats=bandwidth=0 2>&1 | FileCheck %s --check-prefix=RATE
// RUN: not lauryn-opt %s -split-input-file --la-select-formats=sparse-gflops=-1 2>&1 | FileCheck %s --check-prefix=RATE
// RUN: lauryn-opt %s --la-estimate-sparsity --la-select-formats -split-input-file -verify-diagnostics | FileCheck %s

// RATE: error: la-select-formats: bandwidth, dense-gflops and sparse-gflops must be positive

// A written conversion is kept as written, even where the cost model would
// not convert.
// CHECK-LABEL: func.func @written
// CHECK: la.convert %arg0 {{.*}}: tensor<100x100xf64> -> tensor<100x100xf64, #sparse>
#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>
func.func @written(%A: tensor<100x100xf64> {la.sparsity = #la.sparsity<density = 1.0>}) -> f64 {
  %s = la.convert %A : tensor<100x100xf64> -> tensor<100x100xf64, #CSR>
  %r = la.sum %s : tensor<100x100xf64, #CSR>
  return %r : f64
}

// -----

// Malformed estimates are rejected before any decision.
func.func @bad(%A: tensor<100x100xf64>) -> tensor<100x100xf64> {
  // expected-error @+1 {{'la.sparsity' must be a #la.sparsity (or unit: no estimate), got 3 : i64}}
  %t = la.transpose %A {la.sparsity = 3} : tensor<100x100xf64>
  return %t : tensor<100x100xf64>
}
