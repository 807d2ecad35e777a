//===- Fuse.cpp - la-fuse: Row, Cell, Outer, MultiAggregate operators ----===//
//
// Per block: form row operators around column accumulations, then build the
// fusion graph of element-wise ops and aggregates (Analysis/Fusion), let the
// selector choose which producer/consumer edges to fuse, turn every
// materialized value with fused producers into an la.fused cell operator
// (cloning recomputed producers into each), take low-rank products into cell
// operators over sparse drivers (outer), then merge full aggregates over one
// iteration space that share an input into multi-aggregates.
//
//===----------------------------------------------------------------------===//

#include "DimClasses.h"
#include "FusionCost.h"
#include "ShapeRefinement.h"

#include "lauryn/Analysis/Fusion/PlanSearch.h"
#include "lauryn/Dialect/LA/IR/LAOps.h"
#include "lauryn/Dialect/LA/Transforms/EstimateSparsity.h"
#include "lauryn/Dialect/LA/Transforms/Passes.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/SetVector.h"

namespace lauryn::la {
#define GEN_PASS_DEF_FUSEPASS
#include "lauryn/Dialect/LA/Transforms/Passes.h.inc"
} // namespace lauryn::la

using namespace mlir;
using namespace lauryn::la;
namespace fusion = lauryn::fusion;

namespace {

/// Same iteration space: equal static sizes, and the same statically-1
/// dimensions (a broadcast operand is a side input, not a fused producer).
bool sameSpace(Type a, Type b) {
  auto x = dyn_cast<RankedTensorType>(a), y = dyn_cast<RankedTensorType>(b);
  if (!x || !y)
    return false;
  for (auto [p, q] : llvm::zip(x.getShape(), y.getShape()))
    if ((p == 1) != (q == 1) ||
        (p != q && !ShapedType::isDynamic(p) && !ShapedType::isDynamic(q)))
      return false;
  return true;
}

bool isNode(Operation *op) {
  if (op->getNumResults() != 1)
    return false;
  if (isCellwiseOp(op))
    return isa<RankedTensorType>(op->getResult(0).getType());
  std::optional<AggregateInfo> agg = getAggregateInfo(op);
  return agg && isFusibleAggregate(agg->kind);
}

/// The type of `op`'s iteration space: its result, or an aggregate's input.
Type spaceOf(Operation *op) {
  if (auto agg = getAggregateInfo(op))
    return agg->input.getType();
  return op->getResult(0).getType();
}

/// The largest matrix operand; on a tie, a sparse one. Operands without a
/// statically 1-sized dimension span the whole iteration space (a broadcast
/// operand has one), so among them a sparse one wins even where dynamic
/// sizes leave the cell counts to defaults.
int64_t chooseDriver(ValueRange inputs, llvm::function_ref<bool(unsigned)> eligible = nullptr) {
  int64_t best = -1;
  double bestCells = -1;
  bool bestSparse = false, bestFull = false;
  for (auto [k, v] : llvm::enumerate(inputs)) {
    auto t = dyn_cast<RankedTensorType>(v.getType());
    if (!t || (eligible && !eligible(unsigned(k))))
      continue;
    ValueStats s = fusionStatsOf(v);
    bool sparse = t.getEncoding() != nullptr;
    bool full = !llvm::is_contained(t.getShape(), 1);
    bool tie = s.cells() == bestCells || (full && bestFull);
    if ((sparse != bestSparse && tie) ? sparse : s.cells() > bestCells) {
      bestFull = full;
      best = int64_t(k);
      bestCells = s.cells();
      bestSparse = sparse;
    }
  }
  return best;
}

/// True if a fused op computes what its unfused ops compute. Implicit zeros
/// of a CSR value are structural (0 * NaN = 0) where a dense cell loop would
/// compute with them: so every matrix operand and intermediate is dense, or
/// the op iterates the stored entries of its sparse driver, the only sparse
/// operand (a CSR intermediate is then computed at exactly those entries).
bool keepsSemantics(FusedOp op) {
  auto isSparse = [](Type type) {
    auto t = dyn_cast<RankedTensorType>(type);
    return t && t.getEncoding();
  };
  bool sparseDriver = iteratesSparseDriver(op);
  if (sparseDriver && op.getKind() == FusionTemplate::cell && !sparsifierModelsBody(op) &&
      !lowersCellByLoops(op))
    return false;
  for (auto [k, v] : llvm::enumerate(op.getInputs()))
    if (isSparse(v.getType()) && (int64_t(k) != int64_t(op.getDriver()) || !sparseDriver))
      return false;
  for (Operation &inner : op.getBodyBlock().without_terminator())
    if (llvm::any_of(inner.getResultTypes(), isSparse) && !sparseDriver)
      return false;
  return true;
}

class BlockFuser {
public:
  BlockFuser(Block &block, fusion::Selector selector, fusion::CostRates rates,
             unsigned maxExactPoints)
      : block(block), selector(selector), rates(rates), maxExactPoints(maxExactPoints) {}

  void run() {
    if (selector != fusion::Selector::None) {
      lookThroughConversions();
      formRowOperators();
      formRowAlignedOperators();
    }
    collectNodes();
    if (nodes.empty())
      return;
    fusion::FusionGraph graph(buildGraph(), rates);
    fusion::Plan plan = graph.select(selector, maxExactPoints);
    plansCosted += plan.plansCosted;
    subtreesPruned += plan.subtreesPruned;
    formCellOperators(graph, plan.fused);
    if (selector != fusion::Selector::None) {
      formOuterOperators();
      formMultiAggregates();
    }
  }

  unsigned numCell = 0, numMultiAgg = 0, numOuter = 0, numRow = 0;
  uint64_t plansCosted = 0, subtreesPruned = 0;

private:
  Block &block;
  fusion::Selector selector;
  fusion::CostRates rates;
  unsigned maxExactPoints;
  SmallVector<Operation *> nodes;
  DenseMap<Operation *, int> index;

  /// A format conversion between an element-wise producer and sums (which
  /// implicit and explicit zeros leave equal) is dropped: the producer yields
  /// the converted format itself, so the chain can fuse (a fused
  /// intermediate is never stored). Unfused, the lowering then produces that
  /// format from the same kernel.
  void lookThroughConversions() {
    for (Operation &op : llvm::make_early_inc_range(block)) {
      auto convert = dyn_cast<ConvertOp>(op);
      Operation *producer = convert ? convert.getInput().getDefiningOp() : nullptr;
      if (!producer || producer->getBlock() != &block || !isCellwiseOp(producer) ||
          !producer->hasOneUse())
        continue;
      bool onlySums = llvm::all_of(convert->getUsers(), [](Operation *user) {
        auto agg = getAggregateInfo(user);
        return agg && (agg->kind == AggKind::Sum || agg->kind == AggKind::SumSq);
      });
      if (!onlySums || !isValidResultType(producer, convert.getType()))
        continue;
      producer->getResult(0).setType(convert.getType());
      convert.getResult().replaceAllUsesWith(producer->getResult(0));
      convert.erase();
    }
  }

  /// True if `op` may declare `type` as its result type.
  static bool isValidResultType(Operation *op, Type type) {
    Type old = op->getResult(0).getType();
    op->getResult(0).setType(type);
    ScopedDiagnosticHandler silence(op->getContext(), [](Diagnostic &) { return success(); });
    bool ok = succeeded(mlir::verify(op, /*verifyRecursively=*/false));
    op->getResult(0).setType(old);
    return ok;
  }

  void collectNodes() {
    for (Operation &op : block)
      if (isa_and_nonnull<LADialect>(op.getDialect()) && isNode(&op)) {
        index[&op] = int(nodes.size());
        nodes.push_back(&op);
      }
  }

  /// The m x n space a column accumulation (colSums(A), t(A) %*% y) of a
  /// dense matrix runs over, if `op` is one.
  static RankedTensorType columnCloseSpace(Operation *op) {
    Value a;
    if (auto agg = getAggregateInfo(op); agg && agg->axis == Axis::col)
      a = agg->input;
    else if (auto product = dyn_cast<MatMulOp>(op))
      if (auto transpose = product.getLhs().getDefiningOp<TransposeOp>())
        a = transpose.getInput();
    auto space = a ? dyn_cast<RankedTensorType>(a.getType()) : RankedTensorType();
    // A CSR matrix is iterated over its stored entries if the group formed
    // around it passes rowReadsStoredEntriesOnly (createFused); other sparse
    // formats are not.
    if (!space || (space.getEncoding() && !isCSR(space)) ||
        getRowStep(op, space) != RowStep::ColumnClose)
      return {};
    return space;
  }

  /// Row: a column accumulation takes in the producers that compute its
  /// inputs row by row from the same rows, and the other column
  /// accumulations of those values (see the pass description). Formed one at
  /// a time (forming one erases ops), scanning the block again after each.
  void formRowOperators() {
    for (bool formed = true; formed;) {
      formed = false;
      for (Operation &op : block)
        if (formRowOperator(op)) {
          formed = true;
          break;
        }
    }
  }

  /// The producers of `close`'s inputs with a row step in `space`, grown
  /// backwards into `members`. Row products and the B of t(A) %*% B read
  /// operands of their own widths: those are inputs, not grown into.
  void growRowGroup(Operation *close, RankedTensorType space,
                    llvm::SetVector<Operation *> &members) {
    members.insert(close);
    SmallVector<Value> work;
    if (isa<MatMulOp>(close)) {
      if (auto transpose = close->getOperand(0).getDefiningOp<TransposeOp>();
          transpose && transpose->getBlock() == &block) {
        members.insert(transpose);
        work.push_back(transpose.getInput());
      }
      if (!isOuterAccumulation(close))
        work.push_back(close->getOperand(1));
    } else {
      work.append(close->operand_begin(), close->operand_end());
    }
    while (!work.empty()) {
      Operation *def = work.pop_back_val().getDefiningOp();
      if (!def || def->getBlock() != &block || members.contains(def))
        continue;
      std::optional<RowStep> step = getRowStep(def, space);
      if (!step || *step == RowStep::Constant || *step == RowStep::ColumnClose ||
          *step == RowStep::Transpose)
        continue;
      members.insert(def);
      if (*step != RowStep::RowProduct)
        work.append(def->operand_begin(), def->operand_end());
    }
  }

  /// The other column accumulations in `space` of values computed by
  /// `members` (colSums(P) and t(P) %*% X of k-means' assignments P).
  SmallVector<Operation *> siblingCloses(const llvm::SetVector<Operation *> &members,
                                         RankedTensorType space) {
    SmallVector<Operation *> closes;
    auto consider = [&](Operation *user) {
      RankedTensorType s = columnCloseSpace(user);
      if (user->getBlock() == &block && !members.contains(user) && s &&
          mayBeSameShape(s, space) && !llvm::is_contained(closes, user))
        closes.push_back(user);
    };
    for (Operation *m : members) {
      if (getRowStep(m, space) == RowStep::ColumnClose)
        continue;
      for (Operation *user : m->getUsers()) {
        if (isa<TransposeOp>(user)) {
          for (Operation *product : user->getUsers())
            if (isa<MatMulOp>(product) && product->getOperand(0) == user->getResult(0))
              consider(product);
        } else if (getAggregateInfo(user)) {
          consider(user);
        }
      }
    }
    return closes;
  }

  /// Row operators with a row-aligned result (see the pass description):
  /// tried at each op from the end of the block, so that a chain's last op
  /// seeds the group of the whole chain. Formed one at a time.
  void formRowAlignedOperators() {
    for (bool formed = true; formed;) {
      formed = false;
      for (Operation &op : llvm::reverse(block))
        if (formRowAlignedOperator(op)) {
          formed = true;
          break;
        }
    }
  }

  /// The dense m x n space of a row-aligned result: a cell value (its own
  /// shape) or a row aggregate (its input's).
  static RankedTensorType rowAlignedSpace(Operation *op) {
    if (op->getNumResults() != 1)
      return {};
    Value a;
    if (isCellwiseOp(op))
      a = op->getResult(0);
    else if (auto agg = getAggregateInfo(op); agg && agg->axis == Axis::row)
      a = agg->input;
    auto space = a ? dyn_cast<RankedTensorType>(a.getType()) : RankedTensorType();
    if (!space || space.getEncoding() || space.getDimSize(1) == 0 ||
        !isRowAlignedResult(op->getResult(0), space))
      return {};
    return space;
  }

  /// False if the shapes the arguments imply prove a member of a row
  /// operator seeded at `seed` not row-aligned: the group is formed on the
  /// declared types, where a dynamic size may be anything (difftest seed
  /// 990037: rowSums of cbind(A, A, A), typed ?x?, added to an 8 x 4 matrix
  /// was taken for a row reduction of the 8 x 4 space; it has 18 columns).
  /// `space` gives a seed's iteration space (row-aligned or column close).
  /// Each member must play the same part there (the lowering follows the
  /// declared types), and each of `alignedResults` stay row-aligned.
  static bool rowStepsHold(ArrayRef<Operation *> members, Operation *seed,
                           RankedTensorType declared, RankedTensorType (*space)(Operation *),
                           ArrayRef<Value> alignedResults = {}) {
    auto fn = seed->getParentOfType<func::FuncOp>();
    if (!fn)
      return true;
    ShapedCopy typed(fn, /*exact=*/true);
    RankedTensorType shaped = space(typed.of(seed));
    if (!shaped)
      return false;
    auto copyOf = [&](Value v) { return typed.of(v.getDefiningOp()); };
    return llvm::all_of(members,
                        [&](Operation *m) {
                          Operation *copy = typed.of(m);
                          return !copy || getRowStep(copy, shaped) == getRowStep(m, declared);
                        }) &&
           llvm::all_of(alignedResults,
                        [&](Value v) {
                          Operation *copy = copyOf(v);
                          return !copy || isRowAlignedResult(
                                              copy->getResult(cast<OpResult>(v).getResultNumber()),
                                              shaped);
                        }) &&
           sizesProvablyFit(members, declared, typed);
  }

  /// False unless the sizes the row lowering checks at run time (each input's
  /// rows against the space's rows, its columns against the space's columns;
  /// RowToLoops.cpp computeSizes) are equal whenever the unfused program
  /// runs. Dynamic sizes do not match anything: max(X %*% v, w), X 1 x 8 and
  /// w typed 1 x ? but 1 x 1 at run time, is 1 x 1, not a cell of X's 1 x 8
  /// space (difftest seed 52209; also seed 990037 without specialization).
  /// The sizes are compared on `typed`, the function with the static types
  /// the arguments imply (cbind(A, A) of an 8 x 2 A has 4 columns).
  static bool sizesProvablyFit(ArrayRef<Operation *> members, RankedTensorType space,
                               const ShapedCopy &typed) {
    DimClasses dims(typed.function());
    llvm::SmallPtrSet<Operation *, 16> group(members.begin(), members.end());
    SmallVector<DimClasses::Dim> rowDims, colDims;
    bool mapped = true;
    auto dim = [&](SmallVector<DimClasses::Dim> &dims, Value v, unsigned d) {
      Value copy = typed.valueOf(v);
      mapped &= bool(copy);
      dims.push_back({copy, d});
    };
    // An input read as a matrix of the space: its dimensions not typed 1.
    auto cellInput = [&](Value v) {
      auto t = cast<RankedTensorType>(v.getType());
      if (t.getDimSize(0) != 1)
        dim(rowDims, v, 0);
      if (t.getDimSize(1) != 1)
        dim(colDims, v, 1);
    };
    for (Operation *m : members) {
      std::optional<RowStep> step = getRowStep(m, space);
      for (OpOperand &use : m->getOpOperands()) {
        Value v = use.get();
        if (!isa<RankedTensorType>(v.getType()) || group.contains(v.getDefiningOp()))
          continue;
        unsigned n = use.getOperandNumber();
        auto transpose = v.getDefiningOp<TransposeOp>();
        if (step == RowStep::RowProduct) {
          n == 0 ? dim(rowDims, v, 0) : dim(colDims, v, 1);
        } else if (step == RowStep::RowReduction && isa<MatMulOp>(m) && n == 1) {
          dim(colDims, v, 0);
        } else if (step == RowStep::ColumnClose && isa<MatMulOp>(m) && n == 0 && transpose) {
          // t(A) computed outside: the operator reads A by rows itself.
          cellInput(transpose.getInput());
        } else if (step == RowStep::ColumnClose && isOuterAccumulation(m)) {
          dim(rowDims, v, 0);
        } else {
          cellInput(v);
        }
      }
    }
    return mapped && dims.allEqual(rowDims) && dims.allEqual(colDims);
  }

  /// Tries to form a row operator whose result is `op`'s row-aligned value:
  /// the producers computing it row by row from the same rows. Members other
  /// than `op` with uses outside the group are results too if row-aligned
  /// and used after `op` only, else dropped (they stay materialized). Worth it only if per-row values (a row reduction) feed
  /// the cells: unfused, the matrix is then read twice, once for the
  /// reduction and once for the cells (X / rowSums(X), softmax). A row
  /// product alone is not (BLAS and one cell operator compute
  /// -2 * (X %*% t(C)) + t(rowSums(C^2)) as fast, and U %*% t(V) under a
  /// sparse driver is the outer template's).
  bool formRowAlignedOperator(Operation &op) {
    RankedTensorType space = rowAlignedSpace(&op);
    if (!space)
      return false;
    llvm::SetVector<Operation *> members;
    growRowGroup(&op, space, members);
    // A member needed outside is another result if it is row-aligned and
    // only needed after the operator's place (`op`), else it is dropped.
    auto isResult = [&](Operation *m) {
      return isRowAlignedResult(m->getResult(0), space) &&
             llvm::all_of(m->getUsers(), [&](Operation *u) {
               Operation *at = block.findAncestorOpInBlock(*u);
               return members.contains(u) || (at && op.isBeforeInBlock(at));
             });
    };
    for (bool changed = true; changed;) {
      changed = false;
      for (Operation *m : members)
        if (m != &op &&
            llvm::any_of(m->getUsers(), [&](Operation *u) { return !members.contains(u); }) &&
            !isResult(m)) {
          members.remove(m);
          changed = true;
          break;
        }
    }
    // A per-row value computed in the group from a row reduction (not one
    // of operands only: then the matrix is read once either way).
    std::function<bool(Value)> fromReduction = [&](Value v) {
      Operation *def = v.getDefiningOp();
      if (!def || !members.contains(def))
        return false;
      std::optional<RowStep> step = getRowStep(def, space);
      return step == RowStep::RowReduction ||
             (step == RowStep::RowValue && llvm::any_of(def->getOperands(), fromReduction));
    };
    bool worth = llvm::any_of(members, [&](Operation *m) {
      return getRowStep(m, space) == RowStep::Cell && llvm::any_of(m->getOperands(), fromReduction);
    });
    if (!worth)
      return false;
    SmallVector<Operation *> ordered(members.begin(), members.end());
    llvm::sort(ordered, [](Operation *a, Operation *b) { return a->isBeforeInBlock(b); });
    SmallVector<Value> yields{op.getResult(0)};
    for (Operation *m : ordered)
      if (m != &op && llvm::any_of(m->getUsers(), [&](Operation *u) { return !members.contains(u); }))
        yields.push_back(m->getResult(0));
    if (!rowStepsHold(ordered, &op, space, rowAlignedSpace, yields))
      return false;
    FusedOp fused = createFused(ordered, FusionTemplate::row, yields);
    if (!fused)
      return false;
    for (auto [k, v] : llvm::enumerate(yields))
      v.replaceAllUsesWith(fused.getResult(k));
    for (Operation *m : llvm::reverse(ordered))
      m->erase();
    ++numRow;
    return true;
  }

  /// Tries to form the row operator around the column accumulation `op`.
  bool formRowOperator(Operation &op) {
    // t(A) %*% y may read t(A) converted to another format (la-select-formats
    // stores the transpose of a CSR A as CSR after the fact): a row
    // operator reads A itself, so it bypasses the conversion (put back if
    // no operator is formed).
    ConvertOp bypassed;
    auto isSparse = [](Value v) {
      auto t = dyn_cast<RankedTensorType>(v.getType());
      return t && t.getEncoding();
    };
    if (auto product = dyn_cast<MatMulOp>(op)) {
      if (auto convert = product.getLhs().getDefiningOp<ConvertOp>())
        if (convert.getInput().getDefiningOp<TransposeOp>() && convert->hasOneUse() &&
            isSparse(convert.getResult())) {
          bypassed = convert;
          product.getLhsMutable().assign(convert.getInput());
        }
      // t(A) of a CSR A stored densely: the program multiplies the implicit
      // zeros of A too (0 * NaN is NaN), which a row operator visiting A's
      // stored entries would skip (difftest seed 50703). Left unfused.
      if (auto transpose = product.getLhs().getDefiningOp<TransposeOp>())
        if (!bypassed && isSparse(transpose.getInput()) && !isSparse(transpose.getResult()))
          return false;
    }
    auto restore = [&] {
      if (bypassed)
        cast<MatMulOp>(op).getLhsMutable().assign(bypassed.getResult());
      return false;
    };
    RankedTensorType space = columnCloseSpace(&op);
    if (!space)
      return restore();
    llvm::SetVector<Operation *> members;
    growRowGroup(&op, space, members);
    for (SmallVector<Operation *> more = siblingCloses(members, space); !more.empty();
         more = siblingCloses(members, space))
      for (Operation *close : more)
        growRowGroup(close, space, members);

    // Every member other than an accumulation with a use outside the group
    // is dropped (it stays materialized), until none is left; so is an
    // accumulation used before the operator (placed at its last member).
    auto isClose = [&](Operation *m) { return getRowStep(m, space) == RowStep::ColumnClose; };
    for (bool changed = true; changed;) {
      changed = false;
      Operation *last = *llvm::max_element(
          members, [](Operation *a, Operation *b) { return a->isBeforeInBlock(b); });
      for (Operation *m : members) {
        bool dropped =
            isClose(m) ? m != &op && llvm::any_of(m->getUsers(),
                                                  [&](Operation *u) {
                                                    Operation *at = block.findAncestorOpInBlock(*u);
                                                    return !members.contains(u) && at &&
                                                           !last->isBeforeInBlock(at);
                                                  })
                       : llvm::any_of(m->getUsers(),
                                      [&](Operation *u) { return !members.contains(u); });
        if (dropped) {
          members.remove(m);
          changed = true;
          break;
        }
      }
    }
    // A transpose of a dropped accumulation goes with it.
    for (Operation *m : SmallVector<Operation *>(members.begin(), members.end()))
      if (isa<TransposeOp>(m) && llvm::none_of(m->getUsers(), [&](Operation *u) {
            return members.contains(u);
          }))
        members.remove(m);
    if (llvm::any_of(op.getUsers(), [&](Operation *u) {
          Operation *at = block.findAncestorOpInBlock(*u);
          return at && llvm::any_of(members, [&](Operation *m) { return at->isBeforeInBlock(m); });
        }))
      return restore();

    // Worth a row operator: a row reduction (unfused, the matrix is read
    // twice), a row product (unfused, its m x n result is written and read
    // again), or t(A) %*% y (unfused, A is transposed into a copy first).
    bool rowWork = llvm::any_of(members, [&](Operation *m) {
      std::optional<RowStep> step = getRowStep(m, space);
      return step == RowStep::RowReduction || step == RowStep::RowProduct;
    });
    if (!rowWork && !llvm::any_of(members, [&](Operation *m) {
          return isClose(m) && isa<MatMulOp>(m) && !isOuterAccumulation(m);
        }))
      return restore();
    if (!rowStepsHold(SmallVector<Operation *>(members.begin(), members.end()), &op, space,
                      columnCloseSpace))
      return restore();
    // t(A) computed elsewhere (hoisted out of a loop, or also used by
    // others): the operator transposes A itself, i.e. reads it by rows.
    SmallVector<std::pair<MatMulOp, Value>> sharedTransposes;
    for (Operation *m : SmallVector<Operation *>(members.begin(), members.end()))
      if (auto product = dyn_cast<MatMulOp>(m); product && isClose(m)) {
        auto transpose = product.getLhs().getDefiningOp<TransposeOp>();
        if (!members.contains(transpose)) {
          OpBuilder b(m);
          sharedTransposes.push_back({product, transpose.getResult()});
          auto own = cast<TransposeOp>(b.clone(*transpose));
          product.getLhsMutable().assign(own.getResult());
          members.insert(own);
        }
      }
    SmallVector<Operation *> ordered(members.begin(), members.end());
    llvm::sort(ordered, [](Operation *a, Operation *b) { return a->isBeforeInBlock(b); });
    SmallVector<Value> yields;
    for (Operation *m : ordered)
      if (isClose(m))
        yields.push_back(m->getResult(0));
    FusedOp fused = createFused(ordered, FusionTemplate::row, yields);
    if (!fused) {
      for (auto [product, shared] : sharedTransposes) {
        Operation *own = product.getLhs().getDefiningOp();
        product.getLhsMutable().assign(shared);
        own->erase();
      }
      return restore();
    }
    for (auto [k, v] : llvm::enumerate(yields))
      v.replaceAllUsesWith(fused.getResult(k));
    for (Operation *m : llvm::reverse(ordered))
      m->erase();
    if (bypassed)
      bypassed.erase();
    for (auto [product, shared] : sharedTransposes)
      if (shared.use_empty())
        shared.getDefiningOp()->erase();
    ++numRow;
    return true;
  }

  /// A producer a consumer can compute cell by cell. (A CSR producer is
  /// only kept in a group that iterates a sparse driver: see createFused.)
  bool isFusibleEdge(Operation *producer, Operation *consumer) {
    return isCellwiseOp(producer) &&
           sameSpace(producer->getResult(0).getType(), spaceOf(consumer));
  }

  std::vector<fusion::Node> buildGraph() {
    std::vector<fusion::Node> graph(nodes.size());
    DenseMap<Value, int64_t> externalIds;
    for (auto [v, op] : llvm::enumerate(nodes)) {
      fusion::Node &node = graph[v];
      Value result = op->getResult(0);
      node.outputBytes = fusionStatsOf(result).bytes();
      node.flops = cast<CostOpInterface>(op).getCellFlops() * fusionStatsOf(spaceOf(op) == result.getType()
                                                                          ? result
                                                                          : getAggregateInfo(op)->input)
                                                                  .cells();
      for (Operation *user : result.getUsers())
        if (user->getBlock() != &block || !index.count(user))
          node.mustMaterialize = true;
      llvm::SmallDenseSet<int> seen;
      for (Value operand : op->getOperands()) {
        Operation *def = operand.getDefiningOp();
        auto it = def ? index.find(def) : index.end();
        if (it == index.end()) {
          auto id = externalIds.try_emplace(operand, int64_t(externalIds.size())).first->second;
          node.externalInputs.push_back({id, isa<RankedTensorType>(operand.getType())
                                                 ? fusionStatsOf(operand).bytes()
                                                 : 0.0});
          continue;
        }
        if (!seen.insert(it->second).second)
          continue;
        if (isFusibleEdge(def, op))
          node.fusibleProducers.push_back(it->second);
        else
          node.otherProducers.push_back(it->second);
      }
    }
    return graph;
  }

  /// One la.fused per materialized node with fused producers.
  void formCellOperators(const fusion::FusionGraph &graph, const std::vector<bool> &fused) {
    std::vector<bool> isRoot = graph.roots(fused);
    SmallVector<std::pair<Operation *, FusedOp>> formed;
    for (int r = 0; r < int(nodes.size()); ++r) {
      if (!isRoot[r])
        continue;
      std::vector<int> group = graph.groupOf(r, fused);
      if (group.size() < 2)
        continue;
      SmallVector<Operation *> members;
      for (int v : group)
        members.push_back(nodes[v]);
      if (FusedOp op = createFused(members, FusionTemplate::cell))
        formed.push_back({nodes[r], op});
    }
    for (auto [root, op] : formed)
      root->getResult(0).replaceAllUsesWith(op.getResult(0));
    eraseDead();
    numCell += formed.size();
  }

  /// A fused op of `kind` computing `members` (in block order; the results
  /// are the members' results nothing else in the group uses, or all given
  /// `yields`), placed at the last member. Null if it would change semantics.
  FusedOp createFused(ArrayRef<Operation *> members, FusionTemplate kind,
                      ArrayRef<Value> yields = {}) {
    llvm::SmallPtrSet<Operation *, 8> inGroup(members.begin(), members.end());
    llvm::SetVector<Value> inputs;
    for (Operation *m : members)
      for (Value v : m->getOperands())
        if (!inGroup.contains(v.getDefiningOp()))
          inputs.insert(v);
    SmallVector<Value> results(yields);
    if (results.empty())
      results.push_back(members.back()->getResult(0));
    OpBuilder b(members.back());
    Location loc = members.back()->getLoc(); // diagnostics name the root
    auto op = FusedOp::create(b, loc, TypeRange(ValueRange(results)), inputs.getArrayRef(),
                              FusionTemplateAttr::get(b.getContext(), kind),
                              b.getI64IntegerAttr(0), UnitAttr());
    Block *body = b.createBlock(&op.getBody());
    IRMapping map;
    for (Value v : inputs)
      map.map(v, body->addArgument(v.getType(), v.getLoc()));
    for (Operation *m : members)
      b.clone(*m, map);
    SmallVector<Value> yielded;
    for (Value r : results)
      yielded.push_back(map.lookup(r));
    YieldOp::create(b, loc, yielded);
    // A fused result is the value its root computed: same estimate, same
    // lineage.
    copyValueAttributes(results, op);
    // A row template is driven by an operand it reads row by row.
    int64_t driver = chooseDriver(inputs.getArrayRef(), [&](unsigned k) {
      return kind != FusionTemplate::row || isRowAlignedInput(op, k);
    });
    op.setDriver(std::max<int64_t>(driver, 0));
    if (kind == FusionTemplate::row ? rowReadsStoredEntriesOnly(op) : isSparseSafeBody(op))
      op.setSparseSafe(true);
    if (driver < 0 || !keepsSemantics(op) || !isValid(op)) {
      op.erase();
      return {};
    }
    return op;
  }

  /// Estimates and lineage of `values` (single results of their ops) on the
  /// fused op that computes them.
  static void copyValueAttributes(ArrayRef<Value> values, FusedOp op) {
    for (StringRef name : {kSparsityAttrName, kLineageAttrName}) {
      SmallVector<Attribute> attrs;
      for (Value v : values) {
        Attribute a = v.getDefiningOp()->getAttr(name);
        attrs.push_back(a ? a : UnitAttr::get(op.getContext()));
      }
      if (llvm::all_of(attrs, [](Attribute a) { return isa<UnitAttr>(a); }))
        continue;
      op->setAttr(name, attrs.size() == 1 ? attrs.front() : ArrayAttr::get(op.getContext(), attrs));
    }
  }

  /// A group the verifier rejects is left unfused (never expected; the
  /// exploration only forms groups of one iteration space).
  static bool isValid(FusedOp op) {
    ScopedDiagnosticHandler silence(op.getContext(), [](Diagnostic &) { return success(); });
    return succeeded(mlir::verify(op));
  }

  void eraseDead() {
    for (Operation &op : llvm::make_early_inc_range(llvm::reverse(block)))
      if (index.count(&op) && op.use_empty())
        op.erase();
  }

  /// Outer: a cell operator that visits only the stored entries of its CSR
  /// driver and reads a product U %*% t(V) (or U %*% W) takes the product in
  /// (with the transpose): it is then computed as a dot product at those
  /// entries only, instead of as a dense m x n matrix. A product used by
  /// several such operators is computed in each; one with any other use stays
  /// materialized. A driver estimated denser than kMaxOuterDensity keeps the
  /// BLAS product.
  static constexpr double kMaxOuterDensity = 0.05;

  static bool isOuterCandidate(Operation *op) {
    auto fused = dyn_cast<FusedOp>(op);
    // The outer loops walk the driver's storage as CSR.
    return fused && fused.getKind() == FusionTemplate::cell && iteratesSparseDriver(fused) &&
           isCSR(fused.getInputs()[fused.getDriver()].getType());
  }

  /// A single element-wise op reading a product of this block, such as
  /// X / (U %*% t(V)), is a cell group of one: formCellOperators leaves it
  /// alone, so it is wrapped here, and unwrapped again unless it becomes an
  /// outer operator.
  SmallVector<FusedOp> wrapSingleOuterCandidates() {
    SmallVector<Operation *> singles;
    for (Operation &op : block)
      if (isCellwiseOp(&op) && op.getNumResults() == 1 &&
          isa<RankedTensorType>(op.getResult(0).getType()) &&
          llvm::any_of(op.getOperands(), [&](Value v) {
            auto product = v.getDefiningOp<MatMulOp>();
            return product && product->getBlock() == &block;
          }))
        singles.push_back(&op);
    SmallVector<FusedOp> wrapped;
    for (Operation *op : singles) {
      FusedOp fused = createFused({op}, FusionTemplate::cell);
      if (!fused)
        continue;
      // Only wrappers the outer step will take: another candidate could
      // otherwise absorb the product that an unwrapped op still reads.
      if (!isOuterCandidate(fused) || tooDenseForOuter(fused)) {
        fused.erase();
        continue;
      }
      op->getResult(0).replaceAllUsesWith(fused.getResult(0));
      op->erase();
      wrapped.push_back(fused);
    }
    return wrapped;
  }

  /// `fused` (a wrapper of one op) replaced by a clone of that op.
  void unwrap(FusedOp fused) {
    OpBuilder b(fused);
    IRMapping map;
    for (auto [arg, input] : llvm::zip(fused.getBodyBlock().getArguments(), fused.getInputs()))
      map.map(arg, input);
    Operation *op = b.clone(fused.getBodyBlock().front(), map);
    fused.getResult(0).replaceAllUsesWith(op->getResult(0));
    fused.erase();
  }

  /// Without an estimate, the CSR format itself says the driver is sparse.
  static bool tooDenseForOuter(FusedOp fused) {
    Value driver = fused.getInputs()[fused.getDriver()];
    return getEstimate(driver) && fusionStatsOf(driver).density > kMaxOuterDensity;
  }

  void formOuterOperators() {
    SmallVector<FusedOp> wrapped = wrapSingleOuterCandidates();
    // Collected first: a formation also erases the product after the operator.
    SmallVector<FusedOp> candidates;
    for (Operation &op : block)
      if (isOuterCandidate(&op))
        candidates.push_back(cast<FusedOp>(op));
    llvm::SmallPtrSet<Operation *, 4> absorbed;
    for (FusedOp fused : candidates) {
      if (tooDenseForOuter(fused))
        continue;
      for (auto [k, input] : llvm::enumerate(fused.getInputs())) {
        auto product = input.getDefiningOp<MatMulOp>();
        if (!product || product->getBlock() != &block ||
            !llvm::all_of(product->getUsers(), isOuterCandidate) ||
            !sameSpace(product.getType(), getIterationType(fused)))
          continue;
        Operation *candidate = fused;
        if (FusedOp outer = absorbProduct(fused, unsigned(k), product)) {
          absorbed.insert(candidate);
          absorbClosingProduct(outer);
          ++numOuter;
          break;
        }
      }
    }
    for (FusedOp fused : wrapped)
      if (!absorbed.contains(fused))
        unwrap(fused);
  }

  FusedOp absorbProduct(FusedOp fused, unsigned index, MatMulOp product) {
    auto transpose = product.getRhs().getDefiningOp<TransposeOp>();
    if (transpose && transpose->getBlock() != &block)
      transpose = {};
    llvm::SetVector<Value> inputs;
    for (auto [k, v] : llvm::enumerate(fused.getInputs()))
      if (k != index)
        inputs.insert(v);
    inputs.insert(product.getLhs());
    inputs.insert(transpose ? transpose.getInput() : product.getRhs());
    OpBuilder b(fused);
    auto op = FusedOp::create(b, fused.getLoc(), fused.getResultTypes(), inputs.getArrayRef(),
                              FusionTemplateAttr::get(b.getContext(), FusionTemplate::outer),
                              b.getI64IntegerAttr(0), UnitAttr());
    op->setAttrs(fused->getAttrs());
    op.setKind(FusionTemplate::outer);
    Block *body = b.createBlock(&op.getBody());
    IRMapping map;
    for (Value v : inputs)
      map.map(v, body->addArgument(v.getType(), v.getLoc()));
    if (transpose)
      b.clone(*transpose, map);
    Value uv = b.clone(*product, map)->getResult(0);
    IRMapping inner;
    for (auto [k, arg] : llvm::enumerate(fused.getBodyBlock().getArguments()))
      inner.map(arg, k == index ? uv : map.lookup(fused.getInputs()[k]));
    for (Operation &m : fused.getBodyBlock())
      b.clone(m, inner);
    op.setDriver(llvm::find(inputs, fused.getInputs()[fused.getDriver()]) - inputs.begin());
    if (!isSparseSafeBody(op) || !iteratesSparseDriver(op) || !keepsSemantics(op) ||
        !isValid(op)) {
      op.erase();
      return {};
    }
    fused->replaceAllUsesWith(op);
    fused.erase();
    if (product->use_empty())
      product.erase();
    if (transpose && transpose->use_empty())
      transpose.erase();
    return op;
  }

  /// An outer operator without aggregate whose only user multiplies it with
  /// a dense operand takes that product in: (X * f(U %*% t(V))) %*% W
  /// accumulates each stored entry's value into its row of the m x k result,
  /// t(X * f(...)) %*% U and t(t(U) %*% (X * f(...))) into its column's row of
  /// the n x k result. The sparse intermediate is never assembled.
  struct ClosingProduct {
    Operation *last = nullptr;          ///< the op whose result the operator yields
    Value operand;                      ///< W or U (dense)
    bool transposed = false;            ///< t(cells) %*% U
    SmallVector<Operation *> consumed;  ///< ops the operator replaces, last first
    Value read;                         ///< the matrix the product reads: cells or t(cells)
  };

  std::optional<ClosingProduct> matchClosingProduct(FusedOp outer) {
    auto single = [](Operation *op) -> Operation * {
      return op->hasOneUse() ? *op->getUsers().begin() : nullptr;
    };
    Value cells = outer.getResult(0);
    Operation *user = single(outer);
    ClosingProduct c;
    if (auto product = dyn_cast_or_null<MatMulOp>(user); product && product.getLhs() == cells) {
      c = {product, product.getRhs(), false, {product}, cells};
    } else if (auto t = dyn_cast_or_null<TransposeOp>(user)) {
      // t(cells) %*% U
      auto product = dyn_cast_or_null<MatMulOp>(single(t));
      if (!product || product.getLhs() != t.getResult())
        return std::nullopt;
      c = {product, product.getRhs(), true, {product, t}, t.getResult()};
    } else if (auto product = dyn_cast_or_null<MatMulOp>(user); product && product.getRhs() == cells) {
      // t(t(U) %*% cells)
      auto tu = product.getLhs().getDefiningOp<TransposeOp>();
      auto t = dyn_cast_or_null<TransposeOp>(single(product));
      if (!tu || !t || tu->getBlock() != &block)
        return std::nullopt;
      c = {t, tu.getInput(), true, {t, product}, cells};
      if (tu->hasOneUse())
        c.consumed.push_back(tu);
    } else {
      return std::nullopt;
    }
    auto type = dyn_cast<RankedTensorType>(c.operand.getType());
    if (!type || type.getEncoding() || c.last->getBlock() != &block)
      return std::nullopt;
    // The product must read the cells (or their transpose) in a sparse
    // format: a dense-typed one multiplies the implicit zeros too (0 * NaN is
    // NaN), which the operator, visiting stored entries only, would skip.
    auto sparseTyped = [](Value v) {
      auto t = dyn_cast<RankedTensorType>(v.getType());
      return t && t.getEncoding();
    };
    if (!sparseTyped(cells) || !sparseTyped(c.read))
      return std::nullopt;
    // The operand must exist where the outer operator runs.
    if (Operation *def = c.operand.getDefiningOp())
      if (def->getBlock() != &block || !def->isBeforeInBlock(outer))
        return std::nullopt;
    return c;
  }

  void absorbClosingProduct(FusedOp outer) {
    if (llvm::any_of(outer.getYielded(), [](Value v) {
          return v.getDefiningOp() && getAggregateInfo(v.getDefiningOp());
        }))
      return;
    std::optional<ClosingProduct> c = matchClosingProduct(outer);
    if (!c)
      return;
    SmallVector<Value> inputs(outer.getInputs());
    if (!llvm::is_contained(inputs, c->operand))
      inputs.push_back(c->operand);
    OpBuilder b(c->last);
    Location loc = c->last->getLoc();
    auto op = FusedOp::create(b, loc, c->last->getResultTypes(), inputs,
                              FusionTemplateAttr::get(b.getContext(), FusionTemplate::outer),
                              b.getI64IntegerAttr(outer.getDriver()), UnitAttr());
    op.setSparseSafe(outer.getSparseSafe());
    copyValueAttributes(SmallVector<Value>(c->last->getResults()), op);
    Block *body = b.createBlock(&op.getBody());
    IRMapping map;
    for (Value v : inputs)
      map.map(v, body->addArgument(v.getType(), v.getLoc()));
    IRMapping inner;
    for (auto [k, arg] : llvm::enumerate(outer.getBodyBlock().getArguments()))
      inner.map(arg, body->getArgument(k));
    for (Operation &m : outer.getBodyBlock().without_terminator())
      b.clone(m, inner);
    Value cells = inner.lookup(outer.getYielded()[0]);
    if (c->transposed)
      cells = TransposeOp::create(b, loc, cells).getResult();
    Value closing = MatMulOp::create(b, loc, c->last->getResult(0).getType(), cells,
                                     map.lookup(c->operand))
                        .getResult();
    YieldOp::create(b, loc, closing);
    if (!keepsSemantics(op) || !isValid(op)) {
      op.erase();
      return;
    }
    c->last->replaceAllUsesWith(op);
    for (Operation *consumed : c->consumed)
      consumed->erase();
    outer.erase();
  }

  /// Full aggregates to merge: cell operators closing with one and lone
  /// aggregates over a dense matrix.
  static bool isFullAggregate(Operation *op) {
    if (auto fused = dyn_cast<FusedOp>(op)) {
      if (fused.getKind() != FusionTemplate::cell || fused.getNumResults() != 1 ||
          iteratesSparseDriver(fused))
        return false;
      Operation *def = fused.getYielded()[0].getDefiningOp();
      auto agg = def ? getAggregateInfo(def) : std::nullopt;
      return agg && agg->axis == Axis::all &&
             llvm::none_of(fused.getInputs().getTypes(), [](Type t) {
               auto r = dyn_cast<RankedTensorType>(t);
               return r && r.getEncoding();
             });
    }
    auto agg = getAggregateInfo(op);
    auto t = agg ? dyn_cast<RankedTensorType>(agg->input.getType()) : RankedTensorType();
    return agg && isFusibleAggregate(agg->kind) && agg->axis == Axis::all && !t.getEncoding();
  }

  static Type iterationOf(Operation *op) {
    if (auto fused = dyn_cast<FusedOp>(op))
      return getIterationType(fused);
    return getAggregateInfo(op)->input.getType();
  }

  /// Merges full aggregates of one iteration space that share an operand,
  /// where no result of an earlier one is used before the later one.
  void formMultiAggregates() {
    SmallVector<SmallVector<Operation *>> groups;
    for (Operation &op : block) {
      if (!isFullAggregate(&op))
        continue;
      bool merged = false;
      for (auto &group : groups) {
        bool shares = llvm::any_of(group, [&](Operation *g) {
          return sameSpace(iterationOf(g), iterationOf(&op)) &&
                 llvm::any_of(op.getOperands(), [&](Value v) {
                   return isa<RankedTensorType>(v.getType()) &&
                          llvm::is_contained(g->getOperands(), v);
                 });
        });
        bool unusedBefore = llvm::all_of(group, [&](Operation *g) {
          return llvm::all_of(g->getUsers(), [&](Operation *user) {
            Operation *ancestor = block.findAncestorOpInBlock(*user);
            return ancestor && op.isBeforeInBlock(ancestor);
          });
        });
        if (shares && unusedBefore) {
          group.push_back(&op);
          merged = true;
          break;
        }
      }
      if (!merged)
        groups.push_back({&op});
    }
    for (auto &group : groups)
      if (group.size() > 1)
        mergeAggregates(group);
  }

  void mergeAggregates(ArrayRef<Operation *> group) {
    // The members' computations, flattened: a cell operator contributes its
    // body (through its operands), a lone aggregate itself.
    OpBuilder b(group.back());
    llvm::SetVector<Value> inputs;
    for (Operation *g : group)
      inputs.insert(g->getOperands().begin(), g->getOperands().end());
    SmallVector<Type> types;
    for (Operation *g : group)
      types.push_back(g->getResult(0).getType());
    auto op = FusedOp::create(b, group.back()->getLoc(), types, inputs.getArrayRef(),
                              FusionTemplateAttr::get(b.getContext(), FusionTemplate::magg),
                              b.getI64IntegerAttr(std::max<int64_t>(chooseDriver(inputs.getArrayRef()), 0)),
                              UnitAttr());
    Block *body = b.createBlock(&op.getBody());
    IRMapping outer;
    for (Value v : inputs)
      outer.map(v, body->addArgument(v.getType(), v.getLoc()));
    SmallVector<Value> yielded;
    for (Operation *g : group) {
      if (auto fused = dyn_cast<FusedOp>(g)) {
        IRMapping inner;
        for (auto [arg, operand] : llvm::zip(fused.getBodyBlock().getArguments(), fused.getInputs()))
          inner.map(arg, outer.lookup(operand));
        for (Operation &m : fused.getBodyBlock().without_terminator())
          b.clone(m, inner);
        yielded.push_back(inner.lookup(fused.getYielded()[0]));
      } else {
        yielded.push_back(b.clone(*g, outer)->getResult(0));
      }
    }
    YieldOp::create(b, op.getLoc(), yielded);
    SmallVector<Value> results;
    for (Operation *g : group)
      results.push_back(g->getResult(0));
    copyValueAttributes(results, op);
    if (!isValid(op)) {
      op.erase();
      return;
    }
    for (auto [g, result] : llvm::zip(group, op.getResults())) {
      g->getResult(0).replaceAllUsesWith(result);
      g->erase();
    }
    ++numMultiAgg;
  }
};

struct FusePass : lauryn::la::impl::FusePassBase<FusePass> {
  using FusePassBase::FusePassBase;

  void runOnOperation() override {
    std::optional<fusion::Selector> sel = llvm::StringSwitch<std::optional<fusion::Selector>>(selector)
                                              .Case("cost", fusion::Selector::Cost)
                                              .Case("all", fusion::Selector::All)
                                              .Case("heuristic", fusion::Selector::Heuristic)
                                              .Case("none", fusion::Selector::None)
                                              .Default(std::nullopt);
    if (!sel) {
      getOperation().emitError("la-fuse: unknown selector '")
          << selector << "' (expected cost, all, heuristic or none)";
      return signalPassFailure();
    }
    if (bandwidth <= 0 || gflops <= 0) {
      getOperation().emitError("la-fuse: bandwidth and gflops must be positive");
      return signalPassFailure();
    }
    fusion::CostRates rates{bandwidth * 1e9, bandwidth * 1e9, gflops * 1e9};
    // Blocks inside out: a loop body is fused before the function around it
    // sees the loop as one opaque op.
    SmallVector<Block *> blocks;
    getOperation().walk<WalkOrder::PostOrder>([&](Block *block) {
      if (!isa<FusedOp>(block->getParentOp()))
        blocks.push_back(block);
    });
    for (Block *block : blocks) {
      BlockFuser fuser(*block, *sel, rates, maxExactPoints);
      fuser.run();
      numCell += fuser.numCell;
      numMultiAgg += fuser.numMultiAgg;
      numOuter += fuser.numOuter;
      numRow += fuser.numRow;
      numPlans += fuser.plansCosted;
      numPruned += fuser.subtreesPruned;
    }
    if (!dotFile.empty()) {
      std::string error;
      std::unique_ptr<llvm::ToolOutputFile> out = openOutputFile(dotFile, &error);
      if (!out) {
        getOperation().emitError("la-fuse: cannot write ") << dotFile << ": " << error;
        return signalPassFailure();
      }
      writeFusionDot(getOperation(), rates, out->os());
      out->keep();
    }
  }
};

} // namespace
