func.func @main(%X: tensor<?x?xf64>) -> tensor<1x?xf64> {
  %0 = la.sum col %X : tensor<?x?xf64>
  return %0 : tensor<1x?xf64>
}
