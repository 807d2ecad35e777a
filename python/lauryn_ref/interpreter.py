"""Execution of a parsed module: functions and calls, scf control flow, and
dispatch of every other op to the implementations in registry.HANDLERS.

Values are bound in one dictionary per function invocation: MLIR's printer
gives every value of a function (nested regions included) a distinct name, so
loop bodies simply rebind their names on each iteration.
"""

import numpy as np

from . import ops_aggregates, ops_elementwise, ops_generators, ops_solve, ops_std  # noqa: F401
from . import ops_structure  # noqa: F401  (registers its ops)
from .attributes import string_attr, symbol_attr
from .errors import LaurynRefError
from .mlir_types import ScalarType, TensorType, parse_type
from .parser import split_function_type
from .registry import HANDLERS
from .values import conform, dense, is_sparse, shape_matches

TERMINATORS = ("func.return", "scf.yield", "scf.condition")


class OpContext:
    """What an op implementation may use: failure reporting with the op's
    name and location, the broadcasting mode, and size operands."""

    def __init__(self, interp, op):
        self.interp, self.op = interp, op
        self.dynamic_broadcast = interp.dynamic_broadcast

    def fail(self, message):
        raise LaurynRefError(message, self.op.name, self.op.loc)

    def explicit_sizes(self, typ, dynamic):
        """Dims of an explicit result type: static ones, else the next index
        operand."""
        sizes, it = [], iter(dynamic)
        for d in typ.shape:
            n = int(next(it)) if d is None else d
            if n < 0:
                self.fail(f"negative size {n}")
            sizes.append(n)
        return tuple(sizes)


def print_memref(interp, name, args):
    interp.printed.append(np.array(dense(args[0]), copy=True))
    return []


DEFAULT_EXTERNALS = {
    "printMemrefF64": print_memref, "printMemrefF32": print_memref,
    "printMemrefI64": print_memref, "printMemrefI32": print_memref,
}


def _has_nonfinite(value):
    """True for a float scalar or matrix (dense or sparse) holding NaN or Inf."""
    if is_sparse(value):
        value = value.data
    elif not isinstance(value, (np.ndarray, np.floating, float)):
        return False
    data = np.asarray(value)
    return np.issubdtype(data.dtype, np.floating) and not np.all(np.isfinite(data))


class Interpreter:
    def __init__(self, module, dynamic_broadcast=False, externals=None):
        self.functions = {}
        for block in module.regions[0].blocks:
            for op in block.ops:
                if op.name == "func.func":
                    self.functions[string_attr(op.attr("sym_name"))] = op
        self.dynamic_broadcast = dynamic_broadcast
        self.externals = dict(DEFAULT_EXTERNALS, **(externals or {}))
        self.printed = []  # values passed to printMemref* externals
        # Whether an op computed NaN or Inf (log(0), x / 0, ...): where such a
        # value meets an implicit zero, the formats decide the result.
        self.saw_nonfinite = False

    def function_type(self, name):
        fn = self.functions.get(name)
        if fn is None:
            raise LaurynRefError(f"no function @{name} in the module; it defines "
                                 + ", ".join("@" + f for f in self.functions))
        ins, outs = split_function_type(fn.attr("function_type"))
        return [parse_type(t) for t in ins], [parse_type(t) for t in outs]

    # -- calls ---------------------------------------------------------------

    def call(self, name, args, loc=None):
        fn = self.functions.get(name)
        if fn is None or not fn.regions or not fn.regions[0].blocks:
            impl = self.externals.get(name)
            if impl is None:
                raise LaurynRefError(f"call to @{name}, which has no body and no "
                                     "external implementation", "func.call", loc)
            return impl(self, name, args)
        block = fn.regions[0].blocks[0]
        env = {}
        for pname, ptype, value in zip(block.arg_names, block.arg_types, args):
            env[pname] = self._fit(value, ptype, "func.func", fn.loc, f"argument {pname}")
        _, results = self.run_block(block, env)
        _, rtypes = self.function_type(name)
        return [self._fit(v, t, "func.return", fn.loc, "result") for v, t in zip(results, rtypes)]

    # -- regions -------------------------------------------------------------

    def run_block(self, block, env):
        """Runs the ops of `block`; returns (terminator name, its operands)."""
        for op in block.ops:
            if op.name in TERMINATORS:
                return op.name, [env[v] for v in op.operands]
            self.execute(op, env)
        return None, []

    def run_region(self, region, env, args=()):
        block = region.blocks[0]
        for name, value in zip(block.arg_names, args):
            env[name] = value
        return self.run_block(block, env)

    # -- ops -----------------------------------------------------------------

    def execute(self, op, env):
        try:
            args = [env[v] for v in op.operands]
        except KeyError as e:
            raise LaurynRefError(f"use of undefined value {e.args[0]}", op.name, op.loc)
        control = CONTROL.get(op.name)
        if control is not None:
            results = control(self, op, args, env)
        else:
            impl = HANDLERS.get(op.name)
            if impl is None:
                raise LaurynRefError("operation not supported by the reference interpreter",
                                     op.name, op.loc)
            with np.errstate(all="ignore"):
                results = impl(OpContext(self, op), op, args)
        for name, typ, value in zip(op.results, op.result_types, results):
            env[name] = self._fit(value, typ, op.name, op.loc, "result")
            if not self.saw_nonfinite and _has_nonfinite(env[name]):
                self.saw_nonfinite = True

    def _fit(self, value, typ, opname, loc, what):
        """The value conformed to `typ`; static dims are checked (the compiled
        code's tensor.cast would assume them)."""
        if isinstance(typ, TensorType):
            if not shape_matches(value, typ):
                shape = "x".join(str(n) for n in getattr(value, "shape", ()))
                raise LaurynRefError(f"{what} has shape {shape}, which does not fit its "
                                     f"type {typ}", opname, loc)
            return conform(value, typ)
        if isinstance(typ, ScalarType):
            return conform(value, typ)
        return value


# ---------------------------------------------------------------------------
# Control flow: func.call and scf.
# ---------------------------------------------------------------------------

def _call(interp, op, args, env):
    return interp.call(symbol_attr(op.attr("callee")), args, op.loc)


def _for(interp, op, args, env):
    lb, ub, step = (int(a) for a in args[:3])
    if step <= 0:
        raise LaurynRefError("scf.for step must be positive", op.name, op.loc)
    carried = list(args[3:])
    ivtype = op.operand_types[0]
    for iv in range(lb, ub, step):
        ivv = iv if ivtype == ScalarType("index") else conform(iv, ivtype)
        _, carried = interp.run_region(op.regions[0], env, [ivv] + carried)
    return carried


def _if(interp, op, args, env):
    region = op.regions[0] if bool(args[0]) else op.regions[1]
    if not region.blocks:
        return []
    _, results = interp.run_region(region, env)
    return results


def _while(interp, op, args, env):
    values = list(args)
    while True:
        _, cond = interp.run_region(op.regions[0], env, values)
        if not bool(cond[0]):
            return cond[1:]
        _, values = interp.run_region(op.regions[1], env, cond[1:])


def _execute_region(interp, op, args, env):
    _, results = interp.run_region(op.regions[0], env)
    return results


CONTROL = {
    "func.call": _call,
    "scf.for": _for,
    "scf.if": _if,
    "scf.while": _while,
    "scf.execute_region": _execute_region,
}
