//===- ReuseToRuntime.cpp - la.cached through liblauryn_rt's lineage cache -===//
//
// la.identity hashes an input (lauryn_rt_reuse_hash_*), la.lineage_key
// combines hashes, and la.cached becomes
//
//   %h = lauryn_rt_reuse_acquire(key, rows, cols, dtype, format)
//   scf.if %h != 0 { copy the cached value into a new buffer }
//   else { t0 = now; <body>; lauryn_rt_reuse_put_*(key, t0, height, value) }
//
// The runtime copies values in and out (docs/reuse.md): compiled code owns
// its buffers as always. Memrefs cross as MLIR C-interface descriptors, so
// any layout (a strided view of a sliced value) is accepted.
//
//===----------------------------------------------------------------------===//

#include "LoweringUtils.h"

#include "lauryn/Runtime/LaurynRuntime.h"

using namespace mlir;

namespace lauryn::la::lowering {
namespace {

/// liblauryn_rt's name suffix and dtype of a reusable element type.
std::pair<StringRef, int64_t> runtimeElement(Type element) {
  if (element.isF64())
    return {"f64", LAURYN_F64};
  if (element.isF32())
    return {"f32", LAURYN_F32};
  if (element.isInteger(64))
    return {"i64", LAURYN_I64};
  return {"i32", LAURYN_I32};
}

/// memref<?x?xT> with any strides and offset (what to_buffer may give).
MemRefType anyLayoutMatrix(Type element) {
  MLIRContext *ctx = element.getContext();
  int64_t dyn = ShapedType::kDynamic;
  return MemRefType::get({dyn, dyn}, element,
                         StridedLayoutAttr::get(ctx, dyn, ArrayRef<int64_t>{dyn, dyn}));
}

Value callRuntime(Lowering &l, StringRef name, TypeRange results, ValueRange args,
                  bool cInterface) {
  auto type = FunctionType::get(l.b.getContext(), args.getTypes(), results);
  func::FuncOp fn = declareRuntime(l.op, name, type, cInterface);
  auto call = func::CallOp::create(l.b, l.loc, fn, args);
  return results.empty() ? Value() : call.getResult(0);
}

/// A dense matrix tensor as a read-only buffer of any layout.
Value readOnlyBuffer(Lowering &l, Value tensor) {
  auto type = cast<RankedTensorType>(tensor.getType());
  auto dynamic = RankedTensorType::get({ShapedType::kDynamic, ShapedType::kDynamic},
                                       type.getElementType());
  if (type != dynamic)
    tensor = tensor::CastOp::create(l.b, l.loc, dynamic, tensor);
  return bufferization::ToBufferOp::create(l.b, l.loc, anyLayoutMatrix(type.getElementType()),
                                           tensor, /*read_only=*/true);
}

struct IdentityLowering : LAPattern<IdentityOp> {
  using LAPattern::LAPattern;
  LogicalResult matchAndRewrite(IdentityOp op, PatternRewriter &rewriter) const override {
    Lowering l = lowering(rewriter, op);
    Value input = op.getInput();
    Type i64 = rewriter.getI64Type();
    Value hash;
    if (auto type = dyn_cast<RankedTensorType>(input.getType())) {
      StringRef suffix = runtimeElement(type.getElementType()).first;
      if (Lowering::isCSR(type)) {
        CSRStorage s = csrStorage(rewriter, l.loc, input);
        hash = callRuntime(l, ("lauryn_rt_reuse_hash_csr_" + suffix).str(), i64,
                           {s.positions, s.coordinates, s.values, l.dim(input, 0),
                            l.dim(input, 1)},
                           true);
      } else {
        hash = callRuntime(l, ("lauryn_rt_reuse_hash_dense_" + suffix).str(), i64,
                           readOnlyBuffer(l, input), true);
      }
    } else {
      // A scalar's bits, tagged with its type (1.0 and 1 differ).
      Type scalar = input.getType();
      Value bits = input;
      if (scalar.isIndex())
        bits = arith::IndexCastOp::create(rewriter, l.loc, i64, input);
      else if (auto f = dyn_cast<FloatType>(scalar))
        bits = arith::BitcastOp::create(rewriter, l.loc,
                                        rewriter.getIntegerType(f.getWidth()), input);
      if (bits.getType() != i64)
        bits = arith::ExtUIOp::create(rewriter, l.loc, i64, bits);
      int64_t tag = scalar.isIndex()
                        ? 1
                        : 2 * int64_t(scalar.getIntOrFloatBitWidth()) + isa<FloatType>(scalar);
      Value tagValue = arith::ConstantIntOp::create(rewriter, l.loc, i64, tag);
      hash = callRuntime(l, "lauryn_rt_hash_combine", i64, {tagValue, bits}, false);
    }
    rewriter.replaceOp(op, hash);
    return success();
  }
};

struct LineageKeyLowering : LAPattern<LineageKeyOp> {
  using LAPattern::LAPattern;
  LogicalResult matchAndRewrite(LineageKeyOp op, PatternRewriter &rewriter) const override {
    Lowering l = lowering(rewriter, op);
    Type i64 = rewriter.getI64Type();
    Value key = arith::ConstantIntOp::create(rewriter, l.loc, i64, op.getLineage());
    for (Value input : op.getInputs())
      key = callRuntime(l, "lauryn_rt_hash_combine", i64, {key, input}, false);
    rewriter.replaceOp(op, key);
    return success();
  }
};

struct CachedLowering : LAPattern<CachedOp> {
  using LAPattern::LAPattern;
  LogicalResult matchAndRewrite(CachedOp op, PatternRewriter &rewriter) const override {
    Lowering l = lowering(rewriter, op);
    auto type = cast<RankedTensorType>(op.getResult().getType());
    Type element = type.getElementType();
    auto [suffix, dtype] = runtimeElement(element);
    bool csr = Lowering::isCSR(type);
    Type i64 = rewriter.getI64Type(), f64 = rewriter.getF64Type();
    Type index = rewriter.getIndexType();
    auto constant = [&](int64_t v) {
      return arith::ConstantIntOp::create(rewriter, l.loc, i64, v).getResult();
    };
    auto staticOr = [&](int64_t d) { return constant(ShapedType::isDynamic(d) ? -1 : d); };
    Value key = op.getKey();
    Value handle = callRuntime(
        l, "lauryn_rt_reuse_acquire", i64,
        {key, staticOr(type.getDimSize(0)), staticOr(type.getDimSize(1)), constant(dtype),
         constant(csr ? LAURYN_FORMAT_CSR : LAURYN_FORMAT_DENSE)},
        false);
    Value hit = arith::CmpIOp::create(rewriter, l.loc, arith::CmpIPredicate::ne, handle,
                                      constant(0));
    auto ifOp = scf::IfOp::create(rewriter, l.loc, TypeRange{type}, hit, /*withElse=*/true);

    // Hit: a copy of the cached value.
    rewriter.setInsertionPointToStart(&ifOp.getThenRegion().front());
    auto sizeOf = [&](StringRef what) {
      Value v = callRuntime(l, ("lauryn_rt_reuse_" + what).str(), i64, handle, false);
      return arith::IndexCastOp::create(rewriter, l.loc, index, v).getResult();
    };
    Value served;
    if (csr) {
      auto indexBuffer = MemRefType::get({ShapedType::kDynamic}, index);
      auto valueBuffer = MemRefType::get({ShapedType::kDynamic}, element);
      Value nnz = sizeOf("nnz");
      Value positions = memref::AllocOp::create(rewriter, l.loc, indexBuffer,
                                                ValueRange{l.index(type.getDimSize(0) + 1)});
      Value coordinates = memref::AllocOp::create(rewriter, l.loc, indexBuffer, ValueRange{nnz});
      Value values = memref::AllocOp::create(rewriter, l.loc, valueBuffer, ValueRange{nnz});
      callRuntime(l, ("lauryn_rt_reuse_take_csr_" + suffix).str(), {},
                  {handle, positions, coordinates, values}, true);
      served = sparse_tensor::AssembleOp::create(
          rewriter, l.loc, type,
          ValueRange{bufferAsTensor(rewriter, l.loc, positions),
                     bufferAsTensor(rewriter, l.loc, coordinates)},
          bufferAsTensor(rewriter, l.loc, values));
    } else {
      SmallVector<Value> sizes;
      if (type.isDynamicDim(0))
        sizes.push_back(sizeOf("rows"));
      if (type.isDynamicDim(1))
        sizes.push_back(sizeOf("cols"));
      auto bufferType = MemRefType::get(type.getShape(), element);
      Value buffer = memref::AllocOp::create(rewriter, l.loc, bufferType, sizes);
      Value view = memref::CastOp::create(
          rewriter, l.loc, MemRefType::get({ShapedType::kDynamic, ShapedType::kDynamic}, element),
          buffer);
      callRuntime(l, ("lauryn_rt_reuse_take_dense_" + suffix).str(), {}, {handle, view}, true);
      // Writable: a served value and the body's result share the scf.if's
      // alias set, and a read-only one would make every in-place write in
      // the body (a product into its zero-filled output) copy first.
      served = bufferAsTensor(rewriter, l.loc, buffer, /*writable=*/true);
    }
    scf::YieldOp::create(rewriter, l.loc, served);

    // Miss: the body, timed, then a copy into the cache.
    Block *elseBlock = &ifOp.getElseRegion().front();
    rewriter.setInsertionPointToStart(elseBlock);
    Value start = callRuntime(l, "lauryn_rt_reuse_now", f64, {}, false);
    rewriter.mergeBlocks(&op.getBody().front(), elseBlock);
    auto yield = cast<YieldOp>(elseBlock->getTerminator());
    Value value = yield.getValues()[0];
    rewriter.setInsertionPoint(yield);
    Value height = constant(op.getHeight());
    if (csr) {
      CSRStorage s = csrStorage(rewriter, l.loc, value);
      callRuntime(l, ("lauryn_rt_reuse_put_csr_" + suffix).str(), {},
                  {key, start, height, l.index(type.getDimSize(0)), l.index(type.getDimSize(1)),
                   s.positions, s.coordinates, s.values},
                  true);
    } else {
      callRuntime(l, ("lauryn_rt_reuse_put_dense_" + suffix).str(), {},
                  {key, start, height, readOnlyBuffer(l, value)}, true);
    }
    rewriter.replaceOpWithNewOp<scf::YieldOp>(yield, value);
    rewriter.replaceOp(op, ifOp.getResults());
    return success();
  }
};

} // namespace

void populateReusePatterns(RewritePatternSet &patterns, const LAToLinalgOptions &options) {
  patterns.add<IdentityLowering, LineageKeyLowering, CachedLowering>(patterns.getContext(),
                                                                      options);
}

} // namespace lauryn::la::lowering
