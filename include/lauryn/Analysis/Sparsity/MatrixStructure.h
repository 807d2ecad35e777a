//===- MatrixStructure.h - non-zero pattern of a matrix (CSR) -------------===//
//
// The non-zero pattern of a matrix as CSR row pointers and sorted column
// indices, without values. Estimators build their synopses from it (from data
// the JIT runner reads, or constants), and the exact structural operations below
// are the ground truth the estimators are measured against (tests, the
// evaluation tool). Plain C++: no MLIR, usable by the runtime side too.
//
//===----------------------------------------------------------------------===//

#ifndef LAURYN_ANALYSIS_SPARSITY_MATRIXSTRUCTURE_H
#define LAURYN_ANALYSIS_SPARSITY_MATRIXSTRUCTURE_H

#include <cstdint>
#include <utility>
#include <vector>

namespace lauryn::sparsity {

struct MatrixStructure {
  int64_t rows = 0;
  int64_t cols = 0;
  std::vector<int64_t> rowPtr{0}; ///< rows + 1 entries
  std::vector<int64_t> colIdx;    ///< sorted and unique within each row

  int64_t nnz() const { return int64_t(colIdx.size()); }
  int64_t rowNnz(int64_t r) const { return rowPtr[r + 1] - rowPtr[r]; }
  double cells() const { return double(rows) * double(cols); }
  double density() const { return cells() > 0 ? double(nnz()) / cells() : 0.0; }
  bool contains(int64_t r, int64_t c) const;

  /// Pattern of (row, col) coordinates in any order; duplicates merge.
  static MatrixStructure fromCoordinates(int64_t rows, int64_t cols,
                                         std::vector<std::pair<int64_t, int64_t>> coords);
  /// Pattern of a row-major dense matrix (cells != 0).
  static MatrixStructure fromDense(int64_t rows, int64_t cols, const std::vector<double> &cells);
  static MatrixStructure empty(int64_t rows, int64_t cols);
  static MatrixStructure identity(int64_t n);
};

/// Exact structural results: the non-zero pattern of the op's result when no
/// numeric cancellation happens (the assumption every estimator makes too).
namespace exact {
MatrixStructure matmul(const MatrixStructure &a, const MatrixStructure &b);
/// Number of non-zeros of a·b without building the pattern (a marker per column).
int64_t matmulNnz(const MatrixStructure &a, const MatrixStructure &b);
MatrixStructure multiply(const MatrixStructure &a, const MatrixStructure &b); ///< a * b
MatrixStructure add(const MatrixStructure &a, const MatrixStructure &b);      ///< a + b
MatrixStructure transpose(const MatrixStructure &a);
/// Row-major reshape to rows x cols (same number of cells).
MatrixStructure reshape(const MatrixStructure &a, int64_t rows, int64_t cols);
MatrixStructure cbind(const MatrixStructure &a, const MatrixStructure &b);
MatrixStructure rbind(const MatrixStructure &a, const MatrixStructure &b);
/// Column vector -> diagonal matrix, or square matrix -> column vector of its diagonal.
MatrixStructure diag(const MatrixStructure &a);
MatrixStructure equalZero(const MatrixStructure &a); ///< a == 0
/// a[rowBegin:rowEnd, colBegin:colEnd] (half-open).
MatrixStructure slice(const MatrixStructure &a, int64_t rowBegin, int64_t rowEnd,
                      int64_t colBegin, int64_t colEnd);
} // namespace exact

} // namespace lauryn::sparsity

#endif // LAURYN_ANALYSIS_SPARSITY_MATRIXSTRUCTURE_H
