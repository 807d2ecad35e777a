//===- LAPlugin.cpp - la dialect and passes as a plugin for mlir-opt ------===//
//
//   mlir-opt --load-dialect-plugin=LAPlugin.so \
//            --pass-pipeline="builtin.module(la-optimize)" in.mlir
//
// Plugin passes are not top-level flags of mlir-opt (llvm/llvm-project#78020):
// name them in --pass-pipeline.
//
//===----------------------------------------------------------------------===//

#include "lauryn/InitAll.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/Plugins/DialectPlugin.h"
#include "mlir/Tools/Plugins/PassPlugin.h"
#include "llvm/Config/llvm-config.h"

extern "C" LLVM_ATTRIBUTE_WEAK mlir::DialectPluginLibraryInfo
mlirGetDialectPluginInfo() {
  return {MLIR_PLUGIN_API_VERSION, "Lauryn", LLVM_VERSION_STRING,
          [](mlir::DialectRegistry *registry) {
            lauryn::registerAllDialects(*registry);
            lauryn::registerAllPasses();
          }};
}

extern "C" LLVM_ATTRIBUTE_WEAK mlir::PassPluginLibraryInfo
mlirGetPassPluginInfo() {
  return {MLIR_PLUGIN_API_VERSION, "Lauryn", LLVM_VERSION_STRING,
          []() { lauryn::registerAllPasses(); }};
}
