//===- FuzzOpt.cpp - libFuzzer target: parse, verify, lower an la module --===//
//
// What lauryn-opt does with a file: parse (every registered dialect, except
// input that spells linalg ops), verify, and run the default CPU pipeline. Malformed or unsupported input must end
// in diagnostics (swallowed here), never in a crash, an assertion or a hang.
//
//===----------------------------------------------------------------------===//

#include "lauryn/InitAll.h"
#include "lauryn/Pipelines/Passes.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"

#include <cstdint>
#include <string>

using namespace mlir;

namespace {

DialectRegistry &registry() {
  static DialectRegistry *r = [] {
    auto *reg = new DialectRegistry();
    registerAllDialects(*reg);
    registerAllExtensions(*reg);
    lauryn::registerAllDialects(*reg);
    return reg;
  }();
  return *r;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***) {
  lauryn::registerAllPasses();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  MLIRContext ctx(registry(), MLIRContext::Threading::DISABLED);
  ScopedDiagnosticHandler quiet(&ctx, [](Diagnostic &) { return success(); });
  std::string text(reinterpret_cast<const char *>(data), size);
  // Upstream parsers of other dialects are not what this fuzzer tests, and
  // some crash on malformed input (MLIR 22: linalg.transpose with
  // `permutation = [1# 0]` segfaults stock mlir-opt too). la programs reach
  // linalg only through the pipeline, never through the parser.
  if (text.find("linalg.") != std::string::npos)
    return 0;
  OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(text, &ctx);
  if (!module || failed(verify(*module)))
    return 0;
  PassManager pm(&ctx);
  lauryn::buildLAToLinalgPipeline(pm, /*optimize=*/true, /*runtimeChecks=*/true);
  lauryn::buildCPUTail(pm, lauryn::CPUTailOptions{});
  (void)pm.run(*module);
  return 0;
}
