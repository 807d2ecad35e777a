#!/usr/bin/env bash
# The differential tester's long mode (issue 4: 10,000 programs, seeds 50000-59999), resumable.
#
#   bash utils/difftest-long.sh RUNS_DIR
#
# The first call freezes this checkout's build/bin, build/lib and python/ into RUNS_DIR/frozen
# (the commit goes to RUNS_DIR/commit), so later work in the tree cannot change the compiler
# under test. Each call then runs the chunks of CHUNK programs not yet done against the frozen
# copy (the same programs as `--count 10000 --seed 50000`) and prints the totals. A chunk counts
# as done once its log holds the tester's summary line; a chunk cut off (stop, kill) reruns.
# Nothing else should use the cores meanwhile: the runner's timeout is wall-clock time.
# Environment: FIRST (50000), COUNT (10000), CHUNK (250), JOBS (2), LAURYN_BUILD_DIR (build/).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
[ $# -eq 1 ] || { echo "usage: bash utils/difftest-long.sh RUNS_DIR" >&2; exit 2; }
runs=$(mkdir -p "$1" && cd "$1" && pwd)
first=${FIRST:-50000} count=${COUNT:-10000} chunk=${CHUNK:-250} jobs=${JOBS:-2}
build=${LAURYN_BUILD_DIR:-$root/build}
frozen=$runs/frozen

if [ ! -d "$frozen" ]; then
  ninja -C "$build" -n lauryn-run lauryn-opt lauryn_rt 2>/dev/null | grep -q "no work to do" ||
    { echo "error: $build is not an up-to-date build (run utils/build.sh)" >&2; exit 1; }
  if [ -n "$(git -C "$root" status --porcelain --untracked-files=no)" ]; then
    echo "error: uncommitted changes in $root; the frozen build must be one commit's" >&2
    exit 1
  fi
  mkdir "$frozen.tmp"
  cp -r "$build/bin" "$build/lib" "$root/python" "$frozen.tmp/"
  git -C "$root" rev-parse --short HEAD > "$runs/commit"
  mv "$frozen.tmp" "$frozen"
fi

summary='^difftest: [0-9]+ programs, [0-9]+ mismatches'
cd "$frozen/python"
for ((s = first; s < first + count; s += chunk)); do
  n=$((first + count - s < chunk ? first + count - s : chunk))
  log=$runs/chunk-$s.log
  grep -Eq "$summary" "$log" 2>/dev/null && continue
  echo "chunk $s ($n programs) on $(cat "$runs/commit"): $(date -u +%H:%M:%S)"
  LAURYN_BUILD_DIR=$frozen /usr/bin/python3 -m lauryn_difftest --count "$n" --seed "$s" \
      --jobs "$jobs" --out "$runs/repro-$s" > "$log" 2>&1 || true
  grep -E "^seed |$summary|^difftest: [0-9.]+ s" "$log" || echo "chunk $s: no summary (see $log)"
done

# Totals over the chunks done (a chunk with mismatches lists their seeds in its log).
cat "$runs"/chunk-*.log | awk -v commit="$(cat "$runs/commit")" '
  /^difftest: [0-9]+ programs/ { p += $2; m += $4; r += $6; c++ }
  END { printf "long run on %s: %d chunks, %d programs, %d mismatches, %d generator rejects\n",
               commit, c, p, m, r }'
