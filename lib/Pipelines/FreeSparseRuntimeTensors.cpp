//===- FreeSparseRuntimeTensors.cpp - delete runtime-stored sparse tensors ===//
//
// With the MLIR sparse runtime library, a sparse tensor is a runtime object
// that only bufferization.dealloc_tensor frees; nothing else in the pipeline
// does. This pass groups a function's sparse values into storages (a value
// and the values that may share its storage) and frees each storage that
// provably stays inside the function once, at its end. When in doubt a storage
// is left alone: a leak is the worst case, never a double free.
//
//===----------------------------------------------------------------------===//

#include "lauryn/Pipelines/Passes.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/SparseTensor/IR/SparseTensor.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Interfaces/CallInterfaces.h"
#include "mlir/Interfaces/DestinationStyleOpInterface.h"

namespace lauryn {
#define GEN_PASS_DEF_FREESPARSERUNTIMETENSORSPASS
#include "lauryn/Pipelines/Passes.h.inc"
} // namespace lauryn

using namespace mlir;

namespace {
bool isSparse(Value v) { return sparse_tensor::getSparseTensorEncoding(v.getType()) != nullptr; }

/// Ops whose sparse result is fresh storage.
bool startsStorage(Operation *op) {
  if (isa<tensor::EmptyOp, bufferization::AllocTensorOp>(op))
    return true;
  auto convert = dyn_cast<sparse_tensor::ConvertOp>(op);
  return convert && convert.getSource().getType() != convert.getType();
}

bool isScalar(Type type) { return isa<IntegerType, IndexType, FloatType>(type); }

/// Whether `use` of a sparse value may free its storage, let it outlive the
/// function or reach it through a non-sparse value (a view of its arrays).
/// Only reads are known not to: a conversion (a copy), an input of a
/// destination-style op, and ops that produce scalars or sparse values (the
/// latter join the operand's storage).
bool mayEscape(OpOperand &use) {
  Operation *user = use.getOwner();
  if (isa<CallOpInterface>(user) || user->hasTrait<OpTrait::IsTerminator>())
    return true;
  if (isa<sparse_tensor::ConvertOp>(user))
    return false;
  auto dps = dyn_cast<DestinationStyleOpInterface>(user);
  if (dps && dps.isDpsInput(&use))
    return false;
  // No results: a dealloc_tensor, a print, ... -- not known to only read.
  return user->getNumResults() == 0 || llvm::any_of(user->getResults(), [](Value r) {
           return !isScalar(r.getType()) && !isSparse(r);
         });
}

/// Union-find over sparse values that may share one storage.
struct Storages {
  DenseMap<Value, Value> parent;
  Value find(Value v) {
    Value p = parent.lookup(v);
    if (!p || p == v)
      return v;
    Value root = find(p);
    parent[v] = root;
    return root;
  }
  void join(Value a, Value b) {
    a = find(a);
    b = find(b);
    if (a != b)
      parent[a] = b;
  }
};

struct FreeSparseRuntimeTensorsPass
    : lauryn::impl::FreeSparseRuntimeTensorsPassBase<FreeSparseRuntimeTensorsPass> {
  using FreeSparseRuntimeTensorsPassBase::FreeSparseRuntimeTensorsPassBase;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (func.isExternal() || !func.getBody().hasOneBlock())
      return;
    Block &body = func.getBody().front();
    Storages storages;
    SmallVector<Value> escaping;
    func.walk([&](Operation *op) {
      for (OpOperand &use : op->getOpOperands())
        if (isSparse(use.get()) && mayEscape(use))
          escaping.push_back(use.get());
      // Sparse block arguments are the caller's or carried by a loop (scf.for,
      // scf.forall): the values that enter them are not tracked either.
      bool sparseArgs = false;
      for (Region &region : op->getRegions())
        for (Block &block : region)
          for (BlockArgument arg : block.getArguments())
            if (isSparse(arg)) {
              escaping.push_back(arg);
              sparseArgs = true;
            }
      if (sparseArgs)
        for (Value operand : op->getOperands())
          if (isSparse(operand))
            escaping.push_back(operand);
      for (OpResult result : op->getResults()) {
        if (!isSparse(result))
          continue;
        // Nested, from a callee, or out of a loop or branch: not tracked.
        if (op->getBlock() != &body || isa<CallOpInterface>(op) ||
            (op->getNumRegions() && !isa<DestinationStyleOpInterface>(op)))
          escaping.push_back(result);
        if (startsStorage(op))
          continue;
        if (auto dps = dyn_cast<DestinationStyleOpInterface>(op)) {
          storages.join(result, dps.getTiedOpOperand(result)->get());
          continue;
        }
        bool shares = false;
        for (Value operand : op->getOperands())
          if (isSparse(operand)) {
            storages.join(result, operand);
            shares = true;
          }
        if (!shares)
          escaping.push_back(result); // from somewhere this pass does not know
      }
    });

    DenseSet<Value> kept;
    for (Value v : escaping)
      kept.insert(storages.find(v));
    // Each storage's last value in the body; all its uses come before the return.
    llvm::MapVector<Value, Value> last;
    for (Operation &op : body)
      for (Value result : op.getResults())
        if (isSparse(result) && !kept.contains(storages.find(result)))
          last[storages.find(result)] = result;
    OpBuilder builder(body.getTerminator());
    for (auto [root, value] : last)
      bufferization::DeallocTensorOp::create(builder, value.getLoc(), value);
  }
};
} // namespace
