//===- EstimateSparsity.cpp - propagate sparsity estimates (#la.sparsity) -===//
//
// Walks every function from its entry in program order, keeping one synopsis
// of the chosen estimator per value (SparsityOfOps.cpp maps each op), through
// scf.for (fixpoint, widened after a few rounds), scf.if (the larger branch)
// and func.call (the callee analysed with the call's synopses). Each op gets
// the largest nnz any analysis gave it as #la.sparsity.
//
//===----------------------------------------------------------------------===//

#include "lauryn/Analysis/Sparsity/MNCSketch.h"
#include "lauryn/Analysis/Sparsity/MatrixStructure.h"
#include "lauryn/Dialect/LA/IR/LAAttrs.h"
#include "lauryn/Dialect/LA/Transforms/EstimateSparsity.h"
#include "lauryn/Dialect/LA/Transforms/Passes.h"
#include "lauryn/Dialect/LA/Transforms/SparsityOfOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/SymbolTable.h"

namespace lauryn::la {
#define GEN_PASS_DEF_ESTIMATESPARSITYPASS
#include "lauryn/Dialect/LA/Transforms/Passes.h.inc"
} // namespace lauryn::la

using namespace mlir;
using namespace lauryn::la;
using namespace lauryn::sparsity;

namespace {

constexpr int kFixpointRounds = 8;  ///< loop rounds before widening
constexpr unsigned kMaxCallDepth = 16;

/// The synopsis with the larger nnz (a conservative join); null if either is.
SynopsisRef larger(const SynopsisRef &a, const SynopsisRef &b) {
  if (!a || !b)
    return nullptr;
  return a->nnz() >= b->nnz() ? a : b;
}

class Propagator {
public:
  Propagator(const Estimator &estimator, ModuleOp module)
      : estimator(estimator), symbols(module) {}

  void runFunction(func::FuncOp f, ArrayRef<SynopsisRef> args) {
    for (auto [arg, s] : llvm::zip(f.getArguments(), args)) {
      env[arg] = s;
      Estimate &best = argumentEstimates[arg];
      if (s && s->nnz() > best.nnz)
        best = {s->nnz(), s->cells()};
    }
    runBlock(f.getBody().front());
  }

  /// Per op result, the largest nnz over every analysis (-1: unknown) and
  /// the result's cells (its static or derived shape).
  struct Estimate {
    double nnz = -1, cells = 0;
  };
  const llvm::MapVector<Operation *, SmallVector<Estimate>> &estimates() const { return recorded; }
  /// Per function argument, the largest nnz over its entry and call sites.
  const llvm::MapVector<Value, Estimate> &arguments() const { return argumentEstimates; }

private:
  SynopsisRef get(Value v) {
    auto it = env.find(v);
    if (it != env.end())
      return it->second;
    return env[v] = synopsisOfConstant(v, estimator);
  }

  SmallVector<SynopsisRef> get(ValueRange values) {
    SmallVector<SynopsisRef> out;
    for (Value v : values)
      out.push_back(get(v));
    return out;
  }

  void set(ValueRange values, ArrayRef<SynopsisRef> synopses, Operation *op) {
    SmallVector<Estimate> &best = recorded[op];
    best.resize(values.size());
    for (auto [i, v, s] : llvm::enumerate(values, synopses)) {
      env[v] = s;
      if (s && s->nnz() > best[i].nnz)
        best[i] = {s->nnz(), s->cells()};
    }
  }

  void runBlock(Block &block) {
    for (Operation &op : block)
      runOp(&op);
  }

  void runOp(Operation *op) {
    if (auto loop = dyn_cast<scf::ForOp>(op))
      return runFor(loop);
    if (auto branch = dyn_cast<scf::IfOp>(op))
      return runIf(branch);
    if (auto call = dyn_cast<func::CallOp>(op))
      return runCall(call);
    if (op->getNumRegions() != 0) { // scf.while and other region ops: unknown
      set(op->getResults(), SmallVector<SynopsisRef>(op->getNumResults()), op);
      return;
    }
    set(op->getResults(), estimateResults(op, get(op->getOperands()), estimator), op);
  }

  /// Rounds of the body until the carried synopses stop changing (within
  /// 0.1 %). Still changing after kFixpointRounds, they are widened to the
  /// largest nnz seen (as metadata) for one last round: the estimate of a
  /// loop that keeps growing is that of about kFixpointRounds iterations. A
  /// loop may run zero times, so each result is the larger of its initial
  /// and final synopses.
  void runFor(scf::ForOp loop) {
    SmallVector<SynopsisRef> init = get(loop.getInitArgs()), carried = init, next;
    SmallVector<double> largest(init.size(), 0);
    Block *body = loop.getBody();
    for (int round = 0;; ++round) {
      for (auto [arg, s] : llvm::zip(loop.getRegionIterArgs(), carried))
        env[arg] = s;
      runBlock(*body);
      next = get(body->getTerminator()->getOperands());
      bool stable = true;
      for (auto [i, a, b] : llvm::enumerate(carried, next)) {
        if (!a || !b) {
          stable &= !a && !b;
          continue;
        }
        largest[i] = std::max({largest[i], a->nnz(), b->nnz()});
        stable &= std::abs(a->nnz() - b->nnz()) <= std::max(1.0, 1e-3 * a->nnz());
      }
      if (stable || round > kFixpointRounds)
        break;
      carried = next;
      if (round == kFixpointRounds)
        for (auto [i, s] : llvm::enumerate(carried))
          if (s)
            s = estimator.fromMetadata(s->rows(), s->cols(), largest[i]);
    }
    SmallVector<SynopsisRef> results;
    for (auto [a, b] : llvm::zip(init, next))
      results.push_back(larger(a, b));
    set(loop.getResults(), results, loop);
  }

  void runIf(scf::IfOp branch) {
    runBlock(*branch.thenBlock());
    SmallVector<SynopsisRef> results = get(branch.thenYield().getOperands());
    if (branch.elseBlock()) {
      runBlock(*branch.elseBlock());
      for (auto [r, s] : llvm::zip(results, get(branch.elseYield().getOperands())))
        r = larger(r, s);
    }
    set(branch.getResults(), results, branch);
  }

  void runCall(func::CallOp call) {
    auto callee = symbols.lookup<func::FuncOp>(call.getCallee());
    SmallVector<SynopsisRef> results(call.getNumResults());
    if (callee && !callee.isExternal() && depth < kMaxCallDepth) {
      ++depth;
      runFunction(callee, get(call.getOperands()));
      --depth;
      for (Block &block : callee.getBody())
        if (auto ret = dyn_cast<func::ReturnOp>(block.getTerminator()))
          for (auto [r, s] : llvm::zip(results, get(ret.getOperands())))
            r = r ? larger(r, s) : s;
    }
    set(call.getResults(), results, call);
  }

  const Estimator &estimator;
  SymbolTable symbols;
  DenseMap<Value, SynopsisRef> env;
  llvm::MapVector<Operation *, SmallVector<Estimate>> recorded;
  llvm::MapVector<Value, Estimate> argumentEstimates;
  unsigned depth = 0;
};

/// Synopses of an entry function's arguments from `la.sparsity` (nnz or
/// density) or `la.sketch` (MNC row and column counts) argument attributes;
/// null for arguments without them or with dynamic shapes.
FailureOr<SmallVector<SynopsisRef>> argumentSynopses(func::FuncOp f, const Estimator &e,
                                                     EstimatorKind kind) {
  SmallVector<SynopsisRef> out;
  for (BlockArgument arg : f.getArguments()) {
    out.push_back(nullptr);
    std::optional<std::pair<int64_t, int64_t>> shape = staticShape(arg);
    auto sketch = f.getArgAttrOfType<DictionaryAttr>(arg.getArgNumber(), kSketchAttrName);
    auto sparsity = f.getArgAttrOfType<SparsityAttr>(arg.getArgNumber(), kSparsityAttrName);
    if (shape && !isa<RankedTensorType>(arg.getType())) { // a scalar, assumed non-zero
      out.back() = e.build(MatrixStructure::fromCoordinates(1, 1, {{0, 0}}));
      continue;
    }
    if (!shape) {
      if (sketch || sparsity)
        return emitError(arg.getLoc()) << "argument #" << arg.getArgNumber()
                             << ": a sparsity estimate needs a matrix of static shape, not "
                             << arg.getType();
      continue;
    }
    int64_t rows = shape->first, cols = shape->second;
    if (sketch) {
      auto rowNnz = dyn_cast_or_null<DenseI64ArrayAttr>(sketch.get("rows"));
      auto colNnz = dyn_cast_or_null<DenseI64ArrayAttr>(sketch.get("cols"));
      if (!rowNnz || !colNnz || int64_t(rowNnz.size()) != rows || int64_t(colNnz.size()) != cols)
        return emitError(arg.getLoc()) << "argument #" << arg.getArgNumber() << ": " << kSketchAttrName
                             << " needs rows = array<i64: " << rows
                             << " counts> and cols = array<i64: " << cols << " counts>";
      std::vector<int64_t> r(rowNnz.asArrayRef().begin(), rowNnz.asArrayRef().end());
      std::vector<int64_t> c(colNnz.asArrayRef().begin(), colNnz.asArrayRef().end());
      int64_t sumRows = 0, sumCols = 0;
      for (int64_t x : r)
        sumRows += x;
      for (int64_t x : c)
        sumCols += x;
      bool inRange = llvm::all_of(r, [&](int64_t x) { return x >= 0 && x <= cols; }) &&
                     llvm::all_of(c, [&](int64_t x) { return x >= 0 && x <= rows; });
      if (!inRange || sumRows != sumCols)
        return emitError(arg.getLoc()) << "argument #" << arg.getArgNumber() << ": " << kSketchAttrName
                             << " counts must lie in [0, " << cols << "] and [0, " << rows
                             << "] and have equal sums (" << sumRows << " vs " << sumCols << ")";
      if (kind == EstimatorKind::MNC || kind == EstimatorKind::MNCBasic)
        out.back() = std::make_shared<MNCSketch>(MNCSketch::fromCounts(rows, cols, r, c));
      else
        out.back() = e.fromMetadata(rows, cols, double(sumRows));
      continue;
    }
    if (sparsity) {
      std::optional<double> density = sparsity.getDensityFor(rows * cols);
      if (density)
        out.back() = e.fromMetadata(rows, cols, *density * double(rows) * double(cols));
    }
  }
  return out;
}

struct EstimateSparsityPass : lauryn::la::impl::EstimateSparsityPassBase<EstimateSparsityPass> {
  using EstimateSparsityPassBase::EstimateSparsityPassBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    std::optional<EstimatorKind> kind = parseEstimatorKind(estimator);
    if (!kind) {
      InFlightDiagnostic diag = emitError(module.getLoc())
                                << "la-estimate-sparsity: unknown estimator '" << estimator
                                << "' (one of";
      for (EstimatorKind k : allEstimatorKinds())
        diag << " " << estimatorName(k);
      diag << ")";
      return signalPassFailure();
    }
    std::unique_ptr<Estimator> e = createEstimator(*kind);
    auto fromAttributes = [&](func::FuncOp f) { return argumentSynopses(f, *e, *kind); };
    if (failed(estimateSparsity(module, *e, fromAttributes)))
      return signalPassFailure();
    module.walk([&](Operation *op) { numAnnotated += op->hasAttr(kSparsityAttrName); });
  }
};

} // namespace

namespace lauryn::la {

LogicalResult estimateSparsity(ModuleOp module, const Estimator &estimator,
                               InputSynopses inputs) {
  Propagator propagator(estimator, module);
  // Entry points: functions no call in the module reaches. Callees are
  // analysed at their call sites, with the callers' synopses.
  llvm::DenseSet<StringRef> called;
  module.walk([&](func::CallOp call) { called.insert(call.getCallee()); });
  for (func::FuncOp f : module.getOps<func::FuncOp>()) {
    if (f.isExternal() || called.contains(f.getSymName()))
      continue;
    FailureOr<SmallVector<SynopsisRef>> args = inputs(f);
    if (failed(args))
      return failure();
    propagator.runFunction(f, *args);
  }

  MLIRContext *ctx = module.getContext();
  StringRef name = estimatorName(estimator.kind());
  auto toAttr = [&](const Propagator::Estimate &e) {
    double density = e.cells > 0 ? std::min(1.0, e.nnz / e.cells) : 0.0;
    return SparsityAttr::get(ctx, int64_t(std::llround(e.nnz)), llvm::APFloat(density), name);
  };
  // Arguments (entries' inputs, callees' parameters over their call sites)
  // keep an estimate given as an attribute and get one otherwise, so that
  // decisions (la-select-formats) see every value's estimate.
  for (const auto &[value, e] : propagator.arguments()) {
    auto arg = cast<BlockArgument>(value);
    auto f = cast<func::FuncOp>(arg.getOwner()->getParentOp());
    if (e.nnz >= 0 && isa<RankedTensorType>(arg.getType()) &&
        !f.getArgAttr(arg.getArgNumber(), kSparsityAttrName))
      f.setArgAttr(arg.getArgNumber(), kSparsityAttrName, toAttr(e));
  }
  for (const auto &[op, estimates] : propagator.estimates()) {
    SmallVector<Attribute> attrs;
    bool any = false;
    for (auto [result, e] : llvm::zip(op->getResults(), estimates)) {
      if (e.nnz < 0 || !isa<RankedTensorType>(result.getType())) {
        attrs.push_back(UnitAttr::get(ctx));
        continue;
      }
      attrs.push_back(toAttr(e));
      any = true;
    }
    if (any)
      op->setAttr(kSparsityAttrName, attrs.size() == 1 ? attrs.front() : ArrayAttr::get(ctx, attrs));
  }
  return success();
}

SparsityAttr getEstimate(Value v) {
  auto pick = [](Attribute attr, unsigned i) -> SparsityAttr {
    if (auto array = dyn_cast_or_null<ArrayAttr>(attr))
      return i < array.size() ? dyn_cast<SparsityAttr>(array[i]) : SparsityAttr();
    return i == 0 ? dyn_cast_or_null<SparsityAttr>(attr) : SparsityAttr();
  };
  if (auto result = dyn_cast<OpResult>(v))
    return pick(result.getOwner()->getAttr(kSparsityAttrName), result.getResultNumber());
  auto arg = cast<BlockArgument>(v);
  Operation *owner = arg.getOwner()->getParentOp();
  if (auto f = dyn_cast<func::FuncOp>(owner))
    return f.getArgAttrOfType<SparsityAttr>(arg.getArgNumber(), kSparsityAttrName);
  if (auto loop = dyn_cast<scf::ForOp>(owner))
    if (arg.getArgNumber() > 0) // 0 is the induction variable
      return pick(loop->getAttr(kSparsityAttrName), arg.getArgNumber() - 1);
  return {};
}

} // namespace lauryn::la
