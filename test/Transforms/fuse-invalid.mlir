// RUN: echo 'module {}' | not lauryn-opt --la-fuse=selector=best 2>&1 | FileCheck %s --check-prefix=SEL
// RUN: echo 'module {}' | not lauryn-opt --la-fuse=gflops=0 2>&1 | FileCheck %s --check-prefix=RATE
// RUN: lauryn-opt %s -split-input-file -verify-diagnostics

// SEL: error: la-fuse: unknown selector 'best' (expected cost, all, heuristic or none)
// RATE: error: la-fuse: bandwidth and gflops must be positive

func.func @driver_out_of_range(%X: tensor<4x4xf64>) -> f64 {
  // expected-error @+1 {{driver 3 is not an operand index (1 operands)}}
  %s = la.fused (%X) {kind = #la.template<cell>, driver = 3 : i64} : (tensor<4x4xf64>) -> f64 {
  ^bb0(%x: tensor<4x4xf64>):
    %0 = la.sum %x : tensor<4x4xf64>
    la.yield %0 : f64
  }
  return %s : f64
}

// -----

func.func @matmul_in_cell(%X: tensor<4x4xf64>) -> tensor<4x4xf64> {
  %s = la.fused (%X) {kind = #la.template<cell>} : (tensor<4x4xf64>) -> tensor<4x4xf64> {
  ^bb0(%x: tensor<4x4xf64>):
    // expected-error @+1 {{cannot be part of a fused operator}}
    %0 = la.matmul %x, %x : tensor<4x4xf64>, tensor<4x4xf64>
    la.yield %0 : tensor<4x4xf64>
  }
  return %s : tensor<4x4xf64>
}

// -----

func.func @aggregate_used_inside(%X: tensor<4x4xf64>) -> tensor<4x4xf64> {
  %s = la.fused (%X) {kind = #la.template<cell>} : (tensor<4x4xf64>) -> tensor<4x4xf64> {
  ^bb0(%x: tensor<4x4xf64>):
    // expected-error @+1 {{aggregate of a fused operator must be yielded directly}}
    %0 = la.sum %x : tensor<4x4xf64>
    %1 = la.mul %x, %0 : tensor<4x4xf64>, f64
    la.yield %1 : tensor<4x4xf64>
  }
  return %s : tensor<4x4xf64>
}

// -----

func.func @var_not_fusible(%X: tensor<4x4xf64>) -> f64 {
  %s = la.fused (%X) {kind = #la.template<cell>} : (tensor<4x4xf64>) -> f64 {
  ^bb0(%x: tensor<4x4xf64>):
    // expected-error @+1 {{is not a fusible aggregate}}
    %0 = la.var %x : tensor<4x4xf64>
    la.yield %0 : f64
  }
  return %s : f64
}

// -----

func.func @magg_row_aggregate(%X: tensor<4x4xf64>) -> (f64, tensor<4x1xf64>) {
  %s:2 = la.fused (%X) {kind = #la.template<magg>} : (tensor<4x4xf64>) -> (f64, tensor<4x1xf64>) {
  ^bb0(%x: tensor<4x4xf64>):
    %0 = la.sum %x : tensor<4x4xf64>
    // expected-error @+1 {{a multi-aggregate combines full aggregates only}}
    %1 = la.sum row %x : tensor<4x4xf64>
    la.yield %0, %1 : f64, tensor<4x1xf64>
  }
  return %s#0, %s#1 : f64, tensor<4x1xf64>
}

// -----

func.func @two_spaces(%X: tensor<4x4xf64>, %Y: tensor<4x8xf64>) -> f64 {
  %s = la.fused (%X, %Y) {kind = #la.template<cell>} : (tensor<4x4xf64>, tensor<4x8xf64>) -> f64 {
  ^bb0(%x: tensor<4x4xf64>, %y: tensor<4x8xf64>):
    // expected-error @+1 {{result shape differs from the iteration space 'tensor<4x8xf64>'}}
    %0 = la.exp %x : tensor<4x4xf64>
    %1 = la.exp %y : tensor<4x8xf64>
    %2 = la.sum %1 : tensor<4x8xf64>
    la.yield %2 : f64
  }
  return %s : f64
}

// -----

func.func @not_sparse_safe(%X: tensor<4x4xf64>) -> f64 {
  // expected-error @+1 {{is marked sparse_safe but its body is not zero where the driver is zero}}
  %s = la.fused (%X) {kind = #la.template<cell>, sparse_safe} : (tensor<4x4xf64>) -> f64 {
  ^bb0(%x: tensor<4x4xf64>):
    %0 = la.exp %x : tensor<4x4xf64>
    %1 = la.sum %0 : tensor<4x4xf64>
    la.yield %1 : f64
  }
  return %s : f64
}

// -----

func.func @argument_type(%X: tensor<4x4xf64>) -> f64 {
  // expected-error @+1 {{body argument #0 of type 'tensor<4x4xf32>' does not fit operand type 'tensor<4x4xf64>'}}
  %s = la.fused (%X) {kind = #la.template<cell>} : (tensor<4x4xf64>) -> f64 {
  ^bb0(%x: tensor<4x4xf32>):
    %0 = la.sum %x : tensor<4x4xf32>
    %1 = arith.extf %0 : f32 to f64
    la.yield %1 : f64
  }
  return %s : f64
}

// -----

func.func @outer_two_products(%X: tensor<4x4xf64>, %U: tensor<4x2xf64>, %W: tensor<2x4xf64>) -> f64 {
  %s = la.fused (%X, %U, %W) {kind = #la.template<outer>} : (tensor<4x4xf64>, tensor<4x2xf64>, tensor<2x4xf64>) -> f64 {
  ^bb0(%x: tensor<4x4xf64>, %u: tensor<4x2xf64>, %w: tensor<2x4xf64>):
    %0 = la.matmul %u, %w : tensor<4x2xf64>, tensor<2x4xf64>
    // expected-error @+1 {{is a second product in an outer template}}
    %1 = la.matmul %u, %w : tensor<4x2xf64>, tensor<2x4xf64>
    %2 = la.mul %0, %1 : tensor<4x4xf64>, tensor<4x4xf64>
    %3 = la.sum %2 : tensor<4x4xf64>
    la.yield %3 : f64
  }
  return %s : f64
}

// -----

func.func @outer_column_sums(%X: tensor<4x4xf64>, %U: tensor<4x2xf64>, %W: tensor<2x4xf64>) -> tensor<1x4xf64> {
  %s = la.fused (%X, %U, %W) {kind = #la.template<outer>} : (tensor<4x4xf64>, tensor<4x2xf64>, tensor<2x4xf64>) -> tensor<1x4xf64> {
  ^bb0(%x: tensor<4x4xf64>, %u: tensor<4x2xf64>, %w: tensor<2x4xf64>):
    %0 = la.matmul %u, %w : tensor<4x2xf64>, tensor<2x4xf64>
    %1 = la.mul %x, %0 : tensor<4x4xf64>, tensor<4x4xf64>
    // expected-error @+1 {{an outer template closes with a sum or sum of squares over all cells or rows}}
    %2 = la.sum col %1 : tensor<4x4xf64>
    la.yield %2 : tensor<1x4xf64>
  }
  return %s : tensor<1x4xf64>
}

// -----

func.func @outer_product_of_intermediate(%X: tensor<4x4xf64>, %U: tensor<4x2xf64>, %W: tensor<2x4xf64>) -> f64 {
  %s = la.fused (%X, %U, %W) {kind = #la.template<outer>} : (tensor<4x4xf64>, tensor<4x2xf64>, tensor<2x4xf64>) -> f64 {
  ^bb0(%x: tensor<4x4xf64>, %u: tensor<4x2xf64>, %w: tensor<2x4xf64>):
    %e = la.exp %u : tensor<4x2xf64>
    // expected-error @+1 {{of an outer template multiplies operands (or a transposed operand) only}}
    %0 = la.matmul %e, %w : tensor<4x2xf64>, tensor<2x4xf64>
    %1 = la.mul %x, %0 : tensor<4x4xf64>, tensor<4x4xf64>
    %2 = la.sum %1 : tensor<4x4xf64>
    la.yield %2 : f64
  }
  return %s : f64
}

// -----

// An m x 1 result must derive from a row reduction: exp(v) of an m x 1
// operand could be 1 x 1 at run time (typed ?x1), and is not row work.
func.func @row_result_of_operand(%X: tensor<4x3xf64>, %v: tensor<4x1xf64>) -> (tensor<4x1xf64>, tensor<4x1xf64>) {
  // expected-error @+1 {{every result of a row template must be a column accumulation, a dense m x n cell value or a dense m x 1 value computed from a row reduction}}
  %s:2 = la.fused (%X, %v) {kind = #la.template<row>} : (tensor<4x3xf64>, tensor<4x1xf64>) -> (tensor<4x1xf64>, tensor<4x1xf64>) {
  ^bb0(%x: tensor<4x3xf64>, %w: tensor<4x1xf64>):
    %0 = la.sum row %x : tensor<4x3xf64> -> tensor<4x1xf64>
    %1 = la.exp %w : tensor<4x1xf64>
    la.yield %0, %1 : tensor<4x1xf64>, tensor<4x1xf64>
  }
  return %s#0, %s#1 : tensor<4x1xf64>, tensor<4x1xf64>
}

// -----

func.func @row_aligned_result_of_no_columns(%X: tensor<4x0xf64>) -> tensor<4x0xf64> {
  // expected-error @+1 {{a row template with row-aligned results needs rows of at least one cell}}
  %s = la.fused (%X) {kind = #la.template<row>} : (tensor<4x0xf64>) -> tensor<4x0xf64> {
  ^bb0(%x: tensor<4x0xf64>):
    %0 = la.sum row %x : tensor<4x0xf64> -> tensor<4x1xf64>
    %1 = la.div %x, %0 : tensor<4x0xf64>, tensor<4x1xf64>
    la.yield %1 : tensor<4x0xf64>
  }
  return %s : tensor<4x0xf64>
}

// -----

func.func @row_product_of_intermediate(%X: tensor<4x3xf64>, %v: tensor<3x1xf64>) -> tensor<3x1xf64> {
  %s = la.fused (%X, %v) {kind = #la.template<row>} : (tensor<4x3xf64>, tensor<3x1xf64>) -> tensor<3x1xf64> {
  ^bb0(%x: tensor<4x3xf64>, %u: tensor<3x1xf64>):
    // expected-error @+1 {{does not fit a row template over 'tensor<4x3xf64>'}}
    %e = la.exp %u : tensor<3x1xf64>
    %0 = la.matmul %x, %e : tensor<4x3xf64>, tensor<3x1xf64>
    %t = la.transpose %x : tensor<4x3xf64>
    %1 = la.matmul %t, %0 : tensor<3x4xf64>, tensor<4x1xf64>
    la.yield %1 : tensor<3x1xf64>
  }
  return %s : tensor<3x1xf64>
}

// -----

func.func @row_cross_row_op(%X: tensor<4x3xf64>, %v: tensor<3x1xf64>) -> tensor<1x3xf64> {
  %s = la.fused (%X, %v) {kind = #la.template<row>} : (tensor<4x3xf64>, tensor<3x1xf64>) -> tensor<1x3xf64> {
  ^bb0(%x: tensor<4x3xf64>, %u: tensor<3x1xf64>):
    %0 = la.matmul %x, %u : tensor<4x3xf64>, tensor<3x1xf64>
    // expected-error @+1 {{does not fit a row template over 'tensor<4x3xf64>'}}
    %r = la.rev %x : tensor<4x3xf64>
    %1 = la.div %r, %0 : tensor<4x3xf64>, tensor<4x1xf64>
    %2 = la.sum col %1 : tensor<4x3xf64>
    la.yield %2 : tensor<1x3xf64>
  }
  return %s : tensor<1x3xf64>
}

// -----

func.func @row_driver_not_in_space(%w: tensor<4x1xf64>, %r: tensor<1x3xf64>) -> tensor<1x3xf64> {
  // expected-error @+1 {{the driver of a row template must be read row by row (a cell operand of the iteration space 'tensor<4x3xf64>'}}
  %s = la.fused (%w, %r) {kind = #la.template<row>} : (tensor<4x1xf64>, tensor<1x3xf64>) -> tensor<1x3xf64> {
  ^bb0(%a: tensor<4x1xf64>, %b: tensor<1x3xf64>):
    %0 = la.mul %a, %b : tensor<4x1xf64>, tensor<1x3xf64> -> tensor<4x3xf64>
    %1 = la.sum row %0 : tensor<4x3xf64> -> tensor<4x1xf64>
    %2 = la.div %0, %1 : tensor<4x3xf64>, tensor<4x1xf64>
    %3 = la.sum col %2 : tensor<4x3xf64>
    la.yield %3 : tensor<1x3xf64>
  }
  return %s : tensor<1x3xf64>
}

// -----

#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>
func.func @row_sparse_cellwise(%X: tensor<4x3xf64, #CSR>) -> tensor<1x3xf64> {
  // expected-error @+1 {{a sparse_safe row template reads a CSR driver only by sums of the driver itself}}
  %s = la.fused (%X) {kind = #la.template<row>, sparse_safe} : (tensor<4x3xf64, #CSR>) -> tensor<1x3xf64> {
  ^bb0(%x: tensor<4x3xf64, #CSR>):
    %0 = la.exp %x : tensor<4x3xf64, #CSR> -> tensor<4x3xf64>
    %1 = la.sum col %0 : tensor<4x3xf64>
    la.yield %1 : tensor<1x3xf64>
  }
  return %s : tensor<1x3xf64>
}

// -----

#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>
func.func @row_sparse_not_marked(%X: tensor<4x3xf64, #CSR>) -> tensor<1x3xf64> {
  // expected-error @+1 {{a row template over a CSR driver iterates its stored entries (sparse_safe)}}
  %s = la.fused (%X) {kind = #la.template<row>} : (tensor<4x3xf64, #CSR>) -> tensor<1x3xf64> {
  ^bb0(%x: tensor<4x3xf64, #CSR>):
    %1 = la.sum col %x : tensor<4x3xf64, #CSR>
    la.yield %1 : tensor<1x3xf64>
  }
  return %s : tensor<1x3xf64>
}

// -----

func.func @row_product_of_computed_value(%X: tensor<?x?xf64>, %B: tensor<?x?xf64>) -> tensor<1x?xf64> {
  %s = la.fused (%X, %B) {kind = #la.template<row>} : (tensor<?x?xf64>, tensor<?x?xf64>) -> tensor<1x?xf64> {
  ^bb0(%x: tensor<?x?xf64>, %b: tensor<?x?xf64>):
    %e = la.exp %b : tensor<?x?xf64>
    // expected-error @+1 {{of a row template multiplies two operands of the fused op}}
    %0 = la.matmul %x, %e : tensor<?x?xf64>, tensor<?x?xf64>
    %1 = la.max row %0 : tensor<?x?xf64>
    %2 = la.sub %0, %1 : tensor<?x?xf64>, tensor<?x1xf64>
    %3 = la.sum col %2 : tensor<?x?xf64>
    la.yield %3 : tensor<1x?xf64>
  }
  return %s : tensor<1x?xf64>
}

// -----

func.func @row_outer_of_computed_value(%X: tensor<?x?xf64>, %B: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %s = la.fused (%X, %B) {kind = #la.template<row>} : (tensor<?x?xf64>, tensor<?x?xf64>) -> tensor<?x?xf64> {
  ^bb0(%x: tensor<?x?xf64>, %b: tensor<?x?xf64>):
    %0 = la.matmul %x, %b : tensor<?x?xf64>, tensor<?x?xf64>
    %1 = la.max row %0 : tensor<?x?xf64>
    %2 = la.sub %0, %1 : tensor<?x?xf64>, tensor<?x1xf64>
    %t = la.transpose %2 : tensor<?x?xf64>
    %e = la.exp %x : tensor<?x?xf64>
    // expected-error @+1 {{of a row template accumulates t(A) %*% B with B an operand}}
    %3 = la.matmul %t, %e : tensor<?x?xf64>, tensor<?x?xf64>
    la.yield %3 : tensor<?x?xf64>
  }
  return %s : tensor<?x?xf64>
}

// -----

func.func @row_two_widths(%X: tensor<?x?xf64>, %Y: tensor<?x?xf64>) -> tensor<1x?xf64> {
  // expected-error @+1 {{a row template computes cells of one width}}
  %s = la.fused (%X, %Y) {kind = #la.template<row>} : (tensor<?x?xf64>, tensor<?x?xf64>) -> tensor<1x?xf64> {
  ^bb0(%x: tensor<?x?xf64>, %y: tensor<?x?xf64>):
    %0 = la.sum row %y : tensor<?x?xf64>
    %1 = la.div %x, %0 : tensor<?x?xf64>, tensor<?x1xf64>
    %2 = la.sum col %1 : tensor<?x?xf64>
    la.yield %2 : tensor<1x?xf64>
  }
  return %s : tensor<1x?xf64>
}

// -----

#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>
func.func @outer_sparse_output_dynamic_driver(%X: tensor<?x?xf64, #CSR>, %U: tensor<?x?xf64>, %W: tensor<?x?xf64>) -> tensor<?x?xf64, #CSR> {
  // expected-error @+1 {{an outer template without aggregate iterates the stored entries of a sparse driver of static shape}}
  %s = la.fused (%X, %U, %W) {kind = #la.template<outer>, sparse_safe} : (tensor<?x?xf64, #CSR>, tensor<?x?xf64>, tensor<?x?xf64>) -> tensor<?x?xf64, #CSR> {
  ^bb0(%x: tensor<?x?xf64, #CSR>, %u: tensor<?x?xf64>, %w: tensor<?x?xf64>):
    %0 = la.matmul %u, %w : tensor<?x?xf64>, tensor<?x?xf64>
    %1 = la.mul %x, %0 : tensor<?x?xf64, #CSR>, tensor<?x?xf64> -> tensor<?x?xf64, #CSR>
    la.yield %1 : tensor<?x?xf64, #CSR>
  }
  return %s : tensor<?x?xf64, #CSR>
}

// -----

#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>
func.func @outer_closing_product_of_intermediate(%X: tensor<4x4xf64, #CSR>, %U: tensor<4x2xf64>, %W: tensor<2x4xf64>) -> tensor<4x2xf64> {
  %s = la.fused (%X, %U, %W) {kind = #la.template<outer>, sparse_safe} : (tensor<4x4xf64, #CSR>, tensor<4x2xf64>, tensor<2x4xf64>) -> tensor<4x2xf64> {
  ^bb0(%x: tensor<4x4xf64, #CSR>, %u: tensor<4x2xf64>, %w: tensor<2x4xf64>):
    %0 = la.matmul %u, %w : tensor<4x2xf64>, tensor<2x4xf64>
    %1 = la.mul %x, %0 : tensor<4x4xf64, #CSR>, tensor<4x4xf64> -> tensor<4x4xf64, #CSR>
    %e = la.exp %u : tensor<4x2xf64>
    // expected-error @+1 {{closes an outer template with a product of the cell values and an operand only}}
    %2 = la.matmul %1, %e : tensor<4x4xf64, #CSR>, tensor<4x2xf64>
    la.yield %2 : tensor<4x2xf64>
  }
  return %s : tensor<4x2xf64>
}

// -----

#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>
func.func @outer_closing_product_of_driver(%X: tensor<4x4xf64, #CSR>, %U: tensor<4x2xf64>, %W: tensor<2x4xf64>) -> tensor<4x4xf64> {
  %s = la.fused (%X, %U, %W) {kind = #la.template<outer>, sparse_safe} : (tensor<4x4xf64, #CSR>, tensor<4x2xf64>, tensor<2x4xf64>) -> tensor<4x4xf64> {
  ^bb0(%x: tensor<4x4xf64, #CSR>, %u: tensor<4x2xf64>, %w: tensor<2x4xf64>):
    %0 = la.matmul %u, %w : tensor<4x2xf64>, tensor<2x4xf64>
    %1 = la.mul %x, %0 : tensor<4x4xf64, #CSR>, tensor<4x4xf64> -> tensor<4x4xf64, #CSR>
    // expected-error @+1 {{closes an outer template with a product of the cell values and an operand only}}
    %2 = la.matmul %1, %x : tensor<4x4xf64, #CSR>, tensor<4x4xf64, #CSR>
    la.yield %2 : tensor<4x4xf64>
  }
  return %s : tensor<4x4xf64>
}

// -----

func.func @outer_closing_product_dense_driver(%X: tensor<4x4xf64>, %U: tensor<4x2xf64>, %W: tensor<2x4xf64>, %Y: tensor<4x2xf64>) -> tensor<4x2xf64> {
  // expected-error @+1 {{an outer template closing with a product iterates the stored entries of a sparse driver}}
  %s = la.fused (%X, %U, %W, %Y) {kind = #la.template<outer>} : (tensor<4x4xf64>, tensor<4x2xf64>, tensor<2x4xf64>, tensor<4x2xf64>) -> tensor<4x2xf64> {
  ^bb0(%x: tensor<4x4xf64>, %u: tensor<4x2xf64>, %w: tensor<2x4xf64>, %y: tensor<4x2xf64>):
    %0 = la.matmul %u, %w : tensor<4x2xf64>, tensor<2x4xf64>
    %1 = la.mul %x, %0 : tensor<4x4xf64>, tensor<4x4xf64>
    %2 = la.matmul %1, %y : tensor<4x4xf64>, tensor<4x2xf64>
    la.yield %2 : tensor<4x2xf64>
  }
  return %s : tensor<4x2xf64>
}

// -----

#CSC = #sparse_tensor.encoding<{ map = (i, j) -> (j : dense, i : compressed) }>
func.func @outer_csc_driver(%X: tensor<4x4xf64, #CSC>, %U: tensor<4x2xf64>, %W: tensor<2x4xf64>) -> f64 {
  // expected-error @+1 {{an outer template walks its sparse driver as CSR}}
  %s = la.fused (%X, %U, %W) {kind = #la.template<outer>, sparse_safe} : (tensor<4x4xf64, #CSC>, tensor<4x2xf64>, tensor<2x4xf64>) -> f64 {
  ^bb0(%x: tensor<4x4xf64, #CSC>, %u: tensor<4x2xf64>, %w: tensor<2x4xf64>):
    %0 = la.matmul %u, %w : tensor<4x2xf64>, tensor<2x4xf64>
    %1 = la.mul %x, %0 : tensor<4x4xf64, #CSC>, tensor<4x4xf64> -> tensor<4x4xf64, #CSC>
    %2 = la.sum %1 : tensor<4x4xf64, #CSC> -> f64
    la.yield %2 : f64
  }
  return %s : f64
}

// -----

// A division over a CSR driver is not something the sparsifier computes:
// loops over the stored entries, which assemble a sparse result of static
// shape only.
#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>
func.func @cell_division_dynamic_driver(%X: tensor<?x?xf64, #CSR>, %Y: tensor<?x?xf64>) -> tensor<?x?xf64, #CSR> {
  // expected-error @+1 {{a cell template over a sparse driver whose body the sparsifier cannot compute (a division, a comparison) needs an aggregate or a driver of static shape}}
  %s = la.fused (%X, %Y) {kind = #la.template<cell>, sparse_safe} : (tensor<?x?xf64, #CSR>, tensor<?x?xf64>) -> tensor<?x?xf64, #CSR> {
  ^bb0(%x: tensor<?x?xf64, #CSR>, %y: tensor<?x?xf64>):
    %0 = la.div %x, %y : tensor<?x?xf64, #CSR>, tensor<?x?xf64>
    la.yield %0 : tensor<?x?xf64, #CSR>
  }
  return %s : tensor<?x?xf64, #CSR>
}

// -----

func.func @row_aligned_result_twice(%X: tensor<4x3xf64>) -> (tensor<4x3xf64>, tensor<4x3xf64>) {
  // expected-error @+1 {{yields a row-aligned result more than once}}
  %s:2 = la.fused (%X) {kind = #la.template<row>} : (tensor<4x3xf64>) -> (tensor<4x3xf64>, tensor<4x3xf64>) {
  ^bb0(%x: tensor<4x3xf64>):
    %0 = la.sum row %x : tensor<4x3xf64> -> tensor<4x1xf64>
    %1 = la.div %x, %0 : tensor<4x3xf64>, tensor<4x1xf64>
    la.yield %1, %1 : tensor<4x3xf64>, tensor<4x3xf64>
  }
  return %s#0, %s#1 : tensor<4x3xf64>, tensor<4x3xf64>
}
