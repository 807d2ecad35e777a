"""Lineage reuse across calls (la-insert-reuse, docs/reuse.md) against NumPy.

Host-driven sweeps in one lauryn-run process (--sweep): ridge regression over a
grid of lambdas (t(X) %*% X and t(X) %*% y reused), k-fold cross-validated ridge
regression (each fold's Gram matrix, keyed by the fold index, reused across
lambdas) and PCA for several numbers of components (the covariance matrix
reused across K, with --no-specialize since Q0's width changes). Every result
is checked against NumPy, the cache counters against the reuse that must
happen, and results with the cache against results without it (bit for bit
where no partial-reuse rewrite changes the summation order). Forward stepwise
ridge regression (la-partial-reuse) is checked the same way.

Run with:  /usr/bin/python3 -m pytest python/tests/test_reuse.py
"""

import re
import subprocess

import numpy as np
import pytest

from test_examples import EXAMPLES, LAURYN_RUN, assert_close, oracle_pca  # noqa: F401

RTOL = 1e-9


def sweep(tmp_path, example, args, name, values, flags=(), n_matrices=0):
    """Runs docs/examples/<example> once per value of parameter `name` in one
    lauryn-run process. Returns (per value: the list of results, NumPy arrays
    for matrices and floats for scalars; the cache counters)."""
    cmd = [str(LAURYN_RUN), str(EXAMPLES / example), "--stats", *flags]
    for key, value in args.items():
        if isinstance(value, np.ndarray):
            path = tmp_path / f"arg_{key}.npy"
            np.save(path, value)
            value = path
        elif isinstance(value, float):
            value = repr(value)
        cmd += ["--arg", f"{key}={value}"]
    texts = []
    for k, value in enumerate(values):
        if isinstance(value, np.ndarray):
            path = tmp_path / f"sweep_{name}_{k}.npy"
            np.save(path, value)
            value = path
        texts.append(repr(value) if isinstance(value, float) else str(value))
    cmd += ["--sweep", f"{name}={','.join(texts)}"]
    if n_matrices:
        cmd += ["-o", ",".join(str(tmp_path / f"out{j}.npy") for j in range(n_matrices))]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, f"{' '.join(cmd)}\n{proc.stdout}{proc.stderr}"
    runs = []
    for line in proc.stdout.splitlines():
        if line.startswith("sweep "):
            runs.append([])
            continue
        m = re.match(r"result #(\d+): (.*)$", line)
        if not m:
            continue
        written = re.search(r" written to (.*)$", m.group(2))
        runs[-1].append(np.load(written.group(1)) if written else float(m.group(2)))
    assert len(runs) == len(values), proc.stdout
    stats = re.search(r"lineage cache \(last run\): (\d+) hits, (\d+) misses, (\d+) puts",
                      proc.stderr)
    assert stats, proc.stderr
    return runs, dict(zip(("hits", "misses", "puts"), map(int, stats.groups())))


def ridge(X, y, lam):
    return np.linalg.solve(X.T @ X + lam * np.eye(X.shape[1]), X.T @ y)


def data(seed, n, m):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, m))
    y = X @ rng.standard_normal((m, 1)) + 0.1 * rng.standard_normal((n, 1))
    return X, y


LAMBDAS = [0.01, 0.1, 1.0, 10.0, 0.1]  # the last repeats the second


@pytest.mark.parametrize("identity", ["content", "per-call"])
def test_ridge_lambda_grid(tmp_path, identity):
    X, y = data(1, 20000, 400)  # t(X) %*% X: 6.4 GFLOPs, worth caching
    runs, stats = sweep(tmp_path, "ridge.mlir", {"X": X, "y": y}, "lambda", LAMBDAS,
                        flags=[f"--input-identity={identity}"], n_matrices=1)
    for lam, (beta,) in zip(LAMBDAS, runs):
        assert_close(beta, ridge(X, y, lam), RTOL, f"beta (lambda={lam})")
    # The first call misses and stores the solve, t(X) %*% X and t(X) %*% y;
    # the next three miss their solve and hit both products; the last hits
    # the solve of the second (and probes nothing else).
    assert stats == {"hits": 7, "misses": 6, "puts": 6}, stats
    off, off_stats = sweep(tmp_path, "ridge.mlir", {"X": X, "y": y}, "lambda", LAMBDAS,
                           flags=["--reuse=false"], n_matrices=1)
    assert off_stats["puts"] == 0
    for (a,), (b,) in zip(runs, off):
        np.testing.assert_array_equal(a, b)


def test_ridge_cross_validation(tmp_path):
    X, y = data(2, 20000, 400)
    folds = 5
    lambdas = [0.1, 1.0, 10.0]
    runs, stats = sweep(tmp_path, "ridge_cv.mlir", {"X": X, "y": y, "folds": folds}, "lambda",
                        lambdas)
    f = X.shape[0] // folds
    for lam, (cv,) in zip(lambdas, runs):
        err = 0.0
        for k in range(folds):
            val = np.arange(k * f, (k + 1) * f)
            train = np.setdiff1d(np.arange(X.shape[0]), val)
            beta = ridge(X[train], y[train], lam)
            err += float(np.sum((y[val] - X[val] @ beta) ** 2))
        assert_close(cv, err / (folds * f), RTOL, f"cv error (lambda={lam})")
    # Each fold's Gram matrix and t(X) %*% y (keyed by the fold index) are
    # reused by the second and third lambda.
    assert stats["hits"] >= 2 * folds * (len(lambdas) - 1), stats
    # Without reuse (nor partial reuse: t(rbind(A, B)) %*% rbind(A, B) is then one
    # product, not t(A) %*% A + t(B) %*% B) only the summation order differs.
    off, _ = sweep(tmp_path, "ridge_cv.mlir", {"X": X, "y": y, "folds": folds}, "lambda",
                   lambdas, flags=["--reuse=false"])
    for lam, (a,), (b,) in zip(lambdas, runs, off):
        assert_close(a, b, RTOL, f"cv error with and without reuse (lambda={lam})")


def test_pca_several_k(tmp_path):
    rng = np.random.default_rng(23)
    n, m = 20000, 200
    spectrum = np.geomspace(10.0, 0.1, m)
    R, _ = np.linalg.qr(rng.standard_normal((m, m)))
    X = (rng.standard_normal((n, m)) * spectrum) @ R.T + rng.uniform(-5, 5, m)
    starts = [rng.standard_normal((m, k)) for k in (2, 3, 5)]
    max_iter = 60
    runs, stats = sweep(tmp_path, "pca.mlir", {"X": X, "maxIter": max_iter}, "Q0", starts,
                        flags=["--no-specialize"], n_matrices=3)
    for Q0, (evals, Q, Y) in zip(starts, runs):
        want_evals, want_Q, want_Y, _ = oracle_pca(X, Q0, max_iter)
        k = Q0.shape[1]
        assert_close(evals, want_evals, RTOL, f"eigenvalues (k={k})")
        assert_close(Q, want_Q, 1e-8, f"components (k={k})")
        assert_close(Y, want_Y, 1e-8, f"projection (k={k})")
    # The covariance matrix (4 GFLOPs over X) is computed once.
    assert stats["hits"] >= len(starts) - 1, stats


def stepwise_oracle(X, y, steps, lam):
    """Forward stepwise ridge regression by AIC, as docs/examples/stepwise.mlir."""
    n, m = X.shape
    Xs = np.ones((n, 1))
    order = np.zeros((1, m))
    aic = n * np.log(float(np.sum((y - y.mean()) ** 2)) / n) + 2
    for s in range(steps):
        k1 = Xs.shape[1] + 1
        best_aic, best_j = aic, m
        for j in range(m):
            Xj = np.hstack([Xs, X[:, j:j + 1]])
            beta = np.linalg.solve(Xj.T @ Xj + lam * np.eye(k1), Xj.T @ y)
            rss = float(np.sum((y - Xj @ beta) ** 2))
            aicj = n * np.log(rss / n) + 2 * k1
            if order[0, j] < 0.5 and aicj < best_aic:
                best_aic, best_j = aicj, j
        if best_j < m:
            Xs = np.hstack([Xs, X[:, best_j:best_j + 1]])
            order[0, best_j] = s + 1
            aic = best_aic
    return order, aic


@pytest.mark.parametrize("flags", [[], ["--reuse=false"], ["--no-specialize"]])
def test_stepwise(tmp_path, flags):
    rng = np.random.default_rng(31)
    n, m, steps = 3000, 24, 10
    X = rng.standard_normal((n, m))
    coef = np.zeros((m, 1))
    coef[rng.choice(m, 8, replace=False), 0] = rng.uniform(0.5, 3.0, 8)  # 8 true features
    y = X @ coef + 0.5 * rng.standard_normal((n, 1))
    runs, _ = sweep(tmp_path, "stepwise.mlir", {"X": X, "y": y, "steps": steps}, "lambda",
                    [1e-6], flags=flags, n_matrices=1)
    (order, aic), = runs
    want_order, want_aic = stepwise_oracle(X, y, steps, 1e-6)
    np.testing.assert_array_equal(order, want_order)
    assert_close(aic, want_aic, RTOL, "final AIC")
    first = np.flatnonzero((want_order[0] > 0) & (want_order[0] <= 8))
    assert sorted(first) == sorted(np.flatnonzero(coef)), "the true features are found first"
