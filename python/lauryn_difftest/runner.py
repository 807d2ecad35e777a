"""Runs one program three ways and compares the outcomes.

    (a) lauryn-run --no-optimize            variant "noopt"
    (b) lauryn-run (default pipeline)       variants "opt" (--threads 1) and "opt-t2" (--threads 2)
        lauryn-run --fuse=all|heuristic|none variants "fuse-all", "fuse-heuristic", "fuse-none"
                                            (fusion plan selectors; the default is cost)
        lauryn-run --select-formats         variant "formats" (la-select-formats, 2 threads;
                                            sparse dense inputs passed as .mtx, i.e. CSR)
    (c) the reference interpreter lauryn_ref (the oracle)

Inputs go to files (.npy for dense matrices, .mtx written by scipy.io.mmwrite
with precision=17 for CSR ones, numbers as text); matrix results come back
through `-o` (.npy for dense, .mtx for CSR result types), scalars from the
printed `result #k: v` lines (17 significant digits).

The tolerance rules are in `tolerance()` and `compare_values()`; error
outcomes are compared by `compare_outcomes()`.
"""

import dataclasses
import pathlib
import re
import subprocess
import sys
import tempfile

import numpy as np
import scipy.io
import scipy.sparse

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
import lauryn_ref  # noqa: E402
from lauryn_ref import LaurynRefError  # noqa: E402

VARIANTS = {
    "noopt": ["--no-optimize"],
    "opt": ["--threads", "1"],
    "opt-t2": ["--threads", "2"],
    # formats chosen by la-select-formats from estimates of the actual inputs
    "formats": ["--select-formats", "--threads", "2"],
    # the other fusion plan selectors ("opt" uses the default, cost)
    "fuse-all": ["--fuse=all", "--threads", "2"],
    "fuse-heuristic": ["--fuse=heuristic", "--threads", "1"],
    "fuse-none": ["--fuse=none", "--threads", "2"],
    # every value la-insert-reuse can cache is cached (margin 0), and the
    # program runs twice in one process: the second call's results come from
    # the lineage cache
    "reuse-all": ["--reuse-margin=0", "--calls", "2", "--threads", "2"],
    # not run by default (--variants): compiled for the declared types only
    "nospec": ["--no-specialize", "--threads", "1"],
}
DEFAULT_VARIANTS = ("noopt", "opt", "opt-t2", "formats", "fuse-all", "fuse-heuristic", "fuse-none",
                    "reuse-all")
# Variants whose dense matrix inputs go as .mtx files where that keeps their
# values (held as CSR by the runner: CSR parameters under --select-formats).
SPARSE_FILE_VARIANTS = {"formats"}
TIMEOUT = 120
NP_TYPES = {"f64": np.float64, "f32": np.float32, "i64": np.int64, "i32": np.int32}


def build_dir():
    return lauryn_ref.program.build_dir()


def lauryn_run_path():
    return build_dir() / "bin" / "lauryn-run"


# ---------------------------------------------------------------- the rules

def tolerance(et, exact):
    """Relative tolerance of one result of element type `et`.

    exact: the result's bits do not depend on evaluation order or libm (the
    generator marks every value computed by a float reduction -- sum, mean,
    var, prod, sumsq --, float matmul, solve, exp/log/sigmoid/sin/cos/tan/
    tanh, float pow, normal rand, or a loop over floats as inexact, and
    everything computed from it).

    Rules:
      * integer element types (i64, i32, also nnz results): always exact (0),
        integer arithmetic wraps, so even reductions in another order give
        the same bits;
      * exact float results: 0 (IEEE-754 element-wise ops, min/max, casts,
        reorganisation and generators are bit-reproducible);
      * inexact f64: 1e-9 (summation order differs between the reference's
        pairwise NumPy sums, the compiled loops and their parallel version;
        ~n*eps per reduction, amplified by a few chained ops);
      * inexact f32: 2e-3 (eps is 6e-8; the same argument with reductions of
        up to ~10^3 cells and chains of a few ops).
    The error is measured by compare_values(): NaN equals NaN, infinities must
    agree in position and sign, and the largest difference of the finite
    cells is divided by the largest finite magnitude of the result (of
    either side), so cancellation in one cell does not count against it.
    """
    if et not in ("f64", "f32", "bf16"):
        return 0.0
    if exact:
        return 0.0
    return {"f64": 1e-9, "f32": 2e-3, "bf16": 0.06}[et]


def dense(v):
    if scipy.sparse.issparse(v):
        return np.asarray(v.toarray())
    return np.asarray(v)


def compare_values(got, want, tol):
    """None if `got` agrees with `want` (the reference) within `tol` (see
    tolerance()), else a short description of the difference."""
    g, w = dense(got), dense(want)
    if g.shape != w.shape:
        return f"shape {g.shape} vs reference {w.shape}"
    if g.dtype.kind in "iu" and w.dtype.kind in "iu":
        if not np.array_equal(g.astype(np.int64), w.astype(np.int64)):
            k = np.argwhere(g.astype(np.int64) != w.astype(np.int64))[0]
            return f"integer cell {tuple(k)}: {g[tuple(k)]} vs reference {w[tuple(k)]}"
        return None
    g, w = g.astype(np.float64), w.astype(np.float64)
    gn, wn = np.isnan(g), np.isnan(w)
    if not np.array_equal(gn, wn):
        k = tuple(np.argwhere(gn != wn)[0])
        return f"NaN at {k}: {g[k]} vs reference {w[k]}"
    gi, wi = np.isinf(g), np.isinf(w)
    if not np.array_equal(gi, wi) or not np.array_equal(g[gi], w[wi]):
        k = tuple(np.argwhere((gi != wi) | (gi & (g != w)))[0])
        return f"infinity at {k}: {g[k]} vs reference {w[k]}"
    fin = ~(gn | gi)
    if not fin.any():
        return None
    diff = np.abs(g[fin] - w[fin])
    if tol == 0.0:
        if np.any(diff != 0):
            k = tuple(np.argwhere(fin & (g != w))[0])
            return f"cell {k}: {g[k]!r} vs reference {w[k]!r} (exact result)"
        return None
    scale = max(np.max(np.abs(g[fin])), np.max(np.abs(w[fin])), np.finfo(np.float64).tiny)
    err = np.max(diff) / scale
    if err > tol:
        k = tuple(np.argwhere(fin)[np.argmax(diff)])
        return f"relative error {err:.3e} > {tol:g} at {k}: {g[k]!r} vs reference {w[k]!r}"
    return None


@dataclasses.dataclass
class Outcome:
    kind: str                 # "ok", "error" (run-time error), "crash", "timeout", "reject"
    results: list = None
    op: str = None            # failing op (errors)
    line: int = None          # its line in the program
    message: str = ""
    nonfinite: bool = False   # the reference computed NaN or Inf somewhere


def differ_only_at_nonfinite(a, b, result_info):
    """True if the successful outcomes `a` and `b` (of one program in two
    formats) agree, within the tolerance, at every cell where both are
    finite: formats may decide only where Inf or NaN meet zeros."""
    if a.kind != "ok" or b.kind != "ok" or len(a.results) != len(b.results):
        return False
    for x, y, (et, exact) in zip(a.results, b.results, result_info):
        x, y = dense(x), dense(y)
        if x.shape != y.shape:
            return False
        if x.dtype.kind not in "fc" or y.dtype.kind not in "fc":
            if not np.array_equal(x, y):
                return False
            continue
        both = np.isfinite(x) & np.isfinite(y)
        if compare_values(x[both], y[both], tolerance(et, exact)) is not None:
            return False
    return True


def compare_outcomes(got, want, result_info):
    """None if the lauryn-run outcome `got` agrees with the reference outcome
    `want`, else (kind, description). Both must succeed (and then agree per
    result by compare_values with tolerance()) or both fail with a run-time
    error (kinds: "lauryn-error" only lauryn-run fails, "ref-error" only the
    reference fails, "crash"/"timeout" lauryn-run died); when both failing ops are known, they must be the same op (by
    name and source line)."""
    if want.kind == "error" or got.kind == "error":
        if want.kind != got.kind:
            if want.kind == "error" and got.kind == "ok":
                return "ref-error", (f"reference fails ({want.message.strip()[:300]}), "
                                     f"lauryn-run succeeds")
            if want.kind == "error":
                return got.kind, got.message.strip()[:2500]
            return "lauryn-error", (f"lauryn-run fails ({got.message.strip()[-600:]}), "
                                    f"reference succeeds")
        if got.op and want.op and (got.op != want.op or
                                   (got.line and want.line and got.line != want.line)):
            return "error-op", (f"lauryn-run fails at {got.op} line {got.line}, reference at "
                                f"{want.op} line {want.line}: {got.message.strip()[-300:]}")
        return None
    if got.kind != "ok":
        return got.kind, got.message.strip()[:2500]
    if len(got.results) != len(want.results):
        return "value", f"{len(got.results)} results vs reference {len(want.results)}"
    for k, (g, w, (et, exact)) in enumerate(zip(got.results, want.results, result_info)):
        d = compare_values(g, w, tolerance(et, exact))
        if d:
            return "value", f"result #{k} ({et}, {'exact' if exact else 'inexact'}): {d}"
    return None


# ------------------------------------------------------------- program info

TYPE_RE = re.compile(r"tensor<[^>]*>|[a-z]\w*")


def split_types(s):
    return TYPE_RE.findall(s)


def main_return(text):
    """(operand names, types) of @main's return."""
    body = text.split("func.func @main", 1)[1]
    m = re.search(r"^\s*return (.*?) : (.*)$", body, re.M)
    return [x.strip() for x in m.group(1).split(",")], split_types(m.group(2))


def element_type(t):
    m = re.match(r"tensor<(?:[\d?]+x)*(\w+)", t)
    return m.group(1) if m else t


PRECISION = {"f64": 2, "f32": 1, "bf16": 0}


def lowest_inexact_precision(defs, name, seen):
    """The lowest float precision ("f32", "bf16") of an inexact line that
    `name` is computed from, or None: an f64 result of an inexact f32 value
    (a cast after sin, say) carries f32 rounding differences."""
    if name in seen or name not in defs:
        return None
    seen.add(name)
    line = defs[name]
    low = None
    if "// inexact" in line:
        low = "bf16" if "bf16" in line else "f32" if "f32" in line else None
    for operand in re.findall(r"%[\w$.\-]+", line.split("=", 1)[1]):
        other = lowest_inexact_precision(defs, operand, seen)
        if other and (low is None or PRECISION[other] < PRECISION[low]):
            low = other
    return low


def result_info(text):
    """[(element type for the tolerance, exact)] of @main's results; a value
    is inexact when the line defining it carries the generator's `// inexact`
    mark, and gets the tolerance of the lowest float precision of the inexact
    values it is computed from."""
    names, types = main_return(text)
    body = text.split("func.func @main", 1)[1]
    defs = {m.group(1): m.group(0) for m in
            re.finditer(r"^\s*(%[\w$.\-]+)(?::\d+)? = .*$", body, re.M)}
    info = []
    for n, t in zip(names, types):
        base = n.split("#")[0]
        line = defs.get(base)
        exact = not (line and "// inexact" in line)
        et = element_type(t)
        if not exact and et in PRECISION:
            low = lowest_inexact_precision(defs, base, set())
            if low and PRECISION[low] < PRECISION[et]:
                et = low
        info.append((et, exact))
    return info


def op_at_line(text, line):
    lines = text.splitlines()
    if line and 0 < line <= len(lines):
        m = re.search(r"= ((?:la|scf|func|arith|tensor)\.\w+)", lines[line - 1])
        return m.group(1) if m else None
    return None


# ------------------------------------------------------------------ running

def sparse_file_ok(v):
    """True if the dense array `v` may travel as a Matrix Market file (read
    as CSR): a matrix, less than half non-zero, no negative zeros (a file
    keeps only the non-zeros, and -0 would come back as +0)."""
    if v.ndim != 2 or v.size == 0:
        return False
    if np.issubdtype(v.dtype, np.floating) and np.any((v == 0) & np.signbit(v)):
        return False
    return np.count_nonzero(v) < 0.5 * v.size


def write_args(args, tmp, sparse_files=False):
    """--arg NAME=VALUE strings, matrices written to files in tmp. With
    sparse_files, dense matrices that allow it go as .mtx (the runner then
    holds them as CSR: lauryn-run --select-formats compiles CSR parameters
    for them)."""
    out = []
    for name, v in args.items():
        if scipy.sparse.issparse(v) or (sparse_files and isinstance(v, np.ndarray)
                                         and sparse_file_ok(v)):
            path = tmp / f"{'sarg' if sparse_files else 'arg'}_{name}.mtx"
            scipy.io.mmwrite(str(path), scipy.sparse.coo_matrix(v), precision=17)
            v = path
        elif isinstance(v, np.ndarray):
            path = tmp / f"arg_{name}.npy"
            np.save(path, v)
            v = path
        elif isinstance(v, (float, np.floating)):
            v = repr(float(v))
        else:
            v = str(int(v))
        out += ["--arg", f"{name}={v}"]
    return out


def crash_summary(signal, output):
    """`signal N`, the messages before the stack dump and the symbolized
    frames (function names only, innermost first) of a crash."""
    head, frames = [], []
    for line in output.splitlines():
        m = re.match(r"\s*#\d+ 0x[0-9a-f]+ (.*?)(?: \(/[^()]*\+0x[0-9a-f]+\))?$", line)
        if m:
            if not m.group(1).startswith("("):
                frames.append(re.sub(r"\(.*\)", "()", m.group(1)))
        elif not line.startswith(("PLEASE", "Stack dump", "0.\t", "1.\t", "2.\t")):
            head.append(line)
    return (f"signal {signal}\n" + "\n".join(head[:10]) + "\nframes: " +
            " <- ".join(frames[3:20]))


def run_lauryn(path, text, arg_flags, flags, tmp, tag):
    names, types = main_return(text)
    outs = []
    for k, t in enumerate(types):
        if t.startswith("tensor<"):
            outs.append(tmp / f"{tag}_out{k}.{'mtx' if '#' in t or 'CSR' in t else 'npy'}")
    cmd = [str(lauryn_run_path()), str(path), *flags, *arg_flags]
    if outs:
        cmd += ["-o", ",".join(map(str, outs))]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return Outcome("timeout", message=f"timeout after {TIMEOUT} s: {' '.join(cmd)}")
    output = proc.stdout + proc.stderr
    if proc.returncode != 0:
        if proc.returncode < 0:
            return Outcome("crash", message=crash_summary(-proc.returncode, output))
        m = re.search(r"'((?:la|tensor|arith)\.\w+)' at [^:\s]*:(\d+):\d+", output)
        if m:
            return Outcome("error", op=m.group(1), line=int(m.group(2)), message=output)
        m = re.search(re.escape(path.name) + r":(\d+):\d+: error", output)
        line = int(m.group(1)) if m else None
        kind = "error" if "failed run-time check" in output or m else "crash"
        return Outcome(kind, op=op_at_line(text, line), line=line, message=output)
    results, it = [], iter(outs)
    try:
        for line in proc.stdout.splitlines():
            m = re.match(r"result #(\d+): (.*)$", line)
            if not m:
                continue
            t = types[int(m.group(1))]
            if t.startswith("tensor<"):
                f = next(it)
                if " written to " not in m.group(2):
                    raise ValueError(f"matrix result not written: {line}")
                if f.suffix == ".mtx":
                    # the text holds the element type's shortest round-trip
                    # digits: convert to that type (f32 cells read as f64
                    # would differ from the f32 values)
                    m = scipy.sparse.csr_matrix(scipy.io.mmread(str(f)))
                    et = element_type(t)
                    results.append(m.astype(NP_TYPES[et]) if et in NP_TYPES else m)
                else:
                    results.append(np.load(f))
            elif t in ("f64", "f32", "bf16"):
                results.append(np.float64(float(m.group(2))))
            else:
                results.append(np.int64(int(m.group(2))))
    except Exception as e:  # noqa: BLE001
        return Outcome("crash", message=f"unreadable output ({e}):\n{output}")
    if len(results) != len(types):
        return Outcome("crash", message=f"{len(results)} results printed, {len(types)} "
                                        f"expected\n{output}")
    return Outcome("ok", results)


def all_finite(args):
    """True if no float argument holds Inf or NaN."""
    for v in args.values():
        data = v.data if scipy.sparse.issparse(v) else np.asarray(v)
        if np.issubdtype(data.dtype, np.floating) and not np.all(np.isfinite(data)):
            return False
    return True


def param_order(text):
    """Parameter names of @main in order."""
    m = re.search(r"func\.func @main\(([^)]*)\)", text)
    return re.findall(r"%([\w$.\-]+)\s*:", m.group(1)) if m else []


def run_reference(path, args):
    try:
        prog = lauryn_ref.load(str(path))
        res = prog.run("main", dict(args))
    except LaurynRefError as e:
        if "lauryn-opt rejected" in str(e):
            return Outcome("reject", message=str(e))
        line = None
        if e.loc:
            m = re.search(r":(\d+):\d+$", e.loc)
            line = int(m.group(1)) if m else None
        return Outcome("error", op=e.op, line=line, message=str(e))
    except Exception as e:  # noqa: BLE001  (an interpreter bug)
        return Outcome("crash", message=f"reference interpreter raised {type(e).__name__}: {e}")
    return Outcome("ok", list(res), nonfinite=prog.nonfinite)


@dataclasses.dataclass
class Report:
    status: str               # "ok", "mismatch", "reject"
    mismatches: list          # [(variant, kind, description)]
    reference: Outcome = None

    def signature(self):
        """What a reduction must preserve: the set of (variant, kind)."""
        return frozenset((v, k) for v, k, _ in self.mismatches)


def check(text, args, variants=DEFAULT_VARIANTS, workdir=None, name="prog.mlir",
          reference=None):
    """Runs `text` on `args` through the reference and the lauryn-run
    variants; returns a Report. `reference(path, args) -> Outcome` replaces
    run_reference (the tests inject faults with it)."""
    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        tmp = pathlib.Path(tmp)
        path = tmp / name
        path.write_text(text)
        want = (reference or run_reference)(path, args)
        if want.kind == "reject":
            return Report("reject", [(None, "reject", want.message)], want)
        info = result_info(text)
        arg_flags = write_args(args, tmp)
        mismatches = []
        if want.kind == "crash":
            mismatches.append(("reference", "ref-crash", want.message))
        sparse_flags = None
        finite_inputs = all_finite(args)
        for v in variants:
            flags, extra = arg_flags, []
            if v in SPARSE_FILE_VARIANTS:
                sparse_flags = sparse_flags or write_args(args, tmp, sparse_files=True)
                flags = sparse_flags
                decided = tmp / f"{v}_decided.mlir"
                extra = ["--emit-la", str(decided)]
            got = run_lauryn(path, text, flags, VARIANTS[v] + extra, tmp, v)
            if want.kind == "crash":
                continue
            if extra and decided.exists() and (not finite_inputs or want.nonfinite):
                # Formats are part of the semantics (implicit zeros of a CSR
                # operand meet Inf/NaN without a contribution). With Inf or
                # NaN inputs the oracle runs the program as decided, with the
                # formats the compiler chose. With finite inputs from which
                # an op computed Inf or NaN (log(0), x / 0) the original
                # reference stays the oracle, except where the program as
                # decided differs from it only at cells one of the two has
                # non-finite (seed 50576: log of an empty CSR matrix times
                # that matrix, densified: NaN against 0). Where every value
                # is finite the formats must not change the results.
                positional = dict(enumerate(args[n] for n in param_order(text)))
                as_decided = (reference or run_reference)(decided, positional)
                if as_decided.kind == "crash":
                    mismatches.append((v, "ref-crash", "decided program: " + as_decided.message))
                    continue
                if finite_inputs:
                    d = compare_outcomes(got, want, info)
                    if d and differ_only_at_nonfinite(want, as_decided, info):
                        d = compare_outcomes(got, as_decided, info)
                else:
                    d = compare_outcomes(got, as_decided, info)
            else:
                d = compare_outcomes(got, want, info)
            if d:
                mismatches.append((v, d[0], d[1]))
        return Report("mismatch" if mismatches else "ok", mismatches, want)
