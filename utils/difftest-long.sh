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
#
# The run takes longer than a working session and a session may start on a fresh machine, so
# each finished chunk is also appended to RECORD (docs/difftest-long-record.txt, committed with
# the work): commit, MLIR package version, seed, programs, mismatches, generator rejects,
# seconds, finish time, the seeds that mismatched or were rejected (- if none). A chunk recorded
# on a commit whose compiler tree (the paths in `compiler_paths`: the sources, the build files
# and python/, which holds the generator, the oracle and the tester) equals the frozen commit's,
# with the same MLIR package, counts as done in any RUNS_DIR; the totals are over those records.
# Nothing else should use the cores meanwhile: the runner's timeout is wall-clock time.
# Environment: FIRST (50000), COUNT (10000), CHUNK (250), JOBS (2), LAURYN_BUILD_DIR (build/),
# RECORD (docs/difftest-long-record.txt).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
[ $# -eq 1 ] || { echo "usage: bash utils/difftest-long.sh RUNS_DIR" >&2; exit 2; }
runs=$(mkdir -p "$1" && cd "$1" && pwd)
first=${FIRST:-50000} count=${COUNT:-10000} chunk=${CHUNK:-250} jobs=${JOBS:-2}
build=${LAURYN_BUILD_DIR:-$root/build}
record=${RECORD:-$root/docs/difftest-long-record.txt}
frozen=$runs/frozen
compiler_paths=(CMakeLists.txt cmake include lib tools python)
mlir=$(dpkg-query -W -f='${Version}' libmlir-22-dev)

if [ ! -d "$frozen" ]; then
  ninja -C "$build" -n lauryn-run lauryn-opt lauryn_rt 2>/dev/null | grep -q "no work to do" ||
    { echo "error: $build is not an up-to-date build (run utils/build.sh)" >&2; exit 1; }
  exclude=()  # the record itself may hold chunks not yet committed
  [[ $record == "$root"/* ]] && exclude=(":(exclude)${record#"$root"/}")
  if [ -n "$(git -C "$root" status --porcelain --untracked-files=no -- . "${exclude[@]}")" ]; then
    echo "error: uncommitted changes in $root; the frozen build must be one commit's" >&2
    exit 1
  fi
  mkdir "$frozen.tmp"
  cp -r "$build/bin" "$build/lib" "$root/python" "$frozen.tmp/"
  git -C "$root" rev-parse --short HEAD > "$runs/commit"
  mv "$frozen.tmp" "$frozen"
fi
commit=$(cat "$runs/commit")

# The record lines that count for the frozen commit (same compiler tree, same MLIR package).
counting_records() {
  [ -f "$record" ] || return 0
  local c m rest
  while read -r c m rest; do
    [[ -z $c || $c == \#* ]] && continue
    if [ "$m" = "$mlir" ] &&
       git -C "$root" diff --quiet "$c" "$commit" -- "${compiler_paths[@]}" 2>/dev/null; then
      echo "$c $m $rest"
    fi
  done < "$record"
}

summary='^difftest: [0-9]+ programs, [0-9]+ mismatches'
[ -f "$record" ] || echo "# commit mlir-package first-seed programs mismatches generator-rejects seconds finished-utc bad-seeds" > "$record"
# Seeds of the chunks already recorded (read once: a chunk finished below is never revisited).
recorded=" $(counting_records | awk '{ print $3 }' | tr '\n' ' ') "
cd "$frozen/python"
for ((s = first; s < first + count; s += chunk)); do
  n=$((first + count - s < chunk ? first + count - s : chunk))
  log=$runs/chunk-$s.log
  [[ $recorded == *" $s "* ]] && continue
  if ! grep -Eq "$summary" "$log" 2>/dev/null; then
    echo "chunk $s ($n programs) on $commit: $(date -u +%H:%M:%S)"
    LAURYN_BUILD_DIR=$frozen /usr/bin/python3 -m lauryn_difftest --count "$n" --seed "$s" \
        --jobs "$jobs" --out "$runs/repro-$s" > "$log" 2>&1 || true
    grep -E "^seed |$summary|^difftest: [0-9.]+ s" "$log" || { echo "chunk $s: no summary (see $log)"; continue; }
  fi
  awk -v c="$commit" -v m="$mlir" -v s="$s" -v t="$(date -u -r "$log" +%Y-%m-%dT%H:%MZ)" '
    /^difftest: [0-9]+ programs/ { p = $2; mm = $4; r = $6 }
    /^difftest: [0-9.]+ s$/ { secs = $2 }
    /^seed [0-9]+: / { bad = bad (bad ? "," : "") substr($2, 1, length($2) - 1) }
    END { printf "%s %s %d %d %d %d %d %s %s\n", c, m, s, p, mm, r, secs, t, bad ? bad : "-" }' \
    "$log" >> "$record"
done

# Totals over the chunks recorded for this compiler (the record lists the seeds that mismatched).
counting_records | awk -v commit="$commit" '
  { p += $4; m += $5; r += $6; c++ }
  END { printf "long run on %s: %d chunks, %d programs, %d mismatches, %d generator rejects\n",
               commit, c, p, m, r }'
