//===- LAFusedOp.cpp - la.fused: verification and body analyses -----------===//
//
// A fused operator's body is ordinary la IR; this file checks that it fits its
// template (so the code generator never meets an op it cannot evaluate cell by
// cell) and answers the questions la-fuse and the lowering share: which
// aggregate closes the body, what the iteration space is, and whether the body
// is zero wherever the driver is zero (sparse-safety).
//
//===----------------------------------------------------------------------===//

#include "lauryn/Dialect/LA/IR/LAOps.h"

#include "mlir/IR/TypeUtilities.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;

namespace lauryn::la {

std::optional<AggregateInfo> getAggregateInfo(Operation *op) {
  auto info = [](AggKind kind, auto agg) {
    return AggregateInfo{kind, agg.getAxis(), agg.getInput()};
  };
  return llvm::TypeSwitch<Operation *, std::optional<AggregateInfo>>(op)
      .Case([&](SumOp a) { return info(AggKind::Sum, a); })
      .Case([&](SumSqOp a) { return info(AggKind::SumSq, a); })
      .Case([&](MeanOp a) { return info(AggKind::Mean, a); })
      .Case([&](MinOp a) { return info(AggKind::Min, a); })
      .Case([&](MaxOp a) { return info(AggKind::Max, a); })
      .Case([&](ProdOp a) { return info(AggKind::Prod, a); })
      .Case([&](VarOp a) { return info(AggKind::Var, a); })
      .Case([&](NnzOp a) { return info(AggKind::Nnz, a); })
      .Default([](Operation *) { return std::nullopt; });
}

bool isFusibleAggregate(AggKind kind) {
  return kind == AggKind::Sum || kind == AggKind::SumSq || kind == AggKind::Mean ||
         kind == AggKind::Min || kind == AggKind::Max || kind == AggKind::Prod;
}

bool isCellwiseOp(Operation *op) {
  auto family = dyn_cast<SparsityPropagationOpInterface>(op);
  if (!family)
    return false;
  OpFamily f = family.getOpFamily();
  return f == OpFamily::ElementwiseBinary || f == OpFamily::ElementwiseUnary ||
         f == OpFamily::Ternary;
}

bool isZeroPreserving(Operation *op, llvm::function_ref<bool(Value)> isZero) {
  // Only rules under which the unfused lowering also treats an implicit zero
  // as a structural zero (ElementwiseToLinalg's keepsSparse), so that fused
  // and unfused code agree even next to NaN and Inf.
  // (x & y is not among them: the unfused lowering densifies its sparse
  // operands, and the sparsifier cannot model its kernel: difftest seed 1244.)
  if (isa<MulOp>(op))
    return llvm::any_of(op->getOperands(), isZero);
  if (isa<AddOp, SubOp>(op))
    return llvm::all_of(op->getOperands(), isZero);
  if (isa<NegOp, AbsOp, SqrtOp, SinOp, TanhOp, FloorOp, CeilOp>(op))
    return isZero(op->getOperand(0));
  // x / y: the zeros of a sparse float numerator are structural (la.div),
  // and an integer 0 / y is 0 for every y.
  if (auto div = dyn_cast<DivOp>(op))
    return isZero(div.getLhs()) &&
           (div.hasStructuralNumerator() ||
            isa<IntegerType>(getElementTypeOrSelf(div.getLhs().getType())));
  return false;
}

ValueRange FusedOp::getYielded() {
  return cast<YieldOp>(getBodyBlock().getTerminator()).getValues();
}

bool isClosingProduct(MatMulOp product) {
  auto op = dyn_cast<FusedOp>(product->getParentOp());
  return op && op.getKind() == FusionTemplate::outer && !isa<BlockArgument>(product.getLhs()) &&
         !product->use_empty() &&
         llvm::all_of(product->getUsers(), [](Operation *u) { return isa<YieldOp>(u); });
}

Value closingCells(MatMulOp product) {
  if (auto transpose = product.getLhs().getDefiningOp<TransposeOp>())
    return transpose.getInput();
  return product.getLhs();
}

bool isTransposedClosing(MatMulOp product) {
  return product.getLhs().getDefiningOp<TransposeOp>() != nullptr;
}

/// A row template's m x n space: the input of its first column accumulation,
/// else of its first yielded row reduction, else its first yielded m x n cell
/// value (a row-aligned result), else the input of its first row aggregate.
static Value rowIterationValue(FusedOp op) {
  auto aggregated = [](Operation *def) -> Value {
    if (auto agg = getAggregateInfo(def))
      return agg->input;
    if (auto product = dyn_cast<MatMulOp>(def)) {
      if (auto transpose = product.getLhs().getDefiningOp<TransposeOp>())
        return transpose.getInput();
      return product.getLhs(); // A %*% v
    }
    return {};
  };
  auto isColumnClose = [](Operation *def) {
    if (auto agg = getAggregateInfo(def))
      return agg->axis == Axis::col;
    auto product = dyn_cast<MatMulOp>(def);
    return product && product.getLhs().getDefiningOp<TransposeOp>();
  };
  for (bool closes : {true, false})
    for (Value v : op.getYielded())
      if (Operation *def = v.getDefiningOp(); def && isColumnClose(def) == closes)
        if (Value a = aggregated(def))
          return a;
  for (Value v : op.getYielded())
    if (auto t = dyn_cast<RankedTensorType>(v.getType()); t && t.getDimSize(1) != 1)
      return v;
  for (Operation &inner : op.getBodyBlock().without_terminator())
    if (auto agg = getAggregateInfo(&inner); agg && agg->axis == Axis::row)
      return agg->input;
  return {};
}

/// The matrix value whose shape is the iteration space: the aggregated input
/// of the first aggregate (or of an outer template's closing product), or the
/// first yielded matrix.
static Value iterationValue(FusedOp op) {
  if (op.getKind() == FusionTemplate::row)
    return rowIterationValue(op);
  for (Value v : op.getYielded())
    if (Operation *def = v.getDefiningOp()) {
      if (auto agg = getAggregateInfo(def))
        return agg->input;
      if (auto product = dyn_cast<MatMulOp>(def); product && isClosingProduct(product))
        return closingCells(product);
    }
  for (Value v : op.getYielded())
    if (isa<RankedTensorType>(v.getType()))
      return v;
  return {};
}

RankedTensorType getIterationType(FusedOp op) {
  Value v = iterationValue(op);
  return v ? cast<RankedTensorType>(v.getType()) : RankedTensorType();
}

bool isSparseSafeBody(FusedOp op) {
  Block &body = op.getBodyBlock();
  if (op.getDriver() >= body.getNumArguments())
    return false;
  llvm::DenseSet<Value> zero{body.getArgument(op.getDriver())};
  auto isZero = [&](Value v) { return zero.contains(v); };
  for (Operation &inner : body.without_terminator()) {
    if (auto agg = getAggregateInfo(&inner)) {
      if ((agg->kind == AggKind::Sum || agg->kind == AggKind::SumSq) && isZero(agg->input))
        zero.insert(inner.getResult(0));
      continue;
    }
    // A closing product adds nothing for zero cell values.
    auto product = dyn_cast<MatMulOp>(inner);
    if (isZeroPreserving(&inner, isZero) ||
        (product && isClosingProduct(product) && isZero(closingCells(product))))
      zero.insert(inner.getResult(0));
  }
  return llvm::all_of(op.getYielded(), isZero);
}

/// True if the sparsifier, which lowers a cell operator over a sparse
/// driver, can compute its body: ops that read the driver's values are the
/// zero-preserving arithmetic it models, and no op lowers to a select or a
/// comparison (it models neither on a kernel's values, even on dense side
/// inputs: difftest seeds 50131, 50149, 50477), nor a division (modeled only
/// by a non-zero constant).
bool sparsifierModelsBody(FusedOp op) {
  llvm::DenseSet<Value> fromDriver{op.getBodyBlock().getArgument(op.getDriver())};
  for (Operation &inner : op.getBodyBlock().without_terminator()) {
    if (isa<LtOp, LeOp, GtOp, GeOp, EqOp, NeOp, AndOp, OrOp, XorOp, NotOp, IfElseOp, IsNanOp,
            SignOp, ModOp, IntDivOp, MinimumOp, MaximumOp, DivOp>(inner))
      return false;
    if (llvm::none_of(inner.getOperands(), [&](Value v) { return fromDriver.contains(v); }))
      continue;
    // The ops that keep zeros (whichever operands are zero), and sums.
    if (!isa<SumOp, SumSqOp>(inner) && !isZeroPreserving(&inner, [](Value) { return true; }))
      return false;
    fromDriver.insert(inner.getResult(0));
  }
  return true;
}

bool lowersCellByLoops(FusedOp op) {
  // The loops walk the driver's storage as CSR (csrStorage).
  if (op.getKind() != FusionTemplate::cell || !iteratesSparseDriver(op) ||
      sparsifierModelsBody(op) || !isCSR(op.getInputs()[op.getDriver()].getType()))
    return false;
  // Without aggregate, the result is assembled from new buffers, which
  // sparse_tensor.assemble does for static shapes only.
  Operation *def = op.getYielded()[0].getDefiningOp();
  return (def && getAggregateInfo(def)) ||
         cast<RankedTensorType>(op.getInputs()[op.getDriver()].getType()).hasStaticShape();
}

bool iteratesSparseDriver(FusedOp op) {
  if (op.getKind() == FusionTemplate::row)
    return op.getSparseSafe() && rowReadsStoredEntriesOnly(op);
  auto driver = dyn_cast<RankedTensorType>(op.getInputs()[op.getDriver()].getType());
  if (!driver || !driver.getEncoding() || !op.getSparseSafe() || op.getNumResults() != 1 ||
      driver.getDimSize(0) == 1 || driver.getDimSize(1) == 1)
    return false;
  Operation *def = op.getYielded()[0].getDefiningOp();
  std::optional<AggregateInfo> agg = def ? getAggregateInfo(def) : std::nullopt;
  return !agg || ((agg->kind == AggKind::Sum || agg->kind == AggKind::SumSq) &&
                  agg->axis != Axis::col);
}

bool mayBeSameShape(RankedTensorType a, RankedTensorType b) {
  for (auto [x, y] : llvm::zip(a.getShape(), b.getShape()))
    if (x != y && !ShapedType::isDynamic(x) && !ShapedType::isDynamic(y))
      return false;
  // A statically 1-sized dimension against a dynamic one would broadcast.
  for (auto [x, y] : llvm::zip(a.getShape(), b.getShape()))
    if ((x == 1) != (y == 1))
      return false;
  return true;
}

namespace {
/// Shapes relative to a row template's m x n iteration space.
struct RowShapes {
  RankedTensorType space;

  static bool fits(int64_t x, int64_t y) {
    return (x == 1) == (y == 1) && (x == y || ShapedType::isDynamic(x) || ShapedType::isDynamic(y));
  }
  /// m x n.
  bool isCell(Type t) const {
    auto r = dyn_cast<RankedTensorType>(t);
    return r && fits(r.getDimSize(0), space.getDimSize(0)) &&
           fits(r.getDimSize(1), space.getDimSize(1));
  }
  /// m x 1.
  bool isRowColumn(Type t) const {
    auto r = dyn_cast<RankedTensorType>(t);
    return r && fits(r.getDimSize(0), space.getDimSize(0)) && r.getDimSize(1) == 1;
  }
  /// One value per row: m x 1, 1 x 1 or a scalar.
  bool isPerRow(Type t) const {
    auto r = dyn_cast<RankedTensorType>(t);
    return !r || isRowColumn(t) || (r.getDimSize(0) == 1 && r.getDimSize(1) == 1);
  }
  /// 1 x n: broadcast over the rows.
  bool isRowVector(Type t) const {
    auto r = dyn_cast<RankedTensorType>(t);
    return r && r.getDimSize(0) == 1 && fits(r.getDimSize(1), space.getDimSize(1));
  }
  /// m x l for any l: read row by row (a row product's left operand, the B
  /// of t(A) %*% B).
  bool isRowAligned(Type t) const {
    auto r = dyn_cast<RankedTensorType>(t);
    return r && r.getRank() == 2 && fits(r.getDimSize(0), space.getDimSize(0));
  }
  /// n x 1: the right-hand side of A %*% v.
  bool isColumnVector(Type t) const {
    auto r = dyn_cast<RankedTensorType>(t);
    return r && fits(r.getDimSize(0), space.getDimSize(1)) && r.getDimSize(1) == 1;
  }
};
} // namespace

std::optional<RowStep> getRowStep(Operation *op, RankedTensorType space) {
  if (!space || space.getDimSize(0) == 1 || space.getDimSize(1) == 1)
    return std::nullopt;
  RowShapes shapes{space};
  if (op->hasTrait<OpTrait::ConstantLike>())
    return RowStep::Constant;
  if (op->getNumResults() != 1)
    return std::nullopt;
  Type result = op->getResult(0).getType();
  if (isCellwiseOp(op)) {
    auto operandTypes = op->getOperandTypes();
    // An m x n result needs an m x n operand, or an m x 1 and a 1 x n one
    // (broadcast): an op of per-row values alone is m x 1 at run time even
    // when typed ?x? (difftest seed 50334: sigmoid(rowProds(A)) taken for a
    // cell of A's space gave 6 column means instead of 1).
    auto any = [&](auto pred) { return llvm::any_of(operandTypes, pred); };
    bool spansCells =
        any([&](Type t) { return shapes.isCell(t); }) ||
        (any([&](Type t) { return shapes.isRowColumn(t); }) &&
         any([&](Type t) { return shapes.isRowVector(t); }));
    if (shapes.isCell(result) && spansCells && llvm::all_of(operandTypes, [&](Type t) {
          return shapes.isCell(t) || shapes.isPerRow(t) || shapes.isRowVector(t);
        }))
      return RowStep::Cell;
    if (shapes.isPerRow(result) &&
        llvm::all_of(operandTypes, [&](Type t) { return shapes.isPerRow(t); }))
      return RowStep::RowValue;
    return std::nullopt;
  }
  if (auto agg = getAggregateInfo(op)) {
    if (!isFusibleAggregate(agg->kind) || !shapes.isCell(agg->input.getType()))
      return std::nullopt;
    if (agg->axis == Axis::row)
      return RowStep::RowReduction;
    if (agg->axis == Axis::col)
      return RowStep::ColumnClose;
    return std::nullopt;
  }
  if (auto transpose = dyn_cast<TransposeOp>(op))
    return shapes.isCell(transpose.getInput().getType()) ? std::optional(RowStep::Transpose)
                                                         : std::nullopt;
  if (auto product = dyn_cast<MatMulOp>(op)) {
    Type rhs = product.getRhs().getType();
    if (auto transpose = product.getLhs().getDefiningOp<TransposeOp>())
      if (shapes.isCell(transpose.getInput().getType()) && shapes.isRowAligned(rhs))
        return RowStep::ColumnClose;
    if (shapes.isCell(product.getLhs().getType()) && shapes.isColumnVector(rhs))
      return RowStep::RowReduction;
    // Computed row by row as a vector-matrix product (float only: the loops
    // multiply and add floats).
    if (shapes.isCell(result) && shapes.isRowAligned(product.getLhs().getType()) &&
        isa<FloatType>(getElementTypeOrSelf(result)))
      return RowStep::RowProduct;
  }
  return std::nullopt;
}

bool isRowAlignedResult(Value v, RankedTensorType space) {
  auto type = dyn_cast<RankedTensorType>(v.getType());
  Operation *def = v.getDefiningOp();
  if (!type || type.getEncoding() || !def)
    return false;
  RowShapes shapes{space};
  std::optional<RowStep> step = getRowStep(def, space);
  if (step == RowStep::Cell)
    return shapes.isCell(type);
  if (!shapes.isRowColumn(type) || type.getDimSize(0) == 1)
    return false;
  if (step == RowStep::RowReduction)
    return true;
  // A per-row value is m x 1 at run time only if it derives from a row
  // reduction (an m x 1 operand typed ?x1 may be 1 x 1).
  return step == RowStep::RowValue && llvm::any_of(def->getOperands(), [&](Value operand) {
           return isRowAlignedResult(operand, space);
         });
}

bool isOuterAccumulation(Operation *product) {
  if (!isa<MatMulOp>(product))
    return false;
  auto rhs = dyn_cast<RankedTensorType>(product->getOperand(1).getType());
  return rhs && rhs.getDimSize(1) != 1;
}

bool isRowAlignedInput(FusedOp op, unsigned k) {
  RankedTensorType space = getIterationType(op);
  if (op.getKind() != FusionTemplate::row || !space)
    return false;
  RowShapes shapes{space};
  bool aligned = false;
  for (OpOperand &use : op.getBodyBlock().getArgument(k).getUses()) {
    Operation *user = use.getOwner();
    std::optional<RowStep> step = getRowStep(user, space);
    if (step == RowStep::RowProduct || (step == RowStep::ColumnClose && isa<MatMulOp>(user)) ||
        (step == RowStep::RowReduction && isa<MatMulOp>(user)))
      // The left operand of a row product or A %*% v, the B of t(A) %*% B
      // (not the y of t(A) %*% y: one value per row).
      aligned |= use.getOperandNumber() == 0
                     ? step != RowStep::ColumnClose
                     : step == RowStep::ColumnClose && isOuterAccumulation(user);
    else
      aligned |= shapes.isCell(use.get().getType());
    if ((step == RowStep::RowProduct || step == RowStep::RowReduction) &&
        use.getOperandNumber() == 1)
      return false; // a product's right operand (l x n, n x 1)
  }
  return aligned;
}

/// All cells of a row template have one width (the space's n): cell-wise ops
/// join the values they combine (the unfused ops require equal shapes there
/// too); row products, cell operands and row reductions and accumulations of
/// cells are members. Two values never combined cell by cell may differ in
/// width at run time (colSums(X / rowSums(Y)), X and Y of other column
/// counts), which a template of one width cannot compute.
static bool cellsHaveOneWidth(Block &body, RankedTensorType space) {
  if (!ShapedType::isDynamic(space.getDimSize(1)))
    return true; // every cell is typed with the static width
  RowShapes shapes{space};
  llvm::DenseMap<Value, Value> parent;
  std::function<Value(Value)> find = [&](Value v) -> Value {
    auto [it, inserted] = parent.try_emplace(v, v);
    if (it->second == v)
      return v;
    Value root = find(it->second);
    parent[v] = root;
    return root;
  };
  auto join = [&](Value a, Value b) { parent[find(a)] = find(b); };
  for (Operation &inner : body.without_terminator()) {
    std::optional<RowStep> step = getRowStep(&inner, space);
    if (!step)
      continue;
    switch (*step) {
    case RowStep::Cell:
      for (Value operand : inner.getOperands())
        if (shapes.isCell(operand.getType()))
          join(operand, inner.getResult(0));
      find(inner.getResult(0));
      break;
    case RowStep::RowProduct:
      find(inner.getResult(0));
      break;
    case RowStep::RowReduction:
    case RowStep::ColumnClose:
      if (auto agg = getAggregateInfo(&inner))
        find(agg->input);
      else if (step == RowStep::RowReduction)
        find(inner.getOperand(0));
      break; // t(A) %*% y: A through its transpose
    case RowStep::Transpose:
      find(inner.getOperand(0));
      break;
    default:
      break;
    }
  }
  Value root;
  for (auto &entry : parent) {
    Value r = find(entry.first);
    if (root && r != root)
      return false;
    root = r;
  }
  return true;
}

bool rowReadsStoredEntriesOnly(FusedOp op) {
  RankedTensorType space = getIterationType(op);
  if (op.getKind() != FusionTemplate::row || !space)
    return false;
  // The driver's storage is walked as CSR (RowToLoops).
  for (auto [k, v] : llvm::enumerate(op.getInputs())) {
    auto t = dyn_cast<RankedTensorType>(v.getType());
    if (t && bool(t.getEncoding()) != (k == op.getDriver()))
      return false;
  }
  if (!isCSR(op.getInputs()[op.getDriver()].getType()))
    return false;
  Block &body = op.getBodyBlock();
  Value driver = body.getArgument(op.getDriver());
  auto isDriverSum = [&](Operation *inner) {
    if (auto agg = getAggregateInfo(inner))
      return agg->input == driver &&
             llvm::is_contained({AggKind::Sum, AggKind::SumSq, AggKind::Mean}, agg->kind);
    auto product = dyn_cast<MatMulOp>(inner);
    if (!product)
      return false;
    auto transpose = product.getLhs().getDefiningOp<TransposeOp>();
    return (transpose ? transpose.getInput() : product.getLhs()) == driver;
  };
  for (Operation &inner : body.without_terminator()) {
    std::optional<RowStep> step = getRowStep(&inner, space);
    if (!step || *step == RowStep::Cell || *step == RowStep::RowProduct ||
        (*step == RowStep::ColumnClose && isOuterAccumulation(&inner)))
      return false;
    if ((*step == RowStep::RowReduction || *step == RowStep::ColumnClose) && !isDriverSum(&inner))
      return false;
    if (*step == RowStep::Transpose && inner.getOperand(0) != driver)
      return false;
  }
  return true;
}

/// A row template: every op has a row step; products read an operand vector;
/// transposes feed column accumulations, which are the results.
static LogicalResult verifyRowTemplate(FusedOp op) {
  RankedTensorType space = getIterationType(op);
  if (!space)
    return op.emitOpError("a row template computes a column accumulation, a row reduction or "
                          "an m x n cell value");
  for (Operation &inner : op.getBodyBlock().without_terminator()) {
    std::optional<RowStep> step = getRowStep(&inner, space);
    if (!step)
      return inner.emitOpError("does not fit a row template over ") << space;
    if (auto agg = getAggregateInfo(&inner); agg && !isFusibleAggregate(agg->kind))
      return inner.emitOpError("is not a fusible aggregate (sum, sumsq, mean, min, max, prod)");
    if (*step == RowStep::RowReduction)
      if (auto product = dyn_cast<MatMulOp>(inner); product && !isa<BlockArgument>(product.getRhs()))
        return inner.emitOpError("of a row template multiplies by an operand vector only");
    if (*step == RowStep::RowProduct &&
        !llvm::all_of(inner.getOperands(), [](Value v) { return isa<BlockArgument>(v); }))
      return inner.emitOpError("of a row template multiplies two operands of the fused op");
    if (*step == RowStep::ColumnClose && isOuterAccumulation(&inner) &&
        !isa<BlockArgument>(inner.getOperand(1)))
      return inner.emitOpError("of a row template accumulates t(A) %*% B with B an operand");
    if (*step == RowStep::Transpose &&
        !llvm::all_of(inner.getUsers(), [&](Operation *user) {
          return getRowStep(user, space) == RowStep::ColumnClose && isa<MatMulOp>(user);
        }))
      return inner.emitOpError("in a row template transposes for t(A) %*% y only");
    if (*step == RowStep::ColumnClose &&
        (!inner.hasOneUse() || !isa<YieldOp>(*inner.getUsers().begin())))
      return inner.emitOpError("column accumulation of a row template must be yielded directly");
  }
  llvm::SmallPtrSet<void *, 8> written;
  for (Value v : op.getYielded()) {
    Operation *def = v.getDefiningOp();
    if (def && isRowAlignedResult(v, space)) {
      if (!written.insert(v.getAsOpaquePointer()).second)
        return op.emitOpError("yields a row-aligned result more than once");
      if (space.getDimSize(1) == 0)
        return op.emitOpError("a row template with row-aligned results needs rows of at least "
                              "one cell");
      continue;
    }
    if (!def || getRowStep(def, space) != RowStep::ColumnClose)
      return op.emitOpError("every result of a row template must be a column accumulation, "
                            "a dense m x n cell value or a dense m x 1 value computed from a "
                            "row reduction");
    Value input = isa<MatMulOp>(def) ? def->getOperand(0).getDefiningOp()->getOperand(0)
                                     : getAggregateInfo(def)->input;
    if (!mayBeSameShape(cast<RankedTensorType>(input.getType()), space))
      return def->emitOpError("accumulates another iteration space than ") << space;
  }
  if (!cellsHaveOneWidth(op.getBodyBlock(), space))
    return op.emitOpError("a row template computes cells of one width; values never combined "
                          "cell by cell may differ in width");
  auto driver = dyn_cast<RankedTensorType>(op.getInputs()[op.getDriver()].getType());
  if (!driver || !isRowAlignedInput(op, op.getDriver()))
    return op.emitOpError("the driver of a row template must be read row by row (a cell "
                          "operand of the iteration space ")
           << space << ", a row product's left operand or the B of t(A) %*% B)";
  if (op.getSparseSafe() && !rowReadsStoredEntriesOnly(op))
    return op.emitOpError("a sparse_safe row template reads a CSR driver only by sums of the "
                          "driver itself (row/column sums, A %*% v, t(A) %*% y)");
  if (!op.getSparseSafe() && driver.getEncoding())
    return op.emitOpError("a row template over a CSR driver iterates its stored entries "
                          "(sparse_safe)");
  return success();
}

LogicalResult FusedOp::verify() {
  if (getDriver() >= getInputs().size())
    return emitOpError("driver ") << getDriver() << " is not an operand index (" << getInputs().size()
                                  << " operands)";
  if (!isa<RankedTensorType>(getInputs()[getDriver()].getType()))
    return emitOpError("driver operand #") << getDriver() << " is not a matrix";
  return success();
}

LogicalResult FusedOp::verifyRegions() {
  Block &body = getBodyBlock();
  // Operands may be more static than the body's arguments (the JIT
  // specializes inputs to their actual shapes after fusion was decided).
  if (body.getNumArguments() != getInputs().size())
    return emitOpError("body has ") << body.getNumArguments() << " arguments for "
                                    << getInputs().size() << " operands";
  for (auto [k, arg, input] : llvm::enumerate(body.getArgumentTypes(), getInputs().getTypes())) {
    auto a = dyn_cast<RankedTensorType>(arg), b = dyn_cast<RankedTensorType>(input);
    bool ok = (a && b) ? a.getElementType() == b.getElementType() &&
                             a.getEncoding() == b.getEncoding() && mayBeSameShape(a, b)
                       : arg == input;
    if (!ok)
      return emitOpError("body argument #") << k << " of type " << arg
                                           << " does not fit operand type " << input;
  }
  if (getYielded().getTypes() != getResultTypes())
    return emitOpError("yielded types must equal the result types");
  if (getResults().empty())
    return emitOpError("has no results");

  if (getKind() == FusionTemplate::row)
    return verifyRowTemplate(*this);

  // Every body op must be evaluable cell by cell: element-wise ops, constants,
  // and the template's aggregates, which must be yielded directly.
  unsigned aggregates = 0, products = 0, closing = 0;
  for (Operation &inner : body.without_terminator()) {
    if (inner.hasTrait<OpTrait::ConstantLike>() || isCellwiseOp(&inner))
      continue;
    if (getKind() == FusionTemplate::outer) {
      if (auto transpose = dyn_cast<TransposeOp>(inner)) {
        auto user = transpose->hasOneUse()
                        ? dyn_cast<MatMulOp>(*transpose->getUsers().begin())
                        : MatMulOp();
        // t(cells) %*% U closes the template (the transposed closing product).
        if (user && user.getLhs() == transpose.getResult() && isClosingProduct(user))
          continue;
        if (!isa<BlockArgument>(transpose.getInput()) || !user)
          return inner.emitOpError(
              "in an outer template transposes an operand for the product only");
        continue;
      }
      if (auto matmul = dyn_cast<MatMulOp>(inner)) {
        // A closing product: the cell values times an operand, yielded.
        if (isClosingProduct(matmul)) {
          // The operand is read densely; the driver is walked by its storage.
          auto rhs = dyn_cast<BlockArgument>(matmul.getRhs());
          if (++closing > 1 || !rhs || rhs.getArgNumber() == getDriver() ||
              isa<BlockArgument>(closingCells(matmul)))
            return inner.emitOpError("closes an outer template with a product of the cell values "
                                     "and an operand only");
          continue;
        }
        auto rhs = matmul.getRhs().getDefiningOp<TransposeOp>();
        if (!isa<BlockArgument>(matmul.getLhs()) ||
            (!rhs && !isa<BlockArgument>(matmul.getRhs())))
          return inner.emitOpError("of an outer template multiplies operands (or a transposed "
                                   "operand) only");
        if (++products > 1)
          return inner.emitOpError("is a second product in an outer template");
        continue;
      }
    }
    auto agg = getAggregateInfo(&inner);
    if (!agg)
      return inner.emitOpError("cannot be part of a fused operator");
    if (!isFusibleAggregate(agg->kind))
      return inner.emitOpError("is not a fusible aggregate (sum, sumsq, mean, min, max, prod)");
    if (!inner.hasOneUse() || !isa<YieldOp>(*inner.getUsers().begin()))
      return inner.emitOpError("aggregate of a fused operator must be yielded directly");
    if (getKind() == FusionTemplate::magg && agg->axis != Axis::all)
      return inner.emitOpError("a multi-aggregate combines full aggregates only");
    if (getKind() == FusionTemplate::outer &&
        (agg->axis == Axis::col || (agg->kind != AggKind::Sum && agg->kind != AggKind::SumSq)))
      return inner.emitOpError("an outer template closes with a sum or sum of squares over all "
                               "cells or rows");
    ++aggregates;
  }
  if (getKind() != FusionTemplate::magg && getResults().size() != 1)
    return emitOpError("a ") << stringifyFusionTemplate(getKind()) << " template has one result";
  if (getKind() == FusionTemplate::outer && (products != 1 || aggregates > 1))
    return emitOpError("an outer template has one product and at most one closing aggregate");
  if (getKind() == FusionTemplate::outer && closing && aggregates)
    return emitOpError("an outer template closes with an aggregate or a product, not both");
  if (getKind() == FusionTemplate::outer && iteratesSparseDriver(*this) &&
      !isCSR(getInputs()[getDriver()].getType()))
    return emitOpError("an outer template walks its sparse driver as CSR (dense rows, "
                       "compressed columns, index-width positions and coordinates)");
  if (getKind() == FusionTemplate::outer && closing && !iteratesSparseDriver(*this))
    return emitOpError("an outer template closing with a product iterates the stored entries of a "
                       "sparse driver");
  if (getKind() == FusionTemplate::outer && aggregates == 0 && !closing) {
    // The result is assembled from the driver's pattern (FusedToLoops), and
    // sparse_tensor.assemble builds static shapes only.
    auto driver = dyn_cast<RankedTensorType>(getInputs()[getDriver()].getType());
    if (!driver || !driver.hasStaticShape() || !iteratesSparseDriver(*this))
      return emitOpError("an outer template without aggregate iterates the stored entries of a "
                         "sparse driver of static shape");
  }
  if (getKind() == FusionTemplate::cell && iteratesSparseDriver(*this) &&
      !sparsifierModelsBody(*this) && !lowersCellByLoops(*this))
    return emitOpError("a cell template over a sparse driver whose body the sparsifier cannot "
                       "compute (a division, a comparison) needs an aggregate or a driver of "
                       "static shape");
  if (getKind() == FusionTemplate::magg && aggregates != getResults().size())
    return emitOpError("every result of a multi-aggregate must be a full aggregate");

  RankedTensorType space = getIterationType(*this);
  if (!space)
    return emitOpError("has no matrix iteration space (nothing to fuse)");
  for (Operation &inner : body.without_terminator()) {
    if (getAggregateInfo(&inner) || inner.getNumResults() != 1 || isa<TransposeOp>(inner))
      continue;
    if (auto product = dyn_cast<MatMulOp>(inner); product && isClosingProduct(product)) {
      // cells (m x n) %*% W (n x k) -> m x k; t(cells) %*% U (m x k) -> n x k.
      bool transposed = isTransposedClosing(product);
      int64_t innerSize = space.getDimSize(transposed ? 0 : 1);
      int64_t outerSize = space.getDimSize(transposed ? 1 : 0);
      auto rhs = cast<RankedTensorType>(product.getRhs().getType());
      auto result = cast<RankedTensorType>(product.getType());
      if (!mayBeSameShape(
              RankedTensorType::get({innerSize, rhs.getDimSize(1)}, rhs.getElementType()), rhs) ||
          (result.getDimSize(0) != outerSize && !result.isDynamicDim(0) &&
           !ShapedType::isDynamic(outerSize)))
        return inner.emitOpError("closing product does not fit the iteration space ") << space;
      continue;
    }
    auto t = dyn_cast<RankedTensorType>(inner.getResult(0).getType());
    if (t && !mayBeSameShape(t, space))
      return inner.emitOpError("result shape differs from the iteration space ") << space;
  }
  for (Value v : getYielded())
    if (Operation *def = v.getDefiningOp(); def && getAggregateInfo(def) &&
                                            !mayBeSameShape(cast<RankedTensorType>(
                                                           getAggregateInfo(def)->input.getType()),
                                                       space))
      return def->emitOpError("aggregates another iteration space than ") << space;
  if (getSparseSafe() && !isSparseSafeBody(*this))
    return emitOpError("is marked sparse_safe but its body is not zero where the driver is zero");
  return success();
}

} // namespace lauryn::la
