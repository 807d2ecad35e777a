func.func @main(%A: tensor<?x?xf64>, %B: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %0 = la.matmul %A, %B : tensor<?x?xf64>, tensor<?x?xf64>
  return %0 : tensor<?x?xf64>
}
