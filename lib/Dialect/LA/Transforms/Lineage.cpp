//===- Lineage.cpp - structural lineage hashes of values ------------------===//

#include "lauryn/Dialect/LA/Transforms/Lineage.h"

#include "lauryn/Dialect/LA/IR/LAOps.h"
#include "mlir/IR/AsmState.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/Interfaces/CallInterfaces.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"

#include <limits>

using namespace mlir;
using namespace lauryn::la;

namespace {
/// Canonical little-endian byte encoding hashed with xxh3 (machine independent).
class ByteSink {
public:
  ByteSink &u64(uint64_t v) {
    for (int i = 0; i < 8; ++i)
      bytes.push_back(uint8_t(v >> (8 * i)));
    return *this;
  }
  ByteSink &str(StringRef s) {
    u64(s.size());
    bytes.append(s.bytes_begin(), s.bytes_end());
    return *this;
  }
  /// Printed form with fixed flags: command-line printing options (e.g.
  /// eliding large constants) must not change a hash.
  template <typename T>
  ByteSink &printed(const T &entity, MLIRContext *ctx) {
    OpPrintingFlags flags;
    flags.elideLargeElementsAttrs(std::numeric_limits<int64_t>::max());
    flags.elideLargeResourceString(std::numeric_limits<int64_t>::max());
    AsmState state(ctx, flags);
    std::string text;
    llvm::raw_string_ostream os(text);
    entity.print(os, state);
    return str(text);
  }
  ByteSink &type(Type t) { return printed(t, t.getContext()); }
  ByteSink &attr(Attribute a) {
    // Dense elements are hashed from their raw bytes (fast for big constants).
    if (auto dense = dyn_cast<DenseElementsAttr>(a)) {
      type(dense.getType());
      ArrayRef<char> raw = dense.getRawData();
      return str(StringRef(raw.data(), raw.size()));
    }
    return printed(a, a.getContext());
  }
  uint64_t finish() const { return llvm::xxh3_64bits(bytes); }

private:
  SmallVector<uint8_t, 128> bytes;
};

/// Nesting depth of `block` below the closest function (or symbol table).
unsigned nestingDepth(Block *block) {
  unsigned depth = 0;
  for (Operation *op = block->getParentOp(); op && !isa<FunctionOpInterface>(op) &&
                                             !op->hasTrait<OpTrait::SymbolTable>();
       op = op->getParentOp())
    ++depth;
  return depth;
}

/// Position of `block` in its region.
uint64_t blockIndex(Block *block) {
  uint64_t index = 0;
  for (Block &b : *block->getParent()) {
    if (&b == block)
      return index;
    ++index;
  }
  return index;
}

/// Name of the function enclosing `op`, or "" at module level.
StringRef enclosingFunctionName(Operation *op) {
  if (auto fn = op->getParentOfType<FunctionOpInterface>())
    return fn.getName();
  return "";
}

/// A deterministic, unique salt for an op: its position path in the function.
void appendPositionPath(ByteSink &sink, Operation *op) {
  sink.str(enclosingFunctionName(op));
  for (Operation *cur = op; cur && !isa<FunctionOpInterface>(cur);
       cur = cur->getParentOp()) {
    Block *block = cur->getBlock();
    if (!block)
      break;
    uint64_t index = 0;
    for (Operation &sibling : *block) {
      if (&sibling == cur)
        break;
      ++index;
    }
    sink.u64(index).u64(blockIndex(block)).u64(cur->getParentRegion()->getRegionNumber());
  }
}
} // namespace

uint64_t LineageHasher::inputLineage(unsigned position, Type type) {
  ByteSink sink;
  sink.str("input").u64(position).type(type);
  return sink.finish();
}

uint64_t LineageHasher::hashBlockArgument(BlockArgument arg) {
  ByteSink sink;
  Block *block = arg.getOwner();
  Operation *parent = block->getParentOp();
  auto fn = dyn_cast_or_null<FunctionOpInterface>(parent);
  if (fn && block->isEntryBlock()) {
    sink.str("arg").str(fn.getName()).u64(arg.getArgNumber());
  } else {
    // A placeholder of a loop or branch body ("patch" lineage), identified by
    // its nesting depth, region, block and position.
    sink.str("blockarg")
        .u64(nestingDepth(block))
        .u64(block->getParent()->getRegionNumber())
        .u64(blockIndex(block))
        .u64(arg.getArgNumber());
  }
  sink.type(arg.getType());
  return sink.finish();
}

uint64_t LineageHasher::get(Value value) {
  auto it = valueHashes.find(value);
  if (it != valueHashes.end())
    return it->second;
  uint64_t hash;
  if (auto arg = dyn_cast<BlockArgument>(value)) {
    hash = hashBlockArgument(arg);
  } else {
    auto result = cast<OpResult>(value);
    // Hash the producers first, iteratively: long dependence chains must not
    // exhaust the stack.
    SmallVector<Operation *> stack{result.getOwner()};
    while (!stack.empty()) {
      Operation *op = stack.back();
      if (opHashes.count(op)) {
        stack.pop_back();
        continue;
      }
      bool ready = true;
      for (Value operand : op->getOperands())
        if (auto producer = dyn_cast<OpResult>(operand))
          if (!opHashes.count(producer.getOwner())) {
            stack.push_back(producer.getOwner());
            ready = false;
          }
      if (ready) {
        stack.pop_back();
        hashOp(op);
      }
    }
    ByteSink sink;
    sink.str("result").u64(opHashes.lookup(result.getOwner())).u64(result.getResultNumber());
    hash = sink.finish();
  }
  valueHashes[value] = hash;
  return hash;
}

bool LineageHasher::isDeterministic(Operation *op) {
  if (auto lineage = dyn_cast<LineageOpInterface>(op))
    return lineage.isDeterministic();
  return true;
}

/// Functions that can reach themselves through calls. Their calls hash by the
/// callee's name only, so that lineage does not depend on definition order.
bool LineageHasher::isRecursive(Operation *callee) {
  auto cached = recursive.find(callee);
  if (cached != recursive.end())
    return cached->second;
  llvm::SmallPtrSet<Operation *, 16> seen;
  SmallVector<Operation *> work{callee};
  bool cycle = false;
  while (!work.empty() && !cycle) {
    Operation *fn = work.pop_back_val();
    fn->walk([&](CallOpInterface call) {
      Operation *target = call.resolveCallableInTable(&symbols);
      if (!target)
        return;
      if (target == callee)
        cycle = true;
      else if (seen.insert(target).second)
        work.push_back(target);
    });
  }
  recursive[callee] = cycle;
  return cycle;
}

uint64_t LineageHasher::hashCallee(Operation *call, bool &pure) {
  auto callOp = cast<CallOpInterface>(call);
  Operation *callee = callOp.resolveCallableInTable(&symbols);
  auto fn = dyn_cast_or_null<FunctionOpInterface>(callee);
  pure = false;
  if (!fn || fn.isExternal() || isRecursive(callee)) {
    ByteSink sink;
    sink.str("opaque-callee");
    if (auto symbol = dyn_cast<SymbolRefAttr>(callOp.getCallableForCallee()))
      sink.attr(symbol);
    return sink.finish();
  }
  auto it = calleeHashes.find(callee);
  if (it != calleeHashes.end()) {
    pure = it->second.second;
    return it->second.first;
  }
  ByteSink sink;
  sink.str("callee").str(fn.getName()).u64(hashRegion(fn.getFunctionBody()));
  bool allPure = true;
  fn.getFunctionBody().walk([&](Operation *inner) {
    if (!inner->hasTrait<OpTrait::ReturnLike>() && !isMergeable(inner))
      allPure = false;
  });
  uint64_t hash = sink.finish();
  calleeHashes[callee] = {hash, allPure};
  pure = allPure;
  return hash;
}

bool LineageHasher::isMergeable(Operation *op) {
  auto it = mergeable.find(op);
  if (it != mergeable.end())
    return it->second;
  bool result;
  if (isa<CallOpInterface>(op)) {
    bool pure;
    hashCallee(op, pure);
    result = pure;
  } else {
    result = isDeterministic(op) && isMemoryEffectFree(op);
    if (result)
      op->walk([&](Operation *inner) {
        if (inner != op && !inner->hasTrait<OpTrait::ReturnLike>() &&
            !isDeterministic(inner))
          result = false;
      });
  }
  mergeable[op] = result;
  return result;
}

uint64_t LineageHasher::hashRegion(Region &region) {
  ByteSink sink;
  sink.u64(region.getBlocks().size());
  for (Block &block : region) {
    sink.u64(block.getNumArguments());
    for (Operation &op : block) {
      // Data flow reaches results through the terminators; ops without results
      // or with side effects are part of the body's identity in order.
      if (op.getNumResults() == 0 || !isMergeable(&op) ||
          op.hasTrait<OpTrait::IsTerminator>()) {
        for (Value operand : op.getOperands())
          (void)get(operand); // iterative producers first
        sink.u64(hashOp(&op));
      }
    }
  }
  return sink.finish();
}

uint64_t LineageHasher::hashOp(Operation *op) {
  auto it = opHashes.find(op);
  if (it != opHashes.end())
    return it->second;
  ByteSink sink;
  sink.str(op->getName().getStringRef());
  for (Type t : op->getResultTypes())
    sink.type(t);
  // Inherent attributes only: dialect-prefixed names (la.lineage, la.sparsity)
  // are annotations, not part of the computation.
  SmallVector<NamedAttribute> attrs;
  for (NamedAttribute a : op->getAttrs())
    if (!a.getName().getValue().contains('.'))
      attrs.push_back(a);
  llvm::sort(attrs, [](NamedAttribute a, NamedAttribute b) {
    return a.getName().getValue() < b.getName().getValue();
  });
  for (NamedAttribute a : attrs)
    sink.str(a.getName().getValue()).attr(a.getValue());

  SmallVector<uint64_t> operands;
  for (Value v : op->getOperands())
    operands.push_back(get(v));
  if (op->hasTrait<OpTrait::IsCommutative>())
    llvm::sort(operands);
  sink.u64(operands.size());
  for (uint64_t h : operands)
    sink.u64(h);
  // Branch targets, by their position in the region.
  for (Block *successor : op->getSuccessors())
    sink.str("succ").u64(blockIndex(successor));

  for (Region &region : op->getRegions())
    sink.u64(hashRegion(region));

  if (isa<CallOpInterface>(op)) {
    bool pure;
    sink.u64(hashCallee(op, pure));
  }
  if (auto lineage = dyn_cast<LineageOpInterface>(op))
    if (std::optional<uint64_t> seed = lineage.getLineageSeed())
      sink.str("seed").u64(*seed);
  // Non-deterministic or effectful ops never share a lineage with another op.
  if (!isMergeable(op) && !op->hasTrait<OpTrait::IsTerminator>()) {
    sink.str("unique");
    appendPositionPath(sink, op);
  }
  uint64_t hash = sink.finish();
  opHashes[op] = hash;
  return hash;
}
