//===- TestUtils.h - shared helpers of the la unit tests --------*- C++ -*-===//

#ifndef LAURYN_TEST_UNIT_TESTUTILS_H
#define LAURYN_TEST_UNIT_TESTUTILS_H

#include "lauryn/Dialect/LA/IR/LAOps.h"
#include "lauryn/InitAll.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"

#include "gtest/gtest.h"

namespace lauryn::test {

/// A context with Lauryn's dialects loaded.
inline std::unique_ptr<mlir::MLIRContext> makeContext() {
  mlir::DialectRegistry registry;
  lauryn::registerAllDialects(registry);
  auto ctx = std::make_unique<mlir::MLIRContext>(registry);
  ctx->loadAllAvailableDialects();
  return ctx;
}

/// Parses `source`; fails the test on a parse or verification error.
inline mlir::OwningOpRef<mlir::ModuleOp> parse(mlir::MLIRContext &ctx,
                                               llvm::StringRef source) {
  auto module = mlir::parseSourceString<mlir::ModuleOp>(source, &ctx);
  EXPECT_TRUE(module) << "failed to parse:\n" << source.str();
  return module;
}

/// The first op of type OpT in `module`.
template <typename OpT>
OpT first(mlir::ModuleOp module) {
  OpT found;
  module.walk([&](OpT op) {
    if (!found)
      found = op;
  });
  return found;
}

/// All ops of type OpT in `module`, in walk order.
template <typename OpT>
llvm::SmallVector<OpT> all(mlir::ModuleOp module) {
  llvm::SmallVector<OpT> ops;
  module.walk([&](OpT op) { ops.push_back(op); });
  return ops;
}

inline la::ValueStats dense(int64_t rows, int64_t cols, double density = 1.0) {
  la::ValueStats s;
  s.rows = rows;
  s.cols = cols;
  s.density = density;
  return s;
}

inline la::ValueStats sparse(int64_t rows, int64_t cols, double density) {
  la::ValueStats s = dense(rows, cols, density);
  s.isSparse = true;
  return s;
}

inline la::ValueStats scalar() {
  la::ValueStats s;
  s.isScalar = true;
  return s;
}

} // namespace lauryn::test

#endif // LAURYN_TEST_UNIT_TESTUTILS_H
