#!/usr/bin/env bash
# Set-up command 1: install the Debian packages Lauryn needs (as root), build
# Lauryn, and run its main job on a bundled example.
#
#   sudo bash utils/setup.sh          (or as root: bash utils/setup.sh)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

packages=(
  cmake ninja-build ccache
  clang-22 lld-22 llvm-22-dev llvm-22-tools libmlir-22-dev mlir-22-tools libomp-22-dev
  libgtest-dev libopenblas-dev
  python3-numpy python3-scipy python3-pytest
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: installing packages needs root; run: sudo bash utils/setup.sh" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

bash "$root/utils/build.sh"

echo
echo "== Lauryn main job: optimize the L2-SVM example (docs/examples/l2svm.mlir) =="
"${LAURYN_BUILD_DIR:-$root/build}/bin/lauryn-opt" --la-optimize "$root/docs/examples/l2svm.mlir"
