//===- LinalgToBlas.cpp - dense matrix products as OpenBLAS calls ---------===//

#include "lauryn/Conversion/LinalgToBlas/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/SymbolTable.h"

namespace lauryn {
#define GEN_PASS_DEF_CONVERTLINALGTOBLASPASS
#include "lauryn/Conversion/LinalgToBlas/Passes.h.inc"
} // namespace lauryn

using namespace mlir;

namespace {

/// The zero-filling linalg.fill of `c` right before `op`, if any.
linalg::FillOp zeroFillBefore(linalg::MatmulOp op, Value c) {
  auto fill = dyn_cast_or_null<linalg::FillOp>(op->getPrevNode());
  if (!fill || fill.getDpsInits()[0] != c)
    return {};
  auto value = fill.getInputs()[0].getDefiningOp<arith::ConstantOp>();
  auto f = value ? dyn_cast<FloatAttr>(value.getValue()) : FloatAttr();
  if (!f || !f.getValue().isZero())
    return {};
  return fill;
}

/// memref<?x?xT, strided<[?, 1], offset: ?>>: any 2-D buffer with contiguous rows.
MemRefType rowContiguous(Type element) {
  MLIRContext *ctx = element.getContext();
  int64_t dyn = ShapedType::kDynamic;
  auto layout = StridedLayoutAttr::get(ctx, dyn, {dyn, 1});
  return MemRefType::get({dyn, dyn}, element, layout);
}

bool hasContiguousRows(Value v) {
  auto type = dyn_cast<MemRefType>(v.getType());
  if (!type || type.getRank() != 2)
    return false;
  SmallVector<int64_t> strides;
  int64_t offset;
  if (failed(type.getStridesAndOffset(strides, offset)))
    return false;
  return strides[1] == 1;
}

/// The private declaration of the runtime's kernel for `element`: C += A B,
/// or C = A B (`overwrite`, when C was just zero-filled).
func::FuncOp declareKernel(ModuleOp module, Type element, bool overwrite) {
  std::string name = std::string(overwrite ? "lauryn_rt_gemm_set_" : "lauryn_rt_gemm_") +
                     (element.isF64() ? "f64" : "f32");
  if (auto fn = module.lookupSymbol<func::FuncOp>(name))
    return fn;
  OpBuilder b = OpBuilder::atBlockBegin(module.getBody());
  MemRefType m = rowContiguous(element);
  auto fn = func::FuncOp::create(b, module.getLoc(), name,
                                 b.getFunctionType({m, m, m}, {}));
  fn.setPrivate();
  fn->setAttr("llvm.emit_c_interface", b.getUnitAttr());
  return fn;
}

struct ConvertLinalgToBlasPass
    : lauryn::impl::ConvertLinalgToBlasPassBase<ConvertLinalgToBlasPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<linalg::MatmulOp> matmuls;
    module.walk([&](linalg::MatmulOp op) {
      if (!op.hasPureBufferSemantics())
        return;
      Type element = cast<MemRefType>(op.getDpsInits()[0].getType()).getElementType();
      if (!element.isF64() && !element.isF32())
        return;
      // Default (C += A B) semantics only: no casts, no custom indexing maps.
      if (!op.hasUserDefinedMaps() && llvm::all_of(op->getOperands(), hasContiguousRows))
        if (llvm::all_of(op->getOperandTypes(), [&](Type t) {
              return cast<MemRefType>(t).getElementType() == element;
            }))
          matmuls.push_back(op);
    });
    for (linalg::MatmulOp op : matmuls) {
      Type element = cast<MemRefType>(op.getDpsInits()[0].getType()).getElementType();
      // C = 0; C += A B  ->  C = A B: BLAS overwrites C (beta = 0).
      linalg::FillOp fill = zeroFillBefore(op, op.getDpsInits()[0]);
      if (fill)
        fill.erase();
      func::FuncOp kernel = declareKernel(module, element, /*overwrite=*/bool(fill));
      OpBuilder b(op);
      SmallVector<Value> args;
      for (Value v : op->getOperands())
        args.push_back(v.getType() == rowContiguous(element)
                           ? v
                           : Value(memref::CastOp::create(b, op.getLoc(), rowContiguous(element), v)));
      func::CallOp::create(b, op.getLoc(), kernel, args);
      op.erase();
      ++numCalls;
    }
  }
};

} // namespace
