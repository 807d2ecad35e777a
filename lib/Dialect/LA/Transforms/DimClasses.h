//===- DimClasses.h - provably equal matrix dimensions ----------*- C++ -*-===//
//
// Private to lib/Dialect/LA/Transforms. la-fuse ties the dimensions of a row
// operator's inputs to one iteration space; with dynamic sizes it may do so
// only where the program itself makes them equal, or the fused code stops at
// a size check the unfused program passes (difftest seed 52209:
// max(X %*% v, w) with X 1 x 8 and w typed 1 x ? but 1 x 1).
//
//===----------------------------------------------------------------------===//

#ifndef LAURYN_LIB_DIALECT_LA_TRANSFORMS_DIMCLASSES_H
#define LAURYN_LIB_DIALECT_LA_TRANSFORMS_DIMCLASSES_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/ADT/DenseMap.h"

#include <utility>

namespace lauryn::la {

/// Classes of matrix dimensions (value, 0 = rows / 1 = columns) of a
/// function that hold the same size whenever it runs without a failed
/// run-time check: a static size, the operands of an element-wise op (in a
/// dimension not typed 1) and its result, an aggregate's input and result
/// along the kept dimension, a product's outer and inner sizes, a transpose,
/// a conversion, the common dimension of a bind.
class DimClasses {
public:
  using Dim = std::pair<mlir::Value, unsigned>;
  explicit DimClasses(mlir::func::FuncOp fn);
  /// True if all of `dims` provably have one size.
  bool allEqual(llvm::ArrayRef<Dim> dims) const;

private:
  using Key = std::pair<const void *, int64_t>; // (value, dim) or (null, static size)
  Key find(Key k) const;
  void unite(Key a, Key b);
  void unite(Dim a, Dim b) { unite(key(a), key(b)); }
  static Key key(Dim d) { return {d.first.getAsOpaquePointer(), d.second}; }
  void add(mlir::Value v);
  void visit(mlir::Operation *op);

  mutable llvm::DenseMap<Key, Key> parent;
};

} // namespace lauryn::la

#endif // LAURYN_LIB_DIALECT_LA_TRANSFORMS_DIMCLASSES_H
