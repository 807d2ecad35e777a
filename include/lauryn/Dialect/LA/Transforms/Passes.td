//===- Passes.td - la transformation passes ------------------*- tablegen -*-===//

#ifndef LAURYN_DIALECT_LA_TRANSFORMS_PASSES_TD
#define LAURYN_DIALECT_LA_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def AssignLineagePass : Pass<"la-assign-lineage", "::mlir::ModuleOp"> {
  let summary = "Attach structural lineage IDs (#la.lineage) to la ops";
  let description = [{
    Computes for every value a 64-bit lineage hash (xxh3 over a canonical byte encoding) of
    the computation that produced it: op name, result index, result type, inherent attributes,
    the lineage of its operands (sorted for commutative ops), the seed of random ops, and
    the lineage of nested regions. The hash is independent of SSA names, locations, op
    order and the machine, so equal hashes denote equal computations.

    * Function arguments hash as (function name, argument index).
    * Loop and branch bodies are hashed once as a *patch*: their block arguments are
      placeholders identified by nesting depth and position, so every iteration of a loop
      shares one lineage per body value (LIMA's loop deduplication).
    * A `func.call` hashes as (callee body lineage, argument lineage): the callee body is
      hashed once and every call refers to it (function deduplication).
    * Non-deterministic ops (`la.rand` without a seed) get a lineage no other op shares.

    The result is attached as `la.lineage = #la.lineage<0x...>` to every la op and
    `func.call` (one entry per result as an array for multi-result calls); with
    `annotate-all` every op with results is annotated.

    Example:
    ```mlir
    %0 = la.transpose %X : tensor<?x?xf64>
    %1 = la.matmul %0, %X : tensor<?x?xf64>, tensor<?x?xf64>
    ```
    becomes
    ```mlir
    %0 = la.transpose %X {la.lineage = #la.lineage<0x3c1f...>} : tensor<?x?xf64>
    %1 = la.matmul %0, %X {la.lineage = #la.lineage<0x9a02...>} : tensor<?x?xf64>, tensor<?x?xf64>
    ```
  }];
  let options = [
    Option<"annotateAll", "annotate-all", "bool", /*default=*/"false",
           "Annotate every op with results, not only la ops and calls">
  ];
  let dependentDialects = ["::lauryn::la::LADialect"];
  let statistics = [
    Statistic<"numAnnotated", "annotated-ops", "Number of ops given a lineage ID">,
    Statistic<"numNondeterministic", "nondeterministic-ops",
              "Number of ops with a unique (non-deterministic) lineage">
  ];
}

def EstimateSparsityPass : Pass<"la-estimate-sparsity", "::mlir::ModuleOp"> {
  let summary = "Propagate sparsity estimates through whole functions (#la.sparsity)";
  let description = [{
    Estimates the number of non-zeros of every matrix value with one of the estimators of
    `Analysis/Sparsity` (docs/sparsity.md) and attaches it to the producing op as
    `la.sparsity = #la.sparsity<nnz = N, density = D, estimator = "mnc">` (an array with one
    entry per result for multi-result ops, `unit` for results without an estimate).

    * Inputs: an entry function's matrix arguments of static shape carry their estimate as
      argument attributes, either `la.sparsity = #la.sparsity<nnz = N>` (or `density = D`) or
      `la.sketch = {rows = array<i64: ...>, cols = array<i64: ...>}` with the non-zeros per row
      and per column (an MNC sketch; other estimators use its total). Constants (`arith.constant`
      tensors and scalars) are known exactly. Arguments without them, and values of dynamic
      shape, have no estimate, nor has anything computed from them; the JIT runner attaches
      the statistics of its actual inputs (whose shapes it specializes) before compiling.
    * Ops: matmul, element-wise ops by their zero rule (intersection `*`, union `+`, `f(0) = 0`
      unary ops keep the pattern, `X != 0`, `X == 0`, `!X`; scalars and vectors are broadcast),
      transpose, reshape, cbind, rbind, diag, slices with constant offsets and format or type
      changes go through the estimator's rules; every other op through its metadata rule
      (`SparsityPropagationOpInterface`) turned into the estimator's synopsis.
    * `scf.for`: the body runs until the loop-carried estimates are stable (within 0.1 %); after
      8 rounds they are widened to the largest nnz seen. The results are the larger of the
      initial and carried estimates (the loop may not run). `scf.if`: the larger branch.
      `scf.while` results have no estimate.
    * `func.call`: the callee is analysed with the caller's estimates (to a depth of 16);
      callees are analysed only from their call sites. An op analysed several times (loop
      rounds, call sites) carries the largest estimate it got.

    Example (`estimator=mnc`):
    ```mlir
    func.func @f(%X: tensor<1000x500xf64> {la.sparsity = #la.sparsity<nnz = 5000>}) -> tensor<500x500xf64> {
      %t = la.transpose %X : tensor<1000x500xf64>
      %g = la.matmul %t, %X : tensor<500x1000xf64>, tensor<1000x500xf64>
      return %g : tensor<500x500xf64>
    }
    ```
    gets `la.sparsity = #la.sparsity<nnz = 5000, density = 0.01, estimator = "mnc">` on the
    transpose and the product's estimate on the matmul.
  }];
  let options = [
    Option<"estimator", "estimator", "std::string", /*default=*/"\"mnc\"",
           "Estimator: avg, worst, bitset, density-map, sample, layered-graph, mnc, mnc-basic">
  ];
  let dependentDialects = ["::lauryn::la::LADialect"];
  let statistics = [
    Statistic<"numAnnotated", "annotated-ops", "Number of ops given a sparsity estimate">
  ];
}

def ExplainPass : Pass<"la-explain", "::mlir::ModuleOp"> {
  let summary = "Print shape, format, sparsity estimate and memory of every matrix value";
  let description = [{
    Prints to stderr, per function, one line per op result that is a matrix: the op, its
    source location, its shape, its storage format (dense or CSR, from the tensor encoding),
    the `#la.sparsity` estimate attached by `la-estimate-sparsity` (nnz, density, estimator;
    `?` without one), and the memory of the value: `rows x cols x element bytes` for dense,
    `nnz x (element bytes + 8) + (rows + 1) x 8` for CSR at the estimated nnz (`?` for a CSR
    value without an estimate or a dynamic shape); the lineage ID follows when
    `la-assign-lineage` ran. The IR is not changed. `lauryn-run --la-explain` runs it after
    estimating from the actual inputs.

    ```
    la-explain: @main
      op               location                 shape         format estimate      density     estimator      memory
      la.matmul        prog.mlir:4              500x500       dense  nnz 23792     0.0952      mnc            1.9 MiB
    ```
  }];
  let dependentDialects = ["::lauryn::la::LADialect"];
}

def FusePass : Pass<"la-fuse", "::mlir::ModuleOp"> {
  let summary = "Fuse la ops into Row, Cell, Outer and MultiAggregate operators chosen by cost";
  let description = [{
    Groups element-wise chains and the aggregates that close them into `la.fused` operators
    that the lowering evaluates in one pass over the data, without materializing the
    intermediates (SystemDS' code generation templates, docs/fusion.md).

    * **Exploration.** Per block, every element-wise op with a matrix result and every
      aggregate (`sum`, `sumsq`, `mean`, `min`, `max`, `prod`; all, row or column) is a node.
      An edge from an element-wise producer to a consumer is *fusible* if the producer's
      result is dense and has the consumer's iteration space (the consumer computes it cell by
      cell instead of reading it); vectors and scalars are side inputs.
    * **Plan selection** (`selector`): `none` fuses nothing; `all` fuses every fusible edge
      (a producer with several consumers is recomputed in each); `heuristic` fuses only edges
      out of single-consumer producers (no redundancy); `cost` searches, per partition
      (connected component), every fuse/cut assignment of the edges out of multi-consumer
      producers, pruning subtrees whose lower bound cannot beat the best plan, and keeps the
      cheapest. A fused operator costs `write(result) + max(read(distinct inputs),
      compute(ops))` with the rates below (bytes from shapes and sparsity estimates, FLOPs
      from the ops' `CostOpInterface` weights).
    * **Row operators** (first). A column accumulation over an m x n matrix, `colSums(A)` (any
      fusible column aggregate) or `t(A) %*% y`, takes in the ops that compute `A` and `y` row
      by row from the same rows: element-wise ops over m x n, m x 1 and scalar values, row
      aggregates and products `A %*% v` with an operand vector `v`. A producer used outside
      the group stays materialized. The group becomes an `la.fused` of template `row` if its
      operands are dense and it holds a row reduction (then the unfused ops read the matrix
      more than once, the row operator once) or closes with `t(A) %*% y` (which unfused
      transposes `A` into a copy first): `t(X) %*% (w * (X %*% v))`, `colSums(X / rowSums(X))`,
      `t(X) %*% (out * Y)`. Then, scanning from the end of the block, a dense m x n cell
      value or row aggregate takes in the producers computing it row by row the same way; a
      member used outside is another (row-aligned) result if it is m x n or an m x 1 row
      reduction used only after the operator, else it stays materialized. Such a group
      becomes a `row` operator with row-aligned results if a per-row value feeds its cells
      (unfused, the matrix is read twice): `X / rowSums(X)`, a row-wise softmax.
    * **Operators.** Each materialized value with at least one fused producer becomes an
      `la.fused` of template `cell`. A cell operator that visits only the stored entries of a
      CSR driver (estimated density at most 5 %) and reads a product `U %*% t(V)` used nowhere
      else takes the product in as an `outer` operator: the product is computed as a dot
      product at those entries only, never as a dense matrix. Full aggregates of one iteration
      space that share an input are then merged into one `magg` operator (one scan for
      several results).
    * **Sparse drivers.** The driver is the largest operand (the sparse one on a tie). A
      group with a CSR operand is formed only if that operand is the driver, every other
      operand is dense and the body is sparse-safe (zero wherever the driver is zero, with
      no aggregate or a sum / sum of squares over all cells or rows): it then runs over the
      driver's stored entries only, with the unfused semantics of implicit zeros.

    Example: `sum(X * Y * Z)`
    ```mlir
    %0 = la.mul %X, %Y : tensor<?x?xf64>, tensor<?x?xf64>
    %1 = la.mul %0, %Z : tensor<?x?xf64>, tensor<?x?xf64>
    %2 = la.sum %1 : tensor<?x?xf64>
    ```
    becomes
    ```mlir
    %2 = la.fused(%X, %Y, %Z) {kind = #la.template<cell>}
           : (tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x?xf64>) -> f64 {
    ^bb0(%x: tensor<?x?xf64>, %y: tensor<?x?xf64>, %z: tensor<?x?xf64>):
      %0 = la.mul %x, %y : tensor<?x?xf64>, tensor<?x?xf64>
      %1 = la.mul %0, %z : tensor<?x?xf64>, tensor<?x?xf64>
      %s = la.sum %1 : tensor<?x?xf64>
      la.yield %s : f64
    }
    ```
  }];
  let options = [
    Option<"selector", "selector", "std::string", /*default=*/"\"cost\"",
           "Plan selection: cost, all, heuristic or none">,
    Option<"bandwidth", "bandwidth", "double", /*default=*/"20.0",
           "Memory bandwidth in GB/s (generated triad on one core of this machine kind, "
           "`lauryn-run --calibrate --threads 1`; `--rates` passes a target's own)">,
    Option<"gflops", "gflops", "double", /*default=*/"40.0",
           "GFLOP/s of generated cell-wise code by the ops' FLOP weights (one core of this "
           "machine kind, `lauryn-run --calibrate --threads 1`)">,
    Option<"maxExactPoints", "max-exact-points", "unsigned", /*default=*/"22",
           "Largest number of decision points searched exhaustively per partition">,
    Option<"dotFile", "dot-file", "std::string", /*default=*/"",
           "Write the plan as a DOT graph to this file (fused operators as clusters of their "
           "ops, every op and operator labelled with its estimated cost)">
  ];
  let dependentDialects = ["::lauryn::la::LADialect"];
  let statistics = [
    Statistic<"numCell", "cell-operators", "Number of cell operators formed">,
    Statistic<"numMultiAgg", "multi-aggregates", "Number of multi-aggregate operators formed">,
    Statistic<"numOuter", "outer-operators", "Number of outer-product operators formed">,
    Statistic<"numRow", "row-operators", "Number of row operators formed">,
    Statistic<"numPlans", "plans-costed", "Number of fusion plans costed by the search">,
    Statistic<"numPruned", "subtrees-pruned", "Number of plan subtrees pruned by the bound">
  ];
}

def InsertReusePass : Pass<"la-insert-reuse", "::mlir::ModuleOp"> {
  let summary = "Serve values worth caching from the run-time lineage cache";
  let description = [{
    Places lineage-cache probes and puts (LIMA, SIGMOD'21; docs/reuse.md) around the ops,
    fused operators and calls whose results are worth caching across calls of the compiled
    code in one process (a JIT runner's sweep, an AOT library called repeatedly).

    * **Candidates.** An op with one matrix result (f64, f32, i64, i32; dense, or CSR of a
      declared static shape) outside fused bodies, whose value derives only from
      function
      arguments, loop indices and constants through deterministic, side-effect-free ops (no
      `la.rand` without a seed, no loop-carried values, no effectful calls).
    * **Cost rule.** A candidate is cached if its estimated compute time (the fusion cost
      model: write + max(read, FLOPs) at `bandwidth` and `gflops`, including the producers
      used only by it, which a hit skips too) exceeds `margin` times its overhead: a fixed 5 us
      (runtime calls, the cache's lock and map), two copies of its result (the put now, the
      copy out on a later hit) and the content hashes of
      function arguments it derives from that no cached value hashes yet (at
      `hash-bandwidth`), per call: inside loops the compute, probe and copies count once per
      iteration (the trip count, 10 if unknown), the hashes of arguments once; and its result
      is at most `max-mb`. Candidates are decided in program order (a producer cached on its
      own is not counted again for the values using it), repeatedly while a choice makes an
      input's hash free for a candidate rejected before. The
      default margin (10) bounds the estimated overhead on a program whose values are never
      reused at 10 % of the cached values' compute time (measured: docs/benchmarks.md).
    * **Rewrite.** Each function argument such a value derives from gets one `la.identity` at
      the function's entry (its content hash at run time), each loop index one at the top of
      its loop body; the value's key is `la.lineage_key` of its lineage ID (its op DAG, with
      the inputs numbered in order of use, so `t(X) %*% X` of any function has one ID) and the
      inputs' identities. The op and its producers used only by it move into an `la.cached`
      region: on a hit none of them runs. A dense region's result has the value's most
      static type (the sizes its operands imply; a `tensor.cast` back to the declared type
      follows it), so that the code after it sees the sizes.

    Example: `G = t(X) %*% X` of an argument `X` of 100000 x 500 (25 GFLOPs, result 2 MB)
    ```mlir
    %t = la.transpose %X : tensor<100000x500xf64>
    %G = la.matmul %t, %X : tensor<500x100000xf64>, tensor<100000x500xf64>
    ```
    becomes
    ```mlir
    %h = la.identity %X : tensor<100000x500xf64>      // at the function's entry
    %k = la.lineage_key 3590318405283398445 (%h)
    %G = la.cached %k {height = 2 : i64} : tensor<500x500xf64> {
      %t = la.transpose %X : tensor<100000x500xf64>
      %g = la.matmul %t, %X : tensor<500x100000xf64>, tensor<100000x500xf64>
      la.yield %g : tensor<500x500xf64>
    }
    ```
  }];
  let options = [
    Option<"bandwidth", "bandwidth", "double", /*default=*/"20.0",
           "Memory bandwidth in GB/s (compute estimates and the copies of cached values)">,
    Option<"gflops", "gflops", "double", /*default=*/"80.0",
           "GFLOP/s of the candidates' kernels (dense products: OpenBLAS DGEMM on one core)">,
    Option<"hashBandwidth", "hash-bandwidth", "double", /*default=*/"10.0",
           "GB/s of the content hash of an input (XXH3 of an input in memory, one core)">,
    Option<"margin", "margin", "double", /*default=*/"10.0",
           "Factor by which the compute time of a cached value must exceed its overhead">,
    Option<"maxMB", "max-mb", "double", /*default=*/"1024.0",
           "Largest result (MB) worth caching (the cache's default budget is 5 % of RAM)">
  ];
  let dependentDialects = ["::lauryn::la::LADialect", "::mlir::tensor::TensorDialect"];
  let statistics = [
    Statistic<"numCached", "cached-values", "Number of values served from the lineage cache">,
    Statistic<"numIdentities", "input-identities", "Number of input identities computed">
  ];
}

def LineageCSEPass : Pass<"la-lineage-cse", "::mlir::ModuleOp"> {
  let summary = "Merge equal computations by lineage and hoist loop-invariant work";
  let description = [{
    Lineage-based common-subexpression elimination:

    1. Hoists loop-invariant, deterministic and side-effect-free ops out of every loop
       (`scf.for`, `scf.while`, ...) so that the work of a loop body that does not depend on
       the iteration runs once.
    2. Computes lineage (see `la-assign-lineage`) and replaces every op whose lineage equals
       that of an op dominating it, with the same result types, by that op's results.
       Because lineage sorts the operands of commutative ops and sees through calls,
       this merges `X + Y` with `Y + X`, and two calls of a side-effect-free function
       with equal arguments, which structural CSE does not.

    Ops with memory effects and non-deterministic ops (`la.rand` without a seed) are never
    merged or hoisted.

    Example:
    ```mlir
    scf.for %i = %c0 to %n step %c1 iter_args(%w = %w0) -> tensor<?x1xf64> {
      %xt = la.transpose %X : tensor<?x?xf64>
      %g = la.matmul %xt, %X : tensor<?x?xf64>, tensor<?x?xf64>
      ...
    }
    ```
    becomes a loop whose `t(X) %*% X` is computed once, before the loop.
  }];
  let options = [
    Option<"hoist", "hoist", "bool", /*default=*/"true",
           "Hoist loop-invariant ops out of loops before merging">
  ];
  let dependentDialects = ["::lauryn::la::LADialect"];
  let statistics = [
    Statistic<"numMerged", "merged-ops", "Number of ops replaced by an equal earlier op">,
    Statistic<"numHoisted", "hoisted-ops", "Number of ops hoisted out of loops">
  ];
}

def OptimizePass : Pass<"la-optimize", "::mlir::ModuleOp"> {
  let summary = "Lauryn's default target-independent pipeline on la";
  let description = [{
    A pass bundle: inlining of function calls (so that the passes after it, fusion above
    all, see across call boundaries: k-means' distance function feeds the row operator of
    its Lloyd step; private functions left without calls are dropped), canonicalization
    (folding and the static algebraic rewrites of the la dialect), the partial-reuse rewrites
    (products over `cbind` / `rbind` from their blocks), lineage-based CSE with
    loop-invariant hoisting, canonicalization again, and finally `la-assign-lineage`, so
    that the optimized IR carries lineage IDs.

    ```
    lauryn-opt --la-optimize program.mlir
    ```
    is the same as
    ```
    lauryn-opt --inline --canonicalize --la-partial-reuse --la-lineage-cse --canonicalize --la-assign-lineage program.mlir
    ```
  }];
  let options = [
    Option<"inlineCalls", "inline", "bool", /*default=*/"true",
           "Inline function calls first">,
    Option<"hoist", "hoist", "bool", /*default=*/"true",
           "Hoist loop-invariant ops out of loops">,
    Option<"annotateLineage", "annotate-lineage", "bool", /*default=*/"true",
           "Attach lineage IDs at the end">,
    Option<"partialReuse", "partial-reuse", "bool", /*default=*/"true",
           "Compute products over bound matrices from their blocks (la-partial-reuse)">
  ];
  let dependentDialects = ["::lauryn::la::LADialect"];
}

def PartialReusePass : Pass<"la-partial-reuse", "::mlir::ModuleOp"> {
  let summary = "Compute products over bound matrices from the products of their blocks";
  let description = [{
    LIMA's partial reuse rewrites (SIGMOD'21; docs/reuse.md): a product over a `cbind` or
    `rbind` becomes products of its blocks, so that a block computed before is reused --
    merged or hoisted out of a loop by `la-lineage-cse` within a call, served from the lineage
    cache (`la-insert-reuse`) across calls. With dense float blocks:

    * `t(cbind(A, B)) %*% cbind(A, B)` = `rbind(cbind(t(A) %*% A, t(A) %*% B),
      cbind(t(t(A) %*% B), t(B) %*% B))`: forward stepwise regression tries `cbind(Xs, x_j)`
      for every candidate column `x_j`; `t(Xs) %*% Xs` is then computed once per step (and
      only `t(Xs) %*% x_j` and `t(x_j) %*% x_j` per candidate).
    * `t(rbind(A, B)) %*% rbind(A, B)` = `t(A) %*% A + t(B) %*% B`: incremental updates and
      cross-validation folds (the Gram matrix of the other folds from per-fold ones).
    * `X %*% cbind(Y, 1)` (a column of ones) = `cbind(X %*% Y, rowSums(X))`: an intercept
      column without materializing it.
    * `t(cbind(A, B)) %*% Y` = `rbind(t(A) %*% Y, t(B) %*% Y)` and `cbind(A, B) %*% V` =
      `A %*% V[top rows] + B %*% V[bottom rows]`: the right-hand side and the residual of a
      stepwise candidate reuse `t(Xs) %*% y` and never materialize `cbind(Xs, x_j)`.

    The rewrites keep the FLOPs of the original product (plus assembling the result from its
    blocks, quadratic in the result's size) and are part of `la-optimize`, before lineage CSE.

    Example:
    ```mlir
    %C = la.cbind %A, %b : tensor<?x?xf64>, tensor<?x1xf64>
    %Ct = la.transpose %C : tensor<?x?xf64>
    %G = la.matmul %Ct, %C : tensor<?x?xf64>, tensor<?x?xf64>
    ```
    becomes the four block products `t(A) %*% A`, `t(A) %*% b`, its transpose and
    `t(b) %*% b`, bound by `cbind` and `rbind`.
  }];
  let dependentDialects = ["::lauryn::la::LADialect", "::mlir::arith::ArithDialect",
                           "::mlir::tensor::TensorDialect"];
}

def SelectFormatsPass : Pass<"la-select-formats", "::mlir::ModuleOp"> {
  let summary = "Choose dense or CSR storage per matrix value from estimates and op costs";
  let description = [{
    Decides, value by value in program order, whether a matrix is stored dense or as CSR.
    It reads the estimates of `la-estimate-sparsity` (`#la.sparsity` on ops, `la.sparsity` on
    function arguments) and the ops' analytic costs (`CostOpInterface`: FLOPs and bytes read
    and written for the given shapes, densities and formats), which it turns into seconds
    with the target's rates (options below).

    A value's native format is what its producer yields given the formats already chosen for
    its operands: an la op's inferred result type (`X * Y` is CSR if either factor is, `X + 1`
    is dense, ...), or the declared type of a function argument, loop-carried value or call
    result; a product of two CSR matrices may also yield CSR directly (SpGEMM). The value is
    stored in the format `F` that minimises

      produce(F) + sum over uses of cost(user | this operand in F)

    where `produce(F)` is the producer's cost with its result in `F`, or in its native format
    plus a conversion; an la user costs one execution with its own result in its native format
    given `F`, times the trip counts of the loops around it (10 for a non-constant count); any
    other use (`func.return`, `scf.yield`, `func.call`, tensor ops) costs the conversion back
    to the type it was written with. A format the producer does not yield directly becomes an
    explicit `la.convert` after it (after the block's start for arguments); uses outside la
    receive the type they were written with, so signatures and loop types never change.

    Semantics: as in SystemDS, the implicit zeros of a CSR operand contribute nothing, also
    against Inf or NaN in the other operand of a product or element-wise multiply (dense
    storage gives NaN there). Results of programs whose values are finite do not depend on the
    chosen formats; with Inf or NaN they are those of the program with the chosen formats
    (`lauryn-run --emit-la` writes it).

    Values keep their native format when they have no estimate, a dynamic shape (the JIT
    runner specializes shapes and estimates from its actual inputs before it selects), an
    element type other than f64, f32, i64, i32, or a sparse encoding other than CSR. Written
    `la.convert` ops are kept.

    Example: `%P = la.matmul %A, %B` with `A` (1000x1000, 0.1 % non-zeros) used by `la.matmul
    %P, %X` with a dense 1000x100 `X`: the product costs 1e8 FLOPs dense and 1e5 on CSR, so
    `A` is converted once (`la.convert %A : tensor<1000x1000xf64> -> tensor<1000x1000xf64,
    #CSR>`) and the product reads CSR.
  }];
  let options = [
    Option<"bandwidth", "bandwidth", "double", /*default=*/"20.0",
           "Memory bandwidth in GB/s (generated triad on one core of this machine kind, "
           "`lauryn-run --calibrate --threads 1`; `--rates` passes a target's own)">,
    Option<"denseGflops", "dense-gflops", "double", /*default=*/"80.0",
           "GFLOP/s of dense kernels (OpenBLAS DGEMM on one core, notes/baselines.md)">,
    Option<"sparseGflops", "sparse-gflops", "double", /*default=*/"2.0",
           "GFLOP/s of CSR kernels (Lauryn's SpMV on one core, docs/benchmarks.md)">
  ];
  let dependentDialects = ["::lauryn::la::LADialect",
                           "::mlir::sparse_tensor::SparseTensorDialect",
                           "::mlir::tensor::TensorDialect"];
  let statistics = [
    Statistic<"numCSR", "csr-values", "Number of matrix values stored as CSR">,
    Statistic<"numDense", "dense-values", "Number of matrix values stored dense">,
    Statistic<"numConversions", "conversions", "Number of la.convert ops inserted">
  ];
}

#endif // LAURYN_DIALECT_LA_TRANSFORMS_PASSES_TD
