"""Element-type arithmetic shared by the op implementations.

* Values of an element type live in its compute dtype (mlir_types.COMPUTE_DTYPE).
  bf16 lives in float32: every op computes in float32 and rounds the result
  to bfloat16 (round to nearest even, NaN kept), as the compiled code does by
  extending bf16 operands to f32. For +, -, *, / and sqrt this equals one
  correct rounding (24 >= 2 * 8 + 2 bits).
* Integers wrap (two's complement): NumPy integer arrays do, and the caller
  runs under np.errstate(all="ignore").
* cast_elements implements la.cast's per-cell conversion: float -> int
  truncates toward zero and saturates, NaN -> 0; int -> float and
  float -> narrower float round to nearest even (one rounding).
"""

import numpy as np

from .mlir_types import COMPUTE_DTYPE, FLOAT_TYPES


def round_bf16(x):
    """float32 values -> nearest bfloat16 values (ties to even), as float32."""
    a = np.asarray(x, dtype=np.float32)
    bits = a.view(np.uint32).astype(np.uint64)
    u = np.uint64  # (explicit: NumPy 1.x turns uint64 op Python int into float64)
    rounded = (bits + u(0x7FFF) + ((bits >> u(16)) & u(1))) & u(0xFFFF0000)
    nan = np.isnan(a)
    # A NaN stays a NaN: keep its upper half and force the quiet bit.
    rounded = np.where(nan, (bits | u(0x00400000)) & u(0xFFFF0000), rounded)
    out = rounded.astype(np.uint32).view(np.float32)
    return out.reshape(a.shape) if a.ndim else out.reshape(())[()]


def f64_to_f32_round_to_odd(x):
    """float64 -> float32 rounding toward zero with the last bit set when
    inexact ("round to odd"): rounding that to bf16 equals rounding the
    float64 directly to bf16 (no double-rounding error)."""
    x = np.asarray(x, dtype=np.float64)
    with np.errstate(all="ignore"):
        f = x.astype(np.float32)
    f64 = f.astype(np.float64)
    finite = np.isfinite(x)
    # Undo rounding away from zero (including overflow to inf).
    away = finite & (np.abs(f64) > np.abs(x))
    f = np.where(away, np.nextafter(f, np.float32(0)), f).astype(np.float32)
    inexact = finite & (f.astype(np.float64) != x)
    bits = f.view(np.uint32) | np.where(inexact, np.uint32(1), np.uint32(0))
    return bits.astype(np.uint32).view(np.float32)


def to_bf16_from_f64(x):
    return round_bf16(f64_to_f32_round_to_odd(x))


def finish(x, elem):
    """A computed value (array or scalar, any dtype) in the representation
    of element type `elem`: its compute dtype, bf16-rounded, ints wrapped."""
    dt = COMPUTE_DTYPE[elem]
    a = np.asarray(x)
    if elem == "bf16":
        if a.dtype == np.float64:
            r = to_bf16_from_f64(a)
        else:
            r = round_bf16(a.astype(np.float32))
        return np.asarray(r, dtype=np.float32) if a.ndim else np.float32(r)
    if a.dtype != dt:
        if elem in FLOAT_TYPES:
            a = a.astype(dt)
        elif a.dtype.kind == "f":
            a = float_to_int(a, elem)
        else:
            a = a.astype(dt)  # wraps
    return a if a.ndim else a.reshape(())[()]


def as_compute(x, elem):
    """x as an array of the compute dtype of `elem` (no rounding)."""
    return np.asarray(x, dtype=COMPUTE_DTYPE[elem])


INT_BITS = {"i64": 64, "i32": 32, "i16": 16, "i8": 8, "index": 64}


def float_to_int(x, elem):
    """Truncation toward zero with saturation; NaN -> 0 (la.cast)."""
    if elem == "i1":
        return np.asarray(x) != 0
    w = INT_BITS[elem]
    dt = COMPUTE_DTYPE[elem]
    wide = np.asarray(x, dtype=np.float64)
    lo, hi = -(2.0 ** (w - 1)), 2.0 ** (w - 1)
    too_small = wide <= lo
    too_large = wide >= hi
    nan = np.isnan(wide)
    safe = np.where(too_small | too_large | nan, 0.0, wide)
    r = np.trunc(safe).astype(dt)
    r = np.where(too_small, np.iinfo(dt).min, r)
    r = np.where(too_large, np.iinfo(dt).max, r)
    r = np.where(nan, 0, r).astype(dt)
    return r


def cast_elements(x, src, dst):
    """la.cast of every cell of x (element type src) to element type dst."""
    a = np.asarray(x)
    if src == dst:
        return finish(a, dst)
    if src in FLOAT_TYPES and dst in FLOAT_TYPES:
        if dst == "bf16":
            return finish(a.astype(np.float64), "bf16")
        return finish(a.astype(COMPUTE_DTYPE[dst]), dst)
    if src not in FLOAT_TYPES and dst in FLOAT_TYPES:
        if dst == "bf16":
            # Exact through float64 for |x| < 2^53, then one rounding.
            return finish(a.astype(np.float64), "bf16")
        return finish(a.astype(COMPUTE_DTYPE[dst]), dst)
    if src in FLOAT_TYPES:
        r = float_to_int(a, dst)
        return r if np.ndim(r) else np.asarray(r).reshape(())[()]
    if src == "i1":
        a = a.astype(np.int64)  # arith.extui for i1; la types have no i1
    return finish(a.astype(COMPUTE_DTYPE[dst]), dst)


def is_nonzero(x):
    """DML truth: non-zero, NaN included (float UNE 0 / integer ne 0)."""
    return np.asarray(x) != 0


def from_bool(cond, elem):
    """1 or 0 in element type `elem`."""
    return finish(np.asarray(cond).astype(COMPUTE_DTYPE[elem]), elem)
