//===- MemRefDescriptors.h - MLIR C-interface memref descriptors -*- C++ -*-===//
//
// Private to lib/Runtime: how compiled code passes memrefs to the runtime's
// _mlir_ciface_* entry points (MLIR's StridedMemRefType<T, N>). The layout
// does not depend on T or on the memref's layout map.
//
//===----------------------------------------------------------------------===//

#ifndef LAURYN_LIB_RUNTIME_MEMREFDESCRIPTORS_H
#define LAURYN_LIB_RUNTIME_MEMREFDESCRIPTORS_H

#include <algorithm>
#include <cstdint>

namespace lauryn::rt {

/// memref<?xT> (an identity layout: the stride is 1).
template <typename T> struct MemRef1D {
  T *allocated;
  T *aligned;
  int64_t offset;
  int64_t size;
  int64_t stride;
  T *data() const { return aligned + offset; }
};

/// memref<?x?xT> of any strides.
template <typename T> struct MemRef2D {
  T *allocated;
  T *aligned;
  int64_t offset;
  int64_t sizes[2];
  int64_t strides[2];
  T *data() const { return aligned + offset; }
  /// The leading dimension of a row-contiguous matrix (BLAS).
  int64_t ld() const { return sizes[0] > 1 ? strides[0] : std::max<int64_t>(sizes[1], 1); }
  /// True if the cells are one row-major block.
  bool contiguous() const { return strides[1] == 1 && (strides[0] == sizes[1] || sizes[0] <= 1); }
};

} // namespace lauryn::rt

#endif // LAURYN_LIB_RUNTIME_MEMREFDESCRIPTORS_H
