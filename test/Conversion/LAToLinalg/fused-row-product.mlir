// RUN: lauryn-opt %s --convert-la-to-linalg | FileCheck %s
//
// A row operator with a row product and a t(P) %*% X accumulation (the core
// of a Lloyd step): sizes checked at run time, one row buffer per chunk for
// X %*% Ct (cleared, then one axpy per column of X), the chunk's 1 x k row of
// colSums(P) and its k x d matrix of t(P) %*% X (a rank-reduced slice of
// chunks x k x d partials, summed over the chunks at the end).
// CHECK-LABEL: func.func @lloyd
// CHECK: cf.assert %{{.*}}, "{{.*}}different row counts"
// CHECK: cf.assert %{{.*}}, "{{.*}}a row product's operands have mismatched inner sizes"
// CHECK: %[[S0:.*]] = tensor.empty(%[[CHUNKS:.*]], %[[K:.*]], %[[D:.*]]) : tensor<?x?x?xf64>
// CHECK: scf.forall (%[[C:.*]]) in (%[[CHUNKS]])
// CHECK: tensor.extract_slice %{{.*}}[%[[C]], 0] [1, %[[K]]] [1, 1] : tensor<?x?xf64> to tensor<1x?xf64>
// CHECK: tensor.extract_slice %{{.*}}[%[[C]], 0, 0] [1, %[[K]], %[[D]]] [1, 1, 1] : tensor<?x?x?xf64> to tensor<?x?xf64>
// CHECK: %[[BUF:.*]] = tensor.empty(%[[K]]) : tensor<?xf64>
// CHECK: scf.for {{.*}} iter_args({{.*}}, {{.*}}, %{{.*}} = %[[BUF]])
// CHECK: tensor.parallel_insert_slice
// CHECK: tensor.parallel_insert_slice
// CHECK: linalg.reduce ins(%{{.*}} : tensor<?x?x?xf64>) outs(%{{.*}} : tensor<?x?xf64>) dimensions = [0]
func.func @lloyd(%X: tensor<?x?xf64>, %Ct: tensor<?x?xf64>) -> (tensor<1x?xf64>, tensor<?x?xf64>) {
  %r:2 = la.fused (%X, %Ct) {kind = #la.template<row>} : (tensor<?x?xf64>, tensor<?x?xf64>) -> (tensor<1x?xf64>, tensor<?x?xf64>) {
  ^bb0(%x: tensor<?x?xf64>, %ct: tensor<?x?xf64>):
    %D = la.matmul %x, %ct : tensor<?x?xf64>, tensor<?x?xf64>
    %m = la.min row %D : tensor<?x?xf64>
    %P = la.eq %D, %m : tensor<?x?xf64>, tensor<?x1xf64>
    %Pden = la.sum col %P : tensor<?x?xf64>
    %Pt = la.transpose %P : tensor<?x?xf64>
    %S = la.matmul %Pt, %x : tensor<?x?xf64>, tensor<?x?xf64>
    la.yield %Pden, %S : tensor<1x?xf64>, tensor<?x?xf64>
  }
  return %r#0, %r#1 : tensor<1x?xf64>, tensor<?x?xf64>
}
