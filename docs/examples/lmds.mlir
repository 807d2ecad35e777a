// Linear regression by the normal equations (SystemDS scripts/builtin/lmDS.dml,
// without intercept), written in la:
//
//   A    = t(X) %*% X + diag(matrix(lambda, m, 1))     # regularized Gram matrix
//   b    = t(X) %*% y
//   beta = solve(A, b)
//   rss  = sum((y - X %*% beta)^2)                     # residual sum of squares
//
// Parameters:
//   X      n x m  feature matrix (dense)
//   y      n x 1  response
//   lambda        L2 regularization (ridge) constant added to the diagonal
// Results: beta (m x 1) and the residual sum of squares rss (scalar).
//
//   lauryn-run lmds.mlir --arg X=X.npy --arg y=y.npy --arg lambda=0.1 -o beta.npy

// lambda * I (m x m) as DML's diag(matrix(lambda, m, 1)).
func.func private @scaledIdentity(%lambda: f64, %m: index) -> tensor<?x?xf64> {
  %l = la.fill %lambda, %m : f64, index -> tensor<?x1xf64>
  %I = la.diag %l : tensor<?x1xf64>
  return %I : tensor<?x?xf64>
}

func.func @main(%X: tensor<?x?xf64>, %y: tensor<?x1xf64>, %lambda: f64)
    -> (tensor<?x1xf64>, f64) {
  %c1 = arith.constant 1 : index
  %m = tensor.dim %X, %c1 : tensor<?x?xf64>

  %Xt = la.transpose %X : tensor<?x?xf64>
  %XtX = la.matmul %Xt, %X : tensor<?x?xf64>, tensor<?x?xf64>
  %I = func.call @scaledIdentity(%lambda, %m) : (f64, index) -> tensor<?x?xf64>
  %A = la.add %XtX, %I : tensor<?x?xf64>, tensor<?x?xf64>
  %b = la.matmul %Xt, %y : tensor<?x?xf64>, tensor<?x1xf64>
  %beta = la.solve %A, %b : tensor<?x?xf64>, tensor<?x1xf64>

  %yhat = la.matmul %X, %beta : tensor<?x?xf64>, tensor<?x1xf64>
  %res = la.sub %y, %yhat : tensor<?x1xf64>, tensor<?x1xf64>
  %rss = la.sumsq %res : tensor<?x1xf64>
  return %beta, %rss : tensor<?x1xf64>, f64
}
