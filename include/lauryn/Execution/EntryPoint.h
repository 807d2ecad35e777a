//===- EntryPoint.h - the calling convention of compiled entry points -----===//
//
// What a compiled la function takes and returns, independent of MLIR types:
// dense matrices (rank-2 memrefs with identity layout), CSR matrices
// (positions, coordinates and values; results also return their sizes), and
// scalars. Shared by the JIT (lauryn-run), the AOT compiler (laurync) and its
// generated C header.
//
//===----------------------------------------------------------------------===//

#ifndef LAURYN_EXECUTION_ENTRYPOINT_H
#define LAURYN_EXECUTION_ENTRYPOINT_H

#include "lauryn/Runtime/LaurynRuntime.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <string>

namespace mlir {
class Type;
namespace func {
class FuncOp;
} // namespace func
} // namespace mlir

namespace lauryn {

/// Argument attribute holding a parameter's source name (set by the tools
/// from the parsed text; %X -> "X").
inline constexpr llvm::StringLiteral kParamNameAttr = "lauryn.name";

/// One parameter or result of an entry point.
struct ValueKind {
  enum Kind { DenseMatrix, SparseCSR, Scalar, Index } kind;
  lauryn_dtype dtype = LAURYN_F64; ///< element type (matrices, scalars)
  int64_t rows = -1, cols = -1;    ///< static sizes of a matrix, -1 if dynamic
  std::string name;                ///< source name of a parameter ("X"), or ""
  /// "bf16" or "i8" when the declared element type is passed widened (as
  /// f32 or i32, see boundaryType), else "".
  std::string narrow;

  bool isMatrix() const { return kind == DenseMatrix || kind == SparseCSR; }
  /// "tensor<?x?xf64>"-like description for diagnostics.
  std::string describe() const;
};

/// The type that stands for `t` at the entry boundary: bf16 as f32 and i8 as
/// i32 (scalars and matrix elements), which the runtime, its file formats and
/// C all have; other types stand for themselves. Compiled entries narrow such
/// parameters on entry and widen such results on return.
mlir::Type boundaryType(mlir::Type t);

/// The signature of an entry function.
struct EntrySignature {
  std::string name;
  llvm::SmallVector<ValueKind> params, results;

  /// Reads the signature of `fn`; fails (with a message) on types the entry
  /// calling convention does not support.
  static llvm::Expected<EntrySignature> of(mlir::func::FuncOp fn);
};

/// The in-memory form of a rank-1 memref (MLIR's StridedMemRefType<T, 1>):
/// the positions, coordinates and values of a CSR argument.
struct MemRef1D {
  void *allocated;
  void *aligned;
  int64_t offset;
  int64_t size;
  int64_t stride;
};

/// The in-memory form of a rank-2 memref (MLIR's StridedMemRefType<T, 2>).
struct MemRef2D {
  void *allocated;
  void *aligned;
  int64_t offset;
  int64_t sizes[2];
  int64_t strides[2];
};

/// A run-time value passed to or returned from an entry point.
struct HostValue {
  ValueKind::Kind kind = ValueKind::Scalar;
  lauryn_dtype dtype = LAURYN_F64;
  /// Matrices: owned by the runtime library (freed by the destructor).
  lauryn_matrix *matrix = nullptr;
  /// Scalars and index values.
  double f = 0;
  int64_t i = 0;

  HostValue() = default;
  HostValue(HostValue &&other) noexcept { *this = std::move(other); }
  HostValue &operator=(HostValue &&other) noexcept;
  HostValue(const HostValue &) = delete;
  HostValue &operator=(const HostValue &) = delete;
  ~HostValue();

  static HostValue ofMatrix(lauryn_matrix *m);
  static HostValue ofFloat(double v, lauryn_dtype t = LAURYN_F64);
  static HostValue ofInt(int64_t v, lauryn_dtype t = LAURYN_I64);
  static HostValue ofIndex(int64_t v);
};

} // namespace lauryn

#endif // LAURYN_EXECUTION_ENTRYPOINT_H
