//===- SpGEMMToRuntime.cpp - CSR products through liblauryn_rt ------------===//
//
// The sparsifier's SpGEMM inserts every result entry through a generic insert
// call, whose buffer bookkeeping dominates its run time. For CSR operands of
// static shapes the product instead calls the runtime's two-phase kernel
// (lib/Runtime/SpGEMM.cpp) on chunks of rows in parallel: the symbolic phase
// sizes the result, compiled code allocates exactly nnz coordinates and
// values, the numeric phase fills them,
// and sparse_tensor.assemble wraps the three buffers without a copy (it takes
// static shapes only; dynamic shapes keep the sparsifier's kernel).
//
//===----------------------------------------------------------------------===//

#include "LoweringUtils.h"

using namespace mlir;

namespace lauryn::la::lowering {

Value emitRuntimeSpGEMM(Lowering &l, Value a, Value b) {
  auto at = cast<RankedTensorType>(a.getType()), bt = cast<RankedTensorType>(b.getType());
  Type element = at.getElementType();
  if (!l.options.runtimeSpGEMM || !Lowering::isCSR(at) || !Lowering::isCSR(bt) ||
      !at.hasStaticShape() || !bt.hasStaticShape() || bt.getElementType() != element ||
      !(element.isF64() || element.isF32()))
    return {};
  OpBuilder &builder = l.b;
  Location loc = l.loc;
  MLIRContext *ctx = builder.getContext();
  Type index = builder.getIndexType();
  auto indexBuffer = MemRefType::get({ShapedType::kDynamic}, index);
  auto valueBuffer = MemRefType::get({ShapedType::kDynamic}, element);
  auto [aPos, aCrd, aVal] = csrStorage(builder, loc, a);
  auto [bPos, bCrd, bVal] = csrStorage(builder, loc, b);
  int64_t rows = at.getDimSize(0), cols = bt.getDimSize(1);
  Value colsValue = l.index(cols), rowsValue = l.index(rows);
  Value c0 = l.index(0), c1 = l.index(1);

  // Both phases run on chunks of rows in parallel (an scf.parallel that the
  // CPU pipeline turns into an OpenMP loop). Each chunk initializes
  // workspaces of `cols` entries, so chunks are at most 32, hold at least 512
  // rows, and at least cols / 8 entries of A.
  Value aEntries = memref::LoadOp::create(builder, loc, aPos, ValueRange{rowsValue});
  Value byWork = arith::DivUIOp::create(
      builder, loc, arith::MulIOp::create(builder, loc, aEntries, l.index(8)),
      l.index(std::max<int64_t>(cols, 1)));
  Value chunks = arith::MinUIOp::create(builder, loc, l.index(std::min<int64_t>(32, rows / 512)),
                                        byWork);
  chunks = arith::MaxUIOp::create(builder, loc, chunks, c1);
  auto forEachChunk = [&](llvm::function_ref<void(Value, Value)> body) {
    scf::ParallelOp::create(
        builder, loc, ValueRange{c0}, ValueRange{chunks}, ValueRange{c1},
        [&](OpBuilder &nested, Location nestedLoc, ValueRange ivs) {
          auto rowOf = [&](Value chunk) {
            Value scaled = arith::MulIOp::create(nested, nestedLoc, chunk, rowsValue);
            return arith::DivUIOp::create(nested, nestedLoc, scaled, chunks).getResult();
          };
          Value next = arith::AddIOp::create(nested, nestedLoc, ivs[0], c1);
          OpBuilder::InsertionGuard guard(builder);
          builder.setInsertionPoint(nested.getInsertionBlock(), nested.getInsertionPoint());
          body(rowOf(ivs[0]), rowOf(next));
          scf::ReduceOp::create(builder, nestedLoc);
        });
  };

  // Symbolic phase: the entries per row, then C's positions.
  Value cPos = memref::AllocOp::create(builder, loc, indexBuffer, ValueRange{l.index(rows + 1)});
  func::FuncOp count = declareRuntime(
      l.op, "lauryn_rt_spgemm_count",
      FunctionType::get(
          ctx, {indexBuffer, indexBuffer, indexBuffer, indexBuffer, indexBuffer, index, index, index},
          {}));
  forEachChunk([&](Value begin, Value end) {
    func::CallOp::create(builder, loc, count,
                         ValueRange{aPos, aCrd, bPos, bCrd, cPos, colsValue, begin, end});
  });
  func::FuncOp positions = declareRuntime(l.op, "lauryn_rt_spgemm_positions",
                                          FunctionType::get(ctx, {indexBuffer}, {}));
  func::CallOp::create(builder, loc, positions, ValueRange{cPos});
  Value nnz = memref::LoadOp::create(builder, loc, cPos, ValueRange{rowsValue});

  // Numeric phase into exactly sized coordinates and values.
  Value cCrd = memref::AllocOp::create(builder, loc, indexBuffer, ValueRange{nnz});
  Value cVal = memref::AllocOp::create(builder, loc, valueBuffer, ValueRange{nnz});
  func::FuncOp numeric = declareRuntime(
      l.op, element.isF64() ? "lauryn_rt_spgemm_numeric_f64" : "lauryn_rt_spgemm_numeric_f32",
      FunctionType::get(ctx,
                        {indexBuffer, indexBuffer, valueBuffer, indexBuffer, indexBuffer,
                         valueBuffer, indexBuffer, indexBuffer, valueBuffer, index, index, index},
                        {}));
  forEachChunk([&](Value begin, Value end) {
    func::CallOp::create(
        builder, loc, numeric,
        ValueRange{aPos, aCrd, aVal, bPos, bCrd, bVal, cPos, cCrd, cVal, colsValue, begin, end});
  });

  auto asTensor = [&](Value buffer) { return bufferAsTensor(builder, loc, buffer); };
  auto resultType = RankedTensorType::get({rows, cols}, element, at.getEncoding());
  return sparse_tensor::AssembleOp::create(builder, loc, resultType,
                                           ValueRange{asTensor(cPos), asTensor(cCrd)},
                                           asTensor(cVal));
}

} // namespace lauryn::la::lowering
