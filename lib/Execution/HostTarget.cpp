//===- HostTarget.cpp - the LLVM target machine of this CPU ---------------===//

#include "HostTarget.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/MC/TargetRegistry.h"
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

} // namespace lauryn
