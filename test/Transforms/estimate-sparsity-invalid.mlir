// RUN: lauryn-opt %s --la-estimate-sparsity -split-input-file -verify-diagnostics
// RUN: not lauryn-opt %s --la-estimate-sparsity=estimator=magic 2>&1 | FileCheck %s --check-prefix=NAME

// NAME: error: la-estimate-sparsity: unknown estimator 'magic' (one of avg worst bitset density-map sample layered-graph mnc mnc-basic)

// expected-error @+1 {{argument #0: la.sketch needs rows = array<i64: 3 counts> and cols = array<i64: 2 counts>}}
func.func @short(%X: tensor<3x2xf64> {la.sketch = {rows = array<i64: 1, 1>, cols = array<i64: 1, 1>}}) {
  return
}

// -----

// expected-error @+1 {{argument #0: la.sketch counts must lie in [0, 2] and [0, 3] and have equal sums (3 vs 2)}}
func.func @sums(%X: tensor<3x2xf64> {la.sketch = {rows = array<i64: 1, 1, 1>, cols = array<i64: 1, 1>}}) {
  return
}

// -----

// expected-error @+1 {{argument #1: a sparsity estimate needs a matrix of static shape, not 'tensor<?x?xf64>'}}
func.func @dynamic(%n: index, %X: tensor<?x?xf64> {la.sparsity = #la.sparsity<nnz = 3>}) {
  return
}
