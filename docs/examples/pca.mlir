// Principal component analysis by orthogonal (block power) iteration on the
// covariance matrix, written in la:
//
//   Xc = X - colMeans(X)                           # center the columns
//   C  = t(Xc) %*% Xc / (n - 1)                    # m x m covariance matrix
//   Q  = orth(Q0)
//   for (i in 1:maxIter)
//     Q = orth(C %*% Q)                            # block power step
//   evals = t(colSums(Q * (C %*% Q)))              # Rayleigh quotients (k x 1)
//   Y  = Xc %*% Q                                  # projected data (n x k)
//
// orth(Z) orthonormalizes the columns of Z from left to right by Gram-Schmidt,
// each projection applied twice ("twice is enough") for numerical orthogonality:
//
//   Q = matrix(0, m, k)
//   for (j in 1:k) {
//     v = Z[, j]
//     v = v - Q %*% (t(Q) %*% v)                   # columns >= j of Q are 0
//     v = v - Q %*% (t(Q) %*% v)
//     Q[, j] = v / sqrt(sum(v^2))
//   }
//
// With distinct leading eigenvalues, the columns of Q converge to the top-k
// eigenvectors of C (up to sign) and evals to the top-k eigenvalues, in
// decreasing order.
//
// Parameters:
//   X        n x m  data (rows are observations)
//   Q0       m x k  start basis (e.g. random; k = number of components)
//   maxIter         number of block power iterations
// Results: evals (k x 1), the components Q (m x k) and the projection Y (n x k).
//
//   lauryn-run pca.mlir --arg X=X.npy --arg Q0=Q0.npy --arg maxIter=100 \
//       -o evals.npy,Q.npy,Y.npy

// Gram-Schmidt orthonormalization of the columns of Z.
func.func private @orth(%Z: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0.0 : f64
  %m = tensor.dim %Z, %c0 : tensor<?x?xf64>
  %k = tensor.dim %Z, %c1 : tensor<?x?xf64>
  %Q0 = la.fill %zero, %m, %k : f64, index, index -> tensor<?x?xf64>
  %Q = scf.for %j = %c0 to %k step %c1 iter_args(%Qj = %Q0) -> (tensor<?x?xf64>) {
    %j1 = arith.addi %j, %c1 : index
    %v0 = la.slice %Z, %c0, %m, %j, %j1 : tensor<?x?xf64>, index, index, index, index
        -> tensor<?x1xf64>
    %Qt = la.transpose %Qj : tensor<?x?xf64>
    %h1 = la.matmul %Qt, %v0 : tensor<?x?xf64>, tensor<?x1xf64>
    %p1 = la.matmul %Qj, %h1 : tensor<?x?xf64>, tensor<?x1xf64>
    %v1 = la.sub %v0, %p1 : tensor<?x1xf64>, tensor<?x1xf64>
    %h2 = la.matmul %Qt, %v1 : tensor<?x?xf64>, tensor<?x1xf64>
    %p2 = la.matmul %Qj, %h2 : tensor<?x?xf64>, tensor<?x1xf64>
    %v2 = la.sub %v1, %p2 : tensor<?x1xf64>, tensor<?x1xf64>
    %nrm2 = la.sumsq %v2 : tensor<?x1xf64>
    %nrm = la.sqrt %nrm2 : f64
    %v = la.div %v2, %nrm : tensor<?x1xf64>, f64
    %Qn = la.insert %v, %Qj, %c0, %j : tensor<?x1xf64>, tensor<?x?xf64>, index, index
    scf.yield %Qn : tensor<?x?xf64>
  }
  return %Q : tensor<?x?xf64>
}

func.func @main(%X: tensor<?x?xf64>, %Q0: tensor<?x?xf64>, %maxIter: index)
    -> (tensor<?x1xf64>, tensor<?x?xf64>, tensor<?x?xf64>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %one = arith.constant 1.0 : f64
  %n = tensor.dim %X, %c0 : tensor<?x?xf64>
  %ni = arith.index_cast %n : index to i64
  %nf = la.cast %ni : i64 -> f64
  %nm1 = la.sub %nf, %one : f64, f64

  %mu = la.mean col %X : tensor<?x?xf64>
  %Xc = la.sub %X, %mu : tensor<?x?xf64>, tensor<1x?xf64>
  %Xct = la.transpose %Xc : tensor<?x?xf64>
  %S = la.matmul %Xct, %Xc : tensor<?x?xf64>, tensor<?x?xf64>
  %C = la.div %S, %nm1 : tensor<?x?xf64>, f64

  %Qs = func.call @orth(%Q0) : (tensor<?x?xf64>) -> tensor<?x?xf64>
  %Q = scf.for %i = %c0 to %maxIter step %c1 iter_args(%Qi = %Qs) -> (tensor<?x?xf64>) {
    %Z = la.matmul %C, %Qi : tensor<?x?xf64>, tensor<?x?xf64>
    %Qn = func.call @orth(%Z) : (tensor<?x?xf64>) -> tensor<?x?xf64>
    scf.yield %Qn : tensor<?x?xf64>
  }

  %CQ = la.matmul %C, %Q : tensor<?x?xf64>, tensor<?x?xf64>
  %QCQ = la.mul %Q, %CQ : tensor<?x?xf64>, tensor<?x?xf64>
  %ev = la.sum col %QCQ : tensor<?x?xf64>
  %evals = la.transpose %ev : tensor<1x?xf64>
  %Y = la.matmul %Xc, %Q : tensor<?x?xf64>, tensor<?x?xf64>
  return %evals, %Q, %Y : tensor<?x1xf64>, tensor<?x?xf64>, tensor<?x?xf64>
}
