"""Row-template fusion (la-fuse) against NumPy.

Each program below is a pattern the Row template fuses: t(X) %*% (w * (X %*% v)), t(X) %*% w,
colSums(X / rowSums(X)), a softmax-like chain with row max, row mean and a column
max, and a k-means-like pair of column accumulations. Each runs with lauryn-run
under every fusion selector (cost, all, heuristic, none), with and without JIT
shape specialization and on 1 and 2 threads, on random data and on a real matrix
(dwt_992 from ../shared/data, densified), including the edge shapes 1 x n and
0 x n. The oracle is the same expression in NumPy; only the summation order
differs, so results agree to rtol 1e-10. `--la-explain` must show the row
operator under the cost selector and none under `none`.

Run with:  /usr/bin/python3 -m pytest python/tests/test_fusion.py
"""

import numpy as np
import pytest

from test_examples import LAURYN_RUN, lauryn, read_mtx, real_matrix  # noqa: F401

RTOL = 1e-10

PROGRAMS = {
    "xtwxv": ("""
func.func @main(%X: tensor<?x?xf64>, %v: tensor<?x1xf64>, %w: tensor<?x1xf64>) -> tensor<?x1xf64> {
  %0 = la.matmul %X, %v : tensor<?x?xf64>, tensor<?x1xf64> -> tensor<?x1xf64>
  %1 = la.mul %w, %0 : tensor<?x1xf64>, tensor<?x1xf64> -> tensor<?x1xf64>
  %2 = la.transpose %X : tensor<?x?xf64> -> tensor<?x?xf64>
  %3 = la.matmul %2, %1 : tensor<?x?xf64>, tensor<?x1xf64> -> tensor<?x1xf64>
  return %3 : tensor<?x1xf64>
}""", lambda X, v, w: X.T @ (w * (X @ v))),
    "xtw": ("""
func.func @main(%X: tensor<?x?xf64>, %v: tensor<?x1xf64>, %w: tensor<?x1xf64>) -> tensor<?x1xf64> {
  %0 = la.transpose %X : tensor<?x?xf64> -> tensor<?x?xf64>
  %1 = la.matmul %0, %w : tensor<?x?xf64>, tensor<?x1xf64> -> tensor<?x1xf64>
  return %1 : tensor<?x1xf64>
}""", lambda X, v, w: X.T @ w),
    "colnorm": ("""
func.func @main(%X: tensor<?x?xf64>, %v: tensor<?x1xf64>, %w: tensor<?x1xf64>) -> tensor<1x?xf64> {
  %0 = la.sum %X {axis = #la.axis<row>} : tensor<?x?xf64> -> tensor<?x1xf64>
  %1 = la.div %X, %0 : tensor<?x?xf64>, tensor<?x1xf64> -> tensor<?x?xf64>
  %2 = la.sum %1 {axis = #la.axis<col>} : tensor<?x?xf64> -> tensor<1x?xf64>
  return %2 : tensor<1x?xf64>
}""", lambda X, v, w: (X / X.sum(axis=1, keepdims=True)).sum(axis=0, keepdims=True)),
    "softmax_colmax": ("""
func.func @main(%X: tensor<?x?xf64>, %v: tensor<?x1xf64>, %w: tensor<?x1xf64>) -> tensor<1x?xf64> {
  %c = arith.constant 0.5 : f64
  %0 = la.max %X {axis = #la.axis<row>} : tensor<?x?xf64> -> tensor<?x1xf64>
  %1 = la.sub %X, %0 : tensor<?x?xf64>, tensor<?x1xf64> -> tensor<?x?xf64>
  %2 = la.exp %1 : tensor<?x?xf64> -> tensor<?x?xf64>
  %3 = la.mean %2 {axis = #la.axis<row>} : tensor<?x?xf64> -> tensor<?x1xf64>
  %4 = la.mul %3, %c : tensor<?x1xf64>, f64 -> tensor<?x1xf64>
  %5 = la.div %2, %4 : tensor<?x?xf64>, tensor<?x1xf64> -> tensor<?x?xf64>
  %6 = la.max %5 {axis = #la.axis<col>} : tensor<?x?xf64> -> tensor<1x?xf64>
  return %6 : tensor<1x?xf64>
}""", lambda X, v, w: (lambda e: (e / (0.5 * e.mean(axis=1, keepdims=True))).max(axis=0, keepdims=True))(
        np.exp(X - X.max(axis=1, keepdims=True)))),
    "two_closes": ("""
func.func @main(%X: tensor<?x?xf64>, %v: tensor<?x1xf64>, %w: tensor<?x1xf64>) -> (tensor<?x1xf64>, tensor<1x?xf64>) {
  %0 = la.matmul %X, %v : tensor<?x?xf64>, tensor<?x1xf64> -> tensor<?x1xf64>
  %1 = la.sub %0, %w : tensor<?x1xf64>, tensor<?x1xf64> -> tensor<?x1xf64>
  %2 = la.transpose %X : tensor<?x?xf64> -> tensor<?x?xf64>
  %3 = la.matmul %2, %1 : tensor<?x?xf64>, tensor<?x1xf64> -> tensor<?x1xf64>
  %4 = la.sum %X {axis = #la.axis<row>} : tensor<?x?xf64> -> tensor<?x1xf64>
  %5 = la.mul %X, %4 : tensor<?x?xf64>, tensor<?x1xf64> -> tensor<?x?xf64>
  %6 = la.mean %5 {axis = #la.axis<col>} : tensor<?x?xf64> -> tensor<1x?xf64>
  return %3, %6 : tensor<?x1xf64>, tensor<1x?xf64>
}""", lambda X, v, w: (X.T @ (X @ v - w),
                       (X * X.sum(axis=1, keepdims=True)).mean(axis=0, keepdims=True))),
}


def inputs(kind, rng):
    if kind == "real":
        X = read_mtx(real_matrix("dwt_992")).toarray() + 1.0  # positive row sums
    else:
        rows = {"random": 300, "one_row": 1, "no_rows": 0}[kind]
        X = rng.random((rows, 37)) + 0.1
    v = rng.random((X.shape[1], 1))
    w = rng.random((X.shape[0], 1))
    return X, v, w


@pytest.mark.parametrize("kind", ["random", "real", "one_row", "no_rows"])
@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_row_template_matches_numpy(tmp_path, name, kind):
    if kind == "no_rows" and name in ("softmax_colmax",):
        pytest.skip("max over no rows is -inf in Lauryn, an error in NumPy")
    text, oracle = PROGRAMS[name]
    program = tmp_path / f"{name}.mlir"
    program.write_text(text)
    X, v, w = inputs(kind, np.random.default_rng(5))
    expected = oracle(X, v, w)
    expected = expected if isinstance(expected, tuple) else (expected,)
    for flags in (["--fuse=cost"], ["--fuse=all", "--threads", "1"], ["--fuse=heuristic", "--no-specialize"],
                  ["--fuse=none"], ["--fuse=cost", "--no-specialize", "--threads", "2"]):
        got = lauryn(tmp_path, program, {"X": X, "v": v, "w": w}, len(expected), flags=flags)
        for g, e in zip(got, expected):
            assert g.shape == e.shape, flags
            np.testing.assert_allclose(g, e, rtol=RTOL, atol=RTOL * max(1.0, np.abs(e).max(initial=0)),
                                       err_msg=" ".join(flags))


def test_explain_shows_row_operator(tmp_path):
    import subprocess
    program = tmp_path / "xtwxv.mlir"
    program.write_text(PROGRAMS["xtwxv"][0])
    X, v, w = inputs("random", np.random.default_rng(1))
    args = []
    for n, a in (("X", X), ("v", v), ("w", w)):
        np.save(tmp_path / f"{n}.npy", a)
        args += ["--arg", f"{n}={tmp_path / f'{n}.npy'}"]
    fused = subprocess.run([str(LAURYN_RUN), str(program), "--la-explain", "--print-limit", "0", *args],
                           capture_output=True, text=True, check=True)
    assert "row template, 4 ops in one pass" in fused.stderr
    unfused = subprocess.run([str(LAURYN_RUN), str(program), "--la-explain", "--fuse=none",
                              "--print-limit", "0", *args], capture_output=True, text=True, check=True)
    assert "template" not in unfused.stderr


# Row operators over a CSR driver (--select-formats keeps a sparse input CSR):
# where the matrix is read only by sums of itself they visit its stored
# entries (la.fused ... sparse_safe); colnorm divides cell by cell, so it is
# not fused over CSR and must still be right. The oracle is SciPy on the same
# CSR matrix, which also skips implicit zeros (an Inf in v meets only stored
# entries).
SPARSE_ROW = {"xtwxv": True, "xtw": True, "colnorm": False}


def sparse_inputs(kind, rng):
    import scipy.sparse as sp
    if kind == "real":
        X = read_mtx(real_matrix("bayer10")).tocsr()
    elif kind == "empty_rows":
        X = sp.random(400, 50, 0.02, format="csr", random_state=3)
        X = X.multiply(np.arange(400)[:, None] % 3 != 0).tocsr()  # every third row empty
        X.eliminate_zeros()
    else:
        X = sp.random(500, 80, 0.05, format="csr", random_state=4)
    X.data += 0.5
    v = rng.random((X.shape[1], 1))
    w = rng.random((X.shape[0], 1))
    if kind == "inf":
        v[np.setdiff1d(np.arange(X.shape[1]), X.indices)[:1]] = np.inf  # a column with no entries
    return X, v, w


@pytest.mark.parametrize("kind", ["random", "real", "empty_rows", "inf"])
@pytest.mark.parametrize("name", sorted(SPARSE_ROW))
def test_row_template_sparse_driver(tmp_path, name, kind):
    import subprocess
    text, _ = PROGRAMS[name]
    program = tmp_path / f"{name}.mlir"
    program.write_text(text)
    X, v, w = sparse_inputs("inf" if kind == "inf" else kind, np.random.default_rng(9))
    if kind == "inf" and not np.isinf(v).any():
        pytest.skip("every column has an entry")
    if name == "colnorm":
        rows = np.asarray(X.sum(axis=1))
        expected = np.asarray(X.multiply(1.0 / np.where(rows == 0, np.nan, rows)).sum(axis=0))
        if (rows == 0).any():
            pytest.skip("0/0 rows: dense NaN semantics, covered by the difftest")
    elif name == "xtw":
        expected = X.T @ w
    else:
        expected = X.T @ (w * (X @ v))
    for flags in (["--select-formats"], ["--select-formats", "--threads", "1"],
                  ["--select-formats", "--fuse=none"]):
        (got,) = lauryn(tmp_path, program, {"X": X, "v": v, "w": w}, 1, flags=flags)
        np.testing.assert_allclose(got, expected, rtol=RTOL,
                                   atol=RTOL * max(1.0, np.abs(expected).max(initial=0)),
                                   err_msg=" ".join(flags))
    args = []
    for n, a in (("v", v), ("w", w)):
        np.save(tmp_path / f"{n}.npy", a)
        args += ["--arg", f"{n}={tmp_path / f'{n}.npy'}"]
    import scipy.io
    scipy.io.mmwrite(tmp_path / "X.mtx", X)
    explain = subprocess.run([str(LAURYN_RUN), str(program), "--select-formats", "--la-explain",
                              "--print-limit", "0", "--arg", f"X={tmp_path / 'X.mtx'}", *args],
                             capture_output=True, text=True, check=True).stderr
    assert ("row template" in explain and "(sparse-safe)" in explain) == SPARSE_ROW[name], explain
