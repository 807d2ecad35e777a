// sum(X * Y) + sum(X ^ 2) + sum(Y ^ 2): one multi-aggregate (la-fuse) scans X and Y once.
func.func @main(%X: tensor<?x?xf64>, %Y: tensor<?x?xf64>) -> f64 {
  %two = arith.constant 2.0 : f64
  %0 = la.mul %X, %Y : tensor<?x?xf64>, tensor<?x?xf64>
  %1 = la.sum %0 : tensor<?x?xf64>
  %2 = la.pow %X, %two : tensor<?x?xf64>, f64
  %3 = la.sum %2 : tensor<?x?xf64>
  %4 = la.pow %Y, %two : tensor<?x?xf64>, f64
  %5 = la.sum %4 : tensor<?x?xf64>
  %6 = la.add %1, %3 : f64, f64
  %7 = la.add %6, %5 : f64, f64
  return %7 : f64
}
