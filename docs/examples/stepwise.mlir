// Forward stepwise ridge regression by AIC. Starting from the intercept, each
// step tries every unused column x_j of X, fits
//
//   beta = solve(t(Xj) %*% Xj + lambda * I, t(Xj) %*% y),   Xj = cbind(Xs, x_j)
//
// and scores it by AIC = n log(RSS / n) + 2 k (k: columns of Xj); the best
// column joins Xs if it lowers the AIC of the current model.
//
// Partial reuse (la-partial-reuse, docs/reuse.md) computes t(Xj) %*% Xj from
// its blocks: t(Xs) %*% Xs, the same for every candidate of a step, is then
// hoisted out of the loop over j by la-lineage-cse; per candidate only
// t(Xs) %*% x_j and t(x_j) %*% x_j remain.
//
// Parameters:  X  n x m,  y  n x 1,  steps (index): at most this many columns
//              join,  lambda: the ridge penalty (e.g. 1e-6).
// Results:     the selection order (1 x m: 0 for unused columns, else the
//              step at which the column joined, from 1), the final AIC.
func.func @main(%X: tensor<?x?xf64>, %y: tensor<?x1xf64>, %steps: index, %lambda: f64)
    -> (tensor<1x?xf64>, f64) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0.0 : f64
  %one = arith.constant 1.0 : f64
  %two = arith.constant 2.0 : f64
  %half = arith.constant 0.5 : f64
  %n = tensor.dim %X, %c0 : tensor<?x?xf64>
  %m = tensor.dim %X, %c1 : tensor<?x?xf64>
  %ni = arith.index_cast %n : index to i64
  %nf = arith.sitofp %ni : i64 to f64
  // The intercept model: Xs = a column of ones, RSS = sum((y - mean(y))^2).
  %Xs0 = la.fill %one, %n, %c1 : f64, index, index -> tensor<?x?xf64>
  %ym = la.mean %y : tensor<?x1xf64>
  %r0 = la.sub %y, %ym : tensor<?x1xf64>, f64
  %rss0 = la.sumsq %r0 : tensor<?x1xf64>
  %q0 = arith.divf %rss0, %nf : f64
  %l0 = la.log %q0 : f64
  %t0 = arith.mulf %nf, %l0 : f64
  %aic0 = arith.addf %t0, %two : f64
  %order0 = la.fill %zero, %m : f64, index -> tensor<1x?xf64>
  %res:3 = scf.for %s = %c0 to %steps step %c1
      iter_args(%Xs = %Xs0, %order = %order0, %aic = %aic0) -> (tensor<?x?xf64>, tensor<1x?xf64>, f64) {
    %k = tensor.dim %Xs, %c1 : tensor<?x?xf64>
    %k1 = arith.addi %k, %c1 : index
    %k1i = arith.index_cast %k1 : index to i64
    %k1f = arith.sitofp %k1i : i64 to f64
    %penalty = arith.mulf %two, %k1f : f64
    %ridge = la.fill %lambda, %k1 : f64, index -> tensor<?x1xf64>
    %L = la.diag %ridge : tensor<?x1xf64>
    %best:2 = scf.for %j = %c0 to %m step %c1
        iter_args(%bestAic = %aic, %bestJ = %m) -> (f64, index) {
      %j1 = arith.addi %j, %c1 : index
      %xj = la.slice %X, %c0, %n, %j, %j1 : tensor<?x?xf64>, index, index, index, index
          -> tensor<?x1xf64>
      %Xj = la.cbind %Xs, %xj : tensor<?x?xf64>, tensor<?x1xf64> -> tensor<?x?xf64>
      %Xjt = la.transpose %Xj : tensor<?x?xf64>
      %G = la.matmul %Xjt, %Xj : tensor<?x?xf64>, tensor<?x?xf64>
      %A = la.add %G, %L : tensor<?x?xf64>, tensor<?x?xf64>
      %b = la.matmul %Xjt, %y : tensor<?x?xf64>, tensor<?x1xf64>
      %beta = la.solve %A, %b : tensor<?x?xf64>, tensor<?x1xf64> -> tensor<?x1xf64>
      %p = la.matmul %Xj, %beta : tensor<?x?xf64>, tensor<?x1xf64>
      %r = la.sub %y, %p : tensor<?x1xf64>, tensor<?x1xf64>
      %rss = la.sumsq %r : tensor<?x1xf64>
      %q = arith.divf %rss, %nf : f64
      %lq = la.log %q : f64
      %t = arith.mulf %nf, %lq : f64
      %aicj = arith.addf %t, %penalty : f64
      // A column already in the model is not a candidate.
      %oj = la.slice %order, %c0, %c1, %j, %j1 : tensor<1x?xf64>, index, index, index, index
          -> tensor<1x1xf64>
      %used = la.sum %oj : tensor<1x1xf64>
      %free = arith.cmpf olt, %used, %half : f64
      %lower = arith.cmpf olt, %aicj, %bestAic : f64
      %better = arith.andi %free, %lower : i1
      %nextAic = arith.select %better, %aicj, %bestAic : f64
      %nextJ = arith.select %better, %j, %bestJ : index
      scf.yield %nextAic, %nextJ : f64, index
    }
    %improved = arith.cmpi ult, %best#1, %m : index
    %next:3 = scf.if %improved -> (tensor<?x?xf64>, tensor<1x?xf64>, f64) {
      %bj1 = arith.addi %best#1, %c1 : index
      %xb = la.slice %X, %c0, %n, %best#1, %bj1 : tensor<?x?xf64>, index, index, index, index
          -> tensor<?x1xf64>
      %Xn = la.cbind %Xs, %xb : tensor<?x?xf64>, tensor<?x1xf64> -> tensor<?x?xf64>
      %s1 = arith.addi %s, %c1 : index
      %s1i = arith.index_cast %s1 : index to i64
      %s1f = arith.sitofp %s1i : i64 to f64
      %mark = la.fill %s1f : f64 -> tensor<1x1xf64>
      %on = la.insert %mark, %order, %c0, %best#1 : tensor<1x1xf64>, tensor<1x?xf64>, index, index
      scf.yield %Xn, %on, %best#0 : tensor<?x?xf64>, tensor<1x?xf64>, f64
    } else {
      scf.yield %Xs, %order, %aic : tensor<?x?xf64>, tensor<1x?xf64>, f64
    }
    scf.yield %next#0, %next#1, %next#2 : tensor<?x?xf64>, tensor<1x?xf64>, f64
  }
  return %res#1, %res#2 : tensor<1x?xf64>, f64
}
