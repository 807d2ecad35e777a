// la-optimize inlines calls first, so that CSE, hoisting and fusion see
// across them; a private function left without calls is dropped. Calls of a
// function that calls an external one stay (bufferization must see its body).
// RUN: lauryn-opt %s --la-optimize | FileCheck %s
// RUN: lauryn-opt %s --la-optimize="inline=false" | FileCheck %s --check-prefix=NOINLINE

// CHECK-NOT: func.func private @scaled
// CHECK-LABEL: func.func private @show
// CHECK: call @external
// CHECK-LABEL: func.func @main
// CHECK-NOT: call @scaled
// The loop-invariant t(X) inside @scaled is hoisted out of the loop once inlined.
// CHECK: la.transpose
// CHECK-NEXT: scf.for
// CHECK: call @show
// NOINLINE: call @scaled
func.func private @external(tensor<?x?xf64>)
func.func private @show(%t: tensor<?x?xf64>) {
  call @external(%t) : (tensor<?x?xf64>) -> ()
  return
}
func.func private @scaled(%X: tensor<?x?xf64>, %w: tensor<?x1xf64>) -> tensor<?x1xf64> {
  %t = la.transpose %X : tensor<?x?xf64>
  %p = la.matmul %t, %w : tensor<?x?xf64>, tensor<?x1xf64>
  return %p : tensor<?x1xf64>
}
func.func @main(%X: tensor<?x?xf64>, %w0: tensor<?x1xf64>, %n: index) -> tensor<?x1xf64> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %w = scf.for %i = %c0 to %n step %c1 iter_args(%wi = %w0) -> tensor<?x1xf64> {
    %p = func.call @scaled(%X, %wi) : (tensor<?x?xf64>, tensor<?x1xf64>) -> tensor<?x1xf64>
    scf.yield %p : tensor<?x1xf64>
  }
  call @show(%X) : (tensor<?x?xf64>) -> ()
  return %w : tensor<?x1xf64>
}
