//===- LAOps.td - la operations -------------------------------*- tablegen -*-===//
//
// Ops are grouped into families (OpFamily in LATraits.h). A family fixes the
// syntax, the result-type inference, the cost formula and the metadata sparsity
// rule; each op adds its FLOP weight (SystemDS ComputeCost weights) and, for
// element-wise ops, its zero rule (how zeros of the inputs propagate).
//
//===----------------------------------------------------------------------===//

#ifndef LAURYN_DIALECT_LA_IR_LAOPS_TD
#define LAURYN_DIALECT_LA_IR_LAOPS_TD

include "lauryn/Dialect/LA/IR/LABase.td"
include "lauryn/Dialect/LA/IR/LAAttrs.td"
include "lauryn/Dialect/LA/IR/LAInterfaces.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

//===----------------------------------------------------------------------===//
// Base classes
//===----------------------------------------------------------------------===//

class LA_Op<string mnemonic, string family, list<Trait> traits = []>
    : Op<LA_Dialect, mnemonic, !listconcat(traits, [
        LA_CostOpInterface, LA_SparsityPropagationOpInterface])> {
  // FLOPs per processed cell (SystemDS hops/cost/ComputeCost.java weights).
  string flops = "1.0";
  // How zeros of the inputs reach the output (element-wise ops only).
  string zeroRule = "Dense";
  // Family-specific C++ definitions (result-type inference).
  code familyDefs = [{}];
  code extraDecls = [{}];

  let hasCustomAssemblyFormat = 1;
  let extraClassDeclaration = [{
    static constexpr ::lauryn::la::OpFamily getFamily() {
      return ::lauryn::la::OpFamily::}] # family # [{;
    }
    static constexpr double getFlopsPerCell() { return }] # flops # [{; }
    static constexpr ::lauryn::la::ZeroRule getZeroRule() {
      return ::lauryn::la::ZeroRule::}] # zeroRule # [{;
    }
  }] # extraDecls;
  let extraClassDefinition = [{
    ::mlir::ParseResult $cppClass::parse(::mlir::OpAsmParser &parser,
                                         ::mlir::OperationState &result) {
      return ::lauryn::la::detail::parseLAOp<$cppClass>(parser, result);
    }
    void $cppClass::print(::mlir::OpAsmPrinter &printer) {
      ::lauryn::la::detail::printLAOp<$cppClass>(*this, printer);
    }
  }] # familyDefs;
}

// Ops whose result type follows from operands and attributes. The encoding and
// the static-ness of dimensions of an explicitly written result type may differ
// from the inferred one (see la::detail::isCompatibleResultType).
// Ops that can fail on values (a singular matrix, an index out of bounds) are
// not speculatable: hoisting them out of a loop that runs zero times could
// turn a correct program into a failing one.
class LA_InferredOp<string mnemonic, string family, list<Trait> traits = [],
                    bit alwaysSpeculatable = 1>
    : LA_Op<mnemonic, family, !listconcat(traits,
        !if(alwaysSpeculatable, [Pure],
            [NoMemoryEffect, DeclareOpInterfaceMethods<ConditionallySpeculatable>]),
        [LA_LineageOpInterface, InferTypeOpAdaptorWithIsCompatible])> {
  code inferBody = [{}];
  // Number of operands (-1 for variadic ops), checked before inference so that
  // inference never reads a missing operand of malformed IR.
  int numOperands = 1;
  let familyDefs = [{
    bool $cppClass::isCompatibleReturnTypes(::mlir::TypeRange l, ::mlir::TypeRange r) {
      return ::lauryn::la::detail::areCompatibleResultTypes(l, r);
    }
    ::llvm::LogicalResult $cppClass::inferReturnTypes(::mlir::MLIRContext *context,
        std::optional<::mlir::Location> loc, Adaptor adaptor,
        ::llvm::SmallVectorImpl<::mlir::Type> &inferred) {
      ::lauryn::la::detail::InferContext ic{context, loc, $cppClass::getOperationName()};
      ::mlir::ValueRange operands = adaptor.getOperands();
      if (::mlir::failed(::lauryn::la::detail::checkOperandCount(ic, operands.size(),
                                                                 }] # numOperands # [{)))
        return ::mlir::failure();
  }] # inferBody # [{
    }
  }];
}

//===----------------------------------------------------------------------===//
// Element-wise binary ops
//===----------------------------------------------------------------------===//

class LA_BinaryOp<string mnemonic, string flopWeight, string rule, list<Trait> traits = []>
    : LA_InferredOp<mnemonic, "ElementwiseBinary", traits> {
  let arguments = (ins LA_Value:$lhs, LA_Value:$rhs);
  let results = (outs LA_Value:$result);
  let flops = flopWeight;
  let zeroRule = rule;
  let numOperands = 2;
  let inferBody = [{
      return ::lauryn::la::detail::inferElementwiseType(
          ic, {operands[0].getType(), operands[1].getType()}, getZeroRule(),
          /*floatOnly=*/false, inferred);
  }];
  let hasFolder = 1;
  let description = [{
    Element-wise binary operation with DML broadcasting: matrix ⊙ matrix of equal shape,
    matrix ⊙ scalar, matrix ⊙ row vector (1×n), matrix ⊙ column vector (n×1), and
    scalar ⊙ scalar. Both operands have the same element type. Comparison and logical ops
    return 1 or 0 in that element type (DML semantics: non-zero is true).

    ```mlir
    %0 = la.}] # mnemonic # [{ %X, %Y : tensor<?x?xf64>, tensor<?x?xf64>
    %1 = la.}] # mnemonic # [{ %X, %s : tensor<?x?xf64>, f64
    %2 = la.}] # mnemonic # [{ %X, %row : tensor<?x100xf64>, tensor<1x100xf64>
    ```
  }];
}

def LA_AddOp : LA_BinaryOp<"add", "1.0", "Union", [Commutative]> {
  let summary = "element-wise addition (`+`)";
  let hasCanonicalizer = 1;
}
def LA_SubOp : LA_BinaryOp<"sub", "1.0", "Union"> {
  let summary = "element-wise subtraction (`-`)";
}
def LA_MulOp : LA_BinaryOp<"mul", "1.0", "Intersect", [Commutative]> {
  let summary = "element-wise multiplication (`*`)";
}
def LA_DivOp : LA_BinaryOp<"div", "22.0", "Numerator"> {
  let summary = "element-wise division (`/`); integer division by zero yields 0";
  let extraDecls = [{
    /// The zeros of a sparse float numerator are structural, as in `*`:
    /// 0 / y = 0 for every y (0 and NaN included) where the numerator is
    /// sparse (SystemDS' sparse-safe division).
    bool hasStructuralNumerator() {
      auto t = ::llvm::dyn_cast<::mlir::RankedTensorType>(getLhs().getType());
      return t && t.getEncoding() && ::llvm::isa<::mlir::FloatType>(t.getElementType());
    }
  }];
  let description = [{
    Element-wise division with DML broadcasting (see `la.add`). Integer division by zero
    yields 0. The zeros of a sparse (CSR) float numerator are structural, as in `la.mul`:
    0 / y = 0 for every y, 0 and NaN included, where the numerator is sparse; a dense
    numerator follows IEEE (0 / 0 = NaN). `la-select-formats` therefore never stores a
    numerator written dense as CSR.
  }];
  let hasCanonicalizer = 1;
}
def LA_PowOp : LA_BinaryOp<"pow", "16.0", "Dense"> {
  let summary = "element-wise power (`^`)";
  let hasCanonicalizer = 1;
}
def LA_MinimumOp : LA_BinaryOp<"minimum", "1.0", "Union", [Commutative]> {
  let summary = "element-wise minimum (`min(X, Y)`); NaN if either operand is NaN";
}
def LA_MaximumOp : LA_BinaryOp<"maximum", "1.0", "Union", [Commutative]> {
  let summary = "element-wise maximum (`max(X, Y)`); NaN if either operand is NaN";
}
def LA_ModOp : LA_BinaryOp<"mod", "8.0", "Dense"> {
  let summary = "element-wise modulus (`%%`), DML semantics: x - floor(x / y) * y";
}
def LA_IntDivOp : LA_BinaryOp<"intdiv", "6.0", "Dense"> {
  let summary = "element-wise integer division (`%/%`), DML semantics: floor(x / y)";
}
def LA_LtOp : LA_BinaryOp<"lt", "1.0", "Union"> { let summary = "element-wise `<` (1 or 0)"; }
def LA_LeOp : LA_BinaryOp<"le", "1.0", "Dense"> { let summary = "element-wise `<=` (1 or 0)"; }
def LA_GtOp : LA_BinaryOp<"gt", "1.0", "Union"> { let summary = "element-wise `>` (1 or 0)"; }
def LA_GeOp : LA_BinaryOp<"ge", "1.0", "Dense"> { let summary = "element-wise `>=` (1 or 0)"; }
def LA_EqOp : LA_BinaryOp<"eq", "1.0", "Dense", [Commutative]> {
  let summary = "element-wise `==` (1 or 0)";
}
def LA_NeOp : LA_BinaryOp<"ne", "1.0", "Union", [Commutative]> {
  let summary = "element-wise `!=` (1 or 0)";
}
def LA_AndOp : LA_BinaryOp<"and", "1.0", "Intersect", [Commutative]> {
  let summary = "element-wise logical and (`&`): 1 if both are non-zero";
}
def LA_OrOp : LA_BinaryOp<"or", "1.0", "Union", [Commutative]> {
  let summary = "element-wise logical or (`|`): 1 if either is non-zero";
}
def LA_XorOp : LA_BinaryOp<"xor", "1.0", "Union", [Commutative]> {
  let summary = "element-wise logical exclusive or: 1 if exactly one is non-zero";
}

//===----------------------------------------------------------------------===//
// Element-wise unary ops
//===----------------------------------------------------------------------===//

class LA_UnaryOp<string mnemonic, string flopWeight, string rule, bit floatOnly = 0>
    : LA_InferredOp<mnemonic, "ElementwiseUnary"> {
  let arguments = (ins LA_Value:$input);
  let results = (outs LA_Value:$result);
  let flops = flopWeight;
  let zeroRule = rule;
  let inferBody = [{
      return ::lauryn::la::detail::inferElementwiseType(
          ic, {operands[0].getType()}, getZeroRule(),
          /*floatOnly=*/}] # !if(floatOnly, "true", "false") # [{, inferred);
  }];
  let hasFolder = 1;
  let description = [{
    Element-wise unary operation on a matrix or a scalar.}] #
    !if(floatOnly, " The element type must be floating point.", "") # [{

    ```mlir
    %0 = la.}] # mnemonic # [{ %X : tensor<?x?xf64>
    ```
  }];
}

def LA_NegOp : LA_UnaryOp<"neg", "1.0", "Preserve"> { let summary = "negation (`-X`)"; }
def LA_AbsOp : LA_UnaryOp<"abs", "1.0", "Preserve"> { let summary = "absolute value"; }
def LA_ExpOp : LA_UnaryOp<"exp", "18.0", "Dense", 1> { let summary = "exponential"; }
def LA_LogOp : LA_UnaryOp<"log", "32.0", "Dense", 1> { let summary = "natural logarithm"; }
def LA_SqrtOp : LA_UnaryOp<"sqrt", "2.0", "Preserve", 1> { let summary = "square root"; }
def LA_SigmoidOp : LA_UnaryOp<"sigmoid", "21.0", "Dense", 1> {
  let summary = "logistic sigmoid 1 / (1 + exp(-x))";
}
def LA_RoundOp : LA_UnaryOp<"round", "1.0", "Preserve"> {
  let summary = "round half away from zero";
}
def LA_FloorOp : LA_UnaryOp<"floor", "1.0", "Preserve"> { let summary = "round down"; }
def LA_CeilOp : LA_UnaryOp<"ceil", "1.0", "Preserve"> { let summary = "round up"; }
def LA_SignOp : LA_UnaryOp<"sign", "1.0", "Preserve"> { let summary = "sign: -1, 0 or 1"; }
def LA_SinOp : LA_UnaryOp<"sin", "18.0", "Preserve", 1> { let summary = "sine"; }
def LA_CosOp : LA_UnaryOp<"cos", "22.0", "Dense", 1> { let summary = "cosine"; }
def LA_TanOp : LA_UnaryOp<"tan", "42.0", "Preserve", 1> { let summary = "tangent"; }
def LA_TanhOp : LA_UnaryOp<"tanh", "42.0", "Preserve", 1> { let summary = "hyperbolic tangent"; }
def LA_NotOp : LA_UnaryOp<"not", "1.0", "Dense"> {
  let summary = "logical not (`!X`): 1 where X is zero, 0 elsewhere";
}
def LA_IsNanOp : LA_UnaryOp<"isnan", "1.0", "Preserve"> {
  let summary = "1 where X is NaN, 0 elsewhere";
}

//===----------------------------------------------------------------------===//
// Ternary
//===----------------------------------------------------------------------===//

def LA_IfElseOp : LA_InferredOp<"ifelse", "Ternary"> {
  let summary = "element-wise selection: cond != 0 ? a : b";
  let description = [{
    DML `ifelse(cond, a, b)`. The three operands broadcast against each other like the
    operands of a binary op; `a` and `b` share the element type of the result, `cond` may
    have any la element type.

    ```mlir
    %r = la.ifelse %c, %X, %zero : tensor<?x?xf64>, tensor<?x?xf64>, f64
    ```
  }];
  let arguments = (ins LA_Value:$cond, LA_Value:$trueValue, LA_Value:$falseValue);
  let results = (outs LA_Value:$result);
  let flops = "2.0";
  let numOperands = 3;
  let inferBody = [{
      return ::lauryn::la::detail::inferIfElseType(ic, operands[0].getType(),
          operands[1].getType(), operands[2].getType(), inferred);
  }];
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Aggregates
//===----------------------------------------------------------------------===//

class LA_AggOp<string mnemonic, string flopWeight, string aggKind>
    : LA_InferredOp<mnemonic, "Aggregate"> {
  let arguments = (ins LA_Matrix:$input,
                       DefaultValuedAttr<LA_AxisAttr, "::lauryn::la::Axis::all">:$axis);
  let results = (outs LA_Value:$result);
  let flops = flopWeight;
  let inferBody = [{
      return ::lauryn::la::detail::inferAggregateType(ic, operands[0].getType(),
          adaptor.getAxisAttr() ? adaptor.getAxisAttr().getValue()
                                : ::lauryn::la::Axis::all,
          ::lauryn::la::AggKind::}] # aggKind # [{, inferred);
  }];
  let hasFolder = 1;
  let description = [{
    Aggregate over all cells (`all`, a scalar), per row (`row`, an n×1 column vector, DML
    `row…`) or per column (`col`, a 1×m row vector, DML `col…`). The axis keyword follows
    the op name and defaults to `all`.

    ```mlir
    %s = la.}] # mnemonic # [{ %X : tensor<?x?xf64>
    %r = la.}] # mnemonic # [{ row %X : tensor<?x?xf64>
    %c = la.}] # mnemonic # [{ col %X : tensor<?x?xf64>
    ```
  }];
}

def LA_SumOp : LA_AggOp<"sum", "4.0", "Sum"> { let summary = "sum"; let hasCanonicalizer = 1; }
def LA_MeanOp : LA_AggOp<"mean", "4.0", "Mean"> {
  let summary = "arithmetic mean (floating point only)";
  let hasCanonicalizer = 1;
}
def LA_VarOp : LA_AggOp<"var", "8.0", "Var"> {
  let summary = "sample variance with n - 1 denominator (floating point only)";
  let hasCanonicalizer = 1;
}
def LA_ProdOp : LA_AggOp<"prod", "1.0", "Prod"> {
  let summary = "product";
  let hasCanonicalizer = 1;
}
def LA_MinOp : LA_AggOp<"min", "1.0", "Min"> {
  let summary = "minimum (NaN if any cell is NaN)";
  let hasCanonicalizer = 1;
}
def LA_MaxOp : LA_AggOp<"max", "1.0", "Max"> {
  let summary = "maximum (NaN if any cell is NaN)";
  let hasCanonicalizer = 1;
}
def LA_SumSqOp : LA_AggOp<"sumsq", "5.0", "SumSq"> {
  let summary = "sum of squares";
  let hasCanonicalizer = 1;
}
def LA_NnzOp : LA_AggOp<"nnz", "1.0", "Nnz"> {
  let summary = "number of non-zero cells (result element type i64; NaN counts as non-zero)";
  let hasCanonicalizer = 1;
}

//===----------------------------------------------------------------------===//
// Matrix multiplication and reorganisation
//===----------------------------------------------------------------------===//

def LA_MatMulOp : LA_InferredOp<"matmul", "MatMul"> {
  let summary = "matrix multiplication (`%*%`)";
  let description = [{
    `(m×k) %*% (k×n) -> m×n`. Operands share the element type.

    ```mlir
    %C = la.matmul %A, %B : tensor<?x?xf64>, tensor<?x?xf64>
    ```
  }];
  let arguments = (ins LA_Matrix:$lhs, LA_Matrix:$rhs);
  let results = (outs LA_Matrix:$result);
  let flops = "2.0";
  let numOperands = 2;
  let inferBody = [{
      return ::lauryn::la::detail::inferMatMulType(ic, operands[0].getType(),
          operands[1].getType(), inferred);
  }];
  let hasCanonicalizer = 1;
}

def LA_TransposeOp : LA_InferredOp<"transpose", "Transpose"> {
  let summary = "transpose (`t(X)`)";
  let description = [{
    ```mlir
    %T = la.transpose %X : tensor<100x?xf64>   // tensor<?x100xf64>
    ```
  }];
  let arguments = (ins LA_Matrix:$input);
  let results = (outs LA_Matrix:$result);
  let inferBody = [{
      return ::lauryn::la::detail::inferTransposeType(ic, operands[0].getType(), inferred);
  }];
  let hasFolder = 1;
}

def LA_ReshapeOp : LA_Op<"reshape", "Reshape", [NoMemoryEffect,
    DeclareOpInterfaceMethods<ConditionallySpeculatable>, LA_LineageOpInterface]> {
  let summary = "row-major reshape (DML `matrix(X, rows=, cols=)`)";
  let description = [{
    Reinterprets the cells of `input` in row-major order with a new shape. The result type is
    written explicitly; one index operand per dynamic result dimension gives its size.
    Statically known cell counts must agree.

    ```mlir
    %R = la.reshape %X : tensor<3x2xf64> -> tensor<2x3xf64>
    %D = la.reshape %X, %rows, %cols : tensor<?x?xf64>, index, index -> tensor<?x?xf64>
    ```
  }];
  let arguments = (ins LA_Matrix:$input, Variadic<Index>:$dynamicSizes);
  let results = (outs LA_Matrix:$result);
  let hasVerifier = 1;
  let hasFolder = 1;
}

def LA_CBindOp : LA_InferredOp<"cbind", "Bind"> {
  let summary = "column-wise concatenation (`cbind(A, B, ...)`)";
  let description = [{
    Concatenates matrices left to right; all operands have the same number of rows and the
    same element type.

    ```mlir
    %C = la.cbind %A, %B : tensor<?x3xf64>, tensor<?x1xf64>   // tensor<?x4xf64>
    ```
  }];
  let arguments = (ins Variadic<LA_Matrix>:$inputs);
  let results = (outs LA_Matrix:$result);
  let numOperands = -1;
  let inferBody = [{
      return ::lauryn::la::detail::inferBindType(ic, operands.getTypes(),
          /*alongCols=*/true, inferred);
  }];
  let hasFolder = 1;
}

def LA_RBindOp : LA_InferredOp<"rbind", "Bind"> {
  let summary = "row-wise concatenation (`rbind(A, B, ...)`)";
  let description = [{
    Concatenates matrices top to bottom; all operands have the same number of columns and
    the same element type.

    ```mlir
    %R = la.rbind %A, %B : tensor<2x?xf64>, tensor<3x?xf64>   // tensor<5x?xf64>
    ```
  }];
  let arguments = (ins Variadic<LA_Matrix>:$inputs);
  let results = (outs LA_Matrix:$result);
  let numOperands = -1;
  let inferBody = [{
      return ::lauryn::la::detail::inferBindType(ic, operands.getTypes(),
          /*alongCols=*/false, inferred);
  }];
  let hasFolder = 1;
}

def LA_SliceOp : LA_InferredOp<"slice", "Slice", [], 0> {
  let summary = "right indexing `X[rb:re, cb:ce]` (0-based, half-open)";
  let description = [{
    Extracts rows `[rowBegin, rowEnd)` and columns `[colBegin, colEnd)`. Bounds are index
    values; constant bounds give a static result shape and are checked against static
    input dimensions. Frontends translate DML's 1-based inclusive ranges.

    ```mlir
    %S = la.slice %X, %c0, %c10, %c0, %n : tensor<?x?xf64>, index, index, index, index
    ```
  }];
  let arguments = (ins LA_Matrix:$input, Index:$rowBegin, Index:$rowEnd,
                       Index:$colBegin, Index:$colEnd);
  let results = (outs LA_Matrix:$result);
  let numOperands = 5;
  let inferBody = [{
      return ::lauryn::la::detail::inferSliceType(ic, operands[0].getType(),
          operands.drop_front(), inferred);
  }];
  let hasFolder = 1;
}

def LA_InsertOp : LA_InferredOp<"insert", "Insert", [], 0> {
  let summary = "left indexing `X[rb:re, cb:ce] = S` (0-based), as a value";
  let description = [{
    Returns a copy of `dest` with `source` written at (`rowOffset`, `colOffset`). Constant
    offsets are checked against static shapes.

    ```mlir
    %Y = la.insert %S, %X, %c2, %c0 : tensor<1x?xf64>, tensor<?x?xf64>, index, index
    ```
  }];
  let arguments = (ins LA_Matrix:$source, LA_Matrix:$dest, Index:$rowOffset,
                       Index:$colOffset);
  let results = (outs LA_Matrix:$result);
  let numOperands = 4;
  let inferBody = [{
      return ::lauryn::la::detail::inferInsertType(ic, operands[0].getType(),
          operands[1].getType(), operands[2], operands[3], inferred);
  }];
}

def LA_DiagOp : LA_InferredOp<"diag", "Diag"> {
  let summary = "DML `diag`: n×1 vector to n×n diagonal matrix, or n×n matrix to its diagonal";
  let description = [{
    A column vector (statically n×1) becomes the n×n matrix with it on the diagonal; any other
    matrix must be square and yields its diagonal as an n×1 column vector.

    ```mlir
    %D = la.diag %v : tensor<?x1xf64>    // tensor<?x?xf64>
    %d = la.diag %D : tensor<?x?xf64>    // tensor<?x1xf64>
    ```
  }];
  let arguments = (ins LA_Matrix:$input);
  let results = (outs LA_Matrix:$result);
  let inferBody = [{
      return ::lauryn::la::detail::inferDiagType(ic, operands[0].getType(), inferred);
  }];
  let hasFolder = 1;
}

def LA_RevOp : LA_InferredOp<"rev", "Rev"> {
  let summary = "reverse the order of rows (DML `rev`)";
  let description = [{
    ```mlir
    %R = la.rev %X : tensor<?x?xf64>
    ```
  }];
  let arguments = (ins LA_Matrix:$input);
  let results = (outs LA_Matrix:$result);
  let inferBody = [{
      return ::lauryn::la::detail::inferSameShapeType(ic, operands[0].getType(),
          inferred);
  }];
  let hasFolder = 1;
}

def LA_SolveOp : LA_InferredOp<"solve", "Solve", [], 0> {
  let summary = "solve the linear system A X = B for X";
  let description = [{
    `A` is square n×n, `B` is n×k; floating-point element types only.

    ```mlir
    %x = la.solve %A, %b : tensor<?x?xf64>, tensor<?x1xf64>
    ```
  }];
  let arguments = (ins LA_Matrix:$lhs, LA_Matrix:$rhs);
  let results = (outs LA_Matrix:$result);
  let numOperands = 2;
  let inferBody = [{
      return ::lauryn::la::detail::inferSolveType(ic, operands[0].getType(),
          operands[1].getType(), inferred);
  }];
}

//===----------------------------------------------------------------------===//
// Casts and format conversion
//===----------------------------------------------------------------------===//

def LA_CastOp : LA_Op<"cast", "Cast", [NoMemoryEffect,
    DeclareOpInterfaceMethods<ConditionallySpeculatable>, LA_LineageOpInterface]> {
  let summary = "element-type cast, and scalar <-> 1×1 matrix (DML as.scalar / as.matrix)";
  let description = [{
    Converts the element type of a matrix or scalar (float→int truncates toward zero,
    int→float rounds to nearest), or turns a 1×1 matrix into a scalar and back. The result
    type is explicit; shape and encoding of matrices are kept.

    ```mlir
    %i = la.cast %X : tensor<?x?xf64> -> tensor<?x?xi64>
    %s = la.cast %M : tensor<1x1xf64> -> f64
    ```
  }];
  let arguments = (ins LA_Value:$input);
  let results = (outs LA_Value:$result);
  let hasVerifier = 1;
  let hasFolder = 1;
}

def LA_ConvertOp : LA_Op<"convert", "Convert", [Pure, LA_LineageOpInterface]> {
  let summary = "change the physical format (tensor encoding) of a matrix";
  let description = [{
    Dense ↔ sparse (any upstream `#sparse_tensor.encoding` of rank 2) and sparse ↔ sparse.
    Shape and element type are kept; only the encoding differs.

    ```mlir
    #CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>
    %S = la.convert %X : tensor<?x?xf64> -> tensor<?x?xf64, #CSR>
    ```
  }];
  let arguments = (ins LA_Matrix:$input);
  let results = (outs LA_Matrix:$result);
  let hasVerifier = 1;
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Generators
//===----------------------------------------------------------------------===//

def LA_FillOp : LA_Op<"fill", "Generator", [Pure, LA_LineageOpInterface]> {
  let summary = "matrix with every cell equal to a scalar (DML `matrix(v, rows, cols)`)";
  let description = [{
    One index operand per dynamic dimension of the explicit result type.

    ```mlir
    %Z = la.fill %zero : f64 -> tensor<10x3xf64>
    %D = la.fill %one, %n : f64, index -> tensor<?x1xf64>
    ```
  }];
  let arguments = (ins LA_Scalar:$value, Variadic<Index>:$dynamicSizes);
  let results = (outs LA_Matrix:$result);
  let hasVerifier = 1;
}

def LA_SeqOp : LA_Op<"seq", "Generator", [NoMemoryEffect,
    DeclareOpInterfaceMethods<ConditionallySpeculatable>, LA_LineageOpInterface]> {
  let summary = "column vector from, from+incr, ... up to `to` (DML `seq`)";
  let description = [{
    Produces the n×1 column vector `from + i*incr` for i in [0, n) with
    n = floor((to - from) / incr) + 1; incr must be non-zero and point from `from` towards
    `to`. The operands are scalars of the result's element type.

    ```mlir
    %s = la.seq %one, %ten, %one : f64, f64, f64 -> tensor<10x1xf64>
    ```
  }];
  let arguments = (ins LA_Scalar:$from, LA_Scalar:$to, LA_Scalar:$incr);
  let results = (outs LA_Matrix:$result);
  let hasVerifier = 1;
}

def LA_RandOp : LA_Op<"rand", "Generator", [
    DeclareOpInterfaceMethods<MemoryEffectsOpInterface>,
    DeclareOpInterfaceMethods<ConditionallySpeculatable>,
    DeclareOpInterfaceMethods<LA_LineageOpInterface, ["isDeterministic", "getLineageSeed"]>]> {
  let summary = "random matrix (DML `rand`)";
  let description = [{
    A matrix of random values drawn from `distribution` (`uniform` in [min, max],
    `normal` with mean 0 and standard deviation 1, `poisson` with mean `lambda`), of which a
    fraction `sparsity` (DML's name; it is the density) is non-zero. With a `seed` the op is
    deterministic (equal seeds give equal matrices, and lineage includes the seed); without
    one it draws a fresh seed at run time and is never merged, hoisted or reused.

    ```mlir
    %R = la.rand {seed = 7 : i64, min = -1.0 : f64, max = 1.0 : f64, sparsity = 0.1 : f64}
           -> tensor<100x10xf64>
    %N = la.rand %n {distribution = #la.distribution<normal>} : index -> tensor<?x5xf64>
    ```
  }];
  let arguments = (ins Variadic<Index>:$dynamicSizes,
                       OptionalAttr<I64Attr>:$seed,
                       DefaultValuedAttr<F64Attr, "0.0">:$min,
                       DefaultValuedAttr<F64Attr, "1.0">:$max,
                       DefaultValuedAttr<F64Attr, "1.0">:$sparsity,
                       DefaultValuedAttr<F64Attr, "1.0">:$lambda,
                       DefaultValuedAttr<LA_DistributionAttr,
                                         "::lauryn::la::Distribution::uniform">:$distribution);
  let results = (outs LA_Matrix:$result);
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Fused operators (la-fuse)
//===----------------------------------------------------------------------===//

def LA_FusedOp : Op<LA_Dialect, "fused", [IsolatedFromAbove, RecursiveMemoryEffects,
    RecursivelySpeculatable, SingleBlockImplicitTerminator<"::lauryn::la::YieldOp">]> {
  let summary = "a fused operator: la ops computed in one pass over the data";
  let description = [{
    A group of `la` ops that `la-fuse` chose to compute together, without materializing the
    intermediates between them. The body is ordinary `la` IR over the block arguments (one per
    operand, same types), so every verifier, estimator and cost rule still applies to it; the
    op fixes *how* the body is evaluated:

    * `cell`: element-wise ops over one iteration space (the shape of the body's matrix
      values), with scalar, row-vector and column-vector side inputs, optionally closed by one
      aggregate (`sum`, `sumsq`, `mean`, `min`, `max`, `prod`; `all`, `row` or `col`) whose
      result is yielded;
    * `magg`: several full aggregates of cell-wise chains over one iteration space, computed in
      one scan (one result per aggregate);
    * `outer`: a cell-wise chain around one low-rank product `U %*% t(V)` (or `U %*% W`),
      closed by a sum or sum of squares over all cells or per row; the product is computed
      as a dot product only at the cells visited, i.e. at the stored entries of a sparse
      driver (`sum(X * log(U %*% t(V) + eps))`);
    * `row`: row by row over an m x n space: per row, row reductions (row aggregates,
      `A %*% v` with an operand vector `v`), per-row values and row products, then the row's
      cells folded into column accumulations (a column aggregate or `t(A) %*% y`:
      `t(X) %*% (w * (X %*% v))` reads X once) or written as row-aligned results (an m x n
      cell value, an m x 1 row reduction: `X / rowSums(X)`, softmax, reads X once).

    `driver` names the operand (the *main input*) that drives the iteration; with
    `sparse_safe` the body is zero wherever the driver is zero, so a sparse driver is iterated
    over its stored entries only.

    ```mlir
    %s = la.fused (%X, %Y, %Z) {kind = #la.template<cell>, driver = 0 : i64}
           : (tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x?xf64>) -> f64 {
    ^bb0(%x: tensor<?x?xf64>, %y: tensor<?x?xf64>, %z: tensor<?x?xf64>):
      %0 = la.mul %x, %y : tensor<?x?xf64>, tensor<?x?xf64>
      %1 = la.mul %0, %z : tensor<?x?xf64>, tensor<?x?xf64>
      %2 = la.sum %1 : tensor<?x?xf64>
      la.yield %2 : f64
    }
    ```
  }];
  let arguments = (ins Variadic<LA_Value>:$inputs,
                       LA_FusionTemplateAttr:$kind,
                       DefaultValuedAttr<I64Attr, "0">:$driver,
                       UnitAttr:$sparse_safe);
  let results = (outs Variadic<LA_Value>:$results);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = [{
    `(` $inputs `)` attr-dict `:` functional-type($inputs, $results) $body
  }];
  let hasVerifier = 1;
  let hasRegionVerifier = 1;
  let extraClassDeclaration = [{
    /// The body's block.
    ::mlir::Block &getBodyBlock() { return getBody().front(); }
    /// The yielded values (in the body).
    ::mlir::ValueRange getYielded();
  }];
}

def LA_YieldOp : Op<LA_Dialect, "yield", [Pure, Terminator,
    ParentOneOf<["FusedOp", "CachedOp"]>]> {
  let summary = "results of a fused operator's or a cached value's body";
  let arguments = (ins Variadic<LA_Value>:$values);
  let assemblyFormat = "($values^ `:` type($values))? attr-dict";
  let builders = [OpBuilder<(ins), [{ build($_builder, $_state, ::mlir::ValueRange()); }]>];
}

//===----------------------------------------------------------------------===//
// Lineage reuse (la-insert-reuse)
//===----------------------------------------------------------------------===//

def LA_IdentityOp : Op<LA_Dialect, "identity", [Pure]> {
  let summary = "run-time identity hash of a program input or loop index";
  let description = [{
    The 64-bit identity of a value a cached computation derives from (docs/reuse.md): for a
    matrix its content hash (shape, element type, format and every stored byte; an input the
    host registered with a file identity hashes as that identity instead), for a scalar or an
    index its bits. `la-insert-reuse` places it once per function argument (at the function's
    entry) or loop index (at the top of the loop body).

    ```mlir
    %h = la.identity %X : tensor<?x?xf64>
    ```
  }];
  let arguments = (ins AnyTypeOf<[LA_Matrix, LA_Scalar, Index]>:$input);
  let results = (outs I64:$hash);
  let assemblyFormat = "$input attr-dict `:` type($input)";
  let hasVerifier = 1;
}

def LA_LineageKeyOp : Op<LA_Dialect, "lineage_key", [Pure]> {
  let summary = "run-time lineage key of a cached value";
  let description = [{
    Combines the compile-time lineage ID of a computation (its op DAG with the inputs it
    derives from numbered in order) with the run-time identities of those inputs, in order:
    two values with equal keys were computed the same way from equal inputs.

    ```mlir
    %k = la.lineage_key 1234567 (%hX, %hy)
    ```
  }];
  let arguments = (ins I64Attr:$lineage, Variadic<I64>:$inputs);
  let results = (outs I64:$key);
  let assemblyFormat = "$lineage `(` $inputs `)` attr-dict";
}

def LA_CachedOp : Op<LA_Dialect, "cached", [
    SingleBlockImplicitTerminator<"::lauryn::la::YieldOp">]> {
  let summary = "a value served from the lineage cache when computed before";
  let description = [{
    Probes the process-wide lineage cache (liblauryn_rt) with `key`: on a hit the result is a
    copy of the cached value; on a miss the body computes it, and a copy is stored with its
    measured compute time and lineage DAG `height` (an eviction policy's input). The body is
    ordinary la IR ending in `la.yield` of one matrix (dense or CSR with a static shape, of
    f64, f32, i64 or i32). Placed by `la-insert-reuse`.

    ```mlir
    %G = la.cached %k {height = 2 : i64} : tensor<?x?xf64> {
      %t = la.transpose %X : tensor<?x?xf64>
      %g = la.matmul %t, %X : tensor<?x?xf64>, tensor<?x?xf64>
      la.yield %g : tensor<?x?xf64>
    }
    ```
  }];
  let arguments = (ins I64:$key, DefaultValuedAttr<I64Attr, "0">:$height);
  let results = (outs LA_Matrix:$result);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = "$key attr-dict `:` type($result) $body";
  let hasRegionVerifier = 1;
}

#endif // LAURYN_DIALECT_LA_IR_LAOPS_TD
