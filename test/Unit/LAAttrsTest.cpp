//===- LAAttrsTest.cpp - #la.sparsity and #la.lineage ---------------------===//

#include "TestUtils.h"

#include "mlir/AsmParser/AsmParser.h"
#include "mlir/IR/Diagnostics.h"

using namespace mlir;
using namespace lauryn;

namespace {

std::string print(Attribute a) {
  std::string s;
  llvm::raw_string_ostream os(s);
  a.print(os);
  return s;
}

TEST(LAAttrs, SparsityRoundTrip) {
  auto ctx = test::makeContext();
  Attribute a = parseAttribute("#la.sparsity<nnz = 120, estimator = \"mnc\">", ctx.get());
  ASSERT_TRUE(a);
  auto s = cast<la::SparsityAttr>(a);
  EXPECT_EQ(s.getNnz(), 120);
  EXPECT_FALSE(s.getDensity().has_value());
  EXPECT_EQ(s.getEstimator(), "mnc");
  EXPECT_EQ(print(a), "#la.sparsity<nnz = 120, estimator = \"mnc\">");
  EXPECT_EQ(parseAttribute(print(a), ctx.get()), a);
}

TEST(LAAttrs, SparsityDensityFor) {
  auto ctx = test::makeContext();
  auto byNnz = cast<la::SparsityAttr>(parseAttribute("#la.sparsity<nnz = 25>", ctx.get()));
  EXPECT_DOUBLE_EQ(*byNnz.getDensityFor(100), 0.25);
  EXPECT_FALSE(byNnz.getDensityFor(std::nullopt).has_value());
  auto byDensity =
      cast<la::SparsityAttr>(parseAttribute("#la.sparsity<density = 0.5>", ctx.get()));
  EXPECT_DOUBLE_EQ(*byDensity.getDensityFor(std::nullopt), 0.5);
}

TEST(LAAttrs, SparsityRejectsBadValues) {
  auto ctx = test::makeContext();
  std::vector<std::string> messages;
  ScopedDiagnosticHandler handler(ctx.get(), [&](Diagnostic &d) {
    messages.push_back(d.str());
    return success();
  });
  EXPECT_FALSE(parseAttribute("#la.sparsity<density = 1.5>", ctx.get()));
  EXPECT_FALSE(parseAttribute("#la.sparsity<nnz = -1>", ctx.get()));
  EXPECT_FALSE(parseAttribute("#la.sparsity<estimator = \"avg\">", ctx.get()));
  EXPECT_FALSE(parseAttribute("#la.sparsity<rows = 3>", ctx.get()));
  ASSERT_EQ(messages.size(), 4u);
  EXPECT_NE(messages[0].find("density must be in [0, 1]"), std::string::npos);
  EXPECT_NE(messages[1].find("nnz must be non-negative"), std::string::npos);
  EXPECT_NE(messages[2].find("needs nnz or density"), std::string::npos);
  EXPECT_NE(messages[3].find("unknown #la.sparsity field 'rows'"), std::string::npos);
}

TEST(LAAttrs, LineagePrintsFixedWidthHex) {
  auto ctx = test::makeContext();
  auto a = la::LineageAttr::get(ctx.get(), 0xabcULL);
  EXPECT_EQ(print(a), "#la.lineage<0x0000000000000abc>");
  EXPECT_EQ(parseAttribute(print(a), ctx.get()), a);
  auto big = la::LineageAttr::get(ctx.get(), 0xfedcba9876543210ULL);
  EXPECT_EQ(parseAttribute(print(big), ctx.get()), big);
}

} // namespace
