//===- LADensityTest.cpp - metadata sparsity propagation ------------------===//

#include "TestUtils.h"

#include <cmath>

using namespace mlir;
using namespace lauryn;
using test::dense;
using test::scalar;
using test::sparse;

namespace {

constexpr llvm::StringLiteral kProgram = R"mlir(
func.func @f(%A: tensor<?x?xf64>, %B: tensor<?x?xf64>, %n: index) {
  %zero = arith.constant 0.0 : f64
  %one = arith.constant 1.0 : f64
  %0 = la.mul %A, %B : tensor<?x?xf64>, tensor<?x?xf64>
  %1 = la.add %A, %B : tensor<?x?xf64>, tensor<?x?xf64>
  %2 = la.matmul %A, %B : tensor<?x?xf64>, tensor<?x?xf64>
  %3 = la.ne %A, %zero : tensor<?x?xf64>, f64
  %4 = la.eq %A, %zero : tensor<?x?xf64>, f64
  %5 = la.not %A : tensor<?x?xf64>
  %6 = la.exp %A : tensor<?x?xf64>
  %7 = la.rand %n, %n {seed = 1 : i64, sparsity = 0.05 : f64} : index, index -> tensor<?x?xf64>
  %8 = la.fill %zero, %n, %n : f64, index, index -> tensor<?x?xf64>
  %9 = la.sum row %A : tensor<?x?xf64>
  %10 = la.cbind %A, %B : tensor<?x?xf64>, tensor<?x?xf64>
  %11 = la.eq %A, %one : tensor<?x?xf64>, f64
  %12 = la.prod col %A : tensor<?x?xf64>
  return
}
)mlir";

std::optional<double> densityOf(Operation *op, ArrayRef<la::ValueStats> in,
                                const la::ValueStats &out) {
  return cast<la::SparsityPropagationOpInterface>(op).propagateDensity(in, out);
}

TEST(LADensity, ElementwiseRules) {
  auto ctx = test::makeContext();
  auto module = test::parse(*ctx, kProgram);
  EXPECT_DOUBLE_EQ(*densityOf(test::first<la::MulOp>(*module),
                              {dense(10, 10, 0.2), dense(10, 10, 0.5)}, dense(10, 10)),
                   0.1);
  EXPECT_DOUBLE_EQ(*densityOf(test::first<la::AddOp>(*module),
                              {dense(10, 10, 0.2), dense(10, 10, 0.5)}, dense(10, 10)),
                   0.2 + 0.5 - 0.1);
  EXPECT_DOUBLE_EQ(*densityOf(test::first<la::NeOp>(*module),
                              {dense(10, 10, 0.3), scalar()}, dense(10, 10)),
                   0.3);
  auto eqs = test::all<la::EqOp>(*module);
  EXPECT_DOUBLE_EQ(*densityOf(eqs[0], {dense(10, 10, 0.3), scalar()}, dense(10, 10)), 0.7);
  // X == 1 has no metadata rule: dense fallback.
  EXPECT_DOUBLE_EQ(*densityOf(eqs[1], {dense(10, 10, 0.3), scalar()}, dense(10, 10)), 1.0);
  EXPECT_DOUBLE_EQ(*densityOf(test::first<la::NotOp>(*module), {dense(10, 10, 0.3)},
                              dense(10, 10)),
                   0.7);
  EXPECT_DOUBLE_EQ(*densityOf(test::first<la::ExpOp>(*module), {dense(10, 10, 0.3)},
                              dense(10, 10)),
                   1.0);
}

TEST(LADensity, MatMulAverageCase) {
  auto ctx = test::makeContext();
  auto module = test::parse(*ctx, kProgram);
  double d = *densityOf(test::first<la::MatMulOp>(*module),
                        {sparse(100, 50, 0.01), sparse(50, 80, 0.02)}, dense(100, 80));
  EXPECT_DOUBLE_EQ(d, 1.0 - std::pow(1.0 - 0.01 * 0.02, 50));
}

TEST(LADensity, GeneratorsAggregatesAndBinds) {
  auto ctx = test::makeContext();
  auto module = test::parse(*ctx, kProgram);
  EXPECT_DOUBLE_EQ(*densityOf(test::first<la::RandOp>(*module), {}, dense(10, 10)), 0.05);
  EXPECT_DOUBLE_EQ(*densityOf(test::first<la::FillOp>(*module), {scalar()}, dense(10, 10)),
                   0.0);
  double row = *densityOf(test::first<la::SumOp>(*module), {dense(10, 4, 0.5)}, dense(10, 1));
  EXPECT_DOUBLE_EQ(row, 1.0 - std::pow(0.5, 4));
  double bind = *densityOf(test::first<la::CBindOp>(*module),
                           {dense(10, 10, 0.1), dense(10, 30, 0.5)}, dense(10, 40));
  EXPECT_DOUBLE_EQ(bind, (10.0 + 150.0) / 400.0);
}

TEST(LADensity, AggregatesUseTheirAxis) {
  auto ctx = test::makeContext();
  auto module = test::parse(*ctx, kProgram);
  // rowSums of a 1 x m row vector aggregates m cells into one.
  double row = *densityOf(test::first<la::SumOp>(*module), {dense(1, 8, 0.25)}, dense(1, 1));
  EXPECT_DOUBLE_EQ(row, 1.0 - std::pow(0.75, 8));
  // A column product is non-zero only if all of its rows are.
  double prod = *densityOf(test::first<la::ProdOp>(*module), {dense(5, 3, 0.9)}, dense(1, 3));
  EXPECT_DOUBLE_EQ(prod, std::pow(0.9, 5));
}

} // namespace
