// Parses an la program with the installed Lauryn libraries, runs la-optimize
// and prints the result.
#include "lauryn/Dialect/LA/Transforms/Passes.h"
#include "lauryn/InitAll.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/Support/raw_ostream.h"

int main() {
  mlir::DialectRegistry registry;
  lauryn::registerAllDialects(registry);
  mlir::MLIRContext ctx(registry);
  auto module = mlir::parseSourceString<mlir::ModuleOp>(R"mlir(
    func.func @f(%X: tensor<?x?xf64>) -> tensor<?x?xf64> {
      %0 = la.transpose %X : tensor<?x?xf64>
      %1 = la.transpose %0 : tensor<?x?xf64>
      return %1 : tensor<?x?xf64>
    })mlir", &ctx);
  if (!module)
    return 1;
  mlir::PassManager pm(&ctx);
  pm.addPass(lauryn::la::createOptimizePass());
  if (mlir::failed(pm.run(*module)))
    return 1;
  module->print(llvm::outs());
  return 0;
}
