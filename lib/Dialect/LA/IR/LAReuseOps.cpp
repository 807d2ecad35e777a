//===- LAReuseOps.cpp - la.identity and la.cached: verification -----------===//
//
// The ops la-insert-reuse places (docs/reuse.md). The lowering serves a cached
// value through liblauryn_rt's reuse entry points, which know the element
// types f64, f32, i64 and i32 and the dense and CSR formats; the verifiers
// reject anything else here rather than in generated code.
//
//===----------------------------------------------------------------------===//

#include "lauryn/Dialect/LA/IR/LAOps.h"

using namespace mlir;

namespace lauryn::la {

bool isReusableElementType(Type type) {
  return type.isF64() || type.isF32() || type.isInteger(64) || type.isInteger(32);
}

bool isReusableMatrixType(Type type) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  if (!tensor || tensor.getRank() != 2 || !isReusableElementType(tensor.getElementType()))
    return false;
  if (!tensor.getEncoding())
    return true;
  // CSR as the runtime stores it, with a static shape (sparse_tensor.assemble
  // rebuilds a served value and takes static shapes only).
  return isCSR(tensor) && tensor.hasStaticShape();
}

bool hasRuntimeIdentity(Type type) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  if (!tensor) // an index or an la scalar: its bits
    return type.isIndex() || type.isF64() || type.isF32() || type.isBF16() ||
           type.isSignlessInteger(64) || type.isSignlessInteger(32) || type.isSignlessInteger(8);
  return isReusableElementType(tensor.getElementType()) &&
         (!tensor.getEncoding() || isCSR(tensor));
}

LogicalResult IdentityOp::verify() {
  if (!hasRuntimeIdentity(getInput().getType()))
    return emitOpError("has no run-time identity for ")
           << getInput().getType() << " (dense or CSR, of f64, f32, i64 or i32)";
  return success();
}

LogicalResult CachedOp::verifyRegions() {
  auto yield = cast<YieldOp>(getBody().front().getTerminator());
  if (yield.getValues().size() != 1 || yield.getValues()[0].getType() != getResult().getType())
    return emitOpError("body must yield exactly one value of the result type ")
           << getResult().getType();
  if (!isReusableMatrixType(getResult().getType()))
    return emitOpError("cannot cache ")
           << getResult().getType()
           << " (dense, or CSR of a static shape, of f64, f32, i64 or i32)";
  // (The attribute's getter is unsigned.)
  if (int64_t height = getHeightAttr().getInt(); height < 0)
    return emitOpError("height must be non-negative, got ") << height;
  return success();
}

} // namespace lauryn::la
