//===- ProgramParser.cpp - parse an la program for the tools --------------===//

#include "lauryn/Execution/ProgramParser.h"

#include "lauryn/Execution/EntryPoint.h"

#include "mlir/AsmParser/AsmParser.h"
#include "mlir/AsmParser/AsmParserState.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"

using namespace mlir;

namespace lauryn {

OwningOpRef<ModuleOp> parseProgram(llvm::SourceMgr &sourceMgr, MLIRContext *context) {
  AsmParserState asmState;
  Block parsed;
  if (failed(parseAsmSourceFile(sourceMgr, &parsed, ParserConfig(context), &asmState)))
    return {};
  OwningOpRef<ModuleOp> module;
  if (llvm::hasSingleElement(parsed) && isa<ModuleOp>(parsed.front())) {
    module = cast<ModuleOp>(parsed.front());
    module.get()->remove();
  } else {
    module = ModuleOp::create(UnknownLoc::get(context));
    module->getBody()->getOperations().splice(module->getBody()->begin(),
                                              parsed.getOperations());
  }
  if (failed(verify(*module)))
    return {};
  for (auto fn : module->getOps<func::FuncOp>()) {
    if (fn.isExternal())
      continue;
    const AsmParserState::BlockDefinition *def = asmState.getBlockDef(&fn.getBody().front());
    if (!def)
      continue;
    for (auto [i, arg] : llvm::enumerate(def->arguments)) {
      llvm::StringRef text(arg.loc.Start.getPointer(),
                           arg.loc.End.getPointer() - arg.loc.Start.getPointer());
      fn.setArgAttr(i, kParamNameAttr, StringAttr::get(context, text.drop_front()));
    }
  }
  return module;
}

OwningOpRef<ModuleOp> loadProgram(llvm::StringRef path, llvm::SourceMgr &sourceMgr,
                                  MLIRContext *context, std::string &error) {
  std::unique_ptr<llvm::MemoryBuffer> file = openInputFile(path, &error);
  if (!file)
    return {};
  sourceMgr.AddNewSourceBuffer(std::move(file), llvm::SMLoc());
  return parseProgram(sourceMgr, context);
}

} // namespace lauryn
