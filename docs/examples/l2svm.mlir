// L2-regularized linear SVM (SystemDS scripts/builtin/l2svm.dml), written in la:
// nonlinear conjugate gradient on the primal with a Newton line search.
//   X: n x m features, Y: n x 1 labels in {-1, +1}, lambda: regularization.
//   maxIter: number of outer (conjugate gradient) iterations,
//   lineSearchIter: number of Newton steps of each line search (from step 0).
// Returns the weights w (m x 1). Unlike SystemDS' l2svm there is no intercept
// and no convergence test: both loops run their fixed number of iterations.
//
// Written the way a DML user writes it: t(X) appears inside the loops, and the
// line search recomputes 1 - Y * Xw. `lauryn-opt --la-optimize` hoists t(X) out
// of both loops and merges the repeated expressions.
func.func @l2svm(%X: tensor<?x?xf64>, %Y: tensor<?x1xf64>, %lambda: f64,
                 %maxIter: index, %lineSearchIter: index) -> tensor<?x1xf64> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0.0 : f64
  %one = arith.constant 1.0 : f64
  %m = tensor.dim %X, %c1 : tensor<?x?xf64>
  %n = tensor.dim %X, %c0 : tensor<?x?xf64>

  %w0 = la.fill %zero, %m : f64, index -> tensor<?x1xf64>
  %Xw0 = la.fill %zero, %n : f64, index -> tensor<?x1xf64>
  %Xt0 = la.transpose %X : tensor<?x?xf64>
  %g0 = la.matmul %Xt0, %Y : tensor<?x?xf64>, tensor<?x1xf64>

  %w, %Xw, %s, %gold = scf.for %it = %c0 to %maxIter step %c1
      iter_args(%wi = %w0, %Xwi = %Xw0, %si = %g0, %goldi = %g0)
      -> (tensor<?x1xf64>, tensor<?x1xf64>, tensor<?x1xf64>, tensor<?x1xf64>) {
    // Line search along s: minimize over the step size with Newton steps.
    %Xd = la.matmul %X, %si : tensor<?x?xf64>, tensor<?x1xf64>
    %ws = la.mul %wi, %si : tensor<?x1xf64>, tensor<?x1xf64>
    %sws = la.sum %ws : tensor<?x1xf64>
    %wd = la.mul %lambda, %sws : f64, f64
    %ss = la.mul %si, %si : tensor<?x1xf64>, tensor<?x1xf64>
    %sss = la.sum %ss : tensor<?x1xf64>
    %dd = la.mul %lambda, %sss : f64, f64
    %step = scf.for %ls = %c0 to %lineSearchIter step %c1 iter_args(%stepi = %zero) -> f64 {
      %sXd = la.mul %stepi, %Xd : f64, tensor<?x1xf64>
      %tXw = la.add %Xwi, %sXd : tensor<?x1xf64>, tensor<?x1xf64>
      %YtXw = la.mul %Y, %tXw : tensor<?x1xf64>, tensor<?x1xf64>
      %out0 = la.sub %one, %YtXw : f64, tensor<?x1xf64>
      %sv = la.gt %out0, %zero : tensor<?x1xf64>, f64
      %out = la.mul %out0, %sv : tensor<?x1xf64>, tensor<?x1xf64>
      %oY = la.mul %out, %Y : tensor<?x1xf64>, tensor<?x1xf64>
      %oYXd = la.mul %oY, %Xd : tensor<?x1xf64>, tensor<?x1xf64>
      %gsum = la.sum %oYXd : tensor<?x1xf64>
      %sdd = la.mul %stepi, %dd : f64, f64
      %gl = la.add %wd, %sdd : f64, f64
      %g = la.sub %gl, %gsum : f64, f64
      %Xdsv = la.mul %Xd, %sv : tensor<?x1xf64>, tensor<?x1xf64>
      %XdsvXd = la.mul %Xdsv, %Xd : tensor<?x1xf64>, tensor<?x1xf64>
      %hsum = la.sum %XdsvXd : tensor<?x1xf64>
      %h = la.add %dd, %hsum : f64, f64
      %gh = la.div %g, %h : f64, f64
      %next = la.sub %stepi, %gh : f64, f64
      scf.yield %next : f64
    }
    %stepS = la.mul %step, %si : f64, tensor<?x1xf64>
    %wn = la.add %wi, %stepS : tensor<?x1xf64>, tensor<?x1xf64>
    %stepXd = la.mul %step, %Xd : f64, tensor<?x1xf64>
    %Xwn = la.add %Xwi, %stepXd : tensor<?x1xf64>, tensor<?x1xf64>
    %YXw = la.mul %Y, %Xwn : tensor<?x1xf64>, tensor<?x1xf64>
    %out0 = la.sub %one, %YXw : f64, tensor<?x1xf64>
    %sv = la.gt %out0, %zero : tensor<?x1xf64>, f64
    %out = la.mul %sv, %out0 : tensor<?x1xf64>, tensor<?x1xf64>
    %oY = la.mul %out, %Y : tensor<?x1xf64>, tensor<?x1xf64>
    // t(X) written inside the loop, as in the DML script.
    %Xt = la.transpose %X : tensor<?x?xf64>
    %XtoY = la.matmul %Xt, %oY : tensor<?x?xf64>, tensor<?x1xf64>
    %lw = la.mul %lambda, %wn : f64, tensor<?x1xf64>
    %gnew = la.sub %XtoY, %lw : tensor<?x1xf64>, tensor<?x1xf64>
    %gg = la.mul %gnew, %gnew : tensor<?x1xf64>, tensor<?x1xf64>
    %ggs = la.sum %gg : tensor<?x1xf64>
    %go = la.mul %goldi, %goldi : tensor<?x1xf64>, tensor<?x1xf64>
    %gos = la.sum %go : tensor<?x1xf64>
    %be = la.div %ggs, %gos : f64, f64
    %bes = la.mul %be, %si : f64, tensor<?x1xf64>
    %sn = la.add %bes, %gnew : tensor<?x1xf64>, tensor<?x1xf64>
    scf.yield %wn, %Xwn, %sn, %gnew : tensor<?x1xf64>, tensor<?x1xf64>, tensor<?x1xf64>, tensor<?x1xf64>
  }
  return %w : tensor<?x1xf64>
}

// Entry point for lauryn-run:
//   lauryn-run l2svm.mlir --arg X=X.npy --arg Y=Y.npy --arg lambda=1 \
//       --arg maxIter=20 --arg lineSearchIter=5 -o w.npy
func.func @main(%X: tensor<?x?xf64>, %Y: tensor<?x1xf64>, %lambda: f64,
                %maxIter: index, %lineSearchIter: index) -> tensor<?x1xf64> {
  %w = func.call @l2svm(%X, %Y, %lambda, %maxIter, %lineSearchIter)
      : (tensor<?x?xf64>, tensor<?x1xf64>, f64, index, index) -> tensor<?x1xf64>
  return %w : tensor<?x1xf64>
}
