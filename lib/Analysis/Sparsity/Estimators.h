//===- Estimators.h - constructors of the estimators (private) ------------===//
//
// One class per estimator, each in its own file; the factory in Estimator.cpp
// is the only client of these constructors.
//
//===----------------------------------------------------------------------===//

#ifndef LAURYN_LIB_ANALYSIS_SPARSITY_ESTIMATORS_H
#define LAURYN_LIB_ANALYSIS_SPARSITY_ESTIMATORS_H

#include "lauryn/Analysis/Sparsity/Estimator.h"
#include "lauryn/Analysis/Sparsity/MatrixStructure.h"

#include <cmath>

namespace lauryn::sparsity {

std::unique_ptr<Estimator> createAverageCaseEstimator();
std::unique_ptr<Estimator> createWorstCaseEstimator();
std::unique_ptr<Estimator> createBitsetEstimator(const EstimatorOptions &options);
std::unique_ptr<Estimator> createDensityMapEstimator(const EstimatorOptions &options);
std::unique_ptr<Estimator> createSampleEstimator(const EstimatorOptions &options);
std::unique_ptr<Estimator> createLayeredGraphEstimator(const EstimatorOptions &options);
std::unique_ptr<Estimator> createMNCEstimator(EstimatorKind kind, const EstimatorOptions &options);

/// Density of a product with inner dimension k of operands of densities a, b
/// under the uniform assumption: 1 - (1 - a·b)^k.
inline double uniformProductDensity(double a, double b, double k) {
  double p = a * b;
  if (p >= 1.0)
    return k > 0 ? 1.0 : 0.0;
  return -std::expm1(k * std::log1p(-p));
}

/// Probabilistic OR of two densities.
inline double orDensity(double a, double b) { return a + b - a * b; }

/// An input synopsis as an estimator's own synopsis type, or nullptr.
template <typename T>
const T *as(const SynopsisRef &s) {
  return s && s->kind() == T::Kind ? static_cast<const T *>(s.get()) : nullptr;
}

/// True if every input is of synopsis type T.
template <typename T>
bool allAre(const std::vector<SynopsisRef> &inputs) {
  for (const SynopsisRef &s : inputs)
    if (!as<T>(s))
      return false;
  return true;
}

/// A known non-zero pattern (the sample and layered-graph estimators keep the
/// patterns of inputs and of their reorganisations).
class PatternSynopsis final : public Synopsis {
public:
  static constexpr SynopsisKind Kind = SynopsisKind::Pattern;
  explicit PatternSynopsis(MatrixStructure m)
      : Synopsis(Kind, m.rows, m.cols), pattern(std::move(m)) {}
  const MatrixStructure &get() const { return pattern; }
  double nnz() const override { return double(pattern.nnz()); }
  size_t bytes() const override {
    return sizeof(*this) + (pattern.rowPtr.size() + pattern.colIdx.size()) * sizeof(int64_t);
  }

private:
  MatrixStructure pattern;
};

/// The exact pattern of a reorganisation (transpose, reshape, binds, diag,
/// != 0, slice, broadcast) of known patterns; std::nullopt for the other ops
/// (products and element-wise ops need estimates, == 0 may not fit).
std::optional<MatrixStructure> reorganize(const OpDescriptor &op, const MatrixStructure &a,
                                          const MatrixStructure *b);

} // namespace lauryn::sparsity

#endif // LAURYN_LIB_ANALYSIS_SPARSITY_ESTIMATORS_H
