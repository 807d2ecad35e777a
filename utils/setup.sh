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
  libclang-rt-22-dev
  libgtest-dev libopenblas-dev libxxhash-dev
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
echo "== Lauryn main job: train an L2-SVM (docs/examples/l2svm.mlir) on the bundled data =="
echo "   (1000 x 10 features, labels in {-1, +1}; prints the weights and the compile/run times)"
"${LAURYN_BUILD_DIR:-$root/build}/bin/lauryn-run" "$root/docs/examples/l2svm.mlir" --entry l2svm \
  --arg X="$root/docs/examples/data/svm_X.csv" --arg Y="$root/docs/examples/data/svm_Y.csv" \
  --arg lambda=0.01 --arg maxIter=20 --arg lineSearchIter=5 --stats
