// Ridge regression (linear regression with an L2 penalty), solved directly:
//
//   beta = solve(t(X) %*% X + lambda * I, t(X) %*% y)
//
// Called for a grid of lambdas in one process (lauryn-run --sweep, or an AOT
// library called repeatedly), t(X) %*% X and t(X) %*% y are computed by the
// first call and served from the lineage cache by the others
// (la-insert-reuse, docs/reuse.md): each later call costs a solve.
//
// Parameters:  X  n x m data,  y  n x 1 targets,  lambda  the penalty.
// Result:      beta (m x 1).
//
//   lauryn-run ridge.mlir --arg X=X.npy --arg y=y.npy --sweep lambda=0.01,0.1,1,10 \
//       -o beta.npy            # beta-0.npy ... beta-3.npy
func.func @main(%X: tensor<?x?xf64>, %y: tensor<?x1xf64>, %lambda: f64) -> tensor<?x1xf64> {
  %c1 = arith.constant 1 : index
  %m = tensor.dim %X, %c1 : tensor<?x?xf64>
  %Xt = la.transpose %X : tensor<?x?xf64>
  %G = la.matmul %Xt, %X : tensor<?x?xf64>, tensor<?x?xf64>
  %b = la.matmul %Xt, %y : tensor<?x?xf64>, tensor<?x1xf64>
  %l = la.fill %lambda, %m : f64, index -> tensor<?x1xf64>
  %L = la.diag %l : tensor<?x1xf64>
  %A = la.add %G, %L : tensor<?x?xf64>, tensor<?x?xf64>
  %beta = la.solve %A, %b : tensor<?x?xf64>, tensor<?x1xf64> -> tensor<?x1xf64>
  return %beta : tensor<?x1xf64>
}
