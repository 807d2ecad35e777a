//===- LATypeInferenceTest.cpp - result types from builders ---------------===//

#include "TestUtils.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/Diagnostics.h"

using namespace mlir;
using namespace lauryn;

namespace {

class LATypeInference : public ::testing::Test {
protected:
  LATypeInference() : ctx(test::makeContext()), b(ctx.get()), loc(b.getUnknownLoc()) {
    module = ModuleOp::create(loc);
    b.setInsertionPointToEnd(module->getBody());
  }

  /// A block argument of type `t` to build ops on.
  Value arg(Type t) {
    if (!block) {
      block = new Block();
      module->getBody()->push_back(
          Operation::create(loc, OperationName("test.region", ctx.get()), {}, {},
                            NamedAttrList(), nullptr, {}, 1));
      module->getBody()->back().getRegion(0).push_back(block);
      b.setInsertionPointToEnd(block);
    }
    return block->addArgument(t, loc);
  }

  RankedTensorType mat(int64_t r, int64_t c, Type e = {}) {
    return RankedTensorType::get({r, c}, e ? e : b.getF64Type());
  }

  std::unique_ptr<MLIRContext> ctx;
  OpBuilder b;
  Location loc;
  OwningOpRef<ModuleOp> module;
  Block *block = nullptr;
};

constexpr int64_t kDyn = ShapedType::kDynamic;

TEST_F(LATypeInference, BroadcastsScalarsAndVectors) {
  ctx->allowUnregisteredDialects();
  Value X = arg(mat(kDyn, 100)), row = arg(mat(1, 100)), col = arg(mat(kDyn, 1));
  Value s = arg(b.getF64Type());
  EXPECT_EQ(la::AddOp::create(b, loc, X, s).getType(), mat(kDyn, 100));
  EXPECT_EQ(la::AddOp::create(b, loc, s, s).getType(), b.getF64Type());
  EXPECT_EQ(la::MulOp::create(b, loc, X, row).getType(), mat(kDyn, 100));
  EXPECT_EQ(la::SubOp::create(b, loc, col, row).getType(), mat(kDyn, 100));
  EXPECT_EQ(la::LtOp::create(b, loc, X, col).getType(), mat(kDyn, 100));
}

TEST_F(LATypeInference, AggregatesMatmulAndReorganisations) {
  ctx->allowUnregisteredDialects();
  Value X = arg(mat(kDyn, 7)), Y = arg(mat(7, 3));
  EXPECT_EQ(la::SumOp::create(b, loc, X, la::AxisAttr::get(ctx.get(), la::Axis::row))
                .getType(),
            mat(kDyn, 1));
  EXPECT_EQ(la::MaxOp::create(b, loc, X, la::AxisAttr::get(ctx.get(), la::Axis::col))
                .getType(),
            mat(1, 7));
  EXPECT_EQ(la::NnzOp::create(b, loc, X, la::AxisAttr::get(ctx.get(), la::Axis::all))
                .getType(),
            b.getI64Type());
  EXPECT_EQ(la::MatMulOp::create(b, loc, X, Y).getType(), mat(kDyn, 3));
  EXPECT_EQ(la::TransposeOp::create(b, loc, X).getType(), mat(7, kDyn));
  EXPECT_EQ(la::CBindOp::create(b, loc, ValueRange{Y, Y}).getType(), mat(7, 6));
  EXPECT_EQ(la::RBindOp::create(b, loc, ValueRange{Y, Y}).getType(), mat(14, 3));
  EXPECT_EQ(la::DiagOp::create(b, loc, arg(mat(5, 1))).getType(), mat(5, 5));
  EXPECT_EQ(la::DiagOp::create(b, loc, arg(mat(5, 5))).getType(), mat(5, 1));
}

TEST_F(LATypeInference, RejectsIncompatibleShapesWithALocatedError) {
  ctx->allowUnregisteredDialects();
  std::string message;
  ScopedDiagnosticHandler handler(ctx.get(), [&](Diagnostic &d) {
    message = d.str();
    return success();
  });
  SmallVector<Type> inferred;
  Value A = arg(mat(3, 4)), B = arg(mat(5, 4));
  EXPECT_TRUE(failed(la::AddOp::inferReturnTypes(ctx.get(), loc, ValueRange{A, B},
                                                 DictionaryAttr::get(ctx.get()), OpaqueProperties(nullptr), RegionRange(),
                                                 inferred)));
  EXPECT_NE(message.find("incompatible row counts (3 vs 5)"), std::string::npos) << message;
  EXPECT_TRUE(failed(la::MatMulOp::inferReturnTypes(ctx.get(), loc, ValueRange{A, B},
                                                    DictionaryAttr::get(ctx.get()), OpaqueProperties(nullptr),
                                                    RegionRange(), inferred)));
  EXPECT_NE(message.find("inner dimensions differ"), std::string::npos) << message;
  Value I = arg(mat(3, 4, b.getI64Type()));
  EXPECT_TRUE(failed(la::ExpOp::inferReturnTypes(ctx.get(), loc, ValueRange{I},
                                                 DictionaryAttr::get(ctx.get()), OpaqueProperties(nullptr), RegionRange(),
                                                 inferred)));
  EXPECT_NE(message.find("requires a floating-point element type"), std::string::npos);
}

} // namespace
