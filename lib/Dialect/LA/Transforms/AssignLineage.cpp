//===- AssignLineage.cpp - attach #la.lineage IDs -------------------------===//

#include "lauryn/Dialect/LA/IR/LAOps.h"
#include "lauryn/Dialect/LA/Transforms/Lineage.h"
#include "lauryn/Dialect/LA/Transforms/Passes.h"

#include "mlir/IR/Builders.h"
#include "mlir/Interfaces/CallInterfaces.h"

namespace lauryn::la {
#define GEN_PASS_DEF_ASSIGNLINEAGEPASS
#include "lauryn/Dialect/LA/Transforms/Passes.h.inc"
} // namespace lauryn::la

using namespace mlir;
using namespace lauryn::la;

namespace {
struct AssignLineagePass
    : lauryn::la::impl::AssignLineagePassBase<AssignLineagePass> {
  using AssignLineagePassBase::AssignLineagePassBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    LineageHasher hasher;
    MLIRContext *ctx = &getContext();
    module.walk([&](Operation *op) {
      if (op->getNumResults() == 0)
        return;
      bool isLA = isa<LADialect>(op->getDialect());
      if (!isLA && !isa<CallOpInterface>(op) && !annotateAll)
        return;
      SmallVector<Attribute> ids;
      for (Value result : op->getResults())
        ids.push_back(LineageAttr::get(ctx, hasher.get(result)));
      op->setAttr(kLineageAttrName,
                  ids.size() == 1 ? ids.front() : ArrayAttr::get(ctx, ids));
      ++numAnnotated;
      if (!hasher.isMergeable(op))
        ++numNondeterministic;
    });
  }
};
} // namespace
