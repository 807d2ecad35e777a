//===- JitProgram.cpp - compile an la module and run its entry point ------===//

#include "lauryn/Execution/JitProgram.h"

#include "HostTarget.h"


#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/OpenMP/OpenMPToLLVMIRTranslation.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <dlfcn.h>

using namespace mlir;

namespace lauryn {

#ifndef LAURYN_MLIR_LIBRARY_DIR
#error "LAURYN_MLIR_LIBRARY_DIR must name the directory of libmlir_c_runner_utils"
#endif

JitProgram::~JitProgram() = default;

static double millisecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

std::string JitProgram::libraryDirectory() {
  // The directory of the shared object that holds this code's runtime
  // dependency: tools live in <prefix>/bin, libraries in <prefix>/lib.
  Dl_info info;
  if (dladdr(reinterpret_cast<void *>(&lauryn_rt_version), &info) && info.dli_fname)
    return llvm::sys::path::parent_path(info.dli_fname).str();
  return ".";
}

llvm::Expected<std::unique_ptr<JitProgram>>
JitProgram::compile(ModuleOp module, const JitOptions &options, CompileTimes *times) {
  CompileTimes local;
  CompileTimes &t = times ? *times : local;
  auto sigs = lowerToLLVMDialect(module, {options.entry}, options, &t);
  if (!sigs)
    return sigs.takeError();
  MLIRContext *ctx = module.getContext();
  auto start = std::chrono::steady_clock::now();
  registerBuiltinDialectTranslation(*ctx);
  registerLLVMDialectTranslation(*ctx);
  registerOpenMPDialectTranslation(*ctx);
  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();
  std::string rtLib = libraryDirectory() + "/liblauryn_rt.so";
  std::string runnerUtils = std::string(LAURYN_MLIR_LIBRARY_DIR) + "/libmlir_c_runner_utils.so";
  std::string omp = std::string(LAURYN_MLIR_LIBRARY_DIR) + "/libomp.so";
  std::vector<std::string> libs{runnerUtils, rtLib, omp};
  unsigned level = std::min(options.llvmOptLevel, 3u);
  // The optimizer needs this CPU's target machine: without one, its cost
  // model knows no vector registers and the loop vectorizer does nothing.
  auto tm = hostTargetMachine(/*hostCPU=*/true, level);
  if (!tm)
    return tm.takeError();
#ifdef LAURYN_LIBMVEC
  if (usesVectorMathLibrary(**tm))
    libs.push_back(LAURYN_LIBMVEC);
#endif
  libs.insert(libs.end(), options.sharedLibs.begin(), options.sharedLibs.end());
  for (const std::string &lib : libs)
    if (!llvm::sys::fs::exists(lib))
      return llvm::createStringError("cannot find the shared library " + lib);
  SmallVector<StringRef> libRefs(libs.begin(), libs.end());
  llvm::TargetMachine &machine = **tm;
  auto optimize = [&machine, level](llvm::Module *m) {
    return optimizeModule(*m, machine, level);
  };
  ExecutionEngineOptions engineOptions;
  engineOptions.transformer = optimize;
  engineOptions.jitCodeGenOptLevel = static_cast<llvm::CodeGenOptLevel>(level);
  engineOptions.sharedLibPaths = libRefs;
  auto engine = ExecutionEngine::create(module, engineOptions);
  if (!engine)
    return engine.takeError();
  // Looking the entry up generates its machine code now, not at the first run.
  auto entryFn = (*engine)->lookupPacked("_mlir_ciface_" + sigs->front().name);
  if (!entryFn)
    return entryFn.takeError();
  t.llvmMs = millisecondsSince(start);

  std::unique_ptr<JitProgram> program(new JitProgram());
  program->sig = std::move(sigs->front());
  program->engine = std::move(*engine);
  program->entry = *entryFn;
  return program;
}

namespace {

size_t scalarSize(lauryn_dtype t) { return lauryn_rt_dtype_size(t); }

/// The fields of a CSR result in the entry point's result struct.
struct CSRResult {
  MemRef1D positions, coordinates, values;
  int64_t rows, cols;
};

/// Layout of the entry point's result struct (C/LLVM natural alignment).
struct ResultLayout {
  llvm::SmallVector<size_t> offsets;
  size_t size = 0;
  ResultLayout(llvm::ArrayRef<ValueKind> results) {
    for (const ValueKind &r : results) {
      // A CSR result is its positions, coordinates and values, rows, cols.
      size_t bytes = r.kind == ValueKind::SparseCSR ? sizeof(CSRResult)
                     : r.isMatrix()                 ? sizeof(MemRef2D)
                     : r.kind == ValueKind::Index   ? 8
                                                    : scalarSize(r.dtype);
      size_t align = r.isMatrix() ? 8 : bytes;
      size = (size + align - 1) / align * align;
      offsets.push_back(size);
      size += bytes;
    }
    size = (size + 7) / 8 * 8;
  }
};

/// Storage for one scalar argument, in its C type.
union ScalarSlot {
  double f64;
  float f32;
  int64_t i64;
  int32_t i32;
};

llvm::Error argumentError(const EntrySignature &sig, size_t i, const std::string &problem) {
  const ValueKind &p = sig.params[i];
  std::string name = p.name.empty() ? "#" + std::to_string(i) : "'" + p.name + "'";
  return llvm::createStringError("argument " + name + " of @" + sig.name + " (" +
                                 p.describe() + "): " + problem);
}

/// The values an i32 parameter (declared i32, or i8 passed as i32) takes.
std::pair<int64_t, int64_t> integerRange(const ValueKind &p) {
  if (p.narrow == "i8")
    return {INT8_MIN, INT8_MAX};
  return {INT32_MIN, INT32_MAX};
}

/// The stored values of the i32 matrix `m` for parameter `i` lie in its range
/// (an i8 parameter would wrap them silently).
llvm::Error checkIntegerRange(const EntrySignature &sig, size_t i, const lauryn_matrix *m) {
  auto [lo, hi] = integerRange(sig.params[i]);
  const auto *values = static_cast<const int32_t *>(m->values);
  for (int64_t k = 0; k < m->nnz; ++k) {
    if (values[k] >= lo && values[k] <= hi)
      continue;
    int64_t row = k / std::max<int64_t>(m->cols, 1), col = k % std::max<int64_t>(m->cols, 1);
    if (m->format == LAURYN_FORMAT_CSR) {
      row = std::upper_bound(m->positions, m->positions + m->rows + 1, k) - m->positions - 1;
      col = m->coordinates[k];
    }
    return argumentError(sig, i, "element (" + std::to_string(row) + ", " + std::to_string(col) +
                                     ") with value " + std::to_string(values[k]) +
                                     " is out of range [" + std::to_string(lo) + ", " +
                                     std::to_string(hi) + "]");
  }
  return llvm::Error::success();
}


/// The allocations behind an entry point's results. An entry that returns one
/// value twice returns the same allocation twice: it is adopted by at most one
/// runtime matrix, and every other allocation is freed once, after all
/// results are copied.
struct ResultBuffers {
  llvm::SmallPtrSet<void *, 8> adopted, copied;
  ResultBuffers() = default;
  ResultBuffers(const ResultBuffers &) = delete;
  ResultBuffers &operator=(const ResultBuffers &) = delete;
  ~ResultBuffers() {
    for (void *p : copied)
      if (!adopted.contains(p))
        lauryn_rt_buffer_free(p);
  }
  bool adoptable(void *p) const { return !adopted.contains(p) && !copied.contains(p); }
};

/// The result memref `m` as a runtime matrix: adopted when it is a plain
/// row-major allocation (generated code allocates with aligned_alloc), else
/// copied (and freed).
llvm::Expected<HostValue> takeMatrix(const MemRef2D &m, lauryn_dtype dtype,
                                     ResultBuffers &buffers) {
  lauryn_matrix *out = nullptr;
  bool rowMajor = m.allocated == m.aligned && m.offset == 0 && m.strides[1] == 1 &&
                  (m.strides[0] == m.sizes[1] || m.sizes[0] <= 1);
  if (rowMajor && buffers.adoptable(m.allocated)) {
    if (lauryn_rt_matrix_adopt_dense(m.sizes[0], m.sizes[1], dtype, m.allocated, &out) !=
        LAURYN_OK)
      return llvm::createStringError(lauryn_rt_last_error());
    buffers.adopted.insert(m.allocated);
    return HostValue::ofMatrix(out);
  }
  buffers.copied.insert(m.allocated);
  if (lauryn_rt_matrix_create_dense(m.sizes[0], m.sizes[1], dtype, &out) != LAURYN_OK)
    return llvm::createStringError(lauryn_rt_last_error());
  size_t elem = lauryn_rt_dtype_size(dtype);
  const char *base = static_cast<const char *>(m.aligned) + m.offset * elem;
  char *dst = static_cast<char *>(out->values);
  if (m.strides[1] == 1 && m.strides[0] == m.sizes[1]) {
    std::memcpy(dst, base, size_t(m.sizes[0] * m.sizes[1]) * elem);
  } else {
    for (int64_t i = 0; i < m.sizes[0]; ++i)
      for (int64_t j = 0; j < m.sizes[1]; ++j)
        std::memcpy(dst + (i * m.sizes[1] + j) * elem,
                    base + (i * m.strides[0] + j * m.strides[1]) * elem, elem);
  }
  return HostValue::ofMatrix(out);
}

/// The CSR result `r` as a runtime matrix; its buffers (owned by the caller of
/// the entry point) are copied.
llvm::Expected<HostValue> takeCSR(const CSRResult &r, lauryn_dtype dtype, ResultBuffers &buffers) {
  for (const MemRef1D *m : {&r.positions, &r.coordinates, &r.values})
    buffers.copied.insert(m->allocated);
  int64_t nnz = r.values.size;
  lauryn_matrix *out = nullptr;
  if (r.positions.size != r.rows + 1 || r.coordinates.size != nnz)
    return llvm::createStringError("inconsistent CSR result: " + std::to_string(r.rows) +
                                   " rows, " + std::to_string(r.positions.size) + " positions, " +
                                   std::to_string(r.coordinates.size) + " coordinates, " +
                                   std::to_string(nnz) + " values");
  if (lauryn_rt_matrix_create_csr(r.rows, r.cols, nnz, dtype, &out) != LAURYN_OK)
    return llvm::createStringError(lauryn_rt_last_error());
  HostValue v = HostValue::ofMatrix(out);
  auto copy = [](void *dst, const MemRef1D &m, size_t elem) {
    const char *src = static_cast<const char *>(m.aligned) + m.offset * elem;
    if (m.stride == 1) {
      std::memcpy(dst, src, size_t(m.size) * elem);
    } else {
      for (int64_t k = 0; k < m.size; ++k)
        std::memcpy(static_cast<char *>(dst) + k * elem, src + k * m.stride * elem, elem);
    }
  };
  copy(out->positions, r.positions, sizeof(int64_t));
  copy(out->coordinates, r.coordinates, sizeof(int64_t));
  copy(out->values, r.values, lauryn_rt_dtype_size(dtype));
  // Sorted, unique, in-range coordinates are the sparsifier's promise; a
  // broken one is a compiler bug worth a message rather than wrong output.
  if (lauryn_rt_matrix_validate(out) != LAURYN_OK)
    return llvm::createStringError(std::string("invalid CSR result: ") + lauryn_rt_last_error());
  return v;
}

} // namespace

llvm::Expected<llvm::SmallVector<HostValue>>
JitProgram::run(llvm::MutableArrayRef<HostValue> args) const {
  if (args.size() != sig.params.size())
    return llvm::createStringError("@" + sig.name + " takes " +
                                   std::to_string(sig.params.size()) + " arguments, " +
                                   std::to_string(args.size()) + " given");
  // Arguments: descriptors and scalar slots that outlive the call.
  llvm::SmallVector<MemRef2D> descriptors(args.size());
  llvm::SmallVector<MemRef2D *> descriptorPtrs(args.size());
  // CSR parameters: positions, coordinates, values.
  llvm::SmallVector<std::array<MemRef1D, 3>> csr(args.size());
  llvm::SmallVector<std::array<MemRef1D *, 3>> csrPtrs(args.size());
  llvm::SmallVector<std::array<int64_t, 2>> csrSizes(args.size());
  llvm::SmallVector<ScalarSlot> scalars(args.size());
  llvm::SmallVector<void *> packed;
  ResultLayout layout(sig.results);
  bool structResult = sig.results.size() > 1 ||
                      (sig.results.size() == 1 && sig.results[0].isMatrix());
  std::vector<char> resultStorage(std::max<size_t>(layout.size, 8));
  void *resultPtr = resultStorage.data();
  if (structResult)
    packed.push_back(&resultPtr);

  for (size_t i = 0; i < args.size(); ++i) {
    const ValueKind &p = sig.params[i];
    HostValue &a = args[i];
    if (p.isMatrix()) {
      if (!a.matrix)
        return argumentError(sig, i, "expected a matrix, got a scalar");
      lauryn_matrix *m = a.matrix;
      int format = p.kind == ValueKind::SparseCSR ? LAURYN_FORMAT_CSR : LAURYN_FORMAT_DENSE;
      if (m->format != format || m->dtype != p.dtype) {
        lauryn_matrix *converted = nullptr;
        if (lauryn_rt_matrix_convert(m, format, p.dtype, &converted) != LAURYN_OK)
          return argumentError(sig, i, lauryn_rt_last_error());
        a = HostValue::ofMatrix(converted);
        m = converted;
      }
      if (p.narrow == "i8")
        if (llvm::Error err = checkIntegerRange(sig, i, m))
          return err;
      if ((p.rows >= 0 && m->rows != p.rows) || (p.cols >= 0 && m->cols != p.cols))
        return argumentError(sig, i, "got a " + std::to_string(m->rows) + "x" +
                                         std::to_string(m->cols) + " matrix");
      if (p.kind == ValueKind::SparseCSR) {
        csr[i] = {MemRef1D{m->positions, m->positions, 0, m->rows + 1, 1},
                  MemRef1D{m->coordinates, m->coordinates, 0, m->nnz, 1},
                  MemRef1D{m->values, m->values, 0, m->nnz, 1}};
        for (int k = 0; k < 3; ++k) {
          csrPtrs[i][k] = &csr[i][k];
          packed.push_back(&csrPtrs[i][k]);
        }
        if (p.rows < 0 || p.cols < 0) { // dynamic sizes follow the buffers
          csrSizes[i] = {m->rows, m->cols};
          packed.push_back(&csrSizes[i][0]);
          packed.push_back(&csrSizes[i][1]);
        }
        continue;
      }
      descriptors[i] = MemRef2D{m->values, m->values, 0, {m->rows, m->cols}, {m->cols, 1}};
      descriptorPtrs[i] = &descriptors[i];
      packed.push_back(&descriptorPtrs[i]);
      continue;
    }
    if (a.matrix)
      return argumentError(sig, i, "expected a scalar, got a matrix");
    bool floatArg = a.kind != ValueKind::Index && (a.dtype == LAURYN_F64 || a.dtype == LAURYN_F32);
    double asDouble = floatArg ? a.f : double(a.i);
    switch (p.kind == ValueKind::Index ? LAURYN_I64 : p.dtype) {
    case LAURYN_F64:
      scalars[i].f64 = asDouble;
      break;
    case LAURYN_F32:
      scalars[i].f32 = float(asDouble);
      break;
    case LAURYN_I64:
    case LAURYN_I32:
      if (floatArg && asDouble != double(int64_t(asDouble)))
        return argumentError(sig, i, "expected an integer");
      if (p.dtype == LAURYN_I32 && p.kind != ValueKind::Index) {
        int64_t v = floatArg ? int64_t(asDouble) : a.i;
        auto [lo, hi] = integerRange(p);
        if (v < lo || v > hi)
          return argumentError(sig, i, std::to_string(v) + " is out of range [" +
                                           std::to_string(lo) + ", " + std::to_string(hi) + "]");
        scalars[i].i32 = int32_t(v);
      } else {
        scalars[i].i64 = floatArg ? int64_t(asDouble) : a.i;
      }
      break;
    }
    packed.push_back(&scalars[i]);
  }
  // A single scalar result is returned by value through the last pointer.
  ScalarSlot scalarResult{};
  if (!structResult && sig.results.size() == 1)
    packed.push_back(&scalarResult);

  entry(packed.data());

  llvm::SmallVector<HostValue> results;
  ResultBuffers buffers;
  for (auto [r, kind] : llvm::enumerate(sig.results)) {
    const char *slot = structResult ? resultStorage.data() + layout.offsets[r]
                                    : reinterpret_cast<const char *>(&scalarResult);
    if (kind.kind == ValueKind::SparseCSR) {
      CSRResult csrResult;
      std::memcpy(&csrResult, slot, sizeof(csrResult));
      auto v = takeCSR(csrResult, kind.dtype, buffers);
      if (!v)
        return v.takeError();
      results.push_back(std::move(*v));
      continue;
    }
    if (kind.isMatrix()) {
      MemRef2D m;
      std::memcpy(&m, slot, sizeof(m));
      auto v = takeMatrix(m, kind.dtype, buffers);
      if (!v)
        return v.takeError();
      results.push_back(std::move(*v));
      continue;
    }
    if (kind.kind == ValueKind::Index) {
      int64_t x;
      std::memcpy(&x, slot, 8);
      results.push_back(HostValue::ofIndex(x));
      continue;
    }
    switch (kind.dtype) {
    case LAURYN_F64: {
      double x;
      std::memcpy(&x, slot, 8);
      results.push_back(HostValue::ofFloat(x, LAURYN_F64));
      break;
    }
    case LAURYN_F32: {
      float x;
      std::memcpy(&x, slot, 4);
      results.push_back(HostValue::ofFloat(x, LAURYN_F32));
      break;
    }
    case LAURYN_I64: {
      int64_t x;
      std::memcpy(&x, slot, 8);
      results.push_back(HostValue::ofInt(x, LAURYN_I64));
      break;
    }
    case LAURYN_I32: {
      int32_t x;
      std::memcpy(&x, slot, 4);
      results.push_back(HostValue::ofInt(x, LAURYN_I32));
      break;
    }
    }
  }
  return results;
}

} // namespace lauryn
