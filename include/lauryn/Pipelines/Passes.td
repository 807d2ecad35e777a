//===- Passes.td - Lauryn's named target pipelines ------------*- tablegen -*-===//

#ifndef LAURYN_PIPELINES_PASSES_TD
#define LAURYN_PIPELINES_PASSES_TD

include "mlir/Pass/PassBase.td"

def CPUPipelinePass : Pass<"lauryn-cpu-pipeline", "::mlir::ModuleOp"> {
  let summary = "Compile la to the LLVM dialect for the host CPU";
  let description = [{
    A pass bundle from la to the LLVM dialect, ready for `mlir-translate --mlir-to-llvmir`, the
    ExecutionEngine (JIT) or `mlir-runner`:

    1. target-independent: `la-optimize` (with `optimize`), with `select-formats`
       `la-estimate-sparsity` and `la-select-formats` (input estimates from the `la.sparsity` /
       `la.sketch` argument attributes; `lauryn-run --select-formats` attaches those of its
       actual inputs), `convert-la-to-linalg`, CSE, and with `optimize`
       `lauryn-fuse-dense-elementwise`;
    2. CPU tail: `lauryn-generalize-sparse-linalg`, `lauryn-unshare-sparse-empties`,
       `lauryn-shield-sparse-conversions` (with `sparse-runtime-library`
       `lauryn-free-sparse-runtime-tensors`), the
       passes of the upstream sparsifier pipeline (sparsification and one-shot
       bufferization of dense and sparse code, sparse vectorization), `lauryn-copy-strided-results`,
       `lauryn-drop-local-deallocs`
       and the ownership-based buffer deallocation (with `sparse-runtime-library` between the two
       halves of `lauryn-borrow-sparse-runtime-buffers`), `convert-linalg-to-blas` (OpenBLAS through
       liblauryn_rt), `lauryn-tile-transposes`, parallel loops through OpenMP
       (`lauryn-parallelize-outer-loop`, `scf.parallel` -> `omp.wsloop`), and lowering of
       everything to LLVM. Generated code calls libomp and liblauryn_rt; link them (`-lomp`) or
       load them in the JIT.

    The CPU tail is one function (`buildCPUTail`) so that an NVPTX tail can sit beside it
    without touching the target-independent part.

    ```
    lauryn-opt program.mlir --lauryn-cpu-pipeline | mlir-runner -e main ...
    ```
  }];
  let options = [
    Option<"optimize", "optimize", "bool", /*default=*/"true",
           "Run the target-independent la optimizations (la-optimize) first">,
    Option<"runtimeChecks", "runtime-checks", "bool", /*default=*/"true",
           "Check dynamic shapes and bounds at run time">,
    Option<"vectorLength", "vector-length", "int", /*default=*/"0",
           "Vector length of sparse loops (0: scalar); 8 uses AVX-512 for f64">,
    Option<"sparseRuntimeLibrary", "sparse-runtime-library", "bool", /*default=*/"false",
           "Store sparse tensors through the MLIR sparse runtime library instead of generated code">,
    Option<"parallel", "parallel", "bool", /*default=*/"true",
           "Run parallel loops (dense parallel iterators, outer sparse loops) with OpenMP">,
    Option<"threads", "threads", "int", /*default=*/"0",
           "OpenMP threads (0: the OpenMP default, OMP_NUM_THREADS)">,
    Option<"selectFormats", "select-formats", "bool", /*default=*/"false",
           "Choose dense or CSR per value from sparsity estimates (la-select-formats)">,
    Option<"estimator", "estimator", "std::string", /*default=*/"\"mnc\"",
           "Sparsity estimator of select-formats (see la-estimate-sparsity)">,
    Option<"fuse", "fuse", "std::string", /*default=*/"\"cost\"",
           "Fusion plan selector of la-fuse (cost, all, heuristic, none); with optimize only">
  ];
}

def ParallelizeOuterLoopPass : Pass<"lauryn-parallelize-outer-loop", "::mlir::func::FuncOp"> {
  let summary = "Keep only the outermost dimension of multi-dimensional scf.parallel loops parallel";
  let description = [{
    `scf.parallel (%i, %j)` becomes `scf.parallel (%i) { scf.for %j ... }` (loops without
    reductions only). `convert-scf-to-openmp` collapses a multi-dimensional loop into one
    linear OpenMP loop, whose per-iteration division and remainder recover the indices and
    prevent vectorization of the contiguous inner dimension; one parallel dimension is enough for
    the few cores of a CPU, and the inner loop then vectorizes.

    ```mlir
    scf.parallel (%i, %j) = (%c0, %c0) to (%m, %n) step (%c1, %c1) { ... }
    ```
    becomes
    ```mlir
    scf.parallel (%i) = (%c0) to (%m) step (%c1) {
      scf.for %j = %c0 to %n step %c1 { ... }
    }
    ```
  }];
  let dependentDialects = ["::mlir::scf::SCFDialect"];
}

def DropLocalDeallocsPass : Pass<"lauryn-drop-local-deallocs", "::mlir::func::FuncOp"> {
  let summary = "Leave the freeing of function-local buffers to the ownership-based deallocation";
  let description = [{
    The sparsifier frees the workspace of sparse-output kernels (the dense row accumulator of
    SpGEMM) with explicit `memref.dealloc` ops, and the ownership-based buffer-deallocation
    pipeline that runs after it rejects any existing dealloc ("memory free side-effect on MemRef
    value not supported"). This pass erases the deallocs of buffers that a `memref.alloc` in the
    same function allocated; the deallocation pipeline then frees those buffers itself, like
    every other allocation. Deallocs of other buffers are kept.
  }];
  let dependentDialects = ["::mlir::memref::MemRefDialect"];
}

def BorrowSparseRuntimeBuffersPass
    : Pass<"lauryn-borrow-sparse-runtime-buffers", "::mlir::func::FuncOp"> {
  let summary = "Keep the ownership-based deallocation from freeing the sparse runtime's storage";
  let description = [{
    With `sparse-runtime-library`, sparse storage lives in objects of the MLIR sparse runtime,
    and generated code reads it through the runtime's accessors (`sparseValuesF64`,
    `sparsePositions0`, `sparseCoordinates0`, ...), which return memref views of arrays the
    storage object owns (as does `getSparseTensorReaderDimSizes` for a file reader). The ownership-based buffer deallocation follows the function-boundary
    ABI: a memref returned by a call to an external function belongs to the caller, so it freed
    those arrays with `free()` although the runtime allocated them with `new` and deletes them
    with the storage object (AddressSanitizer: alloc-dealloc mismatch; valgrind: mismatched
    free). Run before the deallocation pipeline, this pass replaces each accessor call by a
    `builtin.unrealized_conversion_cast` of its operands marked with the callee
    (`lauryn.sparse_runtime_call`) and a number that keeps CSE from merging two calls: a pure op
    without memref operands, whose result the deallocation treats as not owned. With `restore`,
    run after the deallocation pipeline, it turns the marked casts back into the calls.
  }];
  let options = [
    Option<"restore", "restore", "bool", /*default=*/"false",
           "Turn the marked casts back into accessor calls (after the deallocation pipeline)">
  ];
  let dependentDialects = ["::mlir::func::FuncDialect"];
}

def FreeSparseRuntimeTensorsPass
    : Pass<"lauryn-free-sparse-runtime-tensors", "::mlir::func::FuncOp"> {
  let summary = "Delete the sparse tensors a function computes when the MLIR runtime stores them";
  let description = [{
    With `sparse-runtime-library`, a sparse tensor is an opaque pointer to a storage object of
    the MLIR sparse runtime, freed only by `bufferization.dealloc_tensor` (lowered to
    `delSparseTensor`); the ownership-based deallocation sees memrefs only, and la programs do
    not free values, so every sparse tensor a function computed leaked (LeakSanitizer on
    `test/Integration/CPU/ops.mlir`). Run on tensors before sparsification, this pass groups the
    function's sparse values into storages: a destination-style op's result shares its init's
    storage, casts and other ops share their sparse operands' storage, and `tensor.empty`,
    `bufferization.alloc_tensor` and format-changing `sparse_tensor.convert` start a new one. A
    storage whose values all sit in the function's body block, none of them an argument, a call
    result or entering a loop's block arguments, and whose every use is a read (a conversion, an
    input of a destination-style op, an op with scalar or sparse results) gets one
    `dealloc_tensor` of its last value before the return. Anything else (loop-carried, returned,
    passed on, viewed, already freed) is left alone: it may leak, but is never freed twice.
    Functions with more than one block are skipped. No CSE may run between this pass and the
    sparsifier (two merged conversions would share one storage freed twice).
  }];
  let dependentDialects = ["::mlir::bufferization::BufferizationDialect"];
}

def RelaxSparseLoopTypesPass
    : Pass<"lauryn-relax-sparse-loop-types", "::mlir::func::FuncOp"> {
  let summary = "Let loops carry sparse tensors in the type their bodies compute";
  let description = [{
    When the JIT runner specializes a CSR parameter's shape and the parameter initializes an
    `scf.for`, canonicalization makes the loop carry the static type: the body casts the
    iteration argument to the dynamic type its kernels compute with and casts the yielded
    value back. Upstream's `pre-sparsification-rewrite` folds that last `tensor.cast` into the
    producing kernel by retyping its dynamic `tensor.empty` in place while keeping the size
    operands, which is invalid IR ("incorrect number of dynamic sizes"; found by the
    differential tester, seed 50645). This pass gives every sparse iteration argument whose
    yielded value is such a cast the yielded value's type again: the initial value is cast
    before the loop, the result after it, and casts inside the body disappear.
  }];
  let dependentDialects = ["::mlir::tensor::TensorDialect"];
}

def ExpandIntegerDivisionsPass
    : Pass<"lauryn-expand-integer-divisions", "::mlir::func::FuncOp"> {
  let summary = "Expand rounding integer divisions for the LLVM conversion, keeping min/max";
  let description = [{
    `arith.ceildivsi`, `arith.ceildivui` and `arith.floordivsi` (from `la.intdiv` and index
    arithmetic) have no LLVM counterpart; this pass rewrites them into plain divisions,
    remainders and selects. It replaces upstream's `arith-expand` in the CPU pipeline because
    that pass also expands `arith.minimumf` / `arith.maximumf` into a compare and a select that
    return `+0` for `min(-0, +0)` (found by the differential tester: `la.pow (la.minimum X, Y), -3`
    gave `+inf` where `-inf` is right). Kept as they are, the two ops lower to `llvm.minimum` /
    `llvm.maximum`, which order `-0` below `+0` and propagate NaN, as the `la` dialect specifies.
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect"];
}

def ShieldSparseConversionsPass
    : Pass<"lauryn-shield-sparse-conversions", "::mlir::func::FuncOp"> {
  let summary = "Keep dense kernels the sparsifier cannot model out of sparse conversions";
  let description = [{
    The sparsifier folds `sparse_tensor.convert` of a dense `linalg.generic` result into that
    kernel, making it write the sparse result directly. For a kernel whose body holds an
    operation the sparsifier's merger does not model (`math.exp`, `math.log`, `math.powf`,
    `arith.maximumf`, ...), the folded kernel crashes the sparsifier (MLIR 22; found by
    `lauryn-fuzz-opt`, e.g. `la.convert (la.exp X)` to CSR). This pass gives such kernels a
    zero-filled destination instead of an empty one, which the fold does not match: the kernel
    runs densely and the conversion compresses its result. Kernels the merger models keep the
    fold (no dense intermediate). Divisions count as not modeled: the merger accepts `x / y`
    only for a divisor that cannot be zero. Trivially dead operations are erased first (a dead
    `tensor.dim` of the kernel's result would otherwise hide the fold the sparsifier still does).

    ```mlir
    %e = tensor.empty(%m, %n) : tensor<?x?xf64>
    %x = linalg.generic {...} ins(%X) outs(%e) { math.exp ... }
    %s = sparse_tensor.convert %x : tensor<?x?xf64> to tensor<?x?xf64, #CSR>
    ```
    becomes the same with `outs(linalg.fill(0.0, %e))`.

    A conversion (or `tensor.cast`) of a kernel's result to a sparse type with more dynamic
    dimensions is folded by cloning the destination with the target type but without sizes for
    the new dynamic dimensions (an invalid `tensor.empty`); the pass first gives the destination
    the target's shape with those sizes (constants from the static shape), so the fold finds
    nothing to change.

    A conversion of a sparse kernel to another level order (the CSC that a CSR transpose
    reinterprets) would make the kernel write the CSC result directly, which the sparse code
    generator cannot lower for a kernel with a reduction (SpGEMM inserting out of its loop order)
    or of dynamic shape; such a kernel writes a zero-filled dense result instead, and the
    conversion compresses it (m x n memory; static element-wise kernels keep the fold, products
    through the runtime SpGEMM are calls, not kernels, and are not affected).
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect", "::mlir::arith::ArithDialect"];
}

def UnshareSparseEmptiesPass
    : Pass<"lauryn-unshare-sparse-empties", "::mlir::func::FuncOp"> {
  let summary = "Give every use of an empty sparse tensor its own tensor.empty";
  let description = [{
    CSE merges equal `tensor.empty` ops, so two sparse-output kernels of the same shape end up
    writing into one empty sparse tensor. For dense tensors one-shot bufferization sees the
    conflict and copies; the sparsifier does not: it inserts the second kernel's entries into the
    first kernel's storage (wrong values, found by the differential tester: bug
    csr-ifelse-of-sum, `la.sub %X, %X` and `la.add %X, %Y` sharing their CSR output). This pass
    gives each use of a shared sparse `tensor.empty` its own clone, placed right before the user.
    An empty used by a kernel in another block (a loop body; CSE merges it with an equal empty
    before the loop) is cloned into the user's block as well: allocated once outside the loop,
    its storage would keep every iteration's entries (bug loop-shared-sparse-empty).

    ```mlir
    %e = tensor.empty(%m, %n) : tensor<?x?xf64, #CSR>
    %a = linalg.generic {...} outs(%e) ...
    %b = linalg.generic {...} outs(%e) ...
    ```
    becomes the same with a second `tensor.empty` as the destination of `%b`.
  }];
  let dependentDialects = ["::mlir::tensor::TensorDialect"];
}

def CopyStridedResultsPass : Pass<"lauryn-copy-strided-results", "::mlir::func::FuncOp"> {
  let summary = "Return contiguous buffers: copy views that reach a return through a layout cast";
  let description = [{
    One-shot bufferization gives function results an identity layout; a returned view (e.g.
    `la.slice` of a parameter, a strided `memref.subview`) reaches `func.return` through a
    `memref.cast` to that layout. The cast keeps the real strides in the descriptor, but code
    that trusts the static type reads the wrong elements: the ownership-based deallocation copies
    a non-owned result of a private function (the entry behind a sparse-assembler wrapper) with a
    flat memcpy (found by the differential tester: a 4x1 column slice came back as a row). This
    pass, run after bufferization, returns a fresh contiguous copy instead.

    ```mlir
    %v = memref.subview %A[0, 0] [4, 1] [1, 1] : memref<4x4xi64> to memref<4x1xi64, strided<[4, 1]>>
    %r = memref.cast %v : memref<4x1xi64, strided<[4, 1]>> to memref<4x1xi64>
    return %r : memref<4x1xi64>
    ```
    becomes `memref.alloc` + `memref.copy %v` and returns the copy.
  }];
  let dependentDialects = ["::mlir::memref::MemRefDialect"];
}

def FuseDenseElementwisePass : Pass<"lauryn-fuse-dense-elementwise", "::mlir::func::FuncOp"> {
  let summary = "Fuse element-wise producers into consumers when all operands are dense";
  let description = [{
    Upstream producer/consumer fusion of `linalg.generic` on tensors, restricted to dense
    tensors and to producers with a single use (no recomputation). `X * Y + Z` then makes one
    pass over memory instead of writing and re-reading `X * Y`. Kernels on sparse tensors, and
    kernels whose result is converted to a sparse format, are left to the sparsifier (upstream
    fusion with its canonicalizations refines the dynamic dimensions of sparse operands into
    conversions the sparse code generator rejects).

    ```mlir
    %p = linalg.generic {mul} ins(%X, %Y) outs(%e0)
    %s = linalg.generic {add} ins(%p, %Z) outs(%e1)
    ```
    becomes one `linalg.generic` computing `x * y + z` per element.
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect"];
}

def TileTransposesPass : Pass<"lauryn-tile-transposes", "::mlir::func::FuncOp"> {
  let summary = "Tile transposes on memrefs into cache-sized blocks";
  let description = [{
    A transpose reads rows and writes columns; untiled, every write of a row of the source goes
    to a different cache line of the result. This pass tiles `linalg.transpose` on memrefs into
    `tile-size` x `tile-size` blocks with parallel loops over the blocks, so each block is read
    and written while it stays in the L1 cache.

    ```mlir
    linalg.transpose ins(%A : memref<?x?xf64>) outs(%B : memref<?x?xf64>) permutation = [1, 0]
    ```
    becomes a `scf.parallel` over 32 x 32 blocks of `linalg.transpose` on subviews.
  }];
  let options = [
    Option<"tileSize", "tile-size", "int64_t", /*default=*/"32", "Edge of a square block">
  ];
  let dependentDialects = ["::mlir::scf::SCFDialect", "::mlir::memref::MemRefDialect"];
}

#endif // LAURYN_PIPELINES_PASSES_TD
