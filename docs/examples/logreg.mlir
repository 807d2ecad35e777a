// Binary logistic regression by (full-batch) gradient descent, written in la.
// Minimizes the regularized mean log-loss
//   L(w) = -mean(y * log(sigmoid(X %*% w)) + (1 - y) * log(1 - sigmoid(X %*% w)))
//          + lambda / 2 * sum(w^2)
// with a fixed step size:
//
//   w = matrix(0, m, 1)
//   for (i in 1:maxIter) {
//     p = sigmoid(X %*% w)                        # n x 1 probabilities
//     g = t(X) %*% (p - y) / n + lambda * w       # gradient of L
//     w = w - eta * g
//   }
//
// Parameters:
//   X        n x m  features: dense in @main, CSR in @main_csr (same algorithm)
//   y        n x 1  labels in {0, 1}
//   lambda          L2 regularization
//   eta             step size (learning rate)
//   maxIter         number of gradient steps
// Results: the weights w (m x 1) and the loss L(w) of the final weights (scalar).
//
//   lauryn-run logreg.mlir --arg X=X.npy --arg y=y.npy --arg lambda=0.01 \
//       --arg eta=0.5 --arg maxIter=100 -o w.npy
//   lauryn-run logreg.mlir --entry main_csr --arg X=X.mtx ...   (sparse X)

#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>

// n as an f64 (DML nrow(X)).
func.func private @rowsAsF64(%y: tensor<?x1xf64>) -> f64 {
  %c0 = arith.constant 0 : index
  %n = tensor.dim %y, %c0 : tensor<?x1xf64>
  %ni = arith.index_cast %n : index to i64
  %nf = la.cast %ni : i64 -> f64
  return %nf : f64
}

// w - eta * (Xtr / n + lambda * w), where Xtr = t(X) %*% (p - y).
func.func private @gradientStep(%w: tensor<?x1xf64>, %Xtr: tensor<?x1xf64>, %n: f64,
                                %lambda: f64, %eta: f64) -> tensor<?x1xf64> {
  %gl = la.div %Xtr, %n : tensor<?x1xf64>, f64
  %lw = la.mul %lambda, %w : f64, tensor<?x1xf64>
  %g = la.add %gl, %lw : tensor<?x1xf64>, tensor<?x1xf64>
  %eg = la.mul %eta, %g : f64, tensor<?x1xf64>
  %wn = la.sub %w, %eg : tensor<?x1xf64>, tensor<?x1xf64>
  return %wn : tensor<?x1xf64>
}

// L(w) from the linear predictor Xw = X %*% w.
func.func private @loss(%Xw: tensor<?x1xf64>, %y: tensor<?x1xf64>, %w: tensor<?x1xf64>,
                        %lambda: f64) -> f64 {
  %one = arith.constant 1.0 : f64
  %half = arith.constant 0.5 : f64
  %p = la.sigmoid %Xw : tensor<?x1xf64>
  %lp = la.log %p : tensor<?x1xf64>
  %q = la.sub %one, %p : f64, tensor<?x1xf64>
  %lq = la.log %q : tensor<?x1xf64>
  %ny = la.sub %one, %y : f64, tensor<?x1xf64>
  %a = la.mul %y, %lp : tensor<?x1xf64>, tensor<?x1xf64>
  %b = la.mul %ny, %lq : tensor<?x1xf64>, tensor<?x1xf64>
  %ab = la.add %a, %b : tensor<?x1xf64>, tensor<?x1xf64>
  %ll = la.mean %ab : tensor<?x1xf64>
  %ww = la.sumsq %w : tensor<?x1xf64>
  %lh = la.mul %lambda, %half : f64, f64
  %reg = la.mul %lh, %ww : f64, f64
  %L = la.sub %reg, %ll : f64, f64
  return %L : f64
}

func.func @main(%X: tensor<?x?xf64>, %y: tensor<?x1xf64>, %lambda: f64, %eta: f64,
                %maxIter: index) -> (tensor<?x1xf64>, f64) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0.0 : f64
  %m = tensor.dim %X, %c1 : tensor<?x?xf64>
  %n = func.call @rowsAsF64(%y) : (tensor<?x1xf64>) -> f64
  %w0 = la.fill %zero, %m : f64, index -> tensor<?x1xf64>
  %w = scf.for %i = %c0 to %maxIter step %c1 iter_args(%wi = %w0) -> (tensor<?x1xf64>) {
    %Xw = la.matmul %X, %wi : tensor<?x?xf64>, tensor<?x1xf64>
    %p = la.sigmoid %Xw : tensor<?x1xf64>
    %r = la.sub %p, %y : tensor<?x1xf64>, tensor<?x1xf64>
    %Xt = la.transpose %X : tensor<?x?xf64>
    %Xtr = la.matmul %Xt, %r : tensor<?x?xf64>, tensor<?x1xf64>
    %wn = func.call @gradientStep(%wi, %Xtr, %n, %lambda, %eta)
        : (tensor<?x1xf64>, tensor<?x1xf64>, f64, f64, f64) -> tensor<?x1xf64>
    scf.yield %wn : tensor<?x1xf64>
  }
  %Xw = la.matmul %X, %w : tensor<?x?xf64>, tensor<?x1xf64>
  %L = func.call @loss(%Xw, %y, %w, %lambda)
      : (tensor<?x1xf64>, tensor<?x1xf64>, tensor<?x1xf64>, f64) -> f64
  return %w, %L : tensor<?x1xf64>, f64
}

// The same algorithm on a sparse (CSR) X: only the products with X change.
func.func @main_csr(%X: tensor<?x?xf64, #CSR>, %y: tensor<?x1xf64>, %lambda: f64, %eta: f64,
                    %maxIter: index) -> (tensor<?x1xf64>, f64) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0.0 : f64
  %m = tensor.dim %X, %c1 : tensor<?x?xf64, #CSR>
  %n = func.call @rowsAsF64(%y) : (tensor<?x1xf64>) -> f64
  %w0 = la.fill %zero, %m : f64, index -> tensor<?x1xf64>
  %w = scf.for %i = %c0 to %maxIter step %c1 iter_args(%wi = %w0) -> (tensor<?x1xf64>) {
    %Xw = la.matmul %X, %wi : tensor<?x?xf64, #CSR>, tensor<?x1xf64>
    %p = la.sigmoid %Xw : tensor<?x1xf64>
    %r = la.sub %p, %y : tensor<?x1xf64>, tensor<?x1xf64>
    %Xt = la.transpose %X : tensor<?x?xf64, #CSR>
    %Xtr = la.matmul %Xt, %r : tensor<?x?xf64, #CSR>, tensor<?x1xf64>
    %wn = func.call @gradientStep(%wi, %Xtr, %n, %lambda, %eta)
        : (tensor<?x1xf64>, tensor<?x1xf64>, f64, f64, f64) -> tensor<?x1xf64>
    scf.yield %wn : tensor<?x1xf64>
  }
  %Xw = la.matmul %X, %w : tensor<?x?xf64, #CSR>, tensor<?x1xf64>
  %L = func.call @loss(%Xw, %y, %w, %lambda)
      : (tensor<?x1xf64>, tensor<?x1xf64>, tensor<?x1xf64>, f64) -> f64
  return %w, %L : tensor<?x1xf64>, f64
}
