# -*- Python -*-
# lit configuration of Lauryn's FileCheck tests (Dialect/, Transforms/, Plugin/).

import os

import lit.formats
from lit.llvm import llvm_config
from lit.llvm.subst import ToolSubst

config.name = "Lauryn"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".test"]
config.excludes = ["Inputs", "Unit", "downstream", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py"]

config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.lauryn_obj_root, "test")

config.substitutions.append(("%PATH%", config.environment["PATH"]))
config.substitutions.append(("%shlibext", config.llvm_shlib_ext))
config.substitutions.append(
    ("%la_plugin", os.path.join(config.lauryn_lib_dir, "LAPlugin" + config.llvm_shlib_ext)))
config.substitutions.append(("%lauryn_src", config.lauryn_src_root))
config.substitutions.append(("%lauryn_obj", config.lauryn_obj_root))
config.substitutions.append(("%python", config.python_executable))

llvm_config.with_system_environment(["HOME", "INCLUDE", "LIB", "TMP", "TEMP"])
llvm_config.use_default_substitutions()
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)

llvm_lib_dir = os.path.join(os.path.dirname(config.llvm_tools_dir), "lib")
config.substitutions.append(
    ("%mlir_runner_utils", os.path.join(llvm_lib_dir, "libmlir_runner_utils" + config.llvm_shlib_ext)))
config.substitutions.append(
    ("%mlir_c_runner_utils", os.path.join(llvm_lib_dir, "libmlir_c_runner_utils" + config.llvm_shlib_ext)))

config.substitutions.append(
    ("%lauryn_rt", os.path.join(config.lauryn_lib_dir, "liblauryn_rt" + config.llvm_shlib_ext)))
config.substitutions.append(("%mlir_omp", os.path.join(llvm_lib_dir, "libomp" + config.llvm_shlib_ext)))

tool_dirs = [config.lauryn_tools_dir, config.llvm_tools_dir]
tools = [
    "lauryn-opt",
    "lauryn-run",
    "laurync",
    ToolSubst("lauryn-fuzz-matrix-market", unresolved="ignore"),
    ToolSubst("lauryn-fuzz-csv", unresolved="ignore"),
    ToolSubst("lauryn-fuzz-npy", unresolved="ignore"),
    ToolSubst("lauryn-fuzz-opt", unresolved="ignore"),
    ToolSubst("mlir-opt", unresolved="fatal"),
    ToolSubst("mlir-runner", unresolved="fatal"),
    ToolSubst("llvm-nm", unresolved="fatal"),
    # C programs linked against a sanitized liblauryn_rt need the sanitizer runtime too.
    ToolSubst("%clang", command=os.path.join(config.llvm_tools_dir, "clang"),
              extra_args=(["-fsanitize=address,undefined", "-fno-sanitize=vptr", "-shared-libsan",
                           "-Wl,-rpath," + os.path.dirname(config.lauryn_asan_runtime)]
                          if config.lauryn_sanitize else []),
              unresolved="fatal"),
]
llvm_config.add_tool_substitutions(tools, tool_dirs)

# Checked builds (docs/testing.md): tests that load Lauryn's libraries into
# uninstrumented programs (stock mlir-opt, a downstream CMake project) cannot
# run; the fuzzers' smoke test needs the fuzzer build.
if config.lauryn_sanitize:
    config.available_features.add("sanitized")
    # LLVM's BumpPtrAllocator poisons fresh slabs when its header is compiled
    # with ASan (our code) and the uninstrumented copy in libMLIR allocates
    # from them without unpoisoning: ignore manual poisoning (false reports).
    config.environment["ASAN_OPTIONS"] = "allow_user_poisoning=0"
# Stock (uninstrumented) MLIR tools that load the sanitized liblauryn_rt or
# plugin need the shared sanitizer runtime our tools are linked against:
# `%sanitizer_preload mlir-opt ...` (nothing in ordinary builds).
config.substitutions.append(
    ("%sanitizer_preload",
     f"env LD_PRELOAD={config.lauryn_asan_runtime}" if config.lauryn_sanitize else ""))
if config.lauryn_fuzzers:
    config.available_features.add("fuzzers")
# Hosts whose native code calls glibc's AVX2 vector math (libmvec): vector
# variants of exp, log, ... replace per-lane calls (lib/Execution/HostTarget.cpp).
try:
    with open("/proc/cpuinfo") as f:
        flags = next((l.split(":", 1)[1].split() for l in f if l.startswith("flags")), [])
    if "avx2" in flags and "fma" in flags:
        config.available_features.add("host-avx2")
except OSError:
    pass
