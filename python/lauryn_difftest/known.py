"""Mismatches found by the differential tester, with their reduced
reproducers in known/<id>/ (repro.mlir + argument files + args.json).

Each entry names the mismatch pattern (how a report is recognised), its
classification (compiler bug / reference-interpreter bug / outside the
spec) and, while it is open, the generator rule that leaves the trigger out
when `generate(..., avoid=KNOWN_IDS)` is used (the CI test does that, and
checks every open bug's reproducer as a strict xfail, so a fix shows up as
XPASS). A fixed bug names its fix in `fixed`; its reproducers stay as
regression tests that must pass, and the generator produces its trigger
again.
"""

import dataclasses
import pathlib
import re

HERE = pathlib.Path(__file__).resolve().parent / "known"


@dataclasses.dataclass
class KnownBug:
    id: str
    classification: str
    summary: str
    avoided_by: str
    pattern: str            # regex over "kind: description" of one mismatch
    variants: tuple = ("noopt", "opt", "opt-t2", "formats", "fuse-all", "fuse-heuristic",
                       "fuse-none", "reuse-all")
    fixed: str = ""         # how it was fixed (empty while open)

    def matches(self, variant, kind, description):
        if self.pattern is None:  # recognised by its reproducer only
            return False
        return re.search(self.pattern, f"{kind}: {description}", re.S) is not None

    @property
    def directory(self):
        return HERE / self.id


KNOWN = [
    KnownBug(
        id="zero-extent-slice",
        classification="compiler bug",
        summary=("A zero-extent piece whose static offset equals the static size of its "
                 "dimension (la.slice [k, k) with k = rows or cols, la.insert of an empty "
                 "source at the end, la.rbind/la.cbind with an operand or a kept dimension "
                 "of size 0) is lowered to tensor.extract_slice / tensor.insert_slice with "
                 "offset == size, which MLIR's verifier rejects ('offset 0 is out-of-bounds: "
                 "2 >= 2'); lauryn-run fails to compile a valid program (the la verifier and "
                 "the reference accept it: the range [k, k) is empty and in bounds). Static "
                 "sizes come from the types or from specializing to the arguments' shapes "
                 "(--no-specialize hides it when the types are dynamic)."),
        avoided_by=("slice begins < size, no slicing of matrices with a 0 dimension, no "
                    "insert of an empty source, no bind operand with a 0 dimension"),
        pattern=r"^lauryn-error: .*error: offset \d+ is out-of-bounds: (\d+) >= \1\b",
        fixed=("convert-la-to-linalg emits no slice op for a piece known to be empty (a constant 0 size, or a constant offset at or past a static dimension size): ReorganisationToLinalg.cpp isEmptyPiece")),
    KnownBug(
        id="sparse-div-kernel",
        classification="compiler bug",
        summary=("A floating-point division kernel whose result is stored as CSR crashes "
                 "lauryn-run with a segmentation fault while lowering (a greedy rewrite "
                 "creating memref.store inside lowerToLLVMDialect, i.e. the sparsifier), with "
                 "and without --no-optimize: la.div / la.intdiv of f64 or f32 with a written "
                 "CSR result type (`la.div %X, %Y : tensor<?x?xf64>, tensor<?x?xf64> -> "
                 "tensor<?x?xf64, #CSR>`, allowed: an explicit result type may choose the "
                 "format), la.convert to CSR of a div / intdiv result, and la.convert to CSR "
                 "of la.mean row / col (its division by n) when the shapes are not "
                 "specialized (--no-specialize, or inside a called function). Integer "
                 "div/intdiv and the other kernels (exp, pow, mod, comparisons, ...) work: "
                 "lauryn-shield-sparse-conversions (docs/testing.md, the la.exp crash) does not "
                 "cover division."),
        avoided_by=("no CSR result (written type or la.convert) of a float div / intdiv / "
                    "mean row|col / var row|col, or of an element-wise chain over one"),
        pattern=r"^crash: signal 11\b.*memref::StoreOp::create.*lowerToLLVMDialect",
        fixed=("lauryn-shield-sparse-conversions treats divisions as not modeled by the merger (it accepts x / y only for a divisor that cannot be zero)")),
    KnownBug(
        id="sparse-vector-broadcast",
        classification="compiler bug",
        summary=("An element-wise op of a CSR matrix and a dense row or column vector "
                 "(typed 1 in the broadcast dimension) with a dense result crashes the "
                 "sparsifier (segmentation fault in sparse_tensor::LoopEmitter::"
                 "emitForLoopOverTensorAtLvl, arith.subi creation) for some combinations of "
                 "static and dynamic dimensions: `la.add %d, %S : tensor<?x1xf32>, "
                 "tensor<7x?xf32, #CSR> -> tensor<7x?xf32>` with S of run-time shape 7x1 "
                 "(every variant), `la.add %d, %S : tensor<?x1xf64>, tensor<?x?xf64, #CSR>` "
                 "under --no-specialize, and inside scf.for bodies, whose shapes are not "
                 "specialized. With a CSR result (la.mul %S, %row) it works."),
        avoided_by="no CSR operand next to a broadcast vector operand when the result is dense",
        pattern=r"^crash: signal 11\b.*sparse_tensor::LoopEmitter::emitForLoopOverTensorAtLvl",
        fixed=("convert-la-to-linalg keeps a CSR operand of la.add / la.sub sparse only when every operand has the result's shape; a broadcast operand densifies it")),
    KnownBug(
        id="sparse-1x1-broadcast",
        classification="compiler bug",
        summary=("An element-wise op with a 1x1-typed matrix operand (broadcast along both "
                 "dimensions) and a CSR result crashes the sparsifier (segmentation fault in "
                 "sparse_tensor::IterationGraphSorter::addConstraints), in every variant: "
                 "`la.mul %S, %b : tensor<?x?xf64, #CSR>, tensor<1x1xf64>` (inferred CSR), "
                 "or `la.mod %X, %b : tensor<1x?xf64>, tensor<1x1xf64> -> tensor<1x?xf64, "
                 "#CSR>` (requested CSR). Row/column vectors work there. The same crash: "
                 "an element-wise kernel on a CSR matrix typed 1x1 feeding a CSR matmul "
                 "(`%n = la.neg %S : tensor<1x1xi64, #CSR> -> tensor<1x?xi64, #CSR>` then "
                 "`la.matmul %n, %n`; the matmul of the parameter itself works)."),
        avoided_by=("no 1x1-typed operand next to a CSR operand or result; no CSR value "
                    "typed 1x1 (written as ?x1 instead)"),
        pattern=r"^crash: signal 11\b.*sparse_tensor::IterationGraphSorter::addConstraints",
        fixed=("lauryn-shield-sparse-conversions keeps kernels with a broadcast operand (a "
               "constant index in an indexing map) dense before their conversion to CSR; "
               "convert-la-to-linalg reads a 1x1 operand as a scalar (a sparse kernel la.mul "
               "%S, %b with b 1x1 crashed the same way: seed 40879, reproducer "
               "csr-times-1x1-in-loop); the cell-operator lowering of la-fuse reads a 1x1 "
               "operand as a scalar too (seed 52536 of the long run on cac5596: "
               "floor(S * m) with S CSR ?x2 and m 1x1 fused into a cell operator, reproducer "
               "seed52536)")),
    KnownBug(
        id="csr-matmul-into-rbind",
        classification="compiler bug (wrong result)",
        summary=("WRONG VALUES: an i64 CSR x CSR la.matmul with a CSR result, bound below two "
                 "dense matrices by la.rbind (dense result), gives cells that are "
                 "uninitialised memory (139919456410992 where the reference and NumPy give 0) "
                 "with --no-optimize and wrong numbers (50 vs 0) with the default pipeline. "
                 "la.rbind of a dense and a CSR parameter is right; found once in 1500 "
                 "programs (seed 5421), not yet narrowed down further."),
        avoided_by="nothing yet (rare)",
        pattern=None,
        fixed=("lauryn-shield-sparse-conversions: densifying a kernel that writes a fresh CSR tensor makes it write a zero-filled dense tensor (the sparsifier's own fold gave it an uninitialized one)")),
    KnownBug(
        id="sparse-storage-specifier-legalization",
        classification="compiler bug",
        summary=("`la.mul %d, %S : tensor<?x1xi64>, tensor<?x1xi64, #CSR> -> tensor<?x1xi64, "
                 "#CSR>` where S = la.convert of an integer la.pow result fails to compile "
                 "with --no-optimize (an unrealized_conversion_cast of the sparse storage "
                 "still has a live user sparse_tensor.storage_specifier.get: the sparse "
                 "codegen's legalization fails); the default pipeline removes the dead op. "
                 "Found once in 1500 programs (seed 5432)."),
        avoided_by="nothing yet (rare)",
        pattern=r"^lauryn-error: .*storage_specifier",
        fixed=("lauryn-shield-sparse-conversions erases trivially dead ops first (a dead tensor.dim hid the kernel from the shield)")),
    KnownBug(
        id="row-template-dense-transpose-of-csr",
        classification="compiler bug",
        summary=("`t(A) %*% y` where la-select-formats made A CSR but stored t(A) densely: the "
                 "row template read A's stored entries only, skipping the implicit zeros the "
                 "program multiplies (0 * NaN is NaN in the dense t(A)): a finite result where "
                 "the decided program gives NaN. Long run on 629aaff, seed 50703 (also 52442)."),
        avoided_by="nothing (fixed)",
        pattern=None,
        fixed=("la-fuse forms no row operator around t(A) %*% y when t(A) of a CSR A is dense-typed, and bypasses only conversions to a sparse t(A) (Fuse.cpp formRowOperator); test/Transforms/fuse.mlir @row_dense_transpose_of_csr")),
    KnownBug(
        id="loop-shared-sparse-empty",
        classification="compiler bug",
        summary=("A sparse-output kernel in a loop body (`acc = X - acc` over CSR values in an "
                 "scf.for) and an equal one before the loop (`la.sub %X, %X`, dead) had their "
                 "`tensor.empty` merged by CSE into one empty before the loop; the sparsifier "
                 "then allocated the loop kernel's output storage once, and every iteration "
                 "inserted into what the previous ones left (and read freed buffers after "
                 "reallocations): wrong values that varied from run to run, with --no-optimize "
                 "(the default pipeline removes the dead kernel first). Long run on 629aaff, "
                 "seed 50196; reduced with a 5-runs-per-check predicate."),
        avoided_by="nothing (fixed)",
        pattern=None,
        fixed=("lauryn-unshare-sparse-empties clones a sparse tensor.empty into the block of a kernel that uses it from another block (a loop body); test/Pipelines/unshare-sparse-empties.mlir")),
    KnownBug(
        id="sparse-stored-computed-zero",
        classification="compiler bug",
        summary=("Sparse kernels stored the zeros they computed: `X - X` over a CSR X (from "
                 "--select-formats) kept X's pattern with zero values, and the product of that "
                 "CSR value with a dense matrix holding NaN/Inf gave 0 * NaN = NaN, while the "
                 "reference (SciPy, like SystemDS) stores no computed zero and gives 0. Long run on "
                 "629aaff, seed 51246 (variant formats)."),
        avoided_by="nothing (fixed)",
        pattern=None,
        fixed=("A sparse value never stores a computed zero: element-wise and fused kernels with a "
               "sparse result keep a value only where it is not zero (sparse_tensor.select, "
               "LoweringUtils keepNonZero), sparse products and the outer template's sparse map "
               "drop the zeros of cancelling sums in one more sparse kernel (dropStoredZeros); "
               "test/Tools/lauryn-run/sparse-computed-zeros.test")),
    KnownBug(
        id="csr-transpose-of-sparse-product",
        classification="compiler bug",
        summary=("The transpose of a CSR product computed by the sparsifier (integer or "
                 "dynamic-shape SpGEMM), e.g. `la.transpose (la.matmul %A, %A)` with A CSR under "
                 "--select-formats, failed to compile (an unrealized_conversion_cast of the sparse "
                 "storage stayed live): the transpose converts its CSR input to CSC, and the "
                 "sparsifier's FoldConvertIntoProducer made the SpGEMM kernel write the CSC "
                 "result directly, out of its loop order. Found in the long run (seed 70036; "
                 "also on 629aaff)."),
        avoided_by="nothing (fixed)",
        pattern=r"^lauryn-error: .*unresolved materialization .*storage_specifier",
        fixed=("lauryn-shield-sparse-conversions gives a sparse kernel with a reduction whose result is converted to another level order a zero-filled dense destination (ShieldSparseConversions.cpp accumulateDensely); test/Pipelines/shield-sparse-conversions.mlir")),
    KnownBug(
        id="csr-broadcast-structural-zero",
        classification="compiler bug",
        summary=("`la.mul %r, %c : tensor<1x?xf64, #CSR>, tensor<?x1xf64>` (a CSR row vector "
                 "broadcast against a column vector holding NaN) gave NaN where the CSR operand "
                 "has implicit zeros: the lowering densifies a broadcast sparse operand, and "
                 "0 * NaN is NaN, while la's semantics (and the reference) make implicit zeros "
                 "structural. Found in the 10,000-program run (seed 56767, --no-optimize)."),
        avoided_by="nothing (fixed)",
        pattern=r"^value: .*NaN at .*: nan vs reference 0\.0",
        fixed=("ElementwiseToLinalg: a sparse operand of a float x * y or x & y that is densified keeps its zeros structural (select(x == 0, 0, x * y)); test/Tools/lauryn-run/structural-zeros.test")),
    KnownBug(
        id="sparse-size-query-legalization",
        classification="compiler bug",
        summary=("With --no-optimize, a dead `la.sub %d, %S` whose S is la.convert to CSR (of a "
                 "reshape) failed to compile: the sub's run-time size check queried the CSR "
                 "value's rows (tensor.dim), which kept the conversion alive after the dead "
                 "kernel was erased, and the sparse code generator could not legalize it "
                 "('unresolved materialization ... storage_specifier'). Found in the "
                 "10,000-program run (seed 57951)."),
        avoided_by="nothing (fixed)",
        pattern=r"^lauryn-error: .*unresolved materialization",
        fixed=("convert-la-to-linalg asks a conversion's source for sizes (Lowering::dim looks through la.convert and sparse_tensor.convert)")),
    KnownBug(
        id="sparse-shape-only-conversion",
        classification="compiler bug",
        summary=("Under --select-formats, `la.convert %t : tensor<?x?xf64> -> tensor<?x?xf64, #CSR>` "
                 "whose operand la-select-formats made CSR (and the JIT made static) only forgot "
                 "static sizes; lowered as a tensor.cast of a CSR value, the sparsifier's rewrites "
                 "folded it into the producing kernel, leaving `tensor.empty() : "
                 "tensor<?x?xf64, #CSR>` without sizes ('incorrect number of dynamic sizes'). "
                 "Found in the 10,000-program run on dc62b6d (seed 50401); again on 629aaff (seed "
                 "51773) for a conversion the function returns (static CSR result, dynamic "
                 "return type)."),
        avoided_by="nothing (fixed)",
        pattern=r"^lauryn-error: .*'tensor.empty' op incorrect number of dynamic sizes",
        fixed=("la-select-formats drops a conversion between values of one format when only la ops use it (SelectFormats.cpp dropShapeOnlyConversions); test/Transforms/select-formats.mlir. "
               "Conversions and casts that remain (a returned value) get a destination of their shape, with sizes, before the sparsifier folds them (ShieldSparseConversions.cpp matchDestinationShape); test/Pipelines/shield-sparse-conversions.mlir")),
    KnownBug(
        id="sparse-kernel-comparison",
        classification="compiler bug",
        summary=("Under --select-formats, la-fuse formed a cell operator over a CSR driver whose "
                 "body held a comparison (`la.gt`, lowered to cmpf + select) -- sparse-safe, since "
                 "the result is multiplied by the driver -- but the sparsifier cannot compute a "
                 "select in a sparse kernel, left the kernel unsparsified, and bufferization "
                 "failed ('failed to legalize operation bufferization.to_tensor'). Found in the "
                 "10,000-program run on dc62b6d (seeds 50131, 50477)."),
        avoided_by="nothing (fixed)",
        pattern=r"^lauryn-error: .*failed to legalize operation 'bufferization.to_tensor'",
        fixed=("la-fuse forms a cell operator over a sparse driver only if the sparsifier models its body: zero-preserving arithmetic on the driver's values, no comparison or select anywhere (Fuse.cpp sparsifierModelsBody); test/Transforms/fuse.mlir")),
    KnownBug(
        id="csr-broadcast-select-in-sparse-kernel",
        classification="compiler bug",
        summary=("A regression of the csr-broadcast-structural-zero fix: `la.mul %X, %c` with CSR "
                 "X and a broadcast CSR column c kept X sparse and put the select that keeps c's "
                 "implicit zeros structural into the sparse kernel, which the sparsifier cannot "
                 "compute ('failed to legalize operation bufferization.to_tensor'). Found in the "
                 "10,000-program run on dc62b6d (seed 50149)."),
        avoided_by="nothing (fixed)",
        pattern=r"^lauryn-error: .*failed to legalize operation 'bufferization.to_tensor'",
        fixed=("ElementwiseToLinalg: a densified (broadcast) sparse operand of x * y makes the whole kernel dense; test/Tools/lauryn-run/structural-zeros.test")),
    KnownBug(
        id="sparse-outer-product",
        classification="compiler bug",
        summary=("`la.maximum %r, %c : tensor<1x7xf64, #CSR>, tensor<7x1xf64, #CSR> -> "
                 "tensor<7x7xf64, #CSR>` (an outer-product broadcast of two CSR vectors, here "
                 "in a called function) crashes the sparsifier (segmentation fault in "
                 "sparse_tensor::LoopEmitter::genAffine). Found once in 1500 programs "
                 "(seed 5405)."),
        avoided_by="nothing yet (rare)",
        pattern=r"^crash: signal 11\b.*sparse_tensor::LoopEmitter::genAffine",
        fixed=("the broadcast rule of lauryn-shield-sparse-conversions (as sparse-1x1-broadcast)")),
    KnownBug(
        id="csr-ifelse-of-sum",
        classification="compiler bug (wrong result)",
        summary=("WRONG VALUES: `la.ifelse %c, %a, %b` with CSR operands where the condition "
                 "is itself a CSR kernel (`%c = la.add %x, %y` on CSR matrices) returns b's "
                 "value where c is non-zero and a has an implicit zero (2.0 instead of 0.0), "
                 "in every variant; the same ifelse on CSR parameters is right. Found once "
                 "in 1500 programs (seed 6375)."),
        avoided_by="nothing yet (rare)",
        pattern=None,
        fixed=("new pass lauryn-unshare-sparse-empties: CSE had merged the empty CSR outputs of la.sub and la.add, and the sparsifier inserted both kernels' entries into one storage")),
    KnownBug(
        id="strided-result-copy",
        classification="compiler bug (wrong result)",
        summary=("WRONG VALUES: an entry point with a CSR parameter returning a column slice "
                 "of a dense parameter (`la.slice %a0, 0, 4, 0, 1` of a 4x4 matrix) returned "
                 "the first row instead of the first column, in every variant. With a CSR "
                 "parameter the entry sits behind the sparse assembler's wrapper, which copies "
                 "the private entry's non-owned result; bufferization had cast the strided view "
                 "to an identity layout, so the copy was a flat memcpy. Found once in 1000 "
                 "programs (seed 40992)."),
        avoided_by="",
        pattern=None,
        fixed=("new pass lauryn-copy-strided-results: a view reaching func.return through a "
               "layout cast is returned as a contiguous copy")),
    KnownBug(
        id="signed-zero-min-max",
        classification="compiler bug (wrong result)",
        summary=("WRONG VALUES: la.minimum / la.maximum returned the second operand when the "
                 "operands are zeros of opposite signs (min(-0, +0) = +0), visible through "
                 "x^-3 as +inf instead of -inf. Upstream arith-expand, run before the LLVM "
                 "conversion, expands arith.minimumf / maximumf into compare + select, which "
                 "ignores signed zeros. Found once in 500 programs (seed 50082)."),
        avoided_by="",
        pattern=None,
        fixed=("new pass lauryn-expand-integer-divisions replaces arith-expand in the CPU "
               "pipeline: only the rounding integer divisions are expanded, minimumf / "
               "maximumf lower to llvm.minimum / llvm.maximum")),
    KnownBug(
        id="specialized-csr-loop-cast",
        classification="compiler bug (crash: invalid IR)",
        summary=("lauryn-run (default pipeline, shape specialization on) failed with "
                 "\"'tensor.empty' op incorrect number of dynamic sizes\" for a CSR "
                 "parameter carried through an scf.for: the loop carried the specialized "
                 "static type, the body yielded a cast of a dynamically typed kernel result, "
                 "and pre-sparsification-rewrite folded that cast into the kernel's dynamic "
                 "tensor.empty. --no-optimize / --no-specialize were fine. Found once in 500 "
                 "programs (seed 50645)."),
        avoided_by="",
        pattern=None,
        fixed=("new pass lauryn-relax-sparse-loop-types: sparse iteration arguments carry "
               "the type their body computes, the casts move outside the loop")),
    KnownBug(
        id="row-template-per-row-cell",
        classification="compiler bug",
        summary=("la-fuse took an element-wise op of per-row values alone (`la.sigmoid` of an m x 1 "
                 "`rowProds(A)`, typed ?x?) for a cell of A's m x n space and formed a row operator "
                 "that averaged A's 6 columns where the value has 1: shape (1, 6) vs (1, 1). Found "
                 "in the 10,000-program run on 7a0e8ae (seed 50334)."),
        avoided_by="nothing (fixed)",
        pattern=r"^value: result #\d+ .*shape \(1, \d+\) vs reference \(1, 1\)",
        fixed=("getRowStep (LAFusedOp.cpp): an m x n cell step needs an m x n operand or an m x 1 "
               "and a 1 x n operand; test/Transforms/fuse.mlir row_per_row_values")),
    KnownBug(
        id="row-template-unequal-columns",
        classification="compiler bug",
        summary=("la-fuse formed a row operator from `rowSums(cbind(A, A, A)^2) + B` with A 8 x 6 "
                 "and B 8 x 4: the row reduction's input, typed ?x?, was taken for a matrix of "
                 "B's 8 x 4 space; at run time the operator's column check failed (18 vs 4), "
                 "with --reuse-margin=0 the static cast of its result did not compile. Found by "
                 "a 150-program reuse-all run (seed 990037); also on ce76994. Second case (seed "
                 "52209 of the long run on de522e7, after the first fix): max(X %*% v, w), X "
                 "1 x 8, w typed 1 x ? and 1 x 1 at run time (size-1 dimensions are not "
                 "specialized), taken for a cell of X's space; the first case also came back "
                 "without specialization."),
        avoided_by="nothing (fixed)",
        pattern=r"operands of the fused row operator have different column counts",
        fixed=("la-fuse checks every member of a row operator against the shapes the "
               "arguments imply (rowStepsHold on a ShapeRefinement copy) and forms it only if "
               "the sizes its lowering checks are provably equal (sizesProvablyFit, "
               "DimClasses.cpp: equalities from the la type rules and static sizes); "
               "test/Transforms/fuse.mlir row_unequal_columns, row_dynamic_unequal_columns, "
               "row_unrelated_columns")),
    KnownBug(
        id="mnc-broadcast-zero-extent",
        classification="compiler bug",
        summary=("With --select-formats, the MNC estimator broadcast the sketch of a 0 x 0 "
                 "matrix reshaped to 8 x 0 (the sketch kept 0 x 0) to 8 x 0 for `la.or` and read "
                 "past its counts: the compiler crashed (signal 11). Found by a 200-program run "
                 "(seed 880131); also on ce76994."),
        avoided_by="nothing (fixed)",
        pattern=r"^crash: signal 11",
        fixed=("broadcastSketch (MNCSketch.cpp) repeats only dimensions of size 1 and gives an "
               "empty or non-broadcasting operand empty counts; "
               "test/Tools/lauryn-run/select-formats-zero-extent.test")),
    KnownBug(
        id="shared-kernel-into-sparse-conversion",
        classification="compiler bug",
        summary=("A dense kernel (`la.sign`, a select in its body) converted to CSR and also used "
                 "densely (inserted into) was folded by the sparsifier into a sparse-output "
                 "kernel; its dense user then met sparse storage ('failed to legalize unresolved "
                 "materialization ... that remained live'). Found in the 10,000-program run on "
                 "7a0e8ae (seed 50539), in every variant."),
        avoided_by="nothing (fixed)",
        pattern=r"^lauryn-error: .*failed to legalize unresolved materialization",
        fixed=("lauryn-shield-sparse-conversions gives a kernel with other users a zero-filled "
               "destination, so the fold skips it (ShieldSparseConversions.cpp); "
               "test/Pipelines/shield-sparse-conversions.mlir")),
]

OPEN = [b for b in KNOWN if not b.fixed]
FIXED = [b for b in KNOWN if b.fixed]
KNOWN_IDS = tuple(b.id for b in OPEN)  # what the generator avoids


def classify(mismatches):
    """The known bug ids explaining every (variant, kind, description) of a
    report, or None if one of them is not explained."""
    ids = set()
    for v, k, d in mismatches:
        hit = [b.id for b in OPEN if b.matches(v, k, d)]
        if not hit:
            return None
        ids.update(hit)
    return sorted(ids)
