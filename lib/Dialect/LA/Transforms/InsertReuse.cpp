//===- InsertReuse.cpp - probes and puts of the run-time lineage cache ----===//
//
// la-insert-reuse (Passes.td has the rules): wraps each value worth caching
// in an la.cached region keyed by its lineage. A candidate's lineage is
// traced back to its inputs (function arguments, loop indices); the key
// combines the lineage ID of that DAG with the inputs' run-time identities.
//
//===----------------------------------------------------------------------===//

#include "FusionCost.h"
#include "ShapeRefinement.h"

#include "lauryn/Dialect/LA/IR/LAAttrs.h"
#include "lauryn/Dialect/LA/IR/LAOps.h"
#include "lauryn/Dialect/LA/Transforms/Lineage.h"
#include "lauryn/Dialect/LA/Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Interfaces/CallInterfaces.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "llvm/ADT/DenseSet.h"

namespace lauryn::la {
#define GEN_PASS_DEF_INSERTREUSEPASS
#include "lauryn/Dialect/LA/Transforms/Passes.h.inc"
} // namespace lauryn::la

using namespace mlir;
using namespace lauryn::la;

namespace {

/// Ops traced per candidate at most (bounds compile time on long chains).
constexpr unsigned kMaxTracedOps = 256;
/// Fixed cost of a probe and a put (runtime calls, the cache's lock, its map,
/// allocating a copy): tiny values are never worth caching.
constexpr double kProbeSeconds = 5e-6;

/// A value worth considering for the cache.
struct Candidate {
  Operation *op = nullptr;
  RankedTensorType type;     ///< the result's most static type
  SmallVector<Value> inputs; ///< arguments and loop indices, in order of use
  int64_t height = 0;        ///< longest op chain from an input
  double computeSeconds = 0;
  double resultBytes = 0;
  uint64_t lineage = 0; ///< lineage ID with the inputs numbered
};

/// True for a loop index (the induction variable of an scf.for).
bool isLoopIndex(BlockArgument arg) {
  auto loop = dyn_cast_or_null<scf::ForOp>(arg.getOwner()->getParentOp());
  return loop && arg == loop.getInductionVar();
}

/// True for an argument of the enclosing function's entry block.
bool isFunctionArgument(BlockArgument arg) {
  Block *block = arg.getOwner();
  return isa_and_nonnull<FunctionOpInterface>(block->getParentOp()) && block->isEntryBlock();
}

/// Bytes of `input` (a function argument or loop index) in `shaped`.
double inputBytes(const ShapedCopy &shaped, Value input) {
  auto arg = cast<BlockArgument>(input);
  if (!isa<RankedTensorType>(arg.getType()))
    return 0;
  if (isFunctionArgument(arg))
    return fusionStatsOf(shaped.function().getArgument(arg.getArgNumber())).bytes();
  return fusionStatsOf(arg).bytes();
}

/// Traces `op`'s lineage back to its inputs; false if it reaches a value the
/// cache cannot key (a loop-carried value, a non-deterministic or effectful
/// op, an op with regions other than a fused operator).
bool traceInputs(Operation *op, LineageHasher &hasher, Candidate &c) {
  llvm::DenseMap<Operation *, int64_t> heights;
  llvm::DenseSet<Value> seenInputs;
  // Iterative post-order: an op's height once all its producers have one.
  SmallVector<Operation *> stack{op};
  while (!stack.empty()) {
    Operation *cur = stack.back();
    if (heights.count(cur)) {
      stack.pop_back();
      continue;
    }
    if (heights.size() > kMaxTracedOps)
      return false;
    if (cur->getNumRegions() && !isa<FusedOp>(cur))
      return false;
    if (cur != op && !hasher.isMergeable(cur))
      return false;
    bool ready = true;
    int64_t height = 0;
    for (Value operand : cur->getOperands()) {
      if (auto arg = dyn_cast<BlockArgument>(operand)) {
        if ((!isFunctionArgument(arg) && !isLoopIndex(arg)) ||
            !hasRuntimeIdentity(arg.getType()))
          return false;
        if (seenInputs.insert(arg).second)
          c.inputs.push_back(arg);
        continue;
      }
      Operation *producer = operand.getDefiningOp();
      auto it = heights.find(producer);
      if (it == heights.end()) {
        stack.push_back(producer);
        ready = false;
      } else {
        height = std::max(height, it->second);
      }
    }
    if (ready) {
      heights[cur] = height + 1;
      stack.pop_back();
    }
  }
  c.height = heights.lookup(op);
  return true;
}

/// True if `op` yields a sparse tensor: cached only with a declared static
/// shape (in its own region, which may nest in a user's), and never moved
/// into another value's region as a plain producer: a dynamically shaped
/// sparse kernel in a branch of an scf.if does not lower (the sparse
/// product's runtime calls fail dominance;
/// test/Tools/lauryn-run/sparse-computed-zeros.test with --no-specialize).
bool hasSparseResult(Operation *op) {
  return llvm::any_of(op->getResultTypes(), [](Type t) {
    auto tensor = dyn_cast<RankedTensorType>(t);
    return tensor && tensor.getEncoding();
  });
}

/// `op` and the producers in its block whose results only it (directly or
/// through other members) uses: a hit skips all of them. In block order.
/// Producers in `boundary` are left out (with what only they use).
SmallVector<Operation *>
exclusiveMembers(Operation *op, LineageHasher &hasher,
                 const llvm::DenseSet<Operation *> *boundary = nullptr) {
  llvm::SmallPtrSet<Operation *, 8> members{op};
  bool grown = true;
  while (grown) {
    grown = false;
    for (Operation *member : SmallVector<Operation *>(members.begin(), members.end()))
      for (Value operand : member->getOperands()) {
        Operation *producer = operand.getDefiningOp();
        // Identities stay where they are: later keys use them too.
        if (!producer || members.count(producer) || producer->getBlock() != op->getBlock() ||
            isa<IdentityOp>(producer) || (boundary && boundary->count(producer)))
          continue;
        // A cached value used only here moves in too (nested: a hit of the
        // outer value skips even its probe; a miss probes it).
        bool movable = isa<CachedOp>(producer) ||
                       (hasher.isMergeable(producer) && !hasSparseResult(producer) &&
                        (!producer->getNumRegions() || isa<FusedOp>(producer)));
        if (!movable)
          continue;
        // (A use inside a member's region is a use by that member.)
        if (llvm::all_of(producer->getUsers(), [&](Operation *user) {
              return members.count(op->getBlock()->findAncestorOpInBlock(*user));
            })) {
          members.insert(producer);
          grown = true;
        }
      }
  }
  SmallVector<Operation *> ordered;
  for (Operation &inner : *op->getBlock())
    if (members.count(&inner))
      ordered.push_back(&inner);
  return ordered;
}


/// Executions of `op` per call of its function: the product of the trip
/// counts of the loops around it (10 for a count unknown at compile time, as
/// la-select-formats assumes).
double executionsPerCall(Operation *op) {
  double executions = 1;
  for (auto loop = op->getParentOfType<scf::ForOp>(); loop;
       loop = loop->getParentOfType<scf::ForOp>()) {
    std::optional<APInt> trips = loop.getStaticTripCount();
    executions *= trips ? double(trips->getZExtValue()) : 10.0;
  }
  return executions;
}

/// Estimated seconds of a call: its callee's la ops, times their trip counts.
double calleeSeconds(CallOpInterface call, const lauryn::fusion::CostRates &rates) {
  auto callee = dyn_cast_or_null<FunctionOpInterface>(call.resolveCallable());
  if (!callee || callee.isExternal())
    return 0;
  double seconds = 0;
  callee.getFunctionBody().walk([&](Operation *inner) {
    if (isa<LADialect>(inner->getDialect()) && !isa<YieldOp>(inner) &&
        !inner->getParentOfType<FusedOp>())
      seconds += fusionCostSeconds(inner, rates) * executionsPerCall(inner);
  });
  return seconds;
}

struct InsertReusePass : lauryn::la::impl::InsertReusePassBase<InsertReusePass> {
  using InsertReusePassBase::InsertReusePassBase;

  void runOnOperation() override {
    if (bandwidth <= 0 || gflops <= 0 || hashBandwidth <= 0) {
      getOperation().emitError(
          "la-insert-reuse: bandwidth, gflops and hash-bandwidth must be positive");
      return signalPassFailure();
    }
    if (margin < 0 || maxMB < 0) {
      getOperation().emitError("la-insert-reuse: margin and max-mb must not be negative");
      return signalPassFailure();
    }
    lauryn::fusion::CostRates rates;
    rates.readBandwidth = rates.writeBandwidth = bandwidth * 1e9;
    rates.flopRate = gflops * 1e9;
    for (auto fn : getOperation().getOps<func::FuncOp>())
      if (!fn.isExternal())
        insertIn(fn, rates);
  }

  /// `type`: the type the cached value would have (CSR with a static shape
  /// only).
  bool isCandidateOp(Operation *op, Type type) {
    if (op->getNumResults() != 1 || !isReusableMatrixType(type))
      return false;
    if (op->getParentOfType<FusedOp>() || op->getParentOfType<CachedOp>())
      return false;
    if (isa<CallOpInterface>(op))
      return true;
    return isa<LADialect>(op->getDialect()) &&
           !isa<IdentityOp, LineageKeyOp, CachedOp, YieldOp>(op);
  }

  void insertIn(func::FuncOp fn, const lauryn::fusion::CostRates &rates) {
    LineageHasher hasher;
    ShapedCopy shaped(fn, /*exact=*/false), typed(fn, /*exact=*/true);
    SmallVector<Candidate> candidates;
    fn.walk([&](Operation *op) {
      if (op->getNumResults() != 1)
        return;
      // A dense value is cached with its most static type; a CSR value only
      // with a declared static shape (the sparsifier cannot lower a cast of a
      // CSR value from a dynamic to a static shape).
      Type type = op->getResult(0).getType();
      if (!hasSparseResult(op))
        type = typed.of(op)->getResult(0).getType();
      if (!isCandidateOp(op, type) || !hasher.isMergeable(op))
        return;
      Candidate c;
      c.op = op;
      c.type = cast<RankedTensorType>(type);
      if (traceInputs(op, hasher, c))
        candidates.push_back(std::move(c));
    });
    for (Candidate &c : candidates)
      c.resultBytes = fusionStatsOf(shaped.of(c.op)->getResult(0)).bytes();
    // A hit skips the op and its exclusive producers, except producers
    // cached on their own. Decided in program order, so that producers are
    // decided before the values using them; repeated while a choice makes an
    // input's hash free for a candidate rejected before.
    llvm::DenseSet<Operation *> chosenOps;
    llvm::DenseSet<Value> hashed;
    for (bool changed = true; changed;) {
      changed = false;
      for (Candidate &c : candidates) {
        if (chosenOps.count(c.op))
          continue;
        c.computeSeconds = 0;
        for (Operation *member : exclusiveMembers(c.op, hasher, &chosenOps)) {
          c.computeSeconds += isa<CallOpInterface>(member)
                                  ? calleeSeconds(cast<CallOpInterface>(member), rates)
                                  : fusionCostSeconds(shaped.of(member), rates);
        }
        double hashBytes = 0;
        for (Value input : c.inputs)
          if (!hashed.count(input))
            hashBytes += inputBytes(shaped, input);
        // Per call: the inputs are hashed once, the value is probed, computed
        // (or copied out) and stored at every execution.
        double executions = executionsPerCall(c.op);
        double overhead = executions * (kProbeSeconds + 2 * c.resultBytes / (bandwidth * 1e9)) +
                          hashBytes / (hashBandwidth * 1e9);
        if (c.resultBytes > maxMB * 1e6 || executions * c.computeSeconds <= margin * overhead)
          continue;
        chosenOps.insert(c.op);
        hashed.insert(c.inputs.begin(), c.inputs.end());
        changed = true;
      }
    }
    SmallVector<Candidate *> chosen;
    for (Candidate &c : candidates)
      if (chosenOps.count(c.op))
        chosen.push_back(&c);
    // Lineage IDs of the program as written, then the rewrite in program
    // order (a chosen value used only by a later one nests inside it).
    for (Candidate *c : chosen) {
      LineageHasher numbered;
      for (auto [position, input] : llvm::enumerate(c->inputs))
        numbered.assumeLineage(input, LineageHasher::inputLineage(position, input.getType()));
      c->lineage = numbered.get(c->op->getResult(0));
    }
    llvm::DenseMap<Value, Value> identities;
    for (Candidate *c : chosen)
      wrap(*c, identities);
  }

  /// The identity of `input`, computed once where it becomes available.
  Value identityOf(Value input, llvm::DenseMap<Value, Value> &identities) {
    if (Value known = identities.lookup(input))
      return known;
    Block *block = cast<BlockArgument>(input).getOwner();
    OpBuilder b = OpBuilder::atBlockBegin(block);
    Value identity = IdentityOp::create(b, input.getLoc(), input);
    identities[input] = identity;
    ++numIdentities;
    return identity;
  }

  void wrap(Candidate &c, llvm::DenseMap<Value, Value> &identities) {
    Operation *op = c.op;
    // A fresh hasher: earlier rewrites erased ops whose addresses new ops
    // may reuse.
    LineageHasher current;
    SmallVector<Operation *> members = exclusiveMembers(op, current);

    SmallVector<Value> inputIdentities;
    for (Value input : c.inputs)
      inputIdentities.push_back(identityOf(input, identities));
    OpBuilder b(members.front());
    Location loc = op->getLoc();
    Value key = LineageKeyOp::create(b, loc, b.getI64IntegerAttr(int64_t(c.lineage)),
                                     inputIdentities);
    b.setInsertionPoint(op);
    // The cached value has its static type (the lowering, and the code after
    // it, see the sizes; CSR needs them); its uses keep the declared type.
    Type declared = op->getResult(0).getType();
    auto cached = CachedOp::create(b, loc, c.type, key, b.getI64IntegerAttr(c.height));
    Block *body = b.createBlock(&cached.getBody());
    b.setInsertionPointToStart(body);
    IRMapping mapping;
    for (Operation *member : members)
      b.clone(*member, mapping);
    Value yielded = mapping.lookup(op->getResult(0));
    if (declared != c.type)
      yielded = tensor::CastOp::create(b, loc, c.type, yielded);
    YieldOp::create(b, loc, ValueRange{yielded});
    b.setInsertionPointAfter(cached);
    Value result = cached.getResult();
    if (declared != c.type)
      result = tensor::CastOp::create(b, loc, declared, result);
    op->getResult(0).replaceAllUsesWith(result);
    for (Operation *member : llvm::reverse(members))
      member->erase();
    ++numCached;
  }
};

} // namespace
