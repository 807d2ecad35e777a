"""Seeded random generator of well-typed la programs (issue 4).

    prog = generate(seed)          # reproducible from the seed
    prog.text                      # MLIR: func.func @main(...) [+ a helper function]
    prog.args                      # parameter name -> NumPy array / SciPy CSR / number

A program is a DAG of 5-60 la ops over every op family, built from a pool of
typed values whose run-time shapes the generator knows, so every op is given
operands of valid shapes (or, rarely and on purpose, an op that fails at run
time: out-of-bounds slice, singular solve, zero seq increment; its result is
returned so that no dead-code elimination may drop the failure).

Type discipline (the la type rules, LATypeInference.cpp):
  * types are truthful: a static dimension equals the run-time size; a
    dimension of run-time size 1 may be typed `1` or `?`;
  * only dimensions typed 1 broadcast: element-wise operands must have equal
    run-time sizes in every dimension not typed 1;
  * every op line carries its result type explicitly (`-> T`), equal to the
    inferred type or a less static one, so the generator always knows it.

Exactness: every value carries a flag `exact`, false when its bits may depend
on evaluation order or libm (float reductions, matmul, solve, elementary
functions, normal rand, float pow, loops over floats). Discontinuous ops
(comparisons, logical ops, floor/ceil/round/sign/not/isnan, mod, intdiv, div
and log/sqrt/pow operands, ifelse conditions, nnz, float->int casts) only take
exact operands, so a rounding difference can never flip a discrete outcome.
Inexact lines are marked with the comment `// inexact`; runner.py reads those
marks to pick each result's tolerance.

Known compiler bugs (known.py): generate(seed, avoid=KNOWN_IDS) leaves out
their trigger patterns (the CI test does; the same seed then gives another
program than without `avoid`).

Layout of the text (one op per line, which reduce.py relies on):
  #CSR alias, optional `func.func @helper`, then `func.func @main`;
  SSA names %aK (parameters of main), %pK (of the helper), %vK/%hK (values),
  %ciN (index constants), %kK (scalar constants), scf.for blocks indented.
"""

import dataclasses
import math
import random
import re

import numpy as np
import scipy.sparse

CSR_ALIAS = "#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>"

FLOAT = ("f64", "f32")
INT = ("i64", "i32")
NP = {"f64": np.float64, "f32": np.float32, "i64": np.int64, "i32": np.int32}

# Element-wise binary ops. CONT: continuous (inexact operands allowed).
BIN_CONT = ("add", "sub", "mul", "minimum", "maximum")
BIN_DISC = ("div", "pow", "mod", "intdiv", "lt", "le", "gt", "ge", "eq", "ne", "and", "or", "xor")
UN_ANY_CONT = ("neg", "abs")
UN_ANY_DISC = ("round", "floor", "ceil", "sign", "not", "isnan")
UN_FLOAT_INEXACT = ("exp", "sigmoid", "sin", "cos", "tan", "tanh")  # libm vs NumPy ulps
UN_FLOAT_DISC_INEXACT = ("log",)  # log(0) = -inf: needs an exact operand, result inexact
AGGS = ("sum", "mean", "var", "prod", "min", "max", "sumsq", "nnz")

# Zero rules of element-wise ops (LAOps.td) for the inferred result encoding.
ZERO_RULE = {"add": "U", "sub": "U", "mul": "I", "div": "D", "pow": "D", "minimum": "U",
             "maximum": "U", "mod": "D", "intdiv": "D", "lt": "U", "le": "D", "gt": "U",
             "ge": "D", "eq": "D", "ne": "U", "and": "I", "or": "U", "xor": "U",
             "neg": "P", "abs": "P", "exp": "D", "log": "D", "sqrt": "P", "sigmoid": "D",
             "round": "P", "floor": "P", "ceil": "P", "sign": "P", "sin": "P", "cos": "D",
             "tan": "P", "tanh": "P", "not": "D", "isnan": "P"}


@dataclasses.dataclass
class Program:
    """A generated program: MLIR text and concrete arguments by name."""
    seed: int
    text: str
    args: dict
    expect_error: bool = False   # an op that fails at run time was put in on purpose
    n_ops: int = 0


@dataclasses.dataclass
class Val:
    name: str
    kind: str            # "mat", "scalar", "index"
    et: str              # element type ("index" for index values)
    tr: object = None    # typed rows: int or None (?)
    tc: object = None
    r: int = 0           # run-time rows / cols
    c: int = 0
    csr: bool = False
    exact: bool = True
    uses: int = 0
    value: object = None  # known value of index/scalar constants

    def ty(self):
        if self.kind != "mat":
            return self.et
        d = lambda t: "?" if t is None else str(t)  # noqa: E731
        enc = ", #CSR" if self.csr else ""
        return f"tensor<{d(self.tr)}x{d(self.tc)}x{self.et}{enc}>"

    def is_mat(self, et=None):
        return self.kind == "mat" and (et is None or self.et == et)


def mat_type(tr, tc, et, csr=False):
    return Val("", "mat", et, tr, tc, 0, 0, csr).ty()


class Scope:
    """Lines and values of one region (function body or loop body)."""

    def __init__(self, gen, prefix, parent=None, indent="  "):
        self.gen, self.prefix, self.parent, self.indent = gen, prefix, parent, indent
        self.lines, self.pool, self.consts = [], [], {}
        self.counter = parent.counter if parent else [0]

    def all_values(self):
        return (self.parent.all_values() if self.parent else []) + self.pool

    def fresh(self):
        self.counter[0] += 1
        return f"%{self.prefix}{self.counter[0] - 1}"

    def const_lookup(self, key):
        s = self
        while s:
            if key in s.consts:
                return s.consts[key]
            s = s.parent
        return None


class Generator:
    def __init__(self, seed, min_ops=5, max_ops=60, avoid=()):
        self.seed = seed
        self.avoid = frozenset(avoid)
        self.rng = random.Random(seed)
        self.nprng = np.random.default_rng(seed)
        self.min_ops, self.max_ops = min_ops, max_ops
        R = self.rng
        self.et = R.choices(["f64", "f32", "i64", "i32"], [0.62, 0.14, 0.14, 0.10])[0]
        self.dims = sorted(set(R.sample([1, 2, 3, 4, 5, 6, 7, 8], 3) +
                               ([0] if R.random() < 0.12 else []) +
                               ([R.choice([16, 33, 40, 64, 100])] if R.random() < 0.3 else [])))
        self.special_rate = R.choice([0.0, 0.03, 0.1, 0.2])
        self.params, self.args = [], {}
        self.helper_text = None
        self.n_ops = 0
        self.expect_error = False
        self.forced_returns = []

    # ------------------------------------------------------------------ data
    def data(self, r, c, et, density=1.0):
        rng = self.nprng
        if et in FLOAT:
            kind = rng.integers(0, 3)
            if kind == 0:
                v = rng.standard_normal((r, c)) * 10.0 ** rng.integers(-2, 3)
            elif kind == 1:
                v = rng.integers(-4, 5, (r, c)).astype(np.float64)
            else:
                v = rng.uniform(-1, 1, (r, c))
            if self.special_rate:
                mask = rng.random((r, c)) < self.special_rate
                v[mask] = rng.choice([np.nan, np.inf, -np.inf, -0.0, 0.0], mask.sum())
        else:
            lim = 10 if rng.random() < 0.8 else (2 ** 40 if et == "i64" else 2 ** 30)
            v = rng.integers(-lim, lim, (r, c))
        if density < 1.0:
            v = np.where(rng.random((r, c)) < density, v, 0)
        return np.ascontiguousarray(v.astype(NP[et]))

    def dim_type(self, n, allow_static=True):
        if n == 1:
            return 1 if self.rng.random() < 0.6 else None
        return n if (allow_static and self.rng.random() < 0.45) else None

    # ------------------------------------------------------------- params
    def new_param(self, kind, et, r=0, c=0, csr=False, value=None, density=None, tr="auto",
                  tc="auto"):
        name = f"a{len(self.params)}"
        v = Val("%" + name, kind, et)
        if kind == "mat":
            v.r, v.c, v.csr = r, c, csr
            v.tr = self.dim_type(r) if tr == "auto" else tr
            v.tc = self.dim_type(c) if tc == "auto" else tc
            if value is None:
                if density is None:
                    density = self.rng.choice([0.0, 1e-3, 0.1, 1.0]) if csr else \
                        self.rng.choice([1.0, 1.0, 1.0, 0.5, 0.1])
                value = self.data(r, c, et, density)
            if csr:
                value = scipy.sparse.csr_matrix(value)
                value.eliminate_zeros()
        elif kind == "scalar":
            if value is None:
                if et in FLOAT:
                    pal = [2.5, -1.0, 0.5, 3.0, -4.0, 0.0, 1.0]
                    if self.special_rate:
                        pal += [math.nan, math.inf, -math.inf, -0.0]
                    value = self.rng.choice(pal)
                else:
                    value = self.rng.choice([0, 1, -1, 2, 3, -7, 5])
            value = NP[et](value) if et in NP else value
        self.params.append(v)
        self.args[name] = value
        self.main.pool.append(v)
        return v

    # ------------------------------------------------------------- helpers
    def pick(self, cands, recent=True):
        if not cands:
            return None
        if not recent:
            return self.rng.choice(cands)
        w = [1.0 + k for k in range(len(cands))]
        return self.rng.choices(cands, w)[0]

    def emit(self, scope, text, exact=True):
        scope.lines.append(scope.indent + text + ("" if exact else "  // inexact"))

    def new_val(self, scope, kind, et, tr=None, tc=None, r=0, c=0, csr=False, exact=True):
        v = Val(scope.fresh(), kind, et, tr, tc, r, c, csr, exact)
        scope.pool.append(v)
        return v

    def idx(self, scope, n):
        key = ("idx", n)
        found = scope.const_lookup(key)
        if found:
            return found
        name = f"%ci{n}" + (f"_{scope.prefix}" if scope.prefix != "v" else "")
        if scope.parent is not None:
            name += f"_{scope.counter[0]}"
            scope.counter[0] += 1
        self.emit(scope, f"{name} = arith.constant {n} : index")
        v = Val(name, "index", "index", value=n)
        scope.consts[key] = v
        return v

    def scalar_const(self, scope, et, value):
        name = scope.fresh()
        if et in FLOAT:
            if math.isnan(value):
                lit = "0x7FF8000000000000" if et == "f64" else "0x7FC00000"
            elif math.isinf(value):
                lit = ("0x7FF0000000000000" if et == "f64" else "0x7F800000") if value > 0 else \
                    ("0xFFF0000000000000" if et == "f64" else "0xFF800000")
            else:
                lit = repr(float(value))
        else:
            lit = str(int(value))
        self.emit(scope, f"{name} = arith.constant {lit} : {et}")
        v = Val(name, "scalar", et, value=value)
        scope.pool.append(v)
        return v

    def values(self, scope, pred):
        return [v for v in scope.all_values() if pred(v)]

    def make_matrix(self, scope, r, c, et, dense=True):
        """A matrix of run-time shape r x c (a new parameter in @main, else la.fill / la.rand)."""
        if scope is self.main and len(self.params) < 12 and self.rng.random() < 0.7:
            return self.new_param("mat", et, r, c, csr=(not dense) and self.rng.random() < 0.3)
        tr, tc = self.dim_type(r), self.dim_type(c)
        t = mat_type(tr, tc, et)
        sizes = [self.idx(scope, n).name for n, tt in ((r, tr), (c, tc)) if tt is None]
        if et in FLOAT and self.rng.random() < 0.5:
            seed = self.rng.randint(-5, 1000)
            out = self.new_val(scope, "mat", et, tr, tc, r, c)
            ops = (" " + ", ".join(sizes)) if sizes else ""
            tys = (" : " + ", ".join(["index"] * len(sizes))) if sizes else ""
            self.emit(scope, f"{out.name} = la.rand{ops} {{seed = {seed} : i64, min = -2.0 : f64, "
                             f"max = 2.0 : f64}}{tys} -> {t}")
            return out
        s = self.scalar_const(scope, et, self.rng.choice([1, 2, -3, 0]) * 1.0
                              if et in FLOAT else self.rng.choice([1, 2, -3, 0]))
        out = self.new_val(scope, "mat", et, tr, tc, r, c)
        ops = ", ".join([s.name] + sizes)
        self.emit(scope, f"{out.name} = la.fill {ops} : {', '.join([et] + ['index'] * len(sizes))}"
                         f" -> {t}")
        return out

    def loosen(self, t, n):
        """A result dimension type: keep (mostly) or make it dynamic."""
        if t is not None and self.rng.random() < 0.15:
            return None
        return t

    # -------------------------------------------------- element-wise helpers
    @staticmethod
    def bcast_ok(vals):
        """Run-time validity of element-wise broadcasting (only typed-1 dims broadcast)."""
        mats = [v for v in vals if v.kind == "mat"]
        for dim in ("r", "c"):
            sizes = {getattr(v, dim) for v in mats if getattr(v, "t" + dim) != 1}
            if len(sizes) > 1:
                return False
        return True

    @staticmethod
    def bcast_result(vals):
        mats = [v for v in vals if v.kind == "mat"]
        out = []
        for dim in ("r", "c"):
            typed = [getattr(v, "t" + dim) for v in mats]
            full, dyn = 1, False
            for t in typed:
                if t is None:
                    dyn = True
                elif t != 1:
                    full = t
            rt = full if full != 1 else (None if dyn else 1)
            sizes = [getattr(v, dim) for v in mats if getattr(v, "t" + dim) != 1]
            out += [rt, sizes[0] if sizes else 1]
        return out  # tr, r, tc, c

    @staticmethod
    def ew_encoding(vals, rule, tr, tc):
        mats = [v for v in vals if v.kind == "mat"]

        def covers(v):
            return not (v.tr == 1 and tr != 1) and not (v.tc == 1 and tc != 1)
        if rule == "D":
            return False
        if rule == "P":
            return vals[0].kind == "mat" and vals[0].csr
        if rule == "I":
            return any(v.csr and covers(v) for v in mats)
        return bool(mats) and all(v.kind == "mat" and v.csr and covers(v) for v in vals)

    def ew_result(self, scope, op, operands, et, exact, rule):
        if all(v.kind != "mat" for v in operands):
            return self.new_val(scope, "scalar", et, exact=exact)
        tr, r, tc, c = self.bcast_result(operands)
        csr = self.ew_encoding(operands, rule, tr, tc)
        if self.rng.random() < 0.1:  # an explicit result type requests the other format
            csr = not csr
        out = self.new_val(scope, "mat", et, self.loosen(tr, r), self.loosen(tc, c), r, c, csr,
                           exact)
        return out

    def partner(self, scope, a, et, need_exact):
        """An operand that broadcasts with `a` (scalar or matrix)."""
        def ok(v):
            return (v.kind in ("mat", "scalar") and v.et == et and (v.exact or not need_exact)
                    and self.bcast_ok([a, v]))
        cands = self.values(scope, ok)
        if cands and self.rng.random() < 0.9:
            mats = [v for v in cands if v.kind == "mat"]
            if mats and self.rng.random() < 0.75:
                return self.pick(mats)
            return self.pick(cands)
        if a.kind == "mat" and self.rng.random() < 0.7:
            r = a.r if a.tr != 1 or self.rng.random() < 0.5 else self.rng.choice(self.dims)
            c = a.c if a.tc != 1 or self.rng.random() < 0.5 else self.rng.choice(self.dims)
            if self.rng.random() < 0.3:  # a row or column vector
                if self.rng.random() < 0.5:
                    m = self.make_matrix(scope, 1, c, et)
                    if m.tr != 1 and r != 1:
                        return self.scalar_const(scope, et, 2)
                    return m
                m = self.make_matrix(scope, r, 1, et)
                if m.tc != 1 and c != 1:
                    return self.scalar_const(scope, et, 2)
                return m
            m = self.make_matrix(scope, r, c, et)
            return m if self.bcast_ok([a, m]) else self.scalar_const(scope, et, 3)
        return self.scalar_const(scope, et, self.rng.choice([2, -1, 0.5, 3, 0]) if et in FLOAT
                                 else self.rng.choice([2, -1, 3, 0, 7]))

    # ------------------------------------------------------------------ ops
    def op_binary(self, scope):
        R = self.rng
        et = self.pick_et(scope)
        disc = R.random() < 0.45
        op = R.choice(BIN_DISC if disc else BIN_CONT)
        need_exact = disc
        cands = self.values(scope, lambda v: v.kind in ("mat", "scalar") and v.et == et
                            and (v.exact or not need_exact))
        if not cands:
            return False
        a = self.pick(cands)
        if et in INT and op == "pow":
            b = self.scalar_const(scope, et, R.choice([0, 1, 2, 3]))
        else:
            b = self.partner(scope, a, et, need_exact)
        if R.random() < 0.5:
            a, b = b, a
        exact = a.exact and b.exact and not (op == "pow" and et in FLOAT)
        out = self.ew_result(scope, op, [a, b], et, exact, ZERO_RULE[op])
        if out is None:
            return False
        self.emit(scope, f"{out.name} = la.{op} {a.name}, {b.name} : {a.ty()}, {b.ty()} -> "
                         f"{out.ty()}", exact)
        return True

    def pick_et(self, scope):
        ets = sorted({v.et for v in scope.all_values() if v.kind in ("mat", "scalar")})
        if self.et in ets and self.rng.random() < 0.75:
            return self.et
        return self.rng.choice(ets) if ets else self.et

    def op_unary(self, scope):
        R = self.rng
        et = self.pick_et(scope)
        ops = list(UN_ANY_CONT) + list(UN_ANY_DISC)
        if et in FLOAT:
            ops += list(UN_FLOAT_INEXACT) + ["log", "sqrt"] * 2
        op = R.choice(ops)
        need_exact = op in UN_ANY_DISC or op in ("log", "sqrt")
        cands = self.values(scope, lambda v: v.kind in ("mat", "scalar") and v.et == et
                            and (v.exact or not need_exact))
        if not cands:
            return False
        a = self.pick(cands)
        exact = a.exact and op not in UN_FLOAT_INEXACT and op != "log"
        out = self.ew_result(scope, op, [a], et, exact, ZERO_RULE[op])
        self.emit(scope, f"{out.name} = la.{op} {a.name} : {a.ty()} -> {out.ty()}", exact)
        return True

    def op_ifelse(self, scope):
        et = self.pick_et(scope)
        cands = self.values(scope, lambda v: v.kind in ("mat", "scalar") and v.exact)
        if not cands:
            return False
        c = self.pick(cands)
        a = self.partner(scope, c, et, False) if c.et != et or self.rng.random() < 0.5 else \
            self.partner(scope, c, et, False)
        bc = self.values(scope, lambda v: v.kind in ("mat", "scalar") and v.et == et
                         and self.bcast_ok([c, a, v]))
        b = self.pick(bc) if bc and self.rng.random() < 0.8 else self.scalar_const(scope, et, 0)
        exact = a.exact and b.exact
        ops = [c, a, b]
        if all(v.kind != "mat" for v in ops):
            out = self.new_val(scope, "scalar", et, exact=exact)
        else:
            tr, r, tc, cc = self.bcast_result(ops)
            out = self.new_val(scope, "mat", et, self.loosen(tr, r), self.loosen(tc, cc), r, cc,
                               False, exact)
        self.emit(scope, f"{out.name} = la.ifelse {c.name}, {a.name}, {b.name} : {c.ty()}, "
                         f"{a.ty()}, {b.ty()} -> {out.ty()}", exact)
        return True

    def op_agg(self, scope):
        R = self.rng
        op = R.choice(AGGS)
        axis = R.choice(["all", "row", "col"])
        cands = self.values(scope, lambda v: v.kind == "mat" and
                            (v.et in FLOAT or op not in ("mean", "var")) and
                            (v.exact or op != "nnz"))
        if not cands:
            return False
        a = self.pick(cands)
        et = "i64" if op == "nnz" else a.et
        exact = a.exact and (a.et in INT or op in ("min", "max", "nnz"))
        if axis == "all":
            out = self.new_val(scope, "scalar", et, exact=exact)
        elif axis == "row":
            out = self.new_val(scope, "mat", et, self.loosen(a.tr, a.r), 1, a.r, 1, False, exact)
        else:
            out = self.new_val(scope, "mat", et, 1, self.loosen(a.tc, a.c), 1, a.c, False, exact)
        ax = "" if axis == "all" and R.random() < 0.7 else axis + " "
        self.emit(scope, f"{out.name} = la.{op} {ax}{a.name} : {a.ty()} -> {out.ty()}", exact)
        return True

    def op_matmul(self, scope):
        et = self.pick_et(scope)
        lhs = self.values(scope, lambda v: v.is_mat(et))
        if not lhs:
            return False
        a = self.pick(lhs)
        rhs = self.values(scope, lambda v: v.is_mat(et) and v.r == a.c and v.c <= 40)
        b = self.pick(rhs) if rhs and self.rng.random() < 0.85 else \
            self.make_matrix(scope, a.c, self.rng.choice(self.dims), et, dense=False)
        exact = a.exact and b.exact and et in INT
        out = self.new_val(scope, "mat", et, self.loosen(a.tr, a.r), self.loosen(b.tc, b.c), a.r,
                           b.c, self.rng.random() < 0.08, exact)
        self.emit(scope, f"{out.name} = la.matmul {a.name}, {b.name} : {a.ty()}, {b.ty()} -> "
                         f"{out.ty()}", exact)
        return True

    def op_rowchain(self, scope):
        """A pattern of la-fuse's row template over a float matrix A:
        t(A) %*% (s * (A %*% v)), or colAgg(A / rowAgg(A))."""
        R = self.rng
        cands = self.values(scope, lambda v: v.kind == "mat" and v.et in FLOAT and
                            v.tr != 1 and v.tc != 1)
        if not cands:
            return False
        a = self.pick(cands)
        et = a.et
        if R.random() < 0.5:
            v = self.make_matrix(scope, a.c, 1, et)
            p = self.new_val(scope, "mat", et, self.loosen(a.tr, a.r), v.tc, a.r, 1, False, False)
            self.emit(scope, f"{p.name} = la.matmul {a.name}, {v.name} : {a.ty()}, {v.ty()} -> "
                             f"{p.ty()}", False)
            s = self.scalar_const(scope, et, R.choice([0.5, -2.0, 1.0]))
            q = self.new_val(scope, "mat", et, p.tr, p.tc, a.r, 1, False, False)
            self.emit(scope, f"{q.name} = la.mul {p.name}, {s.name} : {p.ty()}, {et} -> {q.ty()}",
                      False)
            t = self.new_val(scope, "mat", et, a.tc, a.tr, a.c, a.r, a.csr, a.exact)
            self.emit(scope, f"{t.name} = la.transpose {a.name} : {a.ty()} -> {t.ty()}", a.exact)
            out = self.new_val(scope, "mat", et, self.loosen(a.tc, a.c), q.tc, a.c, 1, False,
                               False)
            self.emit(scope, f"{out.name} = la.matmul {t.name}, {q.name} : {t.ty()}, {q.ty()} -> "
                             f"{out.ty()}", False)
            return True
        agg = R.choice(["sum", "max", "mean"])
        s = self.new_val(scope, "mat", et, self.loosen(a.tr, a.r), 1, a.r, 1, False, False)
        self.emit(scope, f"{s.name} = la.{R.choice(['sum', 'max'])} row {a.name} : {a.ty()} -> "
                         f"{s.ty()}", False)
        d = self.new_val(scope, "mat", et, a.tr, a.tc, a.r, a.c, False, False)
        self.emit(scope, f"{d.name} = la.div {a.name}, {s.name} : {a.ty()}, {s.ty()} -> {d.ty()}",
                  False)
        out = self.new_val(scope, "mat", et, 1, self.loosen(a.tc, a.c), 1, a.c, False, False)
        self.emit(scope, f"{out.name} = la.{agg} col {d.name} : {d.ty()} -> {out.ty()}", False)
        return True

    def unary_struct(self, scope, pred=lambda v: True):
        cands = self.values(scope, lambda v: v.kind == "mat" and pred(v))
        return self.pick(cands) if cands else None

    def op_transpose(self, scope):
        a = self.unary_struct(scope)
        if not a:
            return False
        out = self.new_val(scope, "mat", a.et, self.loosen(a.tc, a.c), self.loosen(a.tr, a.r),
                           a.c, a.r, a.csr, a.exact)
        self.emit(scope, f"{out.name} = la.transpose {a.name} : {a.ty()} -> {out.ty()}", a.exact)
        return True

    def op_rev(self, scope):
        a = self.unary_struct(scope)
        if not a:
            return False
        out = self.new_val(scope, "mat", a.et, self.loosen(a.tr, a.r), self.loosen(a.tc, a.c),
                           a.r, a.c, a.csr, a.exact)
        self.emit(scope, f"{out.name} = la.rev {a.name} : {a.ty()} -> {out.ty()}", a.exact)
        return True

    def op_reshape(self, scope):
        a = self.unary_struct(scope)
        if not a:
            return False
        n = a.r * a.c
        shapes = [(d, n // d) for d in range(1, n + 1) if n % d == 0] if n else \
            [(0, self.rng.choice(self.dims)), (self.rng.choice(self.dims), 0)]
        r, c = self.rng.choice(shapes)
        tr, tc = self.dim_type(r), self.dim_type(c)
        csr = a.csr and self.rng.random() < 0.5
        sizes = [self.idx(scope, x) for x, t in ((r, tr), (c, tc)) if t is None]
        out = self.new_val(scope, "mat", a.et, tr, tc, r, c, csr, a.exact)
        ops = ", ".join([a.name] + [s.name for s in sizes])
        tys = ", ".join([a.ty()] + ["index"] * len(sizes))
        self.emit(scope, f"{out.name} = la.reshape {ops} : {tys} -> {out.ty()}", a.exact)
        return True

    def op_bind(self, scope):
        cb = self.rng.random() < 0.5
        a = self.unary_struct(scope)
        if not a:
            return False
        keep = "r" if cb else "c"
        others = self.values(scope, lambda v: v.is_mat(a.et) and getattr(v, keep) == getattr(a, keep))
        k = self.rng.choice([1, 1, 2])
        ops = [a] + [self.pick(others) for _ in range(k)]
        # static types: merge the kept dim, sum the grown dim
        tkeep = next((getattr(v, "t" + keep) for v in ops if getattr(v, "t" + keep) is not None),
                     None)
        grow = "c" if cb else "r"
        tg = [getattr(v, "t" + grow) for v in ops]
        tgrow = None if any(t is None for t in tg) else sum(tg)
        rgrow = sum(getattr(v, grow) for v in ops)
        csr = all(v.csr == ops[0].csr for v in ops) and ops[0].csr
        exact = all(v.exact for v in ops)
        if cb:
            out = self.new_val(scope, "mat", a.et, self.loosen(tkeep, a.r), self.loosen(tgrow, 0),
                               a.r, rgrow, csr, exact)
        else:
            out = self.new_val(scope, "mat", a.et, self.loosen(tgrow, 0), self.loosen(tkeep, a.c),
                               rgrow, a.c, csr, exact)
        name = "cbind" if cb else "rbind"
        self.emit(scope, f"{out.name} = la.{name} {', '.join(v.name for v in ops)} : "
                         f"{', '.join(v.ty() for v in ops)} -> {out.ty()}", exact)
        return True

    def bound(self, scope, n, full, typed):
        """An index value equal to n: a constant, or tensor.dim / a parameter."""
        R = self.rng
        if n == full and typed is None and R.random() < 0.3:
            return "dim", None
        if scope is self.main and R.random() < 0.12 and len(self.params) < 14:
            return "param", self.new_param("index", "index", value=n)
        return "const", self.idx(scope, n)

    def op_slice(self, scope, bad=False):
        a = self.unary_struct(scope, lambda v: not v.csr or self.rng.random() < 0.5)
        if not a:
            return False
        R = self.rng
        rb = R.randint(0, a.r)
        re_ = R.randint(rb, a.r)
        cb = R.randint(0, a.c)
        ce = R.randint(cb, a.c)
        if bad:
            re_ = a.r + 1
        vals, static = [], []
        for n, full, typed, d in ((rb, a.r, a.tr, 0), (re_, a.r, a.tr, 0), (cb, a.c, a.tc, 1),
                                  (ce, a.c, a.tc, 1)):
            if bad and n == a.r + 1 and d == 0 and n == re_:
                p = self.new_param("index", "index", value=n)
                vals.append(p.name)
                static.append(False)
                continue
            kind, v = self.bound(scope, n, full, typed)
            if kind == "dim":
                dname = scope.fresh()
                self.emit(scope, f"{dname} = tensor.dim {a.name}, {self.idx(scope, d).name} : "
                                 f"{a.ty()}")
                vals.append(dname)
                static.append(False)
            else:
                vals.append(v.name)
                static.append(kind == "const")
        tr = (re_ - rb) if static[0] and static[1] else None
        tc = (ce - cb) if static[2] and static[3] else None
        out = self.new_val(scope, "mat", a.et, self.loosen(tr, re_ - rb), self.loosen(tc, ce - cb),
                           re_ - rb, ce - cb, a.csr, a.exact)
        self.emit(scope, f"{out.name} = la.slice {a.name}, {', '.join(vals)} : {a.ty()}, "
                         f"index, index, index, index -> {out.ty()}", a.exact)
        if bad:
            self.forced_returns.append(out)
        return True

    def op_insert(self, scope):
        d = self.unary_struct(scope, lambda v: v.r > 0 and v.c > 0)
        if not d:
            return False
        srcs = self.values(scope, lambda v: v.is_mat(d.et) and v.r <= d.r and v.c <= d.c
                           and (v.tr is None or d.tr is None or v.tr <= d.tr)
                           and (v.tc is None or d.tc is None or v.tc <= d.tc))
        if srcs and self.rng.random() < 0.8:
            s = self.pick(srcs)
        else:
            s = self.make_matrix(scope, self.rng.randint(0, d.r), self.rng.randint(0, d.c), d.et)
            if (s.tr is not None and d.tr is not None and s.tr > d.tr) or \
               (s.tc is not None and d.tc is not None and s.tc > d.tc):
                return False
        ro, co = self.rng.randint(0, d.r - s.r), self.rng.randint(0, d.c - s.c)
        _, rv = self.bound(scope, ro, -1, 0)
        _, cv = self.bound(scope, co, -1, 0)
        exact = s.exact and d.exact
        out = self.new_val(scope, "mat", d.et, d.tr, d.tc, d.r, d.c, d.csr, exact)
        self.emit(scope, f"{out.name} = la.insert {s.name}, {d.name}, {rv.name}, {cv.name} : "
                         f"{s.ty()}, {d.ty()}, index, index -> {out.ty()}", exact)
        return True

    def op_diag(self, scope):
        a = self.unary_struct(scope, lambda v: v.tc == 1 or (v.r == v.c and (
            v.tr is None or v.tc is None or v.tr == v.tc)))
        if not a:
            return False
        if a.tc == 1:  # vector -> diagonal matrix, keeps the encoding
            out = self.new_val(scope, "mat", a.et, a.tr, a.tr, a.r, a.r, a.csr, a.exact)
        else:
            t = a.tr if a.tr is not None else a.tc
            out = self.new_val(scope, "mat", a.et, t, 1, a.r, 1, False, a.exact)
        self.emit(scope, f"{out.name} = la.diag {a.name} : {a.ty()} -> {out.ty()}", a.exact)
        return True

    def op_solve(self, scope, bad=False):
        if scope is not self.main:
            return False
        fl = [v for v in self.values(scope, lambda v: v.kind == "mat" and v.et in FLOAT)]
        et = self.pick(fl).et if fl else ("f64" if self.et not in FLOAT else self.et)
        n = self.rng.choice([d for d in self.dims if d <= 16] or [3])
        if bad:
            n = max(n, 1)
            A = np.zeros((n, n), NP[et])
        else:
            A = self.nprng.uniform(-1, 1, (n, n)) + (n + 1) * np.eye(n)
        a = self.new_param("mat", et, n, n, value=np.ascontiguousarray(A.astype(NP[et])))
        if self.rng.random() < 0.3 and not bad:
            t = self.new_val(scope, "mat", et, a.tc, a.tr, n, n, False, True)
            self.emit(scope, f"{t.name} = la.transpose {a.name} : {a.ty()} -> {t.ty()}")
            a = t
        bs = self.values(scope, lambda v: v.is_mat(et) and v.r == n and not v.csr)
        b = self.pick(bs) if bs and self.rng.random() < 0.7 else \
            self.new_param("mat", et, n, self.rng.choice([1, 1, 2, 3]))
        out = self.new_val(scope, "mat", et, a.tr if a.tr is not None else a.tc, b.tc, n, b.c,
                           False, False)
        self.emit(scope, f"{out.name} = la.solve {a.name}, {b.name} : {a.ty()}, {b.ty()} -> "
                         f"{out.ty()}", False)
        if bad:
            self.forced_returns.append(out)
        return True

    def op_cast(self, scope):
        R = self.rng
        a = self.pick(self.values(scope, lambda v: v.kind in ("mat", "scalar")))
        if not a:
            return False
        mode = R.random()
        if a.kind == "mat" and a.r == 1 and a.c == 1 and mode < 0.3:
            out = self.new_val(scope, "scalar", a.et, exact=a.exact)
        elif a.kind == "scalar" and mode < 0.3:
            out = self.new_val(scope, "mat", a.et, 1, 1, 1, 1, False, a.exact)
        else:
            ets = [e for e in FLOAT + INT if e != a.et]
            if a.et in FLOAT and not a.exact:
                ets = [e for e in ets if e in FLOAT]
            et = R.choice(ets)
            if a.kind == "mat":
                out = self.new_val(scope, "mat", et, a.tr, a.tc, a.r, a.c, a.csr, a.exact)
            else:
                out = self.new_val(scope, "scalar", et, exact=a.exact)
        self.emit(scope, f"{out.name} = la.cast {a.name} : {a.ty()} -> {out.ty()}", out.exact)
        return True

    def op_convert(self, scope):
        a = self.unary_struct(scope, lambda v: v.r > 0 and v.c > 0 or v.csr)
        if not a:
            return False
        out = self.new_val(scope, "mat", a.et, a.tr, a.tc, a.r, a.c, not a.csr, a.exact)
        self.emit(scope, f"{out.name} = la.convert {a.name} : {a.ty()} -> {out.ty()}", a.exact)
        return True

    def op_fill(self, scope):
        et = self.pick_et(scope)
        sc = self.values(scope, lambda v: v.kind == "scalar" and v.et == et)
        s = self.pick(sc) if sc and self.rng.random() < 0.7 else \
            self.scalar_const(scope, et, self.rng.choice([0, 1, -2, 3]))
        r, c = self.rng.choice(self.dims), self.rng.choice(self.dims)
        tr, tc = self.dim_type(r), self.dim_type(c)
        sizes = [self.idx(scope, x).name for x, t in ((r, tr), (c, tc)) if t is None]
        out = self.new_val(scope, "mat", et, tr, tc, r, c, False, s.exact)
        self.emit(scope, f"{out.name} = la.fill {', '.join([s.name] + sizes)} : "
                         f"{', '.join([et] + ['index'] * len(sizes))} -> {out.ty()}", s.exact)
        return True

    def op_seq(self, scope, bad=False):
        R = self.rng
        et = self.pick_et(scope)
        if bad:
            et = "f64"
        frm = R.choice([0, 1, -3, 2.5 if et in FLOAT else 2])
        inc = R.choice([1, 2, -1, 0.5 if et in FLOAT else 3, -2])
        n = R.randint(1, 8)
        to = frm + inc * (n - 1) + (inc * 0.25 if et in FLOAT and R.random() < 0.3 else 0)
        cnt = int(math.floor((to - frm) / inc)) + 1
        names = []
        use_params = scope is self.main and (bad or R.random() < 0.2)
        for k, v in enumerate((frm, to, inc)):
            if bad and k == 2:
                v = 0
            if use_params:
                names.append(self.new_param("scalar", et, value=v).name)
            else:
                names.append(self.scalar_const(scope, et, float(v) if et in FLOAT else int(v)).name)
        tr = None if use_params or R.random() < 0.3 else cnt
        out = self.new_val(scope, "mat", et, tr, 1, cnt, 1, False, True)
        self.emit(scope, f"{out.name} = la.seq {', '.join(names)} : {et}, {et}, {et} -> "
                         f"{out.ty()}")
        if bad:
            self.forced_returns.append(out)
        return True

    def op_rand(self, scope):
        R = self.rng
        et = self.pick_et(scope)
        if et not in FLOAT:
            et = "f64"
        r, c = R.choice(self.dims), R.choice(self.dims)
        tr, tc = self.dim_type(r), self.dim_type(c)
        sizes = [self.idx(scope, x).name for x, t in ((r, tr), (c, tc)) if t is None]
        dist = R.choice(["uniform", "uniform", "normal", "poisson"])
        attrs = [f"seed = {R.randint(-100, 10 ** 6)} : i64"]
        if dist == "uniform":
            lo = R.choice([-1.0, 0.0, 2.0])
            attrs += [f"min = {lo} : f64", f"max = {lo + R.choice([1.0, 3.0])} : f64"]
        elif dist == "normal":
            attrs.append("distribution = #la.distribution<normal>")
        else:
            attrs += ["distribution = #la.distribution<poisson>",
                      f"lambda = {R.choice([0.5, 3.0])} : f64"]
        if R.random() < 0.4:
            attrs.append(f"sparsity = {R.choice([0.0, 0.1, 0.5])} : f64")
        exact = dist != "normal"
        out = self.new_val(scope, "mat", et, tr, tc, r, c, False, exact)
        ops = (" " + ", ".join(sizes)) if sizes else ""
        tys = (" : " + ", ".join(["index"] * len(sizes))) if sizes else ""
        self.emit(scope, f"{out.name} = la.rand{ops} {{{', '.join(attrs)}}}{tys} -> {out.ty()}",
                  exact)
        return True

    # ------------------------------------------------------ control flow
    def op_loop(self, scope):
        if scope is not self.main:
            return False
        R = self.rng
        init = self.pick(self.values(scope, lambda v: v.kind == "mat" and
                                     (not v.csr or self.rng.random() < 0.3)))
        if not init:
            return False
        T = init.ty()
        trips = R.choice([0, 1, 2, 3, 4])
        lb, ub, st = self.idx(scope, 0), self.idx(scope, trips), self.idx(scope, 1)
        loopv = scope.fresh()
        n = scope.counter[0]
        iv, acc = f"%i{n}", f"%acc{n}"
        header = (f"{loopv} = scf.for {iv} = {lb.name} to {ub.name} step {st.name} "
                  f"iter_args({acc} = {init.name}) -> ({T}) {{")
        body = Scope(self, "w", scope, scope.indent + "  ")
        fexact = init.et in INT
        cur = Val(acc, "mat", init.et, init.tr, init.tc, init.r, init.c, init.csr, fexact)
        body.pool.append(cur)
        if R.random() < 0.5:  # use the induction variable
            ii = body.fresh()
            it = init.et if init.et in INT else "i64"
            self.emit(body, f"{ii} = arith.index_cast {iv} : index to {it}")
            sv = Val(ii, "scalar", it)
            if init.et in FLOAT:
                f = body.fresh()
                self.emit(body, f"{f} = arith.sitofp {ii} : i64 to {init.et}")
                sv = Val(f, "scalar", init.et)
            body.pool.append(sv)
        ok = True
        for _ in range(R.randint(1, 4)):
            op = R.choice(["add", "sub", "mul", "minimum", "maximum", "un"])
            if op == "un":
                u = R.choice(["neg", "abs"] + (["tanh", "sin", "sigmoid"] if init.et in FLOAT
                                               else []))
                nv = Val(body.fresh(), "mat", init.et, init.tr, init.tc, init.r, init.c, init.csr,
                         cur.exact and u in ("neg", "abs"))
                self.emit(body, f"{nv.name} = la.{u} {cur.name} : {cur.ty()} -> {nv.ty()}",
                          nv.exact)
            else:
                def fits(v):
                    return (v.et == init.et and v.kind in ("mat", "scalar") and v is not cur and
                            (v.kind == "scalar" or ((v.tr == 1 or v.r == init.r) and
                                                    (v.tc == 1 or v.c == init.c))))
                others = [v for v in body.all_values() if fits(v)]
                if not others:
                    continue
                o = self.pick(others)
                a, b = (cur, o) if R.random() < 0.6 else (o, cur)
                nv = Val(body.fresh(), "mat", init.et, init.tr, init.tc, init.r, init.c, init.csr,
                         a.exact and b.exact)
                self.emit(body, f"{nv.name} = la.{op} {a.name}, {b.name} : {a.ty()}, {b.ty()} -> "
                                f"{nv.ty()}", nv.exact)
            body.pool.append(nv)
            cur = nv
        self.emit(body, f"scf.yield {cur.name} : {T}")
        exact = cur.exact if init.et in INT else False
        scope.lines.append(scope.indent + header + ("" if exact else "  // inexact"))
        scope.lines.extend(body.lines)
        scope.lines.append(scope.indent + "}")
        out = Val(loopv, "mat", init.et, init.tr, init.tc, init.r, init.c, init.csr,
                  exact and init.exact)
        scope.pool.append(out)
        return ok

    def op_call(self, scope):
        if scope is not self.main or self.helper_text is not None:
            return False
        R = self.rng
        cands = self.values(scope, lambda v: v.kind in ("mat", "scalar"))
        if not cands:
            return False
        k = R.randint(1, min(3, len(cands)))
        args = []
        for _ in range(k):
            v = self.pick(cands)
            if v not in args:
                args.append(v)
        h = Scope(self, "h")
        params = []
        for j, v in enumerate(args):
            p = dataclasses.replace(v, name=f"%p{j}", uses=0)
            params.append(p)
            h.pool.append(p)
        saved = self.main
        for _ in range(R.randint(1, 6)):
            self.random_op(h)
        self.main = saved
        produced = [v for v in h.pool if v.kind in ("mat", "scalar")]
        rets = [produced[-1]]
        if len(produced) > 1 and R.random() < 0.4:
            o = R.choice(produced[:-1])
            rets.append(o)
        rty = ", ".join(v.ty() for v in rets)
        sig = ", ".join(f"{p.name}: {p.ty()}" for p in params)
        self.helper_text = (f"func.func @helper({sig}) -> ({rty}) {{\n" + "\n".join(h.lines) +
                            f"\n  return {', '.join(v.name for v in rets)} : {rty}\n}}\n")
        outs = [dataclasses.replace(v, name=scope.fresh(), uses=0) for v in rets]
        lhs = outs[0].name if len(outs) == 1 else f"{outs[0].name}:{len(outs)}"
        if len(outs) > 1:
            base = outs[0].name
            for j, o in enumerate(outs):
                o.name = f"{base}#{j}"
        exact = all(o.exact for o in outs)
        self.emit(scope, f"{lhs} = func.call @helper({', '.join(v.name for v in args)}) : "
                         f"({', '.join(v.ty() for v in args)}) -> ({rty})", exact)
        for o in outs:
            scope.pool.append(o)
        return True

    # ------------------------------------------------------------- driver
    OPS = [("binary", 10), ("unary", 6), ("ifelse", 2), ("agg", 5), ("matmul", 3),
           ("transpose", 2), ("reshape", 2), ("bind", 2), ("slice", 2), ("insert", 2),
           ("diag", 1.5), ("rev", 1), ("solve", 1), ("cast", 2), ("convert", 2), ("fill", 1),
           ("seq", 1), ("rand", 1), ("loop", 1), ("call", 1), ("rowchain", 1)]

    def random_op(self, scope):
        names, weights = zip(*self.OPS)
        for _ in range(20):
            name = self.rng.choices(names, weights)[0]
            if getattr(self, "op_" + name)(scope):
                self.n_ops += 1
                return True
        return False

    def build(self):
        R = self.rng
        self.main = Scope(self, "v")
        for _ in range(R.randint(1, 4)):
            csr = R.random() < 0.3
            et = self.et if R.random() < 0.85 else R.choice(FLOAT + INT)
            r, c = R.choice(self.dims), R.choice(self.dims)
            if csr:
                r, c = max(r, 1), max(c, 1)
            self.new_param("mat", et, r, c, csr=csr)
        for _ in range(R.randint(0, 2)):
            self.new_param("scalar", self.et)
        target = R.randint(self.min_ops, self.max_ops) if R.random() < 0.5 else \
            R.randint(self.min_ops, 20)
        if R.random() < 0.04:
            self.expect_error = True
            bad = R.choice(["slice", "solve", "seq"])
            pos = R.randint(0, target - 1)
        else:
            bad, pos = None, -1
        k = 0
        while self.n_ops < target and k < 4 * self.max_ops:
            k += 1
            if self.n_ops == pos and bad:
                getattr(self, "op_" + bad)(self.main, bad=True)
                self.n_ops += 1
                continue
            self.random_op(self.main)
        # results: the forced ones, the last value and a few unused ones
        produced = [v for v in self.main.pool if v.kind in ("mat", "scalar") and
                    not v.name.startswith("%a")]
        if not produced:
            produced = [v for v in self.main.pool if v.kind in ("mat", "scalar")]
        text_body = "\n".join(self.main.lines)
        unused = [v for v in produced if "#" not in v.name and
                  len(re.findall(re.escape(v.name) + r"(?![\w#])", text_body)) == 1]
        rets = list(self.forced_returns)
        for v in [produced[-1]] + R.sample(unused, min(len(unused), R.randint(0, 3))):
            if v not in rets:
                rets.append(v)
        rty = ", ".join(v.ty() for v in rets)
        sig = ", ".join(f"{p.name}: {p.ty()}" for p in self.params)
        main = (f"func.func @main({sig}) -> ({rty}) {{\n" + text_body +
                f"\n  return {', '.join(v.name for v in rets)} : {rty}\n}}\n")
        text = CSR_ALIAS + "\n\n" + (self.helper_text + "\n" if self.helper_text else "") + main
        return Program(self.seed, text, dict(self.args), self.expect_error, self.n_ops)


def generate(seed, min_ops=5, max_ops=60, avoid=()):
    """The program of `seed` (same seed, same program and arguments).

    avoid: ids of known compiler bugs (known.py) whose trigger patterns the
    generator leaves out, so that they do not hide other differences."""
    return Generator(seed, min_ops, max_ops, avoid).build()


def self_test(count=300, start=0, opt=None, verbose=False, avoid=()):
    """Generates `count` programs and checks each with lauryn-opt (exit 0);
    returns the list of (seed, stderr) of rejected programs."""
    import pathlib
    import subprocess
    import tempfile
    from . import runner
    opt = opt or runner.build_dir() / "bin" / "lauryn-opt"
    bad = []
    with tempfile.TemporaryDirectory() as tmp:
        for seed in range(start, start + count):
            p = generate(seed, avoid=avoid)
            path = pathlib.Path(tmp) / f"s{seed}.mlir"
            path.write_text(p.text)
            proc = subprocess.run([str(opt), str(path)], capture_output=True, text=True)
            if proc.returncode != 0:
                bad.append((seed, proc.stderr))
                if verbose:
                    print(f"seed {seed}: {proc.stderr[:2000]}")
    return bad


if __name__ == "__main__":
    import sys
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    s = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    rejected = self_test(n, s, verbose=True)
    print(f"generator self-test: {n} programs, {len(rejected)} rejected by lauryn-opt")
