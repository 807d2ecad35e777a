//===- MNCSketchTest.cpp - MNC exactness, propagation and accuracy --------===//
//
// Where MNC must be exact (one non-zero per row of the left or per column of
// the right factor: permutation, selection, diagonal and block-diagonal
// permutation matrices; count-exact propagation through transpose, binds,
// diag, == 0, != 0, whole-row reshapes), and its accuracy against brute force
// on structured random families, compared with the average case.
//
//===----------------------------------------------------------------------===//

#include "SparsityTestUtils.h"
#include "lauryn/Analysis/Sparsity/MNCSketch.h"

#include <gtest/gtest.h>

using namespace lauryn::sparsity;
using namespace lauryn::sparsity::testing;

namespace {

double mncProduct(const MatrixStructure &a, const MatrixStructure &b) {
  return mnc::productNnz(MNCSketch::build(a), MNCSketch::build(b));
}

double avgProduct(const MatrixStructure &a, const MatrixStructure &b) {
  auto e = createEstimator(EstimatorKind::AverageCase);
  return e->propagate({StructuralOp::MatMul, a.rows, b.cols}, {e->build(a), e->build(b)})->nnz();
}

/// The sketch propagated through op must have exactly the nnz and row counts
/// (and, unless only rows are exact, column counts) of the exact result.
void expectExactCounts(const OpDescriptor &op, const MatrixStructure &a, const MatrixStructure *b,
                       const MatrixStructure &truth, bool onlyRows = false) {
  MNCSketch sa = MNCSketch::build(a);
  std::optional<MNCSketch> sb = b ? std::optional<MNCSketch>(MNCSketch::build(*b)) : std::nullopt;
  std::optional<MNCSketch> out = mnc::propagate(op, sa, sb ? &*sb : nullptr);
  ASSERT_TRUE(out);
  MNCSketch want = MNCSketch::build(truth);
  EXPECT_EQ(out->rowNnz(), want.rowNnz());
  if (!onlyRows)
    EXPECT_EQ(out->colNnz(), want.colNnz());
  EXPECT_DOUBLE_EQ(out->nnz(), want.nnz());
}

class MNCExactness : public ::testing::TestWithParam<uint64_t> {
protected:
  std::mt19937_64 rng{GetParam()};
};

TEST_P(MNCExactness, PermutationsOnEitherSide) {
  MatrixStructure x = powerLawRows(120, 90, 40, 0.9, rng);
  MatrixStructure p = permutation(120, rng), q = permutation(90, rng);
  EXPECT_DOUBLE_EQ(mncProduct(p, x), double(exact::matmulNnz(p, x)));
  EXPECT_DOUBLE_EQ(mncProduct(x, q), double(exact::matmulNnz(x, q)));
}

TEST_P(MNCExactness, SelectionMatrices) {
  // One non-zero per row on the left (row selection, repeats allowed), one
  // per column on the right (column selection).
  MatrixStructure x = denseColumns(100, 80, 3, 0.05, rng);
  MatrixStructure s = selection(150, 100, rng), t = exact::transpose(selection(60, 80, rng));
  EXPECT_DOUBLE_EQ(mncProduct(s, x), double(exact::matmulNnz(s, x)));
  EXPECT_DOUBLE_EQ(mncProduct(x, t), double(exact::matmulNnz(x, t)));
}

TEST_P(MNCExactness, DiagonalsWithAndWithoutZeros) {
  MatrixStructure x = uniformRandom(70, 70, 0.1, rng);
  MatrixStructure d = MatrixStructure::identity(70);
  MatrixStructure holes = exact::diag(uniformRandom(70, 1, 0.6, rng));
  EXPECT_DOUBLE_EQ(mncProduct(d, x), double(x.nnz()));
  EXPECT_DOUBLE_EQ(mncProduct(x, holes), double(exact::matmulNnz(x, holes)));
  // A full diagonal keeps the other sketch: the propagated counts are exact.
  expectExactCounts({StructuralOp::MatMul, 70, 70}, d, &x, x);
  expectExactCounts({StructuralOp::MatMul, 70, 70}, x, &d, x);
}

TEST_P(MNCExactness, BlockDiagonalPermutations) {
  MatrixStructure bd = blockDiagonal({permutation(20, rng), permutation(35, rng),
                                      MatrixStructure::identity(5), permutation(40, rng)});
  MatrixStructure x = oneHot(100, 100, rng), y = exact::transpose(powerLawRows(100, 100, 30, 1.0, rng));
  EXPECT_DOUBLE_EQ(mncProduct(bd, y), double(exact::matmulNnz(bd, y)));
  EXPECT_DOUBLE_EQ(mncProduct(y, bd), double(exact::matmulNnz(y, bd)));
  EXPECT_DOUBLE_EQ(mncProduct(x, y), double(exact::matmulNnz(x, y))); // one-hot rows
}

TEST_P(MNCExactness, CountExactPropagation) {
  MatrixStructure a = powerLawRows(40, 30, 20, 0.8, rng), b = uniformRandom(40, 30, 0.2, rng);
  MatrixStructure v = uniformRandom(25, 1, 0.5, rng);
  expectExactCounts({StructuralOp::Transpose, 30, 40}, a, nullptr, exact::transpose(a));
  expectExactCounts({StructuralOp::CBind, 40, 60}, a, &b, exact::cbind(a, b));
  expectExactCounts({StructuralOp::RBind, 80, 30}, a, &b, exact::rbind(a, b));
  expectExactCounts({StructuralOp::EqualZero, 40, 30}, a, nullptr, exact::equalZero(a));
  expectExactCounts({StructuralOp::NotEqualZero, 40, 30}, a, nullptr, a);
  expectExactCounts({StructuralOp::Diag, 25, 25}, v, nullptr, exact::diag(v));
  // A row range keeps its rows' counts; column counts are estimated.
  expectExactCounts({StructuralOp::Slice, 10, 30, 5, 0}, a, nullptr, exact::slice(a, 5, 15, 0, 30),
                    /*onlyRows=*/true);
}

TEST_P(MNCExactness, WholeRowReshapesKeepTheExactAxis) {
  MatrixStructure a = powerLawRows(40, 30, 20, 0.8, rng);
  MNCSketch s = MNCSketch::build(a);
  // Merging pairs of rows: row counts add up exactly.
  std::optional<MNCSketch> merged = mnc::propagate({StructuralOp::Reshape, 20, 60}, s, nullptr);
  ASSERT_TRUE(merged);
  EXPECT_EQ(merged->rowNnz(), MNCSketch::build(exact::reshape(a, 20, 60)).rowNnz());
  // Splitting rows in three: column counts add up exactly.
  std::optional<MNCSketch> split = mnc::propagate({StructuralOp::Reshape, 120, 10}, s, nullptr);
  ASSERT_TRUE(split);
  EXPECT_EQ(split->colNnz(), MNCSketch::build(exact::reshape(a, 120, 10)).colNnz());
  EXPECT_DOUBLE_EQ(split->nnz(), double(a.nnz()));
  // Other reshapes have no MNC rule (the estimator falls back).
  EXPECT_FALSE(mnc::propagate({StructuralOp::Reshape, 25, 48}, s, nullptr));
}

TEST(MNCSketch, ReshapesWithoutCellsKeepTheTargetShape) {
  // A 0 x 0 matrix reshaped to 8 x 0 (difftest seed 880131): the sketch must
  // have the target's 8 rows, or a later broadcast reads past its counts.
  MNCSketch empty = MNCSketch::build(MatrixStructure::empty(0, 0));
  std::optional<MNCSketch> r = mnc::propagate({StructuralOp::Reshape, 8, 0}, empty, nullptr);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->rows(), 8);
  EXPECT_EQ(r->cols(), 0);
  EXPECT_EQ(r->rowNnz(), std::vector<int64_t>(8, 0));
  EXPECT_EQ(r->nnz(), 0);
  // A reshape that changes the number of cells has no rule.
  MNCSketch one = MNCSketch::build(MatrixStructure::fromCoordinates(2, 3, {{0, 0}}));
  EXPECT_FALSE(mnc::propagate({StructuralOp::Reshape, 2, 2}, one, nullptr));
  EXPECT_FALSE(mnc::propagate({StructuralOp::Reshape, 3, 3}, one, nullptr));
}

INSTANTIATE_TEST_SUITE_P(Seeds, MNCExactness, ::testing::Range<uint64_t>(1, 11));

TEST(MNCSketch, SummaryStatistics) {
  // [1 1 1]
  // [0 0 1]
  // [0 0 0]
  MatrixStructure m = MatrixStructure::fromCoordinates(3, 3, {{0, 0}, {0, 1}, {0, 2}, {1, 2}});
  MNCSketch s = MNCSketch::build(m);
  EXPECT_EQ(s.rowNnz(), (std::vector<int64_t>{3, 1, 0}));
  EXPECT_EQ(s.colNnz(), (std::vector<int64_t>{1, 1, 2}));
  EXPECT_EQ(s.rowNnzInSingleCols(), (std::vector<int64_t>{2, 0, 0}));
  EXPECT_EQ(s.colNnzInSingleRows(), (std::vector<int64_t>{0, 0, 1}));
  EXPECT_EQ(s.maxRowNnz(), 3);
  EXPECT_EQ(s.maxColNnz(), 2);
  EXPECT_EQ(s.rowsWithOne(), 1);
  EXPECT_EQ(s.colsWithOne(), 2);
  EXPECT_EQ(s.nonEmptyRows(), 2);
  EXPECT_EQ(s.nonEmptyCols(), 3);
  EXPECT_EQ(s.rowsMoreThanHalf(), 1);
  EXPECT_EQ(s.colsMoreThanHalf(), 1);
  EXPECT_FALSE(s.fullDiag());
  EXPECT_TRUE(MNCSketch::build(MatrixStructure::identity(4)).fullDiag());
  MNCSketch t = s.transposed();
  EXPECT_EQ(t.rowNnz(), s.colNnz());
  EXPECT_EQ(t.rowNnzInSingleCols(), s.colNnzInSingleRows());
}

TEST(MNCSketch, UniformSketchHasTheRequestedTotal) {
  MNCSketch u = MNCSketch::uniform(7, 11, 30);
  EXPECT_DOUBLE_EQ(u.nnz(), 30);
  EXPECT_EQ(std::accumulate(u.colNnz().begin(), u.colNnz().end(), int64_t(0)), 30);
  EXPECT_DOUBLE_EQ(MNCSketch::uniform(3, 3, 100).nnz(), 9); // clamped to the cells
}

/// Relative errors of MNC and the average case over seeds for one family.
struct Accuracy {
  std::vector<double> mnc, avg;
  double median(std::vector<double> v) const {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
  }
};

template <typename MakeInputs>
Accuracy measure(MakeInputs make) {
  Accuracy acc;
  for (uint64_t seed = 1; seed <= 9; ++seed) {
    std::mt19937_64 rng(seed);
    auto [a, b] = make(rng);
    double truth = double(exact::matmulNnz(a, b));
    acc.mnc.push_back(relativeError(mncProduct(a, b), truth));
    acc.avg.push_back(relativeError(avgProduct(a, b), truth));
  }
  return acc;
}

TEST(MNCAccuracy, StructuredFamiliesWithinFivePercentMedian) {
  auto check = [](const char *family, const Accuracy &acc) {
    SCOPED_TRACE(family);
    EXPECT_LE(acc.median(acc.mnc), 0.05);
  };
  check("power-law rows x uniform", measure([](std::mt19937_64 &rng) {
          return std::make_pair(powerLawRows(600, 400, 150, 0.9, rng),
                                uniformRandom(400, 500, 0.01, rng));
        }));
  check("one-hot^T x one-hot", measure([](std::mt19937_64 &rng) {
          MatrixStructure x = oneHot(3000, 60, rng);
          return std::make_pair(exact::transpose(x), oneHot(3000, 40, rng));
        }));
  check("dense columns x uniform", measure([](std::mt19937_64 &rng) {
          return std::make_pair(denseColumns(500, 300, 4, 0.002, rng),
                                uniformRandom(300, 400, 0.01, rng));
        }));
}

TEST(MNCAccuracy, BandedProductsStayInTheirBand) {
  // Every row and column of a band has the same count, exactly like a random
  // regular matrix: counts alone cannot tell their products apart (the
  // paper's uniform rule errs like the average case). The band of the
  // non-zeros (Lauryn's extension of the sketch) bounds the product by the
  // sum of the bands: exact for full bands.
  MatrixStructure a = banded(500, 3), b = banded(500, 5);
  MNCSketch sa = MNCSketch::build(a), sb = MNCSketch::build(b);
  EXPECT_EQ(sa.band().lower, 3);
  EXPECT_EQ(sa.band().upper, 3);
  double truth = double(exact::matmulNnz(a, b));
  EXPECT_DOUBLE_EQ(mncProduct(a, b), truth);
  EXPECT_GT(relativeError(mnc::productNnz(sa, sb, mnc::ProductRule::Uniform), truth), 1.0);
  EXPECT_NEAR(mnc::productNnz(sa, sb, mnc::ProductRule::Uniform), avgProduct(a, b),
              0.05 * avgProduct(a, b));

  // The band travels with the sketch: (a b) a, a transposed lower band, and
  // a * b (the narrower band) and a + b (the wider) stay exact.
  std::optional<MNCSketch> ab = mnc::propagate({StructuralOp::MatMul, 500, 500}, sa, &sb);
  ASSERT_TRUE(ab);
  EXPECT_EQ(ab->band().lower, 8);
  EXPECT_DOUBLE_EQ(mnc::productNnz(*ab, sa), double(exact::matmulNnz(exact::matmul(a, b), a)));
  MatrixStructure lower = MatrixStructure::fromCoordinates(4, 4, {{1, 0}, {2, 1}, {3, 2}, {3, 0}});
  MNCSketch t = MNCSketch::build(lower).transposed();
  EXPECT_EQ(t.band().lower, 0);
  EXPECT_EQ(t.band().upper, 3);
  EXPECT_DOUBLE_EQ(mnc::multiplyNnz(sa, sb), double(a.nnz()));
  EXPECT_DOUBLE_EQ(mnc::addNnz(sa, sb), double(b.nnz()));

  // Scattered non-zeros inside a band: the estimate never leaves the band.
  std::mt19937_64 rng(3);
  Coords coords;
  for (int64_t r = 0; r < 400; ++r)
    for (int64_t c = std::max<int64_t>(0, r - 20); c <= std::min<int64_t>(399, r + 20); ++c)
      if (rng() % 4 == 0)
        coords.push_back({r, c});
  MatrixStructure sparseBand = MatrixStructure::fromCoordinates(400, 400, std::move(coords));
  double bound = MNCSketch::bandCells(400, 400, {40, 40});
  EXPECT_LE(mncProduct(sparseBand, sparseBand), bound);
  EXPECT_GE(bound, double(exact::matmulNnz(sparseBand, sparseBand)));
}

TEST(MNCAccuracy, StrictlyBetterThanTheAverageCaseOnSkewedInputs) {
  auto check = [](const char *family, const Accuracy &acc) {
    SCOPED_TRACE(family);
    EXPECT_LT(acc.median(acc.mnc), acc.median(acc.avg));
  };
  check("power-law rows x power-law rows^T", measure([](std::mt19937_64 &rng) {
          return std::make_pair(powerLawRows(800, 600, 300, 1.1, rng),
                                exact::transpose(powerLawRows(700, 600, 300, 1.1, rng)));
        }));
  check("dense columns x dense rows", measure([](std::mt19937_64 &rng) {
          MatrixStructure x = denseColumns(400, 300, 2, 0.001, rng);
          return std::make_pair(x, exact::transpose(denseColumns(500, 300, 2, 0.001, rng)));
        }));
  check("one-hot^T x power-law", measure([](std::mt19937_64 &rng) {
          return std::make_pair(exact::transpose(oneHot(2000, 50, rng)),
                                powerLawRows(2000, 300, 100, 1.0, rng));
        }));
}

TEST(MNCAccuracy, ElementwiseOpsOnSkewedInputs) {
  std::mt19937_64 rng(17);
  MatrixStructure a = powerLawRows(500, 400, 300, 1.0, rng), b = powerLawRows(500, 400, 300, 1.0, rng);
  MNCSketch sa = MNCSketch::build(a), sb = MNCSketch::build(b);
  EXPECT_LT(relativeError(mnc::addNnz(sa, sb), double(exact::add(a, b).nnz())), 0.05);
  // Products of skewed rows: uniform estimates are off by an order of magnitude.
  double truth = double(exact::multiply(a, b).nnz());
  double avg = double(a.nnz()) * double(b.nnz()) / a.cells();
  EXPECT_LT(relativeError(mnc::multiplyNnz(sa, sb), truth), relativeError(avg, truth));
}

} // namespace
