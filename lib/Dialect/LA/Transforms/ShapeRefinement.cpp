//===- ShapeRefinement.cpp - the static shapes a function's values have ---===//
//
// Types are refined in program order: generators with constant sizes, fused
// operators from their bodies, every other op by its type inference.
//
//===----------------------------------------------------------------------===//

#include "ShapeRefinement.h"

#include "lauryn/Dialect/LA/IR/LAOps.h"

#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/IR/Matchers.h"

using namespace mlir;

namespace lauryn::la {
namespace {

/// The more static of two compatible matrix types (the encoding of `current`).
Type moreStatic(Type current, Type inferred) {
  auto c = dyn_cast<RankedTensorType>(current);
  auto i = dyn_cast<RankedTensorType>(inferred);
  if (!c || !i || c.getRank() != i.getRank() || c.getElementType() != i.getElementType())
    return current;
  SmallVector<int64_t> shape(c.getShape());
  for (auto [d, size] : llvm::enumerate(shape))
    if (ShapedType::isDynamic(size))
      size = i.getDimSize(d);
  return RankedTensorType::get(shape, c.getElementType(), c.getEncoding());
}

/// A generator's type with its constant dynamic sizes made static.
RankedTensorType withConstantSizes(Type type, OperandRange dynamicSizes) {
  auto tensor = cast<RankedTensorType>(type);
  SmallVector<int64_t> shape(tensor.getShape());
  auto size = dynamicSizes.begin();
  for (int64_t &d : shape) {
    if (!ShapedType::isDynamic(d) || size == dynamicSizes.end())
      continue;
    APInt constant;
    if (matchPattern(*size++, m_ConstantInt(&constant)))
      d = constant.getSExtValue();
  }
  return RankedTensorType::get(shape, tensor.getElementType(), tensor.getEncoding());
}

/// Gives the values of `block` the most static types their operands imply;
/// unless `exact`, a slice with bounds known only at run time is given its
/// input's size (an upper bound, for costs).
void refineTypes(Block &block, bool exact) {
  for (Operation &op : block) {
    if (auto fill = dyn_cast<FillOp>(op)) {
      fill.getResult().setType(withConstantSizes(fill.getType(), fill.getDynamicSizes()));
      continue;
    }
    if (auto rand = dyn_cast<RandOp>(op)) {
      rand.getResult().setType(withConstantSizes(rand.getType(), rand.getDynamicSizes()));
      continue;
    }
    if (auto fused = dyn_cast<FusedOp>(op)) {
      for (auto [arg, input] : llvm::zip(fused.getBodyBlock().getArguments(), fused.getInputs()))
        arg.setType(moreStatic(arg.getType(), input.getType()));
      refineTypes(fused.getBodyBlock(), exact);
      for (auto [result, yielded] : llvm::zip(fused.getResults(), fused.getYielded()))
        result.setType(moreStatic(result.getType(), yielded.getType()));
      continue;
    }
    for (Region &region : op.getRegions())
      for (Block &inner : region)
        refineTypes(inner, exact);
    auto infer = dyn_cast<InferTypeOpInterface>(&op);
    SmallVector<Type> inferred;
    // No location: inference on the scratch copy reports nothing (sizes an
    // upper bound gave may conflict; the real op is checked where it runs).
    if (!infer || failed(infer.inferReturnTypes(op.getContext(), std::nullopt, op.getOperands(),
                                                op.getRawDictionaryAttrs(),
                                                op.getPropertiesStorage(), op.getRegions(),
                                                inferred)))
      continue;
    for (auto [result, type] : llvm::zip(op.getResults(), inferred))
      result.setType(moreStatic(result.getType(), type));
    // A slice with bounds known only at run time: at most its input (an upper
    // bound errs towards caching, which costs copies, not results).
    if (!exact && isa<SliceOp>(op))
      op.getResult(0).setType(moreStatic(op.getResult(0).getType(), op.getOperand(0).getType()));
  }
}

} // namespace

ShapedCopy::ShapedCopy(func::FuncOp fn, bool exact) : fn(fn), copy(fn.clone()) {
  for (Block &block : copy.getBody())
    refineTypes(block, exact);
  SmallVector<Operation *> original, copied;
  fn.walk([&](Operation *op) { original.push_back(op); });
  copy.walk([&](Operation *op) { copied.push_back(op); });
  for (auto [o, c] : llvm::zip(original, copied))
    copies[o] = c;
}

ShapedCopy::~ShapedCopy() { copy.erase(); }

Value ShapedCopy::valueOf(Value v) const {
  if (auto result = dyn_cast<OpResult>(v)) {
    Operation *op = of(result.getOwner());
    return op ? op->getResult(result.getResultNumber()) : Value();
  }
  // A block argument: of the function itself or of a region of one of its ops.
  auto arg = cast<BlockArgument>(v);
  Block *block = arg.getOwner();
  Region *region = block->getParent();
  Operation *parent = region->getParentOp();
  Operation *parentCopy = parent == fn ? copy.getOperation() : of(parent);
  if (!parentCopy)
    return {};
  Region &regionCopy = parentCopy->getRegion(region->getRegionNumber());
  auto blockIt = regionCopy.begin();
  std::advance(blockIt, std::distance(region->begin(), block->getIterator()));
  return blockIt->getArgument(arg.getArgNumber());
}

} // namespace lauryn::la
