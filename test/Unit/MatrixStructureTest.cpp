//===- MatrixStructureTest.cpp - exact structural ops vs dense cells ------===//
//
// The exact ops are the ground truth of every estimator test, so they are
// checked here against brute force over dense 0/1 cells.
//
//===----------------------------------------------------------------------===//

#include "SparsityTestUtils.h"

#include <gtest/gtest.h>

using namespace lauryn::sparsity;
using namespace lauryn::sparsity::testing;

namespace {

using Cells = std::vector<double>;

MatrixStructure dense(int64_t rows, int64_t cols, const Cells &cells) {
  return MatrixStructure::fromDense(rows, cols, cells);
}

void expectSame(const MatrixStructure &got, const MatrixStructure &want) {
  EXPECT_EQ(got.rows, want.rows);
  EXPECT_EQ(got.cols, want.cols);
  EXPECT_EQ(got.rowPtr, want.rowPtr);
  EXPECT_EQ(got.colIdx, want.colIdx);
}

class MatrixStructureTest : public ::testing::TestWithParam<uint64_t> {
protected:
  std::mt19937_64 rng{GetParam()};
  MatrixStructure random(int64_t rows, int64_t cols) {
    double density = std::uniform_real_distribution<double>(0.0, 0.6)(rng);
    return uniformRandom(rows, cols, density, rng);
  }
};

TEST_P(MatrixStructureTest, ProductMatchesDenseBooleanProduct) {
  MatrixStructure a = random(7, 5), b = random(5, 6);
  Cells da = toDense(a), db = toDense(b), dc(7 * 6, 0.0);
  for (int i = 0; i < 7; ++i)
    for (int k = 0; k < 5; ++k)
      for (int j = 0; j < 6; ++j)
        if (da[i * 5 + k] != 0 && db[k * 6 + j] != 0)
          dc[i * 6 + j] = 1;
  expectSame(exact::matmul(a, b), dense(7, 6, dc));
  EXPECT_EQ(exact::matmulNnz(a, b), dense(7, 6, dc).nnz());
}

TEST_P(MatrixStructureTest, ElementwiseAndReorganisationsMatchDenseCells) {
  MatrixStructure a = random(6, 4), b = random(6, 4);
  Cells da = toDense(a), db = toDense(b), mul(24), add(24), eqz(24), t(24);
  for (int i = 0; i < 24; ++i) {
    mul[i] = da[i] * db[i];
    add[i] = (da[i] + db[i]) != 0;
    eqz[i] = da[i] == 0;
  }
  for (int r = 0; r < 6; ++r)
    for (int c = 0; c < 4; ++c)
      t[c * 6 + r] = da[r * 4 + c];
  expectSame(exact::multiply(a, b), dense(6, 4, mul));
  expectSame(exact::add(a, b), dense(6, 4, add));
  expectSame(exact::equalZero(a), dense(6, 4, eqz));
  expectSame(exact::transpose(a), dense(4, 6, t));
  expectSame(exact::reshape(a, 3, 8), dense(3, 8, da)); // row-major: same cells
  expectSame(exact::reshape(a, 24, 1), dense(24, 1, da));

  Cells cb(6 * 8), rb(12 * 4);
  for (int r = 0; r < 6; ++r)
    for (int c = 0; c < 4; ++c) {
      cb[r * 8 + c] = da[r * 4 + c];
      cb[r * 8 + 4 + c] = db[r * 4 + c];
    }
  std::copy(da.begin(), da.end(), rb.begin());
  std::copy(db.begin(), db.end(), rb.begin() + 24);
  expectSame(exact::cbind(a, b), dense(6, 8, cb));
  expectSame(exact::rbind(a, b), dense(12, 4, rb));

  Cells s;
  for (int r = 1; r < 5; ++r)
    for (int c = 2; c < 4; ++c)
      s.push_back(da[r * 4 + c]);
  expectSame(exact::slice(a, 1, 5, 2, 4), dense(4, 2, s));
}

TEST_P(MatrixStructureTest, DiagBothWays) {
  MatrixStructure sq = random(5, 5), v = random(5, 1);
  Cells dsq = toDense(sq), dv = toDense(v), diagOf(5), diagMat(25, 0.0);
  for (int i = 0; i < 5; ++i) {
    diagOf[i] = dsq[i * 5 + i];
    diagMat[i * 5 + i] = dv[i];
  }
  expectSame(exact::diag(sq), dense(5, 1, diagOf));
  expectSame(exact::diag(v), dense(5, 5, diagMat));
}

INSTANTIATE_TEST_SUITE_P(Seeds, MatrixStructureTest, ::testing::Range<uint64_t>(1, 21));

TEST(MatrixStructure, CoordinatesMergeDuplicatesAndSort) {
  MatrixStructure m = MatrixStructure::fromCoordinates(2, 3, {{1, 2}, {0, 1}, {1, 0}, {1, 2}});
  EXPECT_EQ(m.nnz(), 3);
  EXPECT_EQ(m.rowPtr, (std::vector<int64_t>{0, 1, 3}));
  EXPECT_EQ(m.colIdx, (std::vector<int64_t>{1, 0, 2}));
  EXPECT_TRUE(m.contains(1, 0));
  EXPECT_FALSE(m.contains(0, 0));
}

TEST(MatrixStructure, EmptyShapes) {
  MatrixStructure e = MatrixStructure::empty(0, 4), f = MatrixStructure::empty(4, 0);
  EXPECT_EQ(exact::matmul(e, MatrixStructure::empty(4, 3)).rows, 0);
  EXPECT_EQ(exact::matmulNnz(f, MatrixStructure::empty(0, 5)), 0);
  EXPECT_EQ(exact::transpose(f).rows, 0);
  EXPECT_EQ(exact::equalZero(f).nnz(), 0);
}

} // namespace
