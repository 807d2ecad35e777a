// k-means clustering by Lloyd iterations (the inner loop of SystemDS
// scripts/builtin/kmeans.dml), written in la, from given initial centroids:
//
//   for (i in 1:maxIter) {
//     D = -2 * (X %*% t(C)) + t(rowSums(C ^ 2))   # n x k: squared distances
//                                                 #  minus rowSums(X ^ 2)
//     P = (D == rowMins(D))                       # one-hot assignment
//     P = P / rowSums(P)                          # split (rare) ties evenly
//     P_denom = colSums(P)                        # 1 x k cluster sizes
//     C_new = (t(P) %*% X) / t(P_denom)           # k x m cluster means
//     C = ifelse(t(P_denom) > 0, C_new, C)        # an empty cluster keeps its
//   }                                             #  old centroid
//   wcss = sum(rowSums(X ^ 2) + rowMins(D(C)))    # within-cluster sum of squares
//
// Parameters:
//   X        n x m  data points (rows)
//   C        k x m  initial centroids (e.g. k distinct rows of X)
//   maxIter         number of Lloyd iterations
// Results: the final centroids (k x m) and the within-cluster sum of squared
// distances of the final centroids (scalar).
//
//   lauryn-run kmeans.mlir --arg X=X.npy --arg C=C0.npy --arg maxIter=10 -o C.npy

// D = -2 * X %*% t(C) + t(rowSums(C^2)): the squared distance of every point to
// every centroid, minus the per-point constant rowSums(X^2).
func.func private @shiftedDistances(%X: tensor<?x?xf64>, %C: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %mtwo = arith.constant -2.0 : f64
  %Ct = la.transpose %C : tensor<?x?xf64>
  %XC = la.matmul %X, %Ct : tensor<?x?xf64>, tensor<?x?xf64>
  %XC2 = la.mul %mtwo, %XC : f64, tensor<?x?xf64>
  %C2 = la.sumsq row %C : tensor<?x?xf64>
  %C2t = la.transpose %C2 : tensor<?x1xf64>
  %D = la.add %XC2, %C2t : tensor<?x?xf64>, tensor<1x?xf64>
  return %D : tensor<?x?xf64>
}

// One Lloyd update of the centroids C.
func.func private @lloydStep(%X: tensor<?x?xf64>, %C: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %zero = arith.constant 0.0 : f64
  %D = func.call @shiftedDistances(%X, %C)
      : (tensor<?x?xf64>, tensor<?x?xf64>) -> tensor<?x?xf64>
  %minD = la.min row %D : tensor<?x?xf64>
  %P0 = la.eq %D, %minD : tensor<?x?xf64>, tensor<?x1xf64>
  %nP = la.sum row %P0 : tensor<?x?xf64>
  %P = la.div %P0, %nP : tensor<?x?xf64>, tensor<?x1xf64>
  %Pden = la.sum col %P : tensor<?x?xf64>
  %Pt = la.transpose %P : tensor<?x?xf64>
  %S = la.matmul %Pt, %X : tensor<?x?xf64>, tensor<?x?xf64>
  %PdenT = la.transpose %Pden : tensor<1x?xf64>
  %Cn = la.div %S, %PdenT : tensor<?x?xf64>, tensor<?x1xf64>
  %nonEmpty = la.gt %PdenT, %zero : tensor<?x1xf64>, f64
  %Cg = la.ifelse %nonEmpty, %Cn, %C : tensor<?x1xf64>, tensor<?x?xf64>, tensor<?x?xf64>
  return %Cg : tensor<?x?xf64>
}

func.func @main(%X: tensor<?x?xf64>, %C: tensor<?x?xf64>, %maxIter: index)
    -> (tensor<?x?xf64>, f64) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %Cf = scf.for %i = %c0 to %maxIter step %c1 iter_args(%Ci = %C) -> (tensor<?x?xf64>) {
    %Cn = func.call @lloydStep(%X, %Ci) : (tensor<?x?xf64>, tensor<?x?xf64>) -> tensor<?x?xf64>
    scf.yield %Cn : tensor<?x?xf64>
  }
  // Within-cluster sum of squares of the final centroids.
  %D = func.call @shiftedDistances(%X, %Cf)
      : (tensor<?x?xf64>, tensor<?x?xf64>) -> tensor<?x?xf64>
  %minD = la.min row %D : tensor<?x?xf64>
  %X2 = la.sumsq row %X : tensor<?x?xf64>
  %d = la.add %X2, %minD : tensor<?x1xf64>, tensor<?x1xf64>
  %wcss = la.sum %d : tensor<?x1xf64>
  return %Cf, %wcss : tensor<?x?xf64>, f64
}
