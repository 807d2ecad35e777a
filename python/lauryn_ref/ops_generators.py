"""Generators: fill, seq and rand.

la.rand is counter-based: cell (i, j) of an R x C matrix has counter
k = 3 * (i * C + j) and draws from splitmix64 hashes of (seed, k), (seed, k+1)
and (seed, k+2): value, second value (normal) and the keep/drop decision
(sparsity < 1). A uniform double is (hash >> 11) * 2^-53 in [0, 1).

  uniform:  min + u1 * (max - min)
  normal:   sqrt(-2 log(1 - u1)) * cos(2 pi u2)        (Box-Muller)
  poisson:  Knuth: the number of extra uniforms from the stream
            seed ^ ((k + 1) * 0xD1B54A32D192ED03) until their running product
            drops to exp(-lambda) or below
  keep a cell iff u3 < sparsity, else 0; then convert to the element type.

All hashing is done on NumPy uint64 arrays (wrapping multiplication), so the
values are bit-for-bit those of the compiled code wherever the floating-point
formula is evaluated the same way.
"""

import math
import os

import numpy as np

from .attributes import enum_attr, float_attr, int_attr
from .numerics import finish
from .registry import implements

GOLDEN = np.uint64(0x9E3779B97F4A7C15)
MIX1 = np.uint64(0xBF58476D1CE4E5B9)
MIX2 = np.uint64(0x94D049BB133111EB)
POISSON_STREAM = np.uint64(0xD1B54A32D192ED03)
MAX_SEQ = 2 ** 31


def splitmix64(seed, k):
    """splitmix64 finalizer of seed + (k + 1) * golden (uint64 arrays)."""
    z = np.asarray(seed, dtype=np.uint64) + (np.asarray(k, dtype=np.uint64) + np.uint64(1)) * GOLDEN
    z = (z ^ (z >> np.uint64(30))) * MIX1
    z = (z ^ (z >> np.uint64(27))) * MIX2
    return z ^ (z >> np.uint64(31))


def unit_uniform(h):
    return (h >> np.uint64(11)).astype(np.float64) * (2.0 ** -53)


def rand_matrix(rows, cols, seed, dist="uniform", lo=0.0, hi=1.0, density=1.0, lam=1.0):
    """The float64 cells of la.rand (before conversion to the element type)."""
    seed = np.uint64(seed & 0xFFFFFFFFFFFFFFFF)
    with np.errstate(all="ignore"):
        i = np.arange(rows, dtype=np.uint64).reshape(-1, 1)
        j = np.arange(cols, dtype=np.uint64).reshape(1, -1)
        k = (i * np.uint64(cols) + j) * np.uint64(3)
        u1 = unit_uniform(splitmix64(seed, k))
        if dist == "uniform":
            v = lo + u1 * (hi - lo)
        elif dist == "normal":
            u2 = unit_uniform(splitmix64(seed, k + np.uint64(1)))
            v = np.sqrt(-2.0 * np.log(1.0 - u1)) * np.cos((2 * math.pi) * u2)
        elif dist == "poisson":
            v = _poisson(seed, k, lam)
        else:
            raise ValueError(f"unknown distribution {dist}")
        if density < 1.0:
            u3 = unit_uniform(splitmix64(seed, k + np.uint64(2)))
            v = np.where(u3 < density, v, 0.0)
    return np.asarray(v, dtype=np.float64).reshape(rows, cols)


def _poisson(seed, k, lam):
    limit = math.exp(-lam)
    stream = seed ^ ((k + np.uint64(1)) * POISSON_STREAM)
    count = np.zeros(k.shape, dtype=np.int64)
    p = np.ones(k.shape, dtype=np.float64)
    active = np.ones(k.shape, dtype=bool)
    while np.any(active):
        u = unit_uniform(splitmix64(stream[active], count[active].astype(np.uint64)))
        p[active] = p[active] * u
        more = p[active] > limit
        idx = np.flatnonzero(active.ravel())
        count.ravel()[idx[more]] += 1
        active.ravel()[idx[~more]] = False
    return count.astype(np.float64)


@implements("la.rand")
def la_rand(ctx, op, args):
    t = op.result_types[0]
    rows, cols = ctx.explicit_sizes(t, args)
    seed_text = op.attr("seed")
    seed = int_attr(seed_text) if seed_text else int.from_bytes(os.urandom(8), "little")
    dist = enum_attr(op.attr("distribution")) if op.attr("distribution") else "uniform"
    get = lambda key, default: float_attr(op.attr(key)) if op.attr(key) else default
    v = rand_matrix(rows, cols, seed, dist, get("min", 0.0), get("max", 1.0),
                    get("sparsity", 1.0), get("lambda", 1.0))
    return [finish(v, t.elem.name)]


@implements("la.fill")
def la_fill(ctx, op, args):
    t = op.result_types[0]
    sizes = ctx.explicit_sizes(t, args[1:])
    return [np.full(sizes, args[0], dtype=t.dtype)]


@implements("la.seq")
def la_seq(ctx, op, args):
    t = op.result_types[0]
    elem = t.elem.name
    frm, to, incr = (np.asarray(a, dtype=t.dtype) for a in args)
    if not incr != 0:  # (NaN passes, as with the compiled UNE test)
        ctx.fail("increment is zero")
    with np.errstate(all="ignore"):
        if t.elem.is_float:
            steps = np.floor(finish(finish(to - frm, elem) / incr, elem))
            n = _fptosi64(steps) + 1
        else:
            span = finish(to - frm, elem)
            n = int(np.floor_divide(span, incr)) + 1
        if n < 0:
            ctx.fail("increment does not lead from 'from' to 'to'")
        if n > MAX_SEQ:
            ctx.fail(f"sequence of {n} cells is too long for the reference interpreter")
        if t.shape[0] is not None and n != t.shape[0]:
            ctx.fail("length differs from the result type")
        i = finish(np.arange(n, dtype=np.int64).astype(np.float64), elem) \
            if t.elem.is_float else np.arange(n, dtype=np.int64).astype(t.dtype)
        v = finish(frm + finish(i * incr, elem), elem)
    return [np.asarray(v, dtype=t.dtype).reshape(n, 1)]


def _fptosi64(x):
    """fptosi to i64 of a value known to be in range (NaN/out of range are
    poison in the compiled code; saturate here)."""
    x = float(x)
    if math.isnan(x):
        return 0
    return int(max(min(x, 9.2e18), -9.2e18))
