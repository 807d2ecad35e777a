func.func @main(%X: tensor<?x?xf64>) -> f64 {
  %0 = la.sum %X : tensor<?x?xf64>
  return %0 : f64
}
