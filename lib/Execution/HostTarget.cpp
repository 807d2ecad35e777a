//===- HostTarget.cpp - the LLVM target machine of this CPU ---------------===//

#include "HostTarget.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Analysis/TargetLibraryInfo.h"
#include "llvm/IR/Module.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/TargetParser/Host.h"

namespace lauryn {

llvm::Expected<std::unique_ptr<llvm::TargetMachine>> hostTargetMachine(bool hostCPU,
                                                                       unsigned level) {
  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();
  llvm::Triple triple(llvm::sys::getProcessTriple());
  std::string error;
  const llvm::Target *target = llvm::TargetRegistry::lookupTarget(triple, error);
  if (!target)
    return llvm::createStringError("no LLVM target for " + triple.str() + ": " + error);
  std::string cpu = hostCPU ? llvm::sys::getHostCPUName().str() : "x86-64-v2";
  std::string features;
  if (hostCPU) {
    llvm::SmallVector<std::string> list;
    for (auto &f : llvm::sys::getHostCPUFeatures())
      list.push_back((f.second ? "+" : "-") + f.first().str());
    features = llvm::join(list, ",");
  }
  llvm::TargetOptions options;
  std::unique_ptr<llvm::TargetMachine> tm(target->createTargetMachine(
      triple, cpu, features, options, llvm::Reloc::PIC_, std::nullopt,
      static_cast<llvm::CodeGenOptLevel>(level)));
  if (!tm)
    return llvm::createStringError("cannot create a target machine for " + triple.str());
  return tm;
}

bool usesVectorMathLibrary(const llvm::TargetMachine &tm) {
#ifdef LAURYN_LIBMVEC
  // LLVM maps to glibc's SSE (2 lanes) and AVX2 (4 lanes) variants; the AVX2
  // ones need AVX2 and FMA, which a portable x86-64-v2 target lacks.
  llvm::StringRef features = tm.getTargetFeatureString();
  return tm.getTargetTriple().isX86() && features.contains("+avx2") && features.contains("+fma");
#else
  (void)tm;
  return false;
#endif
}

llvm::Error optimizeModule(llvm::Module &module, llvm::TargetMachine &tm, unsigned level) {
  if (level == 0)
    return llvm::Error::success();
  llvm::LoopAnalysisManager lam;
  llvm::FunctionAnalysisManager fam;
  llvm::CGSCCAnalysisManager cgam;
  llvm::ModuleAnalysisManager mam;
  llvm::PipelineTuningOptions tuning;
  tuning.LoopVectorization = level > 1;
  tuning.SLPVectorization = level > 1;
  llvm::PassBuilder pb(&tm, tuning);
  // Calls of exp, log, sin, cos, tan, pow in vectorized loops become calls
  // of glibc's vector variants (libmvec) instead of one scalar call per lane.
  llvm::TargetLibraryInfoImpl libraryInfo(
      tm.getTargetTriple(), usesVectorMathLibrary(tm) ? llvm::VectorLibrary::LIBMVEC
                                                      : llvm::VectorLibrary::NoLibrary);
  fam.registerPass([&] { return llvm::TargetLibraryAnalysis(libraryInfo); });
  pb.registerModuleAnalyses(mam);
  pb.registerCGSCCAnalyses(cgam);
  pb.registerFunctionAnalyses(fam);
  pb.registerLoopAnalyses(lam);
  pb.crossRegisterProxies(lam, fam, cgam, mam);
  llvm::OptimizationLevel levels[] = {llvm::OptimizationLevel::O0, llvm::OptimizationLevel::O1,
                                      llvm::OptimizationLevel::O2, llvm::OptimizationLevel::O3};
  llvm::ModulePassManager mpm = pb.buildPerModuleDefaultPipeline(levels[std::min(level, 3u)]);
  mpm.run(module, mam);
  return llvm::Error::success();
}

} // namespace lauryn
