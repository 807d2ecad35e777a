"""Tests of the reference interpreter python/lauryn_ref (the oracle of the
differential tester).

Part 1, hand-computed expectations: every la op (all 58) runs through
lauryn_ref on small inputs whose expected results are written out in this
file (literal numbers, or Python's math module / plain-int arithmetic for
elementary functions and the rand hash, never the interpreter's own code),
including NaN, +-inf, zero, negative and broadcasting cases and the run-time
errors compiled code reports.

Part 2, agreement with the compiler: the same programs run through
build/bin/lauryn-run and through lauryn_ref and must agree:
  * every example of docs/examples (and regressions/, c/gram.mlir) on the
    inputs python/tests/test_examples.py uses;
  * every function of test/Integration/CPU/ops.mlir, turned into an entry
    that returns what it prints (and the interpreter's printed values
    against the file's CHECK lines);
  * sweeps of every element-wise op and aggregate over all pairs of special
    values for f64, f32, bf16, i64, i32 and i8; all casts; generators; the
    reorganisation ops; solve; sparse operands; empty matrices; run-time
    errors (same message).
Tolerances: exact (NaN positions included) for arithmetic, comparisons,
integer ops, casts, reorganisation and generators; a few ulps for elementary
functions (libm vs NumPy); summation-order rounding for aggregates.

Known disagreements are xfail(strict=True) tests at the end, each with the
reason; they are listed in the report of the reference interpreter.

Run with, from the checkout:  /usr/bin/python3 -m pytest -q python/tests/test_reference.py
"""

import math
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
sys.path.insert(0, str(REPO / "python"))
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

import lauryn_ref  # noqa: E402
from lauryn_ref import LaurynRefError  # noqa: E402
import test_examples as ex  # noqa: E402  (data generators and the lauryn-run helper)

BUILD = pathlib.Path(os.environ.get("LAURYN_BUILD_DIR") or REPO / "build")
LAURYN_RUN = BUILD / "bin" / "lauryn-run"
EXAMPLES = REPO / "docs" / "examples"
OPS_MLIR = REPO / "test" / "Integration" / "CPU" / "ops.mlir"
CSR = "#sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>"
NAN, INF = float("nan"), float("inf")
I64_MIN, I64_MAX = -2 ** 63, 2 ** 63 - 1


# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------

def ref(text, args=None, entry="main", **kw):
    return lauryn_ref.run(text, entry, args or {}, **kw)


def dense(v):
    return np.asarray(v.toarray() if scipy.sparse.issparse(v) else v)


def assert_same(got, want, what=""):
    """Equal values, NaN where NaN is expected (shapes must agree)."""
    got = np.asarray(dense(got), dtype=np.float64)
    want = np.asarray(want, dtype=np.float64)
    assert got.shape == want.shape, f"{what}: shape {got.shape}, expected {want.shape}"
    ok = (got == want) | (np.isnan(got) & np.isnan(want))
    assert np.all(ok), f"{what}: got\n{got}\nexpected\n{want}"


def assert_ints(got, want, dtype=np.int64):
    got = np.asarray(got)
    assert got.dtype == dtype, f"dtype {got.dtype}, expected {dtype}"
    assert np.array_equal(got, np.asarray(want, dtype=object).astype(dtype)), f"{got} != {want}"


def assert_close(got, want, rtol, what=""):
    got = np.asarray(dense(got), dtype=np.float64)
    want = np.asarray(dense(want), dtype=np.float64)
    assert got.shape == want.shape, f"{what}: shape {got.shape}, expected {want.shape}"
    nan = np.isnan(got) | np.isnan(want)
    assert np.array_equal(np.isnan(got), np.isnan(want)), f"{what}: NaN positions differ"
    g, w = got[~nan], want[~nan]
    inf = np.isinf(g) | np.isinf(w)
    assert np.array_equal(g[inf], w[inf]), f"{what}: infinities differ"
    g, w = g[~inf], w[~inf]
    if g.size:
        err = np.max(np.abs(g - w) / np.maximum(np.abs(w), np.finfo(float).tiny))
        assert err <= rtol, f"{what}: relative error {err:.3e} > {rtol:.0e}"


def raises_ref(text, args, op, message):
    with pytest.raises(LaurynRefError) as info:
        ref(text, args)
    assert info.value.op == op and message in str(info.value), str(info.value)
    return info.value


def binary_program(op, T, lhs="tensor<1x?x{T}>", rhs="tensor<1x?x{T}>"):
    lt, rt = lhs.format(T=T), rhs.format(T=T)
    return (f"func.func @main(%x: {lt}, %y: {rt}) -> tensor<?x?x{T}> {{\n"
            f"  %r = la.{op} %x, %y : {lt}, {rt} -> tensor<?x?x{T}>\n"
            f"  return %r : tensor<?x?x{T}>\n}}\n")


def unary_program(op, T):
    return (f"func.func @main(%x: tensor<?x?x{T}>) -> tensor<?x?x{T}> {{\n"
            f"  %r = la.{op} %x : tensor<?x?x{T}>\n  return %r : tensor<?x?x{T}>\n}}\n")


def row(values, dtype=np.float64):
    return np.array([values], dtype=dtype)


# --------------------------------------------------------------------------
# Part 1: hand-computed expectations
# --------------------------------------------------------------------------

def test_every_la_op_is_implemented():
    """All ops defined in LAOps.td (58 today) have an implementation."""
    td = (REPO / "include" / "lauryn" / "Dialect" / "LA" / "IR" / "LAOps.td").read_text()
    ops = set(re.findall(r'^def LA_\w+Op : LA_\w+<"(\w+)"', td, re.M))
    assert len(ops) >= 58
    from lauryn_ref.registry import HANDLERS
    assert sorted(op for op in ops if "la." + op not in HANDLERS) == []


# Pairs (x, y) and the expected x op y, worked out by hand with DML semantics.
F_X = [7, -7, 7, -7, 5.5, 1, -1, 0, NAN, 1, INF, INF, -INF]
F_Y = [2, 2, -2, -2, 2, 0, 0, 0, 1, NAN, 1, INF, 2]
F_EXPECTED = {
    "add": [9, -5, 5, -9, 7.5, 1, -1, 0, NAN, NAN, INF, INF, -INF],
    "sub": [5, -9, 9, -5, 3.5, 1, -1, 0, NAN, NAN, INF, NAN, -INF],
    "mul": [14, -14, -14, 14, 11, 0, 0, 0, NAN, NAN, INF, INF, -INF],
    "div": [3.5, -3.5, -3.5, 3.5, 2.75, INF, -INF, NAN, NAN, NAN, INF, NAN, -INF],
    # C pow: 1^NaN = 1, (-inf)^2 = inf.
    "pow": [49, 49, 1 / 49, 1 / 49, 30.25, 1, 1, 1, NAN, 1, INF, INF, INF],
    "minimum": [2, -7, -2, -7, 2, 0, -1, 0, NAN, NAN, 1, INF, -INF],
    "maximum": [7, 2, 7, -2, 5.5, 1, 0, 0, NAN, NAN, INF, INF, 2],
    # x %% y = x - floor(x / y) * y: -7 %% 2 = 1, 7 %% -2 = -1; x %% 0 = NaN.
    "mod": [1, 1, -1, -1, 1.5, NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN],
    "intdiv": [3, -4, -4, 3, 2, INF, -INF, NAN, NAN, NAN, INF, NAN, -INF],
    "lt": [0, 1, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 1],
    "le": [0, 1, 0, 1, 0, 0, 1, 1, 0, 0, 0, 1, 1],
    "gt": [1, 0, 1, 0, 1, 1, 0, 0, 0, 0, 1, 0, 0],
    "ge": [1, 0, 1, 0, 1, 1, 0, 1, 0, 0, 1, 1, 0],
    "eq": [0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0],
    "ne": [1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 0, 1],
    # NaN counts as non-zero (true).
    "and": [1, 1, 1, 1, 1, 0, 0, 0, 1, 1, 1, 1, 1],
    "or": [1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1],
    "xor": [0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0],
}


@pytest.mark.parametrize("op", sorted(F_EXPECTED))
def test_binary_f64_by_hand(op):
    (r,) = ref(binary_program(op, "f64"), {"x": row(F_X), "y": row(F_Y)})
    assert r.dtype == np.float64
    assert_same(r, row(F_EXPECTED[op]), op)


def test_binary_f64_signed_zeros():
    """-0 < +0 for minimum/maximum (arith.minimumf), 1 / -0 = -inf."""
    x, y = row([-0.0, 0.0, 1.0]), row([0.0, -0.0, -0.0])
    (mn,) = ref(binary_program("minimum", "f64"), {"x": x, "y": y})
    (mx,) = ref(binary_program("maximum", "f64"), {"x": x, "y": y})
    (dv,) = ref(binary_program("div", "f64"), {"x": x, "y": y})
    assert list(np.signbit(mn[0, :2])) == [True, True]
    assert list(np.signbit(mx[0, :2])) == [False, False]
    assert dv[0, 2] == -INF


IMAX, IMIN = I64_MAX, I64_MIN
I_X = [7, -7, 7, -7, 5, -5, 0, IMIN, IMAX, 3, -1, 1]
I_Y = [2, 2, -2, -2, 0, 0, 0, -1, 1, 4, -3, -5]
I_EXPECTED = {
    # Two's complement wrap: IMIN - 1 = IMAX, IMAX + 1 = IMIN, IMIN * -1 = IMIN.
    "add": [9, -5, 5, -9, 5, -5, 0, IMAX, IMIN, 7, -4, -4],
    "sub": [5, -9, 9, -5, 5, -5, 0, IMIN + 1, IMAX - 1, -1, 2, 6],
    "mul": [14, -14, -14, 14, 0, 0, 0, IMIN, IMAX, 12, 3, -5],
    # Truncating /, by zero and IMIN / -1 give 0.
    "div": [3, -3, -3, 3, 0, 0, 0, 0, IMAX, 0, 0, 0],
    # Floor %/% and %%, by zero give 0.
    "intdiv": [3, -4, -4, 3, 0, 0, 0, 0, IMAX, 0, 0, -1],
    "mod": [1, 1, -1, -1, 0, 0, 0, 0, 0, 3, -1, -4],
    # x^y by squaring; y < 0: 1 for x = 1, +-1 for x = -1, else 0.
    "pow": [49, 49, 0, 0, 1, 1, 1, 0, IMAX, 81, -1, 1],
    "minimum": [2, -7, -2, -7, 0, -5, 0, IMIN, 1, 3, -3, -5],
    "maximum": [7, 2, 7, -2, 5, 0, 0, -1, IMAX, 4, -1, 1],
    "lt": [0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 0],
    "le": [0, 1, 0, 1, 0, 1, 1, 1, 0, 1, 0, 0],
    "gt": [1, 0, 1, 0, 1, 0, 0, 0, 1, 0, 1, 1],
    "ge": [1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 1],
    "eq": [0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0],
    "ne": [1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1],
    "and": [1, 1, 1, 1, 0, 0, 0, 1, 1, 1, 1, 1],
    "or": [1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1],
    "xor": [0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0],
}


@pytest.mark.parametrize("op", sorted(I_EXPECTED))
def test_binary_i64_by_hand(op):
    (r,) = ref(binary_program(op, "i64"), {"x": row(I_X, np.int64), "y": row(I_Y, np.int64)})
    assert_ints(r[0], I_EXPECTED[op])


def test_int_pow_wraps():
    """3^41 mod 2^64 and (-2)^63 = INT64_MIN, by Python integers."""
    (r,) = ref(binary_program("pow", "i64"), {"x": row([3, -2, 2], np.int64),
                                               "y": row([41, 63, 64], np.int64)})
    wrap = lambda v: (v + 2 ** 63) % 2 ** 64 - 2 ** 63
    assert_ints(r[0], [wrap(3 ** 41), I64_MIN, 0])


@pytest.mark.parametrize("T,dtype,x,y,op,want", [
    ("i8", np.int8, [100, 127, -128, -128, -7], [100, 1, -1, -1, 0], "add", [-56, -128, 127, 127, -7]),
    ("i8", np.int8, [100, 127, -128, -128, -7], [100, 1, -1, -1, 0], "mul", [16, 127, -128, -128, 0]),
    ("i8", np.int8, [100, 127, -128, -128, -7], [100, 1, -1, -1, 0], "div", [1, 127, 0, 0, 0]),
    ("i8", np.int8, [-128, 5], [2, 2], "pow", [0, 25]),  # (-128)^2 = 16384 wraps to 0
    ("i32", np.int32, [2 ** 31 - 1, -2 ** 31, -7], [1, -1, 2], "add", [-2 ** 31, 2 ** 31 - 1, -5]),
    ("i32", np.int32, [2 ** 31 - 1, -2 ** 31, -7], [1, -1, 2], "intdiv", [2 ** 31 - 1, 0, -4]),
    ("i32", np.int32, [2 ** 31 - 1, -2 ** 31, -7], [1, -1, 2], "mod", [0, 0, 1]),
])
def test_binary_narrow_ints_by_hand(T, dtype, x, y, op, want):
    (r,) = ref(binary_program(op, T), {"x": row(x, dtype), "y": row(y, dtype)})
    assert_ints(r[0], want, dtype)


def test_binary_f32_and_bf16_by_hand():
    # f32: 2^24 + 1 is not representable: 16777216 + 1 = 16777216.
    (r,) = ref(binary_program("add", "f32"), {"x": row([16777216.0, 0.1]), "y": row([1.0, 0.2])})
    assert r.dtype == np.float32
    assert r[0, 0] == 16777216.0 and r[0, 1] == np.float32(0.1) + np.float32(0.2)
    # bf16 has 8 significant bits: 1 + 2^-8 is a tie and rounds to even (1);
    # 1 + 3 * 2^-8 rounds up to 1 + 2^-6; 256 + 1 = 256; NaN stays NaN.
    (r,) = ref(binary_program("add", "bf16"),
               {"x": row([1.0, 1.0, 256.0, NAN]), "y": row([2 ** -8, 3 * 2 ** -8, 1.0, 1.0])})
    assert r.dtype == np.float32
    assert_same(r, row([1.0, 1.0 + 2 ** -6, 256.0, NAN]))
    # bf16 arguments are rounded on entry: 1.00390625 + 2^-20 -> 1.0078125.
    (r,) = ref(binary_program("mul", "bf16"), {"x": row([1.0 + 2 ** -8 + 2 ** -20]), "y": row([1.0])})
    assert r[0, 0] == 1.0078125


def test_broadcasting_by_hand():
    text = """func.func @main(%X: tensor<?x?xf64>, %r: tensor<1x?xf64>, %c: tensor<?x1xf64>, %s: f64)
        -> (tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x?xf64>, f64) {
      %a = la.add %X, %r : tensor<?x?xf64>, tensor<1x?xf64>
      %b = la.sub %c, %X : tensor<?x1xf64>, tensor<?x?xf64>
      %d = la.mul %X, %s : tensor<?x?xf64>, f64
      %e = la.div %r, %c : tensor<1x?xf64>, tensor<?x1xf64> -> tensor<?x?xf64>
      %f = la.pow %s, %s : f64, f64
      return %a, %b, %d, %e, %f : tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x?xf64>, f64
    }"""
    X = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    a, b, d, e, f = ref(text, {"X": X, "r": row([10.0, 20.0, NAN]), "c": np.array([[100.0], [0.0]]),
                               "s": -2.0})
    assert_same(a, [[11, 22, NAN], [14, 25, NAN]])
    assert_same(b, [[99, 98, 97], [-4, -5, -6]])
    assert_same(d, [[-2, -4, -6], [-8, -10, -12]])
    assert_same(e, [[0.1, 0.2, NAN], [INF, INF, NAN]])
    assert f == 0.25 and isinstance(f, np.float64)


def test_broadcasting_follows_types():
    """A ?x? operand that happens to have one row is not a row vector: the
    la rules broadcast only dimensions typed 1; dynamic_broadcast=True
    applies DML's run-time rule."""
    text = binary_program("add", "f64", "tensor<?x?x{T}>", "tensor<?x?x{T}>")
    X, r = np.ones((2, 3)), row([1.0, 2.0, 3.0])
    raises_ref(text, {"x": X, "y": r}, "la.add", "operands have different row counts")
    (s,) = ref(text, {"x": X, "y": r}, dynamic_broadcast=True)
    assert_same(s, [[2, 3, 4], [2, 3, 4]])
    raises_ref(text, {"x": X, "y": np.ones((2, 2))}, "la.add",
               "operands have different column counts")


U_X = [-2.5, -0.5, 0.0, 0.5, 2.5, 3.7, NAN, INF, -INF]
U_EXPECTED = {
    "neg": [2.5, 0.5, -0.0, -0.5, -2.5, -3.7, NAN, -INF, INF],
    "abs": [2.5, 0.5, 0.0, 0.5, 2.5, 3.7, NAN, INF, INF],
    "round": [-3, -1, 0, 1, 3, 4, NAN, INF, -INF],  # half away from zero
    "floor": [-3, -1, 0, 0, 2, 3, NAN, INF, -INF],
    "ceil": [-2, -0.0, 0, 1, 3, 4, NAN, INF, -INF],
    "sign": [-1, -1, 0, 1, 1, 1, NAN, 1, -1],
    "not": [0, 0, 1, 0, 0, 0, 0, 0, 0],  # NaN is non-zero
    "isnan": [0, 0, 0, 0, 0, 0, 1, 0, 0],
}


def _math(fn):
    def f(v):
        try:
            return fn(v)
        except (ValueError, OverflowError):
            return None
    return f


# Elementary functions: Python's math (C libm) with the IEEE special cases.
U_MATH = {
    "exp": lambda v: INF if v == INF else 0.0 if v == -INF else math.exp(v),
    "log": lambda v: (-INF if v == 0 else INF if v == INF else NAN if v < 0 or v != v
                      else math.log(v)),
    "sqrt": lambda v: INF if v == INF else NAN if v < 0 or v != v else math.sqrt(v),
    "sigmoid": lambda v: 1.0 if v == INF else 0.0 if v == -INF else 1 / (1 + math.exp(-v)),
    "sin": lambda v: NAN if v != v or abs(v) == INF else math.sin(v),
    "cos": lambda v: NAN if v != v or abs(v) == INF else math.cos(v),
    "tan": lambda v: NAN if v != v or abs(v) == INF else math.tan(v),
    "tanh": lambda v: NAN if v != v else math.tanh(v),
}


@pytest.mark.parametrize("op", sorted(U_EXPECTED))
def test_unary_f64_by_hand(op):
    (r,) = ref(unary_program(op, "f64"), {"x": row(U_X)})
    assert_same(r, row(U_EXPECTED[op]), op)
    if op in ("neg", "ceil"):
        assert np.signbit(r[0, 2 if op == "neg" else 1])  # -0


@pytest.mark.parametrize("op", sorted(U_MATH))
def test_unary_elementary_f64(op):
    (r,) = ref(unary_program(op, "f64"), {"x": row(U_X)})
    want = [U_MATH[op](v) if v == v else NAN for v in U_X]
    assert_close(r, row(want), 4e-16, op)


def test_round_is_half_away_from_zero_exactly():
    """0.49999999999999994 + 0.5 rounds to 1 in floating point; round must
    still give 0. Large values are already integers."""
    (r,) = ref(unary_program("round", "f64"),
               {"x": row([0.49999999999999994, -0.49999999999999994, 1.5, -1.5, 2 ** 52 + 1])})
    assert_same(r, row([0, 0, 2, -2, 2 ** 52 + 1]))


def test_unary_ints_by_hand():
    x = row([-3, 0, 5, I64_MIN], np.int64)
    want = {"neg": [3, 0, -5, I64_MIN], "abs": [3, 0, 5, I64_MIN], "round": [-3, 0, 5, I64_MIN],
            "floor": [-3, 0, 5, I64_MIN], "ceil": [-3, 0, 5, I64_MIN], "sign": [-1, 0, 1, -1],
            "not": [0, 1, 0, 0], "isnan": [0, 0, 0, 0]}
    for op, w in want.items():
        (r,) = ref(unary_program(op, "i64"), {"x": x})
        assert_ints(r[0], w)


def test_unary_f32_correctly_rounded():
    """exp(1) in f32 is the float32 nearest to e (2.71828174591064453125)."""
    (r,) = ref(unary_program("exp", "f32"), {"x": row([1.0, 0.0])})
    assert r.dtype == np.float32 and r[0, 0] == np.float32(2.71828174591064453125)
    assert r[0, 1] == 1.0


def test_ifelse_by_hand():
    text = """func.func @main(%c: tensor<?x?xf64>, %a: tensor<?x?xf64>, %b: f64,
                              %ci: tensor<?x1xi64>, %ar: tensor<1x?xf64>)
        -> (tensor<?x?xf64>, tensor<?x?xf64>) {
      %r = la.ifelse %c, %a, %b : tensor<?x?xf64>, tensor<?x?xf64>, f64
      %s = la.ifelse %ci, %ar, %b : tensor<?x1xi64>, tensor<1x?xf64>, f64 -> tensor<?x?xf64>
      return %r, %s : tensor<?x?xf64>, tensor<?x?xf64>
    }"""
    r, s = ref(text, {"c": row([1.0, 0.0, NAN, -2.0, -0.0]), "a": row([10.0, 20.0, 30.0, 40.0, 50.0]),
                      "b": -1.0, "ci": np.array([[0], [7]]), "ar": row([1.0, 2.0])})
    assert_same(r, row([10, -1, 30, 40, -1]))
    assert_same(s, [[-1, -1], [1, 2]])


A23 = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
Z23 = np.array([[0.0, NAN, 3.0], [0.0, 0.0, -1.0]])
AGG_EXPECTED = {  # (all, row, col) of A23 and of Z23, by hand
    "sum": ((21, [6, 15], [5, 7, 9]), (NAN, [NAN, -1], [0, NAN, 2])),
    "mean": ((3.5, [2, 5], [2.5, 3.5, 4.5]), (NAN, [NAN, -1 / 3], [0, NAN, 1])),
    # sample variance: 1..6 -> 17.5 / 5; rows 1,2,3 -> 2 / 2; columns (1, 4) -> 4.5 / 1
    "var": ((3.5, [1, 1], [4.5, 4.5, 4.5]), (NAN, [NAN, 1 / 3], [0, NAN, 8])),
    "prod": ((720, [6, 120], [4, 10, 18]), (NAN, [NAN, 0], [0, NAN, -3])),
    "min": ((1, [1, 4], [1, 2, 3]), (NAN, [NAN, -1], [0, NAN, -1])),
    "max": ((6, [3, 6], [4, 5, 6]), (NAN, [NAN, 0], [0, NAN, 3])),
    "sumsq": ((91, [14, 77], [17, 29, 45]), (NAN, [NAN, 1], [0, NAN, 10])),
    "nnz": ((6, [3, 3], [2, 2, 2]), (3, [2, 1], [0, 1, 2])),  # NaN is non-zero
}


def agg_program(op, T="f64"):
    et = "i64" if op == "nnz" else T
    return f"""func.func @main(%X: tensor<?x?x{T}>) -> ({et}, tensor<?x1x{et}>, tensor<1x?x{et}>) {{
      %a = la.{op} %X : tensor<?x?x{T}>
      %r = la.{op} row %X : tensor<?x?x{T}>
      %c = la.{op} col %X : tensor<?x?x{T}>
      return %a, %r, %c : {et}, tensor<?x1x{et}>, tensor<1x?x{et}>
    }}"""


@pytest.mark.parametrize("op", sorted(AGG_EXPECTED))
def test_aggregates_by_hand(op):
    for X, (w_all, w_row, w_col) in zip((A23, Z23), AGG_EXPECTED[op]):
        a, r, c = ref(agg_program(op), {"X": X})
        assert np.ndim(a) == 0 and r.shape == (2, 1) and c.shape == (1, 3)
        assert_close(a, w_all, 1e-15, f"{op} all")
        assert_close(r, np.array(w_row).reshape(-1, 1), 1e-15, f"{op} row")
        assert_close(c, row(w_col), 1e-15, f"{op} col")
        if op == "nnz":
            assert isinstance(a, np.int64) and r.dtype == np.int64


@pytest.mark.parametrize("op,w_all,w_col", [
    ("sum", 0, [0, 0, 0]), ("prod", 1, [1, 1, 1]), ("min", INF, [INF] * 3),
    ("max", -INF, [-INF] * 3), ("mean", NAN, [NAN] * 3),
    # var = (sum of squared deviations = 0) / (n - 1 = -1): -0, by the definition.
    ("var", -0.0, [-0.0] * 3),
    ("sumsq", 0, [0, 0, 0]), ("nnz", 0, [0, 0, 0]),
])
def test_aggregates_of_no_cells(op, w_all, w_col):
    a, r, c = ref(agg_program(op), {"X": np.zeros((0, 3))})
    assert_same(a, w_all)
    assert r.shape == (0, 1)
    assert_same(c, row(w_col))


def test_aggregates_ints_by_hand():
    a, r, c = ref(agg_program("sum", "i8"), {"X": np.array([[100, 100], [-128, -1]])})
    assert_ints(a, 71, np.int8)  # 100 + 100 - 128 - 1 = 71 (no overflow in the total)
    assert_ints(r[:, 0], [-56, 127], np.int8)  # 200 wraps to -56, -129 to 127
    a, _, _ = ref(agg_program("prod", "i64"), {"X": np.array([[2 ** 62, 4]])})
    assert_ints(a, 0)
    a, r, _ = ref(agg_program("max", "i32"), {"X": np.zeros((2, 0), dtype=np.int32)})
    assert_ints(a, -2 ** 31, np.int32)
    a, _, _ = ref(agg_program("min", "i64"), {"X": np.zeros((0, 1), dtype=np.int64)})
    assert_ints(a, I64_MAX)
    a, _, _ = ref(agg_program("var", "f64"), {"X": np.array([[5.0]])})
    assert math.isnan(a)  # one cell: 0 / 0


def test_matmul_by_hand():
    text = """func.func @main(%A: tensor<?x?xf64>, %B: tensor<?x?xf64>) -> tensor<?x?xf64> {
      %C = la.matmul %A, %B : tensor<?x?xf64>, tensor<?x?xf64>
      return %C : tensor<?x?xf64>
    }"""
    (C,) = ref(text, {"A": np.array([[1.0, 2.0], [3.0, 4.0]]), "B": np.array([[5.0], [6.0]])})
    assert_same(C, [[17], [39]])
    # Dense: 0 * NaN = NaN and 0 * inf = NaN reach the result.
    (C,) = ref(text, {"A": np.array([[0.0, 1.0], [1.0, 0.0]]), "B": np.array([[NAN], [2.0]])})
    assert_same(C, [[NAN], [NAN]])
    (C,) = ref(text, {"A": np.zeros((2, 0)), "B": np.zeros((0, 3))})
    assert_same(C, np.zeros((2, 3)))
    raises_ref(text, {"A": np.ones((2, 3)), "B": np.ones((2, 3))}, "la.matmul",
               "inner dimensions differ")
    (C,) = ref(text.replace("f64", "i8"), {"A": np.array([[100, 100]]), "B": np.array([[1], [1]])})
    assert_ints(C, [[-56]], np.int8)


def test_sparse_operands_by_hand():
    """Implicit zeros of a sparse operand that covers the result stay zero in
    products (the sparse kernels never visit them), also against inf/NaN;
    a broadcast sparse operand is densified (0 * inf = NaN)."""
    text = f"""func.func @main(%S: tensor<?x?xf64, {CSR}>, %D: tensor<?x?xf64>, %r: tensor<1x?xf64>,
                               %v: tensor<?x1xf64>, %R: tensor<1x?xf64, {CSR}>)
        -> (tensor<?x?xf64, {CSR}>, tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x1xf64>, f64, i64) {{
      %m = la.mul %S, %D : tensor<?x?xf64, {CSR}>, tensor<?x?xf64>
      %b = la.mul %S, %r : tensor<?x?xf64, {CSR}>, tensor<1x?xf64> -> tensor<?x?xf64>
      %d = la.mul %R, %D : tensor<1x?xf64, {CSR}>, tensor<?x?xf64> -> tensor<?x?xf64>
      %p = la.matmul %S, %v : tensor<?x?xf64, {CSR}>, tensor<?x1xf64>
      %s = la.sum %S : tensor<?x?xf64, {CSR}>
      %n = la.nnz %S : tensor<?x?xf64, {CSR}>
      return %m, %b, %d, %p, %s, %n
        : tensor<?x?xf64, {CSR}>, tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x1xf64>, f64, i64
    }}"""
    S = scipy.sparse.csr_matrix(np.array([[0.0, 2.0], [3.0, 0.0]]))
    R = scipy.sparse.csr_matrix(np.array([[0.0, 2.0]]))
    m, b, d, p, s, n = ref(text, {"S": S, "D": np.array([[INF, 5.0], [1.0, NAN]]),
                                  "r": row([INF, 1.0]), "v": np.array([[NAN], [4.0]]), "R": R})
    assert scipy.sparse.isspmatrix_csr(m)
    assert_same(m, [[0, 10], [3, 0]])
    assert_same(b, [[0, 2], [INF, 0]])
    assert_same(d, [[NAN, 10], [0, NAN]])
    assert_same(p, [[8], [NAN]])
    assert s == 5.0 and n == 2


def test_transpose_rev_diag_by_hand():
    text = """func.func @main(%A: tensor<?x?xf64>, %v: tensor<?x1xf64>, %Q: tensor<?x?xf64>)
        -> (tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x1xf64>) {
      %t = la.transpose %A : tensor<?x?xf64>
      %r = la.rev %A : tensor<?x?xf64>
      %d = la.diag %v : tensor<?x1xf64>
      %e = la.diag %Q : tensor<?x?xf64>
      return %t, %r, %d, %e : tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x1xf64>
    }"""
    Q = np.array([[1.0, 2.0], [3.0, NAN]])
    t, r, d, e = ref(text, {"A": A23, "v": np.array([[7.0], [-1.0]]), "Q": Q})
    assert_same(t, [[1, 4], [2, 5], [3, 6]])
    assert_same(r, [[4, 5, 6], [1, 2, 3]])
    assert_same(d, [[7, 0], [0, -1]])
    assert_same(e, [[1], [NAN]])
    raises_ref(text, {"A": A23, "v": np.ones((2, 1)), "Q": A23}, "la.diag", "input is not square")


def test_reshape_by_hand():
    text = """func.func @main(%A: tensor<?x?xf64>, %r: index, %c: index) -> tensor<?x?xf64> {
      %R = la.reshape %A, %r, %c : tensor<?x?xf64>, index, index -> tensor<?x?xf64>
      return %R : tensor<?x?xf64>
    }"""
    (R,) = ref(text, {"A": A23, "r": 3, "c": 2})
    assert_same(R, [[1, 2], [3, 4], [5, 6]])  # row-major
    (R,) = ref(text, {"A": A23, "r": 1, "c": 6})
    assert_same(R, [[1, 2, 3, 4, 5, 6]])
    raises_ref(text, {"A": A23, "r": 4, "c": 2}, "la.reshape", "reshape changes the number of cells")


def test_cbind_rbind_by_hand():
    text = """func.func @main(%A: tensor<?x?xf64>, %B: tensor<?x?xf64>) -> (tensor<?x?xf64>, tensor<?x?xf64>) {
      %c = la.cbind %A, %B, %A : tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x?xf64>
      %r = la.rbind %B, %B : tensor<?x?xf64>, tensor<?x?xf64>
      return %c, %r : tensor<?x?xf64>, tensor<?x?xf64>
    }"""
    B = np.array([[NAN], [-1.0]])
    c, r = ref(text, {"A": A23, "B": B})
    assert_same(c, [[1, 2, 3, NAN, 1, 2, 3], [4, 5, 6, -1, 4, 5, 6]])
    assert_same(r, [[NAN], [-1], [NAN], [-1]])
    raises_ref(text, {"A": A23, "B": np.ones((3, 1))}, "la.cbind", "operands have different row counts")
    rtext = """func.func @main(%A: tensor<?x?xf64>, %B: tensor<?x?xf64>) -> tensor<?x?xf64> {
      %r = la.rbind %A, %B : tensor<?x?xf64>, tensor<?x?xf64>
      return %r : tensor<?x?xf64>
    }"""
    raises_ref(rtext, {"A": A23, "B": np.ones((1, 2))}, "la.rbind",
               "operands have different column counts")


SLICE = """func.func @main(%A: tensor<?x?xf64>, %rb: index, %re: index, %cb: index, %ce: index)
    -> tensor<?x?xf64> {
  %S = la.slice %A, %rb, %re, %cb, %ce : tensor<?x?xf64>, index, index, index, index -> tensor<?x?xf64>
  return %S : tensor<?x?xf64>
}"""


def test_slice_by_hand():
    (S,) = ref(SLICE, {"A": A23, "rb": 0, "re": 2, "cb": 1, "ce": 3})
    assert_same(S, [[2, 3], [5, 6]])
    (S,) = ref(SLICE, {"A": A23, "rb": 1, "re": 1, "cb": 0, "ce": 3})
    assert S.shape == (0, 3)
    for rb, re_, cb, ce, what in [(0, 3, 0, 1, "row"), (2, 1, 0, 1, "row"),
                                  (0, 1, 2, 4, "column"), (0, 1, 3, 2, "column")]:
        raises_ref(SLICE, {"A": A23, "rb": rb, "re": re_, "cb": cb, "ce": ce}, "la.slice",
                   f"{what} range out of bounds")


def test_insert_by_hand():
    text = """func.func @main(%S: tensor<?x?xf64>, %D: tensor<?x?xf64>, %r: index, %c: index) -> tensor<?x?xf64> {
      %R = la.insert %S, %D, %r, %c : tensor<?x?xf64>, tensor<?x?xf64>, index, index
      return %R : tensor<?x?xf64>
    }"""
    S = np.array([[2.0, NAN], [5.0, 6.0]])
    (R,) = ref(text, {"S": S, "D": np.zeros((3, 3)), "r": 1, "c": 0})
    assert_same(R, [[0, 0, 0], [2, NAN, 0], [5, 6, 0]])
    raises_ref(text, {"S": S, "D": np.zeros((3, 3)), "r": 2, "c": 0}, "la.insert",
               "row range out of bounds")
    raises_ref(text, {"S": S, "D": np.zeros((3, 3)), "r": 0, "c": 2}, "la.insert",
               "column range out of bounds")


SOLVE = """func.func @main(%A: tensor<?x?xf64>, %B: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %X = la.solve %A, %B : tensor<?x?xf64>, tensor<?x?xf64>
  return %X : tensor<?x?xf64>
}"""


def test_solve_by_hand():
    # Needs a row exchange (A[0, 0] = 0): x = [1, 2, 1].
    A = np.array([[0.0, 2.0, 1.0], [1.0, 1.0, 1.0], [2.0, 1.0, 0.0]])
    (X,) = ref(SOLVE, {"A": A, "B": np.array([[5.0], [4.0], [4.0]])})
    assert_close(X, [[1], [2], [1]], 1e-15)
    (X,) = ref(SOLVE, {"A": np.array([[2.0, 0.0], [0.0, 4.0]]), "B": np.array([[2.0, 4.0], [8.0, 4.0]])})
    assert_same(X, [[1, 2], [2, 1]])
    (X,) = ref(SOLVE.replace("f64", "f32"), {"A": np.array([[4.0]]), "B": np.array([[1.0]])})
    assert X.dtype == np.float32 and X[0, 0] == 0.25
    raises_ref(SOLVE, {"A": np.array([[1.0, 2.0], [2.0, 4.0]]), "B": np.ones((2, 1))},
               "la.solve", "matrix is singular")
    raises_ref(SOLVE, {"A": np.array([[NAN, 1.0], [1.0, 2.0]]), "B": np.ones((2, 1))},
               "la.solve", "matrix is singular")  # no pivot > 0 in column 0 after NaN
    raises_ref(SOLVE, {"A": np.ones((2, 3)), "B": np.ones((2, 1))}, "la.solve", "lhs is not square")
    raises_ref(SOLVE, {"A": np.eye(2), "B": np.ones((3, 1))}, "la.solve",
               "rhs rows differ from lhs rows")


def cast_program(src, dst, shape="?x?"):
    return f"""func.func @main(%X: tensor<{shape}x{src}>) -> tensor<{shape}x{dst}> {{
      %Y = la.cast %X : tensor<{shape}x{src}> -> tensor<{shape}x{dst}>
      return %Y : tensor<{shape}x{dst}>
    }}"""


@pytest.mark.parametrize("src,dst,x,want", [
    # float -> int: truncation toward zero, saturation, NaN -> 0
    ("f64", "i64", [-1.7, 2.9, NAN, 1e30, -1e30, INF, -0.5],
     [-1, 2, 0, I64_MAX, I64_MIN, I64_MAX, 0]),
    ("f64", "i32", [2 ** 31 - 0.5, 2 ** 31, -2 ** 31 - 1, -2 ** 31 + 0.5], [2 ** 31 - 1, 2 ** 31 - 1, -2 ** 31, -2 ** 31 + 1]),
    ("f64", "i8", [127.9, 128.0, -128.9, -129.5, 300.0, NAN], [127, 127, -128, -128, 127, 0]),
    ("f32", "i64", [16777217.0, -3.5], [16777216, -3]),  # 2^24 + 1 is 2^24 in f32
    # int -> int: sign extension / two's complement truncation
    ("i64", "i8", [300, -129, 127, -128, 255], [44, 127, 127, -128, -1]),
    ("i64", "i32", [2 ** 31, -2 ** 31 - 1, 5], [-2 ** 31, 2 ** 31 - 1, 5]),
    ("i8", "i64", [-128, 127, -1], [-128, 127, -1]),
])
def test_cast_to_int_by_hand(src, dst, x, want):
    dtype = {"f64": np.float64, "f32": np.float64, "i64": np.int64, "i8": np.int64}[src]
    (r,) = ref(cast_program(src, dst), {"X": row(x, dtype)})
    assert_ints(r[0], want, {"i64": np.int64, "i32": np.int32, "i8": np.int8}[dst])


@pytest.mark.parametrize("src,dst,x,want", [
    # int -> float rounds to nearest even
    ("i64", "f32", [16777217, 16777219, -5], [16777216.0, 16777220.0, -5.0]),
    ("i64", "f64", [2 ** 53 + 1, -7], [2.0 ** 53, -7.0]),
    ("i64", "bf16", [257, 259, 1000], [256.0, 260.0, 1000.0]),
    # float -> narrower float: one rounding (ties to even), NaN/inf kept
    ("f64", "f32", [0.1, 1e300, NAN, -INF], [float(np.float32(0.1)), INF, NAN, -INF]),
    ("f64", "bf16", [1 + 2 ** -8, 1 + 2 ** -8 + 2 ** -40, 3.4e38, NAN], [1.0, 1.0078125, INF, NAN]),
    ("bf16", "f64", [1.5, -0.0078125], [1.5, -0.0078125]),
])
def test_cast_to_float_by_hand(src, dst, x, want):
    dtype = np.int64 if src[0] == "i" else np.float64
    (r,) = ref(cast_program(src, dst), {"X": row(x, dtype)})
    assert_same(r, row(want))


def test_cast_scalar_and_1x1_by_hand():
    text = """func.func @main(%M: tensor<?x?xf64>, %s: i64) -> (i32, tensor<1x1xf64>) {
      %a = la.cast %M : tensor<?x?xf64> -> i32
      %b = la.cast %s : i64 -> tensor<1x1xf64>
      return %a, %b : i32, tensor<1x1xf64>
    }"""
    a, b = ref(text, {"M": np.array([[-7.9]]), "s": 3})
    assert a == -7 and isinstance(a, np.int32)
    assert_same(b, [[3.0]])
    raises_ref(text, {"M": np.ones((2, 1)), "s": 3}, "la.cast", "input is not 1x1")


def test_convert_by_hand():
    text = f"""func.func @main(%X: tensor<?x?xf64>) -> (tensor<?x?xf64, {CSR}>, tensor<?x?xf64>) {{
      %S = la.convert %X : tensor<?x?xf64> -> tensor<?x?xf64, {CSR}>
      %D = la.convert %S : tensor<?x?xf64, {CSR}> -> tensor<?x?xf64>
      return %S, %D : tensor<?x?xf64, {CSR}>, tensor<?x?xf64>
    }}"""
    X = np.array([[0.0, NAN, 0.0], [-1.0, 0.0, INF]])
    S, D = ref(text, {"X": X})
    assert scipy.sparse.isspmatrix_csr(S) and S.nnz == 3  # NaN is stored, zeros are not
    assert list(S.indptr) == [0, 1, 3] and list(S.indices) == [1, 0, 2]
    assert_same(D, X)


def test_fill_by_hand():
    text = """func.func @main(%v: f64, %n: index) -> (tensor<?x3xf64>, tensor<2x2xi32>) {
      %F = la.fill %v, %n : f64, index -> tensor<?x3xf64>
      %k = arith.constant -4 : i32
      %G = la.fill %k : i32 -> tensor<2x2xi32>
      return %F, %G : tensor<?x3xf64>, tensor<2x2xi32>
    }"""
    F, G = ref(text, {"v": NAN, "n": 2})
    assert_same(F, np.full((2, 3), NAN))
    assert_ints(G, [[-4, -4], [-4, -4]], np.int32)
    F, _ = ref(text, {"v": 2.5, "n": 0})
    assert F.shape == (0, 3)


def seq_program(T):
    return f"""func.func @main(%a: {T}, %b: {T}, %c: {T}) -> tensor<?x1x{T}> {{
      %s = la.seq %a, %b, %c : {T}, {T}, {T} -> tensor<?x1x{T}>
      return %s : tensor<?x1x{T}>
    }}"""


@pytest.mark.parametrize("T,a,b,c,want", [
    ("f64", 1.0, 10.0, 3.0, [1, 4, 7, 10]),
    ("f64", 10.0, 1.0, -4.0, [10, 6, 2]),
    ("f64", 1.5, 1.5, 2.0, [1.5]),
    ("f64", 0.0, 1.0, 0.25, [0, 0.25, 0.5, 0.75, 1]),
    ("i64", -7, 20, 3, [-7, -4, -1, 2, 5, 8, 11, 14, 17, 20]),
    ("i32", 10, -10, -4, [10, 6, 2, -2, -6, -10]),
])
def test_seq_by_hand(T, a, b, c, want):
    (s,) = ref(seq_program(T), {"a": a, "b": b, "c": c})
    assert_same(s, np.array(want, dtype=float).reshape(-1, 1))


def test_seq_errors():
    raises_ref(seq_program("f64"), {"a": 1.0, "b": 5.0, "c": 0.0}, "la.seq", "increment is zero")
    raises_ref(seq_program("f64"), {"a": 1.0, "b": 5.0, "c": -1.0}, "la.seq",
               "increment does not lead from 'from' to 'to'")
    # i8: to - from = 200 wraps to -56, so the count is negative.
    raises_ref(seq_program("i8"), {"a": -100, "b": 100, "c": 7}, "la.seq",
               "increment does not lead from 'from' to 'to'")


def splitmix_by_hand(seed, k):
    """splitmix64 of seed + (k + 1) * golden, with Python integers."""
    m = 2 ** 64
    z = (seed + (k + 1) * 0x9E3779B97F4A7C15) % m
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) % m
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) % m
    return z ^ (z >> 31)


def unit_by_hand(h):
    return (h >> 11) * 2.0 ** -53


def test_rand_by_hand():
    text = """func.func @main(%n: index) -> (tensor<3x4xf64>, tensor<?x2xf64>, tensor<2x3xf64>, tensor<2x2xf32>) {
      %u = la.rand {seed = 7 : i64, min = -1.0 : f64, max = 3.0 : f64, sparsity = 0.5 : f64} -> tensor<3x4xf64>
      %g = la.rand %n {seed = -3 : i64, distribution = #la.distribution<normal>} : index -> tensor<?x2xf64>
      %p = la.rand {seed = 11 : i64, distribution = #la.distribution<poisson>, lambda = 2.5 : f64} -> tensor<2x3xf64>
      %f = la.rand {seed = 7 : i64} -> tensor<2x2xf32>
      return %u, %g, %p, %f : tensor<3x4xf64>, tensor<?x2xf64>, tensor<2x3xf64>, tensor<2x2xf32>
    }"""
    u, g, p, f = ref(text, {"n": 3})
    seed7, seedm3 = 7, 2 ** 64 - 3
    for i in range(3):
        for j in range(4):
            k = 3 * (i * 4 + j)
            v = -1.0 + unit_by_hand(splitmix_by_hand(seed7, k)) * 4.0
            keep = unit_by_hand(splitmix_by_hand(seed7, k + 2)) < 0.5
            assert u[i, j] == (v if keep else 0.0), (i, j)
    assert 0 < np.count_nonzero(u) < 12
    for i in range(3):
        for j in range(2):
            k = 3 * (i * 2 + j)
            u1 = unit_by_hand(splitmix_by_hand(seedm3, k))
            u2 = unit_by_hand(splitmix_by_hand(seedm3, k + 1))
            want = math.sqrt(-2.0 * math.log(1.0 - u1)) * math.cos(2 * math.pi * u2)
            assert abs(g[i, j] - want) <= 4e-16 * max(1.0, abs(want)), (i, j)
    for i in range(2):
        for j in range(3):
            k = 3 * (i * 3 + j)
            stream = 11 ^ (((k + 1) * 0xD1B54A32D192ED03) % 2 ** 64)
            count, prod = 0, 1.0
            while True:
                prod *= unit_by_hand(splitmix_by_hand(stream, count))
                if not prod > math.exp(-2.5):
                    break
                count += 1
            assert p[i, j] == count, (i, j)
    # f32: the f64 value rounded once.
    for i in range(2):
        for j in range(2):
            k = 3 * (i * 2 + j)
            assert f[i, j] == np.float32(unit_by_hand(splitmix_by_hand(seed7, k)))


def test_runtime_type_errors():
    """Arguments must fit the declared static dims; results too."""
    text = """func.func @main(%X: tensor<2x?xf64>, %n: index) -> tensor<3x1xf64> {
      %c0 = arith.constant 0 : index
      %z = arith.constant 0.0 : f64
      %F = la.fill %z, %n : f64, index -> tensor<?x1xf64>
      %G = tensor.cast %F : tensor<?x1xf64> to tensor<3x1xf64>
      return %G : tensor<3x1xf64>
    }"""
    with pytest.raises(LaurynRefError, match="does not fit"):
        ref(text, {"X": np.ones((3, 2)), "n": 3})
    (G,) = ref(text, {"X": np.ones((2, 2)), "n": 3})
    assert G.shape == (3, 1)
    with pytest.raises(LaurynRefError, match="does not fit its type"):
        ref(text, {"X": np.ones((2, 2)), "n": 4})
    with pytest.raises(LaurynRefError, match="missing argument"):
        ref(text, {"X": np.ones((2, 2))})


def test_control_flow_and_calls():
    """scf.for with iter_args, scf.if, scf.while, func.call, arith on index."""
    text = """func.func private @twice(%x: f64) -> f64 {
      %r = la.add %x, %x : f64, f64
      return %r : f64
    }
    func.func @main(%n: index) -> (f64, index, i64) {
      %c0 = arith.constant 0 : index
      %c1 = arith.constant 1 : index
      %one = arith.constant 1.0 : f64
      %r = scf.for %i = %c0 to %n step %c1 iter_args(%a = %one) -> (f64) {
        %odd = arith.remui %i, %c1 : index
        %b = func.call @twice(%a) : (f64) -> f64
        scf.yield %b : f64
      }
      %w:2 = scf.while (%k = %c0, %acc = %c0) : (index, index) -> (index, index) {
        %go = arith.cmpi slt, %k, %n : index
        scf.condition(%go) %k, %acc : index, index
      } do {
      ^bb0(%k2: index, %acc2: index):
        %k3 = arith.addi %k2, %c1 : index
        %acc3 = arith.addi %acc2, %k2 : index
        scf.yield %k3, %acc3 : index, index
      }
      %big = arith.cmpi sgt, %n, %c1 : index
      %v = scf.if %big -> (i64) {
        %t = arith.index_cast %n : index to i64
        scf.yield %t : i64
      } else {
        %m = arith.constant -1 : i64
        scf.yield %m : i64
      }
      return %r, %w#1, %v : f64, index, i64
    }"""
    r, s, v = ref(text, {"n": 5})
    assert r == 32.0 and s == 10 and v == 5
    r, s, v = ref(text, {"n": 0})
    assert r == 1.0 and s == 0 and v == -1


def test_named_and_positional_arguments():
    text = "func.func @main(%alpha: f64, %Beta_2: f64) -> f64 {\n" \
           "  %r = la.sub %alpha, %Beta_2 : f64, f64\n  return %r : f64\n}\n"
    assert ref(text, {"alpha": 5.0, "Beta_2": 2.0}) == [3.0]
    assert ref(text, [5.0, 2.0]) == [3.0]
    assert ref(text, {1: 2.0, "alpha": 5.0}) == [3.0]
    with pytest.raises(LaurynRefError, match="no parameter 'beta'"):
        ref(text, {"alpha": 5.0, "beta": 2.0})


def test_cli_prints_like_lauryn_run(tmp_path):
    prog = tmp_path / "p.mlir"
    prog.write_text("""func.func @main(%X: tensor<?x?xf64>, %n: index) -> (tensor<?x?xf64>, f64, i64, index) {
      %s = la.sum %X : tensor<?x?xf64>
      %z = la.nnz %X : tensor<?x?xf64>
      return %X, %s, %z, %n : tensor<?x?xf64>, f64, i64, index
    }""")
    np.save(tmp_path / "X.npy", np.array([[0.1, -2.0], [NAN, 1e20]]))
    proc = subprocess.run([sys.executable, "-m", "lauryn_ref", str(prog), "--arg",
                           f"X={tmp_path / 'X.npy'}", "--arg", "n=3"], capture_output=True,
                          text=True, cwd=REPO / "python")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ("result #0: 2x2 f64\n  [0.1, -2]\n  [nan, 1e+20]\n"
                           "result #1: nan\nresult #2: 4\nresult #3: 3\n")
    proc = subprocess.run([sys.executable, "-m", "lauryn_ref", str(prog), "--arg",
                           "X=fill:2x3:1.5", "--arg", "n=1", "-o", str(tmp_path / "o.npy")],
                          capture_output=True, text=True, cwd=REPO / "python")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[1] == "result #1: 9"
    assert np.array_equal(np.load(tmp_path / "o.npy"), np.full((2, 3), 1.5))


def test_ops_mlir_checks():
    """test/Integration/CPU/ops.mlir's @main prints values whose expected
    text (its CHECK lines) was computed by hand."""
    prog = lauryn_ref.load(OPS_MLIR)
    prog.run("main")
    groups = check_groups(OPS_MLIR.read_text())
    assert len(prog.printed) == len(groups)
    for k, (got, want) in enumerate(zip(prog.printed, groups)):
        assert_close(got, want, 5e-6, f"print #{k}")


def check_groups(text):
    """The matrices of ops.mlir's CHECK/CHECK-NEXT groups."""
    groups = []
    for line in text.splitlines():
        m = re.match(r"\s*// CHECK(-NEXT)?: (.*)$", line)
        if not m:
            continue
        cells = [float(v) for v in re.findall(r"-?nan|-?inf|[-+]?\d+\.?\d*(?:e[-+]?\d+)?",
                                              m.group(2).replace("{{\\[}}", ""))]
        if m.group(1):
            groups[-1].append(cells)
        else:
            groups.append([cells])
    return [np.array(g) for g in groups]


# --------------------------------------------------------------------------
# Part 2: agreement with lauryn-run
# --------------------------------------------------------------------------

def lauryn_run(tmp_path, program, args, entry="main", flags=()):
    """Runs `program` (a path or text) with lauryn-run; results in order
    (arrays, CSR matrices for CSR result types, floats for scalars)."""
    if not LAURYN_RUN.exists():
        pytest.fail(f"{LAURYN_RUN} does not exist", pytrace=False)
    if not isinstance(program, pathlib.Path):
        path = tmp_path / f"prog{len(list(tmp_path.glob('prog*.mlir')))}.mlir"
        path.write_text(program)
        program = path
    _, types = lauryn_ref.load(program).signature(entry)
    sparse = [getattr(t, "sparse", False) for t in types if hasattr(t, "shape")]
    outs = [tmp_path / f"out{k}.{'mtx' if s else 'npy'}" for k, s in enumerate(sparse)]
    cmd = [str(LAURYN_RUN), str(program), "--entry", entry, *flags]
    for name, value in args.items():
        if isinstance(value, np.ndarray):
            np.save(tmp_path / f"arg_{name}.npy", value)
            value = tmp_path / f"arg_{name}.npy"
        elif scipy.sparse.issparse(value):
            scipy.io.mmwrite(str(tmp_path / f"arg_{name}.mtx"), scipy.sparse.coo_matrix(value),
                             precision=17)
            value = tmp_path / f"arg_{name}.mtx"
        elif isinstance(value, float):
            value = repr(value)
        cmd += ["--arg", f"{name}={value}"]
    if outs:
        cmd += ["-o", ",".join(map(str, outs))]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    if proc.returncode != 0:
        raise ex.LaurynRunError(f"{' '.join(cmd)}\n{proc.stdout}{proc.stderr}")
    results, it = [], iter(outs)
    for line in proc.stdout.splitlines():
        m = re.match(r"result #\d+: (.*)$", line)
        if not m:
            continue
        if " written to " in m.group(1):
            out = next(it)
            results.append(scipy.sparse.csr_matrix(scipy.io.mmread(str(out)))
                           if out.suffix == ".mtx" else np.load(out))
        else:
            results.append(float(m.group(1)))
    return results


def ref_args(args):
    """lauryn-run arguments as the interpreter takes them (files read)."""
    out = {}
    for k, v in args.items():
        if isinstance(v, pathlib.Path):
            v = ex.read_mtx(v) if v.suffix == ".mtx" else np.load(v)
        out[k] = v
    return out


def agree(tmp_path, program, args, rtol, entry="main", flags=()):
    want = lauryn_run(tmp_path, program, args, entry, flags)
    got = lauryn_ref.run(program, entry, ref_args(args))
    assert len(got) == len(want)
    for k, (g, w) in enumerate(zip(got, want)):
        tol = rtol[k] if isinstance(rtol, (list, tuple)) else rtol
        assert_close(g, w, tol, f"result #{k}")
    return got, want


# ---- docs/examples on the inputs of test_examples.py ----------------------

EXAMPLE_CASES = {
    "lmds": lambda: ("lmds.mlir", "main", dict(zip(("X", "y"), ex.regression_data(21, 500, 20)),
                                               **{"lambda": 0.5})),
    "lmds_small": lambda: ("lmds.mlir", "main", dict(zip(("X", "y"), ex.regression_data(9, 64, 8)),
                                                     **{"lambda": 10.0})),
    "lmcg": lambda: ("lmcg.mlir", "main", dict(zip(("X", "y"), ex.regression_data(5, 300, 40)),
                                               **{"lambda": 0.3, "tol": 0.0, "maxIter": 12})),
    "lmcg_converge": lambda: ("lmcg.mlir", "main",
                              dict(zip(("X", "y"), ex.regression_data(6, 400, 25)),
                                   **{"lambda": 0.1, "tol": 1e-10, "maxIter": 200})),
    "l2svm": lambda: ("l2svm.mlir", "main", l2svm_inputs()),
    "kmeans": lambda: ("kmeans.mlir", "main", kmeans_inputs(4, 3, 10)),
    "kmeans_empty_cluster": lambda: ("kmeans.mlir", "main", kmeans_empty_inputs()),
    "logreg": lambda: ("logreg.mlir", "main", logreg_inputs()),
    "pca": lambda: ("pca.mlir", "main", pca_inputs()),
    "gram": lambda: ("c/gram.mlir", "gram", {"X": A23.copy(), "lambda": 0.5}),
    "loop_carried": lambda: ("regressions/loop-carried-tensor.mlir", "main",
                             {"x": np.random.default_rng(30).standard_normal((5, 1)), "n": 10}),
}


def l2svm_inputs():
    rng = np.random.default_rng(10)
    X = rng.standard_normal((400, 15))
    Y = np.sign(X @ rng.standard_normal((15, 1)) + 0.5 * rng.standard_normal((400, 1)))
    Y[Y == 0] = 1.0
    return {"X": X, "Y": Y, "lambda": 1.0, "maxIter": 10, "lineSearchIter": 5}


def kmeans_inputs(k, m, max_iter):
    X = ex.blobs(11 + k, k, m, 120)
    return {"X": X, "C": X[:k].copy(), "maxIter": max_iter}


def kmeans_empty_inputs():
    X = ex.blobs(21, 3, 2, 100)
    return {"X": X, "C": np.vstack([X[:3], [[1e3, -1e3]]]), "maxIter": 8}


def logreg_inputs():
    rng = np.random.default_rng(13)
    X = rng.standard_normal((500, 12))
    y = ex.logistic_labels(rng, X @ rng.standard_normal((12, 1)))
    return {"X": X, "y": y, "lambda": 0.01, "eta": 0.5, "maxIter": 50}


def pca_inputs():
    rng = np.random.default_rng(27)
    m, k = 10, 3
    spectrum = np.geomspace(10.0, 0.1, m)
    R, _ = np.linalg.qr(rng.standard_normal((m, m)))
    X = (rng.standard_normal((300, m)) * spectrum) @ R.T + rng.uniform(-5, 5, m)
    return {"X": X, "Q0": rng.standard_normal((m, k)), "maxIter": 150}


@pytest.mark.parametrize("case", sorted(EXAMPLE_CASES))
def test_examples_agree(tmp_path, case):
    example, entry, args = EXAMPLE_CASES[case]()
    # Same algorithm, different summation order (BLAS vs NumPy): ~1e-15
    # per step, amplified by the iterations' conditioning.
    agree(tmp_path, EXAMPLES / example, args, 1e-8, entry)


@pytest.mark.parametrize("name", ["karate", "Erdos971", "dwt_992"])
def test_pagerank_agrees(tmp_path, name):
    path = ex.real_matrix(name)
    agree(tmp_path, EXAMPLES / "pagerank.mlir", {"G": path, "alpha": 0.85, "maxIter": 40}, 1e-10)


def test_examples_csr_agree(tmp_path):
    """lmcg and logreg with a CSR X (dwt_992, as test_examples.py)."""
    path = ex.real_matrix("dwt_992")
    A = ex.read_mtx(path)
    rng = np.random.default_rng(9)
    y = A @ rng.standard_normal((A.shape[1], 1))
    agree(tmp_path, EXAMPLES / "lmcg.mlir",
          {"X": path, "y": y, "lambda": 1.0, "tol": 0.0, "maxIter": 20}, 1e-8, "main_csr")
    yl = ex.logistic_labels(rng, A @ (0.3 * rng.standard_normal((A.shape[1], 1))))
    agree(tmp_path, EXAMPLES / "logreg.mlir",
          {"X": path, "y": yl, "lambda": 0.01, "eta": 0.1, "maxIter": 30}, 1e-9, "main_csr")


def test_examples_random_sparse_agree(tmp_path):
    S = ex.random_sparse(7, 2000, 60, 0.05)
    path, S = ex.written_mtx(tmp_path, "S", S)
    y = S @ np.random.default_rng(8).standard_normal((60, 1))
    agree(tmp_path, EXAMPLES / "lmcg.mlir",
          {"X": path, "y": y, "lambda": 0.01, "tol": 0.0, "maxIter": 15}, 1e-8, "main_csr")
    n = 300
    A = scipy.sparse.random(n, n, density=0.02, format="lil", random_state=12,
                            data_rvs=lambda k: np.ones(k))
    A.setdiag(0)
    A[:, :10] = 0
    A = A.tocsr()
    A.eliminate_zeros()
    path, _ = ex.written_mtx(tmp_path, "A", A)
    agree(tmp_path, EXAMPLES / "pagerank.mlir", {"G": path, "alpha": 0.9, "maxIter": 30}, 1e-10)


@pytest.mark.parametrize("program,entry", [
    ("regressions/csr-column-sums.mlir", "main"), ("regressions/public-csr-helper.mlir", "main"),
    ("regressions/dense-to-csr.mlir", "main"), ("c/gram.mlir", "spmv"), ("c/gram.mlir", "square"),
])
def test_regressions_agree(tmp_path, program, entry):
    if entry == "spmv":
        args = {"S": scipy.sparse.csr_matrix(np.array([[1.0, 0, 2], [0, 0, 3], [4, 5, 0]])),
                "v": np.array([[1.0], [-1.0], [0.5]])}
    elif entry == "square":
        args = {"S": scipy.sparse.csr_matrix(np.array([[1.0, 0, 2], [0, 0, 3], [4, 5, 0]]))}
    elif "dense-to-csr" in program:
        rng = np.random.default_rng(33)
        args = {"X": np.where(rng.random((60, 50)) < 0.1, rng.uniform(-1, 1, (60, 50)), 0.0)}
    else:
        args = {"G": ex.random_sparse(31, 300, 70, 0.03)}
    agree(tmp_path, EXAMPLES / program, args, 1e-12, entry)


# ---- test/Integration/CPU/ops.mlir functions ------------------------------

def ops_function_as_entry(name):
    """ops.mlir's @name (and the @A it calls) as an entry that returns what
    it prints: print calls become results."""
    text = OPS_MLIR.read_text()
    funcs = {m[1]: m[0] for m in re.findall(r"^(func\.func @(\w+)\(.*?^\})", text, re.S | re.M)}
    body = funcs[name]
    values, types = [], []
    kept = []
    for line in body.splitlines()[1:]:
        m = re.match(r"\s*call @(print|printS|printI)\((%\w+)\) : \((.*)\) -> \(\)", line)
        if m:
            values.append(m.group(2))
            types.append(m.group(3))
            continue
        if line.strip() == "return":
            line = f"  return {', '.join(values)} : {', '.join(types)}"
        kept.append(line)
    entry = f"func.func @main() -> ({', '.join(types)}) {{\n" + "\n".join(kept) + "\n"
    return f"#CSR = {CSR}\n\n{funcs['A']}\n\n{entry}", len(values)


@pytest.mark.parametrize("name", ["elementwise", "aggregates", "reorganisation", "solve_and_casts",
                                  "random", "sparse"])
def test_ops_mlir_functions_agree(tmp_path, name):
    text, n = ops_function_as_entry(name)
    got, _ = agree(tmp_path, text, {}, 1e-15)
    assert len(got) == n


# ---- sweeps of every element-wise op and aggregate -------------------------

BINARY = ("add", "sub", "mul", "div", "pow", "minimum", "maximum", "mod", "intdiv",
          "lt", "le", "gt", "ge", "eq", "ne", "and", "or", "xor")
UNARY_ANY = ("neg", "abs", "round", "floor", "ceil", "sign", "not", "isnan")
UNARY_FLOAT = ("exp", "log", "sqrt", "sigmoid", "sin", "cos", "tan", "tanh")
AGGREGATES = ("sum", "mean", "var", "prod", "min", "max", "sumsq", "nnz")


def sweep_program(T, skip=(), skip_aggregates=()):
    """Every element-wise op (matrix-matrix, -row, -column, -scalar and
    scalar-scalar), ifelse and every aggregate (all, row, col) of type T;
    returns (text, list of (op name, result kind))."""
    isf = T[0] in "fb"
    M, R, C = f"tensor<?x?x{T}>", f"tensor<1x?x{T}>", f"tensor<?x1x{T}>"
    lines, rets = [], []

    def add(op, expr, typ):
        lines.append(f"  %v{len(rets)} = {expr}")
        rets.append((op, typ))
    for b in BINARY:
        if b in skip:
            continue
        add(b, f"la.{b} %X, %Y : {M}, {M}", M)
        add(b, f"la.{b} %X, %r : {M}, {R}", M)
        add(b, f"la.{b} %c, %X : {C}, {M}", M)
        add(b, f"la.{b} %X, %s : {M}, {T}", M)
        add(b, f"la.{b} %s, %s : {T}, {T}", T)
    for u in UNARY_ANY + (UNARY_FLOAT if isf else ()):
        add(u, f"la.{u} %X : {M}", M)
    add("ifelse", f"la.ifelse %X, %Y, %s : {M}, {M}, {T}", M)
    add("ifelse", f"la.ifelse %c, %r, %X : {C}, {R}, {M}", M)
    for a in AGGREGATES:
        if (a in ("mean", "var") and not isf) or a in skip_aggregates:
            continue
        et = "i64" if a == "nnz" else T
        add(a, f"la.{a} %X : {M}", et)
        add(a, f"la.{a} row %X : {M}", f"tensor<?x1x{et}>")
        add(a, f"la.{a} col %X : {M}", f"tensor<1x?x{et}>")
        add(a, f"la.{a} %Y : {M}", et)
    sig = f"%X: {M}, %Y: {M}, %r: {R}, %c: {C}, %s: {T}"
    types = ", ".join(t for _, t in rets)
    text = (f"func.func @main({sig}) -> ({types}) {{\n" + "\n".join(lines) +
            f"\n  return {', '.join(f'%v{k}' for k in range(len(rets)))} : {types}\n}}\n")
    return text, rets


def sweep_inputs(T):
    """All pairs of special values: X[i, j] = v[i], Y[i, j] = v[j]. Inputs
    avoid the known disagreements (bf16 subnormals, i64 beyond 2^53)."""
    if T == "f64":
        v = [NAN, INF, -INF, 0.0, -0.0, 1, -1, 2.5, -2.5, 0.5, 7, -7, 3, 1e300, 1e-310]
        dtype, s = np.float64, 2.5
    elif T in ("f32", "bf16"):
        v = [NAN, INF, -INF, 0.0, -0.0, 1, -1, 2.5, -2.5, 0.5, 7, -7, 3]
        v += [3e38, 1e-39] if T == "f32" else [1e30, 1e-30]  # no bf16 subnormal results
        dtype, s = np.float32, 2.5
    else:
        info = np.iinfo({"i64": np.int64, "i32": np.int32, "i8": np.int8}[T])
        big = 2 ** 62 if T == "i64" else info.max
        v = [0, 1, -1, 2, -2, 7, -7, 3, big, info.min, 100, -100, 5]
        dtype, s = (np.int64 if T == "i64" else np.int32), 2
    v = np.array(v, dtype=np.float64 if T[0] in "fb" else np.int64).astype(dtype)
    X = np.repeat(v[:, None], len(v), 1)
    return {"X": X, "Y": X.T.copy(), "r": v[None, ::-1].copy(), "c": v[::-1, None].copy(),
            "s": float(s) if T[0] in "fb" else int(s)}


ELEMENTARY = UNARY_FLOAT + ("pow",)
REDUCTIONS = ("sum", "mean", "var", "prod", "sumsq")


def sweep_tolerance(T, op):
    if op in ELEMENTARY:  # libm / polynomial approximations vs NumPy (integers: exact)
        return {"f64": 1e-15, "f32": 3e-7, "bf16": 2 ** -7}.get(T, 0.0)
    if op in REDUCTIONS:  # summation order (bf16 accumulates in bf16 there)
        return {"f64": 1e-14, "f32": 1e-5, "bf16": 0.06}.get(T, 0.0)
    return 0.0


@pytest.mark.parametrize("T", ["f64", "f32", "bf16", "i64", "i32", "i8"])
def test_sweep_agrees(tmp_path, T):
    skip = ()
    # bf16 var: the compiled code accumulates in bf16 in an unspecified order,
    # so the cancellation in x - mean differs (0 vs inf for rows of 1e30);
    # see test_bf16_aggregates_agree for exactly representable data.
    text, rets = sweep_program(T, skip, ("var",) if T == "bf16" else ())
    want = lauryn_run(tmp_path, text, sweep_inputs(T))
    got = lauryn_ref.run(text, "main", sweep_inputs(T))
    assert len(got) == len(want) == len(rets)
    for k, ((op, _), g, w) in enumerate(zip(rets, got, want)):
        assert_close(g, w, sweep_tolerance(T, op), f"result #{k} ({op}, {T})")


def test_bf16_aggregates_agree(tmp_path):
    """Every partial sum representable in bf16: results are exact."""
    X = np.array([[1.0, 2.0, 3.0, -4.0], [4.0, 5.0, 6.0, 0.5], [0.0, -8.0, 1.0, 2.0]], np.float32)
    for op in AGGREGATES:
        agree(tmp_path, agg_program(op, "bf16"), {"X": X}, 0.0)


@pytest.mark.parametrize("src", ["f64", "f32", "bf16", "i64", "i32", "i8"])
def test_casts_agree(tmp_path, src):
    dsts = [d for d in ("f64", "f32", "bf16", "i64", "i32", "i8") if d != src]
    lines, types = [], []
    for d in dsts:
        lines.append(f"  %m_{d} = la.cast %X : tensor<?x?x{src}> -> tensor<?x?x{d}>")
        lines.append(f"  %s_{d} = la.cast %s : {src} -> {d}")
        types += [f"tensor<?x?x{d}>", d]
    names = ", ".join(f"%{p}_{d}" for d in dsts for p in ("m", "s"))
    text = (f"func.func @main(%X: tensor<?x?x{src}>, %s: {src}) -> ({', '.join(types)}) {{\n"
            + "\n".join(lines) + f"\n  return {names} : {', '.join(types)}\n}}\n")
    if src[0] in "fb":
        v = [NAN, INF, -INF, 0.0, -0.0, 1.7, -1.7, 2.5, -2.5, 127.9, 128.0, -128.0, -129.5,
             255.5, 300.0, 2 ** 31 - 0.5, 2 ** 31, -2 ** 31, -2 ** 31 - 1, 2 ** 63, -2 ** 63,
             1e30, -1e30, 1.00390625, 65504.0, 16777217.0, 3.3e38]
        X = row(v, np.float64 if src == "f64" else np.float32)
        s = 2.75
    else:
        info = np.iinfo({"i64": np.int64, "i32": np.int32, "i8": np.int8}[src])
        v = [0, 1, -1, 127, -128, 255, 256, -129, 2 ** 31 - 1, -2 ** 31, 2 ** 24 + 1, 2 ** 53,
             -2 ** 53, 16777217, 33554435]
        X = row([x for x in v if info.min <= x <= info.max], np.int64 if src == "i64" else np.int32)
        s = -7
    agree(tmp_path, text, {"X": X, "s": s}, 0.0)


def test_generators_agree(tmp_path):
    for T in ("f64", "f32", "bf16"):
        text = f"""func.func @main(%n: index) -> (tensor<7x9x{T}>, tensor<?x5x{T}>, tensor<6x4x{T}>, tensor<5x5x{T}>, tensor<50x40x{T}>, tensor<3x3x{T}>) {{
          %a = la.rand {{seed = 7 : i64, min = -1.0 : f64, max = 1.0 : f64, sparsity = 0.3 : f64}} -> tensor<7x9x{T}>
          %b = la.rand %n {{seed = -3 : i64, distribution = #la.distribution<normal>}} : index -> tensor<?x5x{T}>
          %c = la.rand {{seed = 123456789 : i64, distribution = #la.distribution<poisson>, lambda = 3.5 : f64}} -> tensor<6x4x{T}>
          %d = la.rand {{seed = 0 : i64, distribution = #la.distribution<poisson>, lambda = 40.0 : f64, sparsity = 0.5 : f64}} -> tensor<5x5x{T}>
          %e = la.rand {{seed = 99 : i64, min = 2.0 : f64, max = 1.0e10 : f64}} -> tensor<50x40x{T}>
          %f = la.rand {{seed = 5 : i64, distribution = #la.distribution<normal>, sparsity = 0.0 : f64}} -> tensor<3x3x{T}>
          return %a, %b, %c, %d, %e, %f : tensor<7x9x{T}>, tensor<?x5x{T}>, tensor<6x4x{T}>, tensor<5x5x{T}>, tensor<50x40x{T}>, tensor<3x3x{T}>
        }}"""
        # Uniform and Poisson bit for bit; normal within libm's log/cos ulps.
        agree(tmp_path, text, {"n": 11}, [0.0, 1e-15, 0.0, 0.0, 0.0, 0.0])
    for T, a, b, c in [("f64", 1.5, -3.25, -0.75), ("f64", 0.0, 1.0, 0.1), ("f32", 0.0, 1.0, 0.1),
                       ("bf16", 1.0, 20.0, 0.3), ("i64", -7, 20, 3), ("i32", 10, -10, -4)]:
        agree(tmp_path, seq_program(T), {"a": a, "b": b, "c": c}, 0.0)
    text = """func.func @main(%v: f64, %n: index) -> (tensor<?x3xf64>, tensor<2x?xi32>) {
      %F = la.fill %v, %n : f64, index -> tensor<?x3xf64>
      %k = arith.constant -4 : i32
      %G = la.fill %k, %n : i32, index -> tensor<2x?xi32>
      return %F, %G : tensor<?x3xf64>, tensor<2x?xi32>
    }"""
    agree(tmp_path, text, {"v": -0.5, "n": 4}, 0.0)


STRUCTURE = """func.func @main(%A: tensor<?x?xf64>, %B: tensor<?x?xf64>, %v: tensor<?x1xf64>, %i: index, %j: index)
    -> (tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x?xf64>,
        tensor<?x?xf64>, tensor<?x1xf64>, tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x?xf64>, tensor<1x1xf64>, f64) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c10 = arith.constant 10 : index
  %j4 = tensor.dim %A, %c1 : tensor<?x?xf64>
  %m = la.matmul %A, %B : tensor<?x?xf64>, tensor<?x?xf64>
  %t = la.transpose %A : tensor<?x?xf64>
  %r = la.reshape %A, %c2, %c10 : tensor<?x?xf64>, index, index -> tensor<?x?xf64>
  %cb = la.cbind %A, %v, %A : tensor<?x?xf64>, tensor<?x1xf64>, tensor<?x?xf64>
  %top = la.slice %A, %c0, %c2, %c0, %j4 : tensor<?x?xf64>, index, index, index, index -> tensor<?x?xf64>
  %rb = la.rbind %A, %top, %A : tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x?xf64>
  %s = la.slice %A, %c1, %i, %c0, %j : tensor<?x?xf64>, index, index, index, index
  %ins = la.insert %s, %A, %c1, %c1 : tensor<?x?xf64>, tensor<?x?xf64>, index, index
  %sq = la.matmul %A, %t : tensor<?x?xf64>, tensor<?x?xf64>
  %dd = la.diag %sq : tensor<?x?xf64>
  %dg = la.diag %v : tensor<?x1xf64>
  %rv = la.rev %A : tensor<?x?xf64>
  %e = la.slice %A, %c0, %c0, %c0, %c0 : tensor<?x?xf64>, index, index, index, index -> tensor<?x?xf64>
  %one = la.slice %A, %c0, %c1, %c0, %c1 : tensor<?x?xf64>, index, index, index, index -> tensor<1x1xf64>
  %sc = la.cast %one : tensor<1x1xf64> -> f64
  %mc = la.cast %sc : f64 -> tensor<1x1xf64>
  return %m, %t, %r, %cb, %rb, %s, %ins, %dd, %dg, %rv, %e, %mc, %sc
    : tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x?xf64>,
      tensor<?x?xf64>, tensor<?x1xf64>, tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x?xf64>, tensor<1x1xf64>, f64
}
"""


def structure_inputs(i=3, j=2):
    rng = np.random.default_rng(3)
    A = rng.standard_normal((5, 4))
    A[1, 2], A[3, 0] = NAN, INF
    return {"A": A, "B": rng.standard_normal((4, 3)), "v": rng.standard_normal((5, 1)), "i": i, "j": j}


def test_structure_agrees(tmp_path):
    agree(tmp_path, STRUCTURE, structure_inputs(), 1e-15)


def test_runtime_errors_agree(tmp_path):
    """Both report the same failed run-time check for the same op."""
    cases = [(STRUCTURE, structure_inputs(6, 2), "la.slice", "row range out of bounds"),
             (STRUCTURE, structure_inputs(0, 2), "la.slice", "row range out of bounds"),
             (SOLVE, {"A": np.array([[1.0, 2.0], [2.0, 4.0]]), "B": np.ones((2, 1))},
              "la.solve", "matrix is singular"),
             (seq_program("f64"), {"a": 1.0, "b": 5.0, "c": 0.0}, "la.seq", "increment is zero"),
             (seq_program("i8"), {"a": -100, "b": 100, "c": 7}, "la.seq",
              "increment does not lead from 'from' to 'to'")]
    for text, args, op, message in cases:
        with pytest.raises(ex.LaurynRunError) as info:
            lauryn_run(tmp_path, text, args)
        assert f"'{op}' at " in str(info.value) and message in str(info.value)
        raises_ref(text, args, op, message)


def test_solve_agrees(tmp_path):
    rng = np.random.default_rng(4)
    M, B = rng.standard_normal((6, 6)), rng.standard_normal((6, 2))
    agree(tmp_path, SOLVE, {"A": M, "B": B}, 1e-13)
    agree(tmp_path, SOLVE, {"A": np.zeros((0, 0)), "B": np.zeros((0, 3))}, 0.0)
    for T, tol in (("f32", 1e-6), ("bf16", 0.0)):  # bf16: same operation order, bit for bit
        agree(tmp_path, SOLVE.replace("f64", T),
              {"A": (M + 4 * np.eye(6)).astype(np.float32), "B": B.astype(np.float32)}, tol)


def test_sparse_agrees(tmp_path):
    S = scipy.sparse.random(6, 5, density=0.4, format="csr", random_state=4)
    S.data[0] = 0.0  # an explicit zero: stored, so 0 * inf = NaN there
    D = np.arange(30, dtype=float).reshape(6, 5) - 7
    D[0, 0], D[2, 3], D[5, 4] = INF, NAN, -INF
    text = f"""func.func @main(%S: tensor<?x?xf64, {CSR}>, %D: tensor<?x?xf64>, %r: tensor<1x?xf64>, %s: f64)
        -> (tensor<?x?xf64, {CSR}>, tensor<?x?xf64, {CSR}>, tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x?xf64>,
            tensor<?x?xf64>, tensor<?x?xf64>, f64, i64, tensor<?x1xf64>, tensor<1x?xf64>, tensor<?x?xf64, {CSR}>) {{
      %m = la.mul %S, %D : tensor<?x?xf64, {CSR}>, tensor<?x?xf64>
      %ms = la.mul %S, %s : tensor<?x?xf64, {CSR}>, f64
      %mr = la.mul %S, %r : tensor<?x?xf64, {CSR}>, tensor<1x?xf64> -> tensor<?x?xf64>
      %a = la.add %S, %D : tensor<?x?xf64, {CSR}>, tensor<?x?xf64>
      %dt = la.transpose %D : tensor<?x?xf64>
      %mm = la.matmul %S, %dt : tensor<?x?xf64, {CSR}>, tensor<?x?xf64>
      %mm2 = la.matmul %dt, %S : tensor<?x?xf64>, tensor<?x?xf64, {CSR}>
      %e = la.exp %S : tensor<?x?xf64, {CSR}>
      %sum = la.sum %S : tensor<?x?xf64, {CSR}>
      %nz = la.nnz %S : tensor<?x?xf64, {CSR}>
      %mx = la.max row %S : tensor<?x?xf64, {CSR}>
      %sc = la.sumsq col %S : tensor<?x?xf64, {CSR}>
      %st = la.transpose %S : tensor<?x?xf64, {CSR}>
      return %m, %ms, %mr, %a, %mm, %mm2, %e, %sum, %nz, %mx, %sc, %st
        : tensor<?x?xf64, {CSR}>, tensor<?x?xf64, {CSR}>, tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x?xf64>,
          tensor<?x?xf64>, tensor<?x?xf64>, f64, i64, tensor<?x1xf64>, tensor<1x?xf64>, tensor<?x?xf64, {CSR}>
    }}"""
    agree(tmp_path, text, {"S": S, "D": D, "r": row([1.0, INF, -2.0, NAN, 0.5]), "s": INF}, 1e-15)


@pytest.mark.parametrize("shape", [(0, 3), (3, 0), (1, 3), (3, 1)])
def test_aggregates_of_thin_matrices_agree(tmp_path, shape):
    for T in ("f64", "i64"):
        ops = [a for a in AGGREGATES if T == "f64" or a not in ("mean", "var")]
        lines, types = [], []
        for a in ops:
            et = "i64" if a == "nnz" else T
            lines += [f"  %{a} = la.{a} %X : tensor<?x?x{T}>",
                      f"  %{a}r = la.{a} row %X : tensor<?x?x{T}>",
                      f"  %{a}c = la.{a} col %X : tensor<?x?x{T}>"]
            types += [et, f"tensor<?x1x{et}>", f"tensor<1x?x{et}>"]
        names = ", ".join(f"%{a}{s}" for a in ops for s in ("", "r", "c"))
        text = (f"func.func @main(%X: tensor<?x?x{T}>) -> ({', '.join(types)}) {{\n"
                + "\n".join(lines) + f"\n  return {names} : {', '.join(types)}\n}}\n")
        X = (np.arange(shape[0] * shape[1]) + 1).reshape(shape).astype(
            np.float64 if T == "f64" else np.int64)
        agree(tmp_path, text, {"X": X}, 1e-15)


# --------------------------------------------------------------------------
# Known disagreements between lauryn-run and the reference (possible
# compiler bugs). strict: an unexpected pass means the compiler changed.
# --------------------------------------------------------------------------

@pytest.mark.parametrize("T", ["i64", "i32", "i8"])
def test_regression_integer_pow(tmp_path, T):
    """Fixed: math.ipowi is lowered (convert-math-to-funcs); 0 ^ negative is 0."""
    text = binary_program("pow", T)
    dtype = np.int64 if T == "i64" else np.int32
    args = {"x": row([3, -2, 7, 0], dtype), "y": row([4, 3, -1, 0], dtype)}
    (want,) = ref(text, args)
    assert_ints(want[0], [81, -8, 0, 1], {"i64": np.int64, "i32": np.int32, "i8": np.int8}[T])
    (got,) = lauryn_run(tmp_path, text, args)
    assert_same(got, want)


@pytest.mark.xfail(strict=True, reason="bf16 subnormals are flushed to zero by the compiled code "
                                       "(bf16 <-> f32 conversion with AVX512-BF16 "
                                       "vcvtneps2bf16 semantics); the reference keeps IEEE "
                                       "gradual underflow")
def test_disagreement_bf16_subnormals(tmp_path):
    text = binary_program("div", "bf16")
    args = {"x": row([1e-38, 1.0], np.float32), "y": row([16.0, 1e-39], np.float32)}
    (want,) = ref(text, args)
    assert want[0, 0] == np.float32(6.248e-40) or 0 < want[0, 0] < 1e-38  # subnormal, not 0
    (got,) = lauryn_run(tmp_path, text, args)
    assert_same(got, want)


def test_regression_f64_to_bf16_single_rounding(tmp_path):
    """Fixed: f64 -> bf16 rounds once (round-to-odd to f32 first)."""
    text = cast_program("f64", "bf16")
    args = {"X": row([1 + 2 ** -8 + 2 ** -40, 1 - 2 ** -9 - 2 ** -40])}
    (want,) = ref(text, args)
    assert_same(want, row([1.0078125, 0.99609375]))
    (got,) = lauryn_run(tmp_path, text, args)
    assert_same(got, want)


def test_regression_i64_arguments_beyond_2_53(tmp_path):
    """Fixed: lauryn-run reads files into the parameter's element type."""
    text = unary_program("abs", "i64")
    args = {"x": row([2 ** 53 + 1, -2 ** 62 - 1], np.int64)}
    (want,) = ref(text, args)
    assert_ints(want[0], [2 ** 53 + 1, 2 ** 62 + 1])
    (got,) = lauryn_run(tmp_path, text, args)
    assert np.array_equal(got, want)


def test_regression_no_broadcast_of_dynamic_dims(tmp_path):
    """Fixed: specialization keeps a dynamic size of 1 dynamic (no broadcast)."""
    text = binary_program("add", "f64", "tensor<?x?x{T}>", "tensor<?x?x{T}>")
    args = {"x": np.ones((2, 3)), "y": row([1.0, 2.0, 3.0])}
    raises_ref(text, args, "la.add", "operands have different row counts")
    with pytest.raises(ex.LaurynRunError, match="operands have different row counts"):
        lauryn_run(tmp_path, text, args)


@pytest.mark.xfail(strict=True, reason="an rbind whose operand widths become static only after "
                                       "constant propagation (reshape with constant sizes) fails "
                                       "in lowering ('memref.subview ... runs out-of-bounds', "
                                       "'lowering to the LLVM dialect failed') instead of the "
                                       "run-time check 'operands have different column counts'")
@pytest.mark.parametrize("flags", [(), ("--no-optimize",)], ids=["opt", "noopt"])
def test_disagreement_rbind_width_known_after_folding(tmp_path, flags):
    text = """func.func @main(%A: tensor<?x?xf64>) -> tensor<?x?xf64> {
      %c2 = arith.constant 2 : index
      %c10 = arith.constant 10 : index
      %r = la.reshape %A, %c2, %c10 : tensor<?x?xf64>, index, index -> tensor<?x?xf64>
      %b = la.rbind %A, %r : tensor<?x?xf64>, tensor<?x?xf64>
      return %b : tensor<?x?xf64>
    }"""
    args = {"A": np.ones((5, 4))}
    raises_ref(text, args, "la.rbind", "operands have different column counts")
    with pytest.raises(ex.LaurynRunError) as info:
        lauryn_run(tmp_path, text, args, flags=flags)
    assert "'la.rbind' at " in str(info.value)
    assert "operands have different column counts" in str(info.value)
