// The default pipeline: canonicalize, lineage CSE with hoisting, canonicalize,
// lineage annotation.
// RUN: lauryn-opt %s --la-optimize | FileCheck %s
// RUN: lauryn-opt %s --la-optimize="annotate-lineage=false" | FileCheck %s --check-prefix=NOLIN
// RUN: lauryn-opt %s --la-optimize | lauryn-opt --la-optimize | FileCheck %s

// One gradient-descent step of linear regression in a loop:
//   w <- w - step * (t(X) %*% (X %*% w) - t(X) %*% y)
// t(X) is loop invariant and t(X) %*% y is computed once; t(t(X)) folds away.
// CHECK-LABEL: func.func @lm_gd
// CHECK-SAME: (%[[X:[a-z0-9_]+]]: tensor<?x?xf64>, %[[Y:[a-z0-9_]+]]: tensor<?x1xf64>
// CHECK: %[[T:.*]] = la.transpose %[[X]] {la.lineage = #la.lineage<0x{{[0-9a-f]+}}>}
// CHECK-NEXT: %[[XY:.*]] = la.matmul %[[T]], %[[Y]] {la.lineage
// CHECK-NEXT: scf.for
// CHECK-NEXT: la.matmul %[[X]]
// CHECK-NEXT: la.matmul %[[T]]
// CHECK-NEXT: la.sub %{{.*}}, %[[XY]]
// CHECK-NEXT: la.mul
// CHECK-NEXT: la.sub
// CHECK-NEXT: scf.yield
// NOLIN-NOT: la.lineage
func.func @lm_gd(%X: tensor<?x?xf64>, %y: tensor<?x1xf64>, %w0: tensor<?x1xf64>, %iters: index)
    -> tensor<?x1xf64> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %step = arith.constant 0.001 : f64
  %one = arith.constant 1.0 : f64
  %w = scf.for %i = %c0 to %iters step %c1 iter_args(%wi = %w0) -> tensor<?x1xf64> {
    %xt = la.transpose %X : tensor<?x?xf64>
    %xtt = la.transpose %xt : tensor<?x?xf64>
    %xw = la.matmul %xtt, %wi : tensor<?x?xf64>, tensor<?x1xf64>
    %g1 = la.matmul %xt, %xw : tensor<?x?xf64>, tensor<?x1xf64>
    %xt2 = la.transpose %X : tensor<?x?xf64>
    %g2 = la.matmul %xt2, %y : tensor<?x?xf64>, tensor<?x1xf64>
    %g = la.sub %g1, %g2 : tensor<?x1xf64>, tensor<?x1xf64>
    %sg = la.mul %g, %step : tensor<?x1xf64>, f64
    %sg1 = la.mul %sg, %one : tensor<?x1xf64>, f64
    %wn = la.sub %wi, %sg1 : tensor<?x1xf64>, tensor<?x1xf64>
    scf.yield %wn : tensor<?x1xf64>
  }
  return %w : tensor<?x1xf64>
}
