// RUN: echo 'module {}' | not lauryn-opt --la-insert-reuse=gflops=0 2>&1 | FileCheck %s --check-prefix=RATE
// RUN: echo 'module {}' | not lauryn-opt --la-insert-reuse=margin=-1 2>&1 | FileCheck %s --check-prefix=MARGIN
// RUN: lauryn-opt %s -split-input-file -verify-diagnostics

// RATE: error: la-insert-reuse: bandwidth, gflops and hash-bandwidth must be positive
// MARGIN: error: la-insert-reuse: margin and max-mb must not be negative

func.func @wrong_yield(%k: i64, %A: tensor<2x2xf64>) -> tensor<2x3xf64> {
  // expected-error @+1 {{'la.cached' op body must yield exactly one value of the result type 'tensor<2x3xf64>'}}
  %0 = la.cached %k : tensor<2x3xf64> {
    la.yield %A : tensor<2x2xf64>
  }
  return %0 : tensor<2x3xf64>
}

// -----

func.func @bf16(%k: i64, %A: tensor<2x2xbf16>) -> tensor<2x2xbf16> {
  // expected-error @+1 {{'la.cached' op cannot cache 'tensor<2x2xbf16>' (dense, or CSR of a static shape, of f64, f32, i64 or i32)}}
  %0 = la.cached %k : tensor<2x2xbf16> {
    la.yield %A : tensor<2x2xbf16>
  }
  return %0 : tensor<2x2xbf16>
}

// -----

func.func @negative_height(%k: i64, %A: tensor<2x2xf64>) -> tensor<2x2xf64> {
  // expected-error @+1 {{'la.cached' op height must be non-negative, got -1}}
  %0 = la.cached %k {height = -1 : i64} : tensor<2x2xf64> {
    la.yield %A : tensor<2x2xf64>
  }
  return %0 : tensor<2x2xf64>
}

// -----

func.func @identity_i8(%A: tensor<2x2xi8>) -> i64 {
  // expected-error @+1 {{'la.identity' op has no run-time identity for 'tensor<2x2xi8>' (dense or CSR, of f64, f32, i64 or i32)}}
  %0 = la.identity %A : tensor<2x2xi8>
  return %0 : i64
}
