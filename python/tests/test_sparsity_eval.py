"""lauryn-sparsity-eval against SciPy: the exact nnz of structural
expressions on real matrices, the exact estimators (bitset, and MNC where its
exactness condition holds), and clear errors for bad input."""

import json
import os
import pathlib
import subprocess

import numpy as np
import pytest
import scipy.io
import scipy.sparse

REPO = pathlib.Path(__file__).resolve().parents[2]
BUILD = pathlib.Path(os.environ.get("LAURYN_BUILD_DIR") or REPO / "build")
TOOL = BUILD / "bin" / "lauryn-sparsity-eval"
DATA = pathlib.Path(os.environ.get("LAURYN_SHARED_DATA", REPO.parent / "shared" / "data"))
MATRICES = DATA / "matrices"


def pattern(name):
    a = scipy.sparse.csr_matrix(scipy.io.mmread(MATRICES / name))
    a.data = (a.data != 0).astype(np.float64)
    a.eliminate_zeros()
    return a


def evaluate(expr, **inputs):
    args = [str(TOOL), "--json", "--repeat", "1", expr] + [f"{k}={v}" for k, v in inputs.items()]
    proc = subprocess.run(args, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return {r["estimator"]: r for r in map(json.loads, proc.stdout.splitlines())}


def nnz(m):
    m = scipy.sparse.csr_matrix(m)
    m.eliminate_zeros()
    return m.nnz


@pytest.mark.parametrize("name", ["karate.mtx", "west0067.mtx", "lp_afiro.mtx", "bcsstk13.mtx",
                                  "sparse-images-1024_subset.mtx"])
def test_exact_nnz_matches_scipy(name):
    a = pattern(name)
    cases = {"t(A) %*% A": a.T @ a, "A %*% t(A)": a @ a.T, "t(A) != 0": a.T,
             "cbind(A, A) == 0": None, "rbind(A, A * A)": scipy.sparse.vstack([a, a])}
    if a.shape[0] == a.shape[1]:
        cases["A %*% A"] = a @ a
        cases["A + t(A)"] = a + a.T
        cases["diag(A)"] = a.diagonal()[:, None]
    for expr, want in cases.items():
        got = evaluate(expr, A=MATRICES / name)
        truth = 2 * a.shape[0] * a.shape[1] - 2 * a.nnz if want is None else nnz(want)
        assert got["bitset"]["truth"] == truth, expr
        assert got["bitset"]["relative_error"] == 0, expr  # exact wherever it fits
        for r in got.values():
            assert 0 <= r["estimate"] <= (truth if r["estimator"] == "bitset" else float("inf"))


def test_mnc_exact_for_selection_products():
    # One non-zero per row on the left: MNC's exact case.
    a = pattern("bcsstk13.mtx")
    rng = np.random.default_rng(3)
    s = scipy.sparse.csr_matrix((np.ones(500), (np.arange(500), rng.integers(0, a.shape[0], 500))),
                                shape=(500, a.shape[0]))
    path = pathlib.Path(os.environ.get("TMPDIR", "/tmp")) / "lauryn-selection.mtx"
    scipy.io.mmwrite(path, s)
    got = evaluate("S %*% A", S=path, A=MATRICES / "bcsstk13.mtx")
    assert got["mnc"]["truth"] == nnz(s @ a)
    assert got["mnc"]["relative_error"] == 0
    assert got["mnc-basic"]["relative_error"] == 0


@pytest.mark.parametrize("args, message", [
    (["A %*% B", "A=karate.mtx"], "column 7: unknown matrix 'B'"),
    (["A %*% B", "A=karate.mtx", "B=lp_afiro.mtx"], "inner dimensions differ"),
    (["A + B", "A=karate.mtx", "B=lp_afiro.mtx"], "shapes differ"),
    (["t(A", "A=karate.mtx"], "expected ')'"),
    (["A == 1", "A=karate.mtx"], "only comparisons with 0"),
    (["foo(A)", "A=karate.mtx"], "unknown function 'foo'"),
    (["A", "A=missing.mtx"], "missing.mtx"),
    (["A", "A"], "inputs are NAME=FILE"),
    (["--estimators", "avg,nope", "A", "A=karate.mtx"], "unknown estimator 'nope'"),
    (["--repeat", "0", "A", "A=karate.mtx"], "not a positive count"),
    ([], "missing the expression"),
])
def test_bad_input_is_one_clear_error(args, message):
    args = [a.replace("=karate", f"={MATRICES}/karate").replace("=lp_afiro", f"={MATRICES}/lp_afiro")
            for a in args]
    proc = subprocess.run([str(TOOL)] + args, capture_output=True, text=True, timeout=60)
    assert proc.returncode != 0
    assert message in proc.stderr
    assert proc.stderr.count("error:") == 1
    assert proc.stdout == ""
