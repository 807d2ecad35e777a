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

func::FuncOp declareRuntime(Operation *anchor, StringRef name, FunctionType type,
                           bool cInterface) {
  auto module = anchor->getParentOfType<ModuleOp>();
  if (auto fn = module.lookupSymbol<func::FuncOp>(name))
    return fn;
  OpBuilder b = OpBuilder::atBlockBegin(module.getBody());
  auto fn = func::FuncOp::create(b, module.getLoc(), name, type);
  fn.setPrivate();
  if (cInterface)
    fn->setAttr("llvm.emit_c_interface", b.getUnitAttr());
  return fn;
}

Value bufferAsTensor(OpBuilder &b, Location loc, Value buffer, bool writable) {
  auto type = cast<MemRefType>(buffer.getType());
  return bufferization::ToTensorOp::create(
      b, loc, RankedTensorType::get(type.getShape(), type.getElementType()), buffer,
      /*restrict=*/true, writable);
}

Value storedPerRow(OpBuilder &b, Location loc, const CSRStorage &storage, Value rows) {
  Value one = arith::ConstantIndexOp::create(b, loc, 1);
  return arith::CeilDivUIOp::create(
      b, loc, memref::LoadOp::create(b, loc, storage.positions, ValueRange{rows}),
      arith::MaxUIOp::create(b, loc, one, rows));
}

Value keepNonZero(OpBuilder &b, Location loc, Value value) {
  Type type = value.getType();
  auto select = sparse_tensor::SelectOp::create(b, loc, type, value);
  OpBuilder::InsertionGuard guard(b);
  Block *block = b.createBlock(&select.getRegion(), {}, {type}, {loc});
  // NaN is kept; -0 is dropped like +0.
  sparse_tensor::YieldOp::create(b, loc, isNonZero(b, loc, block->getArgument(0)));
  return select.getResult();
}

/// The static CSR `csr` without its zeros (`kept` entries remain): rows are
/// copied entry by entry, skipping zeros, into new buffers that
/// sparse_tensor.assemble takes over.
static Value compactCSR(Lowering &l, Value csr, Value kept) {
  OpBuilder &b = l.b;
  Location loc = l.loc;
  auto type = cast<RankedTensorType>(csr.getType());
  CSRStorage from = csrStorage(b, loc, csr);
  Value c0 = l.index(0), c1 = l.index(1), rows = l.index(type.getDimSize(0));
  auto indexBuffer = MemRefType::get({ShapedType::kDynamic}, b.getIndexType());
  auto valueBuffer = MemRefType::get({ShapedType::kDynamic}, type.getElementType());
  Value positions = memref::AllocOp::create(b, loc, indexBuffer,
                                            ValueRange{arith::AddIOp::create(b, loc, rows, c1)});
  Value coordinates = memref::AllocOp::create(b, loc, indexBuffer, ValueRange{kept});
  Value values = memref::AllocOp::create(b, loc, valueBuffer, ValueRange{kept});
  memref::StoreOp::create(b, loc, kept, positions, ValueRange{rows});
  scf::ForOp::create(
      b, loc, c0, rows, c1, ValueRange{c0},
      [&](OpBuilder &b, Location loc, Value i, ValueRange written) {
        memref::StoreOp::create(b, loc, written[0], positions, ValueRange{i});
        Value begin = memref::LoadOp::create(b, loc, from.positions, ValueRange{i});
        Value end = memref::LoadOp::create(
            b, loc, from.positions, ValueRange{arith::AddIOp::create(b, loc, i, c1)});
        auto row = scf::ForOp::create(
            b, loc, begin, end, c1, written,
            [&](OpBuilder &b, Location loc, Value k, ValueRange w) {
              Value v = memref::LoadOp::create(b, loc, from.values, ValueRange{k});
              auto store = scf::IfOp::create(
                  b, loc, isNonZero(b, loc, v),
                  [&](OpBuilder &b, Location loc) {
                    Value j = memref::LoadOp::create(b, loc, from.coordinates, ValueRange{k});
                    memref::StoreOp::create(b, loc, j, coordinates, ValueRange{w[0]});
                    memref::StoreOp::create(b, loc, v, values, ValueRange{w[0]});
                    scf::YieldOp::create(b, loc, ValueRange{arith::AddIOp::create(b, loc, w[0], c1)});
                  },
                  [&](OpBuilder &b, Location loc) { scf::YieldOp::create(b, loc, w[0]); });
              scf::YieldOp::create(b, loc, store.getResults());
            });
        scf::YieldOp::create(b, loc, row.getResults());
      });
  return sparse_tensor::AssembleOp::create(
      b, loc, type,
      ValueRange{bufferAsTensor(b, loc, positions), bufferAsTensor(b, loc, coordinates)},
      bufferAsTensor(b, loc, values));
}

Value Lowering::dropStoredZeros(Value value) {
  auto type = cast<RankedTensorType>(value.getType());
  Type element = type.getElementType();
  // Zeros are rare (sums that cancel, products that underflow): count them
  // first, and copy only when there are some.
  Value c0 = index(0), c1 = index(1);
  Value entries = sparse_tensor::NumberOfEntriesOp::create(b, loc, value);
  Value stored = sparse_tensor::ToValuesOp::create(
      b, loc, MemRefType::get({ShapedType::kDynamic}, element), value);
  Value zeros =
      scf::ForOp::create(
          b, loc, c0, entries, c1, ValueRange{c0},
          [&](OpBuilder &b, Location loc, Value k, ValueRange count) {
            Value v = memref::LoadOp::create(b, loc, stored, ValueRange{k});
            Value add = arith::SelectOp::create(b, loc, isNonZero(b, loc, v), c0, c1);
            scf::YieldOp::create(b, loc, ValueRange{arith::AddIOp::create(b, loc, count[0], add)});
          })
          .getResult(0);
  Value any = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne, zeros, c0);
  auto ifOp = scf::IfOp::create(
      b, loc, any,
      [&](OpBuilder &nb, Location nl) {
        Lowering inner{nb, nl, op, options};
        Value kept = arith::SubIOp::create(nb, nl, entries, zeros);
        Value result;
        if (isCSR(type) && type.hasStaticShape()) {
          result = compactCSR(inner, value, kept);
        } else {
          // Other formats and shapes: an identity sparse kernel that keeps
          // the non-zeros (slower: the sparsifier inserts entry by entry).
          MLIRContext *ctx = nb.getContext();
          AffineMap id = AffineMap::getMultiDimIdentityMap(type.getRank(), ctx);
          SmallVector<utils::IteratorType> iterators(type.getRank(),
                                                     utils::IteratorType::parallel);
          SmallVector<Value> sizes;
          for (int64_t d = 0; d < type.getRank(); ++d)
            sizes.push_back(inner.dim(value, d));
          result = linalg::GenericOp::create(
                       nb, nl, TypeRange{type}, ValueRange{value},
                       ValueRange{inner.empty(type, sizes)}, ArrayRef{id, id}, iterators,
                       [&](OpBuilder &kb, Location kl, ValueRange args) {
                         linalg::YieldOp::create(kb, kl, keepNonZero(kb, kl, args[0]));
                       })
                       .getResult(0);
        }
        scf::YieldOp::create(nb, nl, result);
      },
      [&](OpBuilder &nb, Location nl) { scf::YieldOp::create(nb, nl, value); });
  return ifOp.getResult(0);
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

Value Lowering::firstElement(Value matrix) {
  Value zero = index(0);
  return tensor::ExtractOp::create(b, loc, densify(matrix), ValueRange{zero, zero});
}

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
