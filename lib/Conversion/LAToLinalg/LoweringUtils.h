//===- LoweringUtils.h - helpers of the la -> linalg patterns ---*- C++ -*-===//
//
// Private to lib/Conversion/LAToLinalg: building empty/filled tensors with the
// right dynamic sizes, run-time shape checks, and format (encoding) changes.
//
//===----------------------------------------------------------------------===//

#ifndef LAURYN_LIB_CONVERSION_LATOLINALG_LOWERINGUTILS_H
#define LAURYN_LIB_CONVERSION_LATOLINALG_LOWERINGUTILS_H

#include "lauryn/Conversion/LAToLinalg/Passes.h"
#include "lauryn/Conversion/LAToLinalg/ScalarSemantics.h"
#include "lauryn/Dialect/LA/IR/LAOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlowOps.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SparseTensor/IR/SparseTensor.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"

namespace lauryn::la::lowering {

/// Builder state of one la op's lowering.
struct Lowering {
  mlir::OpBuilder &b;
  mlir::Location loc;
  mlir::Operation *op;
  const LAToLinalgOptions &options;

  mlir::Value index(int64_t v);
  /// Size of dimension `d` of `tensor` (a constant when static).
  mlir::Value dim(mlir::Value tensor, int64_t d);
  /// tensor.empty of `type`; `sizes` holds both dimensions (only the dynamic
  /// ones are used).
  mlir::Value empty(mlir::RankedTensorType type, llvm::ArrayRef<mlir::Value> sizes);
  /// An empty tensor of `type` filled with `value`.
  mlir::Value filled(mlir::RankedTensorType type, llvm::ArrayRef<mlir::Value> sizes,
                     mlir::Value value);
  /// cf.assert(a == b) (index values) unless both are the same constant.
  void assertEqual(mlir::Value a, mlir::Value b, llvm::StringRef what);
  /// cf.assert(cond) with a message naming the op and its location.
  void check(mlir::Value cond, llvm::StringRef what);
  /// `value` without its sparse encoding (sparse_tensor.convert), or itself.
  mlir::Value densify(mlir::Value value);
  /// Element (0, 0) of a matrix (densified first): a 1x1 operand read as a scalar.
  mlir::Value firstElement(mlir::Value matrix);
  /// `value` converted to exactly `type` (encoding change), or itself.
  mlir::Value toType(mlir::Value value, mlir::Type type);
  /// `t` without encoding.
  static mlir::RankedTensorType dense(mlir::RankedTensorType t);
  static bool isSparse(mlir::Value v);
  /// CSR as the runtime stores it: (i : dense, j : compressed), ordered,
  /// unique, index-width positions and coordinates.
  static bool isCSR(mlir::Type t);
  /// Index -> element-type conversion (for counts in mean/var/seq).
  mlir::Value indexToElement(mlir::Value index, mlir::Type element);
  /// The sparse `value` without the zeros it stores, for results no kernel
  /// body can filter (keepNonZero): a count of the zeros, and a copy only
  /// when there are some.
  mlir::Value dropStoredZeros(mlir::Value value);
};

/// In the body of a kernel with a sparse result: `value`, stored only where
/// it is not zero (sparse_tensor.select). A sparse value never stores a zero
/// it computed, as in SystemDS and SciPy, so stored and implicit zeros agree
/// also where they meet NaN or Inf (0 * NaN contributes nothing).
mlir::Value keepNonZero(mlir::OpBuilder &b, mlir::Location loc, mlir::Value value);

/// Neutral element of an aggregation of `kind` in `type`.
mlir::Value aggregateInit(mlir::OpBuilder &b, mlir::Location loc, AggKind kind, mlir::Type type);
/// acc <- combine(acc, x) for one cell (reassociable float adds and muls).
mlir::Value aggregateCombine(mlir::OpBuilder &b, mlir::Location loc, AggKind kind, mlir::Value x,
                             mlir::Value acc);
/// x * y inside a reduction (reassociable float multiply, or an integer one).
mlir::Value reductionMul(mlir::OpBuilder &b, mlir::Location loc, mlir::Value x, mlir::Value y);
/// The storage buffers of a CSR matrix: row i's stored entries are
/// positions[i] .. positions[i+1], at columns coordinates[k] with values[k].
struct CSRStorage {
  mlir::Value positions, coordinates, values;
};
CSRStorage csrStorage(mlir::OpBuilder &b, mlir::Location loc, mlir::Value csr);
/// The private declaration of liblauryn_rt function `name`; with
/// `cInterface` it takes memrefs as descriptors (`_mlir_ciface_<name>`).
mlir::func::FuncOp declareRuntime(mlir::Operation *anchor, llvm::StringRef name,
                                  mlir::FunctionType type, bool cInterface = true);
/// The tensor of a buffer that compiled code allocated and filled
/// (bufferization.to_tensor, restrict: nothing else writes it). `writable`
/// lets bufferization update the buffer in place (it must be the program's
/// own fresh allocation).
mlir::Value bufferAsTensor(mlir::OpBuilder &b, mlir::Location loc, mlir::Value buffer,
                           bool writable = false);
/// Stored entries per row, rounded up (the work of a row when sizing chunks).
mlir::Value storedPerRow(mlir::OpBuilder &b, mlir::Location loc, const CSRStorage &storage,
                         mlir::Value rows);
/// The aggregation that combines partial aggregates of `kind`.
AggKind aggregateCombiner(AggKind kind);
/// One linalg.generic reducing `input` along `axis` (optionally minus a
/// broadcast `center`, squared, for var; a rank-0 center if `scalarCenter`).
mlir::Value reduceOnce(Lowering &l, mlir::Value input, Axis axis, AggKind kind, mlir::Type element,
                       mlir::Value center = {}, bool scalarCenter = false);
/// acc / n cell-wise, for a float tensor `acc` and a scalar `n` (means).
mlir::Value divideBy(Lowering &l, mlir::Value acc, mlir::Value n);
/// A fused operator of the row template, computed from `inputs` (its
/// operands, dense): its results.
llvm::SmallVector<mlir::Value> lowerRowTemplate(Lowering &l, FusedOp op, mlir::ValueRange inputs);

/// A * B for CSR `a` and `b` with static shapes and f64/f32 elements through
/// liblauryn_rt's two-phase SpGEMM kernel, as a CSR tensor of the operands'
/// static shape; a null value where the kernel does not apply.
mlir::Value emitRuntimeSpGEMM(Lowering &l, mlir::Value a, mlir::Value b);

void populateElementwisePatterns(mlir::RewritePatternSet &patterns,
                                 const LAToLinalgOptions &options);
void populateAggregatePatterns(mlir::RewritePatternSet &patterns,
                               const LAToLinalgOptions &options);
void populateReorganisationPatterns(mlir::RewritePatternSet &patterns,
                                    const LAToLinalgOptions &options);
void populateGeneratorPatterns(mlir::RewritePatternSet &patterns,
                               const LAToLinalgOptions &options);
void populateFusedPatterns(mlir::RewritePatternSet &patterns,
                           const LAToLinalgOptions &options);
void populateSolvePatterns(mlir::RewritePatternSet &patterns,
                           const LAToLinalgOptions &options);
void populateReusePatterns(mlir::RewritePatternSet &patterns,
                           const LAToLinalgOptions &options);

/// Base of the patterns: carries the options.
template <typename OpT>
struct LAPattern : mlir::OpRewritePattern<OpT> {
  LAPattern(mlir::MLIRContext *ctx, const LAToLinalgOptions &options)
      : mlir::OpRewritePattern<OpT>(ctx), options(options) {}
  Lowering lowering(mlir::PatternRewriter &rewriter, OpT op) const {
    return Lowering{rewriter, op.getLoc(), op.getOperation(), options};
  }
  LAToLinalgOptions options;
};

} // namespace lauryn::la::lowering

#endif // LAURYN_LIB_CONVERSION_LATOLINALG_LOWERINGUTILS_H
