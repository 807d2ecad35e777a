//===- LAOpSyntax.h - one custom syntax for every la op ---------*- C++ -*-===//
//
//   la.<op> [axis] operands attr-dict [: operand-types] [-> result-type]
//
// The axis keyword (all|row|col) appears only for ops with an `axis` attribute.
// The result type is printed only when it differs from the inferred one (or when
// the op infers nothing), so a written result type can request another encoding
// or a more static shape. Private to the la IR library.
//
//===----------------------------------------------------------------------===//

#ifndef LAURYN_LIB_DIALECT_LA_IR_LAOPSYNTAX_H
#define LAURYN_LIB_DIALECT_LA_IR_LAOPSYNTAX_H

#include "lauryn/Dialect/LA/IR/LAOps.h"
#include "mlir/IR/OpImplementation.h"
#include "llvm/ADT/STLExtras.h"

namespace lauryn::la::detail {

inline constexpr llvm::StringLiteral kAxisAttrName = "axis";

template <typename OpT>
bool opHasAxis() {
  return llvm::is_contained(OpT::getAttributeNames(), kAxisAttrName);
}

template <typename OpT>
mlir::ParseResult parseLAOp(mlir::OpAsmParser &parser,
                            mlir::OperationState &result) {
  mlir::MLIRContext *ctx = parser.getContext();
  if (opHasAxis<OpT>()) {
    llvm::StringRef keyword;
    llvm::SMLoc keywordLoc = parser.getCurrentLocation();
    if (succeeded(parser.parseOptionalKeyword(&keyword))) {
      std::optional<Axis> axis = symbolizeAxis(keyword);
      if (!axis)
        return parser.emitError(keywordLoc, "unknown axis '")
               << keyword << "'; expected all, row or col";
      result.addAttribute(kAxisAttrName, AxisAttr::get(ctx, *axis));
    }
  }
  llvm::SMLoc operandLoc = parser.getCurrentLocation();
  llvm::SmallVector<mlir::OpAsmParser::UnresolvedOperand> operands;
  llvm::SmallVector<mlir::Type> operandTypes;
  if (parser.parseOperandList(operands) ||
      parser.parseOptionalAttrDict(result.attributes))
    return mlir::failure();
  if (!operands.empty() &&
      (parser.parseColon() || parser.parseTypeList(operandTypes)))
    return mlir::failure();
  if (parser.resolveOperands(operands, operandTypes, operandLoc,
                             result.operands))
    return mlir::failure();

  if (succeeded(parser.parseOptionalArrow())) {
    mlir::Type resultType;
    if (parser.parseType(resultType))
      return mlir::failure();
    result.addTypes(resultType);
    return mlir::success();
  }
  if constexpr (OpT::template hasTrait<mlir::InferTypeOpInterface::Trait>()) {
    llvm::SmallVector<mlir::Type> inferred;
    if (failed(OpT::inferReturnTypes(ctx, result.location, result.operands,
                                     result.attributes.getDictionary(ctx),
                                     result.getRawProperties(), result.regions,
                                     inferred)))
      return mlir::failure();
    result.addTypes(inferred);
    return mlir::success();
  } else {
    return parser.emitError(parser.getNameLoc(),
                            "expected '->' followed by the result type of '")
           << OpT::getOperationName() << "'";
  }
}

template <typename OpT>
void printLAOp(OpT op, mlir::OpAsmPrinter &p) {
  llvm::SmallVector<llvm::StringRef, 4> elided;
  if (opHasAxis<OpT>()) {
    elided.push_back(kAxisAttrName);
    if (auto axis = op->template getAttrOfType<AxisAttr>(kAxisAttrName);
        axis && axis.getValue() != Axis::all)
      p << ' ' << stringifyAxis(axis.getValue());
  }
  mlir::Operation *operation = op.getOperation();
  // Attributes equal to their ODS default are implied.
  mlir::NamedAttrList defaults;
  operation->getName().populateDefaultAttrs(defaults);
  for (mlir::NamedAttribute d : defaults)
    if (operation->getAttr(d.getName()) == d.getValue())
      elided.push_back(d.getName().getValue());
  if (operation->getNumOperands() != 0)
    p << ' ' << operation->getOperands();
  p.printOptionalAttrDict(operation->getAttrs(), elided);
  if (operation->getNumOperands() != 0)
    p << " : " << operation->getOperandTypes();

  bool printResult = true;
  if constexpr (OpT::template hasTrait<mlir::InferTypeOpInterface::Trait>()) {
    llvm::SmallVector<mlir::Type> inferred;
    if (succeeded(OpT::inferReturnTypes(
            operation->getContext(), std::nullopt, operation->getOperands(),
            operation->getAttrDictionary(), operation->getPropertiesStorage(),
            operation->getRegions(), inferred)))
      printResult = mlir::TypeRange(inferred) != operation->getResultTypes();
  }
  if (printResult)
    p << " -> " << operation->getResultTypes();
}

} // namespace lauryn::la::detail

#endif // LAURYN_LIB_DIALECT_LA_IR_LAOPSYNTAX_H
