"""Runs the example programs of docs/examples with lauryn-run and checks their
results against independent NumPy/SciPy implementations of the same algorithms.

Every test generates deterministic data (seeded numpy.random.default_rng),
writes it with numpy.save (dense) or scipy.io.mmwrite (sparse), runs
build/bin/lauryn-run on the example (build directory from the environment
variable LAURYN_BUILD_DIR, default: the checkout's build/), reads the matrix results
with numpy.load and the scalar results from the printed `result #k: value`
lines (printed with 17 significant digits), and compares them with the oracle.

Oracles and tolerances (relative to the largest magnitude of the reference
unless said otherwise):

* lmds: the same normal equations solved by numpy.linalg.solve (LAPACK), and for
  lambda = 0 also numpy.linalg.lstsq (QR/SVD, an independent method); rtol 1e-9
  (1e-7 against lstsq: the normal equations square the condition number).
* lmcg, logreg, l2svm, kmeans, pagerank, pca: a NumPy re-implementation of the
  same iteration with the same fixed iteration count. Only the summation order
  of the products differs, so the results agree to rtol 1e-9 (observed
  ~1e-15); lmcg is also checked against the direct solution once it has
  converged (rtol 1e-7), pagerank against the linear-system solution of the
  PageRank equations (rtol 1e-10 after 200 iterations), and pca against
  numpy.linalg.eigh (eigenvalues rtol 1e-9, subspace distance < 1e-7).
* Sparse inputs: PageRank always runs on real graphs (karate, Erdos971, G51,
  dwt_992 from ../shared/data/matrices); lmcg and logreg run with CSR X from a
  random scipy.sparse matrix and from the real matrix dwt_992 (lmcg also on
  bcsstk13, 84k non-zeros, scaled to unit diagonal), and the CSR results are
  compared with the dense entry on the same data (rtol 1e-10). Sparse tests
  run with 1 and 4 threads (races show up as wrong numbers). The final
  residual sum(r^2) of lmcg is compared with rtol 1e-7 (a small number formed
  by cancellation).
* Every optimization-sensitive example also runs with --no-optimize.
* Regression tests (at the end) run the programs of docs/examples/regressions/,
  minimal inputs for compiler bugs that are fixed: loops carrying newly
  computed tensors, CSR column sums on 1, 2 and 4 threads (against SciPy,
  rtol 1e-12), public helpers with CSR parameters, and dense <-> CSR
  conversion (exact, and an 80k-non-zero conversion in well under a second).

Tests that need ../shared/data (override with LAURYN_SHARED_DATA) are skipped
when it is missing; a missing lauryn-run binary is a failure.

Run with:  /usr/bin/python3 -m pytest python/tests/test_examples.py
           (add -rP to see the observed error of every comparison)
"""

import os
import pathlib
import re
import subprocess
import sys

import numpy as np
import pytest
import scipy.io
import scipy.sparse

REPO = pathlib.Path(__file__).resolve().parents[2]
BUILD = pathlib.Path(os.environ.get("LAURYN_BUILD_DIR") or REPO / "build")
LAURYN_RUN = BUILD / "bin" / "lauryn-run"
EXAMPLES = REPO / "docs" / "examples"
sys.path.insert(0, str(REPO / "utils" / "bench"))
import numpy_algorithms  # noqa: E402  (the NumPy oracles, shared with the benchmarks)
DATA = pathlib.Path(os.environ.get("LAURYN_SHARED_DATA", REPO.parent / "shared" / "data"))
MATRICES = DATA / "matrices"

RTOL = 1e-9          # same algorithm, different summation order
RTOL_SPARSE = 1e-10  # CSR entry against the dense entry on the same data


class LaurynRunError(AssertionError):
    """lauryn-run exited with an error (compile or run-time failure)."""


def real_matrix(name):
    path = MATRICES / f"{name}.mtx"
    if not path.exists():
        pytest.skip(f"shared data not found: {path} (set LAURYN_SHARED_DATA)")
    return path


def read_mtx(path):
    """A Matrix Market file as a float64 SciPy CSR matrix (symmetric expanded,
    pattern entries 1), as Lauryn's reader sees it."""
    return scipy.sparse.csr_matrix(scipy.io.mmread(str(path)), dtype=np.float64)


def lauryn(tmp_path, example, args, n_matrices, entry="main", flags=(), stats=False,
           sparse_results=()):
    """Runs docs/examples/<example> (or a path) with lauryn-run.

    args maps parameter names to NumPy arrays (written as .npy), SciPy sparse
    matrices (written as .mtx), paths, or numbers (ints for index parameters).
    n_matrices is the number of matrix results (each written to a .npy file
    with -o; the k-th with k in sparse_results as Matrix Market, read back as a
    SciPy CSR matrix). Returns the results in order: NumPy arrays (or SciPy
    CSR matrices) for matrices, floats for scalars. With stats=True, runs with
    --stats and returns (results, run time of the compiled program in ms). Raises LaurynRunError if lauryn-run
    fails.
    """
    if not LAURYN_RUN.exists():
        pytest.fail(f"{LAURYN_RUN} does not exist: build lauryn-run (or set LAURYN_BUILD_DIR)",
                    pytrace=False)
    program = example if isinstance(example, pathlib.Path) else EXAMPLES / example
    cmd = [str(LAURYN_RUN), str(program), "--entry", entry, *flags]
    if stats:
        cmd.append("--stats")
    for name, value in args.items():
        if isinstance(value, np.ndarray):
            path = tmp_path / f"arg_{name}.npy"
            np.save(path, value)
            value = path
        elif scipy.sparse.issparse(value):
            value, _ = written_mtx(tmp_path, f"arg_{name}", value)
        elif isinstance(value, float):
            value = repr(value)  # round-trips exactly
        cmd += ["--arg", f"{name}={value}"]
    if n_matrices:
        cmd += ["-o", ",".join(str(tmp_path / f"out{k}.{'mtx' if k in sparse_results else 'npy'}")
                               for k in range(n_matrices))]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    if proc.returncode != 0:
        raise LaurynRunError(f"lauryn-run failed with status {proc.returncode}:\n  "
                             f"{' '.join(cmd)}\n{proc.stdout}{proc.stderr}")
    results = []
    for line in proc.stdout.splitlines():
        m = re.match(r"result #(\d+): (.*)$", line)
        if not m:
            continue
        assert int(m.group(1)) == len(results), proc.stdout
        written = re.search(r" written to (.*)$", m.group(2))
        if not written:
            results.append(float(m.group(2)))
        elif written.group(1).endswith(".mtx"):
            results.append(scipy.sparse.csr_matrix(scipy.io.mmread(written.group(1))))
        else:
            results.append(np.load(written.group(1)))
    if stats:
        run_ms = re.search(r"^stats: .* run ([0-9.]+) ms", proc.stderr, re.MULTILINE)
        assert run_ms, f"no run time in the --stats output:\n{proc.stderr}"
        return results, float(run_ms.group(1))
    return results


def assert_close(got, want, rtol, what):
    """max|got - want| <= rtol * max|want|, with a readable message."""
    got = np.asarray(got, dtype=np.float64)
    want = np.asarray(want, dtype=np.float64)
    assert got.shape == want.shape, f"{what}: shape {got.shape}, expected {want.shape}"
    assert np.all(np.isfinite(got)), f"{what}: non-finite values in {got.ravel()[:8]}"
    scale = max(float(np.max(np.abs(want))), np.finfo(float).tiny)
    err = float(np.max(np.abs(got - want))) / scale
    print(f"{what}: relative error {err:.2e} (tolerance {rtol:.0e})")  # shown with -rP
    assert err <= rtol, f"{what}: relative error {err:.3e} > {rtol:.0e}"


def assert_same_csr(got, want, what):
    """Same shape, same stored entries (explicit zeros included), same values."""
    want = scipy.sparse.csr_matrix(want)
    assert got.shape == want.shape, f"{what}: shape {got.shape}, expected {want.shape}"
    assert got.nnz == want.nnz, f"{what}: {got.nnz} stored entries, expected {want.nnz}"
    stored = lambda m: set(zip(m.tocoo().row, m.tocoo().col))  # explicit zeros included
    assert stored(got) == stored(want), f"{what}: the stored entries differ"
    assert np.array_equal(got.toarray(), want.toarray()), f"{what}: the values differ"


def written_mtx(tmp_path, name, S):
    """Writes S as Matrix Market; returns (path, the matrix as read back), so
    an oracle sees exactly the values lauryn-run reads."""
    path = tmp_path / f"{name}.mtx"
    scipy.io.mmwrite(str(path), scipy.sparse.coo_matrix(S), precision=17)
    return path, read_mtx(path)


# --------------------------------------------------------------------------
# NumPy oracles: the algorithms of the examples, written independently.
# --------------------------------------------------------------------------

def oracle_lmds(X, y, lam):
    m = X.shape[1]
    beta = np.linalg.solve(X.T @ X + lam * np.eye(m), X.T @ y)
    return beta, float(np.sum((y - X @ beta) ** 2))


def oracle_lmcg(X, y, lam, tol, max_iter):
    m = X.shape[1]
    beta = np.zeros((m, 1))
    r = -(X.T @ y)
    p = -r
    nr2 = float(np.sum(r * r))
    target = nr2 * tol * tol
    iters = 0
    for _ in range(max_iter):
        if not nr2 > target:
            break
        q = X.T @ (X @ p) + lam * p
        alpha = nr2 / float(np.sum(p * q))
        beta = beta + alpha * p
        r = r + alpha * q
        old = nr2
        nr2 = float(np.sum(r * r))
        p = -r + (nr2 / old) * p
        iters += 1
    return beta, nr2, iters


def oracle_l2svm(X, Y, lam, max_iter, ls_iter):
    return numpy_algorithms.l2svm(X, Y, lam, max_iter, ls_iter)


def oracle_kmeans(X, C, max_iter):
    """Lloyd iterations; returns centroids, WCSS and the smallest gap between
    the best and second-best shifted distance of any assignment."""
    gaps = [np.inf]

    def gap(D):
        Ds = np.sort(D, axis=1)
        gaps.append(float(np.min(Ds[:, 1] - Ds[:, 0])))
    C, wcss = numpy_algorithms.kmeans(X, C, max_iter, on_distances=gap)
    return C, wcss, min(gaps)


def oracle_pagerank(G, alpha, max_iter):
    n = G.shape[0]
    d = np.maximum(np.asarray(G.sum(axis=0)).reshape(n, 1), 1.0)
    p = np.full((n, 1), 1.0 / n)
    for _ in range(max_iter):
        p = alpha * (G @ (p / d)) + (1.0 - alpha) / n
    return p


def oracle_logreg(X, y, lam, eta, max_iter):
    n, m = X.shape
    w = np.zeros((m, 1))
    for _ in range(max_iter):
        p = 1.0 / (1.0 + np.exp(-(X @ w)))
        w = w - eta * (X.T @ (p - y) / n + lam * w)
    p = 1.0 / (1.0 + np.exp(-(X @ w)))
    loss = lam / 2 * np.sum(w * w) - np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    return w, float(loss)


def oracle_orth(Z):
    m, k = Z.shape
    Q = np.zeros((m, k))
    for j in range(k):
        v = Z[:, j:j + 1]
        v = v - Q @ (Q.T @ v)
        v = v - Q @ (Q.T @ v)
        Q[:, j:j + 1] = v / np.sqrt(np.sum(v * v))
    return Q


def oracle_pca(X, Q0, max_iter):
    n = X.shape[0]
    Xc = X - X.mean(axis=0)
    C = Xc.T @ Xc / (n - 1)
    Q = oracle_orth(Q0)
    for _ in range(max_iter):
        Q = oracle_orth(C @ Q)
    evals = np.sum(Q * (C @ Q), axis=0).reshape(-1, 1)
    return evals, Q, Xc @ Q, C


# --------------------------------------------------------------------------
# Data
# --------------------------------------------------------------------------

def regression_data(seed, n, m, noise=0.1):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, m))
    y = X @ rng.standard_normal((m, 1)) + noise * rng.standard_normal((n, 1))
    return X, y


def random_sparse(seed, n, m, density):
    """A random CSR matrix with values in [-2, 2) and no empty column."""
    rng = np.random.default_rng(seed)
    S = scipy.sparse.random(n, m, density=density, format="lil", random_state=seed,
                            data_rvs=lambda k: rng.uniform(-2.0, 2.0, k))
    for j in range(m):  # every feature occurs at least once
        S[rng.integers(n), j] = 1.0
    return S.tocsr()


OPT_FLAGS = [pytest.param((), id="opt"), pytest.param(("--no-optimize",), id="noopt")]
THREADS = [pytest.param(("--threads", "1"), id="t1"), pytest.param(("--threads", "4"), id="t4")]


# --------------------------------------------------------------------------
# lmds
# --------------------------------------------------------------------------

@pytest.mark.parametrize("n,m,lam", [(500, 20, 0.5), (200, 50, 1e-3), (64, 8, 10.0)])
def test_lmds(tmp_path, n, m, lam):
    X, y = regression_data(1 + m, n, m)
    beta, rss = lauryn(tmp_path, "lmds.mlir", {"X": X, "y": y, "lambda": lam}, 1)
    want_beta, want_rss = oracle_lmds(X, y, lam)
    assert_close(beta, want_beta, RTOL, "beta")
    assert_close(rss, want_rss, RTOL, "rss")


def test_lmds_unregularized_matches_least_squares(tmp_path):
    X, y = regression_data(3, 300, 12, noise=0.5)
    beta, rss = lauryn(tmp_path, "lmds.mlir", {"X": X, "y": y, "lambda": 0.0}, 1)
    want, res, _, _ = np.linalg.lstsq(X, y, rcond=None)
    assert_close(beta, want, 1e-7, "beta vs lstsq")
    assert_close(rss, res[0], 1e-7, "rss vs lstsq")


# --------------------------------------------------------------------------
# lmcg
# --------------------------------------------------------------------------

@pytest.mark.parametrize("flags", OPT_FLAGS)
def test_lmcg_fixed_iterations(tmp_path, flags):
    X, y = regression_data(5, 300, 40)
    args = {"X": X, "y": y, "lambda": 0.3, "tol": 0.0, "maxIter": 12}
    beta, nr2, iters = lauryn(tmp_path, "lmcg.mlir", args, 1, flags=flags)
    want_beta, want_nr2, want_iters = oracle_lmcg(X, y, 0.3, 0.0, 12)
    assert iters == want_iters == 12
    assert_close(beta, want_beta, RTOL, "beta")
    assert_close(nr2, want_nr2, 1e-7, "sum(r^2)")  # a small, cancellation-prone number


def test_lmcg_converges_to_direct_solution(tmp_path):
    X, y = regression_data(6, 400, 25)
    args = {"X": X, "y": y, "lambda": 0.1, "tol": 1e-10, "maxIter": 200}
    beta, nr2, iters = lauryn(tmp_path, "lmcg.mlir", args, 1)
    want_beta, _, want_iters = oracle_lmcg(X, y, 0.1, 1e-10, 200)
    direct, _ = oracle_lmds(X, y, 0.1)
    assert iters == want_iters, "stopped after a different number of iterations"
    assert 0 < iters < 200, "the tolerance test never stopped the iteration"
    assert_close(beta, want_beta, 1e-8, "beta vs same-algorithm oracle")
    assert_close(beta, direct, 1e-7, "beta vs direct solve")


@pytest.mark.parametrize("threads", THREADS)
def test_lmcg_sparse_random(tmp_path, threads):
    S = random_sparse(7, 2000, 60, 0.05)
    path, S = written_mtx(tmp_path, "S", S)
    rng = np.random.default_rng(8)
    y = S @ rng.standard_normal((60, 1)) + 0.05 * rng.standard_normal((2000, 1))
    args = {"y": y, "lambda": 0.01, "tol": 0.0, "maxIter": 15}
    beta, nr2, iters = lauryn(tmp_path, "lmcg.mlir", {"X": path, **args}, 1,
                              entry="main_csr", flags=threads)
    want_beta, want_nr2, _ = oracle_lmcg(S, y, 0.01, 0.0, 15)
    assert iters == 15
    assert_close(beta, want_beta, RTOL, "beta (CSR)")
    assert_close(nr2, want_nr2, 1e-7, "sum(r^2) (CSR)")
    dense_beta, _, _ = lauryn(tmp_path, "lmcg.mlir", {"X": S.toarray(), **args}, 1)
    assert_close(beta, dense_beta, RTOL_SPARSE, "beta (CSR vs dense entry)")


@pytest.mark.parametrize("threads", THREADS)
@pytest.mark.parametrize("name,lam", [("dwt_992", 1.0), ("bcsstk13", 0.1)])
def test_lmcg_sparse_real_matrix(tmp_path, threads, name, lam):
    path = real_matrix(name)
    A = read_mtx(path)
    if name == "bcsstk13":
        # 2003 x 2003, 84k non-zeros: t(X) of a CSR X this size took 7.6 s
        # before dense -> CSR conversion became linear. Its raw entries span
        # 1e12, which makes CG amplify rounding errors until two correct
        # implementations disagree (even NumPy dense vs SciPy sparse), so it
        # is scaled symmetrically to unit diagonal, D^-1/2 A D^-1/2.
        d = scipy.sparse.diags(1.0 / np.sqrt(np.abs(A.diagonal())))
        path, A = written_mtx(tmp_path, f"{name}_scaled", d @ A @ d)
    rng = np.random.default_rng(9)
    y = A @ rng.standard_normal((A.shape[1], 1)) + 0.01 * rng.standard_normal((A.shape[0], 1))
    args = {"X": path, "y": y, "lambda": lam, "tol": 0.0, "maxIter": 20}
    beta, nr2, iters = lauryn(tmp_path, "lmcg.mlir", args, 1, entry="main_csr", flags=threads)
    want_beta, want_nr2, _ = oracle_lmcg(A, y, lam, 0.0, 20)
    assert iters == 20
    assert_close(beta, want_beta, RTOL, f"beta ({name})")
    assert_close(nr2, want_nr2, 1e-7, f"sum(r^2) ({name})")


# --------------------------------------------------------------------------
# l2svm
# --------------------------------------------------------------------------

@pytest.mark.parametrize("flags", OPT_FLAGS)
@pytest.mark.parametrize("lam,max_iter,ls_iter", [(1.0, 10, 5), (0.1, 25, 3)])
def test_l2svm(tmp_path, flags, lam, max_iter, ls_iter):
    rng = np.random.default_rng(10)
    n, m = 400, 15
    X = rng.standard_normal((n, m))
    Y = np.sign(X @ rng.standard_normal((m, 1)) + 0.5 * rng.standard_normal((n, 1)))
    Y[Y == 0] = 1.0
    args = {"X": X, "Y": Y, "lambda": lam, "maxIter": max_iter, "lineSearchIter": ls_iter}
    (w,) = lauryn(tmp_path, "l2svm.mlir", args, 1, flags=flags)
    want = oracle_l2svm(X, Y, lam, max_iter, ls_iter)
    assert_close(w, want, RTOL, "w")
    assert np.mean(np.sign(X @ w) == Y) > 0.8, "the SVM does not separate the data"


# --------------------------------------------------------------------------
# kmeans
# --------------------------------------------------------------------------

def blobs(seed, k, m, per_cluster, spread=5.0):
    rng = np.random.default_rng(seed)
    centers = spread * rng.standard_normal((k, m))
    X = np.vstack([c + rng.standard_normal((per_cluster, m)) for c in centers])
    rng.shuffle(X)
    return X


@pytest.mark.parametrize("flags", OPT_FLAGS)
@pytest.mark.parametrize("k,m,max_iter", [(4, 3, 10), (6, 10, 20)])
def test_kmeans(tmp_path, flags, k, m, max_iter):
    X = blobs(11 + k, k, m, 120)
    C0 = X[:k].copy()  # the first k (shuffled) points
    C, wcss = lauryn(tmp_path, "kmeans.mlir", {"X": X, "C": C0, "maxIter": max_iter}, 1,
                     flags=flags)
    want_C, want_wcss, gap = oracle_kmeans(X, C0, max_iter)
    assert gap > 1e-6, "test data has a near tie; rounding could flip an assignment"
    assert_close(C, want_C, RTOL, "centroids")
    assert_close(wcss, want_wcss, RTOL, "wcss")


def test_kmeans_empty_cluster_keeps_centroid(tmp_path):
    X = blobs(21, 3, 2, 100)
    C0 = np.vstack([X[:3], [[1e3, -1e3]]])  # the 4th centroid never gets a point
    C, wcss = lauryn(tmp_path, "kmeans.mlir", {"X": X, "C": C0, "maxIter": 8}, 1)
    want_C, want_wcss, _ = oracle_kmeans(X, C0, 8)
    assert np.array_equal(C[3], C0[3]), "an empty cluster must keep its centroid"
    assert_close(C, want_C, RTOL, "centroids")
    assert_close(wcss, want_wcss, RTOL, "wcss")


# --------------------------------------------------------------------------
# pagerank (sparse)
# --------------------------------------------------------------------------

@pytest.mark.parametrize("threads", THREADS)
@pytest.mark.parametrize("graph", ["karate", "Erdos971", "G51", "dwt_992"])
def test_pagerank_real_graph(tmp_path, graph, threads):
    path = real_matrix(graph)
    G = read_mtx(path)
    (p,) = lauryn(tmp_path, "pagerank.mlir", {"G": path, "alpha": 0.85, "maxIter": 40}, 1,
                  flags=threads)
    want = oracle_pagerank(G, 0.85, 40)
    assert_close(p, want, RTOL, f"PageRank of {graph}")
    dangling = int(np.sum(np.asarray(G.sum(axis=0)) == 0))
    if dangling == 0:  # a stochastic matrix keeps the total rank mass
        assert abs(np.sum(p) - 1.0) < 1e-12


def test_pagerank_solves_pagerank_equations(tmp_path):
    """After 200 iterations (0.85^200 < 1e-14), p solves
    (I - alpha * G diag(1/d)) p = (1 - alpha) / n, solved directly."""
    path = real_matrix("karate")
    G = read_mtx(path).toarray()
    n = G.shape[0]
    (p,) = lauryn(tmp_path, "pagerank.mlir", {"G": path, "alpha": 0.85, "maxIter": 200}, 1)
    M = G / np.maximum(G.sum(axis=0), 1.0)[None, :]
    want = np.linalg.solve(np.eye(n) - 0.85 * M, np.full((n, 1), 0.15 / n))
    assert_close(p, want, 1e-10, "PageRank vs direct solve")
    # The karate club's most central members (0-based 33 and 0) rank highest.
    assert set(np.argsort(-p.ravel())[:2]) == {0, 33}


def test_pagerank_random_directed_graph(tmp_path):
    """A directed graph with dangling nodes (columns without out-edges)."""
    n = 300
    A = scipy.sparse.random(n, n, density=0.02, format="lil", random_state=12,
                            data_rvs=lambda k: np.ones(k))
    A.setdiag(0)
    A[:, :10] = 0  # nodes 0-9 have no out-edges
    A = A.tocsr()
    A.eliminate_zeros()
    path, A = written_mtx(tmp_path, "A", A)
    (p,) = lauryn(tmp_path, "pagerank.mlir", {"G": path, "alpha": 0.9, "maxIter": 30}, 1)
    assert np.any(np.asarray(A.sum(axis=0)) == 0), "test data has no dangling node"
    assert_close(p, oracle_pagerank(A, 0.9, 30), RTOL, "PageRank (random directed)")


# --------------------------------------------------------------------------
# logreg
# --------------------------------------------------------------------------

def logistic_labels(rng, Xw):
    return (rng.random(Xw.shape) < 1.0 / (1.0 + np.exp(-Xw))).astype(float)


@pytest.mark.parametrize("lam,eta,max_iter", [(0.01, 0.5, 50), (0.0, 1.0, 100)])
def test_logreg_dense(tmp_path, lam, eta, max_iter):
    rng = np.random.default_rng(13)
    X = rng.standard_normal((500, 12))
    y = logistic_labels(rng, X @ rng.standard_normal((12, 1)))
    args = {"X": X, "y": y, "lambda": lam, "eta": eta, "maxIter": max_iter}
    w, loss = lauryn(tmp_path, "logreg.mlir", args, 1)
    want_w, want_loss = oracle_logreg(X, y, lam, eta, max_iter)
    assert_close(w, want_w, RTOL, "w")
    assert_close(loss, want_loss, RTOL, "loss")
    assert loss < np.log(2.0), "gradient descent did not reduce the loss below w = 0"


@pytest.mark.parametrize("threads", THREADS)
def test_logreg_sparse_random(tmp_path, threads):
    rng = np.random.default_rng(14)
    S = random_sparse(15, 1500, 40, 0.1)
    path, S = written_mtx(tmp_path, "S", S)
    y = logistic_labels(rng, S @ rng.standard_normal((40, 1)))
    args = {"y": y, "lambda": 0.01, "eta": 1.0, "maxIter": 60}
    w, loss = lauryn(tmp_path, "logreg.mlir", {"X": path, **args}, 1, entry="main_csr",
                     flags=threads)
    want_w, want_loss = oracle_logreg(S, y, 0.01, 1.0, 60)
    assert_close(w, want_w, RTOL, "w (CSR)")
    assert_close(loss, want_loss, RTOL, "loss (CSR)")
    dense_w, dense_loss = lauryn(tmp_path, "logreg.mlir", {"X": S.toarray(), **args}, 1)
    assert_close(w, dense_w, RTOL_SPARSE, "w (CSR vs dense entry)")
    assert_close(loss, dense_loss, RTOL_SPARSE, "loss (CSR vs dense entry)")


def test_logreg_sparse_real_matrix(tmp_path):
    path = real_matrix("dwt_992")
    A = read_mtx(path)
    rng = np.random.default_rng(16)
    y = logistic_labels(rng, A @ (0.3 * rng.standard_normal((A.shape[1], 1))))
    args = {"X": path, "y": y, "lambda": 0.01, "eta": 0.1, "maxIter": 30}
    w, loss = lauryn(tmp_path, "logreg.mlir", args, 1, entry="main_csr")
    want_w, want_loss = oracle_logreg(A, y, 0.01, 0.1, 30)
    assert_close(w, want_w, RTOL, "w (dwt_992)")
    assert_close(loss, want_loss, RTOL, "loss (dwt_992)")


# --------------------------------------------------------------------------
# pca
# --------------------------------------------------------------------------

@pytest.mark.parametrize("flags", OPT_FLAGS)
@pytest.mark.parametrize("n,m,k", [(300, 10, 3), (500, 25, 5)])
def test_pca(tmp_path, flags, n, m, k):
    rng = np.random.default_rng(17 + m)
    spectrum = np.geomspace(10.0, 0.1, m)  # well separated singular values
    R, _ = np.linalg.qr(rng.standard_normal((m, m)))
    X = (rng.standard_normal((n, m)) * spectrum) @ R.T + rng.uniform(-5, 5, m)
    Q0 = rng.standard_normal((m, k))
    max_iter = 150
    evals, Q, Y = lauryn(tmp_path, "pca.mlir", {"X": X, "Q0": Q0, "maxIter": max_iter}, 3,
                         flags=flags)
    want_evals, want_Q, want_Y, C = oracle_pca(X, Q0, max_iter)
    # Same algorithm: equal up to rounding (signs included).
    assert_close(evals, want_evals, RTOL, "eigenvalues")
    assert_close(Q, want_Q, 1e-8, "components")
    assert_close(Y, want_Y, 1e-8, "projection")
    # Independent oracle: the top-k eigenpairs of the covariance matrix.
    w, V = np.linalg.eigh(C)
    top_w, top_V = w[::-1][:k], V[:, ::-1][:, :k]
    assert_close(evals.ravel(), top_w, RTOL, "eigenvalues vs eigh")
    assert np.linalg.norm(Q @ Q.T - top_V @ top_V.T, 2) < 1e-7, "subspace differs from eigh"
    assert_close(np.abs(np.sum(Q * top_V, axis=0)), np.ones(k), 1e-7, "|<q_i, v_i>|")
    assert_close(Q.T @ Q, np.eye(k), 1e-12, "orthonormality of Q")


# --------------------------------------------------------------------------
# Regressions (docs/examples/regressions): fixed compiler bugs, minimal inputs.
# --------------------------------------------------------------------------

REGRESSIONS = EXAMPLES / "regressions"


@pytest.mark.parametrize("flags", OPT_FLAGS)
@pytest.mark.parametrize("n", [0, 3, 10])
def test_regression_loop_carried_tensor(tmp_path, flags, n):
    """scf.for yielding a newly computed tensor (used to fail bufferization)."""
    x = np.random.default_rng(30).standard_normal((5, 1))
    (r,) = lauryn(tmp_path, REGRESSIONS / "loop-carried-tensor.mlir", {"x": x, "n": n}, 1,
                  flags=flags)
    assert_close(r, 2.0 ** n * x, 0.0, f"2^{n} * x")  # exact: scaling by 2


def column_sums_matrix(tmp_path, name):
    """(path, matrix as read) of a real graph, or of a random rectangular
    matrix with values in [-2, 2) whose column sums differ from its row sums."""
    if name == "random":
        return written_mtx(tmp_path, "S", random_sparse(31, 3000, 700, 0.03))
    path = real_matrix(name)
    return path, read_mtx(path)


@pytest.mark.parametrize("threads", [1, 2, 4], ids=lambda t: f"t{t}")
@pytest.mark.parametrize("name", ["Erdos971", "G51", "bcsstk13", "random"])
def test_regression_csr_column_sums(tmp_path, name, threads):
    """colSums and colSums(G^2) of CSR matrices on several threads (used to
    race). A race need not show in every run: multithreaded runs repeat."""
    path, G = column_sums_matrix(tmp_path, name)
    want_cs = np.asarray(G.sum(axis=0))
    want_cq = np.asarray(G.multiply(G).sum(axis=0))
    total = float(G.sum())
    for run in range(1 if threads == 1 else 3):
        cs, cq, s_all, s_cols, s_colsq = lauryn(
            tmp_path, REGRESSIONS / "csr-column-sums.mlir", {"G": path}, 2,
            flags=("--threads", str(threads)))
        what = f"{name}, {threads} threads, run {run}"
        assert_close(cs, want_cs, 1e-12, f"colSums ({what})")
        assert_close(cq, want_cq, 1e-12, f"colSums(G^2) ({what})")
        assert_close(s_all, total, 1e-12, f"sum ({what})")
        assert_close(s_cols, total, 1e-12, f"sum(colSums) ({what})")
        assert_close(s_colsq, want_cq.sum(), 1e-12, f"sum(colSums(G^2)) ({what})")


@pytest.mark.parametrize("flags", OPT_FLAGS)
@pytest.mark.parametrize("name", ["karate", "random"])
def test_regression_public_csr_helper(tmp_path, flags, name):
    """Public helpers taking a CSR argument (used to break sparse-assembler)."""
    if name == "random":
        path, G = written_mtx(tmp_path, "S", random_sparse(32, 300, 80, 0.05))
    else:
        path = real_matrix(name)
        G = read_mtx(path)
    total, degrees = lauryn(tmp_path, REGRESSIONS / "public-csr-helper.mlir", {"G": path}, 1,
                            flags=flags)
    if name == "karate":
        assert total == 156.0  # stored entries, symmetric expanded
    assert_close(total, G.sum(), 1e-12, f"sum ({name})")
    assert_close(degrees, np.asarray(G.sum(axis=1)), 1e-12, f"rowSums ({name})")


def test_regression_dense_to_csr(tmp_path):
    """dense -> CSR, t(CSR) and CSR -> dense are exact and linear-time (an 80k
    non-zero conversion used to take 6.4 s, quadratic in the non-zeros).
    Linear time is checked by scaling, not by a time limit (which a sanitized
    or busy machine would miss): 4x the non-zeros must cost well below the 16x
    of a quadratic conversion."""
    rng = np.random.default_rng(33)
    times = {}
    for n in (1000, 2000):
        X = np.where(rng.random((n, n)) < 0.02, rng.uniform(-1.0, 1.0, (n, n)), 0.0)
        nnz = int(np.count_nonzero(X))
        # run_ms: the fastest of 3 runs (after a warm-up run), to damp machine noise.
        (D, Dt, total, nz), run_ms = lauryn(tmp_path, REGRESSIONS / "dense-to-csr.mlir", {"X": X},
                                            2, flags=("--repeat", "3"), stats=True)
        assert np.array_equal(D, X), "X -> CSR -> dense changed the matrix"
        assert np.array_equal(Dt, X.T), "t(CSR) -> dense is not t(X)"
        assert nz == nnz
        assert_close(total, X.sum(), 1e-12, "sum of the CSR copy")
        print(f"dense <-> CSR, {nnz} non-zeros: {run_ms:.1f} ms")  # shown with -rP
        times[n] = run_ms
    growth = times[2000] / max(times[1000], 1e-3)
    assert growth < 8.0, f"4x the non-zeros took {growth:.1f}x the time: superlinear conversion?"


# --------------------------------------------------------------------------
# Sparse kernels on real rectangular matrices.
# --------------------------------------------------------------------------

CSR_TRANSPOSE = """
#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>
func.func @main(%G: tensor<?x?xf64, #CSR>)
    -> (tensor<?x?xf64>, tensor<?x?xf64, #CSR>, tensor<?x1xf64>, i64) {
  %t = la.transpose %G : tensor<?x?xf64, #CSR> -> tensor<?x?xf64>
  %ts = la.transpose %G : tensor<?x?xf64, #CSR> -> tensor<?x?xf64, #CSR>
  %rs = la.sum row %ts : tensor<?x?xf64, #CSR>
  %nz = la.nnz %ts : tensor<?x?xf64, #CSR>
  return %t, %ts, %rs, %nz : tensor<?x?xf64>, tensor<?x?xf64, #CSR>, tensor<?x1xf64>, i64
}
"""


@pytest.mark.parametrize("threads", [1, 2, 4], ids=lambda t: f"t{t}")
@pytest.mark.parametrize("name", ["lp_afiro", "Groebner_id2003_aug", "sparse-images-1024_subset",
                                  "random"])
def test_csr_transpose(tmp_path, name, threads):
    """t(G) of a CSR G, to a dense and to a CSR result, against SciPy: the
    stored entries are scattered into the (column-major) result by the outer
    row loop, in parallel with more than one thread."""
    if name == "random":
        path, G = written_mtx(tmp_path, "S", random_sparse(34, 700, 3000, 0.01))
    else:
        path = real_matrix(name)
        G = read_mtx(path)
    program = tmp_path / "transpose.mlir"
    program.write_text(CSR_TRANSPOSE)
    t, ts, rs, nz = lauryn(tmp_path, program, {"G": path}, 3, flags=("--threads", str(threads)),
                           sparse_results={1})
    assert t.shape == (G.shape[1], G.shape[0])
    assert np.array_equal(t, G.T.toarray()), f"t(G) of {name} differs from SciPy"
    assert_same_csr(ts, G.T.tocsr(), f"t(G) of {name} as a CSR result")
    assert_close(rs, np.asarray(G.T.sum(axis=1)), 1e-12, f"rowSums(t(G)) of {name}")
    assert nz == np.count_nonzero(G.toarray())


CSR_PRODUCT = """
#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>
func.func @main(%A: tensor<?x?xf64, #CSR>, %B: tensor<?x?xf64, #CSR>)
    -> (tensor<?x?xf64>, tensor<?x?xf64, #CSR>, tensor<?x1xf64>, f64) {
  %C = la.matmul %A, %B : tensor<?x?xf64, #CSR>, tensor<?x?xf64, #CSR> -> tensor<?x?xf64, #CSR>
  %D = la.convert %C : tensor<?x?xf64, #CSR> -> tensor<?x?xf64>
  %rs = la.sum row %C : tensor<?x?xf64, #CSR>
  %s = la.sum %C : tensor<?x?xf64, #CSR>
  return %D, %C, %rs, %s : tensor<?x?xf64>, tensor<?x?xf64, #CSR>, tensor<?x1xf64>, f64
}
"""


@pytest.mark.parametrize("threads", [1, 2, 4], ids=lambda t: f"t{t}")
@pytest.mark.parametrize("name", ["Erdos971", "bcsstk13", "lp_afiro", "random"])
def test_csr_times_csr(tmp_path, name, threads):
    """SpGEMM with a CSR result (assembled by the sparsifier through a dense
    row workspace), against SciPy: G %*% t(G) for rectangular real matrices,
    G %*% G for square ones, two random rectangular factors otherwise."""
    if name == "random":
        pa, A = written_mtx(tmp_path, "A", random_sparse(35, 400, 900, 0.01))
        pb, B = written_mtx(tmp_path, "B", random_sparse(36, 900, 300, 0.01))
    else:
        pa = real_matrix(name)
        A = read_mtx(pa)
        B = A if A.shape[0] == A.shape[1] else A.T.tocsr()
        pb = pa if B is A else written_mtx(tmp_path, "Bt", B)[0]
        if B is not A:
            B = read_mtx(pb)
    program = tmp_path / "spgemm.mlir"
    program.write_text(CSR_PRODUCT)
    D, C, rs, s = lauryn(tmp_path, program, {"A": pa, "B": pb}, 3,
                         flags=("--threads", str(threads)), sparse_results={1})
    want = (A @ B).toarray()
    assert_close(D, want, 1e-12, f"A %*% B ({name}, {threads} threads)")
    # The CSR result stores every entry the row expansion reaches (a sum that
    # cancels to 0 stays stored; SciPy drops it).
    assert_close(C.toarray(), want, 1e-12, f"A %*% B as a CSR result ({name})")
    assert C.nnz >= np.count_nonzero(want) and C.nnz <= (abs(A) @ abs(B)).nnz
    assert_close(rs, want.sum(axis=1, keepdims=True), 1e-12, f"rowSums ({name})")
    assert_close(s, want.sum(), 1e-12, f"sum ({name})")


@pytest.mark.parametrize("name", ["lp_afiro", "bcsstk13"])
def test_csr_unspecialized(tmp_path, name):
    """Compiled for the declared dynamic types (--no-specialize): CSR
    parameters are then built from their buffers by in-order insertion
    instead of the static-only upstream assembly; same results as SciPy."""
    pa = real_matrix(name)
    A = read_mtx(pa)
    B = A if A.shape[0] == A.shape[1] else A.T.tocsr()
    pb = pa if B is A else written_mtx(tmp_path, "Bt", B)[0]
    program = tmp_path / "spgemm.mlir"
    program.write_text(CSR_PRODUCT)
    D, C, rs, s = lauryn(tmp_path, program, {"A": pa, "B": pb}, 3,
                         flags=("--no-specialize",), sparse_results={1})
    want = (A @ read_mtx(pb)).toarray()
    assert_close(D, want, 1e-12, f"A %*% B ({name}, unspecialized)")
    assert_close(C.toarray(), want, 1e-12, f"A %*% B as a CSR result ({name}, unspecialized)")
    assert_close(s, want.sum(), 1e-12, f"sum ({name}, unspecialized)")
