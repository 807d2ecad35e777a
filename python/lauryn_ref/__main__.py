"""Command line: interpret an la program and print its results the way
lauryn-run does.

    /usr/bin/python3 -m lauryn_ref prog.mlir --entry main --arg X=X.mtx --arg n=3 \\
        [-o out0.npy,out1.mtx] [--print-limit 100] [--dynamic-broadcast]

Matrix results print as 'result #k: RxC f64' (plus ' CSR with N non-zeros'
for CSR result types) followed by rows '  [a, b]' (%.10g), or are written to
the -o files in order; scalars print as 'result #k: v' (%.17g for floats).
bf16 and i8 results are shown as f32 and i32, as they cross lauryn-run's
entry boundary.
"""

import argparse
import sys

import numpy as np

from .errors import LaurynRefError
from .fileio import boundary_dtype, parse_arg_value, write_matrix
from .mlir_types import TensorType
from .program import Program
from .values import is_sparse


def describe(value, typ):
    rows, cols = value.shape
    s = f"{rows}x{cols} {boundary_dtype(typ.elem.name)}"
    if typ.sparse:
        s += f" CSR with {value.nnz} non-zeros"
    return s


def format_result(k, value, typ, out_file=None, print_limit=100):
    if not isinstance(typ, TensorType):
        if typ.name in ("f64", "f32", "bf16", "f16"):
            return f"result #{k}: {'%.17g' % float(value)}"
        return f"result #{k}: {int(value)}"
    head = f"result #{k}: {describe(value, typ)}"
    if out_file:
        write_matrix(out_file, value, typ.elem.name)
        return f"{head} written to {out_file}"
    rows, cols = value.shape
    if rows * cols > print_limit:
        return f"{head} (not printed: more than {print_limit} cells; use -o FILE)"
    cells = value.toarray() if is_sparse(value) else value
    lines = [head] + ["  [" + ", ".join("%.10g" % float(x) for x in row) + "]"
                      for row in np.asarray(cells)]
    return "\n".join(lines)


def main(argv=None):
    ap = argparse.ArgumentParser(prog="python3 -m lauryn_ref",
                                 description="Reference interpreter of la programs")
    ap.add_argument("program")
    ap.add_argument("--entry", default="main")
    ap.add_argument("--arg", action="append", default=[], metavar="NAME=VALUE",
                    help="a file (.mtx .mm .csv .tsv .npy), a number, "
                         "rand:ROWSxCOLS[:density[:seed]] or fill:ROWSxCOLS:VALUE")
    ap.add_argument("-o", dest="outputs", default="",
                    help="files for the matrix results, comma-separated, in result order")
    ap.add_argument("--print-limit", type=int, default=100)
    ap.add_argument("--dynamic-broadcast", action="store_true",
                    help="broadcast dimensions whose run-time size is 1 (DML rule)")
    opts = ap.parse_args(argv)
    try:
        prog = Program(opts.program, opts.dynamic_broadcast)
        args = {}
        for spec in opts.arg:
            if "=" not in spec:
                raise LaurynRefError(f"--arg '{spec}' must be NAME=VALUE")
            name, text = spec.split("=", 1)
            if name in args:
                raise LaurynRefError(f"parameter '{name}' is given twice")
            args[name] = parse_arg_value(text)
        results = prog.run(opts.entry, args)
        _, types = prog.signature(opts.entry)
        outputs = [f for f in opts.outputs.split(",") if f]
        n_matrices = sum(isinstance(t, TensorType) for t in types)
        if len(outputs) > n_matrices:
            raise LaurynRefError(f"-o names {len(outputs)} files but @{opts.entry} returns "
                                 f"{n_matrices} matrices")
        it = iter(outputs)
        for k, (value, typ) in enumerate(zip(results, types)):
            out = next(it, None) if isinstance(typ, TensorType) else None
            print(format_result(k, value, typ, out, opts.print_limit))
    except LaurynRefError as e:
        print(f"lauryn_ref: error: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
