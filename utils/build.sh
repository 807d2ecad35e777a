#!/usr/bin/env bash
# Configure (once) and build Lauryn with Ninja on Debian's LLVM/MLIR 22.
# LAURYN_BUILD_DIR selects the build directory (default: build/);
# extra arguments are passed to cmake at configure time.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# Absolute: tests run tools from other working directories.
build=$(realpath -ms -- "${LAURYN_BUILD_DIR:-$root/build}")
jobs=${LAURYN_JOBS:-2}

launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)

if [ ! -f "$build/build.ninja" ]; then
  cmake -G Ninja -S "$root" -B "$build" \
    -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22 \
    -DMLIR_DIR=/usr/lib/llvm-22/lib/cmake/mlir \
    -DLLVM_EXTERNAL_LIT=/usr/lib/llvm-22/bin/lit \
    -DPython3_EXECUTABLE=/usr/bin/python3 \
    "${launcher[@]}" "$@"
fi
ninja -C "$build" -j "$jobs"
