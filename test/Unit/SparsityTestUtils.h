//===- SparsityTestUtils.h - structured random patterns for tests ---------===//

#ifndef LAURYN_TEST_UNIT_SPARSITYTESTUTILS_H
#define LAURYN_TEST_UNIT_SPARSITYTESTUTILS_H

#include "lauryn/Analysis/Sparsity/MatrixStructure.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

namespace lauryn::sparsity::testing {

using Coords = std::vector<std::pair<int64_t, int64_t>>;

inline MatrixStructure uniformRandom(int64_t rows, int64_t cols, double density,
                                     std::mt19937_64 &rng) {
  Coords coords;
  std::bernoulli_distribution keep(density);
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t c = 0; c < cols; ++c)
      if (keep(rng))
        coords.push_back({r, c});
  return MatrixStructure::fromCoordinates(rows, cols, std::move(coords));
}

/// Row i holds about scale · (i + 1)^-alpha non-zeros in random columns.
inline MatrixStructure powerLawRows(int64_t rows, int64_t cols, double scale, double alpha,
                                    std::mt19937_64 &rng) {
  Coords coords;
  std::uniform_int_distribution<int64_t> col(0, cols - 1);
  for (int64_t r = 0; r < rows; ++r) {
    int64_t n = std::min<int64_t>(cols, int64_t(std::ceil(scale * std::pow(double(r + 1), -alpha))));
    for (int64_t i = 0; i < n; ++i)
      coords.push_back({r, col(rng)});
  }
  std::shuffle(coords.begin(), coords.end(), rng); // rows in random order
  std::vector<int64_t> perm(rows);
  std::iota(perm.begin(), perm.end(), 0);
  std::shuffle(perm.begin(), perm.end(), rng);
  for (auto &[r, c] : coords)
    r = perm[r];
  return MatrixStructure::fromCoordinates(rows, cols, std::move(coords));
}

/// Non-zeros at |r - c| <= halfWidth.
inline MatrixStructure banded(int64_t n, int64_t halfWidth) {
  Coords coords;
  for (int64_t r = 0; r < n; ++r)
    for (int64_t c = std::max<int64_t>(0, r - halfWidth); c <= std::min(n - 1, r + halfWidth); ++c)
      coords.push_back({r, c});
  return MatrixStructure::fromCoordinates(n, n, std::move(coords));
}

/// One-hot encoding of a skewed categorical column: one non-zero per row,
/// category k drawn with probability proportional to 1 / (k + 1).
inline MatrixStructure oneHot(int64_t rows, int64_t categories, std::mt19937_64 &rng) {
  std::vector<double> weights(categories);
  for (int64_t k = 0; k < categories; ++k)
    weights[k] = 1.0 / double(k + 1);
  std::discrete_distribution<int64_t> pick(weights.begin(), weights.end());
  Coords coords;
  for (int64_t r = 0; r < rows; ++r)
    coords.push_back({r, pick(rng)});
  return MatrixStructure::fromCoordinates(rows, categories, std::move(coords));
}

/// `denseCols` full columns plus uniform non-zeros of the given density elsewhere.
inline MatrixStructure denseColumns(int64_t rows, int64_t cols, int64_t denseCols, double density,
                                    std::mt19937_64 &rng) {
  MatrixStructure base = uniformRandom(rows, cols, density, rng);
  Coords coords;
  for (int64_t r = 0; r < rows; ++r) {
    for (int64_t p = base.rowPtr[r]; p < base.rowPtr[r + 1]; ++p)
      coords.push_back({r, base.colIdx[p]});
    for (int64_t c = 0; c < denseCols; ++c)
      coords.push_back({r, c * (cols / std::max<int64_t>(1, denseCols))});
  }
  return MatrixStructure::fromCoordinates(rows, cols, std::move(coords));
}

inline MatrixStructure permutation(int64_t n, std::mt19937_64 &rng) {
  std::vector<int64_t> perm(n);
  std::iota(perm.begin(), perm.end(), 0);
  std::shuffle(perm.begin(), perm.end(), rng);
  Coords coords;
  for (int64_t r = 0; r < n; ++r)
    coords.push_back({r, perm[r]});
  return MatrixStructure::fromCoordinates(n, n, std::move(coords));
}

/// k x n selection matrix: row i picks one (possibly repeated) row of an n-row matrix.
inline MatrixStructure selection(int64_t k, int64_t n, std::mt19937_64 &rng) {
  std::uniform_int_distribution<int64_t> col(0, n - 1);
  Coords coords;
  for (int64_t r = 0; r < k; ++r)
    coords.push_back({r, col(rng)});
  return MatrixStructure::fromCoordinates(k, n, std::move(coords));
}

/// Block-diagonal matrix of the given square blocks.
inline MatrixStructure blockDiagonal(const std::vector<MatrixStructure> &blocks) {
  int64_t n = 0;
  for (const MatrixStructure &b : blocks)
    n += b.rows;
  Coords coords;
  int64_t offset = 0;
  for (const MatrixStructure &b : blocks) {
    for (int64_t r = 0; r < b.rows; ++r)
      for (int64_t p = b.rowPtr[r]; p < b.rowPtr[r + 1]; ++p)
        coords.push_back({offset + r, offset + b.colIdx[p]});
    offset += b.rows;
  }
  return MatrixStructure::fromCoordinates(n, n, std::move(coords));
}

/// Dense 0/1 cells of a pattern, row-major (brute-force oracle).
inline std::vector<double> toDense(const MatrixStructure &m) {
  std::vector<double> cells(size_t(m.rows * m.cols), 0.0);
  for (int64_t r = 0; r < m.rows; ++r)
    for (int64_t p = m.rowPtr[r]; p < m.rowPtr[r + 1]; ++p)
      cells[r * m.cols + m.colIdx[p]] = 1.0;
  return cells;
}

inline double relativeError(double estimate, double truth) {
  return truth == 0 ? std::abs(estimate) : std::abs(estimate - truth) / truth;
}

} // namespace lauryn::sparsity::testing

#endif // LAURYN_TEST_UNIT_SPARSITYTESTUTILS_H
