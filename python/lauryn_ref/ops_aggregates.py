"""Aggregates sum, mean, var, prod, min, max, sumsq, nnz over all cells
(a scalar), per row (n x 1) or per column (1 x m).

Semantics: integer sums and products wrap; min/max propagate NaN and give
+inf/-inf (INT_MAX/INT_MIN) over no cells; mean = sum / n and var = sum of
squared deviations from the mean / (n - 1) with n converted to the element
type (so var of one cell is NaN, as is anything over no cells); nnz counts
cells != 0 (NaN included) as i64. The summation order of floating-point
reductions is unspecified in la (the compiled code reassociates); here
NumPy's pairwise sums in the element's compute dtype. bf16 aggregates are
computed in float32 and rounded once.
"""

import numpy as np

from .attributes import enum_attr
from .numerics import finish
from .registry import implements
from .values import dense, is_sparse

AXES = {"all": None, "row": 1, "col": 0}


def _shape_back(r, axis):
    """Reduction result -> scalar, n x 1 or 1 x m."""
    if axis is None:
        return r
    return np.expand_dims(r, axis)


def _count(x, axis, elem):
    n = x.size if axis is None else x.shape[axis]
    return finish(np.array(n, dtype=np.int64).astype(np.float64), elem)


def aggregate(kind, x, axis, elem):
    """kind in sum/mean/var/prod/min/max/sumsq/nnz over array x (compute
    dtype of elem), axis None (all), 1 (per row) or 0 (per column)."""
    dt = x.dtype
    if kind == "nnz":
        return np.count_nonzero(x, axis=axis).astype(np.int64) if axis is not None \
            else np.int64(np.count_nonzero(x))
    if kind == "sum":
        r = np.sum(x, axis=axis, dtype=dt)
    elif kind == "sumsq":
        r = np.sum(finish(x * x, elem), axis=axis, dtype=dt)
    elif kind == "prod":
        r = np.prod(x, axis=axis, dtype=dt)
    elif kind in ("min", "max"):
        if dt.kind == "f":
            init = np.inf if kind == "min" else -np.inf
        else:
            init = np.iinfo(dt).max if kind == "min" else np.iinfo(dt).min
        fn = np.min if kind == "min" else np.max
        r = fn(x, axis=axis, initial=init)
    elif kind == "mean":
        s = finish(np.sum(x, axis=axis, dtype=dt), elem)
        r = s / _count(x, axis, elem)
    elif kind == "var":
        n = _count(x, axis, elem)
        mean = finish(finish(np.sum(x, axis=axis, dtype=dt), elem) / n, elem)
        dev = finish(x - (mean if axis is None else np.expand_dims(mean, axis)), elem)
        ss = finish(np.sum(finish(dev * dev, elem), axis=axis, dtype=dt), elem)
        r = ss / finish(n - np.ones((), dtype=dt), elem)
    else:
        raise KeyError(kind)
    return finish(r, elem)


@implements("la.sum", "la.mean", "la.var", "la.prod", "la.min", "la.max", "la.sumsq", "la.nnz")
def la_aggregate(ctx, op, args):
    kind = op.name[3:]
    axis_text = op.attr("axis")
    axis = AXES[enum_attr(axis_text)] if axis_text else None
    t = op.operand_types[0]
    v = args[0]
    if is_sparse(v) and kind in ("sum", "sumsq", "nnz") and t.elem.name != "bf16":
        # Only the stored entries contribute (implicit zeros add nothing).
        data = v.copy()
        if kind == "sumsq":
            data.data = data.data * data.data
        if kind == "nnz":
            data.data = (data.data != 0).astype(np.int64)
        r = np.asarray(data.sum(axis=axis, dtype=data.dtype))
        r = finish(r if axis is not None else r.reshape(()), "i64" if kind == "nnz" else t.elem.name)
        return [r]
    x = np.asarray(dense(v), dtype=t.dtype)
    with np.errstate(all="ignore"):
        r = aggregate(kind, x, axis, t.elem.name)
    return [_shape_back(r, axis)]
