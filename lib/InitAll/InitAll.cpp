//===- InitAll.cpp - the one registration point of Lauryn -----------------===//

#include "lauryn/InitAll.h"

#include "lauryn/Conversion/LAToLinalg/Passes.h"
#include "lauryn/Conversion/LinalgToBlas/Passes.h"
#include "lauryn/Dialect/LA/IR/LADialect.h"
#include "lauryn/Dialect/LA/Transforms/Passes.h"
#include "lauryn/Pipelines/Passes.h"
#include "mlir/Dialect/Func/Extensions/InlinerExtension.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/DialectRegistry.h"

void lauryn::registerAllDialects(mlir::DialectRegistry &registry) {
  registry.insert<la::LADialect, mlir::arith::ArithDialect,
                  mlir::func::FuncDialect, mlir::scf::SCFDialect,
                  mlir::sparse_tensor::SparseTensorDialect,
                  mlir::tensor::TensorDialect>();
  // la-optimize inlines calls (func.call / func.return).
  mlir::func::registerInlinerExtension(registry);
}

void lauryn::registerAllPasses() {
  // Both the dialect and the pass plugin entry points may call this.
  static const bool registered = [] {
    la::registerLAPasses();
    la::registerLAToLinalgPasses();
    registerLinalgToBlasPasses();
    registerLaurynPipelinesPasses();
    return true;
  }();
  (void)registered;
}
