//===- EntryBoundary.cpp - rewrites for the entry calling convention ------===//

#include "EntryBoundary.h"

#include "lauryn/Dialect/LA/IR/LAOps.h"
#include "lauryn/Execution/EntryPoint.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SparseTensor/IR/SparseTensor.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/SymbolTable.h"

using namespace mlir;

namespace lauryn {

llvm::Error redirectCallers(func::FuncOp fn) {
  auto module = fn->getParentOfType<ModuleOp>();
  if (SymbolTable::symbolKnownUseEmpty(fn, module))
    return llvm::Error::success();
  auto generic = cast<func::FuncOp>(fn->clone());
  std::string name = fn.getName().str() + "__generic";
  generic.setName(name);
  generic.setPrivate();
  OpBuilder(fn).insert(generic);
  if (failed(SymbolTable::replaceAllSymbolUses(fn, generic.getNameAttr(), module)))
    return llvm::createStringError("cannot redirect the calls of @" + fn.getName().str());
  return llvm::Error::success();
}

llvm::Error widenBoundaryTypes(func::FuncOp fn) {
  SmallVector<Type> inputs, results;
  for (Type t : fn.getArgumentTypes())
    inputs.push_back(boundaryType(t));
  for (Type t : fn.getResultTypes())
    results.push_back(boundaryType(t));
  if (TypeRange(inputs) == fn.getArgumentTypes() && TypeRange(results) == fn.getResultTypes())
    return llvm::Error::success();
  if (llvm::Error err = redirectCallers(fn))
    return err;
  Block &entry = fn.getBody().front();
  OpBuilder b = OpBuilder::atBlockBegin(&entry);
  for (auto [arg, wide] : llvm::zip(entry.getArguments(), inputs)) {
    Type declared = arg.getType();
    if (wide == declared)
      continue;
    arg.setType(wide);
    auto narrow = la::CastOp::create(b, fn.getLoc(), declared, arg);
    arg.replaceAllUsesExcept(narrow, narrow);
  }
  fn.walk([&](func::ReturnOp ret) {
    OpBuilder rb(ret);
    for (OpOperand &operand : ret->getOpOperands()) {
      Type wide = results[operand.getOperandNumber()];
      if (wide != operand.get().getType())
        operand.set(la::CastOp::create(rb, ret.getLoc(), wide, operand.get()));
    }
  });
  fn.setFunctionType(FunctionType::get(fn.getContext(), inputs, results));
  return llvm::Error::success();
}

void insertDynamicSparseParameters(func::FuncOp fn) {
  MLIRContext *ctx = fn.getContext();
  Block &entry = fn.getBody().front();
  Type index = IndexType::get(ctx);
  for (unsigned i = fn.getNumArguments(); i-- > 0;) {
    auto type = dyn_cast<RankedTensorType>(fn.getArgumentTypes()[i]);
    if (!type || !sparse_tensor::getSparseTensorEncoding(type) || type.hasStaticShape())
      continue;
    Location loc = fn.getArgument(i).getLoc();
    auto buffer = [](Type element) {
      return RankedTensorType::get({ShapedType::kDynamic}, element);
    };
    SmallVector<Type> types{buffer(index), buffer(index), buffer(type.getElementType()), index,
                            index};
    SmallVector<unsigned> at(types.size(), i + 1);
    SmallVector<DictionaryAttr> attrs(types.size(), DictionaryAttr::get(ctx));
    SmallVector<Location> locs(types.size(), loc);
    if (failed(fn.insertArguments(at, types, attrs, locs)))
      continue; // cannot happen for a function with a body
    Value positions = entry.getArgument(i + 1), coordinates = entry.getArgument(i + 2),
          values = entry.getArgument(i + 3);
    Value sizes[2] = {entry.getArgument(i + 4), entry.getArgument(i + 5)};

    // for r in rows: for k in positions[r] .. positions[r+1]:
    //   S[r, coordinates[k]] = values[k]      (in order: appends to CSR)
    OpBuilder b = OpBuilder::atBlockBegin(&entry);
    Value c0 = arith::ConstantIndexOp::create(b, loc, 0);
    Value c1 = arith::ConstantIndexOp::create(b, loc, 1);
    SmallVector<Value> dynamicSizes;
    for (int d = 0; d < 2; ++d) {
      if (type.isDynamicDim(d))
        dynamicSizes.push_back(sizes[d]);
      else
        sizes[d] = arith::ConstantIndexOp::create(b, loc, type.getDimSize(d));
    }
    Value empty = tensor::EmptyOp::create(b, loc, type, dynamicSizes);
    auto rowLoop = scf::ForOp::create(
        b, loc, c0, sizes[0], c1, ValueRange{empty},
        [&](OpBuilder &rb, Location l, Value row, ValueRange rowIter) {
          Value next = arith::AddIOp::create(rb, l, row, c1);
          Value lo = tensor::ExtractOp::create(rb, l, positions, ValueRange{row});
          Value hi = tensor::ExtractOp::create(rb, l, positions, ValueRange{next});
          auto entryLoop = scf::ForOp::create(
              rb, l, lo, hi, c1, rowIter,
              [&](OpBuilder &eb, Location el, Value k, ValueRange iter) {
                Value col = tensor::ExtractOp::create(eb, el, coordinates, ValueRange{k});
                Value value = tensor::ExtractOp::create(eb, el, values, ValueRange{k});
                Value inserted =
                    tensor::InsertOp::create(eb, el, value, iter[0], ValueRange{row, col});
                scf::YieldOp::create(eb, el, inserted);
              });
          scf::YieldOp::create(rb, l, entryLoop.getResults());
        });
    Value built =
        sparse_tensor::LoadOp::create(b, loc, rowLoop.getResult(0), /*hasInserts=*/true);
    fn.getArgument(i).replaceAllUsesWith(built);
    (void)fn.eraseArgument(i);
  }
}

void appendSparseResultSizes(func::FuncOp fn) {
  SmallVector<Type> resultTypes;
  for (Type t : fn.getResultTypes()) {
    resultTypes.push_back(t);
    if (sparse_tensor::getSparseTensorEncoding(t))
      resultTypes.append(2, IndexType::get(fn.getContext()));
  }
  if (resultTypes.size() == fn.getNumResults())
    return;
  fn.walk([&](func::ReturnOp ret) {
    OpBuilder b(ret);
    SmallVector<Value> values;
    for (Value v : ret.getOperands()) {
      values.push_back(v);
      if (!sparse_tensor::getSparseTensorEncoding(v.getType()))
        continue;
      for (int64_t d = 0; d < 2; ++d)
        values.push_back(tensor::DimOp::create(b, ret.getLoc(), v, d));
    }
    ret->setOperands(values);
  });
  fn.setFunctionType(FunctionType::get(fn.getContext(), fn.getArgumentTypes(), resultTypes));
}

} // namespace lauryn
