// Every verifier and type-inference error of the la dialect, with its location.
// RUN: lauryn-opt %s -split-input-file -verify-diagnostics

func.func @binary_shapes(%A: tensor<3x4xf64>, %B: tensor<5x4xf64>) {
  // expected-error @+1 {{'la.add' op operands have incompatible row counts (3 vs 5)}}
  %0 = la.add %A, %B : tensor<3x4xf64>, tensor<5x4xf64>
  return
}

// -----

func.func @binary_cols(%A: tensor<3x4xf64>, %B: tensor<3x2xf64>) {
  // expected-error @+1 {{'la.mul' op operands have incompatible column counts (4 vs 2)}}
  %0 = la.mul %A, %B : tensor<3x4xf64>, tensor<3x2xf64>
  return
}

// -----

func.func @binary_element_types(%A: tensor<3x4xf64>, %s: f32) {
  // expected-error @+1 {{'la.sub' op operands have different element types ('f64' vs 'f32'); insert an explicit la.cast}}
  %0 = la.sub %A, %s : tensor<3x4xf64>, f32
  return
}

// -----

func.func @rank(%A: tensor<3xf64>) {
  // expected-error @+1 {{'la.neg' op operand #0 must be a 2-D matrix or a scalar, got 'tensor<3xf64>'}}
  %0 = la.neg %A : tensor<3xf64>
  return
}

// -----

func.func @element_type(%A: tensor<3x3xi16>) {
  // expected-error @+1 {{'la.abs' op operand #0 has element type 'i16'; expected one of f64, f32, bf16, i64, i32, i8}}
  %0 = la.abs %A : tensor<3x3xi16>
  return
}

// -----

func.func @float_only(%A: tensor<3x3xi64>) {
  // expected-error @+1 {{'la.exp' op requires a floating-point element type, got 'i64'}}
  %0 = la.exp %A : tensor<3x3xi64>
  return
}

// -----

func.func @encoding(%A: tensor<3x3xf64, "bogus">) {
  // expected-error @+1 {{'la.abs' op operand #0 has an encoding that is not a sparse_tensor encoding}}
  %0 = la.abs %A : tensor<3x3xf64, "bogus">
  return
}

// -----

func.func @explicit_result_shape(%A: tensor<3x4xf64>) {
  // expected-error @+2 {{'la.abs' op inferred type(s) 'tensor<3x4xf64>' are incompatible with return type(s) of operation 'tensor<4x3xf64>'}}
  // expected-error @+1 {{'la.abs' op failed to infer returned types}}
  %0 = la.abs %A : tensor<3x4xf64> -> tensor<4x3xf64>
  return
}

// -----

func.func @ifelse_branches(%c: tensor<2x2xf64>, %a: tensor<2x2xf64>, %b: tensor<2x2xf32>) {
  // expected-error @+1 {{'la.ifelse' op branches have different element types ('f64' vs 'f32')}}
  %0 = la.ifelse %c, %a, %b : tensor<2x2xf64>, tensor<2x2xf64>, tensor<2x2xf32>
  return
}

// -----

func.func @aggregate_scalar(%s: f64) {
  // expected-error @+1 {{'la.sum' op input must be a matrix, got scalar 'f64'}}
  %0 = la.sum %s : f64
  return
}

// -----

func.func @mean_of_integers(%A: tensor<2x2xi64>) {
  // expected-error @+1 {{'la.mean' op requires a floating-point element type, got 'i64'; cast first}}
  %0 = la.mean %A : tensor<2x2xi64>
  return
}

// -----

func.func @bad_axis(%A: tensor<2x2xf64>) {
  // expected-error @+1 {{unknown axis 'rows'; expected all, row or col}}
  %0 = la.sum rows %A : tensor<2x2xf64>
  return
}

// -----

func.func @matmul_inner(%A: tensor<3x4xf64>, %B: tensor<5x2xf64>) {
  // expected-error @+1 {{'la.matmul' op inner dimensions differ: lhs is 3x4, rhs is 5x2}}
  %0 = la.matmul %A, %B : tensor<3x4xf64>, tensor<5x2xf64>
  return
}

// -----

func.func @matmul_scalar(%A: tensor<3x4xf64>, %s: f64) {
  // expected-error @+1 {{'la.matmul' op rhs must be a matrix, got scalar 'f64'}}
  %0 = la.matmul %A, %s : tensor<3x4xf64>, f64
  return
}

// -----

func.func @reshape_cells(%A: tensor<3x4xf64>) {
  // expected-error @+1 {{'la.reshape' op cannot reshape 3x4 (12 cells) to 5x2 (10 cells)}}
  %0 = la.reshape %A : tensor<3x4xf64> -> tensor<5x2xf64>
  return
}

// -----

func.func @reshape_sizes(%A: tensor<3x4xf64>) {
  // expected-error @+1 {{'la.reshape' op expects one index operand per dynamic result dimension: 1 dynamic, 0 given}}
  %0 = la.reshape %A : tensor<3x4xf64> -> tensor<?x2xf64>
  return
}

// -----

func.func @reshape_type(%A: tensor<3x4xf64>) {
  // expected-error @+1 {{'la.reshape' op changes the element type ('f64' to 'f32'); use la.cast}}
  %0 = la.reshape %A : tensor<3x4xf64> -> tensor<2x6xf32>
  return
}

// -----

func.func @reshape_no_result(%A: tensor<3x4xf64>) {
  // expected-error @+1 {{expected '->' followed by the result type of 'la.reshape'}}
  %0 = la.reshape %A : tensor<3x4xf64>
  return
}

// -----

func.func @cbind_rows(%A: tensor<3x4xf64>, %B: tensor<2x4xf64>) {
  // expected-error @+1 {{'la.cbind' op operand #1 has 2 rows, expected 3}}
  %0 = la.cbind %A, %B : tensor<3x4xf64>, tensor<2x4xf64>
  return
}

// -----

func.func @rbind_cols(%A: tensor<3x4xf64>, %B: tensor<3x2xf64>) {
  // expected-error @+1 {{'la.rbind' op operand #1 has 2 columns, expected 4}}
  %0 = la.rbind %A, %B : tensor<3x4xf64>, tensor<3x2xf64>
  return
}

// -----

func.func @bind_types(%A: tensor<3x4xf64>, %B: tensor<3x4xi64>) {
  // expected-error @+1 {{'la.rbind' op operands have different element types ('f64' vs 'i64')}}
  %0 = la.rbind %A, %B : tensor<3x4xf64>, tensor<3x4xi64>
  return
}

// -----

func.func @slice_bounds(%A: tensor<3x4xf64>) {
  %c0 = arith.constant 0 : index
  %c2 = arith.constant 2 : index
  %c5 = arith.constant 5 : index
  // expected-error @+1 {{'la.slice' op column end 5 exceeds the dimension size 4}}
  %0 = la.slice %A, %c0, %c2, %c0, %c5 : tensor<3x4xf64>, index, index, index, index
  return
}

// -----

func.func @slice_reversed(%A: tensor<?x?xf64>) {
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  // expected-error @+1 {{'la.slice' op row range [2, 1) is reversed}}
  %0 = la.slice %A, %c2, %c1, %c1, %c2 : tensor<?x?xf64>, index, index, index, index
  return
}

// -----

func.func @slice_negative(%A: tensor<?x?xf64>) {
  %m1 = arith.constant -1 : index
  %c2 = arith.constant 2 : index
  // expected-error @+1 {{'la.slice' op row begin -1 is negative}}
  %0 = la.slice %A, %m1, %c2, %c2, %c2 : tensor<?x?xf64>, index, index, index, index
  return
}

// -----

func.func @slice_operand_types(%A: tensor<3x4xf64>, %i: i64) {
  // expected-error @+1 {{'la.slice' op operand #1 must be index, but got 'i64'}}
  %0 = la.slice %A, %i, %i, %i, %i : tensor<3x4xf64>, i64, i64, i64, i64
  return
}

// -----

func.func @insert_fit(%S: tensor<2x2xf64>, %D: tensor<3x3xf64>) {
  %c2 = arith.constant 2 : index
  %c0 = arith.constant 0 : index
  // expected-error @+1 {{'la.insert' op source does not fit: row offset 2 + 2 > 3}}
  %0 = la.insert %S, %D, %c2, %c0 : tensor<2x2xf64>, tensor<3x3xf64>, index, index
  return
}

// -----

func.func @insert_extent(%S: tensor<4x2xf64>, %D: tensor<3x3xf64>, %i: index) {
  // expected-error @+1 {{'la.insert' op source row extent 4 exceeds the dest size 3}}
  %0 = la.insert %S, %D, %i, %i : tensor<4x2xf64>, tensor<3x3xf64>, index, index
  return
}

// -----

func.func @diag_shape(%A: tensor<3x4xf64>) {
  // expected-error @+1 {{'la.diag' op input must be a column vector (n x 1) or square, got 3x4}}
  %0 = la.diag %A : tensor<3x4xf64>
  return
}

// -----

func.func @solve_square(%A: tensor<3x4xf64>, %b: tensor<3x1xf64>) {
  // expected-error @+1 {{'la.solve' op lhs must be square, got 3x4}}
  %0 = la.solve %A, %b : tensor<3x4xf64>, tensor<3x1xf64>
  return
}

// -----

func.func @solve_rhs(%A: tensor<3x3xf64>, %b: tensor<4x1xf64>) {
  // expected-error @+1 {{'la.solve' op rhs has 4 rows, expected 3}}
  %0 = la.solve %A, %b : tensor<3x3xf64>, tensor<4x1xf64>
  return
}

// -----

func.func @solve_int(%A: tensor<3x3xi64>, %b: tensor<3x1xi64>) {
  // expected-error @+1 {{'la.solve' op requires operands of one floating-point element type, got 'i64' and 'i64'}}
  %0 = la.solve %A, %b : tensor<3x3xi64>, tensor<3x1xi64>
  return
}

// -----

func.func @cast_shape(%A: tensor<3x4xf64>) {
  // expected-error @+1 {{'la.cast' op must keep shape and encoding: 'tensor<3x4xf64>' vs 'tensor<4x3xi64>'}}
  %0 = la.cast %A : tensor<3x4xf64> -> tensor<4x3xi64>
  return
}

// -----

func.func @cast_to_scalar(%A: tensor<3x4xf64>) {
  // expected-error @+1 {{'la.cast' op can turn only a 1x1 matrix into a scalar, got 'tensor<3x4xf64>'}}
  %0 = la.cast %A : tensor<3x4xf64> -> f64
  return
}

// -----

func.func @cast_to_matrix(%s: f64) {
  // expected-error @+1 {{'la.cast' op can turn a scalar only into a 1x1 matrix, got 'tensor<2x1xf64>'}}
  %0 = la.cast %s : f64 -> tensor<2x1xf64>
  return
}

// -----

func.func @convert_shape(%A: tensor<3x4xf64>) {
  // expected-error @+1 {{'la.convert' op changes more than the encoding: 'tensor<3x4xf64>' vs 'tensor<3x4xf32>'; use la.cast or la.reshape}}
  %0 = la.convert %A : tensor<3x4xf64> -> tensor<3x4xf32>
  return
}

// -----

func.func @convert_encoding(%A: tensor<3x4xf64>) {
  // expected-error @+1 {{'la.convert' op type 'tensor<3x4xf64, "csr">' has an encoding that is not a sparse_tensor encoding}}
  %0 = la.convert %A : tensor<3x4xf64> -> tensor<3x4xf64, "csr">
  return
}

// -----

func.func @fill_type(%v: f32) {
  // expected-error @+1 {{'la.fill' op value type 'f32' differs from the element type 'f64'}}
  %0 = la.fill %v : f32 -> tensor<2x2xf64>
  return
}

// -----

func.func @fill_sizes(%v: f64, %n: index) {
  // expected-error @+1 {{'la.fill' op expects one index operand per dynamic result dimension: 2 dynamic, 1 given}}
  %0 = la.fill %v, %n : f64, index -> tensor<?x?xf64>
  return
}

// -----

func.func @seq_vector(%a: f64) {
  // expected-error @+1 {{'la.seq' op result must be a column vector (n x 1), got 'tensor<1x4xf64>'}}
  %0 = la.seq %a, %a, %a : f64, f64, f64 -> tensor<1x4xf64>
  return
}

// -----

func.func @seq_zero_step() {
  %a = arith.constant 1.0 : f64
  %z = arith.constant 0.0 : f64
  // expected-error @+1 {{'la.seq' op increment must be non-zero}}
  %0 = la.seq %a, %a, %z : f64, f64, f64 -> tensor<?x1xf64>
  return
}

// -----

func.func @seq_direction() {
  %a = arith.constant 1.0 : f64
  %b = arith.constant 5.0 : f64
  %m = arith.constant -1.0 : f64
  // expected-error @+1 {{'la.seq' op increment -1 does not lead from 1 to 5}}
  %0 = la.seq %a, %b, %m : f64, f64, f64 -> tensor<?x1xf64>
  return
}

// -----

func.func @seq_length() {
  %a = arith.constant 1.0 : f64
  %b = arith.constant 5.0 : f64
  %s = arith.constant 2.0 : f64
  // expected-error @+1 {{'la.seq' op produces 3 rows, but the result type has 4}}
  %0 = la.seq %a, %b, %s : f64, f64, f64 -> tensor<4x1xf64>
  return
}

// -----

func.func @rand_sparsity() {
  // expected-error @+1 {{'la.rand' op sparsity must be in [0, 1], got 2}}
  %0 = la.rand {sparsity = 2.0 : f64} -> tensor<2x2xf64>
  return
}

// -----

func.func @rand_range() {
  // expected-error @+1 {{'la.rand' op min 3 exceeds max 1}}
  %0 = la.rand {min = 3.0 : f64} -> tensor<2x2xf64>
  return
}

// -----

func.func @rand_int() {
  // expected-error @+1 {{'la.rand' op requires a floating-point result, got 'tensor<2x2xi64>'}}
  %0 = la.rand -> tensor<2x2xi64>
  return
}

// -----

func.func @rand_lambda() {
  // expected-error @+1 {{'la.rand' op poisson lambda must be positive}}
  %0 = la.rand {distribution = #la.distribution<poisson>, lambda = 0.0 : f64} -> tensor<2x2xf64>
  return
}

// -----

func.func @rand_seed_type() {
  // expected-error @+1 {{'la.rand' op attribute 'seed' failed to satisfy constraint: 64-bit signless integer attribute}}
  %0 = la.rand {seed = 1.5 : f64} -> tensor<2x2xf64>
  return
}

// -----

func.func @bad_distribution() {
  // expected-error @+2 {{expected ::lauryn::la::Distribution to be one of: uniform, normal, poisson}}
  // expected-error @+1 {{failed to parse LA_DistributionAttr parameter 'value'}}
  %0 = la.rand {distribution = #la.distribution<cauchy>} -> tensor<2x2xf64>
  return
}

// -----

func.func @bad_sparsity_attr(%A: tensor<2x2xf64>) {
  // expected-error @+1 {{#la.sparsity density must be in [0, 1], got 2}}
  %0 = la.abs %A {la.sparsity = #la.sparsity<density = 2.0>} : tensor<2x2xf64>
  return
}

// -----

func.func @operand_type_count(%A: tensor<2x2xf64>) {
  // expected-error @+1 {{number of operands and types do not match: got 2 operands and 1 types}}
  %0 = la.abs %A, %A : tensor<2x2xf64>
  return
}

// -----

func.func @operand_count(%A: tensor<2x2xf64>) {
  // expected-error @+1 {{'la.abs' op expects 1 operands, got 2}}
  %0 = la.abs %A, %A : tensor<2x2xf64>, tensor<2x2xf64>
  return
}

// -----

func.func @generic_operand_count(%A: tensor<2x2xf64>) {
  // expected-error @+1 {{'la.abs' op requires a single operand}}
  %0 = "la.abs"(%A, %A) : (tensor<2x2xf64>, tensor<2x2xf64>) -> tensor<2x2xf64>
  return
}

// -----

func.func @type_count(%A: tensor<2x2xf64>) {
  // expected-error @+1 {{'la.add' op expects 2 operands, got 1}}
  %0 = la.add %A : tensor<2x2xf64>
  return
}

// -----

func.func @unknown_op(%A: tensor<2x2xf64>) {
  // expected-error @+1 {{custom op 'la.frobnicate' is unknown}}
  %0 = la.frobnicate %A : tensor<2x2xf64>
  return
}

// -----

func.func @bogus_result_encoding(%X: tensor<2x2xf64>) {
  // expected-error @+2 {{'la.add' op inferred type(s) 'tensor<2x2xf64>' are incompatible with return type(s) of operation 'tensor<2x2xf64, "foo">'}}
  // expected-error @+1 {{'la.add' op failed to infer returned types}}
  %0 = la.add %X, %X : tensor<2x2xf64>, tensor<2x2xf64> -> tensor<2x2xf64, "foo">
  return
}

// -----

func.func @sparsity_attr_kind(%x: f64) {
  // expected-error @+1 {{'la.sparsity' must be a #la.sparsity (or unit: no estimate), got 5 : i32}}
  %0 = la.exp %x {la.sparsity = 5 : i32} : f64
  return
}

// -----

func.func @lineage_attr_kind(%x: f64) {
  // expected-error @+1 {{'la.lineage' must be a #la.lineage, got "x"}}
  %0 = la.exp %x {la.lineage = "x"} : f64
  return
}

// -----

func.func @unknown_la_attr(%x: f64) {
  // expected-error @+1 {{unknown la attribute 'la.bogus'; la defines la.sparsity and la.lineage}}
  %0 = la.exp %x {la.bogus} : f64
  return
}

// -----

func.func @lineage_per_result(%x: f64) {
  // expected-error @+1 {{'la.lineage' must hold one #la.lineage per result (1), got [#la.lineage<0x0000000000000001>, #la.lineage<0x0000000000000002>]}}
  %0 = la.exp %x {la.lineage = [#la.lineage<1>, #la.lineage<2>]} : f64
  return
}

// -----

func.func @too_many_cells(%A: tensor<4611686018427387904x4xf64>) {
  // expected-error @+1 {{'la.sum' op input has more cells than fit in 64 bits: 'tensor<4611686018427387904x4xf64>'}}
  %0 = la.sum %A : tensor<4611686018427387904x4xf64>
  return
}

// -----

func.func @bind_overflow(%A: tensor<4611686018427387904x1xf64>, %B: tensor<4611686018427387905x1xf64>) {
  // expected-error @+1 {{'la.rbind' op result row count overflows 64 bits}}
  %0 = la.rbind %A, %B : tensor<4611686018427387904x1xf64>, tensor<4611686018427387905x1xf64>
  return
}

// -----

func.func @insert_offset_overflow(%S: tensor<1x1xf64>, %X: tensor<2x2xf64>) {
  %big = arith.constant 9223372036854775807 : index
  %c0 = arith.constant 0 : index
  // expected-error @+1 {{'la.insert' op source does not fit: row offset 9223372036854775807 + 1 > 2}}
  %0 = la.insert %S, %X, %big, %c0 : tensor<1x1xf64>, tensor<2x2xf64>, index, index
  return
}

// -----

func.func @reshape_overflow(%X: tensor<4611686018427387904x4xf64>) {
  // expected-error @+1 {{'la.reshape' op has more cells than fit in 64 bits}}
  %0 = la.reshape %X : tensor<4611686018427387904x4xf64> -> tensor<0x7xf64>
  return
}

// -----

func.func @seq_not_finite() {
  %a = arith.constant 0.0 : f64
  %nan = arith.constant 0x7FF8000000000000 : f64
  %one = arith.constant 1.0 : f64
  // expected-error @+1 {{'la.seq' op to must be finite, got nan}}
  %0 = la.seq %a, %nan, %one : f64, f64, f64 -> tensor<3x1xf64>
  return
}

// -----

func.func @rand_not_finite() {
  // expected-error @+1 {{'la.rand' op min must be finite, got nan}}
  %0 = la.rand {min = 0x7FF8000000000000 : f64, max = 0x7FF0000000000000 : f64} -> tensor<2x2xf64>
  return
}

// -----

func.func @rand_lambda_inf() {
  // expected-error @+1 {{'la.rand' op lambda must be finite, got inf}}
  %0 = la.rand {distribution = #la.distribution<poisson>, lambda = 0x7FF0000000000000 : f64} -> tensor<2x2xf64>
  return
}
