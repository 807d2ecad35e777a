"""Upstream scalar and tensor ops that la programs use next to la ops:
arith (constants, integer/float arithmetic, comparisons, select, casts),
math (elementary functions) and tensor (dim, cast, from_elements, extract,
empty, splat). Integer arithmetic wraps; index values are Python ints
wrapped to 64 bits. Scalar and tensor operands are both accepted (NumPy
applies the op cell-wise)."""

import numpy as np

from .attributes import dense_attr, int_attr, scalar_value, split_typed
from .mlir_types import TensorType
from .numerics import cast_elements, finish, round_bf16
from .ops_elementwise import float_min_max, int_floor_div, int_pow, int_trunc_div
from .registry import implements
from .values import dense

CMPF = ["false", "oeq", "ogt", "oge", "olt", "ole", "one", "ord",
        "ueq", "ugt", "uge", "ult", "ule", "une", "uno", "true"]
CMPI = ["eq", "ne", "slt", "sle", "sgt", "sge", "ult", "ule", "ugt", "uge"]


def _elem(t):
    return t.elem.name if isinstance(t, TensorType) else t.name


def _wrap_index(v):
    v = int(v) & 0xFFFFFFFFFFFFFFFF
    return v - (1 << 64) if v >= 1 << 63 else v


def _out(ctx, op, r):
    """Result in the representation of the op's (first) result type."""
    t = op.result_types[0]
    elem = _elem(t)
    if elem == "index" and not isinstance(t, TensorType):
        return [_wrap_index(r)]
    if elem == "i1":
        r = np.asarray(r).astype(bool)
        return [r if isinstance(t, TensorType) else np.bool_(r)]
    return [finish(r, elem)]


def _arrays(op, args):
    return [np.asarray(dense(a), dtype=t.dtype) for a, t in zip(args, op.operand_types)]


@implements("arith.constant")
def arith_constant(ctx, op, args):
    text = op.attr("value")
    t = op.result_types[0]
    if isinstance(t, TensorType):
        return [dense_attr(text)]
    value, typ = split_typed(text)
    return [scalar_value(value, typ or t)]


def _float_binop(name, x, y, elem):
    R = round_bf16 if elem == "bf16" else (lambda a: a)
    return {
        "arith.addf": lambda: R(x + y),
        "arith.subf": lambda: R(x - y),
        "arith.mulf": lambda: R(x * y),
        "arith.divf": lambda: R(x / y),
        "arith.remf": lambda: R(np.fmod(x, y)),
        "arith.minimumf": lambda: float_min_max(x, y, True),
        "arith.maximumf": lambda: float_min_max(x, y, False),
        "arith.minnumf": lambda: np.fmin(x, y),
        "arith.maxnumf": lambda: np.fmax(x, y),
        "math.powf": lambda: R(np.power(x, y)),
        "math.atan2": lambda: R(np.arctan2(x, y)),
        "math.copysign": lambda: np.copysign(x, y),
    }[name]()


@implements("arith.addf", "arith.subf", "arith.mulf", "arith.divf", "arith.remf",
            "arith.minimumf", "arith.maximumf", "arith.minnumf", "arith.maxnumf",
            "math.powf", "math.atan2", "math.copysign")
def float_binary(ctx, op, args):
    x, y = _arrays(op, args)
    with np.errstate(all="ignore"):
        return _out(ctx, op, _float_binop(op.name, x, y, _elem(op.result_types[0])))


def _unsigned(x):
    return x.astype(x.dtype.str.replace("i", "u"))


@implements("arith.addi", "arith.subi", "arith.muli", "arith.divsi", "arith.divui",
            "arith.remsi", "arith.remui", "arith.floordivsi", "arith.ceildivsi",
            "arith.andi", "arith.ori", "arith.xori", "arith.shli", "arith.shrsi",
            "arith.shrui", "arith.minsi", "arith.maxsi", "arith.minui", "arith.maxui",
            "math.ipowi")
def int_binary(ctx, op, args):
    t = op.operand_types[0]
    if _elem(t) == "index" and not isinstance(t, TensorType):
        x, y = (np.int64(_wrap_index(a)) for a in args)
        x, y = np.asarray(x), np.asarray(y)
    else:
        x, y = _arrays(op, args)
    name = op.name.split(".")[1]
    with np.errstate(all="ignore"):
        if name in ("divsi", "remsi", "divui", "remui", "floordivsi", "ceildivsi") \
                and np.any(y == 0):
            ctx.fail("integer division by zero (undefined behaviour)")
        r = {
            "addi": lambda: x + y, "subi": lambda: x - y, "muli": lambda: x * y,
            "divsi": lambda: int_trunc_div(x, y),
            "remsi": lambda: x - int_trunc_div(x, y) * y,
            "divui": lambda: (_unsigned(x) // _unsigned(y)).astype(x.dtype),
            "remui": lambda: (_unsigned(x) % _unsigned(y)).astype(x.dtype),
            "floordivsi": lambda: int_floor_div(x, y),
            "ceildivsi": lambda: -int_floor_div(-x, y),
            "andi": lambda: x & y, "ori": lambda: x | y, "xori": lambda: x ^ y,
            "shli": lambda: x << y, "shrsi": lambda: x >> y,
            "shrui": lambda: (_unsigned(x) >> _unsigned(y)).astype(x.dtype),
            "minsi": lambda: np.minimum(x, y), "maxsi": lambda: np.maximum(x, y),
            "minui": lambda: np.minimum(_unsigned(x), _unsigned(y)).astype(x.dtype),
            "maxui": lambda: np.maximum(_unsigned(x), _unsigned(y)).astype(x.dtype),
            "ipowi": lambda: int_pow(x, y),
        }[name]()
    return _out(ctx, op, r)


@implements("arith.cmpf")
def arith_cmpf(ctx, op, args):
    x, y = _arrays(op, args)
    pred = CMPF[int_attr(op.attr("predicate"))]
    unordered = np.isnan(x) | np.isnan(y)
    base = pred.lstrip("ou") if pred not in ("ord", "uno", "true", "false") else pred
    cmp = {"eq": x == y, "gt": x > y, "ge": x >= y, "lt": x < y, "le": x <= y,
           "ne": (x < y) | (x > y)}
    if pred in ("false", "true"):
        r = np.full(np.broadcast(x, y).shape, pred == "true")
    elif pred == "ord":
        r = ~unordered
    elif pred == "uno":
        r = unordered
    elif pred.startswith("o"):
        r = cmp[base] & ~unordered
    else:
        r = cmp[base] | unordered
    return _out(ctx, op, r)


@implements("arith.cmpi")
def arith_cmpi(ctx, op, args):
    t = op.operand_types[0]
    if _elem(t) == "index" and not isinstance(t, TensorType):
        x, y = (np.asarray(np.int64(_wrap_index(a))) for a in args)
    else:
        x, y = _arrays(op, args)
    pred = CMPI[int_attr(op.attr("predicate"))]
    if pred[0] == "u":
        x, y = _unsigned(x), _unsigned(y)
    r = {"eq": x == y, "ne": x != y, "slt": x < y, "sle": x <= y, "sgt": x > y,
         "sge": x >= y, "ult": x < y, "ule": x <= y, "ugt": x > y, "uge": x >= y}[pred]
    return _out(ctx, op, r)


@implements("arith.select")
def arith_select(ctx, op, args):
    c, a, b = args
    if isinstance(op.result_types[0], TensorType) and np.ndim(c) == 0:
        return [a if c else b]
    return _out(ctx, op, np.where(np.asarray(dense(c)), dense(a), dense(b)))


@implements("arith.index_cast", "arith.index_castui")
def arith_index_cast(ctx, op, args):
    v = args[0]
    dst = _elem(op.result_types[0])
    if dst == "index":
        if op.name == "arith.index_castui":
            v = int(np.asarray(v).astype(np.asarray(v).dtype.str.replace("i", "u")))
        return [_wrap_index(v)]
    return _out(ctx, op, np.asarray(_wrap_index(v), dtype=np.int64))


@implements("arith.sitofp", "arith.uitofp", "arith.extf", "arith.truncf", "arith.fptosi",
            "arith.fptoui", "arith.extsi", "arith.extui", "arith.trunci")
def arith_convert(ctx, op, args):
    src, dst = _elem(op.operand_types[0]), _elem(op.result_types[0])
    x = np.asarray(dense(args[0]))
    if op.name in ("arith.uitofp", "arith.extui") and src != "i1":
        x = _unsigned(x.astype(op.operand_types[0].dtype))
        r = x.astype(np.float64) if op.name == "arith.uitofp" else x
        return _out(ctx, op, cast_elements(r.astype(np.float64), "f64", dst)
                    if op.name == "arith.uitofp" else r.astype(np.int64))
    if op.name == "arith.fptoui":
        return _out(ctx, op, cast_elements(np.maximum(x, 0), src, dst))
    return _out(ctx, op, cast_elements(x, src, dst))


def _float_unary(name, x, elem):
    R = round_bf16 if elem == "bf16" else (lambda a: a)
    f = {
        "negf": lambda: -x, "absf": lambda: np.abs(x), "exp": lambda: np.exp(x),
        "exp2": lambda: np.exp2(x), "expm1": lambda: np.expm1(x), "log": lambda: np.log(x),
        "log2": lambda: np.log2(x), "log10": lambda: np.log10(x), "log1p": lambda: np.log1p(x),
        "sqrt": lambda: np.sqrt(x), "rsqrt": lambda: 1 / np.sqrt(x), "sin": lambda: np.sin(x),
        "cos": lambda: np.cos(x), "tan": lambda: np.tan(x), "tanh": lambda: np.tanh(x),
        "atan": lambda: np.arctan(x), "floor": lambda: np.floor(x), "ceil": lambda: np.ceil(x),
        "trunc": lambda: np.trunc(x), "roundeven": lambda: np.rint(x),
        "round": lambda: np.where(np.abs(x - np.trunc(x)) >= 0.5,
                                  np.trunc(x) + np.copysign(1, x), np.trunc(x)),
        "erf": lambda: _erf(x),
    }[name]
    return R(np.asarray(f(), dtype=x.dtype))


def _erf(x):
    import scipy.special
    return scipy.special.erf(x)


@implements("arith.negf", "math.absf", "math.exp", "math.exp2", "math.expm1", "math.log",
            "math.log2", "math.log10", "math.log1p", "math.sqrt", "math.rsqrt", "math.sin",
            "math.cos", "math.tan", "math.tanh", "math.atan", "math.floor", "math.ceil",
            "math.trunc", "math.roundeven", "math.round", "math.erf")
def float_unary(ctx, op, args):
    (x,) = _arrays(op, args)
    with np.errstate(all="ignore"):
        return _out(ctx, op, _float_unary(op.name.split(".")[1], x, _elem(op.result_types[0])))


@implements("math.absi")
def math_absi(ctx, op, args):
    (x,) = _arrays(op, args)
    return _out(ctx, op, np.abs(x))


@implements("math.fma")
def math_fma(ctx, op, args):
    x, y, z = (a.astype(np.float64) for a in _arrays(op, args))
    # float64 products of f32/bf16 values are exact; for f64 use
    # an exact-enough two-step (not bit-exact fma for f64).
    return _out(ctx, op, x * y + z)


@implements("tensor.dim")
def tensor_dim(ctx, op, args):
    v, d = args
    return [int(np.shape(v)[int(d)] if not hasattr(v, "tocsr") else v.shape[int(d)])]


@implements("tensor.cast")
def tensor_cast(ctx, op, args):
    return [args[0]]  # static dims are checked by the interpreter


@implements("tensor.from_elements")
def tensor_from_elements(ctx, op, args):
    t = op.result_types[0]
    return [np.array([np.asarray(a) for a in args], dtype=t.dtype).reshape(t.shape)]


@implements("tensor.extract")
def tensor_extract(ctx, op, args):
    v = dense(args[0])
    idx = tuple(int(i) for i in args[1:])
    if any(not 0 <= i < n for i, n in zip(idx, np.shape(v))):
        ctx.fail("index out of bounds")
    return _out(ctx, op, np.asarray(v)[idx])


@implements("tensor.empty")
def tensor_empty(ctx, op, args):
    t = op.result_types[0]
    return [np.zeros(ctx.explicit_sizes(t, args), dtype=t.dtype)]


@implements("tensor.splat")
def tensor_splat(ctx, op, args):
    t = op.result_types[0]
    return [np.full(ctx.explicit_sizes(t, args[1:]), args[0], dtype=t.dtype)]

