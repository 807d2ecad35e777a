//===- ShapeRefinement.h - static shapes of a function's values -*- C++ -*-===//
//
// Private to lib/Dialect/LA/Transforms. The JIT specializes a program's
// arguments to their shapes, not the types of the values computed from them
// (`t(X)` stays ?x?). Passes that need sizes (reuse costs and cached types,
// fusion legality) read them from a scratch copy of the function whose
// values have the most static types their operands imply.
//
//===----------------------------------------------------------------------===//

#ifndef LAURYN_LIB_DIALECT_LA_TRANSFORMS_SHAPEREFINEMENT_H
#define LAURYN_LIB_DIALECT_LA_TRANSFORMS_SHAPEREFINEMENT_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/ADT/DenseMap.h"

namespace lauryn::la {

/// A scratch copy of a function whose values have the most static types
/// their operands imply: the JIT specializes the arguments' shapes only, and
/// the cost rule needs sizes (`exact = false`: slices sized as an upper
/// bound), cached values and fusion legality the types the values have
/// (`exact`). Ops of the
/// function map to their copies.
class ShapedCopy {
public:
  ShapedCopy(mlir::func::FuncOp fn, bool exact);
  ~ShapedCopy();
  ShapedCopy(const ShapedCopy &) = delete;
  ShapedCopy &operator=(const ShapedCopy &) = delete;
  /// The copy of `op` (null for an op created after the copy).
  mlir::Operation *of(mlir::Operation *op) const { return copies.lookup(op); }
  /// The copy of `v` (null for a value created after the copy).
  mlir::Value valueOf(mlir::Value v) const;
  /// The refined copy of the function.
  mlir::func::FuncOp function() const { return copy; }

private:
  mlir::Operation *fn;
  mutable mlir::func::FuncOp copy;
  llvm::DenseMap<mlir::Operation *, mlir::Operation *> copies;
};

} // namespace lauryn::la

#endif // LAURYN_LIB_DIALECT_LA_TRANSFORMS_SHAPEREFINEMENT_H
