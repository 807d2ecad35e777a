//===- MNCEstimator.cpp - the MNC estimator over MNCSketch synopses -------===//
//
// Inputs known by their pattern get full sketches (with extension vectors),
// inputs known by metadata a uniform sketch; every structural op has a rule
// (mnc::propagate) except reshapes that neither merge nor split whole rows.
//
//===----------------------------------------------------------------------===//

#include "Estimators.h"
#include "lauryn/Analysis/Sparsity/MNCSketch.h"

namespace lauryn::sparsity {
namespace {

class MNCEstimator final : public Estimator {
public:
  explicit MNCEstimator(EstimatorKind kind) : variant(kind) {}
  EstimatorKind kind() const override { return variant; }
  SynopsisRef build(const MatrixStructure &m) const override {
    return std::make_shared<MNCSketch>(MNCSketch::build(m));
  }
  SynopsisRef fromMetadata(int64_t rows, int64_t cols, double nnz) const override {
    return std::make_shared<MNCSketch>(MNCSketch::uniform(rows, cols, nnz));
  }
  SynopsisRef propagateOwn(const OpDescriptor &op,
                           const std::vector<SynopsisRef> &in) const override {
    if (!allAre<MNCSketch>(in))
      return nullptr;
    const MNCSketch *b = in.size() > 1 ? as<MNCSketch>(in[1]) : nullptr;
    mnc::ProductRule rule = variant == EstimatorKind::MNCBasic ? mnc::ProductRule::Uniform
                                                               : mnc::ProductRule::Weighted;
    std::optional<MNCSketch> out = mnc::propagate(op, *as<MNCSketch>(in[0]), b, rule);
    return out ? std::make_shared<MNCSketch>(std::move(*out)) : nullptr;
  }

private:
  EstimatorKind variant;
};

} // namespace

std::unique_ptr<Estimator> createMNCEstimator(EstimatorKind kind, const EstimatorOptions &) {
  return std::make_unique<MNCEstimator>(kind);
}

} // namespace lauryn::sparsity
