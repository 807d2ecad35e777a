//===- MNCSketch.h - matrix non-zero count sketches (MNC) -----------------===//
//
// The MNC sketch of a matrix (Sommer et al., SIGMOD'19): non-zeros per row
// and per column, the extension vectors counting non-zeros that meet a row or
// column with at most one non-zero, and summary statistics. The product
// estimate is exact when one side has at most one non-zero per row (left) or
// per column (right); single-entry rows and columns are counted exactly
// otherwise, the rest by the probabilistic formula; propagation derives the
// sketch of an op's result (exactly for transpose, binds, diag, == 0, != 0,
// products with a full diagonal). Lauryn adds the band of the non-zeros
// (their largest distance below and above the diagonal), which bounds
// products and element-wise results of banded matrices, where counts alone
// cannot tell a band from scattered non-zeros.
//
//===----------------------------------------------------------------------===//

#ifndef LAURYN_ANALYSIS_SPARSITY_MNCSKETCH_H
#define LAURYN_ANALYSIS_SPARSITY_MNCSKETCH_H

#include "lauryn/Analysis/Sparsity/Estimator.h"

#include <algorithm>
#include <optional>

namespace lauryn::sparsity {

class MNCSketch final : public Synopsis {
public:
  static constexpr SynopsisKind Kind = SynopsisKind::MNCSketch;

  /// The sketch of a known pattern, with extension vectors and exact fullDiag.
  static MNCSketch build(const MatrixStructure &m);
  /// A sketch from counts (each clamped to the other dimension); no extension
  /// vectors. fullDiag is only set by the callers that know it.
  static MNCSketch fromCounts(int64_t rows, int64_t cols, std::vector<int64_t> rowNnz,
                              std::vector<int64_t> colNnz);
  /// Uniformly spread nnz: sketches of inputs known by metadata only.
  static MNCSketch uniform(int64_t rows, int64_t cols, double nnz);

  const std::vector<int64_t> &rowNnz() const { return rows_; }
  const std::vector<int64_t> &colNnz() const { return cols_; }
  /// Per row: non-zeros in columns with at most one non-zero (empty if
  /// unknown or, with hasExtensions(), if all are zero).
  const std::vector<int64_t> &rowNnzInSingleCols() const { return rowsExt; }
  /// Per column: non-zeros in rows with at most one non-zero (likewise).
  const std::vector<int64_t> &colNnzInSingleRows() const { return colsExt; }
  /// The extension vectors are known (sketches built from a pattern).
  bool hasExtensions() const { return extensionsKnown; }

  int64_t maxRowNnz() const { return maxRow; }
  int64_t maxColNnz() const { return maxCol; }
  int64_t rowsWithOne() const { return rowsOne; }
  int64_t colsWithOne() const { return colsOne; }
  int64_t nonEmptyRows() const { return rowsNonEmpty; }
  int64_t nonEmptyCols() const { return colsNonEmpty; }
  /// Rows (columns) with more than half of their cells non-zero.
  int64_t rowsMoreThanHalf() const { return rowsHalf; }
  int64_t colsMoreThanHalf() const { return colsHalf; }
  /// Square, with exactly the diagonal non-zero (a scaling matrix).
  bool fullDiag() const { return isFullDiag; }

  /// Every non-zero (i, j) has i - j <= lower and j - i <= upper; unknown
  /// bands are the whole matrix (rows - 1, cols - 1).
  struct Band {
    int64_t lower, upper;
  };
  Band band() const { return band_; }
  /// Narrows the band to `b` (clamped to the matrix).
  void restrictBand(Band b);
  /// Cells of a rows x cols matrix inside band `b`.
  static double bandCells(int64_t rows, int64_t cols, Band b);
  /// The sketch of a rows x cols matrix whose band `b` is entirely non-zero.
  static MNCSketch fullBand(int64_t rows, int64_t cols, Band b);
  /// Every cell of the band is non-zero.
  bool isFullBand() const { return nnz() == bandCells(rows(), cols(), band_); }

  double nnz() const override { return double(total); }
  size_t bytes() const override;

  MNCSketch transposed() const;

private:
  MNCSketch(int64_t rows, int64_t cols)
      : Synopsis(Kind, rows, cols), band_{std::max<int64_t>(rows - 1, 0),
                                          std::max<int64_t>(cols - 1, 0)} {}
  void summarize();

  std::vector<int64_t> rows_, cols_, rowsExt, colsExt;
  int64_t total = 0, maxRow = 0, maxCol = 0, rowsOne = 0, colsOne = 0;
  int64_t rowsNonEmpty = 0, colsNonEmpty = 0, rowsHalf = 0, colsHalf = 0;
  bool isFullDiag = false;
  bool extensionsKnown = false;
  Band band_;
};

namespace mnc {
/// How the product estimate treats the part no exact rule covers: MNC's
/// uniform spread over the non-empty cells (SIGMOD'19, SystemDS), or
/// Lauryn's placement by line counts (docs/sparsity.md).
enum class ProductRule { Uniform, Weighted };

/// Estimated nnz of a · b.
double productNnz(const MNCSketch &a, const MNCSketch &b,
                  ProductRule rule = ProductRule::Weighted);
/// Estimated nnz of a * b and a + b (equal shapes).
double multiplyNnz(const MNCSketch &a, const MNCSketch &b);
double addNnz(const MNCSketch &a, const MNCSketch &b);

/// The sketch of op's result, or std::nullopt where MNC has no rule (a
/// reshape that neither merges nor splits whole rows). Scaled counts are
/// rounded by largest remainders, so a result's total is its nnz estimate.
std::optional<MNCSketch> propagate(const OpDescriptor &op, const MNCSketch &a,
                                   const MNCSketch *b,
                                   ProductRule rule = ProductRule::Weighted);
} // namespace mnc

} // namespace lauryn::sparsity

#endif // LAURYN_ANALYSIS_SPARSITY_MNCSKETCH_H
