// RUN: lauryn-opt %s --la-estimate-sparsity --la-select-formats | FileCheck %s
// RUN: lauryn-opt %s --la-estimate-sparsity --la-select-formats --lauryn-cpu-pipeline -o /dev/null
// RUN: lauryn-opt %s --lauryn-cpu-pipeline=select-formats=true -o /dev/null

#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>

// A 0.1 % dense input of a product: the product on CSR costs nnz * 100
// multiply-adds instead of 1000 * 1000 * 100; one conversion pays off.
// CHECK-LABEL: func.func @sparse_input
// CHECK: %[[S:.*]] = la.convert %arg0 {{.*}}: tensor<1000x1000xf64> -> tensor<1000x1000xf64, #sparse>
// CHECK: la.matmul %[[S]], %arg1 {{.*}}: tensor<1000x1000xf64, #sparse>, tensor<1000x100xf64>
func.func @sparse_input(%A: tensor<1000x1000xf64> {la.sparsity = #la.sparsity<nnz = 1000>},
                        %X: tensor<1000x100xf64> {la.sparsity = #la.sparsity<density = 1.0>}) -> tensor<1000x100xf64> {
  %p = la.matmul %A, %X : tensor<1000x1000xf64>, tensor<1000x100xf64>
  return %p : tensor<1000x100xf64>
}

// At 90 % non-zeros, CSR is larger and slower: nothing changes.
// CHECK-LABEL: func.func @dense_input
// CHECK-NOT: la.convert
// CHECK: la.matmul %arg0, %arg1 {{.*}}: tensor<1000x1000xf64>, tensor<1000x100xf64>
func.func @dense_input(%A: tensor<1000x1000xf64> {la.sparsity = #la.sparsity<density = 0.9>},
                       %X: tensor<1000x100xf64> {la.sparsity = #la.sparsity<density = 1.0>}) -> tensor<1000x100xf64> {
  %p = la.matmul %A, %X : tensor<1000x1000xf64>, tensor<1000x100xf64>
  return %p : tensor<1000x100xf64>
}

// Without estimates nothing is decided.
// CHECK-LABEL: func.func @unknown
// CHECK-NOT: la.convert
// CHECK: return
func.func @unknown(%A: tensor<1000x1000xf64>, %X: tensor<1000x100xf64>) -> tensor<1000x100xf64> {
  %p = la.matmul %A, %X : tensor<1000x1000xf64>, tensor<1000x100xf64>
  return %p : tensor<1000x100xf64>
}

// A half-full CSR input of two dense-result ops: converted to dense once
// instead of densified by each.
// CHECK-LABEL: func.func @densify
// CHECK: %[[D:.*]] = la.convert %arg0 {{.*}}: tensor<500x500xf64, #sparse> -> tensor<500x500xf64>
// CHECK: la.add %[[D]], %{{.*}} : tensor<500x500xf64>, f64
// CHECK: la.exp %[[D]] {{.*}}: tensor<500x500xf64>
func.func @densify(%S: tensor<500x500xf64, #CSR> {la.sparsity = #la.sparsity<density = 0.5>}) -> (tensor<500x500xf64>, tensor<500x500xf64>) {
  %one = arith.constant 1.0 : f64
  %a = la.add %S, %one : tensor<500x500xf64, #CSR>, f64 -> tensor<500x500xf64>
  %b = la.exp %S : tensor<500x500xf64, #CSR> -> tensor<500x500xf64>
  return %a, %b : tensor<500x500xf64>, tensor<500x500xf64>
}

// A sparse product of CSR matrices is written as CSR directly (SpGEMM), not
// dense and converted.
// CHECK-LABEL: func.func @spgemm
// CHECK-NOT: la.convert
// CHECK: la.matmul %arg0, %arg0 {{.*}}-> tensor<2000x2000xf64, #sparse>
// CHECK: la.sum %{{.*}} : tensor<2000x2000xf64, #sparse>
func.func @spgemm(%A: tensor<2000x2000xf64, #CSR> {la.sparsity = #la.sparsity<nnz = 4000>}) -> f64 {
  %p = la.matmul %A, %A : tensor<2000x2000xf64, #CSR>, tensor<2000x2000xf64, #CSR>
  %s = la.sum %p : tensor<2000x2000xf64>
  return %s : f64
}

// A loop-invariant sparse input used 20 times in a loop is converted once,
// before the loop; loop-carried types stay as written.
// CHECK-LABEL: func.func @loop
// CHECK: %[[S:.*]] = la.convert %arg0 {{.*}}-> tensor<1000x1000xf64, #sparse>
// CHECK: scf.for {{.*}} -> (tensor<1000x1xf64>)
// CHECK:   la.matmul %[[S]], %{{.*}} : tensor<1000x1000xf64, #sparse>, tensor<1000x1xf64>
// CHECK:   scf.yield %{{.*}} : tensor<1000x1xf64>
func.func @loop(%A: tensor<1000x1000xf64> {la.sparsity = #la.sparsity<nnz = 2000>},
                %x: tensor<1000x1xf64> {la.sparsity = #la.sparsity<density = 1.0>}) -> tensor<1000x1xf64> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c20 = arith.constant 20 : index
  %r = scf.for %i = %c0 to %c20 step %c1 iter_args(%v = %x) -> tensor<1000x1xf64> {
    %y = la.matmul %A, %v : tensor<1000x1000xf64>, tensor<1000x1xf64>
    scf.yield %y : tensor<1000x1xf64>
  }
  return %r : tensor<1000x1xf64>
}

// Formats follow: X * Y with a CSR X is CSR (intersection), so is its scaled
// transpose; the returned value gets its written (dense) type back.
// CHECK-LABEL: func.func @chain
// CHECK: %[[X:.*]] = la.convert %arg0 {{.*}}-> tensor<1000x1000xf64, #sparse>
// CHECK: %[[M:.*]] = la.mul %[[X]], %arg1 {{.*}}: tensor<1000x1000xf64, #sparse>, tensor<1000x1000xf64>
// CHECK: %[[S:.*]] = la.mul %[[M]], %{{.*}} : tensor<1000x1000xf64, #sparse>, f64
// CHECK: %[[T:.*]] = la.transpose %[[S]] {{.*}}: tensor<1000x1000xf64, #sparse>
// CHECK: %[[D:.*]] = la.convert %[[T]] {{.*}}: tensor<1000x1000xf64, #sparse> -> tensor<1000x1000xf64>
// CHECK: return %[[D]]
func.func @chain(%X: tensor<1000x1000xf64> {la.sparsity = #la.sparsity<nnz = 1000>},
                 %Y: tensor<1000x1000xf64> {la.sparsity = #la.sparsity<density = 1.0>}) -> tensor<1000x1000xf64> {
  %two = arith.constant 2.0 : f64
  %m = la.mul %X, %Y : tensor<1000x1000xf64>, tensor<1000x1000xf64>
  %s = la.mul %m, %two : tensor<1000x1000xf64>, f64
  %t = la.transpose %s : tensor<1000x1000xf64>
  return %t : tensor<1000x1000xf64>
}

// Sizes known from the operands refine dynamic result types for the cost
// model; uses outside la get the written type back through tensor.cast.
// CHECK-LABEL: func.func @refined
// CHECK: %[[P:.*]] = la.matmul {{.*}}: tensor<300x300xf64, #sparse>, tensor<300x2xf64>
// CHECK: tensor.cast %[[P]] : tensor<300x2xf64> to tensor<?x?xf64>
func.func @refined(%A: tensor<300x300xf64> {la.sparsity = #la.sparsity<nnz = 300>},
                   %X: tensor<300x2xf64> {la.sparsity = #la.sparsity<density = 1.0>}) -> tensor<?x?xf64> {
  %p = la.matmul %A, %X : tensor<300x300xf64>, tensor<300x2xf64> -> tensor<?x?xf64>
  return %p : tensor<?x?xf64>
}

// A conversion to CSR whose operand became CSR only forgets static sizes: la
// users read the operand directly (lowered, such a conversion was folded into
// its producer by the sparsifier into an invalid tensor.empty: difftest seed
// 50401). The second RUN line compiles this to LLVM.
// CHECK-LABEL: func.func @shape_only_conversion
// CHECK: %[[T:.*]] = la.tanh %{{.*}} : tensor<300x7xf64, #sparse>
// CHECK-NOT: la.convert %[[T]]
// CHECK: la.neg %[[T]] {{.*}}: tensor<300x7xf64, #sparse> -> tensor<?x?xf64, #sparse>
func.func @shape_only_conversion(%A: tensor<300x7xf64> {la.sparsity = #la.sparsity<nnz = 10>}) -> tensor<?x?xf64> {
  %t = la.tanh %A : tensor<300x7xf64> -> tensor<300x7xf64>
  %c = la.convert %t : tensor<300x7xf64> -> tensor<?x?xf64, #CSR>
  %n = la.neg %c : tensor<?x?xf64, #CSR>
  %d = la.convert %n : tensor<?x?xf64, #CSR> -> tensor<?x?xf64>
  return %d : tensor<?x?xf64>
}
