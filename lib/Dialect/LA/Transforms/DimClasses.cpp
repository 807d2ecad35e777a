//===- DimClasses.cpp - provably equal matrix dimensions ------------------===//
//
// A union-find over (value, dimension) pairs, filled from the la type rules:
// each rule below holds for every run that passes the op's own size checks.
//
//===----------------------------------------------------------------------===//

#include "DimClasses.h"

#include "lauryn/Dialect/LA/IR/LAOps.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;

namespace lauryn::la {
namespace {

RankedTensorType matrixType(Value v) {
  auto t = dyn_cast<RankedTensorType>(v.getType());
  return t && t.getRank() == 2 ? t : RankedTensorType();
}

} // namespace

DimClasses::DimClasses(func::FuncOp fn) {
  for (BlockArgument arg : fn.getArguments())
    add(arg);
  fn.walk([&](Operation *op) {
    for (Value r : op->getResults())
      add(r);
    visit(op);
  });
}

DimClasses::Key DimClasses::find(Key k) const {
  auto it = parent.find(k);
  if (it == parent.end() || it->second == k)
    return k;
  Key root = find(it->second);
  parent[k] = root;
  return root;
}

void DimClasses::unite(Key a, Key b) {
  a = find(a);
  b = find(b);
  if (a == b)
    return;
  // A static size stays the root of its class.
  if (!a.first)
    std::swap(a, b);
  parent[a] = b;
}

void DimClasses::add(Value v) {
  if (RankedTensorType t = matrixType(v))
    for (unsigned d = 0; d < 2; ++d)
      if (!ShapedType::isDynamic(t.getDimSize(d)))
        unite(key({v, d}), Key{nullptr, t.getDimSize(d)});
}

void DimClasses::visit(Operation *op) {
  if (op->getNumResults() != 1)
    return;
  Value result = op->getResult(0);
  RankedTensorType resultType = matrixType(result);
  if (isCellwiseOp(op)) {
    // Only a dimension typed 1 broadcasts: the others equal the result's.
    if (!resultType)
      return;
    for (unsigned d = 0; d < 2; ++d)
      for (Value operand : op->getOperands())
        if (RankedTensorType t = matrixType(operand); t && t.getDimSize(d) != 1)
          unite({operand, d}, {result, d});
    return;
  }
  if (std::optional<AggregateInfo> agg = getAggregateInfo(op)) {
    if (resultType && matrixType(agg->input) && agg->axis != Axis::all)
      unite({agg->input, agg->axis == Axis::row ? 0u : 1u},
            {result, agg->axis == Axis::row ? 0u : 1u});
    return;
  }
  if (auto product = dyn_cast<MatMulOp>(op)) {
    if (!resultType || !matrixType(product.getLhs()) || !matrixType(product.getRhs()))
      return;
    unite({product.getLhs(), 0}, {result, 0});
    unite({product.getRhs(), 1}, {result, 1});
    unite({product.getLhs(), 1}, {product.getRhs(), 0});
    return;
  }
  if (auto transpose = dyn_cast<TransposeOp>(op)) {
    if (resultType && matrixType(transpose.getInput())) {
      unite({transpose.getInput(), 0}, {result, 1});
      unite({transpose.getInput(), 1}, {result, 0});
    }
    return;
  }
  if (isa<ConvertOp, tensor::CastOp>(op)) {
    Value input = op->getOperand(0);
    if (resultType && matrixType(input))
      for (unsigned d = 0; d < 2; ++d)
        unite({input, d}, {result, d});
    return;
  }
  if (isa<CBindOp, RBindOp>(op)) {
    unsigned common = isa<CBindOp>(op) ? 0 : 1;
    if (resultType)
      for (Value operand : op->getOperands())
        if (matrixType(operand))
          unite({operand, common}, {result, common});
  }
}

bool DimClasses::allEqual(llvm::ArrayRef<Dim> dims) const {
  for (const Dim &d : dims)
    if (find(key(d)) != find(key(dims.front()))) // (no dims: true)
      return false;
  return true;
}

} // namespace lauryn::la
