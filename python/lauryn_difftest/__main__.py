"""CLI of the differential tester.

    /usr/bin/python3 -m lauryn_difftest --count N --seed S [--out DIR] [--jobs 1]

Generates programs for seeds S .. S+N-1, runs each through lauryn-run
(--no-optimize, default pipeline with 1 and 2 threads, with --select-formats) and the reference
interpreter, compares (runner.py), reduces every mismatch (reduce.py) and
writes the reproducers to DIR/seed<K>/. Prints one line per mismatch and the
summary `difftest: N programs, M mismatches, K generator rejects`.

By default the generator avoids the trigger patterns of the known bugs
(known.py); --include-known generates them too (their mismatches are then
recognised and listed as known, and not reduced unless --reduce-known).
Binaries come from $LAURYN_BUILD_DIR (default: the checkout's build/).
"""

import argparse
import concurrent.futures
import pathlib
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))

from lauryn_difftest import generator, known, reduce, runner  # noqa: E402


def run_seed(seed, avoid, variants):
    p = generator.generate(seed, avoid=avoid)
    rep = runner.check(p.text, p.args, variants=variants)
    return seed, rep.status, rep.mismatches, p.n_ops


def describe(mismatches):
    return "\n".join(f"[{v}] {k}: {d}" for v, k, d in mismatches)


def main(argv=None):
    ap = argparse.ArgumentParser(prog="python3 -m lauryn_difftest")
    ap.add_argument("--count", type=int, default=100)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", default=None, help="directory for reduced reproducers")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--include-known", action="store_true",
                    help="also generate the trigger patterns of known bugs")
    ap.add_argument("--reduce-known", action="store_true")
    ap.add_argument("--no-reduce", action="store_true")
    ap.add_argument("--reduce-checks", type=int, default=300,
                    help="at most this many runs per reduction")
    ap.add_argument("--variants", default=",".join(runner.DEFAULT_VARIANTS))
    a = ap.parse_args(argv)
    avoid = () if a.include_known else known.KNOWN_IDS
    variants = tuple(a.variants.split(","))
    out = pathlib.Path(a.out) if a.out else None
    seeds = range(a.seed, a.seed + a.count)
    results = []
    t0 = time.time()
    if a.jobs > 1:
        with concurrent.futures.ProcessPoolExecutor(a.jobs) as ex:
            results = list(ex.map(run_seed, seeds, [avoid] * a.count, [variants] * a.count,
                                  chunksize=1))
    else:
        results = [run_seed(s, avoid, variants) for s in seeds]
    rejects = [r for r in results if r[1] == "reject"]
    bad = [r for r in results if r[1] == "mismatch"]
    n_known = 0
    for seed, _, mm, n_ops in bad:
        ids = known.classify(mm)
        tag = f"known bug {', '.join(ids)}" if ids else "NEW"
        n_known += bool(ids)
        first = mm[0]
        print(f"seed {seed}: mismatch ({tag}) [{first[0]}] {first[1]}: "
              f"{first[2].strip().splitlines()[0][:200] if first[2].strip() else ''}")
        if out is None or a.no_reduce or (ids and not a.reduce_known):
            continue
        p = generator.generate(seed, avoid=avoid)
        d = out / f"seed{seed}"
        d.mkdir(parents=True, exist_ok=True)
        (d / "original.mlir").write_text(p.text)
        rep = runner.Report("mismatch", mm)
        text, args = reduce.reduce(p.text, p.args, reduce.same_mismatch(rep),
                                   max_checks=a.reduce_checks)
        final = runner.check(text, args, variants=variants)
        desc = (f"seed {seed} ({tag}), generated with avoid={list(avoid)}\n"
                f"original mismatch:\n{describe(mm)}\nreduced mismatch:\n"
                f"{describe(final.mismatches)}")
        reduce.write_reproducer(d, text, args, desc[:6000])
        print(f"  reduced to {len(text.splitlines())} lines: {d / 'repro.mlir'}")
    for seed, _, mm, _ in rejects:
        print(f"seed {seed}: generator reject: {mm[0][2].strip()[:300]}")
    print(f"difftest: {len(results)} programs, {len(bad)} mismatches, "
          f"{len(rejects)} generator rejects")
    if bad:
        print(f"difftest: {n_known} of the mismatches match known bugs, "
              f"{len(bad) - n_known} new")
    print(f"difftest: {time.time() - t0:.1f} s", file=sys.stderr)
    return 1 if bad or rejects else 0


if __name__ == "__main__":
    sys.exit(main())
