"""Element-wise la ops: binary (arithmetic, comparisons, logical), unary and
ifelse, with DML broadcasting.

Broadcasting follows the la type rules: a dimension broadcasts when the
operand's *type* says it is 1 (a 1xn row or nx1 column vector), scalars
broadcast everywhere, and all other operands must agree at run time ("operands
have different row counts" otherwise). With ctx.dynamic_broadcast a dimension
whose run-time size is 1 broadcasts too (DML's run-time rule, which the JIT
applies when it specializes parameters to their shapes).

Per-cell semantics (DML on doubles, two's complement on integers):
comparisons and logical ops give 1/0 in the element type, NaN is non-zero and
unequal to everything; min/max propagate NaN; x %% y = x - floor(x/y)*y and
x %/% y = floor(x/y); integer /, %/% and %% by zero (and INT_MIN / -1) give 0;
round is half away from zero; sign(NaN) = NaN.

A sparse operand that is not broadcast keeps its implicit zeros in a product
(0 * inf = 0 there): the compiled sparse kernel never visits them.
"""

import numpy as np

from .mlir_types import FLOAT_TYPES, TensorType
from .numerics import INT_BITS, finish, from_bool, is_nonzero, round_bf16
from .registry import implements
from .values import dense, is_sparse, stored_mask

DIM_NAMES = ("row counts", "column counts")


def result_shape(ctx, types, values):
    """Run-time shape of an element-wise result (None for scalars); checks
    that non-broadcast operands agree."""
    mats = [(t, v) for t, v in zip(types, values) if isinstance(t, TensorType)]
    if not mats:
        return None
    shape = []
    for d in range(2):
        size = None
        for t, v in mats:
            n = v.shape[d]
            if t.shape[d] == 1 or (ctx.dynamic_broadcast and n == 1):
                continue
            if size is None:
                size = n
            elif size != n:
                ctx.fail(f"operands have different {DIM_NAMES[d]}")
        shape.append(1 if size is None else size)
    return tuple(shape)


def _operand_arrays(types, values):
    """Operands as arrays of their compute dtype (scalars as 0-d arrays)."""
    out = []
    for t, v in zip(types, values):
        dt = t.dtype
        out.append(np.asarray(dense(v), dtype=dt))
    return out


def _rounder(elem):
    """Rounding after each intermediate op: bf16 only (NumPy float32/64
    arithmetic already rounds to its own type)."""
    if elem == "bf16":
        return round_bf16
    return lambda a: a


def _shape_result(r, shape, elem):
    r = finish(r, elem)
    if shape is None:
        return r
    return np.broadcast_to(r, shape).copy()


# ---------------------------------------------------------------------------
# Binary ops
# ---------------------------------------------------------------------------

def float_min_max(x, y, is_min):
    """arith.minimumf / maximumf: NaN if either is NaN; -0 < +0."""
    if is_min:
        r = np.where(x < y, x, y)
        tie = (x == y)
        r = np.where(tie, np.where(np.signbit(x), x, y), r)
    else:
        r = np.where(x > y, x, y)
        tie = (x == y)
        r = np.where(tie, np.where(np.signbit(x), y, x), r)
    nan = np.isnan(x) | np.isnan(y)
    return np.where(nan, np.array(np.nan, dtype=x.dtype), r).astype(x.dtype)


def int_guard(x, y):
    """(safe divisor, invalid): y == 0 or (x == INT_MIN and y == -1)."""
    info = np.iinfo(x.dtype)
    invalid = (y == 0) | ((x == info.min) & (y == -1))
    safe = np.where(invalid, np.array(1, dtype=y.dtype), y).astype(y.dtype)
    return safe, invalid


def int_floor_div(x, y):
    safe, invalid = int_guard(x, y)
    q = np.floor_divide(x, safe)
    return np.where(invalid, 0, q).astype(x.dtype)


def int_trunc_div(x, y):
    safe, invalid = int_guard(x, y)
    q = np.floor_divide(x, safe)
    # floor differs from truncation when the remainder is non-zero and the
    # signs differ.
    fix = (np.fmod(x, safe) != 0) & ((x < 0) != (safe < 0))
    q = np.where(fix, q + 1, q)
    return np.where(invalid, 0, q).astype(x.dtype)


def int_mod(x, y):
    safe, invalid = int_guard(x, y)
    r = np.mod(x, safe)  # sign of the divisor: x - floor(x/y) * y
    return np.where(invalid, 0, r).astype(x.dtype)


def int_pow(b, p):
    """math.ipowi: exponentiation by squaring with wrap-around. p < 0:
    1 for b == 1, +-1 for b == -1, else 0 (b == 0 is a division by zero in
    the compiled code, i.e. undefined; 0 here)."""
    b = np.array(b, copy=True)
    p = np.array(p, copy=True)
    b, p = np.broadcast_arrays(b, p)
    b, p = b.copy(), p.copy()
    dt = b.dtype
    neg = p < 0
    neg_result = np.where(b == 1, 1, np.where(b == -1, np.where(p & 1, -1, 1), 0)).astype(dt)
    p = np.where(neg, 0, p)
    result = np.ones_like(b)
    for _ in range(INT_BITS.get(dt.name.replace("int", "i"), 64)):
        if not np.any(p):
            break
        result = np.where(p & 1, result * b, result).astype(dt)
        p = p >> 1
        b = (b * b).astype(dt)
    return np.where(neg, neg_result, result).astype(dt)


def binary_cells(name, x, y, elem):
    """Per-cell binary op on compute-dtype arrays x, y of element type elem."""
    R = _rounder(elem)
    if elem in FLOAT_TYPES:
        if name == "add":
            return R(x + y)
        if name == "sub":
            return R(x - y)
        if name == "mul":
            return R(x * y)
        if name == "div":
            return R(x / y)
        if name == "pow":
            return _elementary(lambda a: np.power(a, y.astype(a.dtype)), x, elem)
        if name == "minimum":
            return float_min_max(x, y, True)
        if name == "maximum":
            return float_min_max(x, y, False)
        if name == "mod":
            q = np.floor(R(x / y))
            return R(x - R(q * y))
        if name == "intdiv":
            return np.floor(R(x / y))
    else:
        if name == "add":
            return x + y
        if name == "sub":
            return x - y
        if name == "mul":
            return x * y
        if name == "div":
            return int_trunc_div(x, y)
        if name == "pow":
            return int_pow(x, y)
        if name == "minimum":
            return np.minimum(x, y)
        if name == "maximum":
            return np.maximum(x, y)
        if name == "mod":
            return int_mod(x, y)
        if name == "intdiv":
            return int_floor_div(x, y)
    # Comparisons: ordered for floats except !=, which is true for NaN.
    if name == "lt":
        return x < y
    if name == "le":
        return x <= y
    if name == "gt":
        return x > y
    if name == "ge":
        return x >= y
    if name == "eq":
        return x == y
    if name == "ne":
        return x != y
    if name == "and":
        return is_nonzero(x) & is_nonzero(y)
    if name == "or":
        return is_nonzero(x) | is_nonzero(y)
    if name == "xor":
        return is_nonzero(x) ^ is_nonzero(y)
    raise KeyError(name)


BINARY = ("add", "sub", "mul", "div", "pow", "minimum", "maximum", "mod", "intdiv",
          "lt", "le", "gt", "ge", "eq", "ne", "and", "or", "xor")


@implements(*("la." + n for n in BINARY))
def la_binary(ctx, op, args):
    name = op.name[3:]
    types = op.operand_types
    elem = types[0].elem.name
    shape = result_shape(ctx, types, args)
    x, y = _operand_arrays(types, args)
    with np.errstate(all="ignore"):
        r = binary_cells(name, x, y, elem)
    if name == "div" and elem in FLOAT_TYPES and is_sparse(args[0]):
        # The zeros of a sparse numerator are structural: 0 / y = 0 for
        # every y (stored zeros included), as 0 * y in la.mul.
        r = np.where(np.asarray(x) == 0, np.zeros((), dtype=r.dtype), r)
    if r.dtype == np.bool_:
        r = from_bool(r, elem)
    r = _shape_result(r, shape, elem)
    if name == "mul" and shape is not None:
        r = _keep_structural_zeros(args, shape, r)
    return [r]


def _keep_structural_zeros(values, shape, r):
    for v in values:
        if is_sparse(v) and tuple(v.shape) == tuple(shape):  # not broadcast
            r = np.where(stored_mask(v), r, np.zeros((), dtype=r.dtype))
    return r


# ---------------------------------------------------------------------------
# Unary ops
# ---------------------------------------------------------------------------

def _round_half_away(x):
    t = np.trunc(x)
    frac = x - t  # exact
    up = np.abs(frac) >= 0.5
    return np.where(up, t + np.copysign(np.ones_like(x), x), t).astype(x.dtype)


def _elementary(fn, x, elem):
    """An elementary function: in float64 for f64; for f32 and bf16 also in
    float64, rounded once to the element type (the correctly rounded value
    but for rare double-rounding cases; NumPy's float32 kernels are off by
    an ulp more often)."""
    if elem == "f64":
        return fn(x)
    return np.asarray(finish(fn(x.astype(np.float64)), elem), dtype=x.dtype)


def _sigmoid(x, elem):
    """1 / (1 + exp(-x)) with each of the three steps rounded to the element
    type (ScalarSemantics.cpp's definition); exp itself as in _elementary."""
    if elem == "f64":
        return 1.0 / (1.0 + np.exp(-x))
    R = lambda a: np.asarray(finish(a, elem), dtype=x.dtype)
    one = np.ones((), dtype=x.dtype)
    return R(one / R(one + _elementary(np.exp, -x, elem)))


def unary_cells(name, x, elem):
    is_float = elem in FLOAT_TYPES
    one = np.array(1, dtype=x.dtype)
    if name == "neg":
        return -x if is_float else (np.zeros_like(x) - x)
    if name == "abs":
        return np.abs(x)
    if name == "sigmoid":
        return _sigmoid(x, elem)
    functions = {"exp": np.exp, "log": np.log, "sqrt": np.sqrt,
                 "sin": np.sin, "cos": np.cos, "tan": np.tan, "tanh": np.tanh}
    if name in functions:
        return _elementary(functions[name], x, elem)
    if name == "round":
        return _round_half_away(x) if is_float else x
    if name == "floor":
        return np.floor(x) if is_float else x
    if name == "ceil":
        return np.ceil(x) if is_float else x
    if name == "sign":
        r = np.where(x < 0, -one, x)
        return np.where(x > 0, one, r).astype(x.dtype)
    if name == "not":
        return x == 0
    if name == "isnan":
        return np.isnan(x) if is_float else np.zeros(x.shape, dtype=bool)
    raise KeyError(name)


UNARY = ("neg", "abs", "exp", "log", "sqrt", "sigmoid", "round", "floor", "ceil", "sign",
         "sin", "cos", "tan", "tanh", "not", "isnan")


@implements(*("la." + n for n in UNARY))
def la_unary(ctx, op, args):
    name = op.name[3:]
    t = op.operand_types[0]
    elem = t.elem.name
    (x,) = _operand_arrays([t], args)
    with np.errstate(all="ignore"):
        r = unary_cells(name, x, elem)
    if r.dtype == np.bool_:
        r = from_bool(r, elem)
    shape = x.shape if isinstance(t, TensorType) else None
    return [_shape_result(r, shape, elem)]


@implements("la.ifelse")
def la_ifelse(ctx, op, args):
    types = op.operand_types
    shape = result_shape(ctx, types, args)
    c, a, b = _operand_arrays(types, args)
    r = np.where(is_nonzero(c), a, b)
    return [_shape_result(r, shape, types[1].elem.name)]

