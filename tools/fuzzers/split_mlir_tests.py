#!/usr/bin/env python3
"""Seed corpus of lauryn-fuzz-opt: every input of the lit tests under a
directory, split at `// -----` like `lauryn-opt --split-input-file`, one
file per module.

    split_mlir_tests.py TEST_DIR OUT_DIR
"""
import pathlib
import sys


def main():
    src, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    count = 0
    for path in sorted(src.rglob("*.mlir")):
        for k, chunk in enumerate(path.read_text().split("// -----")):
            if "func.func" not in chunk and "la." not in chunk:
                continue
            name = f"{path.relative_to(src).as_posix().replace('/', '_')}.{k}.mlir"
            (out / name).write_text(chunk)
            count += 1
    print(f"{count} seed modules in {out}")


if __name__ == "__main__":
    main()
