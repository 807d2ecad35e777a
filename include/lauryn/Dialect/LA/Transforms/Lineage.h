//===- Lineage.h - structural lineage hashes of values ----------*- C++ -*-===//
//
// Lineage IDs identify the computation that produced a value (LIMA, SIGMOD'21):
// a 64-bit xxh3 hash over op name, result index and type, inherent attributes,
// operand lineage (sorted for commutative ops), seeds, and nested regions. See
// the description of la-assign-lineage in Passes.td for the exact rules.
//
//===----------------------------------------------------------------------===//

#ifndef LAURYN_DIALECT_LA_TRANSFORMS_LINEAGE_H
#define LAURYN_DIALECT_LA_TRANSFORMS_LINEAGE_H

#include "mlir/IR/Operation.h"
#include "mlir/IR/SymbolTable.h"
#include "llvm/ADT/DenseMap.h"

namespace lauryn::la {

class LineageHasher {
public:
  LineageHasher() = default;

  /// Lineage of `value` (memoized).
  uint64_t get(mlir::Value value);
  /// True if `op` always computes the same results from the same operands and
  /// has no side effects (such ops may be merged and hoisted).
  bool isMergeable(mlir::Operation *op);
  /// Treats `value` as an input whose lineage is `hash` (set before the first
  /// get of a value derived from it): la-insert-reuse numbers the inputs a
  /// cached value derives from, so that its lineage is the same in every
  /// function and loop.
  void assumeLineage(mlir::Value value, uint64_t hash) { valueHashes[value] = hash; }
  /// The lineage of the `position`-th input of type `type`.
  static uint64_t inputLineage(unsigned position, mlir::Type type);

private:
  uint64_t hashOp(mlir::Operation *op);
  uint64_t hashBlockArgument(mlir::BlockArgument arg);
  bool isRecursive(mlir::Operation *callee);
  uint64_t hashRegion(mlir::Region &region);
  uint64_t hashCallee(mlir::Operation *call, bool &pure);
  bool isDeterministic(mlir::Operation *op);

  mlir::SymbolTableCollection symbols;
  llvm::DenseMap<mlir::Value, uint64_t> valueHashes;
  llvm::DenseMap<mlir::Operation *, uint64_t> opHashes;
  llvm::DenseMap<mlir::Operation *, std::pair<uint64_t, bool>> calleeHashes;
  llvm::DenseMap<mlir::Operation *, bool> mergeable;
  llvm::DenseMap<mlir::Operation *, bool> recursive;
};

} // namespace lauryn::la

#endif // LAURYN_DIALECT_LA_TRANSFORMS_LINEAGE_H
