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
// A row product A %*% B (A an m x l operand, B l x n) fills a row buffer of
// n cells per row (a vector-matrix product: axpys over the rows of B), which
// the cells read; t(A) %*% B (B an m x l operand) adds the outer product of
// row i of A and row i of B into an n x l partial. So k-means' Lloyd step
// (distances from X %*% t(C), assignments, cluster sizes and sums t(P) %*% X)
// reads X once per iteration and never writes the n x k distances.
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
constexpr int64_t kMaxPartialCells = int64_t(1) << 21;
/// A cell value read by several loops of a row is kept in a row buffer when
/// computing it costs at least this many FLOPs per cell (an exp: 18):
/// recomputing a subtraction is cheaper than a store and a load.
constexpr double kBufferedCellFlops = 4.0;

class RowLowering {
public:
  RowLowering(Lowering &l, FusedOp op, ValueRange inputs)
      : l(l), op(op), inputs(inputs), space(getIterationType(op)), body(op.getBodyBlock()),
        sparse(iteratesSparseDriver(op)) {
    // Column accumulations keep partials in the row state; row-aligned
    // results are written row by row.
    for (auto [k, v] : llvm::enumerate(op.getYielded())) {
      if (isRowAlignedResult(v, space)) {
        outputIndex[v] = unsigned(k);
        continue;
      }
      closeIndex[v.getDefiningOp()] = unsigned(closes.size());
      closes.push_back({unsigned(k), v.getDefiningOp()});
    }
    for (Operation &inner : body.without_terminator())
      if (getRowStep(&inner, space) == RowStep::RowProduct) {
        productIndex[inner.getResult(0)] = unsigned(closes.size() + products.size());
        products.push_back(cast<MatMulOp>(inner));
      }
    if (!sparse)
      for (Operation &inner : body.without_terminator())
        if (getRowStep(&inner, space) == RowStep::Cell &&
            llvm::range_size(inner.getUsers()) >= 2 &&
            chainFlops(inner.getResult(0)) >= kBufferedCellFlops)
          buffered.insert(inner.getResult(0));
  }

  SmallVector<Value> lower() {
    computeSizes();
    if (space.getDimSize(1) == 0) {
      // No columns: every result is empty (and the chunks' 1 x 0 slices at
      // column 0 would not verify). The verifier rejects row-aligned results
      // here.
      SmallVector<Value> results;
      for (auto [k, v] : llvm::enumerate(op.getYielded())) {
        Close close = closeOf(v.getDefiningOp());
        Type element = getElementTypeOrSelf(v.getType());
        Value r;
        if (close.b) // t(A) %*% B: 0 x l
          r = l.empty(RankedTensorType::get({0, ShapedType::kDynamic}, element),
                      {l.index(0), l.dim(inputOf(close.b), 1)});
        else // t(A) %*% y: 0 x 1; a column aggregate: 1 x 0
          r = l.empty(RankedTensorType::get(close.y ? ArrayRef<int64_t>{0, 1}
                                                    : ArrayRef<int64_t>{1, 0},
                                            element),
                      {});
        results.push_back(l.toType(r, op.getResult(k).getType()));
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

    // Each chunk's partial results are a row of width n (a column aggregate,
    // t(A) %*% y) or an n x l matrix (t(A) %*% B, l = widths[k]).
    SmallVector<Value> widths;
    Value totalWidth = l.index(0);
    for (auto [k, def] : closes) {
      Close close = closeOf(def);
      widths.push_back(close.b ? l.dim(inputOf(close.b), 1) : Value());
      totalWidth = arith::AddIOp::create(
          b, loc, totalWidth, close.b ? arith::MulIOp::create(b, loc, cols, widths.back()) : cols);
    }
    // At most kMaxPartialCells partial results in all (k-means' t(P) %*% X
    // is k x l per chunk): fewer, larger chunks if needed.
    chunks = arith::MinUIOp::create(
        b, loc, chunks,
        arith::MaxUIOp::create(b, loc, c1,
                               arith::DivUIOp::create(b, loc, l.index(kMaxPartialCells),
                                                      arith::MaxUIOp::create(b, loc, c1,
                                                                             totalWidth))));
    perChunk = arith::CeilDivUIOp::create(b, loc, rows, arith::MaxUIOp::create(b, loc, c1, chunks));
    SmallVector<Value> partials;
    for (auto [close, width] : llvm::zip(closes, widths)) {
      Type element = getElementTypeOrSelf(close.second->getResult(0).getType());
      Value init = aggregateInit(b, loc, closeOf(close.second).kind, element);
      int64_t rank = width ? 3 : 2;
      SmallVector<Value> sizes{chunks, cols};
      if (width)
        sizes.push_back(width);
      partials.push_back(l.filled(
          RankedTensorType::get(SmallVector<int64_t>(rank, ShapedType::kDynamic), element), sizes,
          init));
    }
    // Row buffers of shared cell values: one row of n cells per chunk.
    for (Value v : buffered)
      rowBuffers[v] = memref::AllocOp::create(
          b, loc,
          MemRefType::get({ShapedType::kDynamic, ShapedType::kDynamic},
                          getElementTypeOrSelf(v.getType())),
          ValueRange{chunks, cols});
    // Row-aligned results: m x n or m x 1 buffers; chunks write disjoint rows.
    for (auto [v, k] : outputIndex) {
      auto type = cast<RankedTensorType>(v.getType());
      Value width = type.getDimSize(1) == 1 ? c1 : cols;
      outputs[v] = memref::AllocOp::create(
          b, loc,
          MemRefType::get({ShapedType::kDynamic, ShapedType::kDynamic}, type.getElementType()),
          ValueRange{rows, width});
    }
    auto forall = scf::ForallOp::create(
        b, loc, ArrayRef<OpFoldResult>{chunks}, partials, std::nullopt,
        [&](OpBuilder &b, Location loc, ValueRange ivs) {
          Value chunk = ivs[0];
          currentChunk = chunk;
          Value lo = arith::MulIOp::create(b, loc, chunk, perChunk);
          Value hi =
              arith::MinUIOp::create(b, loc, rows, arith::AddIOp::create(b, loc, lo, perChunk));
          // The chunk's 1 x n row, or its n x l matrix (rank-reduced).
          auto offsetsOf = [&](unsigned k) {
            return SmallVector<OpFoldResult>(widths[k] ? 3 : 2, b.getIndexAttr(0));
          };
          auto sizesOf = [&](unsigned k) {
            SmallVector<OpFoldResult> sizes{b.getIndexAttr(1), cols};
            if (widths[k])
              sizes.push_back(widths[k]);
            return sizes;
          };
          auto stridesOf = [&](unsigned k) {
            return SmallVector<OpFoldResult>(widths[k] ? 3 : 2, b.getIndexAttr(1));
          };
          auto sliceType = [&](unsigned k, Value shared) {
            auto t = cast<RankedTensorType>(shared.getType());
            return RankedTensorType::get({widths[k] ? ShapedType::kDynamic : 1, ShapedType::kDynamic},
                                         t.getElementType());
          };
          SmallVector<Value> state;
          for (auto [k, shared] : llvm::enumerate(ivs.drop_front())) {
            SmallVector<OpFoldResult> offsets = offsetsOf(k);
            offsets[0] = chunk;
            state.push_back(tensor::ExtractSliceOp::create(b, loc, sliceType(k, shared), shared,
                                                           offsets, sizesOf(k), stridesOf(k)));
          }
          // One row buffer per row product, reused by the chunk's rows.
          for (MatMulOp product : products)
            state.push_back(tensor::EmptyOp::create(
                b, loc, ArrayRef<OpFoldResult>{cols}, getElementTypeOrSelf(product.getType())));
          auto rowLoop = scf::ForOp::create(
              b, loc, lo, hi, arith::ConstantIndexOp::create(b, loc, 1), state,
              [&](OpBuilder &b, Location loc, Value i, ValueRange state) {
                scf::YieldOp::create(b, loc, emitRow(b, loc, i, state));
              });
          auto inParallel = scf::InParallelOp::create(b, loc);
          OpBuilder::InsertionGuard guard(b);
          b.setInsertionPointToStart(inParallel.getBody());
          for (auto [k, shared] : llvm::enumerate(ivs.drop_front())) {
            SmallVector<OpFoldResult> offsets = offsetsOf(k);
            offsets[0] = chunk;
            tensor::ParallelInsertSliceOp::create(b, loc, rowLoop.getResult(k), shared, offsets,
                                                  sizesOf(k), stridesOf(k));
          }
        });

    SmallVector<Value> results(op.getNumResults());
    for (auto [v, k] : outputIndex)
      results[k] = l.toType(bufferAsTensor(b, loc, outputs[v]), op.getResult(k).getType());
    for (auto [c, close] : llvm::enumerate(closes)) {
      auto [k, def] = close;
      Close cl = closeOf(def);
      Type element = getElementTypeOrSelf(def->getResult(0).getType());
      if (cl.b) { // t(A) %*% B: the sum of the chunks' n x l matrices
        results[k] = l.toType(sumOfChunks(forall.getResult(c), widths[c], element),
                              op.getResult(k).getType());
        continue;
      }
      Value r = reduceOnce(l, forall.getResult(c), Axis::col, aggregateCombiner(cl.kind),
                           element);
      if (cl.kind == AggKind::Mean)
        r = divideBy(l, r, l.indexToElement(rows, element));
      if (cl.y) // t(A) %*% y is n x 1
        r = transposed(r);
      results[k] = l.toType(r, op.getResult(k).getType());
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
  /// Column accumulations (yield index, op), in yield order; their partials
  /// lead the row state.
  SmallVector<std::pair<unsigned, Operation *>> closes;
  DenseMap<Operation *, unsigned> closeIndex; ///< a close's position in `closes`
  /// Row-aligned results: yield index, and their m x n / m x 1 buffers.
  llvm::MapVector<Value, unsigned> outputIndex;
  DenseMap<Value, Value> outputs;
  /// Cell values kept in a row buffer (chunks x n), computed once per row at
  /// their place in the body; `filled` holds those computed for the row.
  llvm::SetVector<Value> buffered;
  DenseMap<Value, Value> rowBuffers;
  llvm::DenseSet<Value> filled;
  Value currentChunk;
  SmallVector<MatMulOp> products;    ///< the row products, in body order
  DenseMap<Value, unsigned> productIndex; ///< a row product's buffer in the row state
  ValueRange rowState;               ///< the current row's state in emitRow
  bool sparse;        ///< the driver is CSR, visited at its stored entries
  CSRStorage storage; ///< its buffers, if so

  /// A row reduction or column accumulation: aggregate `kind` of `a` (times
  /// the operand vector `v` along the row, the per-row value `y`, or row i
  /// of the operand matrix `b`).
  struct Close {
    AggKind kind;
    Value a, v, y, b;
  };
  static Close closeOf(Operation *inner) {
    if (auto agg = getAggregateInfo(inner))
      return {agg->kind, agg->input, {}, {}, {}};
    auto product = cast<MatMulOp>(inner);
    if (auto transpose = product.getLhs().getDefiningOp<TransposeOp>()) {
      if (isOuterAccumulation(product))
        return {AggKind::Sum, transpose.getInput(), {}, {}, product.getRhs()};
      return {AggKind::Sum, transpose.getInput(), {}, product.getRhs(), {}};
    }
    return {AggKind::Sum, product.getLhs(), product.getRhs(), {}, {}};
  }

  /// The fused op's operand behind body argument `v`.
  Value inputOf(Value v) { return inputs[cast<BlockArgument>(v).getArgNumber()]; }

  /// The sizes of the space (from the driver, an operand of its shape; the
  /// verifier checks that) and run-time checks that every operand fits its
  /// place in it.
  void computeSizes() {
    Value driver = inputs[op.getDriver()];
    rows = l.dim(driver, 0);
    // The width of the cells: a row product's, else the driver's (a cell
    // operand then).
    cols = products.empty() ? l.dim(driver, 1) : l.dim(inputOf(products.front().getRhs()), 1);
    for (OpOperand *use : operandUses()) {
      Value input = inputOf(use->get());
      Operation *user = use->getOwner();
      std::optional<RowStep> step = getRowStep(user, space);
      unsigned n = use->getOperandNumber();
      if (step == RowStep::RowProduct) {
        // A (m x l) %*% B (l x n).
        if (n == 0) {
          l.assertEqual(l.dim(input, 0), rows,
                        "operands of the fused row operator have different row counts");
          l.assertEqual(l.dim(input, 1), l.dim(inputOf(user->getOperand(1)), 0),
                        "a row product's operands have mismatched inner sizes");
        } else {
          l.assertEqual(l.dim(input, 1), cols,
                        "operands of the fused row operator have different column counts");
        }
      } else if (step == RowStep::RowReduction && isa<MatMulOp>(user) && n == 1) {
        l.assertEqual(l.dim(input, 0), cols, "a vector's length differs from the row length");
      } else if (step == RowStep::ColumnClose && isOuterAccumulation(user)) {
        l.assertEqual(l.dim(input, 0), rows,
                      "operands of the fused row operator have different row counts");
      } else {
        auto t = cast<RankedTensorType>(use->get().getType());
        if (t.getDimSize(0) != 1)
          l.assertEqual(l.dim(input, 0), rows,
                        "operands of the fused row operator have different row counts");
        if (t.getDimSize(1) != 1)
          l.assertEqual(l.dim(input, 1), cols,
                        "operands of the fused row operator have different column counts");
      }
    }
  }

  /// The uses of matrix operands in the body (each checked where it is read).
  SmallVector<OpOperand *> operandUses() {
    SmallVector<OpOperand *> uses;
    for (BlockArgument arg : body.getArguments())
      if (isa<RankedTensorType>(arg.getType()))
        for (OpOperand &use : arg.getUses())
          uses.push_back(&use);
    return uses;
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

  /// FLOPs per cell of computing cell value `v` in the body (its op and the
  /// cell ops it needs, up to buffered values).
  double chainFlops(Value v) {
    Operation *def = v.getDefiningOp();
    if (!def || buffered.contains(v) || getRowStep(def, space) != RowStep::Cell)
      return 0;
    double flops = cast<CostOpInterface>(def).getCellFlops();
    for (Value operand : def->getOperands())
      flops += chainFlops(operand);
    return flops;
  }

  /// `v` at cell (i, j): per-row values are in `cell` already (it starts as
  /// a copy of the row's map); cell values are computed here (or read from
  /// their row buffer).
  Value cellAt(OpBuilder &b, Location loc, Value v, Value i, Value j, IRMapping &cell) {
    if (Value known = cell.lookupOrNull(v))
      return known;
    Value r;
    if (filled.contains(v)) {
      r = memref::LoadOp::create(b, loc, rowBuffers.lookup(v), ValueRange{currentChunk, j});
    } else if (auto product = productIndex.find(v); product != productIndex.end()) {
      r = tensor::ExtractOp::create(b, loc, rowState[product->second], ValueRange{j});
    } else if (auto arg = dyn_cast<BlockArgument>(v)) {
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
  SmallVector<Value> emitRow(OpBuilder &b, Location loc, Value i, ValueRange state) {
    Value c0 = arith::ConstantIndexOp::create(b, loc, 0);
    IRMapping row;
    filled.clear();
    SmallVector<Value> next(state);
    rowState = next;
    for (Operation &inner : body.without_terminator()) {
      switch (*getRowStep(&inner, space)) {
      case RowStep::Constant:
        b.clone(inner, row);
        break;
      case RowStep::Cell:
        // Computed in the loops that need them (a shared, costly one once,
        // into its row buffer); a row-aligned result also in a loop writing
        // the row.
        if (buffered.contains(inner.getResult(0))) {
          writeRow(b, loc, i, inner.getResult(0), row, rowBuffers.lookup(inner.getResult(0)),
                   currentChunk);
          filled.insert(inner.getResult(0));
        }
        if (outputIndex.count(inner.getResult(0)))
          writeRow(b, loc, i, inner.getResult(0), row, outputs.lookup(inner.getResult(0)), i);
        break;
      case RowStep::Transpose:
        break; // computed in the loops that need them
      case RowStep::RowValue: {
        SmallVector<Value> args;
        for (Value operand : inner.getOperands())
          args.push_back(cellAt(b, loc, operand, i, c0, row));
        row.map(inner.getResult(0), emitElementwise(b, loc, &inner, args));
        writeRowValue(b, loc, i, inner.getResult(0), row);
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
        writeRowValue(b, loc, i, inner.getResult(0), row);
        break;
      }
      case RowStep::RowProduct: {
        unsigned k = productIndex.lookup(inner.getResult(0));
        next[k] = rowTimesMatrix(b, loc, i, cast<MatMulOp>(inner), next[k]);
        rowState = next;
        break;
      }
      case RowStep::ColumnClose: {
        Close c = closeOf(&inner);
        unsigned k = closeIndex.lookup(&inner);
        if (c.b) {
          next[k] = accumulateOuter(b, loc, i, c, row, next[k]);
          break;
        }
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

  /// Row i of cell value `v` into row `at` of `buffer` (a row-aligned
  /// m x n result, or a chunk's row buffer).
  void writeRow(OpBuilder &b, Location loc, Value i, Value v, const IRMapping &row, Value buffer,
                Value at) {
    Value c0 = arith::ConstantIndexOp::create(b, loc, 0);
    Value c1 = arith::ConstantIndexOp::create(b, loc, 1);
    scf::ForOp::create(b, loc, c0, cols, c1, ValueRange{},
                       [&](OpBuilder &b, Location loc, Value j, ValueRange) {
                         IRMapping cell = row;
                         memref::StoreOp::create(b, loc, cellAt(b, loc, v, i, j, cell), buffer,
                                                 ValueRange{at, j});
                         scf::YieldOp::create(b, loc);
                       });
  }

  /// Row i of the row-aligned m x 1 result `v`, if it is one.
  void writeRowValue(OpBuilder &b, Location loc, Value i, Value v, const IRMapping &row) {
    if (!outputIndex.count(v))
      return;
    memref::StoreOp::create(b, loc, row.lookup(v), outputs.lookup(v),
                            ValueRange{i, arith::ConstantIndexOp::create(b, loc, 0)});
  }

  /// Row i of A %*% B into `buffer` (n cells): buffer = sum over l of
  /// A[i, l] * B[l, :], axpys along B's contiguous rows.
  Value rowTimesMatrix(OpBuilder &b, Location loc, Value i, MatMulOp product, Value buffer) {
    Value a = inputOf(product.getLhs()), m = inputOf(product.getRhs());
    Type element = getElementTypeOrSelf(product.getType());
    Value c0 = arith::ConstantIndexOp::create(b, loc, 0);
    Value c1 = arith::ConstantIndexOp::create(b, loc, 1);
    Value zero = arith::ConstantOp::create(b, loc, element, b.getFloatAttr(element, 0.0));
    auto cleared = scf::ForOp::create(
        b, loc, c0, cols, c1, ValueRange{buffer},
        [&](OpBuilder &b, Location loc, Value j, ValueRange acc) {
          scf::YieldOp::create(b, loc,
                               ValueRange{tensor::InsertOp::create(b, loc, zero, acc[0], j)});
        });
    Value inner = tensor::DimOp::create(b, loc, a, 1);
    auto sum = scf::ForOp::create(
        b, loc, c0, inner, c1, cleared.getResults(),
        [&](OpBuilder &b, Location loc, Value p, ValueRange acc) {
          Value x = tensor::ExtractOp::create(b, loc, a, ValueRange{i, p});
          auto axpy = scf::ForOp::create(
              b, loc, c0, cols, c1, acc, [&](OpBuilder &b, Location loc, Value j, ValueRange acc) {
                Value y = tensor::ExtractOp::create(b, loc, m, ValueRange{p, j});
                Value old = tensor::ExtractOp::create(b, loc, acc[0], ValueRange{j});
                Value r = aggregateCombine(b, loc, AggKind::Sum, reductionMul(b, loc, x, y), old);
                scf::YieldOp::create(b, loc,
                                     ValueRange{tensor::InsertOp::create(b, loc, r, acc[0], j)});
              });
          scf::YieldOp::create(b, loc, axpy.getResults());
        });
    return sum.getResult(0);
  }

  /// t(A) %*% B for row i: partial[j, p] += A[i, j] * B[i, p].
  Value accumulateOuter(OpBuilder &b, Location loc, Value i, const Close &c, const IRMapping &row,
                        Value partial) {
    Value m = inputOf(c.b);
    Value c0 = arith::ConstantIndexOp::create(b, loc, 0);
    Value c1 = arith::ConstantIndexOp::create(b, loc, 1);
    Value width = tensor::DimOp::create(b, loc, m, 1);
    auto loop = scf::ForOp::create(
        b, loc, c0, cols, c1, ValueRange{partial},
        [&](OpBuilder &b, Location loc, Value j, ValueRange acc) {
          IRMapping cell = row;
          Value x = cellAt(b, loc, c.a, i, j, cell);
          auto axpy = scf::ForOp::create(
              b, loc, c0, width, c1, acc, [&](OpBuilder &b, Location loc, Value p, ValueRange acc) {
                Value y = tensor::ExtractOp::create(b, loc, m, ValueRange{i, p});
                Value old = tensor::ExtractOp::create(b, loc, acc[0], ValueRange{j, p});
                Value r = aggregateCombine(b, loc, AggKind::Sum, reductionMul(b, loc, x, y), old);
                scf::YieldOp::create(
                    b, loc, ValueRange{tensor::InsertOp::create(b, loc, r, acc[0], ValueRange{j, p})});
              });
          scf::YieldOp::create(b, loc, axpy.getResults());
        });
    return loop.getResult(0);
  }

  /// The n x l sum over dimension 0 of chunks x n x l partials.
  Value sumOfChunks(Value partials, Value width, Type element) {
    auto type = RankedTensorType::get({ShapedType::kDynamic, ShapedType::kDynamic}, element);
    Value init = l.filled(type, {cols, width}, aggregateInit(l.b, l.loc, AggKind::Sum, element));
    return linalg::ReduceOp::create(
               l.b, l.loc, ValueRange{partials}, ValueRange{init}, ArrayRef<int64_t>{0},
               [&](OpBuilder &b, Location loc, ValueRange args) {
                 linalg::YieldOp::create(
                     b, loc, aggregateCombine(b, loc, AggKind::Sum, args[0], args[1]));
               })
        .getResult(0);
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
