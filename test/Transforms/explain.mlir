// RUN: lauryn-opt %s --la-estimate-sparsity=estimator=avg --la-explain -o /dev/null 2>&1 | FileCheck %s
// RUN: lauryn-opt %s --la-explain -o /dev/null 2>&1 | FileCheck %s --check-prefix=NONE

#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>

// Dense memory is rows x cols x 8 bytes; CSR memory at the estimated nnz is
// 5000 x 16 + 1001 x 8 = 88008 bytes = 85.9 KiB.
// CHECK-LABEL: la-explain: @f
// CHECK-NEXT: op location shape format estimate density estimator memory
// CHECK-NEXT: argument #0 {{.*}}explain.mlir:15 1000x500 dense nnz 5000 0.0100 - 3.8 MiB
// CHECK-NEXT: la.transpose {{.*}}explain.mlir:16 500x1000 dense nnz 5000 0.0100 avg 3.8 MiB
// CHECK-NEXT: la.convert {{.*}}explain.mlir:17 1000x500 CSR nnz 5000 0.0100 avg 85.9 KiB
// CHECK-NEXT: la.matmul {{.*}}explain.mlir:18 500x500 dense nnz 23792
// NONE: la.convert {{.*}}1000x500 CSR nnz ? ? - ?
func.func @f(%X: tensor<1000x500xf64> {la.sparsity = #la.sparsity<nnz = 5000>}) -> tensor<500x500xf64> {
  %t = la.transpose %X : tensor<1000x500xf64>
  %s = la.convert %X : tensor<1000x500xf64> -> tensor<1000x500xf64, #CSR>
  %g = la.matmul %t, %s : tensor<500x1000xf64>, tensor<1000x500xf64, #CSR>
  return %g : tensor<500x500xf64>
}
