//===- LADialect.cpp - la dialect registration ----------------------------===//

#include "lauryn/Dialect/LA/IR/LADialect.h"
#include "lauryn/Dialect/LA/IR/LAOps.h"
#include "mlir/Transforms/InliningUtils.h"

using namespace mlir;
using namespace lauryn::la;

#include "lauryn/Dialect/LA/IR/LADialect.cpp.inc"

namespace {
/// Every la op is a pure function of its operands (no side effects, no
/// symbols, regions isolated from above), so calls of functions over la
/// values may be inlined: then fusion and lineage-based CSE see across the
/// call boundaries (k-means' distance function feeds its Lloyd step).
struct LAInlinerInterface : public DialectInlinerInterface {
  using DialectInlinerInterface::DialectInlinerInterface;
  bool isLegalToInline(Operation *, Operation *, bool) const final { return true; }
  bool isLegalToInline(Region *, Region *, bool, IRMapping &) const final { return true; }
  bool isLegalToInline(Operation *, Region *, bool, IRMapping &) const final { return true; }
};
} // namespace

void LADialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "lauryn/Dialect/LA/IR/LAOps.cpp.inc"
      >();
  registerAttributes();
  addInterfaces<LAInlinerInterface>();
}

/// Folded values become arith.constant (scalars and dense tensors).
Operation *LADialect::materializeConstant(OpBuilder &builder, Attribute value,
                                          Type type, Location loc) {
  auto typed = dyn_cast<TypedAttr>(value);
  if (!typed || !arith::ConstantOp::isBuildableWith(value, type))
    return nullptr;
  return arith::ConstantOp::create(builder, loc, type, typed);
}

/// Discardable `la.*` attributes: `la.sparsity` and `la.lineage`, one per
/// result (a single attribute for a single result, else an array).
LogicalResult LADialect::verifyOperationAttribute(Operation *op, NamedAttribute attr) {
  StringRef name = attr.getName().getValue();
  auto perResult = [&](function_ref<bool(Attribute)> valid, StringRef what) -> LogicalResult {
    Attribute value = attr.getValue();
    if (valid(value)) {
      if (op->getNumResults() == 1)
        return success();
      return op->emitError() << "'" << name << "' on an op with " << op->getNumResults()
                             << " results must be an array of one " << what << " per result";
    }
    auto array = dyn_cast<ArrayAttr>(value);
    if (!array)
      return op->emitError() << "'" << name << "' must be a " << what << ", got " << value;
    if (array.size() != op->getNumResults() || !llvm::all_of(array, valid))
      return op->emitError() << "'" << name << "' must hold one " << what << " per result ("
                             << op->getNumResults() << "), got " << value;
    return success();
  };
  if (name == kSparsityAttrName)
    return perResult([](Attribute a) { return isa<SparsityAttr, UnitAttr>(a); },
                     "#la.sparsity (or unit: no estimate)");
  if (name == kLineageAttrName)
    return perResult([](Attribute a) { return isa<LineageAttr>(a); }, "#la.lineage");
  return op->emitError() << "unknown la attribute '" << name
                         << "'; la defines la.sparsity and la.lineage";
}
