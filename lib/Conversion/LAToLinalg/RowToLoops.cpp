//===- RowToLoops.cpp - la.fused row templates -> one pass over the rows --===//
//
// A row operator reads its m x n matrix row by row. Per row, in body order:
// each row reduction (row aggregate, A %*% v) is a loop over the row's cells,
// each per-row value is computed once from them, and each column
// accumulation (colSums(A), t(A) %*% y) adds the row's cells into a partial
// 1 x n result. Cell values are computed inside the loops that need them
// (never stored), so the row, which stays in cache between the loops, is read
// from memory once. Chunks of rows run in parallel (scf.forall -> OpenMP),
// each into its own row of partials, which are combined at the end.
//
// A CSR driver (sparse_safe: read only by sums of itself, see
// rowReadsStoredEntriesOnly) is walked through its storage: the loops of row
// i visit its stored entries positions[i] .. positions[i+1], so
// t(X) %*% (w * (X %*% v)) over a sparse X needs neither a transposed copy of
// X nor a second pass.
//
//===----------------------------------------------------------------------===//

#include "LoweringUtils.h"

using namespace mlir;

namespace lauryn::la::lowering {
namespace {

/// Cells per chunk of rows (enough work per OpenMP iteration), and at most
/// this many chunks (each keeps a 1 x n row of partial results).
constexpr int64_t kCellsPerChunk = 16384;
constexpr int64_t kMaxChunks = 64;

class RowLowering {
public:
  RowLowering(Lowering &l, FusedOp op, ValueRange inputs)
      : l(l), op(op), inputs(inputs), space(getIterationType(op)), body(op.getBodyBlock()),
        sparse(iteratesSparseDriver(op)) {
    for (auto [k, v] : llvm::enumerate(op.getYielded()))
      closeIndex[v.getDefiningOp()] = unsigned(k);
  }

  SmallVector<Value> lower() {
    computeSizes();
    if (space.getDimSize(1) == 0) {
      // No columns: every result is empty (and the chunks' 1 x 0 slices at
      // column 0 would not verify).
      SmallVector<Value> results;
      for (auto [k, v] : llvm::enumerate(op.getYielded())) {
        bool column = closeOf(v.getDefiningOp()).y != nullptr; // t(A) %*% y: n x 1
        auto type = RankedTensorType::get(column ? ArrayRef<int64_t>{0, 1} : ArrayRef<int64_t>{1, 0},
                                          getElementTypeOrSelf(v.getType()));
        results.push_back(l.toType(l.empty(type, {}), op.getResult(k).getType()));
      }
      return results;
    }
    OpBuilder &b = l.b;
    Location loc = l.loc;
    Value c1 = l.index(1);
    // A row's work is its stored entries (on average) over a CSR driver.
    Value cellsPerRow = cols;
    if (sparse) {
      storage = csrStorage(b, loc, inputs[op.getDriver()]);
      cellsPerRow = storedPerRow(b, loc, storage, rows);
    }
    // chunks = min(ceil(rows / max(1, kCellsPerChunk / cellsPerRow)),
    // kMaxChunks); rows per chunk = ceil(rows / chunks).
    Value perChunk = arith::MaxUIOp::create(
        b, loc, c1,
        arith::DivUIOp::create(b, loc, l.index(kCellsPerChunk),
                               arith::MaxUIOp::create(b, loc, c1, cellsPerRow)));
    Value chunks = arith::MinUIOp::create(
        b, loc, l.index(kMaxChunks), arith::CeilDivUIOp::create(b, loc, rows, perChunk));
    perChunk = arith::CeilDivUIOp::create(b, loc, rows, arith::MaxUIOp::create(b, loc, c1, chunks));

    SmallVector<Value> partials;
    for (Value v : op.getYielded()) {
      Type element = getElementTypeOrSelf(v.getType());
      partials.push_back(l.filled(
          RankedTensorType::get({ShapedType::kDynamic, space.getDimSize(1)}, element),
          {chunks, cols}, aggregateInit(b, loc, closeOf(v.getDefiningOp()).kind, element)));
    }
    auto forall = scf::ForallOp::create(
        b, loc, ArrayRef<OpFoldResult>{chunks}, partials, std::nullopt,
        [&](OpBuilder &b, Location loc, ValueRange ivs) {
          Value chunk = ivs[0];
          Value lo = arith::MulIOp::create(b, loc, chunk, perChunk);
          Value hi =
              arith::MinUIOp::create(b, loc, rows, arith::AddIOp::create(b, loc, lo, perChunk));
          SmallVector<OpFoldResult> offsets{chunk, b.getIndexAttr(0)},
              sizes{b.getIndexAttr(1), cols}, strides(2, b.getIndexAttr(1));
          SmallVector<Value> slices;
          for (Value shared : ivs.drop_front())
            slices.push_back(
                tensor::ExtractSliceOp::create(b, loc, shared, offsets, sizes, strides));
          auto rowLoop = scf::ForOp::create(
              b, loc, lo, hi, arith::ConstantIndexOp::create(b, loc, 1), slices,
              [&](OpBuilder &b, Location loc, Value i, ValueRange slices) {
                scf::YieldOp::create(b, loc, emitRow(b, loc, i, slices));
              });
          auto inParallel = scf::InParallelOp::create(b, loc);
          OpBuilder::InsertionGuard guard(b);
          b.setInsertionPointToStart(inParallel.getBody());
          for (auto [r, shared] : llvm::zip(rowLoop.getResults(), ivs.drop_front()))
            tensor::ParallelInsertSliceOp::create(b, loc, r, shared, offsets, sizes, strides);
        });

    SmallVector<Value> results;
    for (auto [k, v] : llvm::enumerate(op.getYielded())) {
      Close close = closeOf(v.getDefiningOp());
      Type element = getElementTypeOrSelf(v.getType());
      Value r = reduceOnce(l, forall.getResult(k), Axis::col, aggregateCombiner(close.kind),
                           element);
      if (close.kind == AggKind::Mean)
        r = divideBy(l, r, l.indexToElement(rows, element));
      if (close.y) // t(A) %*% y is n x 1
        r = transposed(r);
      results.push_back(l.toType(r, op.getResult(k).getType()));
    }
    return results;
  }

private:
  Lowering &l;
  FusedOp op;
  ValueRange inputs;
  RankedTensorType space;
  Block &body;
  Value rows, cols;
  DenseMap<Operation *, unsigned> closeIndex;
  bool sparse;        ///< the driver is CSR, visited at its stored entries
  CSRStorage storage; ///< its buffers, if so

  /// A row reduction or column accumulation: aggregate `kind` of `a` (times
  /// the operand vector `v` along the row, or the per-row value `y`).
  struct Close {
    AggKind kind;
    Value a, v, y;
  };
  static Close closeOf(Operation *inner) {
    if (auto agg = getAggregateInfo(inner))
      return {agg->kind, agg->input, {}, {}};
    auto product = cast<MatMulOp>(inner);
    if (auto transpose = product.getLhs().getDefiningOp<TransposeOp>())
      return {AggKind::Sum, transpose.getInput(), {}, product.getRhs()};
    return {AggKind::Sum, product.getLhs(), product.getRhs(), {}};
  }

  /// The sizes of the space (from the driver, an operand of its shape; the
  /// verifier checks that) and run-time checks that every operand fits its
  /// place in it.
  void computeSizes() {
    auto typeOf = [&](unsigned k) { return body.getArgument(k).getType(); };
    Value driver = inputs[op.getDriver()];
    rows = l.dim(driver, 0);
    cols = l.dim(driver, 1);
    for (auto [k, input] : llvm::enumerate(inputs)) {
      auto t = dyn_cast<RankedTensorType>(typeOf(k));
      if (!t)
        continue;
      // n x 1 operands are the right-hand sides of A %*% v (not of t(A) %*% y).
      bool vector = llvm::any_of(body.getArgument(k).getUses(), [](OpOperand &use) {
        auto product = dyn_cast<MatMulOp>(use.getOwner());
        return product && use.getOperandNumber() == 1 &&
               !product.getLhs().getDefiningOp<TransposeOp>();
      });
      if (vector) {
        l.assertEqual(l.dim(input, 0), cols, "a vector's length differs from the row length");
        continue;
      }
      if (t.getDimSize(0) != 1)
        l.assertEqual(l.dim(input, 0), rows,
                      "operands of the fused row operator have different row counts");
      if (t.getDimSize(1) != 1)
        l.assertEqual(l.dim(input, 1), cols,
                      "operands of the fused row operator have different column counts");
    }
  }

  /// Operand `arg` at (i, j), at index 0 along its 1-sized dimensions.
  Value read(OpBuilder &b, Location loc, BlockArgument arg, Value i, Value j) {
    Value input = inputs[arg.getArgNumber()];
    auto t = dyn_cast<RankedTensorType>(arg.getType());
    if (!t)
      return input;
    Value c0 = arith::ConstantIndexOp::create(b, loc, 0);
    return tensor::ExtractOp::create(
        b, loc, input,
        ValueRange{t.getDimSize(0) == 1 ? c0 : i, t.getDimSize(1) == 1 ? c0 : j});
  }

  /// `v` at cell (i, j): per-row values are in `cell` already (it starts as
  /// a copy of the row's map); cell values are computed here.
  Value cellAt(OpBuilder &b, Location loc, Value v, Value i, Value j, IRMapping &cell) {
    if (Value known = cell.lookupOrNull(v))
      return known;
    Value r;
    if (auto arg = dyn_cast<BlockArgument>(v)) {
      r = read(b, loc, arg, i, j);
    } else {
      Operation *def = v.getDefiningOp();
      SmallVector<Value> args;
      for (Value operand : def->getOperands())
        args.push_back(cellAt(b, loc, operand, i, j, cell));
      r = emitElementwise(b, loc, def, args);
    }
    cell.map(v, r);
    return r;
  }

  /// The cell value a reduction or accumulation `c` folds at (i, j);
  /// `stored` is the driver's value there when read from its storage.
  Value folded(OpBuilder &b, Location loc, const Close &c, Value i, Value j,
               const IRMapping &row, Value stored) {
    IRMapping cell = row;
    if (stored)
      cell.map(body.getArgument(op.getDriver()), stored);
    Value x = cellAt(b, loc, c.a, i, j, cell);
    if (c.v)
      x = reductionMul(b, loc, x, read(b, loc, cast<BlockArgument>(c.v), j, i));
    if (c.y)
      x = reductionMul(b, loc, x, cellAt(b, loc, c.y, i, j, cell));
    return x;
  }

  /// A loop over row i's cells (dense) or stored entries (CSR driver):
  /// `step(b, loc, j, stored, iterArgs)` yields the next iteration values.
  scf::ForOp rowCells(OpBuilder &b, Location loc, Value i, ValueRange inits,
                      llvm::function_ref<SmallVector<Value>(OpBuilder &, Location, Value, Value,
                                                            ValueRange)>
                          step) {
    Value c0 = arith::ConstantIndexOp::create(b, loc, 0);
    Value c1 = arith::ConstantIndexOp::create(b, loc, 1);
    if (!sparse)
      return scf::ForOp::create(b, loc, c0, cols, c1, inits,
                                [&](OpBuilder &b, Location loc, Value j, ValueRange acc) {
                                  scf::YieldOp::create(b, loc, step(b, loc, j, {}, acc));
                                });
    Value begin = memref::LoadOp::create(b, loc, storage.positions, ValueRange{i});
    Value end = memref::LoadOp::create(b, loc, storage.positions,
                                       ValueRange{arith::AddIOp::create(b, loc, i, c1)});
    return scf::ForOp::create(
        b, loc, begin, end, c1, inits, [&](OpBuilder &b, Location loc, Value k, ValueRange acc) {
          Value j = memref::LoadOp::create(b, loc, storage.coordinates, ValueRange{k});
          Value x = memref::LoadOp::create(b, loc, storage.values, ValueRange{k});
          scf::YieldOp::create(b, loc, step(b, loc, j, x, acc));
        });
  }

  /// Row i: its per-row values in body order, folding each column
  /// accumulation into its partial row; returns the updated partials.
  SmallVector<Value> emitRow(OpBuilder &b, Location loc, Value i, ValueRange partials) {
    Value c0 = arith::ConstantIndexOp::create(b, loc, 0);
    IRMapping row;
    SmallVector<Value> next(partials);
    for (Operation &inner : body.without_terminator()) {
      switch (*getRowStep(&inner, space)) {
      case RowStep::Constant:
        b.clone(inner, row);
        break;
      case RowStep::Cell:
      case RowStep::Transpose:
        break; // computed in the loops that need them
      case RowStep::RowValue: {
        SmallVector<Value> args;
        for (Value operand : inner.getOperands())
          args.push_back(cellAt(b, loc, operand, i, c0, row));
        row.map(inner.getResult(0), emitElementwise(b, loc, &inner, args));
        break;
      }
      case RowStep::RowReduction: {
        Close c = closeOf(&inner);
        Type element = getElementTypeOrSelf(inner.getResult(0).getType());
        auto loop = rowCells(
            b, loc, i, ValueRange{aggregateInit(b, loc, c.kind, element)},
            [&](OpBuilder &b, Location loc, Value j, Value stored, ValueRange acc) {
              Value x = folded(b, loc, c, i, j, row, stored);
              return SmallVector<Value>{aggregateCombine(b, loc, c.kind, x, acc[0])};
            });
        Value r = loop.getResult(0);
        if (c.kind == AggKind::Mean)
          r = arith::DivFOp::create(b, loc, r, l.indexToElement(cols, element));
        row.map(inner.getResult(0), r);
        break;
      }
      case RowStep::ColumnClose: {
        Close c = closeOf(&inner);
        unsigned k = closeIndex.lookup(&inner);
        auto loop = rowCells(
            b, loc, i, ValueRange{next[k]},
            [&](OpBuilder &b, Location loc, Value j, Value stored, ValueRange slice) {
              Value x = folded(b, loc, c, i, j, row, stored);
              Value acc = tensor::ExtractOp::create(b, loc, slice[0], ValueRange{c0, j});
              Value r = aggregateCombine(b, loc, c.kind, x, acc);
              return SmallVector<Value>{
                  tensor::InsertOp::create(b, loc, r, slice[0], ValueRange{c0, j})};
            });
        next[k] = loop.getResult(0);
        break;
      }
      }
    }
    return next;
  }

  /// The n x 1 transpose of a 1 x n result.
  Value transposed(Value r) {
    auto type = cast<RankedTensorType>(r.getType());
    auto resultType =
        RankedTensorType::get({type.getDimSize(1), type.getDimSize(0)}, type.getElementType());
    Value init = l.empty(resultType, {l.dim(r, 1), l.dim(r, 0)});
    return linalg::TransposeOp::create(l.b, l.loc, r, init, ArrayRef<int64_t>{1, 0})
        .getResult()[0];
  }
};

} // namespace

SmallVector<Value> lowerRowTemplate(Lowering &l, FusedOp op, ValueRange inputs) {
  return RowLowering(l, op, inputs).lower();
}

} // namespace lauryn::la::lowering
