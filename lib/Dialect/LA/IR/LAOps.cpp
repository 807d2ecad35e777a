//===- LAOps.cpp - la op verifiers and generated definitions --------------===//
//
// Ops with inferred results are verified through type inference
// (LATypeInference.cpp); the ops below take an explicit result type and check it
// here.
//
//===----------------------------------------------------------------------===//

#include "lauryn/Dialect/LA/IR/LAOps.h"

#include "LAOpSyntax.h"
#include "LATypeInference.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/Matchers.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/MathExtras.h"
#include <cmath>

using namespace mlir;
using namespace lauryn::la;

/// Shortest round-trippable text of a double for diagnostics ("0.5", "-1").
static std::string fmt(double v) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << llvm::format("%g", v);
  return s;
}

static bool hasValidEncoding(Type t) {
  auto tensor = dyn_cast<RankedTensorType>(t);
  return !tensor || !tensor.getEncoding() ||
         isa<sparse_tensor::SparseTensorEncodingAttr>(tensor.getEncoding());
}

static LogicalResult verifyEncodings(Operation *op) {
  for (Type t : llvm::concat<Type>(op->getOperandTypes(), op->getResultTypes()))
    if (!hasValidEncoding(t))
      return op->emitOpError("type ")
             << t << " has an encoding that is not a sparse_tensor encoding";
  return success();
}

static LogicalResult verifyDynamicSizes(Operation *op, RankedTensorType type,
                                        ValueRange sizes) {
  if (sizes.size() != size_t(type.getNumDynamicDims()))
    return op->emitOpError("expects one index operand per dynamic result "
                           "dimension: ")
           << type.getNumDynamicDims() << " dynamic, " << sizes.size()
           << " given";
  return success();
}

static bool dimsCompatible(RankedTensorType a, RankedTensorType b) {
  for (auto [da, db] : llvm::zip(a.getShape(), b.getShape()))
    if (da != db && !ShapedType::isDynamic(da) && !ShapedType::isDynamic(db))
      return false;
  return true;
}

LogicalResult ReshapeOp::verify() {
  if (failed(verifyEncodings(*this)))
    return failure();
  auto in = getInput().getType(), out = getResult().getType();
  if (in.getElementType() != out.getElementType())
    return emitOpError("changes the element type (")
           << in.getElementType() << " to " << out.getElementType()
           << "); use la.cast";
  if (failed(verifyDynamicSizes(*this, out, getDynamicSizes())))
    return failure();
  if (in.hasStaticShape() && out.hasStaticShape()) {
    int64_t inCells, outCells;
    if (llvm::MulOverflow(in.getDimSize(0), in.getDimSize(1), inCells) ||
        llvm::MulOverflow(out.getDimSize(0), out.getDimSize(1), outCells))
      return emitOpError("has more cells than fit in 64 bits");
    if (inCells != outCells)
      return emitOpError("cannot reshape ")
             << in.getDimSize(0) << "x" << in.getDimSize(1) << " (" << inCells
             << " cells) to " << out.getDimSize(0) << "x" << out.getDimSize(1) << " ("
             << outCells << " cells)";
  }
  return success();
}

LogicalResult CastOp::verify() {
  if (failed(verifyEncodings(*this)))
    return failure();
  auto inT = dyn_cast<RankedTensorType>(getInput().getType());
  auto outT = dyn_cast<RankedTensorType>(getResult().getType());
  if (inT && outT) {
    if (!dimsCompatible(inT, outT) || inT.getEncoding() != outT.getEncoding())
      return emitOpError("must keep shape and encoding: ")
             << inT << " vs " << outT;
    return success();
  }
  auto isOneByOne = [](RankedTensorType t, bool allowDynamic) {
    return llvm::all_of(t.getShape(), [&](int64_t d) {
      return d == 1 || (allowDynamic && ShapedType::isDynamic(d));
    });
  };
  if (inT && !isOneByOne(inT, /*allowDynamic=*/true))
    return emitOpError("can turn only a 1x1 matrix into a scalar, got ") << inT;
  if (outT && !isOneByOne(outT, /*allowDynamic=*/false))
    return emitOpError("can turn a scalar only into a 1x1 matrix, got ")
           << outT;
  return success();
}

LogicalResult ConvertOp::verify() {
  if (failed(verifyEncodings(*this)))
    return failure();
  auto in = getInput().getType(), out = getResult().getType();
  if (in.getElementType() != out.getElementType() || !dimsCompatible(in, out))
    return emitOpError("changes more than the encoding: ")
           << in << " vs " << out << "; use la.cast or la.reshape";
  return success();
}

LogicalResult FillOp::verify() {
  if (failed(verifyEncodings(*this)))
    return failure();
  if (getValue().getType() != getResult().getType().getElementType())
    return emitOpError("value type ")
           << getValue().getType() << " differs from the element type "
           << getResult().getType().getElementType();
  return verifyDynamicSizes(*this, getResult().getType(), getDynamicSizes());
}

LogicalResult SeqOp::verify() {
  if (failed(verifyEncodings(*this)))
    return failure();
  RankedTensorType out = getResult().getType();
  Type element = out.getElementType();
  for (Value v : {getFrom(), getTo(), getIncr()})
    if (v.getType() != element)
      return emitOpError("operand type ")
             << v.getType() << " differs from the element type " << element;
  if (out.getDimSize(1) != 1)
    return emitOpError("result must be a column vector (n x 1), got ") << out;
  FloatAttr ff, tf, incf;
  if (matchPattern(getIncr(), m_Constant(&incf)) && incf.getValue().isZero())
    return emitOpError("increment must be non-zero");
  IntegerAttr fi, ti, inci;
  if (matchPattern(getIncr(), m_Constant(&inci)) && inci.getValue().isZero())
    return emitOpError("increment must be non-zero");
  std::optional<double> from, to, incr;
  if (matchPattern(getFrom(), m_Constant(&ff)))
    from = ff.getValueAsDouble();
  else if (matchPattern(getFrom(), m_Constant(&fi)))
    from = double(fi.getValue().getSExtValue());
  if (matchPattern(getTo(), m_Constant(&tf)))
    to = tf.getValueAsDouble();
  else if (matchPattern(getTo(), m_Constant(&ti)))
    to = double(ti.getValue().getSExtValue());
  if (incf)
    incr = incf.getValueAsDouble();
  else if (inci)
    incr = double(inci.getValue().getSExtValue());
  for (auto [name, v] : {std::pair{"from", from}, {"to", to}, {"increment", incr}})
    if (v && !std::isfinite(*v))
      return emitOpError(name) << " must be finite, got " << fmt(*v);
  if (from && to && incr) {
    if ((*to - *from) * *incr < 0)
      return emitOpError("increment ") << fmt(*incr) << " does not lead from "
                                       << fmt(*from) << " to " << fmt(*to);
    int64_t n = int64_t(std::floor((*to - *from) / *incr)) + 1;
    if (!ShapedType::isDynamic(out.getDimSize(0)) && out.getDimSize(0) != n)
      return emitOpError("produces ") << n << " rows, but the result type has "
                                      << out.getDimSize(0);
  }
  return success();
}

LogicalResult RandOp::verify() {
  if (failed(verifyEncodings(*this)))
    return failure();
  RankedTensorType out = getResult().getType();
  if (!isa<FloatType>(out.getElementType()))
    return emitOpError("requires a floating-point result, got ") << out;
  for (auto [name, value] : {std::pair{"min", getMin()}, {"max", getMax()},
                             {"lambda", getLambda()}, {"sparsity", getSparsity()}})
    if (!value.isFinite())
      return emitOpError(name) << " must be finite, got " << fmt(value.convertToDouble());
  double sparsity = getSparsity().convertToDouble();
  if (!(sparsity >= 0.0 && sparsity <= 1.0))
    return emitOpError("sparsity must be in [0, 1], got ") << fmt(sparsity);
  if (getMin().convertToDouble() > getMax().convertToDouble())
    return emitOpError("min ") << fmt(getMin().convertToDouble())
                               << " exceeds max "
                               << fmt(getMax().convertToDouble());
  if (getDistribution() == Distribution::poisson &&
      !(getLambda().convertToDouble() > 0.0))
    return emitOpError("poisson lambda must be positive");
  return verifyDynamicSizes(*this, out, getDynamicSizes());
}

bool RandOp::isDeterministic() { return getSeed().has_value(); }

/// Without a seed, rand reads and advances a hidden random state: it must not
/// be merged, hoisted or removed as if pure. With a seed it is a pure function.
void RandOp::getEffects(
    SmallVectorImpl<SideEffects::EffectInstance<MemoryEffects::Effect>> &effects) {
  if (getSeed())
    return;
  effects.emplace_back(MemoryEffects::Read::get(), SideEffects::DefaultResource::get());
  effects.emplace_back(MemoryEffects::Write::get(), SideEffects::DefaultResource::get());
}

Speculation::Speculatability RandOp::getSpeculatability() {
  return getSeed() ? Speculation::Speculatable : Speculation::NotSpeculatable;
}

std::optional<uint64_t> RandOp::getLineageSeed() {
  if (auto seed = getSeed())
    return uint64_t(*seed);
  return std::nullopt;
}

//===----------------------------------------------------------------------===//
// Speculatability: value-dependent failures (singular matrix, bounds, a zero
// increment) must stay where the program put them; shape-dependent ones are
// reported eagerly (docs/design.md), so static shapes make these speculatable.
//===----------------------------------------------------------------------===//

static bool allStatic(Operation *op) {
  for (Type t : llvm::concat<Type>(op->getOperandTypes(), op->getResultTypes()))
    if (auto tensor = dyn_cast<RankedTensorType>(t); tensor && !tensor.hasStaticShape())
      return false;
  return true;
}

Speculation::Speculatability SliceOp::getSpeculatability() { return Speculation::NotSpeculatable; }
Speculation::Speculatability InsertOp::getSpeculatability() { return Speculation::NotSpeculatable; }
Speculation::Speculatability SolveOp::getSpeculatability() { return Speculation::NotSpeculatable; }
Speculation::Speculatability SeqOp::getSpeculatability() { return Speculation::NotSpeculatable; }
Speculation::Speculatability ReshapeOp::getSpeculatability() {
  return allStatic(*this) ? Speculation::Speculatable : Speculation::NotSpeculatable;
}
Speculation::Speculatability CastOp::getSpeculatability() {
  return allStatic(*this) ? Speculation::Speculatable : Speculation::NotSpeculatable;
}

#define GET_OP_CLASSES
#include "lauryn/Dialect/LA/IR/LAOps.cpp.inc"

namespace lauryn::la {

Attribute getCSREncoding(MLIRContext *context) {
  return sparse_tensor::SparseTensorEncodingAttr::get(
      context, {sparse_tensor::LevelFormat::Dense, sparse_tensor::LevelFormat::Compressed});
}

bool isCSREncoding(Attribute encoding) {
  auto enc = dyn_cast_or_null<sparse_tensor::SparseTensorEncodingAttr>(encoding);
  if (!enc || !enc.isIdentity() || enc.getLvlRank() != 2 || enc.getPosWidth() != 0 ||
      enc.getCrdWidth() != 0)
    return false;
  ArrayRef<sparse_tensor::LevelType> lvls = enc.getLvlTypes();
  return sparse_tensor::isDenseLT(lvls[0]) && sparse_tensor::isCompressedLT(lvls[1]) &&
         sparse_tensor::isOrderedLT(lvls[1]) && sparse_tensor::isUniqueLT(lvls[1]);
}

bool isCSR(Type t) {
  auto tensor = dyn_cast<RankedTensorType>(t);
  return tensor && isCSREncoding(tensor.getEncoding());
}

} // namespace lauryn::la
