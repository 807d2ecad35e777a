func.func @main(%X: tensor<?x?xf64>) -> tensor<?x1xf64> {
  %0 = la.sum row %X : tensor<?x?xf64>
  return %0 : tensor<?x1xf64>
}
