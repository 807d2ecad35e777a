func.func @main(%X: tensor<?x?xf64>, %Y: tensor<?x?xf64>, %Z: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %0 = la.mul %X, %Y : tensor<?x?xf64>, tensor<?x?xf64>
  %1 = la.add %0, %Z : tensor<?x?xf64>, tensor<?x?xf64>
  return %1 : tensor<?x?xf64>
}
