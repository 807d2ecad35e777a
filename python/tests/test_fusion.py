"""Row-template fusion (la-fuse) against NumPy.

Each program below is a pattern the Row template fuses: t(X) %*% (w * (X %*% v)), t(X) %*% w,
colSums(X / rowSums(X)), a softmax-like chain with row max, row mean and a column
max, a k-means-like pair of column accumulations, and row-aligned results (row
normalization, softmax, row entropy). Each runs with lauryn-run
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
    # Row-aligned results (a row operator writes row i of an m x n or m x 1
    # result as it goes): row normalization, softmax, row entropy, and a
    # normalization whose row sums are also returned (then computed apart).
    "normalize": ("""
func.func @main(%X: tensor<?x?xf64>, %v: tensor<?x1xf64>, %w: tensor<?x1xf64>) -> tensor<?x?xf64> {
  %0 = la.sum %X {axis = #la.axis<row>} : tensor<?x?xf64> -> tensor<?x1xf64>
  %1 = la.div %X, %0 : tensor<?x?xf64>, tensor<?x1xf64> -> tensor<?x?xf64>
  return %1 : tensor<?x?xf64>
}""", lambda X, v, w: X / X.sum(axis=1, keepdims=True)),
    "softmax": ("""
func.func @main(%X: tensor<?x?xf64>, %v: tensor<?x1xf64>, %w: tensor<?x1xf64>) -> tensor<?x?xf64> {
  %0 = la.max %X {axis = #la.axis<row>} : tensor<?x?xf64> -> tensor<?x1xf64>
  %1 = la.sub %X, %0 : tensor<?x?xf64>, tensor<?x1xf64> -> tensor<?x?xf64>
  %2 = la.exp %1 : tensor<?x?xf64> -> tensor<?x?xf64>
  %3 = la.sum %2 {axis = #la.axis<row>} : tensor<?x?xf64> -> tensor<?x1xf64>
  %4 = la.div %2, %3 : tensor<?x?xf64>, tensor<?x1xf64> -> tensor<?x?xf64>
  return %4 : tensor<?x?xf64>
}""", lambda X, v, w: (lambda e: e / e.sum(axis=1, keepdims=True))(np.exp(X - X.max(axis=1, keepdims=True)))),
    "row_entropy": ("""
func.func @main(%X: tensor<?x?xf64>, %v: tensor<?x1xf64>, %w: tensor<?x1xf64>) -> tensor<?x1xf64> {
  %0 = la.sum %X {axis = #la.axis<row>} : tensor<?x?xf64> -> tensor<?x1xf64>
  %1 = la.div %X, %0 : tensor<?x?xf64>, tensor<?x1xf64> -> tensor<?x?xf64>
  %2 = la.log %1 : tensor<?x?xf64> -> tensor<?x?xf64>
  %3 = la.mul %1, %2 : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
  %4 = la.sum %3 {axis = #la.axis<row>} : tensor<?x?xf64> -> tensor<?x1xf64>
  %5 = la.sub %4, %w : tensor<?x1xf64>, tensor<?x1xf64> -> tensor<?x1xf64>
  return %5 : tensor<?x1xf64>
}""", lambda X, v, w: (lambda p: (p * np.log(p)).sum(axis=1, keepdims=True) - w)(X / X.sum(axis=1, keepdims=True))),
    "normalize_and_sums": ("""
func.func @main(%X: tensor<?x?xf64>, %v: tensor<?x1xf64>, %w: tensor<?x1xf64>) -> (tensor<?x?xf64>, tensor<?x1xf64>, tensor<1x?xf64>) {
  %0 = la.sum %X {axis = #la.axis<row>} : tensor<?x?xf64> -> tensor<?x1xf64>
  %1 = la.div %X, %0 : tensor<?x?xf64>, tensor<?x1xf64> -> tensor<?x?xf64>
  %2 = la.sum %1 {axis = #la.axis<col>} : tensor<?x?xf64> -> tensor<1x?xf64>
  return %1, %0, %2 : tensor<?x?xf64>, tensor<?x1xf64>, tensor<1x?xf64>
}""", lambda X, v, w: (X / X.sum(axis=1, keepdims=True), X.sum(axis=1, keepdims=True),
                       (X / X.sum(axis=1, keepdims=True)).sum(axis=0, keepdims=True))),
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


@pytest.mark.parametrize("name,ops", [("xtwxv", 4), ("normalize", 2), ("softmax", 5), ("row_entropy", 5),
                                      ("normalize_and_sums", 2)])
def test_explain_shows_row_operator(tmp_path, name, ops):
    import subprocess
    program = tmp_path / f"{name}.mlir"
    program.write_text(PROGRAMS[name][0])
    X, v, w = inputs("random", np.random.default_rng(1))
    args = []
    for n, a in (("X", X), ("v", v), ("w", w)):
        np.save(tmp_path / f"{n}.npy", a)
        args += ["--arg", f"{n}={tmp_path / f'{n}.npy'}"]
    fused = subprocess.run([str(LAURYN_RUN), str(program), "--la-explain", "--print-limit", "0", *args],
                           capture_output=True, text=True, check=True)
    assert f"row template, {ops} ops in one pass" in fused.stderr
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


# Row products: A %*% B with A an operand read row by row (n x d) and B an
# operand (d x k) fill a row of k cells per row, which the row operator
# reduces, combines and accumulates -- also as t(P) %*% X (k x d, the sums of
# the points per cluster). "lloyd" is one k-means update (kmeans.mlir's
# shiftedDistances inlined into lloydStep): one row operator over X computes
# the cluster sizes and sums; "softmax_colsums" reads X %*% W without a
# transpose. The oracle is NumPy.
PRODUCT_PROGRAMS = {
    "lloyd": ("""
func.func @main(%X: tensor<?x?xf64>, %C: tensor<?x?xf64>) -> (tensor<1x?xf64>, tensor<?x?xf64>) {
  %mtwo = arith.constant -2.0 : f64
  %Ct = la.transpose %C : tensor<?x?xf64>
  %XC = la.matmul %X, %Ct : tensor<?x?xf64>, tensor<?x?xf64>
  %XC2 = la.mul %mtwo, %XC : f64, tensor<?x?xf64>
  %C2 = la.sumsq row %C : tensor<?x?xf64>
  %C2t = la.transpose %C2 : tensor<?x1xf64>
  %D = la.add %XC2, %C2t : tensor<?x?xf64>, tensor<1x?xf64>
  %minD = la.min row %D : tensor<?x?xf64>
  %P0 = la.eq %D, %minD : tensor<?x?xf64>, tensor<?x1xf64>
  %nP = la.sum row %P0 : tensor<?x?xf64>
  %P = la.div %P0, %nP : tensor<?x?xf64>, tensor<?x1xf64>
  %Pden = la.sum col %P : tensor<?x?xf64>
  %Pt = la.transpose %P : tensor<?x?xf64>
  %S = la.matmul %Pt, %X : tensor<?x?xf64>, tensor<?x?xf64>
  return %Pden, %S : tensor<1x?xf64>, tensor<?x?xf64>
}""", lambda X, C: (lambda D: (lambda P: (P.sum(axis=0, keepdims=True), P.T @ X))(
        (lambda P0: P0 / P0.sum(axis=1, keepdims=True))((D == D.min(axis=1, keepdims=True)) * 1.0)))(
        -2.0 * (X @ C.T) + (C ** 2).sum(axis=1)[None, :])),
    "softmax_colsums": ("""
func.func @main(%X: tensor<?x?xf64>, %C: tensor<?x?xf64>) -> tensor<1x?xf64> {
  %Z = la.matmul %X, %C : tensor<?x?xf64>, tensor<?x?xf64>
  %m = la.max row %Z : tensor<?x?xf64>
  %E = la.sub %Z, %m : tensor<?x?xf64>, tensor<?x1xf64>
  %F = la.exp %E : tensor<?x?xf64>
  %s = la.sum row %F : tensor<?x?xf64>
  %G = la.div %F, %s : tensor<?x?xf64>, tensor<?x1xf64>
  %c = la.sum col %G : tensor<?x?xf64>
  return %c : tensor<1x?xf64>
}""", lambda X, C: (lambda Z: (lambda F: (F / F.sum(axis=1, keepdims=True)).sum(axis=0, keepdims=True))(
        np.exp(Z - Z.max(axis=1, keepdims=True))))(X @ C)),
}


def product_inputs(name, kind, rng):
    if kind == "real":
        X = read_mtx(real_matrix("dwt_992")).toarray()
    elif kind == "ties":  # small integers: equal distances to several centroids
        X = rng.integers(0, 3, (200, 4)).astype(float)
    else:
        X = rng.random(({"random": 300, "one_row": 1, "no_rows": 0}[kind], 7))
    k = 5
    if name == "lloyd":
        C = X[:k].copy() if X.shape[0] >= k else rng.random((k, X.shape[1]))
        if kind == "ties":
            C = np.array([[0, 0, 0, 0], [2, 2, 2, 2], [0, 2, 0, 2], [2, 0, 2, 0], [1, 1, 1, 1]], float)
    else:
        C = rng.standard_normal((X.shape[1], k))
    return X, C


@pytest.mark.parametrize("kind", ["random", "real", "ties", "one_row", "no_rows"])
@pytest.mark.parametrize("name", sorted(PRODUCT_PROGRAMS))
def test_row_product_matches_numpy(tmp_path, name, kind):
    import subprocess
    text, oracle = PRODUCT_PROGRAMS[name]
    program = tmp_path / f"{name}.mlir"
    program.write_text(text)
    X, C = product_inputs(name, kind, np.random.default_rng(11))
    if kind == "ties" and name == "lloyd":
        D = -2.0 * (X @ C.T) + (C ** 2).sum(axis=1)[None, :]
        assert ((D == D.min(axis=1, keepdims=True)).sum(axis=1) > 1).any()  # the case is real
    with np.errstate(invalid="ignore", divide="ignore"):
        expected = oracle(X, C)
    expected = expected if isinstance(expected, tuple) else (expected,)
    for flags in (["--fuse=cost"], ["--fuse=all", "--threads", "1"], ["--fuse=heuristic", "--no-specialize"],
                  ["--fuse=none"], ["--fuse=cost", "--no-specialize", "--threads", "2"]):
        got = lauryn(tmp_path, program, {"X": X, "C": C}, len(expected), flags=flags)
        for g, e in zip(got, expected):
            assert g.shape == e.shape, flags
            np.testing.assert_allclose(g, e, rtol=RTOL, atol=RTOL * max(1.0, np.abs(e).max(initial=0)),
                                       err_msg=" ".join(flags))
    if kind == "random":
        args = []
        for n, a in (("X", X), ("C", C)):
            np.save(tmp_path / f"{n}.npy", a)
            args += ["--arg", f"{n}={tmp_path / f'{n}.npy'}"]
        explain = subprocess.run([str(LAURYN_RUN), str(program), "--la-explain", "--print-limit", "0", *args],
                                 capture_output=True, text=True, check=True).stderr
        ops = {"lloyd": 10, "softmax_colsums": 7}[name]
        assert f"row template, {ops} ops in one pass" in explain, explain


@pytest.mark.parametrize("flags", [[], ["--no-specialize"]])
def test_row_product_shape_mismatch(tmp_path, flags):
    """C with another number of columns than X: a clear error, fused or not."""
    import subprocess
    program = tmp_path / "lloyd.mlir"
    program.write_text(PRODUCT_PROGRAMS["lloyd"][0])
    rng = np.random.default_rng(2)
    args = []
    for n, a in (("X", rng.random((50, 6))), ("C", rng.random((3, 5)))):
        np.save(tmp_path / f"{n}.npy", a)
        args += ["--arg", f"{n}={tmp_path / f'{n}.npy'}"]
    for fuse in ("--fuse=cost", "--fuse=none"):
        r = subprocess.run([str(LAURYN_RUN), str(program), fuse, *flags, *args], capture_output=True, text=True)
        assert r.returncode != 0, (fuse, r.stdout)
        assert "error" in r.stderr and "Stack dump" not in r.stderr, (fuse, r.stderr)


# Outer without aggregate: X * f(U %*% t(V)) over a CSR X is one outer
# operator (under the JIT's shape specialization) that computes the product at
# X's stored entries only and returns a CSR result of X's pattern. The oracle
# is the dense NumPy expression restricted to X's pattern (SciPy's multiply);
# the result stores X's entries except where the product is zero (explicit
# zeros stored in X give computed zeros, which a sparse value never stores).
OUTER_SPARSE = {
    "sigmoid": ("la.sigmoid %uv : tensor<?x?xf64>", lambda uv: 1.0 / (1.0 + np.exp(-uv))),
    "sqrt": ("la.sqrt %uv : tensor<?x?xf64>", np.sqrt),
}


def outer_sparse_inputs(kind, rng):
    import scipy.sparse as sp
    if kind == "real":
        X = read_mtx(real_matrix("bayer10")).tocsr()
    elif kind == "empty_rows":
        X = sp.random(300, 90, 0.03, format="csr", random_state=6)
        X = X.multiply(np.arange(300)[:, None] % 4 != 0).tocsr()
        X.eliminate_zeros()
    else:
        X = sp.random(400, 120, 0.02, format="csr", random_state=7)
    U = rng.random((X.shape[0], 5))
    V = rng.random((X.shape[1], 5))
    return X, U, V


def outer_explain(tmp_path, program, X, U, V):
    """`lauryn-run --la-explain` of an outer program on X (as .mtx, CSR), U and V."""
    import subprocess
    import scipy.io
    scipy.io.mmwrite(tmp_path / "X.mtx", X)
    args = []
    for n, a in (("U", U), ("V", V)):
        np.save(tmp_path / f"{n}.npy", a)
        args += ["--arg", f"{n}={tmp_path / f'{n}.npy'}"]
    return subprocess.run([str(LAURYN_RUN), str(program), "--la-explain", "--print-limit", "0",
                           "--arg", f"X={tmp_path / 'X.mtx'}", *args],
                          capture_output=True, text=True, check=True).stderr


@pytest.mark.parametrize("kind", ["random", "real", "empty_rows"])
@pytest.mark.parametrize("name", sorted(OUTER_SPARSE))
def test_outer_sparse_output(tmp_path, name, kind):
    op, f = OUTER_SPARSE[name]
    program = tmp_path / "outer.mlir"
    program.write_text(f"""
#CSR = #sparse_tensor.encoding<{{ map = (i, j) -> (i : dense, j : compressed) }}>
func.func @main(%X: tensor<?x?xf64, #CSR>, %U: tensor<?x?xf64>, %V: tensor<?x?xf64>) -> tensor<?x?xf64, #CSR> {{
  %vt = la.transpose %V : tensor<?x?xf64>
  %uv = la.matmul %U, %vt : tensor<?x?xf64>, tensor<?x?xf64>
  %g = {op}
  %p = la.mul %X, %g : tensor<?x?xf64, #CSR>, tensor<?x?xf64> -> tensor<?x?xf64, #CSR>
  return %p : tensor<?x?xf64, #CSR>
}}""")
    X, U, V = outer_sparse_inputs(kind, np.random.default_rng(11))
    expected = X.multiply(f(U @ V.T)).toarray()
    for flags in ([], ["--fuse=all", "--threads", "2"], ["--no-specialize"],
                  ["--fuse=none", "--select-formats"]):
        (got,) = lauryn(tmp_path, program, {"X": X, "U": U, "V": V}, 1, flags=flags,
                        sparse_results=(0,))
        assert got.shape == X.shape, flags
        np.testing.assert_allclose(got.toarray(), expected, rtol=RTOL, atol=RTOL,
                                   err_msg=" ".join(flags))
        # X's pattern without the zeros computed there (a sparse value never
        # stores a computed zero: explicit zeros of bayer10 times f are 0).
        assert got.nnz == np.count_nonzero(expected), flags
    explain = outer_explain(tmp_path, program, X, U, V)
    assert "outer template" in explain, explain


def assert_outer_results(tmp_path, program, X, U, V, n_matrices, expected, flag_sets):
    """Runs `program` on X (CSR), U and V with each flag set and compares its
    results with `expected` (matrices first, then scalars)."""
    for flags in flag_sets:
        got = lauryn(tmp_path, program, {"X": X, "U": U, "V": V}, n_matrices, flags=flags)
        for g, e in zip(got, expected, strict=True):
            np.testing.assert_allclose(g, e, rtol=RTOL, atol=RTOL * max(1.0, np.abs(e).max(initial=0)),
                                       err_msg=" ".join(flags))


@pytest.mark.parametrize("kind", ["random", "real", "empty_rows"])
def test_outer_division(tmp_path, kind):
    """The issue's division forms: (X / (U %*% t(V))) %*% V,
    t(t(U) %*% (X / (U %*% t(V)))) and sum(X / (U %*% t(V))), one outer
    operator each (the zeros of the CSR numerator are structural, so the
    bodies are sparse-safe). The oracle divides at X's stored entries only
    (SciPy's multiply by the reciprocal); a row of U is zero, so U %*% t(V)
    holds zeros, which meet X's zeros there (0 / 0 is 0 for a CSR numerator)
    and X's stored entries (x / 0 = inf) only in that row, which is dropped
    from X to keep the results finite."""
    program = tmp_path / "outer_division.mlir"
    program.write_text("""
#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>
func.func @main(%X: tensor<?x?xf64, #CSR>, %U: tensor<?x?xf64>, %V: tensor<?x?xf64>) -> (tensor<?x?xf64>, tensor<?x?xf64>, f64) {
  %vt = la.transpose %V : tensor<?x?xf64>
  %uv = la.matmul %U, %vt : tensor<?x?xf64>, tensor<?x?xf64>
  %q = la.div %X, %uv : tensor<?x?xf64, #CSR>, tensor<?x?xf64>
  %r = la.matmul %q, %V : tensor<?x?xf64, #CSR>, tensor<?x?xf64> -> tensor<?x?xf64>
  %uv2 = la.matmul %U, %vt : tensor<?x?xf64>, tensor<?x?xf64>
  %e = arith.constant 2.0 : f64
  %uv2e = la.add %uv2, %e : tensor<?x?xf64>, f64
  %q2 = la.div %X, %uv2e : tensor<?x?xf64, #CSR>, tensor<?x?xf64>
  %ut = la.transpose %U : tensor<?x?xf64>
  %m = la.matmul %ut, %q2 : tensor<?x?xf64>, tensor<?x?xf64, #CSR> -> tensor<?x?xf64>
  %l = la.transpose %m : tensor<?x?xf64>
  %uv3 = la.matmul %U, %vt : tensor<?x?xf64>, tensor<?x?xf64>
  %h = la.sqrt %uv3 : tensor<?x?xf64>
  %q3 = la.div %X, %h : tensor<?x?xf64, #CSR>, tensor<?x?xf64>
  %s = la.sum %q3 : tensor<?x?xf64, #CSR> -> f64
  return %r, %l, %s : tensor<?x?xf64>, tensor<?x?xf64>, f64
}""")
    X, U, V = outer_sparse_inputs(kind, np.random.default_rng(13))
    U[0, :] = 0.0
    X = X.tolil()
    X[0, :] = 0.0
    X = X.tocsr()
    X.eliminate_zeros()
    UV = U @ V.T
    with np.errstate(divide="ignore"):
        W = X.multiply(1.0 / UV).tocsr()
        W2 = X.multiply(1.0 / (UV + 2.0)).tocsr()
        W3 = X.multiply(1.0 / np.sqrt(UV)).tocsr()
    assert_outer_results(tmp_path, program, X, U, V, 2, (W @ V, W2.T @ U, W3.sum()),
                         ([], ["--fuse=all", "--threads", "2"], ["--no-specialize"],
                          ["--fuse=none"], ["--fuse=none", "--select-formats"]))
    explain = outer_explain(tmp_path, program, X, U, V)
    assert explain.count("outer template") == 3, explain


@pytest.mark.parametrize("kind", ["random", "real", "empty_rows"])
def test_outer_closing_product(tmp_path, kind):
    """(X * sigmoid(U %*% t(V))) %*% V and t(t(U) %*% (X * sqrt(U %*% t(V)))):
    one outer operator each, accumulating each stored entry's value times a
    row of V (of U) into its row (its column's row) of the result; the sparse
    intermediate is never built."""
    program = tmp_path / "outer_product.mlir"
    program.write_text("""
#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>
func.func @main(%X: tensor<?x?xf64, #CSR>, %U: tensor<?x?xf64>, %V: tensor<?x?xf64>) -> (tensor<?x?xf64>, tensor<?x?xf64>) {
  %vt = la.transpose %V : tensor<?x?xf64>
  %uv = la.matmul %U, %vt : tensor<?x?xf64>, tensor<?x?xf64>
  %g = la.sigmoid %uv : tensor<?x?xf64>
  %p = la.mul %X, %g : tensor<?x?xf64, #CSR>, tensor<?x?xf64> -> tensor<?x?xf64, #CSR>
  %r = la.matmul %p, %V : tensor<?x?xf64, #CSR>, tensor<?x?xf64> -> tensor<?x?xf64>
  %h = la.sqrt %uv : tensor<?x?xf64>
  %p2 = la.mul %X, %h : tensor<?x?xf64, #CSR>, tensor<?x?xf64> -> tensor<?x?xf64, #CSR>
  %ut = la.transpose %U : tensor<?x?xf64>
  %m = la.matmul %ut, %p2 : tensor<?x?xf64>, tensor<?x?xf64, #CSR> -> tensor<?x?xf64>
  %l = la.transpose %m : tensor<?x?xf64>
  return %r, %l : tensor<?x?xf64>, tensor<?x?xf64>
}""")
    X, U, V = outer_sparse_inputs(kind, np.random.default_rng(12))
    W = X.multiply(1.0 / (1.0 + np.exp(-(U @ V.T)))).tocsr()
    W2 = X.multiply(np.sqrt(U @ V.T)).tocsr()
    assert_outer_results(tmp_path, program, X, U, V, 2, (W @ V, W2.T @ U),
                         ([], ["--fuse=all", "--threads", "2"], ["--no-specialize"],
                          ["--fuse=none", "--select-formats"]))
    explain = outer_explain(tmp_path, program, X, U, V)
    assert explain.count("outer template") == 2, explain
