"""Differential tester of Lauryn (issue 4): a seeded generator of well-typed
la programs (generator.py), a runner comparing lauryn-run --no-optimize,
lauryn-run (1 and 2 threads) and the reference interpreter lauryn_ref
(runner.py), delta reduction of mismatches (reduce.py) and a CLI
(`python3 -m lauryn_difftest --count N --seed S [--out DIR]`)."""

from .generator import Program, generate  # noqa: F401
