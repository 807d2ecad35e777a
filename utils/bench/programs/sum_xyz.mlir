// sum(X * Y * Z): one fused cell operator (la-fuse) reads the three inputs once.
func.func @main(%X: tensor<?x?xf64>, %Y: tensor<?x?xf64>, %Z: tensor<?x?xf64>) -> f64 {
  %0 = la.mul %X, %Y : tensor<?x?xf64>, tensor<?x?xf64>
  %1 = la.mul %0, %Z : tensor<?x?xf64>, tensor<?x?xf64>
  %2 = la.sum %1 : tensor<?x?xf64>
  return %2 : f64
}
