//===- LoweringUtils.cpp - helpers of the la -> linalg patterns -----------===//

#include "LoweringUtils.h"

#include "mlir/IR/Matchers.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;

namespace lauryn::la::lowering {

CSRStorage csrStorage(OpBuilder &b, Location loc, Value csr) {
  auto indexBuffer = MemRefType::get({ShapedType::kDynamic}, b.getIndexType());
  auto valueBuffer = MemRefType::get({ShapedType::kDynamic},
                                     cast<RankedTensorType>(csr.getType()).getElementType());
  return {sparse_tensor::ToPositionsOp::create(b, loc, indexBuffer, csr, b.getIndexAttr(1)),
          sparse_tensor::ToCoordinatesOp::create(b, loc, indexBuffer, csr, b.getIndexAttr(1)),
          sparse_tensor::ToValuesOp::create(b, loc, valueBuffer, csr)};
}

Value bufferAsTensor(OpBuilder &b, Location loc, Value buffer) {
  auto type = cast<MemRefType>(buffer.getType());
  return bufferization::ToTensorOp::create(
      b, loc, RankedTensorType::get(type.getShape(), type.getElementType()), buffer,
      /*restrict=*/true, /*writable=*/false);
}

Value storedPerRow(OpBuilder &b, Location loc, const CSRStorage &storage, Value rows) {
  Value one = arith::ConstantIndexOp::create(b, loc, 1);
  return arith::CeilDivUIOp::create(
      b, loc, memref::LoadOp::create(b, loc, storage.positions, ValueRange{rows}),
      arith::MaxUIOp::create(b, loc, one, rows));
}

Value Lowering::index(int64_t v) { return arith::ConstantIndexOp::create(b, loc, v); }

Value Lowering::dim(Value tensor, int64_t d) {
  auto type = cast<RankedTensorType>(tensor.getType());
  if (!type.isDynamicDim(d))
    return index(type.getDimSize(d));
  // A format conversion keeps the sizes: ask its source. A size query of a
  // converted sparse value is a use that keeps the conversion alive after
  // its consumers died, which the sparse code generator failed to legalize
  // (difftest seed 57951, --no-optimize).
  // (Patterns see an la.convert operand not yet lowered, or its lowering.)
  while (true) {
    Value from;
    if (auto convert = tensor.getDefiningOp<ConvertOp>())
      from = convert.getInput();
    else if (auto convert = tensor.getDefiningOp<sparse_tensor::ConvertOp>())
      from = convert.getSource();
    auto source = from ? dyn_cast<RankedTensorType>(from.getType()) : RankedTensorType();
    // Only a dynamic size of the source: a constant here would make sizes
    // static that the callers build dynamic types from.
    if (!source || source.getRank() != type.getRank() || !source.isDynamicDim(d))
      break;
    tensor = from;
  }
  return tensor::DimOp::create(b, loc, tensor, d);
}

Value Lowering::empty(RankedTensorType type, ArrayRef<Value> sizes) {
  SmallVector<Value> dynamic;
  for (int64_t d = 0; d < type.getRank(); ++d)
    if (type.isDynamicDim(d))
      dynamic.push_back(sizes[d]);
  return tensor::EmptyOp::create(b, loc, type.getShape(), type.getElementType(), dynamic,
                                 type.getEncoding());
}

Value Lowering::filled(RankedTensorType type, ArrayRef<Value> sizes, Value value) {
  Value init = empty(type, sizes);
  return linalg::FillOp::create(b, loc, value, init).getResult(0);
}

void Lowering::check(Value cond, StringRef what) {
  if (!options.runtimeChecks)
    return;
  std::string message;
  llvm::raw_string_ostream os(message);
  os << "'" << op->getName() << "' at ";
  if (auto file = dyn_cast<FileLineColLoc>(loc))
    os << file.getFilename().getValue() << ":" << file.getLine() << ":" << file.getColumn();
  else
    os << loc;
  os << ": " << what;
  cf::AssertOp::create(b, loc, cond, message);
}

void Lowering::assertEqual(Value a, Value c, StringRef what) {
  APInt av, cv;
  if (matchPattern(a, m_ConstantInt(&av)) && matchPattern(c, m_ConstantInt(&cv)) && av == cv)
    return;
  if (a == c)
    return;
  check(arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, a, c), what);
}

RankedTensorType Lowering::dense(RankedTensorType t) {
  return RankedTensorType::get(t.getShape(), t.getElementType());
}

bool Lowering::isSparse(Value v) {
  auto t = dyn_cast<RankedTensorType>(v.getType());
  return t && t.getEncoding();
}

bool Lowering::isCSR(Type t) { return la::isCSR(t); }

Value Lowering::densify(Value value) {
  if (!isSparse(value))
    return value;
  return sparse_tensor::ConvertOp::create(
      b, loc, dense(cast<RankedTensorType>(value.getType())), value);
}

Value Lowering::toType(Value value, Type type) {
  if (value.getType() == type)
    return value;
  auto from = cast<RankedTensorType>(value.getType());
  auto to = cast<RankedTensorType>(type);
  if (from.getEncoding() == to.getEncoding())
    return tensor::CastOp::create(b, loc, to, value);
  // Change the static-ness first (if any), then the encoding.
  RankedTensorType sameShape =
      RankedTensorType::get(to.getShape(), from.getElementType(), from.getEncoding());
  if (sameShape != from) {
    if (from.getEncoding()) {
      value = densify(value);
      sameShape = dense(sameShape);
    }
    value = tensor::CastOp::create(b, loc, sameShape, value);
  }
  if (value.getType() == type)
    return value;
  return sparse_tensor::ConvertOp::create(b, loc, to, value);
}

Value Lowering::indexToElement(Value idx, Type element) {
  Value i64 = arith::IndexCastOp::create(b, loc, b.getI64Type(), idx);
  if (isa<FloatType>(element))
    return arith::SIToFPOp::create(b, loc, element, i64);
  if (element.getIntOrFloatBitWidth() < 64)
    return arith::TruncIOp::create(b, loc, element, i64);
  return i64;
}

} // namespace lauryn::la::lowering
