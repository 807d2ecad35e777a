// RUN: lauryn-opt %s --pass-pipeline="builtin.module(func.func(lauryn-drop-local-deallocs))" | FileCheck %s

// A dealloc of a buffer allocated in the same function is dropped (the
// ownership-based deallocation pipeline places its own).
// CHECK-LABEL: func.func @local
// CHECK: memref.alloc
// CHECK-NOT: memref.dealloc
// CHECK: return
func.func @local(%n: index) {
  %w = memref.alloc(%n) : memref<?xf64>
  scf.for %i = %n to %n step %n {
    memref.dealloc %w : memref<?xf64>
  }
  return
}

// Deallocs of arguments are kept.
// CHECK-LABEL: func.func @argument
// CHECK: memref.dealloc %{{.*}} : memref<?xf64>
func.func @argument(%m: memref<?xf64>) {
  memref.dealloc %m : memref<?xf64>
  return
}

// The full pipeline compiles SpGEMM with a CSR result: the sparsifier's
// workspace deallocs no longer stop the deallocation pipeline.
// RUN: lauryn-opt %S/../../utils/bench/programs/spgemm.mlir --lauryn-cpu-pipeline | FileCheck %s --check-prefix=SPGEMM
// SPGEMM: llvm.func @main
// SPGEMM: llvm.call @_sparse_hybrid_qsort
