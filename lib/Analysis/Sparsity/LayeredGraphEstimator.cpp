//===- LayeredGraphEstimator.cpp - Cohen's reachability estimate ----------===//
//
// A product chain a · b · c is a layered graph: rows of a, then the common
// dimensions, then the columns of the last factor; an output cell (i, j) is
// non-zero iff column j is reachable from row i. Every row of the first
// factor draws `layeredGraphRounds` Exp(1) values; each node keeps, per
// round, the minimum over the rows that reach it. A node reached from n rows
// has minima of rate n, so n ≈ (R - 1) / Σ minima (Cohen, 1997). The synopsis
// holds the minima of the chain's last columns and, for inputs and their
// exact reorganisations, the pattern (needed on the right of a product).
// Element-wise ops and == 0 fall back.
//
//===----------------------------------------------------------------------===//

#include "Estimators.h"

#include <algorithm>
#include <limits>

namespace lauryn::sparsity {
namespace {

class LayeredGraph final : public Synopsis {
public:
  static constexpr SynopsisKind Kind = SynopsisKind::LayeredGraph;
  LayeredGraph(int64_t rows, int64_t cols, int rounds)
      : Synopsis(Kind, rows, cols), rounds(rounds),
        minima(size_t(cols) * size_t(rounds), std::numeric_limits<float>::infinity()) {}

  float *column(int64_t j) { return minima.data() + j * rounds; }
  const float *column(int64_t j) const { return minima.data() + j * rounds; }
  int numRounds() const { return rounds; }
  /// The pattern of an input (or a reorganised input); null for products.
  std::shared_ptr<const MatrixStructure> pattern;

  /// Sets the nnz: exact from a pattern, else the sum of the columns' estimates.
  void finish() {
    if (pattern) {
      count = double(pattern->nnz());
      return;
    }
    count = 0;
    for (int64_t j = 0; j < cols(); ++j) {
      double sum = 0;
      for (int r = 0; r < rounds; ++r)
        sum += double(column(j)[r]);
      if (sum < std::numeric_limits<double>::infinity() && sum > 0)
        count += std::min(double(rows()), double(rounds - 1) / sum);
    }
  }
  double nnz() const override { return count; }
  size_t bytes() const override {
    size_t patternBytes =
        pattern ? (pattern->rowPtr.size() + pattern->colIdx.size()) * sizeof(int64_t) : 0;
    return sizeof(*this) + minima.size() * sizeof(float) + patternBytes;
  }

private:
  int rounds;
  std::vector<float> minima; ///< cols x rounds
  double count = 0;
};

/// Exp(1) value of row `row` in round `round`: a hash of (seed, row, round)
/// mapped through -log(u), so equal inputs give equal synopses.
float exponential(uint64_t seed, int64_t row, int round) {
  uint64_t x = seed ^ (uint64_t(row) * 0x9e3779b97f4a7c15ULL + uint64_t(round) * 0xbf58476d1ce4e5b9ULL);
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  double u = (double(x >> 11) + 1.0) * 0x1.0p-53; // (0, 1]
  return float(-std::log(u));
}

class LayeredGraphEstimator final : public Estimator {
public:
  explicit LayeredGraphEstimator(const EstimatorOptions &options)
      : rounds(std::max(2, options.layeredGraphRounds)), seed(options.seed) {}
  EstimatorKind kind() const override { return EstimatorKind::LayeredGraph; }

  SynopsisRef build(const MatrixStructure &m) const override {
    return leaf(std::make_shared<MatrixStructure>(m));
  }

  SynopsisRef propagateOwn(const OpDescriptor &op,
                           const std::vector<SynopsisRef> &in) const override {
    if (!allAre<LayeredGraph>(in))
      return nullptr;
    const LayeredGraph &a = *as<LayeredGraph>(in[0]);
    const LayeredGraph *b = in.size() > 1 ? as<LayeredGraph>(in[1]) : nullptr;
    if (op.op == StructuralOp::MatMul)
      return b->pattern ? product(a, *b->pattern) : nullptr;
    if (!a.pattern || (b && !b->pattern))
      return nullptr;
    std::optional<MatrixStructure> m = reorganize(op, *a.pattern, b ? b->pattern.get() : nullptr);
    return m ? leaf(std::make_shared<MatrixStructure>(std::move(*m))) : nullptr;
  }

private:
  SynopsisRef leaf(std::shared_ptr<const MatrixStructure> m) const {
    auto g = std::make_shared<LayeredGraph>(m->rows, m->cols, rounds);
    for (int64_t i = 0; i < m->rows; ++i)
      for (int r = 0; r < rounds; ++r) {
        float value = exponential(seed, i, r);
        for (int64_t p = m->rowPtr[i]; p < m->rowPtr[i + 1]; ++p) {
          float &slot = g->column(m->colIdx[p])[r];
          slot = std::min(slot, value);
        }
      }
    g->pattern = std::move(m);
    g->finish();
    return g;
  }

  /// Minima of a · b's columns: column l takes the minimum over the rows k
  /// with b[k, l] != 0 of column k of a.
  SynopsisRef product(const LayeredGraph &a, const MatrixStructure &b) const {
    auto g = std::make_shared<LayeredGraph>(a.rows(), b.cols, rounds);
    for (int64_t k = 0; k < b.rows; ++k) {
      const float *src = a.column(k);
      for (int64_t p = b.rowPtr[k]; p < b.rowPtr[k + 1]; ++p) {
        float *dst = g->column(b.colIdx[p]);
        for (int r = 0; r < rounds; ++r)
          dst[r] = std::min(dst[r], src[r]);
      }
    }
    g->finish();
    return g;
  }

  int rounds;
  uint64_t seed;
};

} // namespace

std::unique_ptr<Estimator> createLayeredGraphEstimator(const EstimatorOptions &options) {
  return std::make_unique<LayeredGraphEstimator>(options);
}

} // namespace lauryn::sparsity
