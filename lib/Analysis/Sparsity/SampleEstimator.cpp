//===- SampleEstimator.cpp - estimates from sampled parts of the inputs ---===//
//
// Keeps the inputs' patterns (and exact reorganisations of them). A product
// samples a fraction (sampleFraction) of the common dimension and takes the
// largest nnz(a[:, k]) · nnz(b[k, :]) over the sampled k, as SystemDS does: a
// lower bound on the result's nnz, hence biased low. Element-wise ops sample
// rows, count their result nnz exactly and scale up. Results of products and
// element-wise ops carry no pattern, so ops on them fall back.
//
//===----------------------------------------------------------------------===//

#include "Estimators.h"

#include <algorithm>
#include <numeric>
#include <random>

namespace lauryn::sparsity {
namespace {

/// max(1, fraction · n) distinct indices of [0, n), sorted, from a seeded engine.
std::vector<int64_t> sampleIndices(int64_t n, double fraction, uint64_t seed) {
  std::vector<int64_t> all(n);
  std::iota(all.begin(), all.end(), 0);
  int64_t k = std::min<int64_t>(n, std::max<int64_t>(1, int64_t(fraction * double(n))));
  std::mt19937_64 rng(seed);
  for (int64_t i = 0; i < k; ++i) // partial Fisher-Yates
    std::swap(all[i], all[i + int64_t(rng() % uint64_t(n - i))]);
  all.resize(k);
  std::sort(all.begin(), all.end());
  return all;
}

class SampleEstimator final : public Estimator {
public:
  explicit SampleEstimator(const EstimatorOptions &options)
      : fraction(options.sampleFraction), seed(options.seed) {}
  EstimatorKind kind() const override { return EstimatorKind::Sample; }

  SynopsisRef build(const MatrixStructure &m) const override {
    return std::make_shared<PatternSynopsis>(m);
  }

  SynopsisRef propagateOwn(const OpDescriptor &op,
                           const std::vector<SynopsisRef> &in) const override {
    if (!allAre<PatternSynopsis>(in))
      return nullptr;
    const MatrixStructure &a = as<PatternSynopsis>(in[0])->get();
    const MatrixStructure *b = in.size() > 1 ? &as<PatternSynopsis>(in[1])->get() : nullptr;
    switch (op.op) {
    case StructuralOp::MatMul:
      return std::make_shared<MetadataSynopsis>(op.rows, op.cols, productNnz(a, *b));
    case StructuralOp::Multiply:
    case StructuralOp::Add:
      return std::make_shared<MetadataSynopsis>(op.rows, op.cols,
                                                elementwiseNnz(a, *b, op.op == StructuralOp::Add));
    default:
      if (std::optional<MatrixStructure> m = reorganize(op, a, b))
        return std::make_shared<PatternSynopsis>(std::move(*m));
      return nullptr;
    }
  }

private:
  double productNnz(const MatrixStructure &a, const MatrixStructure &b) const {
    if (a.cols == 0)
      return 0;
    std::vector<int64_t> colCounts(a.cols, 0);
    for (int64_t c : a.colIdx)
      ++colCounts[c];
    double best = 0;
    for (int64_t k : sampleIndices(a.cols, fraction, seed))
      best = std::max(best, double(colCounts[k]) * double(b.rowNnz(k)));
    return best;
  }

  double elementwiseNnz(const MatrixStructure &a, const MatrixStructure &b, bool add) const {
    if (a.rows == 0)
      return 0;
    std::vector<int64_t> rows = sampleIndices(a.rows, fraction, seed);
    double counted = 0;
    for (int64_t r : rows) {
      MatrixStructure ra = exact::slice(a, r, r + 1, 0, a.cols);
      MatrixStructure rb = exact::slice(b, r, r + 1, 0, b.cols);
      counted += double((add ? exact::add(ra, rb) : exact::multiply(ra, rb)).nnz());
    }
    return counted * double(a.rows) / double(rows.size());
  }

  double fraction;
  uint64_t seed;
};

} // namespace

std::unique_ptr<Estimator> createSampleEstimator(const EstimatorOptions &options) {
  return std::make_unique<SampleEstimator>(options);
}

} // namespace lauryn::sparsity
