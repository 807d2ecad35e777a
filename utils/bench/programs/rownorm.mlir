// X / rowSums(X): one row operator (la-fuse) reads X once and writes the
// result row by row (a row-aligned result).
func.func @main(%X: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %0 = la.sum %X {axis = #la.axis<row>} : tensor<?x?xf64> -> tensor<?x1xf64>
  %1 = la.div %X, %0 : tensor<?x?xf64>, tensor<?x1xf64> -> tensor<?x?xf64>
  return %1 : tensor<?x?xf64>
}
