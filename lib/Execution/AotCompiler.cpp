//===- AotCompiler.cpp - ahead-of-time compilation of la programs ---------===//

#include "lauryn/Execution/AotCompiler.h"

#include "HostTarget.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/OpenMP/OpenMPToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Export.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Module.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/TargetParser/Host.h"

#include <dlfcn.h>

using namespace mlir;

namespace lauryn {

#ifndef LAURYN_MLIR_LIBRARY_DIR
#error "LAURYN_MLIR_LIBRARY_DIR must name the directory of libmlir_c_runner_utils"
#endif
#ifndef LAURYN_CLANG
#error "LAURYN_CLANG must name the clang used to link shared libraries"
#endif

namespace {

/// Directory of liblauryn_rt (next to the running tool's libraries).
std::string runtimeDirectory() {
  Dl_info info;
  if (dladdr(reinterpret_cast<void *>(&lauryn_rt_version), &info) && info.dli_fname)
    return llvm::sys::path::parent_path(info.dli_fname).str();
  return ".";
}

/// Writes `text` to `path` atomically (temp file + rename).
llvm::Error writeFile(llvm::StringRef path, llvm::StringRef text) {
  std::string error;
  auto out = openOutputFile(path, &error);
  if (!out)
    return llvm::createStringError(error);
  out->os() << text;
  out->os().flush();
  if (out->os().has_error())
    return llvm::createStringError("cannot write " + path.str());
  out->keep();
  return llvm::Error::success();
}


/// Emits `module` as an object file at `path`.
llvm::Error emitObject(llvm::Module &module, llvm::TargetMachine &tm, llvm::StringRef path) {
  std::string error;
  auto out = openOutputFile(path, &error);
  if (!out)
    return llvm::createStringError(error);
  llvm::legacy::PassManager pm;
  if (tm.addPassesToEmitFile(pm, out->os(), nullptr, llvm::CodeGenFileType::ObjectFile))
    return llvm::createStringError("the target cannot emit object files");
  pm.run(module);
  out->os().flush();
  if (out->os().has_error())
    return llvm::createStringError("cannot write " + path.str());
  out->keep();
  return llvm::Error::success();
}

/// Links `object` into the shared library `path` (through a temporary file),
/// with glibc's vector math library if the code calls it.
llvm::Error linkSharedLibrary(llvm::StringRef object, llvm::StringRef path, bool vectorMath) {
  std::string rt = runtimeDirectory();
  std::string temp = (path + ".tmp").str();
  // -Bsymbolic-functions: the library's entries call its own functions even
  // where the program defines one of the same name (an entry called `main`).
  llvm::SmallVector<std::string> args{LAURYN_CLANG, "-shared", "-Wl,-Bsymbolic-functions",
                                      "-o", temp, object.str(),
                                      "-L" + rt, "-llauryn_rt", "-Wl,-rpath," + rt,
                                      "-L" LAURYN_MLIR_LIBRARY_DIR, "-lmlir_c_runner_utils",
                                      "-lomp", "-Wl,-rpath," LAURYN_MLIR_LIBRARY_DIR, "-lm"};
  if (vectorMath)
    args.push_back("-lmvec");
  llvm::SmallVector<llvm::StringRef> refs(args.begin(), args.end());
  std::string error;
  int rc = llvm::sys::ExecuteAndWait(LAURYN_CLANG, refs, std::nullopt, {}, 0, 0, &error);
  if (rc != 0) {
    llvm::sys::fs::remove(temp);
    return llvm::createStringError("linking " + path.str() + " with " LAURYN_CLANG " failed" +
                                   (error.empty() ? "" : ": " + error));
  }
  if (std::error_code ec = llvm::sys::fs::rename(temp, path)) {
    llvm::sys::fs::remove(temp);
    return llvm::createStringError("cannot write " + path.str() + ": " + ec.message());
  }
  return llvm::Error::success();
}

} // namespace

llvm::Error compileAheadOfTime(ModuleOp module, const AotOptions &options) {
  auto sigs = lowerToLLVMDialect(module, options.entries, options);
  if (!sigs)
    return sigs.takeError();

  if (!options.headerPath.empty()) {
    std::string stem = llvm::sys::path::stem(options.headerPath).str();
    if (llvm::Error err = writeFile(options.headerPath,
                                    generateCHeader(*sigs, stem, options.outputPath)))
      return err;
  }

  if (options.emit == EmitKind::MLIR) {
    std::string text;
    llvm::raw_string_ostream os(text);
    module.print(os);
    return writeFile(options.outputPath, text);
  }

  MLIRContext *ctx = module.getContext();
  registerBuiltinDialectTranslation(*ctx);
  registerLLVMDialectTranslation(*ctx);
  registerOpenMPDialectTranslation(*ctx);
  llvm::LLVMContext llvmContext;
  std::unique_ptr<llvm::Module> llvmModule = translateModuleToLLVMIR(module, llvmContext);
  if (!llvmModule)
    return llvm::createStringError("translation to LLVM IR failed (see the errors above)");
  unsigned level = std::min(options.llvmOptLevel, 3u);
  auto tm = hostTargetMachine(options.hostCPU, level);
  if (!tm)
    return tm.takeError();
  llvmModule->setTargetTriple((*tm)->getTargetTriple());
  llvmModule->setDataLayout((*tm)->createDataLayout());
  if (llvm::Error err = optimizeModule(*llvmModule, **tm, level))
    return err;

  if (options.emit == EmitKind::LLVMIR) {
    std::string text;
    llvm::raw_string_ostream os(text);
    llvmModule->print(os, nullptr);
    return writeFile(options.outputPath, text);
  }
  if (options.emit == EmitKind::Object)
    return emitObject(*llvmModule, **tm, options.outputPath);

  llvm::SmallString<128> object;
  if (std::error_code ec = llvm::sys::fs::createTemporaryFile("laurync", "o", object))
    return llvm::createStringError("cannot create a temporary file: " + ec.message());
  llvm::Error result = emitObject(*llvmModule, **tm, object);
  if (!result)
    result = linkSharedLibrary(object, options.outputPath, usesVectorMathLibrary(**tm));
  llvm::sys::fs::remove(object);
  return result;
}

} // namespace lauryn
