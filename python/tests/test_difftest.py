"""Tests of the differential tester python/lauryn_difftest (issue 4).

* test_ci_difftest: a CI-sized run (CI_COUNT programs from CI_SEED, 2 jobs)
  of generated programs through every lauryn-run variant of runner.VARIANTS
  and the reference interpreter; asserts no mismatch and no generator
  reject. The generator leaves out the trigger patterns of the
  known bugs (lauryn_difftest/known.py), which are checked one by one by
  test_known_bug_reproducers as strict xfails (an XPASS means the bug was
  fixed: give the entry its `fixed` note). The reproducers of fixed bugs
  are regression tests (test_fixed_bug_reproducers) that must pass.
* unit tests of the comparison rules (runner.tolerance / compare_values /
  compare_outcomes), of the generator (reproducible, verifies) and of the
  reducer (an artificial text predicate, and a fault injected into the
  reference).

Run with, from the checkout:  /usr/bin/python3 -m pytest -q python/tests/test_difftest.py
"""

import concurrent.futures
import os
import pathlib
import sys
import time

import numpy as np
import pytest
import scipy.sparse

REPO = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "python"))

from lauryn_difftest import generator, known, reduce, runner  # noqa: E402
from lauryn_difftest.__main__ import run_seed  # noqa: E402

BUILD = pathlib.Path(os.environ.get("LAURYN_BUILD_DIR") or REPO / "build")
NAN, INF = float("nan"), float("inf")

# Measured on the 2-core machine (2026-11-25): the 300 programs take ~160 s with 2 jobs, the
# whole file ~190 s.
CI_COUNT = int(os.environ.get("LAURYN_DIFFTEST_COUNT", "300"))
CI_SEED = int(os.environ.get("LAURYN_DIFFTEST_SEED", "1000"))


def need_binaries():
    for tool in ("lauryn-run", "lauryn-opt"):
        if not (BUILD / "bin" / tool).exists():
            pytest.fail(f"{BUILD / 'bin' / tool} does not exist", pytrace=False)


# --------------------------------------------------------------------------
# Comparison rules
# --------------------------------------------------------------------------

def test_tolerance_per_type_and_exactness():
    assert runner.tolerance("i64", False) == 0.0
    assert runner.tolerance("i32", True) == 0.0
    assert runner.tolerance("f64", True) == 0.0
    assert runner.tolerance("f32", True) == 0.0
    assert runner.tolerance("f64", False) == 1e-9
    assert runner.tolerance("f32", False) > runner.tolerance("f64", False)


def test_compare_values_nan_and_inf():
    a = np.array([[NAN, INF, -INF, 1.0]])
    assert runner.compare_values(a, a.copy(), 0.0) is None
    assert "NaN" in runner.compare_values(np.array([[NAN, 1.0]]), np.array([[1.0, 1.0]]), 1e-9)
    assert "infinity" in runner.compare_values(np.array([[INF]]), np.array([[-INF]]), 1e-9)
    assert "infinity" in runner.compare_values(np.array([[INF]]), np.array([[1e308]]), 1e-9)
    # -0 and +0 are equal values
    assert runner.compare_values(np.array([[-0.0]]), np.array([[0.0]]), 0.0) is None


def test_compare_values_relative_to_largest_magnitude():
    want = np.array([[1000.0, 1e-3]])
    # an absolute error of 1e-7 in the small cell is 1e-10 of the largest magnitude
    assert runner.compare_values(want + np.array([[0, 1e-7]]), want, 1e-9) is None
    assert "relative error" in runner.compare_values(want + np.array([[1e-5, 0]]), want, 1e-9)
    # exact results: any difference counts
    assert "exact" in runner.compare_values(want + np.array([[0, 1e-18]]), want, 0.0)


def test_compare_values_integers_shapes_sparse():
    assert runner.compare_values(np.array([[2 ** 62 + 1]]), np.array([[2 ** 62]]), 0.0)
    assert runner.compare_values(np.array([[3]], np.int32), np.array([[3]], np.int64), 0.0) is None
    assert "shape" in runner.compare_values(np.zeros((2, 3)), np.zeros((3, 2)), 0.0)
    s = scipy.sparse.csr_matrix(np.array([[0.0, 2.0], [0.0, 0.0]]))
    assert runner.compare_values(s, s.toarray(), 0.0) is None
    assert runner.compare_values(np.float64(NAN), np.float64(NAN), 0.0) is None


def test_compare_outcomes():
    ok = runner.Outcome("ok", [np.ones((1, 1))])
    info = [("f64", True)]
    err = runner.Outcome("error", op="la.solve", line=5, message="matrix is singular")
    assert runner.compare_outcomes(ok, ok, info) is None
    assert runner.compare_outcomes(err, err, info) is None
    assert runner.compare_outcomes(ok, err, info)[0] == "ref-error"
    assert runner.compare_outcomes(err, ok, info)[0] == "lauryn-error"
    other = runner.Outcome("error", op="la.slice", line=7, message="row range out of bounds")
    assert runner.compare_outcomes(other, err, info)[0] == "error-op"
    assert runner.compare_outcomes(runner.Outcome("crash", message="signal 11"), ok,
                                   info)[0] == "crash"
    bad = runner.Outcome("ok", [np.full((1, 1), 2.0)])
    assert runner.compare_outcomes(bad, ok, info)[0] == "value"


FORMATS_NONFINITE = """#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>
func.func @main(%a: tensor<?x2xf64, #CSR>) -> tensor<?x2xf64> {
  %l = la.log %a : tensor<?x2xf64, #CSR> -> tensor<?x2xf64>
  %p = la.matmul %l, %a : tensor<?x2xf64>, tensor<?x2xf64, #CSR> -> tensor<?x2xf64>
  return %p : tensor<?x2xf64>
}
"""


def test_formats_oracle_with_nonfinite_intermediates(tmp_path):
    """Seed 50576 of the long run: log of an empty CSR matrix is -Inf
    everywhere, and -Inf times the CSR matrix is 0 (no stored entries) while
    la-select-formats densified the matrix (-Inf * 0 = NaN). Finite inputs,
    but a value computed from them is not: the formats variant is checked
    against the program as decided, not the original reference."""
    need_binaries()
    import lauryn_ref
    empty = scipy.sparse.csr_matrix((2, 2))
    prog = lauryn_ref.load(FORMATS_NONFINITE)
    assert np.all(prog.run("main", {"a": empty})[0] == 0)
    assert prog.nonfinite
    finite = lauryn_ref.load(FORMATS_NONFINITE.replace("la.log", "la.abs"))
    finite.run("main", {"a": empty})
    assert not finite.nonfinite
    report = runner.check(FORMATS_NONFINITE, {"a": empty}, variants=("formats",),
                          workdir=tmp_path)
    assert report.status == "ok", report.mismatches


def test_differ_only_at_nonfinite():
    info = [("f64", False)]
    ok = lambda *cells: runner.Outcome("ok", [np.array([cells])])  # noqa: E731
    # Formats may decide where one side is non-finite (0 against NaN or Inf) ...
    assert runner.differ_only_at_nonfinite(ok(0.0, 1.0), ok(NAN, 1.0), info)
    assert runner.differ_only_at_nonfinite(ok(INF, 2.0), ok(0.0, 2.0), info)
    # ... not where both are finite, nor across shapes or failures.
    assert not runner.differ_only_at_nonfinite(ok(NAN, 1.0), ok(NAN, 1.5), info)
    assert not runner.differ_only_at_nonfinite(ok(1.0, 2.0), ok(1.0), info)
    assert not runner.differ_only_at_nonfinite(ok(1.0), runner.Outcome("error"), info)


def test_result_info_reads_inexact_marks():
    text = """func.func @main(%a0: tensor<?x?xf64>) -> (f64, tensor<?x?xf64>, i64) {
  %v0 = la.sum %a0 : tensor<?x?xf64> -> f64  // inexact
  %v1 = la.nnz %a0 : tensor<?x?xf64> -> i64
  return %v0, %a0, %v1 : f64, tensor<?x?xf64>, i64
}
"""
    assert runner.result_info(text) == [("f64", False), ("f64", True), ("i64", True)]


# --------------------------------------------------------------------------
# Generator
# --------------------------------------------------------------------------

def test_generator_is_reproducible():
    a, b = generator.generate(12345), generator.generate(12345)
    assert a.text == b.text and a.args.keys() == b.args.keys()
    for k in a.args:
        x, y = a.args[k], b.args[k]
        if scipy.sparse.issparse(x):
            x, y = x.toarray(), y.toarray()
        np.testing.assert_array_equal(np.asarray(x), np.asarray(y))
    assert generator.generate(12346).text != a.text


def test_generator_programs_verify():
    """Every program of 60 seeds (both modes) passes lauryn-opt."""
    need_binaries()
    assert generator.self_test(30, 0) == []
    assert generator.self_test(30, 500, avoid=known.KNOWN_IDS) == []


# --------------------------------------------------------------------------
# Reducer
# --------------------------------------------------------------------------

def seed_with(op, avoid=known.KNOWN_IDS, start=0, in_main=False):
    """The first generated program with la.<op> (in @main itself if
    `in_main`: the reducer does not inline helpers) of at least 10 ops."""
    for s in range(start, start + 500):
        p = generator.generate(s, avoid=avoid)
        text = p.text.split("func.func @main", 1)[-1] if in_main else p.text
        if f"= la.{op} " in text and not p.expect_error and p.n_ops >= 10:
            return p
    raise AssertionError(f"no program with la.{op}")


def test_reducer_on_a_text_predicate():
    """Artificial interestingness: the program still has an la.transpose (no
    binaries run except the reference for values)."""
    need_binaries()
    p = seed_with("transpose", in_main=True)

    def interesting(text, args):
        return "= la.transpose " in text.split("func.func @main", 1)[-1]
    text, args = reduce.reduce(p.text, p.args, interesting, max_checks=300)
    body = [l for l in text.splitlines() if l.startswith("  ") and "arith.constant" not in l]
    assert interesting(text, args)
    assert len(body) <= 3, text  # the transpose and the return (and maybe its operand)
    assert len(runner.main_return(text)[0]) == 1


def test_reducer_on_an_injected_fault(tmp_path):
    """A reference that is wrong for la.rev (adds 1 to the first matrix
    result when the program has one): the reducer keeps a small program with
    la.rev that still mismatches."""
    need_binaries()

    def faulty_reference(path, args):
        out = runner.run_reference(path, args)
        text = pathlib.Path(path).read_text()
        if out.kind == "ok" and "= la.rev " in text:
            res = list(out.results)
            for k, r in enumerate(res):
                if isinstance(r, np.ndarray) and r.size and r.dtype.kind == "f":
                    res[k] = r + 1
                    break
            out = runner.Outcome("ok", res)
        return out
    start = 40
    for _ in range(15):  # a program whose returned float matrices the fault changes
        p = seed_with("rev", start=start)
        rep = runner.check(p.text, p.args, variants=("opt",), reference=faulty_reference)
        if rep.status == "mismatch" and rep.signature() == {("opt", "value")}:
            break
        start = p.seed + 1
    else:
        pytest.fail("no program found for the injected fault")
    text, args = reduce.reduce(p.text, p.args,
                               reduce.same_mismatch(rep, ("opt",), faulty_reference),
                               max_checks=250)
    assert "= la.rev " in text
    assert len(text.splitlines()) < len(p.text.splitlines())
    assert runner.check(text, args, variants=("opt",), reference=faulty_reference).status \
        == "mismatch"
    assert runner.check(text, args, variants=("opt",)).status == "ok"
    d = reduce.write_reproducer(tmp_path / "r", text, args, "injected fault")
    t2, a2 = reduce.load_reproducer(d)
    assert runner.check(t2, a2, variants=("opt",), reference=faulty_reference).status == \
        "mismatch"


# --------------------------------------------------------------------------
# Known bugs: strict xfail, one per reduced reproducer
# --------------------------------------------------------------------------

def reproducer_dirs(bug):
    if (bug.directory / "repro.mlir").exists():
        return [bug.directory]
    return sorted(p for p in bug.directory.iterdir() if (p / "repro.mlir").exists())


@pytest.mark.parametrize("bug", known.OPEN, ids=[b.id for b in known.OPEN])
def test_known_bug_reproducers(bug, request):
    need_binaries()
    request.applymarker(pytest.mark.xfail(strict=True, reason=f"{bug.classification}: "
                                                              f"{bug.summary}"))
    dirs = reproducer_dirs(bug)
    assert dirs, f"no reproducer in {bug.directory}"
    failures = []
    for d in dirs:
        text, args = reduce.load_reproducer(d)
        rep = runner.check(text, args)
        assert known.classify(rep.mismatches) in (None, [bug.id]) or rep.status == "ok"
        if rep.status != "ok":
            failures.append((d.name, rep.mismatches[0][2][:300]))
    assert not failures, failures


@pytest.mark.parametrize("bug", known.FIXED, ids=[b.id for b in known.FIXED])
def test_fixed_bug_reproducers(bug):
    """Regression tests: every reduced reproducer of a fixed bug now agrees
    with the reference in every variant."""
    need_binaries()
    dirs = reproducer_dirs(bug)
    assert dirs, f"no reproducer in {bug.directory}"
    failures = []
    for d in dirs:
        text, args = reduce.load_reproducer(d)
        rep = runner.check(text, args)
        if rep.status != "ok":
            failures.append((d.name, rep.mismatches[0][0], rep.mismatches[0][2][:300]))
    assert not failures, f"{bug.id} is back (fixed by: {bug.fixed}): {failures}"


# --------------------------------------------------------------------------
# CI-sized run
# --------------------------------------------------------------------------

def test_ci_difftest():
    need_binaries()
    t0 = time.time()
    seeds = range(CI_SEED, CI_SEED + CI_COUNT)
    with concurrent.futures.ProcessPoolExecutor(2) as ex:
        results = list(ex.map(run_seed, seeds, [known.KNOWN_IDS] * CI_COUNT,
                              [tuple(runner.VARIANTS)] * CI_COUNT, chunksize=1))
    bad = [(s, mm) for s, status, mm, _ in results if status == "mismatch"]
    rejects = [(s, mm) for s, status, mm, _ in results if status == "reject"]
    summary = (f"difftest: {len(results)} programs, {len(bad)} mismatches, "
               f"{len(rejects)} generator rejects ({time.time() - t0:.0f} s)")
    print(summary)
    detail = "\n".join(f"seed {s}: [{m[0][0]}] {m[0][1]}: {m[0][2][:400]}" for s, m in
                       bad + rejects)
    assert not bad and not rejects, summary + "\n" + detail + (
        "\nreproduce and reduce with: /usr/bin/python3 -m lauryn_difftest --count 1 --seed "
        "SEED --out DIR (from python/)")
