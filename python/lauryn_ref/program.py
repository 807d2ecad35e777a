"""Loading a program: lauryn-opt normalizes it to the generic form (parsing
and verifying it with the real dialect definitions), parser.py reads that,
and the parameter names come from the source text at each entry block
argument's location (as lauryn-run names them: %X -> "X")."""

import functools
import os
import pathlib
import re
import subprocess
import tempfile

import numpy as np
import scipy.sparse

from .errors import LaurynRefError
from .interpreter import Interpreter
from .mlir_types import ScalarType, TensorType
from .numerics import finish
from .parser import parse_generic
from .values import conform, is_sparse

OPT_FLAGS = ("--mlir-print-op-generic", "--mlir-print-local-scope", "--mlir-print-debuginfo")


def build_dir():
    """$LAURYN_BUILD_DIR, else the checkout's build/ (this file is python/lauryn_ref/)."""
    return pathlib.Path(os.environ.get("LAURYN_BUILD_DIR") or
                        pathlib.Path(__file__).resolve().parents[2] / "build")


def lauryn_opt_path():
    return build_dir() / "bin" / "lauryn-opt"


@functools.lru_cache(maxsize=64)
def _normalize(text, name):
    """Generic form of `text` (cached: tests run the same program often)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = pathlib.Path(tmp) / name
        path.write_text(text)
        proc = subprocess.run([str(lauryn_opt_path()), str(path), *OPT_FLAGS],
                              capture_output=True, text=True)
        generic = proc.stdout.replace(str(path), name)
    if proc.returncode != 0:
        raise LaurynRefError("lauryn-opt rejected the program:\n"
                             + proc.stderr.replace(str(path), name))
    return generic


class Program:
    """A parsed la program; run(entry, args) interprets one function."""

    def __init__(self, source, dynamic_broadcast=False, externals=None):
        if isinstance(source, pathlib.Path) or ("\n" not in str(source)
                                                and os.path.exists(str(source))):
            path = pathlib.Path(source)
            self.text, self.name = path.read_text(), path.name
        elif "\n" not in str(source) and str(source).endswith(".mlir"):
            raise LaurynRefError(f"{source}: no such file")
        else:
            self.text, self.name = str(source), "input.mlir"
        self.module = parse_generic(_normalize(self.text, self.name))
        self.interp = Interpreter(self.module, dynamic_broadcast, externals)

    @property
    def printed(self):
        return self.interp.printed

    @property
    def nonfinite(self):
        """Whether the last run computed NaN or Inf in any op (an input's
        NaN or Inf passed on counts too)."""
        return self.interp.saw_nonfinite

    def param_names(self, entry="main"):
        """Source names of the parameters of @entry ("" where unknown)."""
        fn = self.interp.functions.get(entry)
        if fn is None or not fn.regions[0].blocks:
            self.interp.function_type(entry)  # raises a helpful error
            return []
        lines = self.text.splitlines()
        names = []
        for loc in fn.regions[0].blocks[0].arg_locs:
            name = ""
            m = re.match(r".*:(\d+):(\d+)$", loc or "")
            if m and int(m.group(1)) <= len(lines):
                line = lines[int(m.group(1)) - 1]
                n = re.match(r"%([\w$.\-]+)", line[int(m.group(2)) - 1:])
                name = n.group(1) if n else ""
            names.append(name)
        return names

    def signature(self, entry="main"):
        return self.interp.function_type(entry)

    def run(self, entry="main", args=None):
        params, results = self.signature(entry)
        names = self.param_names(entry)
        values = bind_arguments(entry, params, names, args)
        self.interp.saw_nonfinite = False
        out = self.interp.call(entry, values)
        return [_export(v, t) for v, t in zip(out, results)]


def bind_arguments(entry, params, names, args):
    """Arguments (dict by name or position, or a sequence) as values of the
    parameter types."""
    if args is None:
        args = {}
    if not isinstance(args, dict):
        args = dict(enumerate(args))
    values = [None] * len(params)
    for key, value in args.items():
        if isinstance(key, int):
            index = key
        elif key in names:
            index = names.index(key)
        else:
            raise LaurynRefError(f"@{entry} has no parameter '{key}'; its parameters are "
                                 + ", ".join(n or f"#{i}" for i, n in enumerate(names)))
        if not 0 <= index < len(params):
            raise LaurynRefError(f"@{entry} has no parameter #{index}")
        values[index] = import_value(value, params[index], names[index] or f"#{index}")
    for i, v in enumerate(values):
        if v is None:
            raise LaurynRefError(f"missing argument for parameter "
                                 f"{names[i] or '#' + str(i)} ({params[i]}) of @{entry}")
    return values


def import_value(value, typ, name):
    """A user value (array, SciPy matrix, number) as a value of type `typ`."""
    if isinstance(typ, TensorType):
        if is_sparse(value):
            m = value.tocsr().copy()
            m.sum_duplicates()
            data = np.asarray(finish(np.asarray(m.data), typ.elem.name), dtype=typ.dtype)
            m = scipy.sparse.csr_matrix((data, m.indices, m.indptr), shape=m.shape)
            value = m if typ.sparse else m.toarray()
        else:
            a = np.asarray(value)
            if a.ndim != 2:
                raise LaurynRefError(f"argument {name} must be a 2-D matrix, got shape {a.shape}")
            value = np.asarray(finish(a, typ.elem.name), dtype=typ.dtype)
        if typ.shape is not None and any(d is not None and d != n
                                         for d, n in zip(typ.shape, value.shape)):
            raise LaurynRefError(f"argument {name} has shape {value.shape[0]}x{value.shape[1]}, "
                                 f"which does not fit {typ}")
        return conform(value, typ)
    if isinstance(typ, ScalarType):
        if np.ndim(value) != 0:
            raise LaurynRefError(f"argument {name} must be a scalar ({typ})")
        if typ.name == "index":
            return int(value)
        return conform(np.asarray(value)[()], typ)
    return value


def _export(v, t):
    if isinstance(t, ScalarType) and t.name == "index":
        return np.int64(v)
    return v
