//===- Passes.td - linalg to library calls --------------------*- tablegen -*-===//

#ifndef LAURYN_CONVERSION_LINALGTOBLAS_PASSES_TD
#define LAURYN_CONVERSION_LINALGTOBLAS_PASSES_TD

include "mlir/Pass/PassBase.td"

def GeneralizeSparseLinalgPass : Pass<"lauryn-generalize-sparse-linalg", "::mlir::func::FuncOp"> {
  let summary = "Generalize named linalg ops that touch sparse tensors, keep dense ones";
  let description = [{
    The sparsifier works on `linalg.generic`; upstream `linalg-generalize-named-ops` converts
    every named op. This pass converts only named ops with a sparse operand or result, so that
    dense `linalg.matmul` stays a named op for `convert-linalg-to-blas` after bufferization.

    ```mlir
    linalg.matmul ins(%S, %v : tensor<?x?xf64, #CSR>, tensor<?x1xf64>) outs(%c : tensor<?x1xf64>)
    ```
    becomes a `linalg.generic`; the same op on dense tensors is left alone.
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect"];
}

def ConvertLinalgToBlasPass : Pass<"convert-linalg-to-blas", "::mlir::ModuleOp"> {
  let summary = "Call OpenBLAS for dense f64/f32 matrix products on memrefs";
  let description = [{
    Replaces `linalg.matmul` on memrefs of f64 or f32 whose rows are contiguous (unit inner
    stride) by a call to `lauryn_rt_gemm_f64` / `lauryn_rt_gemm_f32` in liblauryn_rt
    (C += A B through OpenBLAS `cblas_?gemm`, or `cblas_?gemv` for matrix-vector products). The
    callee is declared with `llvm.emit_c_interface`, so it receives memref descriptors.
    Measured against generated loops, OpenBLAS wins by two orders of magnitude (see
    docs/benchmarks.md); other element types and layouts stay loops.

    ```mlir
    linalg.matmul ins(%A, %B : memref<?x?xf64>, memref<?x?xf64>) outs(%C : memref<?x?xf64>)
    ```
    becomes
    ```mlir
    call @lauryn_rt_gemm_f64(%a, %b, %c) : (memref<?x?xf64, strided<[?, 1], offset: ?>>, ...) -> ()
    ```
  }];
  let dependentDialects = ["::mlir::func::FuncDialect", "::mlir::memref::MemRefDialect"];
  let statistics = [
    Statistic<"numCalls", "blas-calls", "Number of linalg.matmul replaced by BLAS calls">
  ];
}

#endif // LAURYN_CONVERSION_LINALGTOBLAS_PASSES_TD
