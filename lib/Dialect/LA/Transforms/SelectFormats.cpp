//===- SelectFormats.cpp - dense or CSR per matrix value ------------------===//
//
// la-select-formats decides, value by value in program order, whether a
// matrix is stored dense or as CSR, from the estimates of
// la-estimate-sparsity and the ops' analytic costs (CostOpInterface) turned
// into seconds by the target's bandwidth and FLOP rates.
//
// A value's native format is what its producer yields given the formats
// already chosen for its operands (an la op's inferred result type; the
// declared type of an argument or of another op's result). A product of two
// CSR matrices may also yield CSR directly (SpGEMM). The value is stored in
// the format F that minimises
//
//   produce(F) + sum over uses of cost(user | this operand in F)
//
// where produce(F) is the producer's cost with its result in F (or in its
// native format plus a conversion), an la user costs one execution (its
// result in its native format given F) times the trip counts of the loops
// around it, and any other user (return, yield, call, tensor op) the
// conversion back to the type it was written with. A format the producer
// does not yield directly becomes an explicit la.convert after it.
//
//===----------------------------------------------------------------------===//

#include "lauryn/Dialect/LA/IR/LAAttrs.h"
#include "lauryn/Dialect/LA/IR/LAOps.h"
#include "lauryn/Dialect/LA/Transforms/EstimateSparsity.h"
#include "lauryn/Dialect/LA/Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SparseTensor/IR/SparseTensor.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"

namespace lauryn::la {
#define GEN_PASS_DEF_SELECTFORMATSPASS
#include "lauryn/Dialect/LA/Transforms/Passes.h.inc"
} // namespace lauryn::la

using namespace mlir;
using namespace lauryn::la;

namespace {

/// Loops whose trip count is not a constant are assumed to run this often.
constexpr double kUnknownTripCount = 10;

/// Target rates that turn an OpCost into seconds.
struct Rates {
  double bytesPerSecond;
  double denseFlopsPerSecond;
  double sparseFlopsPerSecond;
};

class FormatSelector {
public:
  FormatSelector(MLIRContext *ctx, Rates rates)
      : ctx(ctx), rates(rates),
        csr(getCSREncoding(ctx)) {}

  /// Remembers the operand types every la op was written with.
  void recordWrittenOperands(Operation *root) {
    root->walk([&](Operation *op) {
      if (isLAOp(op))
        writtenOperands[op] = SmallVector<Type>(op->getOperandTypes());
    });
  }

  void runOnRegion(Region &region) {
    for (Block &block : region) {
      for (BlockArgument arg : block.getArguments())
        decide(arg, /*producer=*/nullptr);
      for (Operation &op : llvm::make_early_inc_range(block))
        runOnOp(&op);
    }
  }

  unsigned numCSR = 0, numDense = 0, numConversions = 0;

private:
  void runOnOp(Operation *op) {
    if (isa<ConvertOp>(op)) // a written conversion is kept as written
      return;
    for (Region &region : op->getRegions())
      runOnRegion(region);
    if (isLAOp(op)) {
      // Operands in other formats than written: the result's format follows
      // (operands that only became more static keep a written format).
      auto formatOf = [](Type t) {
        auto tensor = dyn_cast<RankedTensorType>(t);
        return tensor ? tensor.getEncoding() : Attribute();
      };
      bool changed = !llvm::equal(op->getOperandTypes(), writtenOperands.lookup(op),
                                  [&](Type a, Type b) { return formatOf(a) == formatOf(b); });
      for (OpResult r : op->getResults())
        if (auto t = dyn_cast<RankedTensorType>(r.getType())) {
          written.try_emplace(r, t);
          r.setType(nativeType(r, /*keepFormat=*/!changed));
        }
    }
    for (OpResult r : op->getResults())
      decide(r, op);
  }

  static bool isLAOp(Operation *op) { return op->getDialect() && isa<LADialect>(op->getDialect()); }

  RankedTensorType withEncoding(RankedTensorType t, bool sparse) const {
    return RankedTensorType::get(t.getShape(), t.getElementType(), sparse ? csr : Attribute());
  }

  /// The type an la op's result takes from its operands' current types: the
  /// inferred format (or, with `keepFormat`, the current one) and the more
  /// static of the current and the inferred shape (so that sizes known after
  /// shape specialization reach the cost model).
  RankedTensorType nativeType(OpResult r, bool keepFormat) const {
    Operation *op = r.getOwner();
    auto t = cast<RankedTensorType>(r.getType());
    Attribute encoding = t.getEncoding();
    SmallVector<int64_t> shape(t.getShape());
    if (auto c = dyn_cast<CastOp>(op)) {
      if (auto in = dyn_cast<RankedTensorType>(c.getInput().getType()); in && !keepFormat)
        encoding = in.getEncoding();
    } else if (auto infer = dyn_cast<InferTypeOpInterface>(op)) {
      SmallVector<Type> inferred;
      if (succeeded(infer.inferReturnTypes(ctx, std::nullopt, op->getOperands(),
                                           op->getRawDictionaryAttrs(),
                                           op->getPropertiesStorage(), op->getRegions(),
                                           inferred)) &&
          r.getResultNumber() < inferred.size())
        if (auto it = dyn_cast<RankedTensorType>(inferred[r.getResultNumber()]);
            it && it.getRank() == t.getRank()) {
          if (!keepFormat)
            encoding = it.getEncoding();
          for (auto [d, i] : llvm::zip(shape, it.getShape()))
            if (ShapedType::isDynamic(d))
              d = i;
        }
    }
    return RankedTensorType::get(shape, t.getElementType(), encoding);
  }

  /// True if `op` can write its result `r` in `sparse` format without a
  /// conversion: its native format, or CSR from a product of CSR operands.
  bool producesDirectly(OpResult r, bool sparse) const {
    if (isSparse(r.getType()) == sparse)
      return true;
    // CSR x CSR products and transposes of CSR values yield CSR themselves.
    if (auto transpose = dyn_cast<TransposeOp>(r.getOwner()))
      return sparse && isCSREncoding(encodingOf(transpose.getInput()));
    auto mm = dyn_cast<MatMulOp>(r.getOwner());
    return sparse && mm && isCSREncoding(encodingOf(mm.getLhs())) &&
           isCSREncoding(encodingOf(mm.getRhs()));
  }

  static Attribute encodingOf(Value v) {
    auto t = dyn_cast<RankedTensorType>(v.getType());
    return t ? t.getEncoding() : Attribute();
  }
  static bool isSparse(Type t) {
    auto tensor = dyn_cast<RankedTensorType>(t);
    return tensor && tensor.getEncoding();
  }

  /// Size and estimated density of `v` in its current format; std::nullopt
  /// for dynamic shapes. Unknown densities count as dense.
  std::optional<ValueStats> statsOf(Value v) const {
    ValueStats s;
    auto t = dyn_cast<RankedTensorType>(v.getType());
    if (!t) {
      s.isScalar = true;
      s.elementBytes = std::max(1u, v.getType().getIntOrFloatBitWidth() / 8);
      return s;
    }
    if (!t.hasStaticShape() || t.getRank() != 2)
      return std::nullopt;
    s.rows = t.getDimSize(0);
    s.cols = t.getDimSize(1);
    s.elementBytes = std::max(1u, t.getElementTypeBitWidth() / 8);
    s.isSparse = t.getEncoding() != nullptr;
    if (SparsityAttr e = getEstimate(v))
      s.density = e.getDensityFor(t.getNumElements()).value_or(1.0);
    return s;
  }

  double seconds(const OpCost &c, bool sparseKernel) const {
    return (c.bytesRead + c.bytesWritten) / rates.bytesPerSecond +
           c.flops / (sparseKernel ? rates.sparseFlopsPerSecond : rates.denseFlopsPerSecond);
  }

  /// One execution of the la op `op` in the formats its operands and result
  /// have now; std::nullopt if a size is unknown.
  std::optional<double> opSeconds(Operation *op) const {
    auto costly = dyn_cast<CostOpInterface>(op);
    if (!costly || op->getNumResults() != 1)
      return std::nullopt;
    SmallVector<ValueStats> operands;
    bool sparseKernel = isSparse(op->getResult(0).getType());
    for (Value o : op->getOperands()) {
      if (!isa<RankedTensorType>(o.getType()) && !o.getType().isIntOrFloat())
        continue; // index bounds of slices and inserts
      std::optional<ValueStats> s = statsOf(o);
      if (!s)
        return std::nullopt;
      sparseKernel |= s->isSparse;
      operands.push_back(*s);
    }
    std::optional<ValueStats> result = statsOf(op->getResult(0));
    if (!result)
      return std::nullopt;
    return seconds(costly.estimateCost(operands, *result), sparseKernel);
  }

  /// Reading one format and writing the other: from dense, every cell is
  /// tested (a dense scan); each non-zero is moved by sparse code.
  double conversionSeconds(ValueStats from, bool toSparse) const {
    ValueStats to = from;
    to.isSparse = toSparse;
    return (from.bytes() + to.bytes()) / rates.bytesPerSecond +
           (from.isSparse ? 0.0 : from.cells()) / rates.denseFlopsPerSecond +
           from.nnz() / rates.sparseFlopsPerSecond;
  }

  /// Executions of `user` per execution of the definition of `v`.
  static double relativeFrequency(Operation *user, Value v) {
    double weight = 1;
    for (Region *r = user->getParentRegion(); r && r != v.getParentRegion();) {
      Operation *parent = r->getParentOp();
      if (!parent)
        break;
      if (auto loop = dyn_cast<scf::ForOp>(parent)) {
        APInt lb, ub, step;
        if (matchPattern(loop.getLowerBound(), m_ConstantInt(&lb)) &&
            matchPattern(loop.getUpperBound(), m_ConstantInt(&ub)) &&
            matchPattern(loop.getStep(), m_ConstantInt(&step)) && step.getSExtValue() > 0) {
          int64_t n = ub.getSExtValue() - lb.getSExtValue();
          weight *= n <= 0 ? 0.0 : double((n + step.getSExtValue() - 1) / step.getSExtValue());
        } else {
          weight *= kUnknownTripCount;
        }
      } else if (isa<scf::WhileOp>(parent)) {
        weight *= kUnknownTripCount;
      }
      r = parent->getParentRegion();
    }
    return weight;
  }

  /// Seconds the value `v` costs its producer and users when stored as
  /// `sparse`; std::nullopt when a size is unknown.
  std::optional<double> formatSeconds(Value v, Operation *producer, bool sparse) {
    Type native = v.getType();
    RankedTensorType target = withEncoding(cast<RankedTensorType>(native), sparse);
    std::optional<ValueStats> nativeStats = statsOf(v);
    if (!nativeStats)
      return std::nullopt;
    double total = 0;
    auto result = dyn_cast<OpResult>(v);
    bool direct = producer && isLAOp(producer) && producesDirectly(result, sparse);
    if (direct && sparse != nativeStats->isSparse) {
      v.setType(target);
      std::optional<double> own = opSeconds(producer);
      v.setType(native);
      std::optional<double> asNative = opSeconds(producer);
      if (!own || !asNative)
        return std::nullopt;
      total += *own - *asNative; // relative to producing the native format
    } else if (sparse != nativeStats->isSparse) {
      total += conversionSeconds(*nativeStats, sparse);
    }
    v.setType(target);
    for (OpOperand &use : v.getUses()) {
      Operation *user = use.getOwner();
      double weight = relativeFrequency(user, v);
      if (!isLAOp(user) || isa<ConvertOp>(user)) {
        Type want = isa<ConvertOp>(user) ? user->getResult(0).getType() : writtenType(v);
        if (isSparse(want) != sparse) {
          ValueStats s = *statsOf(v);
          total += weight * conversionSeconds(s, !sparse);
        }
        continue;
      }
      // The user's result in its native format given this operand's format.
      SmallVector<Type> saved;
      for (OpResult r : user->getResults()) {
        saved.push_back(r.getType());
        if (isa<RankedTensorType>(r.getType()))
          r.setType(nativeType(r, /*keepFormat=*/false));
      }
      std::optional<double> cost = opSeconds(user);
      for (auto [r, t] : llvm::zip(user->getResults(), saved))
        r.setType(t);
      if (cost) // unknown sizes: the same for either format
        total += weight * *cost;
    }
    v.setType(native);
    return total;
  }

  /// The type non-la users of `v` were written against.
  Type writtenType(Value v) const {
    auto it = written.find(v);
    return it != written.end() ? Type(it->second) : v.getType();
  }

  /// Whether `v`, the numerator of a float la.div, was written sparse there
  /// (std::nullopt if it is none). It keeps that format: the zeros of a CSR
  /// numerator are structural (0 / 0 = 0 there), a dense one's are not
  /// (NaN), and results of finite inputs must not depend on the formats.
  std::optional<bool> writtenNumeratorFormat(Value v) const {
    if (!isa<FloatType>(getElementTypeOrSelf(v.getType())))
      return std::nullopt;
    for (OpOperand &use : v.getUses()) {
      auto it = writtenOperands.find(use.getOwner());
      if (isa<DivOp>(use.getOwner()) && use.getOperandNumber() == 0 &&
          it != writtenOperands.end())
        return isSparse(it->second[0]); // one value: one written type
    }
    return std::nullopt;
  }

  static bool canBeCSR(RankedTensorType t) {
    Type e = t.getElementType();
    return t.getRank() == 2 && (e.isF64() || e.isF32() || e.isInteger(64) || e.isInteger(32));
  }

  void decide(Value v, Operation *producer) {
    auto type = dyn_cast<RankedTensorType>(v.getType());
    if (!type)
      return;
    bool choice = type.getEncoding() != nullptr; // the native format
    bool decidable = canBeCSR(type) && (!type.getEncoding() || isCSREncoding(type.getEncoding())) &&
                     getEstimate(v);
    if (decidable) {
      std::optional<double> asDense = formatSeconds(v, producer, false);
      std::optional<double> asCSR = formatSeconds(v, producer, true);
      if (asDense && asCSR && *asDense != *asCSR)
        choice = *asCSR < *asDense;
    }
    if (std::optional<bool> written = writtenNumeratorFormat(v))
      choice = *written;
    apply(v, producer, choice);
    (choice ? numCSR : numDense) += 1;
  }

  /// Stores `v` as `sparse`: its producer's result type if it yields that
  /// directly, an la.convert otherwise; uses outside la get the type they
  /// were written with.
  void apply(Value v, Operation *producer, bool sparse) {
    auto type = cast<RankedTensorType>(v.getType());
    Value stored = v;
    if ((type.getEncoding() != nullptr) != sparse) {
      auto result = dyn_cast<OpResult>(v);
      if (producer && isLAOp(producer) && producesDirectly(result, sparse)) {
        v.setType(withEncoding(type, sparse));
      } else {
        stored = convertAfter(v, withEncoding(type, sparse));
        v.replaceAllUsesExcept(stored, stored.getDefiningOp());
      }
    }
    // Uses outside la (and written conversions) need the written type.
    Type want = writtenType(v);
    if (stored.getType() == want)
      return;
    // The sparsifier rejects casts of sparse tensors to other shapes: a
    // sparse value used outside la keeps the dimensions it was written with.
    auto storedType = cast<RankedTensorType>(stored.getType());
    if (storedType.getEncoding() &&
        storedType.getEncoding() == cast<RankedTensorType>(want).getEncoding() &&
        llvm::any_of(stored.getUsers(), [](Operation *u) { return !isLAOp(u); })) {
      stored.setType(want);
      return;
    }
    Value restored;
    for (OpOperand &use : llvm::make_early_inc_range(stored.getUses())) {
      Operation *user = use.getOwner();
      if (isLAOp(user)) // la ops take any format (la.convert included)
        continue;
      if (!restored)
        restored = v.getType() == want ? v : restoreAfter(stored, cast<RankedTensorType>(want));
      if (use.get() != restored && user != restored.getDefiningOp())
        use.set(restored);
    }
  }

  /// `v` as `type` (written with a less static shape or another format):
  /// a tensor.cast if only the shape differs, an la.convert otherwise.
  Value restoreAfter(Value v, RankedTensorType type) {
    if (cast<RankedTensorType>(v.getType()).getEncoding() != type.getEncoding())
      return convertAfter(v, type);
    OpBuilder b(ctx);
    b.setInsertionPointAfterValue(v);
    return tensor::CastOp::create(b, v.getLoc(), type, v);
  }

  /// A new la.convert of `v` to `type` right after its definition, carrying
  /// its estimate.
  Value convertAfter(Value v, RankedTensorType type) {
    OpBuilder b(ctx);
    if (Operation *def = v.getDefiningOp())
      b.setInsertionPointAfter(def);
    else
      b.setInsertionPointToStart(cast<BlockArgument>(v).getOwner());
    auto convert = ConvertOp::create(b, v.getLoc(), type, v);
    if (SparsityAttr e = getEstimate(v))
      convert->setAttr(kSparsityAttrName, e);
    ++numConversions;
    return convert.getResult();
  }

  MLIRContext *ctx;
  Rates rates;
  Attribute csr;
  /// Result types of la ops as written, before their formats changed.
  DenseMap<Value, RankedTensorType> written;
  DenseMap<Operation *, SmallVector<Type>> writtenOperands;
};

struct SelectFormatsPass : lauryn::la::impl::SelectFormatsPassBase<SelectFormatsPass> {
  using SelectFormatsPassBase::SelectFormatsPassBase;

  /// A conversion left between values of one format (its operand changed
  /// format) only forgets static sizes; la users accept the more static
  /// operand, so they read it directly. (Lowered, such a conversion of a CSR
  /// value was folded into its producer by the sparsifier's rewrites into an
  /// invalid tensor.empty: difftest seed 50401.)
  void dropShapeOnlyConversions() {
    getOperation().walk([](ConvertOp convert) {
      auto from = cast<RankedTensorType>(convert.getInput().getType());
      auto to = cast<RankedTensorType>(convert.getType());
      if (from.getEncoding() != to.getEncoding() || from.getElementType() != to.getElementType() ||
          failed(verifyCompatibleShape(from, to)))
        return;
      if (!llvm::all_of(convert->getUsers(), [](Operation *user) {
            return isa_and_nonnull<LADialect>(user->getDialect()) && !isa<FusedOp>(user);
          }))
        return;
      convert.getResult().replaceAllUsesWith(convert.getInput());
      convert.erase();
    });
  }

  void runOnOperation() override {
    if (bandwidth <= 0 || denseGflops <= 0 || sparseGflops <= 0) {
      emitError(getOperation().getLoc())
          << "la-select-formats: bandwidth, dense-gflops and sparse-gflops must be positive";
      return signalPassFailure();
    }
    FormatSelector selector(&getContext(),
                            Rates{bandwidth * 1e9, denseGflops * 1e9, sparseGflops * 1e9});
    selector.recordWrittenOperands(getOperation());
    for (func::FuncOp f : getOperation().getOps<func::FuncOp>())
      if (!f.isExternal())
        selector.runOnRegion(f.getBody());
    dropShapeOnlyConversions();
    numCSR = selector.numCSR;
    numDense = selector.numDense;
    numConversions = selector.numConversions;
  }
};

} // namespace
