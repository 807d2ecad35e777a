//===- SparsityEstimatorTest.cpp - the estimator interface, every estimator -===//
//
// Properties every estimator must have (exact nnz of inputs, shapes, ranges,
// the fallback), the exactness of the bitset estimator, the bounds of the
// worst-case (upper) and sample (lower) estimators, and the accuracy of the
// layered graph and the density map against brute force.
//
//===----------------------------------------------------------------------===//

#include "SparsityTestUtils.h"
#include "lauryn/Analysis/Sparsity/Estimator.h"

#include <gtest/gtest.h>

using namespace lauryn::sparsity;
using namespace lauryn::sparsity::testing;

namespace {

/// One op applied to patterns: its descriptor and the exact result.
struct Case {
  const char *name;
  OpDescriptor op;
  std::vector<MatrixStructure> inputs;
  MatrixStructure truth;
};

std::vector<Case> everyOp(std::mt19937_64 &rng) {
  MatrixStructure a = uniformRandom(40, 30, 0.05, rng), b = uniformRandom(30, 20, 0.1, rng);
  MatrixStructure c = uniformRandom(40, 30, 0.2, rng), sq = uniformRandom(30, 30, 0.1, rng);
  MatrixStructure v = uniformRandom(30, 1, 0.5, rng), row = uniformRandom(1, 30, 0.5, rng);
  Coords repeated; // the row vector broadcast to 40 rows
  for (int64_t r = 0; r < 40; ++r)
    for (int64_t c : row.colIdx)
      repeated.push_back({r, c});
  MatrixStructure br = MatrixStructure::fromCoordinates(40, 30, repeated);
  return {
      {"matmul", {StructuralOp::MatMul, 40, 20}, {a, b}, exact::matmul(a, b)},
      {"multiply", {StructuralOp::Multiply, 40, 30}, {a, c}, exact::multiply(a, c)},
      {"add", {StructuralOp::Add, 40, 30}, {a, c}, exact::add(a, c)},
      {"transpose", {StructuralOp::Transpose, 30, 40}, {a}, exact::transpose(a)},
      {"reshape-merge", {StructuralOp::Reshape, 20, 60}, {a}, exact::reshape(a, 20, 60)},
      {"reshape-split", {StructuralOp::Reshape, 120, 10}, {a}, exact::reshape(a, 120, 10)},
      {"reshape-other", {StructuralOp::Reshape, 25, 48}, {a}, exact::reshape(a, 25, 48)},
      {"cbind", {StructuralOp::CBind, 40, 60}, {a, c}, exact::cbind(a, c)},
      {"rbind", {StructuralOp::RBind, 80, 30}, {a, c}, exact::rbind(a, c)},
      {"diag-of-vector", {StructuralOp::Diag, 30, 30}, {v}, exact::diag(v)},
      {"diag-of-matrix", {StructuralOp::Diag, 30, 1}, {sq}, exact::diag(sq)},
      {"equal-zero", {StructuralOp::EqualZero, 40, 30}, {a}, exact::equalZero(a)},
      {"not-equal-zero", {StructuralOp::NotEqualZero, 40, 30}, {a}, a},
      {"slice", {StructuralOp::Slice, 20, 10, 5, 12}, {a}, exact::slice(a, 5, 25, 12, 22)},
      {"broadcast-row", {StructuralOp::Broadcast, 40, 30}, {row}, br},
  };
}

std::vector<SynopsisRef> synopses(const Estimator &e, const std::vector<MatrixStructure> &in) {
  std::vector<SynopsisRef> out;
  for (const MatrixStructure &m : in)
    out.push_back(e.build(m));
  return out;
}

class EveryEstimator : public ::testing::TestWithParam<EstimatorKind> {
protected:
  std::unique_ptr<Estimator> estimator = createEstimator(GetParam());
  std::mt19937_64 rng{42};
};

TEST_P(EveryEstimator, InputsKeepTheirExactNnz) {
  for (const MatrixStructure &m : {uniformRandom(50, 70, 0.03, rng), banded(64, 3),
                                   MatrixStructure::empty(5, 0), oneHot(100, 7, rng)}) {
    SynopsisRef s = estimator->build(m);
    EXPECT_EQ(s->rows(), m.rows);
    EXPECT_EQ(s->cols(), m.cols);
    EXPECT_DOUBLE_EQ(s->nnz(), double(m.nnz()));
    EXPECT_GT(s->bytes(), 0u);
  }
}

TEST_P(EveryEstimator, EveryOpGivesAShapedEstimateWithinTheCells) {
  for (const Case &c : everyOp(rng)) {
    SCOPED_TRACE(c.name);
    std::vector<SynopsisRef> in = synopses(*estimator, c.inputs);
    ASSERT_TRUE(isWellFormed(c.op, in));
    SynopsisRef out = estimator->propagate(c.op, in);
    ASSERT_TRUE(out);
    EXPECT_EQ(out->rows(), c.truth.rows);
    EXPECT_EQ(out->cols(), c.truth.cols);
    EXPECT_GE(out->nnz(), 0.0);
    EXPECT_LE(out->nnz(), c.truth.cells() + 1e-9);
  }
}

TEST_P(EveryEstimator, MetadataInputsFallBackToTheAverageCase) {
  // Inputs known by nnz only: the estimate of a product of uniform inputs is
  // the average case (up to rounding of uniform sketches).
  SynopsisRef a = estimator->fromMetadata(200, 100, 400), b = estimator->fromMetadata(100, 300, 600);
  OpDescriptor op{StructuralOp::MatMul, 200, 300};
  double avg = averageCaseNnz(op, {a, b});
  double estimate = estimator->propagate(op, {a, b})->nnz();
  if (GetParam() == EstimatorKind::WorstCase)
    EXPECT_GE(estimate, avg); // an upper bound
  else
    EXPECT_NEAR(estimate, avg, 0.02 * avg);
}

TEST_P(EveryEstimator, ChainsOfOpsStayWithinTheCells) {
  MatrixStructure x = powerLawRows(300, 200, 80, 0.8, rng), w = uniformRandom(200, 50, 0.05, rng);
  std::vector<SynopsisRef> in = synopses(*estimator, {x, w});
  SynopsisRef xw = estimator->propagate({StructuralOp::MatMul, 300, 50}, in);
  SynopsisRef t = estimator->propagate({StructuralOp::Transpose, 50, 300}, {xw});
  SynopsisRef g = estimator->propagate({StructuralOp::MatMul, 50, 50}, {t, xw});
  SynopsisRef z = estimator->propagate({StructuralOp::EqualZero, 50, 50}, {g});
  for (const SynopsisRef &s : {xw, t, g, z}) {
    EXPECT_GE(s->nnz(), 0.0);
    EXPECT_LE(s->nnz(), s->cells() + 1e-9);
  }
}

INSTANTIATE_TEST_SUITE_P(Kinds, EveryEstimator, ::testing::ValuesIn(allEstimatorKinds()),
                         [](const auto &info) {
                           std::string name(estimatorName(info.param));
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

TEST(BitsetEstimator, EveryOpIsExact) {
  std::mt19937_64 rng(7);
  auto e = createEstimator(EstimatorKind::Bitset);
  for (const Case &c : everyOp(rng)) {
    SCOPED_TRACE(c.name);
    EXPECT_DOUBLE_EQ(e->propagate(c.op, synopses(*e, c.inputs))->nnz(), double(c.truth.nnz()));
  }
}

TEST(BitsetEstimator, OverBudgetFallsBack) {
  EstimatorOptions options;
  options.bitsetMaxBytes = 64;
  auto e = createEstimator(EstimatorKind::Bitset, options);
  std::mt19937_64 rng(3);
  MatrixStructure a = uniformRandom(100, 100, 0.01, rng);
  SynopsisRef s = e->build(a);
  EXPECT_EQ(s->kind(), SynopsisKind::Metadata);
  EXPECT_DOUBLE_EQ(s->nnz(), double(a.nnz()));
}

TEST(WorstCaseEstimator, BoundsTheTruthFromAbove) {
  std::mt19937_64 rng(11);
  auto e = createEstimator(EstimatorKind::WorstCase);
  for (int round = 0; round < 5; ++round)
    for (const Case &c : everyOp(rng)) {
      SCOPED_TRACE(c.name);
      EXPECT_GE(e->propagate(c.op, synopses(*e, c.inputs))->nnz() + 1e-9, double(c.truth.nnz()));
    }
}

TEST(AverageCaseEstimator, FormulasOfTheUniformModel) {
  auto e = createEstimator(EstimatorKind::AverageCase);
  SynopsisRef a = e->fromMetadata(100, 50, 500), b = e->fromMetadata(50, 80, 400); // 0.1, 0.1
  double product = e->propagate({StructuralOp::MatMul, 100, 80}, {a, b})->nnz();
  EXPECT_NEAR(product, 8000 * (1 - std::pow(1 - 0.01, 50)), 1e-6);
  SynopsisRef c = e->fromMetadata(100, 50, 2500); // 0.5
  EXPECT_NEAR(e->propagate({StructuralOp::Multiply, 100, 50}, {a, c})->nnz(), 250, 1e-9);
  EXPECT_NEAR(e->propagate({StructuralOp::Add, 100, 50}, {a, c})->nnz(), 5000 * 0.55, 1e-9);
  EXPECT_NEAR(e->propagate({StructuralOp::EqualZero, 100, 50}, {a})->nnz(), 4500, 1e-9);
  EXPECT_NEAR(e->propagate({StructuralOp::CBind, 100, 100}, {a, c})->nnz(), 3000, 1e-9);
}

TEST(SampleEstimator, ProductEstimateIsALowerBound) {
  std::mt19937_64 rng(5);
  auto e = createEstimator(EstimatorKind::Sample);
  for (int round = 0; round < 10; ++round) {
    MatrixStructure a = powerLawRows(200, 150, 60, 0.7, rng), b = uniformRandom(150, 120, 0.05, rng);
    double est = e->propagate({StructuralOp::MatMul, 200, 120}, synopses(*e, {a, b}))->nnz();
    EXPECT_LE(est, double(exact::matmulNnz(a, b)));
    EXPECT_GT(est, 0.0);
  }
}

TEST(SampleEstimator, ReorganisationsKeepExactPatterns) {
  std::mt19937_64 rng(9);
  auto e = createEstimator(EstimatorKind::Sample);
  for (const Case &c : everyOp(rng)) {
    if (c.op.op == StructuralOp::MatMul || c.op.op == StructuralOp::Multiply ||
        c.op.op == StructuralOp::Add || c.op.op == StructuralOp::EqualZero)
      continue;
    SCOPED_TRACE(c.name);
    EXPECT_DOUBLE_EQ(e->propagate(c.op, synopses(*e, c.inputs))->nnz(), double(c.truth.nnz()));
  }
}

TEST(LayeredGraphEstimator, ProductChainsWithinTenPercent) {
  std::mt19937_64 rng(13);
  auto e = createEstimator(EstimatorKind::LayeredGraph);
  MatrixStructure a = uniformRandom(1500, 800, 0.002, rng), b = powerLawRows(800, 1200, 50, 0.6, rng);
  MatrixStructure c = uniformRandom(1200, 900, 0.002, rng);
  std::vector<SynopsisRef> s = synopses(*e, {a, b, c});
  SynopsisRef ab = e->propagate({StructuralOp::MatMul, 1500, 1200}, {s[0], s[1]});
  SynopsisRef abc = e->propagate({StructuralOp::MatMul, 1500, 900}, {ab, s[2]});
  MatrixStructure tab = exact::matmul(a, b);
  EXPECT_LT(relativeError(ab->nnz(), double(tab.nnz())), 0.1);
  EXPECT_LT(relativeError(abc->nnz(), double(exact::matmulNnz(tab, c))), 0.1);
}

TEST(DensityMapEstimator, LocalStructureBeatsTheAverageCase) {
  // Banded matrices: the average case spreads the band over the whole matrix.
  EstimatorOptions options;
  options.densityMapBlock = 32;
  auto map = createEstimator(EstimatorKind::DensityMap, options);
  auto avg = createEstimator(EstimatorKind::AverageCase);
  MatrixStructure a = banded(1024, 4);
  double truth = double(exact::matmulNnz(a, a));
  OpDescriptor op{StructuralOp::MatMul, 1024, 1024};
  double mapError = relativeError(map->propagate(op, synopses(*map, {a, a}))->nnz(), truth);
  double avgError = relativeError(avg->propagate(op, synopses(*avg, {a, a}))->nnz(), truth);
  // Blocks wider than the band still average it out, but far less than the
  // whole matrix does.
  EXPECT_LT(mapError, avgError / 2);
}

TEST(Estimator, MalformedDescriptorsAreRejected) {
  auto e = createEstimator(EstimatorKind::AverageCase);
  SynopsisRef a = e->fromMetadata(4, 3, 2), b = e->fromMetadata(4, 3, 2);
  EXPECT_FALSE(isWellFormed({StructuralOp::MatMul, 4, 3}, {a, b}));   // 3 != 4
  EXPECT_FALSE(isWellFormed({StructuralOp::Multiply, 4, 3}, {a}));    // arity
  EXPECT_FALSE(isWellFormed({StructuralOp::Reshape, 5, 3}, {a}));     // cells
  EXPECT_FALSE(isWellFormed({StructuralOp::Slice, 3, 2, 2, 2}, {a})); // out of range
  EXPECT_FALSE(isWellFormed({StructuralOp::Diag, 4, 1}, {a}));        // not square
  EXPECT_FALSE(isWellFormed({StructuralOp::Transpose, 3, 4}, {nullptr}));
  EXPECT_TRUE(isWellFormed({StructuralOp::CBind, 4, 6}, {a, b}));
  EXPECT_TRUE(isWellFormed({StructuralOp::Broadcast, 7, 3}, {e->fromMetadata(1, 3, 1)}));
}

TEST(Estimator, NamesRoundTrip) {
  for (EstimatorKind k : allEstimatorKinds()) {
    EXPECT_EQ(parseEstimatorKind(estimatorName(k)), k);
    EXPECT_EQ(createEstimator(k)->kind(), k);
  }
  EXPECT_FALSE(parseEstimatorKind("bogus"));
  EXPECT_EQ(allEstimatorKinds().size(), 8u);
}

} // namespace
