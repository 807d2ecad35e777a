// RUN: lauryn-opt %s --split-input-file --convert-la-to-linalg | FileCheck %s

// An outer operator over a CSR driver: chunks of rows sized by the stored
// entries per row (not by the columns, which made one chunk per row), the
// driver walked through its storage. Per row, first the products at the
// row's stored entries (each a dot product: a loop over the rank that LLVM
// vectorizes 4 lanes wide without interleaving) into a buffer of one value
// per stored entry, then the chain over the entries in a loop of its own,
// which LLVM vectorizes too (libmvec's log).
#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>

// CHECK-DAG: #[[VEC:.*]] = #llvm.loop_vectorize<width = 4 : i32>
// CHECK-DAG: #[[IL:.*]] = #llvm.loop_interleave<count = 1 : i32>
// CHECK-DAG: #[[ANN:.*]] = #llvm.loop_annotation<vectorize = #[[VEC]], interleave = #[[IL]]>
// CHECK-LABEL: func.func @outer_log
// CHECK-DAG: %[[POS:.*]] = sparse_tensor.positions %{{.*}} {level = 1 : index}
// CHECK-DAG: %[[CRD:.*]] = sparse_tensor.coordinates %{{.*}} {level = 1 : index}
// CHECK-DAG: %[[VAL:.*]] = sparse_tensor.values
// CHECK: %[[NNZ:.*]] = memref.load %[[POS]][%[[ROWS:.*]]] : memref<?xindex>
// CHECK: %[[PERROW:.*]] = arith.ceildivui %[[NNZ]],
// CHECK: %[[PERCHUNK:.*]] = arith.divui %{{.*}}, %{{.*}}
// CHECK: %[[PRODUCTS:.*]] = memref.alloc(%{{.*}}) : memref<?xf64>
// CHECK: scf.forall
// CHECK: scf.for %[[E:[a-z0-9_]+]] = %[[BEGIN:[a-z0-9_]+]] to %[[END:[a-z0-9_]+]] step %{{[a-z0-9_]+}} {
// CHECK: memref.load %[[CRD]][%[[E]]]
// CHECK: scf.for
// CHECK: arith.mulf
// CHECK: } {loop_annotation = #[[ANN]]}
// CHECK: memref.store %{{.*}}, %[[PRODUCTS]][%[[E]]]
// CHECK: scf.for %[[F:.*]] = %[[BEGIN]] to %[[END]] step
// CHECK: memref.load %[[VAL]][%[[F]]]
// CHECK: memref.load %[[PRODUCTS]][%[[F]]]
// CHECK-NOT: scf.for
// CHECK: math.log
// CHECK: } {loop_annotation = #[[ANN]]}
func.func @outer_log(%X: tensor<?x?xf64, #CSR>, %U: tensor<?x?xf64>, %V: tensor<?x?xf64>) -> f64 {
  %eps = arith.constant 1.0e-15 : f64
  %s = la.fused(%X, %U, %V, %eps) {driver = 0 : i64, kind = #la.template<outer>, sparse_safe}
      : (tensor<?x?xf64, #CSR>, tensor<?x?xf64>, tensor<?x?xf64>, f64) -> f64 {
  ^bb0(%x: tensor<?x?xf64, #CSR>, %u: tensor<?x?xf64>, %v: tensor<?x?xf64>, %e: f64):
    %vt = la.transpose %v : tensor<?x?xf64>
    %uv = la.matmul %u, %vt : tensor<?x?xf64>, tensor<?x?xf64>
    %a = la.add %uv, %e : tensor<?x?xf64>, f64
    %l = la.log %a : tensor<?x?xf64>
    %p = la.mul %x, %l : tensor<?x?xf64, #CSR>, tensor<?x?xf64> -> tensor<?x?xf64, #CSR>
    %r = la.sum %p : tensor<?x?xf64, #CSR>
    la.yield %r : f64
  }
  return %s : f64
}

// -----

#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>

// Without an aggregate: the result has the driver's pattern. Each chunk of
// rows copies the driver's positions and coordinates and writes one value per
// stored entry; the three buffers are assembled into a CSR of the driver's
// static shape, cast to the declared dynamic type.
// CHECK-LABEL: func.func @outer_sigmoid
// CHECK-DAG: %[[POS:.*]] = sparse_tensor.positions %{{.*}} {level = 1 : index}
// CHECK-DAG: %[[CRD:.*]] = sparse_tensor.coordinates %{{.*}} {level = 1 : index}
// CHECK-DAG: %[[VAL:.*]] = sparse_tensor.values
// CHECK: %[[NNZ:.*]] = memref.load %[[POS]]
// CHECK-DAG: %[[OPOS:.*]] = memref.alloc(%{{.*}}) : memref<?xindex>
// CHECK-DAG: %[[OCRD:.*]] = memref.alloc(%[[NNZ]]) : memref<?xindex>
// CHECK-DAG: %[[OVAL:.*]] = memref.alloc(%[[NNZ]]) : memref<?xf64>
// CHECK: scf.forall
// CHECK: memref.store %{{.*}}, %[[OPOS]]
// CHECK: scf.for
// CHECK: math.exp
// CHECK: memref.store %{{.*}}, %[[OCRD]]
// CHECK: memref.store %{{.*}}, %[[OVAL]]
// CHECK: sparse_tensor.assemble {{.*}} to tensor<100x80xf64, #sparse{{[0-9]*}}>
// CHECK: tensor.cast {{.*}} to tensor<?x?xf64, #sparse{{[0-9]*}}>
func.func @outer_sigmoid(%X: tensor<100x80xf64, #CSR>, %U: tensor<?x?xf64>, %V: tensor<?x?xf64>) -> tensor<?x?xf64, #CSR> {
  %s = la.fused(%X, %U, %V) {driver = 0 : i64, kind = #la.template<outer>, sparse_safe}
      : (tensor<100x80xf64, #CSR>, tensor<?x?xf64>, tensor<?x?xf64>) -> tensor<?x?xf64, #CSR> {
  ^bb0(%x: tensor<100x80xf64, #CSR>, %u: tensor<?x?xf64>, %v: tensor<?x?xf64>):
    %vt = la.transpose %v : tensor<?x?xf64>
    %uv = la.matmul %u, %vt : tensor<?x?xf64>, tensor<?x?xf64>
    %g = la.sigmoid %uv : tensor<?x?xf64>
    %p = la.mul %x, %g : tensor<100x80xf64, #CSR>, tensor<?x?xf64> -> tensor<?x?xf64, #CSR>
    la.yield %p : tensor<?x?xf64, #CSR>
  }
  return %s : tensor<?x?xf64, #CSR>
}

// -----

// Closing product (X * sigmoid(U %*% t(V))) %*% W: row i of the m x k result
// is zeroed, the row's cell values are computed into a buffer (a loop of its
// own, vectorized), then every stored entry (i, j) adds its cell value times
// row j of W; chunks of rows write disjoint rows of one buffer.
#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>
// CHECK-LABEL: func.func @outer_closing_product
// CHECK: cf.assert {{.*}}the closing product's inner sizes differ
// CHECK: %[[OUT:.*]] = memref.alloc(%{{.*}}, %{{.*}}) : memref<?x?xf64>
// CHECK: %[[PRODUCTS:.*]] = memref.alloc(%{{.*}}) : memref<?xf64>
// CHECK: %[[CELLS:.*]] = memref.alloc(%{{.*}}) : memref<?xf64>
// CHECK: scf.forall
// CHECK: memref.store %{{.*}}, %[[OUT]]
// CHECK: math.exp
// CHECK: memref.store %{{.*}}, %[[CELLS]]
// CHECK: } {loop_annotation =
// CHECK: memref.load %[[CELLS]]
// CHECK: memref.load %[[OUT]]
// CHECK: arith.mulf
// CHECK: arith.addf
// CHECK: memref.store %{{.*}}, %[[OUT]]
// CHECK: bufferization.to_tensor %[[OUT]] restrict
func.func @outer_closing_product(%X: tensor<?x?xf64, #CSR>, %U: tensor<?x?xf64>, %V: tensor<?x?xf64>, %W: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %s = la.fused(%X, %U, %V, %W) {driver = 0 : i64, kind = #la.template<outer>, sparse_safe}
      : (tensor<?x?xf64, #CSR>, tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x?xf64>) -> tensor<?x?xf64> {
  ^bb0(%x: tensor<?x?xf64, #CSR>, %u: tensor<?x?xf64>, %v: tensor<?x?xf64>, %w: tensor<?x?xf64>):
    %vt = la.transpose %v : tensor<?x?xf64>
    %uv = la.matmul %u, %vt : tensor<?x?xf64>, tensor<?x?xf64>
    %g = la.sigmoid %uv : tensor<?x?xf64>
    %p = la.mul %x, %g : tensor<?x?xf64, #CSR>, tensor<?x?xf64> -> tensor<?x?xf64, #CSR>
    %r = la.matmul %p, %w : tensor<?x?xf64, #CSR>, tensor<?x?xf64>
    la.yield %r : tensor<?x?xf64>
  }
  return %s : tensor<?x?xf64>
}

// -----

// Transposed closing product t(X * sigmoid(U %*% t(V))) %*% U: rows of the
// n x k result collide between chunks, so each chunk zeroes and fills its own
// slab of chunks x n x k partials (chunks capped by the partials' size), and
// a linalg.reduce sums the slabs.
#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>
// CHECK-LABEL: func.func @outer_transposed_closing_product
// CHECK: cf.assert {{.*}}the closing product's inner sizes differ
// CHECK: arith.minui
// CHECK: %[[PART:.*]] = memref.alloc(%{{.*}}, %{{.*}}, %{{.*}}) : memref<?x?x?xf64>
// CHECK: scf.forall (%[[CHUNK:.*]]) in
// CHECK: memref.store %{{.*}}, %[[PART]][%[[CHUNK]],
// CHECK: math.exp
// CHECK: memref.load %[[PART]][%[[CHUNK]],
// CHECK: memref.store %{{.*}}, %[[PART]][%[[CHUNK]],
// CHECK: %[[T:.*]] = bufferization.to_tensor %[[PART]] restrict
// CHECK: linalg.reduce ins(%[[T]] : tensor<?x?x?xf64>) {{.*}} dimensions = [0]
func.func @outer_transposed_closing_product(%X: tensor<?x?xf64, #CSR>, %U: tensor<?x?xf64>, %V: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %s = la.fused(%X, %U, %V) {driver = 0 : i64, kind = #la.template<outer>, sparse_safe}
      : (tensor<?x?xf64, #CSR>, tensor<?x?xf64>, tensor<?x?xf64>) -> tensor<?x?xf64> {
  ^bb0(%x: tensor<?x?xf64, #CSR>, %u: tensor<?x?xf64>, %v: tensor<?x?xf64>):
    %vt = la.transpose %v : tensor<?x?xf64>
    %uv = la.matmul %u, %vt : tensor<?x?xf64>, tensor<?x?xf64>
    %g = la.sigmoid %uv : tensor<?x?xf64>
    %p = la.mul %x, %g : tensor<?x?xf64, #CSR>, tensor<?x?xf64> -> tensor<?x?xf64, #CSR>
    %pt = la.transpose %p : tensor<?x?xf64, #CSR>
    %r = la.matmul %pt, %u : tensor<?x?xf64, #CSR>, tensor<?x?xf64>
    la.yield %r : tensor<?x?xf64>
  }
  return %s : tensor<?x?xf64>
}
