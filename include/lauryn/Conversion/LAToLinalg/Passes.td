//===- Passes.td - la to linalg conversion --------------------*- tablegen -*-===//

#ifndef LAURYN_CONVERSION_LATOLINALG_PASSES_TD
#define LAURYN_CONVERSION_LATOLINALG_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertLAToLinalgPass : Pass<"convert-la-to-linalg", "::mlir::ModuleOp"> {
  let summary = "Lower every la op to linalg, tensor, arith, math, scf and sparse_tensor";
  let description = [{
    Lowers the la dialect to upstream dialects on tensors, ready for bufferization and the
    sparsifier:

    * element-wise ops become one `linalg.generic` whose indexing maps express DML
      broadcasting (a row vector is read through `(i, j) -> (0, j)`, a column vector through
      `(i, j) -> (i, 0)`, a scalar is a scalar operand); the per-cell computation is
      `ScalarSemantics.cpp`, shared with the fusion code generator;
    * aggregates become reductions (`linalg.generic` with reduction iterators; `mean` and
      `var` divide by the cell count, `var` is two-pass);
    * `matmul` becomes `linalg.matmul` on a zero-filled accumulator (a CSR product of CSR
      matrices with static shapes and f64/f32 elements calls liblauryn_rt's two-phase SpGEMM
      kernel instead, whose buffers are assembled into the sparse result), `transpose`
      `linalg.transpose`, binds `tensor.insert_slice` chains, slices `tensor.extract_slice`,
      `reshape` collapse/expand shapes, `convert` `sparse_tensor.convert`, `solve` an LU
      factorization with partial pivoting in `scf` loops, `rand` a counter-based generator
      (splitmix64 of seed and cell index, so results do not depend on threading);
    * dimensions that must agree at run time (dynamic shapes) are checked with `cf.assert`,
      whose message names the op and its location.

    Sparse operands (a `#sparse_tensor.encoding`) stay sparse where the upstream sparsifier
    handles the computation exactly (addition, subtraction, multiplication, zero-preserving
    unary ops, sums, matrix products); elsewhere they are converted to dense first, so results
    never depend on the format. A result whose type carries an encoding is produced in that
    format.

    Example:
    ```mlir
    %r = la.add %X, %row : tensor<?x?xf64>, tensor<1x?xf64>
    ```
    becomes
    ```mlir
    %r = linalg.generic {indexing_maps = [(i, j) -> (i, j), (i, j) -> (0, j), (i, j) -> (i, j)],
                         iterator_types = ["parallel", "parallel"]}
        ins(%X, %row : tensor<?x?xf64>, tensor<1x?xf64>) outs(%empty : tensor<?x?xf64>) {
      ^bb0(%x: f64, %y: f64, %o: f64):
        %s = arith.addf %x, %y : f64
        linalg.yield %s : f64
    } -> tensor<?x?xf64>
    ```
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::bufferization::BufferizationDialect",
    "::mlir::cf::ControlFlowDialect", "::mlir::memref::MemRefDialect",
    "::mlir::func::FuncDialect", "::mlir::linalg::LinalgDialect",
    "::mlir::LLVM::LLVMDialect", "::mlir::math::MathDialect", "::mlir::scf::SCFDialect",
    "::mlir::sparse_tensor::SparseTensorDialect", "::mlir::tensor::TensorDialect"
  ];
  let options = [
    Option<"runtimeChecks", "runtime-checks", "bool", /*default=*/"true",
           "Check dynamic dimensions and slice bounds at run time (cf.assert)">,
    Option<"runtimeSpGEMM", "runtime-spgemm", "bool", /*default=*/"true",
           "Products of CSR matrices with static shapes (f64, f32) call liblauryn_rt's "
           "SpGEMM kernel; off: the sparsifier's Gustavson kernel">
  ];
  let statistics = [
    Statistic<"numLowered", "lowered-ops", "Number of la ops lowered">,
    Statistic<"numDensified", "densified-operands",
              "Number of sparse operands converted to dense for an exact lowering">
  ];
}

#endif // LAURYN_CONVERSION_LATOLINALG_PASSES_TD
