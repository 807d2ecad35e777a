func.func @main(%X: tensor<?x?xf64>, %Y: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %0 = la.add %X, %Y : tensor<?x?xf64>, tensor<?x?xf64>
  return %0 : tensor<?x?xf64>
}
