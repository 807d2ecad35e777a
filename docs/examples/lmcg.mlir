// Linear regression by conjugate gradient (SystemDS scripts/builtin/lmCG.dml,
// without intercept), written in la. CG solves the normal equations
// (t(X) %*% X + lambda * I) beta = t(X) %*% y without forming t(X) %*% X:
//
//   beta = matrix(0, m, 1)
//   r = -(t(X) %*% y);  p = -r;  norm_r2 = sum(r^2)
//   norm_r2_target = norm_r2 * tol^2
//   for (i in 1:maxIter)
//     if (norm_r2 > norm_r2_target) {          # lmCG's while condition
//       q = t(X) %*% (X %*% p) + lambda * p
//       alpha = norm_r2 / sum(p * q)
//       beta = beta + alpha * p
//       r = r + alpha * q
//       old_norm_r2 = norm_r2;  norm_r2 = sum(r^2)
//       p = -r + (norm_r2 / old_norm_r2) * p
//       iters = iters + 1
//     }
//
// Parameters:
//   X        n x m  features: dense in @main, CSR in @main_csr (same algorithm)
//   y        n x 1  response
//   lambda          L2 regularization
//   tol             relative tolerance on the residual norm (stop when
//                   ||r|| <= tol * ||r0||; 0 runs all maxIter iterations)
//   maxIter         maximum number of CG iterations
// Results: beta (m x 1), the final squared residual norm sum(r^2), and the number
// of iterations performed (scalars).
//
//   lauryn-run lmcg.mlir --arg X=X.npy --arg y=y.npy --arg lambda=0.1 \
//       --arg tol=1e-9 --arg maxIter=50 -o beta.npy
//   lauryn-run lmcg.mlir --entry main_csr --arg X=X.mtx ...   (sparse X)

#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>

// One CG update, given q = A %*% p (A = t(X) %*% X + lambda * I).
func.func private @cgStep(%beta: tensor<?x1xf64>, %r: tensor<?x1xf64>, %p: tensor<?x1xf64>,
                          %q: tensor<?x1xf64>, %nr2: f64)
    -> (tensor<?x1xf64>, tensor<?x1xf64>, tensor<?x1xf64>, f64) {
  %pq = la.mul %p, %q : tensor<?x1xf64>, tensor<?x1xf64>
  %spq = la.sum %pq : tensor<?x1xf64>
  %alpha = la.div %nr2, %spq : f64, f64
  %ap = la.mul %alpha, %p : f64, tensor<?x1xf64>
  %betaN = la.add %beta, %ap : tensor<?x1xf64>, tensor<?x1xf64>
  %aq = la.mul %alpha, %q : f64, tensor<?x1xf64>
  %rN = la.add %r, %aq : tensor<?x1xf64>, tensor<?x1xf64>
  %nr2N = la.sumsq %rN : tensor<?x1xf64>
  %ratio = la.div %nr2N, %nr2 : f64, f64
  %rp = la.mul %ratio, %p : f64, tensor<?x1xf64>
  %pN = la.sub %rp, %rN : tensor<?x1xf64>, tensor<?x1xf64>
  return %betaN, %rN, %pN, %nr2N : tensor<?x1xf64>, tensor<?x1xf64>, tensor<?x1xf64>, f64
}

// Start values: beta = 0, r = -(t(X) %*% y), p = -r, norm_r2 = sum(r^2) and the
// target norm_r2 * tol^2.
func.func private @cgInit(%Xty: tensor<?x1xf64>, %tol: f64)
    -> (tensor<?x1xf64>, tensor<?x1xf64>, tensor<?x1xf64>, f64, f64) {
  %c0 = arith.constant 0 : index
  %zero = arith.constant 0.0 : f64
  %m = tensor.dim %Xty, %c0 : tensor<?x1xf64>
  %beta = la.fill %zero, %m : f64, index -> tensor<?x1xf64>
  %r = la.neg %Xty : tensor<?x1xf64>
  %p = la.neg %r : tensor<?x1xf64>
  %nr2 = la.sumsq %r : tensor<?x1xf64>
  %tol2 = la.mul %tol, %tol : f64, f64
  %target = la.mul %nr2, %tol2 : f64, f64
  return %beta, %r, %p, %nr2, %target : tensor<?x1xf64>, tensor<?x1xf64>, tensor<?x1xf64>, f64, f64
}

func.func @main(%X: tensor<?x?xf64>, %y: tensor<?x1xf64>, %lambda: f64, %tol: f64,
                %maxIter: index) -> (tensor<?x1xf64>, f64, f64) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0.0 : f64
  %one = arith.constant 1.0 : f64
  %Xt = la.transpose %X : tensor<?x?xf64>
  %Xty = la.matmul %Xt, %y : tensor<?x?xf64>, tensor<?x1xf64>
  %beta0, %r0, %p0, %nr20, %target = func.call @cgInit(%Xty, %tol)
      : (tensor<?x1xf64>, f64) -> (tensor<?x1xf64>, tensor<?x1xf64>, tensor<?x1xf64>, f64, f64)

  %beta, %r, %p, %nr2, %iters = scf.for %i = %c0 to %maxIter step %c1
      iter_args(%bi = %beta0, %ri = %r0, %pi = %p0, %nr2i = %nr20, %it = %zero)
      -> (tensor<?x1xf64>, tensor<?x1xf64>, tensor<?x1xf64>, f64, f64) {
    %go = arith.cmpf ogt, %nr2i, %target : f64
    %res:5 = scf.if %go -> (tensor<?x1xf64>, tensor<?x1xf64>, tensor<?x1xf64>, f64, f64) {
      // q = t(X) %*% (X %*% p) + lambda * p
      %Xp = la.matmul %X, %pi : tensor<?x?xf64>, tensor<?x1xf64>
      %XtXp = la.matmul %Xt, %Xp : tensor<?x?xf64>, tensor<?x1xf64>
      %lp = la.mul %lambda, %pi : f64, tensor<?x1xf64>
      %q = la.add %XtXp, %lp : tensor<?x1xf64>, tensor<?x1xf64>
      %b, %rr, %pp, %nn = func.call @cgStep(%bi, %ri, %pi, %q, %nr2i)
          : (tensor<?x1xf64>, tensor<?x1xf64>, tensor<?x1xf64>, tensor<?x1xf64>, f64)
          -> (tensor<?x1xf64>, tensor<?x1xf64>, tensor<?x1xf64>, f64)
      %itN = la.add %it, %one : f64, f64
      scf.yield %b, %rr, %pp, %nn, %itN : tensor<?x1xf64>, tensor<?x1xf64>, tensor<?x1xf64>, f64, f64
    } else {
      scf.yield %bi, %ri, %pi, %nr2i, %it : tensor<?x1xf64>, tensor<?x1xf64>, tensor<?x1xf64>, f64, f64
    }
    scf.yield %res#0, %res#1, %res#2, %res#3, %res#4
        : tensor<?x1xf64>, tensor<?x1xf64>, tensor<?x1xf64>, f64, f64
  }
  return %beta, %nr2, %iters : tensor<?x1xf64>, f64, f64
}

// The same algorithm on a sparse (CSR) X: only the products with X change.
func.func @main_csr(%X: tensor<?x?xf64, #CSR>, %y: tensor<?x1xf64>, %lambda: f64, %tol: f64,
                    %maxIter: index) -> (tensor<?x1xf64>, f64, f64) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0.0 : f64
  %one = arith.constant 1.0 : f64
  %Xt = la.transpose %X : tensor<?x?xf64, #CSR>
  %Xty = la.matmul %Xt, %y : tensor<?x?xf64, #CSR>, tensor<?x1xf64>
  %beta0, %r0, %p0, %nr20, %target = func.call @cgInit(%Xty, %tol)
      : (tensor<?x1xf64>, f64) -> (tensor<?x1xf64>, tensor<?x1xf64>, tensor<?x1xf64>, f64, f64)

  %beta, %r, %p, %nr2, %iters = scf.for %i = %c0 to %maxIter step %c1
      iter_args(%bi = %beta0, %ri = %r0, %pi = %p0, %nr2i = %nr20, %it = %zero)
      -> (tensor<?x1xf64>, tensor<?x1xf64>, tensor<?x1xf64>, f64, f64) {
    %go = arith.cmpf ogt, %nr2i, %target : f64
    %res:5 = scf.if %go -> (tensor<?x1xf64>, tensor<?x1xf64>, tensor<?x1xf64>, f64, f64) {
      %Xp = la.matmul %X, %pi : tensor<?x?xf64, #CSR>, tensor<?x1xf64>
      %XtXp = la.matmul %Xt, %Xp : tensor<?x?xf64, #CSR>, tensor<?x1xf64>
      %lp = la.mul %lambda, %pi : f64, tensor<?x1xf64>
      %q = la.add %XtXp, %lp : tensor<?x1xf64>, tensor<?x1xf64>
      %b, %rr, %pp, %nn = func.call @cgStep(%bi, %ri, %pi, %q, %nr2i)
          : (tensor<?x1xf64>, tensor<?x1xf64>, tensor<?x1xf64>, tensor<?x1xf64>, f64)
          -> (tensor<?x1xf64>, tensor<?x1xf64>, tensor<?x1xf64>, f64)
      %itN = la.add %it, %one : f64, f64
      scf.yield %b, %rr, %pp, %nn, %itN : tensor<?x1xf64>, tensor<?x1xf64>, tensor<?x1xf64>, f64, f64
    } else {
      scf.yield %bi, %ri, %pi, %nr2i, %it : tensor<?x1xf64>, tensor<?x1xf64>, tensor<?x1xf64>, f64, f64
    }
    scf.yield %res#0, %res#1, %res#2, %res#3, %res#4
        : tensor<?x1xf64>, tensor<?x1xf64>, tensor<?x1xf64>, f64, f64
  }
  return %beta, %nr2, %iters : tensor<?x1xf64>, f64, f64
}
