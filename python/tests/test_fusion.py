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
