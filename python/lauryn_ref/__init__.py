"""Reference interpreter for Lauryn `la` programs (the oracle of the
differential tester).

    import lauryn_ref
    beta, rss = lauryn_ref.run("docs/examples/lmds.mlir",
                               args={"X": X, "y": y, "lambda": 0.5})

`program` is a path or MLIR text; `args` maps parameter names (%X -> "X")
or positions to NumPy arrays, SciPy sparse matrices or numbers. Results are
2-D NumPy arrays (SciPy CSR for sparse result types) and NumPy scalars.
Run-time errors that compiled code reports raise LaurynRefError.

The program is normalized by lauryn-opt (from $LAURYN_BUILD_DIR/bin,
default the checkout's build/) to MLIR's generic form and interpreted with NumPy
following the documented DML semantics of every la op; see the module
docstrings of ops_*.py for the per-op definitions.
"""

from .errors import LaurynRefError
from .program import Program

__all__ = ["LaurynRefError", "Program", "run", "load"]


def load(program, dynamic_broadcast=False, externals=None):
    """A Program to run several times (parsing happens once)."""
    return Program(program, dynamic_broadcast, externals)


def run(program, entry="main", args=None, dynamic_broadcast=False, externals=None):
    """Interprets @entry of `program` on `args`; returns the list of results.

    dynamic_broadcast: also broadcast dimensions whose run-time size is 1
    (DML's rule; by default only dimensions the types declare as 1 broadcast,
    which is the la type rule). externals: name -> fn(interp, name, args)
    for bodiless functions (printMemref* are recorded in Program.printed)."""
    prog = program if isinstance(program, Program) else \
        Program(program, dynamic_broadcast, externals)
    return prog.run(entry, args)
