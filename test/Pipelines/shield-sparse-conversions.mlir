// RUN: lauryn-opt %s --pass-pipeline="builtin.module(func.func(lauryn-shield-sparse-conversions))" --split-input-file | FileCheck %s
// RUN: lauryn-opt %s --lauryn-cpu-pipeline --split-input-file | FileCheck %s --check-prefix=PIPELINE

// exp is not modeled by the sparsifier: the kernel gets a zero-filled
// destination, so the conversion is not folded into it (the fold crashed the
// sparse code generator).
#CSR = #sparse_tensor.encoding<{map = (i, j) -> (i : dense, j : compressed)}>
#id = affine_map<(i, j) -> (i, j)>
// CHECK-LABEL: func.func @unmodeled
// CHECK: %[[E:.*]] = tensor.empty
// CHECK: %[[F:.*]] = linalg.fill ins(%{{.*}} : f64) outs(%[[E]] : tensor<?x?xf64>)
// CHECK: linalg.generic {{.*}} outs(%[[F]] : tensor<?x?xf64>)
// CHECK: math.exp
// CHECK: sparse_tensor.convert
// PIPELINE-LABEL: llvm.func @unmodeled
func.func @unmodeled(%X: tensor<?x?xf64>) -> tensor<?x?xf64, #CSR> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %m = tensor.dim %X, %c0 : tensor<?x?xf64>
  %n = tensor.dim %X, %c1 : tensor<?x?xf64>
  %e = tensor.empty(%m, %n) : tensor<?x?xf64>
  %x = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%X : tensor<?x?xf64>) outs(%e : tensor<?x?xf64>) {
    ^bb0(%in: f64, %out: f64):
      %v = math.exp %in : f64
      linalg.yield %v : f64
  } -> tensor<?x?xf64>
  %s = sparse_tensor.convert %x : tensor<?x?xf64> to tensor<?x?xf64, #CSR>
  return %s : tensor<?x?xf64, #CSR>
}

// -----

// A body the sparsifier models keeps the fold (no dense intermediate).
#CSR = #sparse_tensor.encoding<{map = (i, j) -> (i : dense, j : compressed)}>
#id = affine_map<(i, j) -> (i, j)>
// CHECK-LABEL: func.func @modeled
// CHECK-NOT: linalg.fill
// CHECK: linalg.generic {{.*}} outs(%{{.*}} : tensor<?x?xf64>)
// PIPELINE-LABEL: llvm.func @modeled
func.func @modeled(%X: tensor<?x?xf64>) -> tensor<?x?xf64, #CSR> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %m = tensor.dim %X, %c0 : tensor<?x?xf64>
  %n = tensor.dim %X, %c1 : tensor<?x?xf64>
  %e = tensor.empty(%m, %n) : tensor<?x?xf64>
  %x = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%X : tensor<?x?xf64>) outs(%e : tensor<?x?xf64>) {
    ^bb0(%in: f64, %out: f64):
      %v = math.absf %in : f64
      linalg.yield %v : f64
  } -> tensor<?x?xf64>
  %s = sparse_tensor.convert %x : tensor<?x?xf64> to tensor<?x?xf64, #CSR>
  return %s : tensor<?x?xf64, #CSR>
}

// -----

// x / y is modeled only for a divisor that cannot be zero; a tensor divisor
// is shielded (the folded kernel crashed the sparsifier: difftest bug
// sparse-div-kernel).
#CSR = #sparse_tensor.encoding<{map = (i, j) -> (i : dense, j : compressed)}>
#id = affine_map<(i, j) -> (i, j)>
// CHECK-LABEL: func.func @divide
// CHECK: %[[F:.*]] = linalg.fill
// CHECK: linalg.generic {{.*}} outs(%[[F]] : tensor<?x?xf64>)
// CHECK: arith.divf
// CHECK: sparse_tensor.convert
// PIPELINE-LABEL: llvm.func @divide
func.func @divide(%X: tensor<?x?xf64>, %Y: tensor<?x?xf64>) -> tensor<?x?xf64, #CSR> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %m = tensor.dim %X, %c0 : tensor<?x?xf64>
  %n = tensor.dim %X, %c1 : tensor<?x?xf64>
  %e = tensor.empty(%m, %n) : tensor<?x?xf64>
  %x = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%X, %Y : tensor<?x?xf64>, tensor<?x?xf64>) outs(%e : tensor<?x?xf64>) {
    ^bb0(%a: f64, %b: f64, %out: f64):
      %v = arith.divf %a, %b : f64
      linalg.yield %v : f64
  } -> tensor<?x?xf64>
  %s = sparse_tensor.convert %x : tensor<?x?xf64> to tensor<?x?xf64, #CSR>
  return %s : tensor<?x?xf64, #CSR>
}

// -----

// A dead use of the kernel's result (a tensor.dim CSE left behind) does not
// hide the kernel from the shield (difftest bug
// sparse-storage-specifier-legalization): the dim is erased, the kernel
// shielded.
#CSR = #sparse_tensor.encoding<{map = (i, j) -> (i : dense, j : compressed)}>
#id = affine_map<(i, j) -> (i, j)>
// CHECK-LABEL: func.func @dead_use
// CHECK: %[[F:.*]] = linalg.fill
// CHECK: linalg.generic {{.*}} outs(%[[F]] : tensor<?x1xi64>)
// CHECK: math.ipowi
// CHECK-NOT: tensor.dim
// CHECK: sparse_tensor.convert
// PIPELINE-LABEL: llvm.func @dead_use
func.func @dead_use(%X: tensor<?x1xi64>) -> tensor<?x1xi64, #CSR> {
  %c0 = arith.constant 0 : index
  %m = tensor.dim %X, %c0 : tensor<?x1xi64>
  %e = tensor.empty(%m) : tensor<?x1xi64>
  %x = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%X : tensor<?x1xi64>) outs(%e : tensor<?x1xi64>) {
    ^bb0(%in: i64, %out: i64):
      %v = math.ipowi %in, %in : i64
      linalg.yield %v : i64
  } -> tensor<?x1xi64>
  %dead = tensor.dim %x, %c0 : tensor<?x1xi64>
  %s = sparse_tensor.convert %x : tensor<?x1xi64> to tensor<?x1xi64, #CSR>
  return %s : tensor<?x1xi64, #CSR>
}

// -----

// Densifying a kernel that writes a fresh CSR tensor: the kernel writes a
// zero-filled dense tensor instead (the sparsifier's own fold gave it an
// uninitialized one: garbage where the sparse loops skip cells and in the
// SpGEMM accumulation; difftest bug csr-matmul-into-rbind).
#CSR = #sparse_tensor.encoding<{map = (i, j) -> (i : dense, j : compressed)}>
#a = affine_map<(i, j, k) -> (i, k)>
#b = affine_map<(i, j, k) -> (k, j)>
#c = affine_map<(i, j, k) -> (i, j)>
// CHECK-LABEL: func.func @densified_spgemm
// CHECK: %[[E:.*]] = tensor.empty(%{{.*}}, %{{.*}}) : tensor<?x?xi64>
// CHECK: %[[F:.*]] = linalg.fill ins(%{{.*}} : i64) outs(%[[E]] : tensor<?x?xi64>)
// CHECK: %[[R:.*]] = linalg.generic {{.*}} outs(%[[F]] : tensor<?x?xi64>)
// CHECK-NOT: sparse_tensor.convert
// CHECK: return %[[R]] : tensor<?x?xi64>
// PIPELINE-LABEL: llvm.func @densified_spgemm
func.func @densified_spgemm(%A: tensor<?x?xi64, #CSR>, %B: tensor<?x?xi64, #CSR>) -> tensor<?x?xi64> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %m = tensor.dim %A, %c0 : tensor<?x?xi64, #CSR>
  %n = tensor.dim %B, %c1 : tensor<?x?xi64, #CSR>
  %e = tensor.empty(%m, %n) : tensor<?x?xi64, #CSR>
  %p = linalg.generic {indexing_maps = [#a, #b, #c], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%A, %B : tensor<?x?xi64, #CSR>, tensor<?x?xi64, #CSR>) outs(%e : tensor<?x?xi64, #CSR>) {
    ^bb0(%x: i64, %y: i64, %acc: i64):
      %m1 = arith.muli %x, %y : i64
      %s = arith.addi %acc, %m1 : i64
      linalg.yield %s : i64
  } -> tensor<?x?xi64, #CSR>
  %d = sparse_tensor.convert %p : tensor<?x?xi64, #CSR> to tensor<?x?xi64>
  return %d : tensor<?x?xi64>
}

// -----

// A broadcast operand (constant index in its indexing map) keeps the kernel
// dense even though its body is modeled (the folded kernel crashed the
// sparsifier's iteration graph sorter: difftest bug sparse-1x1-broadcast).
#CSR = #sparse_tensor.encoding<{map = (i, j) -> (i : dense, j : compressed)}>
#scalar = affine_map<(i, j) -> (0, 0)>
#id = affine_map<(i, j) -> (i, j)>
// CHECK-LABEL: func.func @broadcast
// CHECK: %[[F:.*]] = linalg.fill
// CHECK: linalg.generic {{.*}} outs(%[[F]] : tensor<1x?xi64>)
// CHECK: sparse_tensor.convert
// PIPELINE-LABEL: llvm.func @broadcast
func.func @broadcast(%X: tensor<1x1xi64>, %n: index) -> tensor<1x?xi64, #CSR> {
  %c0 = arith.constant 0 : i64
  %e = tensor.empty(%n) : tensor<1x?xi64>
  %x = linalg.generic {indexing_maps = [#scalar, #id], iterator_types = ["parallel", "parallel"]}
      ins(%X : tensor<1x1xi64>) outs(%e : tensor<1x?xi64>) {
    ^bb0(%in: i64, %out: i64):
      %v = arith.subi %c0, %in : i64
      linalg.yield %v : i64
  } -> tensor<1x?xi64>
  %s = sparse_tensor.convert %x : tensor<1x?xi64> to tensor<1x?xi64, #CSR>
  return %s : tensor<1x?xi64, #CSR>
}

// -----

// A modeled kernel whose dense result is also used elsewhere (difftest seed
// 50539): shielded as well, or the fold would hand its other user sparse
// storage.
#CSR = #sparse_tensor.encoding<{map = (i, j) -> (i : dense, j : compressed)}>
#id = affine_map<(i, j) -> (i, j)>
// CHECK-LABEL: func.func @shared
// CHECK: %[[F:.*]] = linalg.fill
// CHECK: %[[K:.*]] = linalg.generic {{.*}} outs(%[[F]] : tensor<4x4xf64>)
// CHECK: sparse_tensor.convert %[[K]]
// PIPELINE-LABEL: llvm.func @shared
func.func @shared(%X: tensor<4x4xf64>) -> (tensor<4x4xf64, #CSR>, tensor<4x4xf64>) {
  %e = tensor.empty() : tensor<4x4xf64>
  %x = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%X : tensor<4x4xf64>) outs(%e : tensor<4x4xf64>) {
    ^bb0(%in: f64, %out: f64):
      %v = arith.mulf %in, %in : f64
      linalg.yield %v : f64
  } -> tensor<4x4xf64>
  %s = sparse_tensor.convert %x : tensor<4x4xf64> to tensor<4x4xf64, #CSR>
  return %s, %x : tensor<4x4xf64, #CSR>, tensor<4x4xf64>
}

// -----

// A static CSR kernel result converted to a dynamic CSR type: the destination
// takes the conversion's shape with its sizes (the fold cloned it with the
// dynamic type and no sizes: an invalid tensor.empty; difftest seed 51773).
#CSR = #sparse_tensor.encoding<{map = (i, j) -> (i : dense, j : compressed)}>
#id = affine_map<(i, j) -> (i, j)>
// CHECK-LABEL: func.func @less_static_conversion
// CHECK-DAG: %[[M:.*]] = arith.constant 7 : index
// CHECK-DAG: %[[N:.*]] = arith.constant 2 : index
// CHECK: %[[E:.*]] = tensor.empty(%[[M]], %[[N]]) : tensor<?x?xf64, #sparse{{[0-9]*}}>
// CHECK: linalg.generic {{.*}} outs(%[[E]] : tensor<?x?xf64, #sparse{{[0-9]*}}>)
// CHECK: -> tensor<?x?xf64, #sparse{{[0-9]*}}>
// PIPELINE-LABEL: llvm.func @less_static_conversion
func.func @less_static_conversion(%X: tensor<7x2xf64, #CSR>) -> tensor<?x?xf64, #CSR> {
  %e = tensor.empty() : tensor<7x2xf64, #CSR>
  %x = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%X : tensor<7x2xf64, #CSR>) outs(%e : tensor<7x2xf64, #CSR>) {
    ^bb0(%in: f64, %out: f64):
      %v = math.tanh %in : f64
      linalg.yield %v : f64
  } -> tensor<7x2xf64, #CSR>
  %s = sparse_tensor.convert %x : tensor<7x2xf64, #CSR> to tensor<?x?xf64, #CSR>
  return %s : tensor<?x?xf64, #CSR>
}

// -----

// The same through a tensor.cast of the sparse result.
#CSR = #sparse_tensor.encoding<{map = (i, j) -> (i : dense, j : compressed)}>
#id = affine_map<(i, j) -> (i, j)>
// CHECK-LABEL: func.func @less_static_cast
// CHECK: %[[E:.*]] = tensor.empty(%{{.*}}, %{{.*}}) : tensor<?x?xf64, #sparse{{[0-9]*}}>
// CHECK: linalg.generic {{.*}} outs(%[[E]] : tensor<?x?xf64, #sparse{{[0-9]*}}>)
// PIPELINE-LABEL: llvm.func @less_static_cast
func.func @less_static_cast(%X: tensor<7x2xf64, #CSR>) -> tensor<?x?xf64, #CSR> {
  %e = tensor.empty() : tensor<7x2xf64, #CSR>
  %x = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%X : tensor<7x2xf64, #CSR>) outs(%e : tensor<7x2xf64, #CSR>) {
    ^bb0(%in: f64, %out: f64):
      %v = math.tanh %in : f64
      linalg.yield %v : f64
  } -> tensor<7x2xf64, #CSR>
  %s = tensor.cast %x : tensor<7x2xf64, #CSR> to tensor<?x?xf64, #CSR>
  return %s : tensor<?x?xf64, #CSR>
}

// -----

// SpGEMM converted to CSC (a CSR transpose): the fold would make the kernel
// insert into a CSC result out of loop order, which the sparse code generator
// cannot (difftest seed 70036); the kernel accumulates into a zero-filled
// dense result that the conversion compresses.
#CSR = #sparse_tensor.encoding<{map = (i, j) -> (i : dense, j : compressed)}>
#CSC = #sparse_tensor.encoding<{map = (i, j) -> (j : dense, i : compressed)}>
// CHECK-LABEL: func.func @spgemm_to_csc
// CHECK: %[[E:.*]] = tensor.empty() : tensor<7x7xi64>
// CHECK: %[[F:.*]] = linalg.fill ins(%{{.*}} : i64) outs(%[[E]] : tensor<7x7xi64>)
// CHECK: %[[P:.*]] = linalg.generic {{.*}} outs(%[[F]] : tensor<7x7xi64>)
// CHECK: sparse_tensor.convert %[[P]] : tensor<7x7xi64> to tensor<7x7xi64, #sparse{{[0-9]*}}>
// PIPELINE-LABEL: llvm.func @spgemm_to_csc
func.func @spgemm_to_csc(%A: tensor<7x7xi64, #CSR>) -> tensor<7x7xi64, #CSR> {
  %e = tensor.empty() : tensor<7x7xi64, #CSR>
  %p = linalg.generic {indexing_maps = [affine_map<(i, j, k) -> (i, k)>, affine_map<(i, j, k) -> (k, j)>, affine_map<(i, j, k) -> (i, j)>], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%A, %A : tensor<7x7xi64, #CSR>, tensor<7x7xi64, #CSR>) outs(%e : tensor<7x7xi64, #CSR>) {
    ^bb0(%a: i64, %b: i64, %acc: i64):
      %m = arith.muli %a, %b : i64
      %s = arith.addi %acc, %m : i64
      linalg.yield %s : i64
  } -> tensor<7x7xi64, #CSR>
  %c = sparse_tensor.convert %p : tensor<7x7xi64, #CSR> to tensor<7x7xi64, #CSC>
  %t = sparse_tensor.reinterpret_map %c : tensor<7x7xi64, #CSC> to tensor<7x7xi64, #CSR>
  return %t : tensor<7x7xi64, #CSR>
}

// -----

// An element-wise sparse kernel of dynamic shape converted to CSC: written
// densely as well (the CSC-output kernel of dynamic shape failed to lower).
// The select that kept computed zeros out of the sparse result goes: the
// sparsifier would store its condition into the dense result.
#CSR = #sparse_tensor.encoding<{map = (i, j) -> (i : dense, j : compressed)}>
#CSC = #sparse_tensor.encoding<{map = (i, j) -> (j : dense, i : compressed)}>
#id = affine_map<(i, j) -> (i, j)>
// CHECK-LABEL: func.func @dynamic_kernel_to_csc
// CHECK: %[[E:.*]] = tensor.empty(%{{.*}}, %{{.*}}) : tensor<?x?xf64>
// CHECK: %[[F:.*]] = linalg.fill ins(%{{.*}} : f64) outs(%[[E]] : tensor<?x?xf64>)
// CHECK: %[[S:.*]] = linalg.generic {{.*}} outs(%[[F]] : tensor<?x?xf64>)
// CHECK-NEXT: ^bb0
// CHECK-NEXT: %[[D:.*]] = arith.subf
// CHECK-NOT: sparse_tensor.select
// CHECK: linalg.yield %[[D]] : f64
// CHECK: sparse_tensor.convert %[[S]] : tensor<?x?xf64> to tensor<?x?xf64, #sparse{{[0-9]*}}>
// PIPELINE-LABEL: llvm.func @dynamic_kernel_to_csc
func.func @dynamic_kernel_to_csc(%A: tensor<?x?xf64, #CSR>, %B: tensor<?x?xf64, #CSR>) -> tensor<?x?xf64, #CSR> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %m = tensor.dim %A, %c0 : tensor<?x?xf64, #CSR>
  %n = tensor.dim %A, %c1 : tensor<?x?xf64, #CSR>
  %e = tensor.empty(%m, %n) : tensor<?x?xf64, #CSR>
  %s = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%A, %B : tensor<?x?xf64, #CSR>, tensor<?x?xf64, #CSR>) outs(%e : tensor<?x?xf64, #CSR>) {
    ^bb0(%a: f64, %b: f64, %o: f64):
      %d = arith.subf %a, %b : f64
      %zero = arith.constant 0.0 : f64
      %k = sparse_tensor.select %d : f64 {
        ^bb0(%v: f64):
          %ne = arith.cmpf une, %v, %zero : f64
          sparse_tensor.yield %ne : i1
      }
      linalg.yield %k : f64
  } -> tensor<?x?xf64, #CSR>
  %c = sparse_tensor.convert %s : tensor<?x?xf64, #CSR> to tensor<?x?xf64, #CSC>
  %t = sparse_tensor.reinterpret_map %c : tensor<?x?xf64, #CSC> to tensor<?x?xf64, #CSR>
  return %t : tensor<?x?xf64, #CSR>
}
