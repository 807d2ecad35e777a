// k-fold cross-validated ridge regression for one lambda: the mean squared
// validation error over `folds` contiguous folds of the rows.
//
//   f = n / folds                                   # rows per fold (the last
//   for (k in 0:folds-1) {                          #  n mod folds rows always train)
//     val   = rows k*f .. (k+1)*f - 1
//     train = the other rows (rbind of the rows before and after)
//     beta  = solve(t(Xtr) %*% Xtr + lambda * I, t(Xtr) %*% ytr)
//     err  += sum((yval - Xval %*% beta)^2)
//   }
//   cv = err / (folds * f)
//
// Called for a grid of lambdas in one process (lauryn-run --sweep lambda=...),
// each fold's t(Xtr) %*% Xtr and t(Xtr) %*% ytr, whose lineage includes the
// fold index k, come from the lineage cache after the first lambda.
//
// Parameters:  X  n x m,  y  n x 1,  folds (index),  lambda.   Result: cv (f64).
func.func @main(%X: tensor<?x?xf64>, %y: tensor<?x1xf64>, %folds: index, %lambda: f64) -> f64 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0.0 : f64
  %n = tensor.dim %X, %c0 : tensor<?x?xf64>
  %m = tensor.dim %X, %c1 : tensor<?x?xf64>
  %f = arith.divui %n, %folds : index
  %err = scf.for %k = %c0 to %folds step %c1 iter_args(%acc = %zero) -> (f64) {
    %lo = arith.muli %k, %f : index
    %hi = arith.addi %lo, %f : index
    %Xa = la.slice %X, %c0, %lo, %c0, %m : tensor<?x?xf64>, index, index, index, index -> tensor<?x?xf64>
    %Xb = la.slice %X, %hi, %n, %c0, %m : tensor<?x?xf64>, index, index, index, index -> tensor<?x?xf64>
    %ya = la.slice %y, %c0, %lo, %c0, %c1 : tensor<?x1xf64>, index, index, index, index -> tensor<?x1xf64>
    %yb = la.slice %y, %hi, %n, %c0, %c1 : tensor<?x1xf64>, index, index, index, index -> tensor<?x1xf64>
    %Xtr = la.rbind %Xa, %Xb : tensor<?x?xf64>, tensor<?x?xf64>
    %ytr = la.rbind %ya, %yb : tensor<?x1xf64>, tensor<?x1xf64>
    %Xval = la.slice %X, %lo, %hi, %c0, %m : tensor<?x?xf64>, index, index, index, index -> tensor<?x?xf64>
    %yval = la.slice %y, %lo, %hi, %c0, %c1 : tensor<?x1xf64>, index, index, index, index -> tensor<?x1xf64>
    %Xt = la.transpose %Xtr : tensor<?x?xf64>
    %G = la.matmul %Xt, %Xtr : tensor<?x?xf64>, tensor<?x?xf64>
    %b = la.matmul %Xt, %ytr : tensor<?x?xf64>, tensor<?x1xf64>
    %l = la.fill %lambda, %m : f64, index -> tensor<?x1xf64>
    %L = la.diag %l : tensor<?x1xf64>
    %A = la.add %G, %L : tensor<?x?xf64>, tensor<?x?xf64>
    %beta = la.solve %A, %b : tensor<?x?xf64>, tensor<?x1xf64> -> tensor<?x1xf64>
    %p = la.matmul %Xval, %beta : tensor<?x?xf64>, tensor<?x1xf64>
    %r = la.sub %yval, %p : tensor<?x1xf64>, tensor<?x1xf64>
    %s = la.sumsq %r : tensor<?x1xf64>
    %next = arith.addf %acc, %s : f64
    scf.yield %next : f64
  }
  %nval = arith.muli %folds, %f : index
  %nvali = arith.index_cast %nval : index to i64
  %nvalf = arith.sitofp %nvali : i64 to f64
  %cv = arith.divf %err, %nvalf : f64
  return %cv : f64
}
