//===- LACostTest.cpp - CostOpInterface formulas --------------------------===//

#include "TestUtils.h"

using namespace mlir;
using namespace lauryn;
using test::dense;
using test::scalar;
using test::sparse;

namespace {

constexpr llvm::StringLiteral kProgram = R"mlir(
func.func @f(%A: tensor<?x?xf64>, %B: tensor<?x?xf64>, %s: f64,
             %i0: index, %i1: index) {
  %0 = la.matmul %A, %B : tensor<?x?xf64>, tensor<?x?xf64>
  %1 = la.exp %A : tensor<?x?xf64>
  %2 = la.sum %A : tensor<?x?xf64>
  %3 = la.solve %A, %B : tensor<?x?xf64>, tensor<?x?xf64>
  %4 = la.slice %A, %i0, %i1, %i0, %i1 : tensor<?x?xf64>, index, index, index, index
  %5 = la.mul %A, %s : tensor<?x?xf64>, f64
  %6 = la.transpose %A : tensor<?x?xf64>
  return
}
)mlir";

la::OpCost costOf(Operation *op, ArrayRef<la::ValueStats> in, const la::ValueStats &out) {
  return cast<la::CostOpInterface>(op).estimateCost(in, out);
}

TEST(LACost, MatMulIsTwoMKNScaledByLhsSparsity) {
  auto ctx = test::makeContext();
  auto module = test::parse(*ctx, kProgram);
  auto mm = test::first<la::MatMulOp>(*module);
  la::OpCost c = costOf(mm, {dense(100, 50), dense(50, 20)}, dense(100, 20));
  EXPECT_DOUBLE_EQ(c.flops, 2.0 * 100 * 50 * 20);
  EXPECT_DOUBLE_EQ(c.bytesRead, 8.0 * (100 * 50 + 50 * 20));
  EXPECT_DOUBLE_EQ(c.bytesWritten, 8.0 * 100 * 20);
  la::OpCost s = costOf(mm, {sparse(100, 50, 0.1), dense(50, 20)}, dense(100, 20));
  EXPECT_DOUBLE_EQ(s.flops, 2.0 * 100 * 50 * 0.1 * 20);
  // CSR bytes: nnz * (8 value + 8 index) + (rows + 1) * 8 row pointers.
  EXPECT_DOUBLE_EQ(s.bytesRead, 500.0 * 16 + 101 * 8 + 8.0 * 50 * 20);
}

TEST(LACost, ElementwiseUsesTheOpsFlopWeight) {
  auto ctx = test::makeContext();
  auto module = test::parse(*ctx, kProgram);
  auto exp = test::first<la::ExpOp>(*module);
  EXPECT_DOUBLE_EQ(cast<la::CostOpInterface>(exp.getOperation()).getCellFlops(), 18.0);
  la::OpCost c = costOf(exp, {dense(10, 10)}, dense(10, 10));
  EXPECT_DOUBLE_EQ(c.flops, 18.0 * 100);
  auto mul = test::first<la::MulOp>(*module);
  // A sparse result is computed only at its non-zeros.
  la::OpCost m = costOf(mul, {sparse(10, 10, 0.2), scalar()}, sparse(10, 10, 0.2));
  EXPECT_DOUBLE_EQ(m.flops, 20.0);
}

TEST(LACost, AggregateChargesPerInputCell) {
  auto ctx = test::makeContext();
  auto module = test::parse(*ctx, kProgram);
  auto sum = test::first<la::SumOp>(*module);
  la::OpCost c = costOf(sum, {dense(1000, 10)}, scalar());
  EXPECT_DOUBLE_EQ(c.flops, 4.0 * 10000);
  EXPECT_DOUBLE_EQ(c.bytesWritten, 8.0);
}

TEST(LACost, SolveAndDataMovement) {
  auto ctx = test::makeContext();
  auto module = test::parse(*ctx, kProgram);
  la::OpCost solve = costOf(test::first<la::SolveOp>(*module),
                            {dense(30, 30), dense(30, 2)}, dense(30, 2));
  EXPECT_DOUBLE_EQ(solve.flops, 2.0 / 3.0 * 27000 + 2.0 * 900 * 2);
  la::OpCost slice = costOf(test::first<la::SliceOp>(*module),
                            {dense(1000, 1000), scalar(), scalar(), scalar(), scalar()},
                            dense(10, 10));
  EXPECT_DOUBLE_EQ(slice.bytesRead, 800.0);
  EXPECT_DOUBLE_EQ(slice.flops, 0.0);
  la::OpCost t = costOf(test::first<la::TransposeOp>(*module), {dense(4, 5)}, dense(5, 4));
  EXPECT_DOUBLE_EQ(t.flops, 0.0);
  EXPECT_DOUBLE_EQ(t.bytesRead, 160.0);
  EXPECT_DOUBLE_EQ(t.bytesWritten, 160.0);
}

TEST(LACost, EveryOpImplementsTheInterfaces) {
  auto ctx = test::makeContext();
  for (RegisteredOperationName name : ctx->getRegisteredOperations()) {
    if (name.getDialectNamespace() != "la")
      continue;
    // Structure, not computation: a fused operator's (or cached value's)
    // cost and sparsity are those of its body's ops; identities and keys of
    // the lineage cache are scalars.
    if (llvm::is_contained({"la.fused", "la.yield", "la.cached", "la.identity",
                            "la.lineage_key"},
                           name.getStringRef()))
      continue;
    EXPECT_TRUE(name.hasInterface<la::CostOpInterface>()) << name.getStringRef().str();
    EXPECT_TRUE(name.hasInterface<la::SparsityPropagationOpInterface>())
        << name.getStringRef().str();
    EXPECT_TRUE(name.hasInterface<la::LineageOpInterface>()) << name.getStringRef().str();
  }
}

} // namespace
