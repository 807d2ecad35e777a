"""la.solve: A X = B by Gaussian elimination with partial pivoting.

The pivot of column p is the first row i >= p with the largest |A[i, p]|;
if no candidate is > 0 (all zero or NaN) the matrix is singular, a run-time
error. Elimination subtracts f * (pivot row) with f = A[i, p] / pivot from
every row below, then back substitution computes X row n-1 down to 0. Each
elimination step is vectorized over rows and columns; every multiply and
subtract is rounded to the element type (bf16 too), so results match the
compiled scalar loops (back-substitution sums in the same order for n <= 256).
"""

import numpy as np

from .numerics import finish
from .registry import implements
from .values import dense

# Up to this order, back substitution sums in the compiled code's order
# (bit-for-bit equal results); above, with a dot product (faster).
SEQUENTIAL_LIMIT = 256


def solve(A, B, elem, fail):
    n = A.shape[0]
    if A.shape[1] != n:
        fail("lhs is not square")
    if B.shape[0] != n:
        fail("rhs rows differ from lhs rows")
    R = (lambda a: finish(a, elem)) if elem == "bf16" else (lambda a: a)
    A = np.array(A, copy=True)
    B = np.array(B, copy=True)
    with np.errstate(all="ignore"):
        for p in range(n):
            col = np.abs(A[p:, p])
            col = np.where(np.isnan(col), -1.0, col)
            best = int(np.argmax(col))
            if not col[best] > 0:
                fail("matrix is singular")
            piv = p + best
            if piv != p:
                A[[p, piv]] = A[[piv, p]]
                B[[p, piv]] = B[[piv, p]]
            f = R(A[p + 1:, p] / A[p, p])[:, None]
            A[p + 1:, p:] = R(A[p + 1:, p:] - R(f * A[p, p:][None, :]))
            B[p + 1:, :] = R(B[p + 1:, :] - R(f * B[p, :][None, :]))
        X = B
        for i in range(n - 1, -1, -1):
            s = X[i, :]
            if n <= SEQUENTIAL_LIMIT:
                # The compiled loop's order: s -= U[i, j] * X[j, :] for j = i+1..n-1.
                for j in range(i + 1, n):
                    s = R(s - R(A[i, j] * X[j, :]))
            elif i + 1 < n:
                s = R(s - R(A[i, i + 1:] @ X[i + 1:, :]))
            X[i, :] = R(s / A[i, i])
    return X


@implements("la.solve")
def la_solve(ctx, op, args):
    t = op.result_types[0]
    A = np.asarray(dense(args[0]), dtype=t.dtype)
    B = np.asarray(dense(args[1]), dtype=t.dtype)
    return [solve(A, B, t.elem.name, ctx.fail)]
