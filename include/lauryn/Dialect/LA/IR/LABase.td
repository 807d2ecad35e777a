//===- LABase.td - la dialect definition and type constraints -*- tablegen -*-===//
//
// The `la` dialect: SystemDS-style linear algebra on builtin ranked tensors.
//
//===----------------------------------------------------------------------===//

#ifndef LAURYN_DIALECT_LA_IR_LABASE_TD
#define LAURYN_DIALECT_LA_IR_LABASE_TD

include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"

def LA_Dialect : Dialect {
  let name = "la";
  let cppNamespace = "::lauryn::la";
  let summary = "Linear algebra for data-centric ML pipelines (SystemDS DML semantics)";
  let description = [{
    The `la` dialect models the linear-algebra operations of ML pipelines with the semantics of
    SystemDS' DML: element-wise operations with broadcasting of scalars, row vectors (1×n) and
    column vectors (n×1); aggregates over all cells, per row or per column; matrix
    multiplication, reorganisations (transpose, reshape, cbind, rbind, slice, insert, diag, rev),
    `solve`, casts, format conversions and data generators.

    **Values** are builtin ranked 2-D tensors (`tensor<?x?xf64>`, static or dynamic dimensions)
    and builtin scalars. Element types: `f64`, `f32`, `bf16`, `i64`, `i32`, `i8`.

    **Physical format** is the tensor encoding: no encoding is dense, an upstream
    `#sparse_tensor.encoding` (CSR, CSC, COO, DCSR, …) is sparse. Changing a format is explicit
    (`la.convert`) or happens through an explicit result type.

    **Estimates are attributes, not types**: `#la.sparsity<…>` records an nnz or density
    estimate and the estimator that produced it; `#la.lineage<…>` records a structural hash of
    the computation that produced a value. Neither changes a type.

    **Broadcasting.** A matrix operand broadcasts along a dimension only if that dimension is
    statically 1 (`tensor<1x?xf64>` is a row vector, `tensor<?x1xf64>` a column vector). A
    dynamic dimension `?` means "full size": a size mismatch discovered at run time is a run-time
    error, never a silent broadcast. Scalars broadcast everywhere.

    **Syntax.** Every op prints as
    `la.<op> [axis] operands attr-dict [: operand-types] [-> result-type]`. The result type is
    omitted when it equals the inferred type; give it explicitly to request another format
    (encoding) or a more precise static shape.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::sparse_tensor::SparseTensorDialect"
  ];
  let useDefaultAttributePrinterParser = 1;
  let hasConstantMaterializer = 1;
  let hasCanonicalizer = 0;
  let hasOperationAttrVerify = 1;
  // Inherent attributes live in the attribute dictionary so that the shared
  // generic parser/printer (LAOpSyntax.cpp) can infer result types from them.
  let usePropertiesForAttributes = 0;
  let extraClassDeclaration = [{
    void registerAttributes();
  }];
}

//===----------------------------------------------------------------------===//
// Type constraints
//===----------------------------------------------------------------------===//

def LA_ElementType : AnyTypeOf<[F64, F32, BF16, I64, I32, I8],
                               "la element type (f64, f32, bf16, i64, i32, i8)">;
def LA_FloatElementType : AnyTypeOf<[F64, F32, BF16], "la floating-point type">;

def LA_Matrix : Type<
    And<[RankedTensorOf<[LA_ElementType]>.predicate, HasAnyRankOfPred<[2]>]>,
    "2-D ranked tensor of la element type", "::mlir::RankedTensorType">;

def LA_Scalar : Type<LA_ElementType.predicate, "la scalar", "::mlir::Type">;

def LA_Value : AnyTypeOf<[LA_Matrix, LA_Scalar], "la matrix or scalar">;

#endif // LAURYN_DIALECT_LA_IR_LABASE_TD
