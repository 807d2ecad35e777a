"""NumPy implementations of docs/examples/l2svm.mlir and kmeans.mlir, written
the way a NumPy user writes them (vectorized, BLAS products): the baselines of
the end-to-end benchmarks and the oracles of python/tests/test_examples.py
(same iterations, same results up to summation order)."""

import numpy as np


def l2svm(X, Y, lam, max_iter, ls_iter):
    """L2-SVM, nonlinear conjugate gradient with a Newton line search."""
    m = X.shape[1]
    w = np.zeros((m, 1))
    Xw = np.zeros((X.shape[0], 1))
    g_old = X.T @ Y
    s = g_old
    for _ in range(max_iter):
        Xd = X @ s
        wd = lam * float(w.T @ s)
        dd = lam * float(s.T @ s)
        step = 0.0
        for _ in range(ls_iter):
            out = 1.0 - Y * (Xw + step * Xd)
            sv = out > 0
            g = wd + step * dd - float(np.sum(out * sv * Y * Xd))
            h = dd + float(np.sum(Xd * sv * Xd))
            step -= g / h
        w = w + step * s
        Xw = Xw + step * Xd
        out = np.maximum(1.0 - Y * Xw, 0.0)
        g_new = X.T @ (out * Y) - lam * w
        s = (float(g_new.T @ g_new) / float(g_old.T @ g_old)) * s + g_new
        g_old = g_new
    return w


def kmeans(X, C, max_iter, on_distances=None):
    """Lloyd iterations; returns the centroids and the within-cluster sum of
    squares. `on_distances` (if given) sees each iteration's shifted distance
    matrix (the tests check it for near ties)."""
    for _ in range(max_iter):
        D = -2.0 * (X @ C.T) + np.sum(C ** 2, axis=1)[None, :]
        if on_distances:
            on_distances(D)
        P = (D == D.min(axis=1, keepdims=True)).astype(float)
        P /= P.sum(axis=1, keepdims=True)
        sizes = P.sum(axis=0)
        with np.errstate(invalid="ignore", divide="ignore"):
            C_new = (P.T @ X) / sizes[:, None]
        C = np.where(sizes[:, None] > 0, C_new, C)
    D = -2.0 * (X @ C.T) + np.sum(C ** 2, axis=1)[None, :]
    return C, float(np.sum(np.sum(X ** 2, axis=1) + D.min(axis=1)))
