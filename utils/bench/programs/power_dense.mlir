// Two products with a matrix declared dense: A (A x), then the sum. With
// --select-formats a sparse A stays CSR (benchmark "formats <matrix>").
func.func @main(%A: tensor<?x?xf64>, %x: tensor<?x1xf64>) -> f64 {
  %y = la.matmul %A, %x : tensor<?x?xf64>, tensor<?x1xf64>
  %z = la.matmul %A, %y : tensor<?x?xf64>, tensor<?x1xf64>
  %s = la.sum %z : tensor<?x1xf64>
  return %s : f64
}
