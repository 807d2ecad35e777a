// RUN: lauryn-opt %s -split-input-file --la-partial-reuse | FileCheck %s

// t(cbind(A, b)) %*% cbind(A, b) from its four blocks.
// CHECK-LABEL: func.func @gram_of_cbind
// CHECK-SAME: (%[[A:.*]]: tensor<100x5xf64>, %[[B:.*]]: tensor<100x1xf64>)
// CHECK-DAG: %[[AT:.*]] = la.transpose %[[A]]
// CHECK-DAG: %[[AA:.*]] = la.matmul %[[AT]], %[[A]] : tensor<5x100xf64>, tensor<100x5xf64>
// CHECK-DAG: %[[BT:.*]] = la.transpose %[[B]]
// CHECK-DAG: %[[BB:.*]] = la.matmul %[[BT]], %[[B]] : tensor<1x100xf64>, tensor<100x1xf64>
// CHECK-DAG: %[[AB:.*]] = la.matmul %[[AT]], %[[B]] : tensor<5x100xf64>, tensor<100x1xf64>
// CHECK-NOT: la.transpose %[[A]]
// CHECK-DAG: %[[BA:.*]] = la.transpose %[[AB]]
// CHECK-DAG: %[[TOP:.*]] = la.cbind %[[AA]], %[[AB]]
// CHECK-DAG: %[[BOTTOM:.*]] = la.cbind %[[BA]], %[[BB]]
// CHECK: %[[G:.*]] = la.rbind %[[TOP]], %[[BOTTOM]] : tensor<5x6xf64>, tensor<1x6xf64>
// CHECK: return %[[G]] : tensor<6x6xf64>
func.func @gram_of_cbind(%A: tensor<100x5xf64>, %b: tensor<100x1xf64>) -> tensor<6x6xf64> {
  %C = la.cbind %A, %b : tensor<100x5xf64>, tensor<100x1xf64>
  %Ct = la.transpose %C : tensor<100x6xf64>
  %G = la.matmul %Ct, %C : tensor<6x100xf64>, tensor<100x6xf64>
  return %G : tensor<6x6xf64>
}

// -----

// t(rbind(A, B)) %*% rbind(A, B) = t(A) %*% A + t(B) %*% B.
// CHECK-LABEL: func.func @gram_of_rbind
// CHECK: %[[AA:.*]] = la.matmul %{{.*}}, %arg0
// CHECK: %[[BB:.*]] = la.matmul %{{.*}}, %arg1
// CHECK: %[[S:.*]] = la.add %[[AA]], %[[BB]] : tensor<5x5xf64>, tensor<5x5xf64>
// CHECK: return %[[S]]
func.func @gram_of_rbind(%A: tensor<?x5xf64>, %B: tensor<?x5xf64>) -> tensor<5x5xf64> {
  %R = la.rbind %A, %B : tensor<?x5xf64>, tensor<?x5xf64>
  %Rt = la.transpose %R : tensor<?x5xf64>
  %G = la.matmul %Rt, %R : tensor<5x?xf64>, tensor<?x5xf64>
  return %G : tensor<5x5xf64>
}

// -----

// X %*% cbind(Y, 1) = cbind(X %*% Y, rowSums(X)).
// CHECK-LABEL: func.func @intercept
// CHECK: %[[P:.*]] = la.matmul %arg0, %arg1
// CHECK: %[[R:.*]] = la.sum row %arg0
// CHECK: la.cbind %[[P]], %[[R]] : tensor<?x3xf64>, tensor<?x1xf64>{{$}}
func.func @intercept(%X: tensor<?x?xf64>, %Y: tensor<?x3xf64>) -> tensor<?x4xf64> {
  %c0 = arith.constant 0 : index
  %one = arith.constant 1.0 : f64
  %n = tensor.dim %Y, %c0 : tensor<?x3xf64>
  %o = la.fill %one, %n : f64, index -> tensor<?x1xf64>
  %Z = la.cbind %Y, %o : tensor<?x3xf64>, tensor<?x1xf64>
  %P = la.matmul %X, %Z : tensor<?x?xf64>, tensor<?x4xf64>
  return %P : tensor<?x4xf64>
}

// -----

// A stepwise candidate's right-hand side and fit: t(cbind(Xs, x)) %*% y from
// t(Xs) %*% y and t(x) %*% y; cbind(Xs, x) %*% beta from the blocks of beta.
// CHECK-LABEL: func.func @candidate
// CHECK-SAME: (%[[XS:.*]]: tensor<?x?xf64>, %[[X:.*]]: tensor<?x1xf64>, %[[Y:.*]]: tensor<?x1xf64>, %[[BETA:.*]]: tensor<?x1xf64>)
// CHECK-DAG: %[[XST:.*]] = la.transpose %[[XS]]
// CHECK-DAG: %[[XSY:.*]] = la.matmul %[[XST]], %[[Y]]
// CHECK-DAG: %[[XT:.*]] = la.transpose %[[X]]
// CHECK-DAG: %[[XY:.*]] = la.matmul %[[XT]], %[[Y]]
// CHECK-DAG: %[[B:.*]] = la.rbind %[[XSY]], %[[XY]]
// CHECK-DAG: %[[K:.*]] = tensor.dim %[[XS]], %c1
// CHECK-DAG: %[[TOP:.*]] = la.slice %[[BETA]], %c0{{.*}}, %[[K]], %c0
// CHECK-DAG: %[[BOTTOM:.*]] = la.slice %[[BETA]], %[[K]],
// CHECK-DAG: %[[P1:.*]] = la.matmul %[[XS]], %[[TOP]]
// CHECK-DAG: %[[P2:.*]] = la.matmul %[[X]], %[[BOTTOM]]
// CHECK-DAG: %[[P:.*]] = la.add %[[P1]], %[[P2]]
// CHECK: return %[[B]], %[[P]]
func.func @candidate(%Xs: tensor<?x?xf64>, %x: tensor<?x1xf64>, %y: tensor<?x1xf64>,
                     %beta: tensor<?x1xf64>) -> (tensor<?x1xf64>, tensor<?x1xf64>) {
  %Xj = la.cbind %Xs, %x : tensor<?x?xf64>, tensor<?x1xf64> -> tensor<?x?xf64>
  %Xjt = la.transpose %Xj : tensor<?x?xf64>
  %b = la.matmul %Xjt, %y : tensor<?x?xf64>, tensor<?x1xf64>
  %p = la.matmul %Xj, %beta : tensor<?x?xf64>, tensor<?x1xf64>
  return %b, %p : tensor<?x1xf64>, tensor<?x1xf64>
}

// -----

// Left alone: a CSR block (the formats chose its products), a column of twos,
// integer blocks, a product that is not a Gram matrix.
#CSR = #sparse_tensor.encoding<{map = (i, j) -> (i : dense, j : compressed)}>
// CHECK-LABEL: func.func @not_rewritten
// CHECK-NOT: la.rbind
// CHECK-NOT: la.sum
// CHECK: return
func.func @not_rewritten(%S: tensor<100x5xf64, #CSR>, %b: tensor<100x1xf64>,
                         %X: tensor<?x100xf64>, %Y: tensor<100x3xf64>,
                         %I: tensor<100x5xi64>, %J: tensor<100x1xi64>, %W: tensor<100x6xf64>)
    -> (tensor<6x6xf64>, tensor<?x4xf64>, tensor<6x6xi64>, tensor<6x6xf64>) {
  %C = la.cbind %S, %b : tensor<100x5xf64, #CSR>, tensor<100x1xf64> -> tensor<100x6xf64>
  %Ct = la.transpose %C : tensor<100x6xf64>
  %G = la.matmul %Ct, %C : tensor<6x100xf64>, tensor<100x6xf64>
  %two = arith.constant 2.0 : f64
  %t = la.fill %two : f64 -> tensor<100x1xf64>
  %Z = la.cbind %Y, %t : tensor<100x3xf64>, tensor<100x1xf64>
  %P = la.matmul %X, %Z : tensor<?x100xf64>, tensor<100x4xf64>
  %K = la.cbind %I, %J : tensor<100x5xi64>, tensor<100x1xi64>
  %Kt = la.transpose %K : tensor<100x6xi64>
  %H = la.matmul %Kt, %K : tensor<6x100xi64>, tensor<100x6xi64>
  %Wt = la.transpose %W : tensor<100x6xf64>
  %V = la.matmul %Wt, %C : tensor<6x100xf64>, tensor<100x6xf64>
  return %G, %P, %H, %V : tensor<6x6xf64>, tensor<?x4xf64>, tensor<6x6xi64>, tensor<6x6xf64>
}
