//===- LAInterfaces.td - per-op knowledge of the techniques --*- tablegen -*-===//
//
// Each technique (cost model, sparsity estimation, lineage) asks ops through an
// interface. Default implementations derive the answer from the op's family and
// its FLOP weight, both declared next to the op in LAOps.td; ops with their own
// rule override the method.
//
//===----------------------------------------------------------------------===//

#ifndef LAURYN_DIALECT_LA_IR_LAINTERFACES_TD
#define LAURYN_DIALECT_LA_IR_LAINTERFACES_TD

include "mlir/IR/OpBase.td"

def LA_CostOpInterface : OpInterface<"CostOpInterface"> {
  let cppNamespace = "::lauryn::la";
  let description = [{
    Analytic cost of an op: floating-point operations and bytes read and written, as a
    function of the shapes and estimated densities of its operands and result. Unknown
    (dynamic) dimensions must be resolved by the caller (ValueStats carries concrete sizes).
  }];
  let methods = [
    InterfaceMethod<"Cost of one execution of this op.", "::lauryn::la::OpCost",
      "estimateCost", (ins "::llvm::ArrayRef<::lauryn::la::ValueStats>":$operands,
                           "const ::lauryn::la::ValueStats &":$result), [{}], [{
        return ::lauryn::la::detail::estimateFamilyCost(
            ConcreteOp::getFamily(), ConcreteOp::getFlopsPerCell(), operands, result);
      }]>,
    InterfaceMethod<"FLOPs charged per processed cell (SystemDS weights).", "double",
      "getCellFlops", (ins), [{}], [{ return ConcreteOp::getFlopsPerCell(); }]>
  ];
}

def LA_SparsityPropagationOpInterface : OpInterface<"SparsityPropagationOpInterface"> {
  let cppNamespace = "::lauryn::la";
  let description = [{
    How an op maps the sparsity of its inputs to the sparsity of its result. This interface
    gives the metadata (average-case) rule of each op; the estimators of
    `Analysis/Sparsity` refine it (MNC sketches, bitsets, ...). The result is the estimated
    density in [0, 1], or std::nullopt if the inputs' densities are unknown.
  }];
  let methods = [
    InterfaceMethod<"Average-case density of the result.", "std::optional<double>",
      "propagateDensity", (ins "::llvm::ArrayRef<::lauryn::la::ValueStats>":$operands,
                                "const ::lauryn::la::ValueStats &":$result), [{}], [{
        return ::lauryn::la::detail::propagateFamilyDensity(
            $_op.getOperation(), ConcreteOp::getFamily(), operands, result);
      }]>,
    InterfaceMethod<"How zeros of the inputs reach the output (element-wise ops).",
      "::lauryn::la::ZeroRule", "getElementwiseZeroRule", (ins), [{}], [{
        return ConcreteOp::getZeroRule();
      }]>,
    InterfaceMethod<"The op's family (element-wise, aggregate, matmul, ...).",
      "::lauryn::la::OpFamily", "getOpFamily", (ins), [{}], [{
        return ConcreteOp::getFamily();
      }]>
  ];
}

def LA_LineageOpInterface : OpInterface<"LineageOpInterface"> {
  let cppNamespace = "::lauryn::la";
  let description = [{
    What lineage tracing needs to know about an op: whether it is deterministic (equal
    inputs give equal outputs) and which seed, if any, makes a random op reproducible. A
    non-deterministic op gets a lineage that no other op shares, so it is never merged or
    reused.
  }];
  let methods = [
    InterfaceMethod<"True if equal operands and attributes give equal results.", "bool",
      "isDeterministic", (ins), [{}], [{ return true; }]>,
    InterfaceMethod<"Seed of a random op (part of its lineage).", "std::optional<uint64_t>",
      "getLineageSeed", (ins), [{}], [{ return std::nullopt; }]>
  ];
}

#endif // LAURYN_DIALECT_LA_IR_LAINTERFACES_TD
