//===- JitProgram.cpp - compile an la module and run its entry point ------===//

#include "lauryn/Execution/JitProgram.h"

#include "lauryn/Pipelines/Passes.h"

#include "lauryn/Dialect/LA/IR/LADialect.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/SparseTensor/Transforms/Passes.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"

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

/// Gives matrix parameters of `fn` the static shapes of the actual arguments.
/// la ops accept the more static operands directly; other users see the
/// declared type through a tensor.cast.
static llvm::Error specializeParameters(func::FuncOp fn, const JitOptions &options) {
  if (options.argumentShapes.empty())
    return llvm::Error::success();
  if (options.argumentShapes.size() != fn.getNumArguments())
    return llvm::createStringError("@" + fn.getName().str() + " takes " +
                                   std::to_string(fn.getNumArguments()) + " arguments, " +
                                   std::to_string(options.argumentShapes.size()) + " given");
  Block &entry = fn.getBody().front();
  OpBuilder b = OpBuilder::atBlockBegin(&entry);
  SmallVector<Type> inputs(fn.getArgumentTypes());
  for (auto [i, shape] : llvm::enumerate(options.argumentShapes)) {
    auto type = dyn_cast<RankedTensorType>(inputs[i]);
    if (!shape || !type)
      continue;
    for (int d = 0; d < 2; ++d) {
      int64_t declared = type.getDimSize(d);
      int64_t actual = d == 0 ? shape->first : shape->second;
      std::string name = "#" + std::to_string(i);
      if (auto attr = fn.getArgAttrOfType<StringAttr>(i, kParamNameAttr))
        name = "'" + attr.getValue().str() + "'";
      if (!ShapedType::isDynamic(declared) && declared != actual)
        return llvm::createStringError(
            "argument " + name + " of @" + fn.getName().str() + " is " +
            std::to_string(shape->first) + "x" + std::to_string(shape->second) +
            ", but the parameter's type requires " +
            (type.isDynamicDim(0) ? std::string("?") : std::to_string(type.getDimSize(0))) + "x" +
            (type.isDynamicDim(1) ? std::string("?") : std::to_string(type.getDimSize(1))));
    }
    auto specialized = RankedTensorType::get({shape->first, shape->second},
                                             type.getElementType(), type.getEncoding());
    if (specialized == type)
      continue;
    BlockArgument arg = entry.getArgument(i);
    arg.setType(specialized);
    inputs[i] = specialized;
    Value declared;
    for (OpOperand &use : llvm::make_early_inc_range(arg.getUses())) {
      if (isa<la::LADialect>(use.getOwner()->getDialect()))
        continue;
      if (!declared)
        declared = tensor::CastOp::create(b, fn.getLoc(), type, arg);
      if (use.getOwner() != declared.getDefiningOp())
        use.set(declared);
    }
  }
  fn.setFunctionType(FunctionType::get(fn.getContext(), inputs, fn.getResultTypes()));
  return llvm::Error::success();
}

llvm::Expected<std::unique_ptr<JitProgram>>
JitProgram::compile(ModuleOp module, const JitOptions &options, CompileTimes *times) {
  auto fn = module.lookupSymbol<func::FuncOp>(options.entry);
  if (!fn || fn.isExternal()) {
    std::string available;
    for (auto f : module.getOps<func::FuncOp>())
      if (!f.isExternal())
        available += (available.empty() ? "@" : ", @") + f.getName().str();
    return llvm::createStringError("no function @" + options.entry +
                                   " with a body in the module" +
                                   (available.empty() ? "" : "; it defines " + available));
  }
  if (llvm::Error err = specializeParameters(fn, options))
    return std::move(err);
  auto sig = EntrySignature::of(fn);
  if (!sig)
    return sig.takeError();
  bool sparseParams = false;
  for (const ValueKind &p : sig->params)
    if (p.kind == ValueKind::SparseCSR) {
      sparseParams = true;
      if (p.rows < 0 || p.cols < 0)
        return llvm::createStringError(
            "a CSR parameter needs the argument's shape at compile time (argumentShapes)");
    }
  for (const ValueKind &r : sig->results)
    if (r.kind == ValueKind::SparseCSR)
      return llvm::createStringError("@" + sig->name +
                                     " returns a CSR matrix; entry points return dense matrices "
                                     "(convert the result with la.convert)");
  MLIRContext *ctx = module.getContext();

  CompileTimes local;
  CompileTimes &t = times ? *times : local;
  auto start = std::chrono::steady_clock::now();
  PassManager toLinalg(ctx);
  buildLAToLinalgPipeline(toLinalg, options.optimize, options.runtimeChecks);
  if (failed(toLinalg.run(module)))
    return llvm::createStringError("lowering la to linalg failed (see the errors above)");
  if (sparseParams) {
    // CSR parameters arrive as (positions, coordinates, values) buffers.
    PassManager assemble(ctx);
    assemble.addPass(createSparseAssembler());
    if (failed(assemble.run(module)))
      return llvm::createStringError("assembling sparse parameters failed (see the errors above)");
    fn = module.lookupSymbol<func::FuncOp>(options.entry);
  }
  fn->setAttr("llvm.emit_c_interface", UnitAttr::get(ctx));
  t.laToLinalgMs = millisecondsSince(start);

  start = std::chrono::steady_clock::now();
  PassManager tail(ctx);
  buildCPUTail(tail, options.vectorLength, /*sparseRuntimeLibrary=*/false);
  if (failed(tail.run(module)))
    return llvm::createStringError("lowering to the LLVM dialect failed (see the errors above)");
  t.cpuTailMs = millisecondsSince(start);

  start = std::chrono::steady_clock::now();
  registerBuiltinDialectTranslation(*ctx);
  registerLLVMDialectTranslation(*ctx);
  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();
  std::string rtLib = libraryDirectory() + "/liblauryn_rt.so";
  std::string runnerUtils = std::string(LAURYN_MLIR_LIBRARY_DIR) + "/libmlir_c_runner_utils.so";
  std::vector<std::string> libs{runnerUtils, rtLib};
  libs.insert(libs.end(), options.sharedLibs.begin(), options.sharedLibs.end());
  for (const std::string &lib : libs)
    if (!llvm::sys::fs::exists(lib))
      return llvm::createStringError("cannot find the shared library " + lib);
  SmallVector<StringRef> libRefs(libs.begin(), libs.end());
  unsigned level = std::min(options.llvmOptLevel, 3u);
  auto transformer = makeOptimizingTransformer(level, /*sizeLevel=*/0, /*targetMachine=*/nullptr);
  ExecutionEngineOptions engineOptions;
  engineOptions.transformer = transformer;
  engineOptions.jitCodeGenOptLevel = static_cast<llvm::CodeGenOptLevel>(level);
  engineOptions.sharedLibPaths = libRefs;
  auto engine = ExecutionEngine::create(module, engineOptions);
  if (!engine)
    return engine.takeError();
  t.llvmMs = millisecondsSince(start);

  std::unique_ptr<JitProgram> program(new JitProgram());
  program->sig = std::move(*sig);
  program->engine = std::move(*engine);
  return program;
}

namespace {

size_t scalarSize(lauryn_dtype t) { return lauryn_rt_dtype_size(t); }

/// Layout of the entry point's result struct (C/LLVM natural alignment).
struct ResultLayout {
  llvm::SmallVector<size_t> offsets;
  size_t size = 0;
  ResultLayout(llvm::ArrayRef<ValueKind> results) {
    for (const ValueKind &r : results) {
      size_t bytes = r.isMatrix() ? sizeof(MemRef2D)
                                  : (r.kind == ValueKind::Index ? 8 : scalarSize(r.dtype));
      size_t align = r.isMatrix() ? alignof(MemRef2D) : bytes;
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

/// A copy of the result memref `m` as a runtime matrix; frees the memref.
llvm::Expected<HostValue> takeMatrix(const MemRef2D &m, lauryn_dtype dtype) {
  lauryn_matrix *out = nullptr;
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
  free(m.allocated);
  return HostValue::ofMatrix(out);
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
      if (p.dtype == LAURYN_I32 && p.kind != ValueKind::Index)
        scalars[i].i32 = int32_t(floatArg ? int64_t(asDouble) : a.i);
      else
        scalars[i].i64 = floatArg ? int64_t(asDouble) : a.i;
      break;
    }
    packed.push_back(&scalars[i]);
  }
  // A single scalar result is returned by value through the last pointer.
  ScalarSlot scalarResult{};
  if (!structResult && sig.results.size() == 1)
    packed.push_back(&scalarResult);

  if (llvm::Error err = engine->invokePacked("_mlir_ciface_" + sig.name, packed))
    return std::move(err);

  llvm::SmallVector<HostValue> results;
  for (auto [r, kind] : llvm::enumerate(sig.results)) {
    const char *slot = structResult ? resultStorage.data() + layout.offsets[r]
                                    : reinterpret_cast<const char *>(&scalarResult);
    if (kind.isMatrix()) {
      MemRef2D m;
      std::memcpy(&m, slot, sizeof(m));
      auto v = takeMatrix(m, kind.dtype);
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
