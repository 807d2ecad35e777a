//===- LAAttrs.td - la attributes and enums ------------------*- tablegen -*-===//

#ifndef LAURYN_DIALECT_LA_IR_LAATTRS_TD
#define LAURYN_DIALECT_LA_IR_LAATTRS_TD

include "lauryn/Dialect/LA/IR/LABase.td"
include "mlir/IR/EnumAttr.td"

class LA_Attr<string name, string attrMnemonic, list<Trait> traits = []>
    : AttrDef<LA_Dialect, name, traits> {
  let mnemonic = attrMnemonic;
}

//===----------------------------------------------------------------------===//
// Enums
//===----------------------------------------------------------------------===//

def LA_Axis : I32EnumAttr<"Axis", "aggregation direction", [
    I32EnumAttrCase<"all", 0>,   // all cells -> scalar
    I32EnumAttrCase<"row", 1>,   // per row -> n x 1 column vector (DML rowSums)
    I32EnumAttrCase<"col", 2>    // per column -> 1 x m row vector (DML colSums)
  ]> {
  let cppNamespace = "::lauryn::la";
  let genSpecializedAttr = 0;
}
def LA_AxisAttr : EnumAttr<LA_Dialect, LA_Axis, "axis"> {
  let assemblyFormat = "`<` $value `>`";
}

def LA_Distribution : I32EnumAttr<"Distribution", "random value distribution", [
    I32EnumAttrCase<"uniform", 0>,
    I32EnumAttrCase<"normal", 1>,
    I32EnumAttrCase<"poisson", 2>
  ]> {
  let cppNamespace = "::lauryn::la";
  let genSpecializedAttr = 0;
}
def LA_DistributionAttr : EnumAttr<LA_Dialect, LA_Distribution, "distribution"> {
  let assemblyFormat = "`<` $value `>`";
}

def LA_FusionTemplate : I32EnumAttr<"FusionTemplate", "fusion template of a fused operator", [
    I32EnumAttrCase<"cell", 0>,   // cell-wise chain, optional full/row/column aggregate
    I32EnumAttrCase<"magg", 1>,   // several full aggregates in one pass
    I32EnumAttrCase<"outer", 2>,  // around a low-rank U %*% t(V), at a sparse driver's entries
    I32EnumAttrCase<"row", 3>     // row by row: row reductions, then column accumulations
  ]> {
  let cppNamespace = "::lauryn::la";
  let genSpecializedAttr = 0;
}
def LA_FusionTemplateAttr : EnumAttr<LA_Dialect, LA_FusionTemplate, "template"> {
  let assemblyFormat = "`<` $value `>`";
}

//===----------------------------------------------------------------------===//
// Estimates and lineage
//===----------------------------------------------------------------------===//

def LA_SparsityAttr : LA_Attr<"Sparsity", "sparsity"> {
  let summary = "A sparsity estimate: number of non-zeros and/or density";
  let description = [{
    An estimate of how many cells of a value are non-zero, attached to the op that produces
    the value (one entry per result, see `la.sparsity` in the dialect docs). `nnz` is an
    absolute count, `density` the fraction of non-zero cells in [0, 1]; at least one is given.
    `estimator` names the estimator that produced it (`avg`, `worst`, `bitset`,
    `density-map`, `sample`, `layered-graph`, `mnc`, `mnc-basic`, see docs/sparsity.md, or
    `exact` for values measured on data). An estimate never changes a type.

    ```mlir
    #la.sparsity<nnz = 1200, estimator = "mnc">
    #la.sparsity<density = 0.01>
    ```
  }];
  let parameters = (ins
    "std::optional<int64_t>":$nnz,
    "std::optional<::llvm::APFloat>":$density,
    StringRefParameter<"estimator name", "\"\"">:$estimator);
  let hasCustomAssemblyFormat = 1;
  let genVerifyDecl = 1;
  let extraClassDeclaration = [{
    /// Density in [0, 1] for a value with `cells` cells (nnz / cells when only
    /// nnz is known); std::nullopt when neither can be derived.
    std::optional<double> getDensityFor(std::optional<int64_t> cells) const;
  }];
}

def LA_LineageAttr : LA_Attr<"Lineage", "lineage"> {
  let summary = "A structural lineage hash of the computation producing a value";
  let description = [{
    A 64-bit structural hash over (op name, inherent attributes, operand lineage, seed of
    random ops), computed by `la-assign-lineage`. Equal hashes denote equal computations; the
    hash is stable across runs and machines (xxh3 over a canonical byte encoding).

    ```mlir
    #la.lineage<0x9e3779b97f4a7c15>
    ```
  }];
  let parameters = (ins "uint64_t":$hash);
  let hasCustomAssemblyFormat = 1;
}

#endif // LAURYN_DIALECT_LA_IR_LAATTRS_TD
