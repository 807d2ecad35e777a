// colSums(X / rowSums(X)): one row operator (la-fuse) reads X once.
func.func @main(%X: tensor<?x?xf64>) -> tensor<1x?xf64> {
  %0 = la.sum %X {axis = #la.axis<row>} : tensor<?x?xf64> -> tensor<?x1xf64>
  %1 = la.div %X, %0 : tensor<?x?xf64>, tensor<?x1xf64> -> tensor<?x?xf64>
  %2 = la.sum %1 {axis = #la.axis<col>} : tensor<?x?xf64> -> tensor<1x?xf64>
  return %2 : tensor<1x?xf64>
}
