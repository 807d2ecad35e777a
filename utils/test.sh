#!/usr/bin/env bash
# Set-up command 2: build Lauryn and run every test suite (lit + FileCheck,
# GoogleTest, plugin and tool tests). Exits non-zero on any failure.
#
#   bash utils/test.sh
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${LAURYN_BUILD_DIR:-$root/build}

bash "$root/utils/build.sh"
ninja -C "$build" -j "${LAURYN_JOBS:-2}" LaurynUnitTests
# The committed reference docs must match the TableGen sources.
ninja -C "$build" check-lauryn-docs

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
/usr/bin/python3 /usr/lib/llvm-22/bin/lit -sv "$build/test" "$build/test/Unit" 2>&1 | tee "$log" || status=$?

passed=$(awk -F: '/^ *Passed *:/ {p = $2 + 0} END {print p + 0}' "$log")
failed=$(awk -F: '/^ *(Failed|Unresolved|Timed Out) *:/ {f += $2 + 0} END {print f + 0}' "$log")
echo "lauryn: ${passed:-0} passed, ${failed:-0} failed"
exit $status
