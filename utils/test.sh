#!/usr/bin/env bash
# Set-up command 2: build Lauryn and run every test suite (lit + FileCheck,
# GoogleTest, plugin and tool tests). Exits non-zero on any failure.
#
#   bash utils/test.sh
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# Absolute: tests run tools from other working directories.
build=$(realpath -ms -- "${LAURYN_BUILD_DIR:-$root/build}")

bash "$root/utils/build.sh"
ninja -C "$build" -j "${LAURYN_JOBS:-2}" LaurynUnitTests
# The committed reference docs must match the TableGen sources.
ninja -C "$build" check-lauryn-docs

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
/usr/bin/python3 /usr/lib/llvm-22/bin/lit -sv "$build/test" "$build/test/Unit" 2>&1 | tee "$log" || status=$?

# Python tests (the runtime I/O oracle against NumPy/SciPy); Debian's python3.
# A sanitized build's liblauryn_rt, loaded by Python through ctypes, needs the
# shared sanitizer runtime preloaded (Python's own leaks are not ours).
pyenv=()
if grep -Eq '^LAURYN_(SANITIZE|FUZZERS):BOOL=ON' "$build/CMakeCache.txt" 2>/dev/null; then
  pyenv=(env "LD_PRELOAD=$(clang-22 -print-file-name=libclang_rt.asan-x86_64.so)" ASAN_OPTIONS=detect_leaks=0:allow_user_poisoning=0)
fi
pystatus=0
"${pyenv[@]}" env LAURYN_BUILD_DIR="$build" /usr/bin/python3 -m pytest -q "$root/python/tests" 2>&1 | tee -a "$log" || pystatus=$?
[ $status -eq 0 ] && status=$pystatus

# The fuzzers' smoke run needs the checked build (ASan + UBSan + libFuzzer,
# docs/testing.md); a second build directory, unless this run is that build.
if ! grep -Eq '^LAURYN_FUZZERS:BOOL=ON' "$build/CMakeCache.txt" 2>/dev/null; then
  check=$(realpath -ms -- "${LAURYN_CHECK_BUILD_DIR:-$root/build-check}")
  fuzzstatus=0
  { LAURYN_BUILD_DIR="$check" bash "$root/utils/build.sh" -DLAURYN_FUZZERS=ON > "$log.build" 2>&1 ||
      { cat "$log.build"; false; }; } &&
    /usr/bin/python3 /usr/lib/llvm-22/bin/lit -sv "$check/test/Fuzz" 2>&1 | tee -a "$log" || fuzzstatus=$?
  rm -f "$log.build"
  [ $status -eq 0 ] && status=$fuzzstatus
fi

passed=$(awk -F: '/^ *Passed *:/ {p += $2 + 0} / passed/ {for (i = 1; i < NF + 1; i++) if ($i ~ /[0-9]+ passed/) {split($i, a, " passed"); n = split(a[1], b, " "); p += b[n] + 0}} END {print p + 0}' "$log")
failed=$(awk -F: '/^ *(Failed|Unresolved|Timed Out) *:/ {f += $2 + 0} / failed/ {for (i = 1; i < NF + 1; i++) if ($i ~ /[0-9]+ failed/) {split($i, a, " failed"); n = split(a[1], b, " "); f += b[n] + 0}} END {print f + 0}' "$log")
echo "lauryn: ${passed:-0} passed, ${failed:-0} failed"
exit $status
