"""Synthetic structured matrix families for sparsity-estimation accuracy.

Each family yields (expression, {name: scipy.sparse matrix}) products whose
structure the MNC paper's evaluation uses: skewed (power-law) rows, banded
matrices, one-hot encodings and a few dense columns. Seeds are fixed, so the
inputs are the same in every run. Used by utils/bench/run (case "sparsity
accuracy"), next to the real matrices of accuracy.py.
"""

import numpy as np
import scipy.sparse as sp


def power_law_rows(rng, rows, cols, mean, exponent=1.5):
    """Row non-zero counts from a Zipf law (capped at cols), uniform columns."""
    counts = np.minimum(rng.zipf(exponent + 1.0, rows) * mean // 2 + 1, cols)
    r = np.repeat(np.arange(rows), counts)
    c = np.concatenate([rng.choice(cols, k, replace=False) for k in counts])
    return sp.csr_matrix((np.ones(len(r)), (r, c)), shape=(rows, cols))


def banded(n, width):
    return sp.diags([np.ones(n - abs(k)) for k in range(-width, width + 1)],
                    list(range(-width, width + 1)), format="csr")


def one_hot(rng, rows, categories):
    return sp.csr_matrix((np.ones(rows), (np.arange(rows), rng.integers(0, categories, rows))),
                         shape=(rows, categories))


def dense_columns(rng, n, dense, density):
    a = sp.random(n, n, density, format="lil", random_state=rng)
    for c in rng.choice(n, dense, replace=False):
        a[:, c] = 1.0
    return a.tocsr()


def families(seed=5):
    rng = np.random.default_rng(seed)
    yield "power-law rows", [
        ("A %*% B", {"A": power_law_rows(rng, 2000, 2000, 4), "B": power_law_rows(rng, 2000, 2000, 4)}),
        ("t(A) %*% A", {"A": power_law_rows(rng, 3000, 1000, 6)}),
        ("A %*% t(A)", {"A": power_law_rows(rng, 1000, 3000, 6)})]
    yield "banded", [
        ("A %*% A", {"A": banded(3000, 3)}),
        ("A %*% B", {"A": banded(2000, 1), "B": banded(2000, 8)})]
    yield "one-hot", [
        ("t(A) %*% A", {"A": one_hot(rng, 5000, 100)}),
        ("A %*% B", {"A": one_hot(rng, 5000, 200), "B": sp.random(200, 300, 0.05, format="csr",
                                                                  random_state=rng)}),
        ("t(A) %*% B", {"A": one_hot(rng, 4000, 50), "B": power_law_rows(rng, 4000, 500, 4)})]
    yield "dense columns", [
        ("A %*% A", {"A": dense_columns(rng, 2000, 10, 1e-3)}),
        ("t(A) %*% A", {"A": dense_columns(rng, 1500, 5, 2e-3)})]
