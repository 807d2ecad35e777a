// Row-wise softmax exp(X - rowMaxs(X)) / rowSums(exp(X - rowMaxs(X))): one
// row operator (la-fuse) reads X once and writes the result row by row.
func.func @main(%X: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %0 = la.max %X {axis = #la.axis<row>} : tensor<?x?xf64> -> tensor<?x1xf64>
  %1 = la.sub %X, %0 : tensor<?x?xf64>, tensor<?x1xf64> -> tensor<?x?xf64>
  %2 = la.exp %1 : tensor<?x?xf64> -> tensor<?x?xf64>
  %3 = la.sum %2 {axis = #la.axis<row>} : tensor<?x?xf64> -> tensor<?x1xf64>
  %4 = la.div %2, %3 : tensor<?x?xf64>, tensor<?x1xf64> -> tensor<?x?xf64>
  return %4 : tensor<?x?xf64>
}
