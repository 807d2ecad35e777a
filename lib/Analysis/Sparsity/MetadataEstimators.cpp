//===- MetadataEstimators.cpp - average case and worst case from nnz ------===//
//
// Both keep only size and nnz. The average case assumes uniformly placed
// non-zeros (SystemDS BasicAvg); the worst case keeps an upper bound
// (BasicWorst). Ops whose nnz follows exactly from the inputs' nnz (binds,
// transpose, reshape, != 0, and == 0 of an exact count) stay exact.
//
//===----------------------------------------------------------------------===//

#include "Estimators.h"
#include "lauryn/Analysis/Sparsity/MatrixStructure.h"

#include <algorithm>

namespace lauryn::sparsity {
namespace {

bool allExact(const std::vector<SynopsisRef> &in) {
  for (const SynopsisRef &s : in)
    if (!as<MetadataSynopsis>(s) || !as<MetadataSynopsis>(s)->exact())
      return false;
  return true;
}

/// Ops whose result nnz is a function of the inputs' nnz alone.
bool exactByMetadata(const OpDescriptor &op, const std::vector<SynopsisRef> &in) {
  switch (op.op) {
  case StructuralOp::Transpose:
  case StructuralOp::Reshape:
  case StructuralOp::CBind:
  case StructuralOp::RBind:
  case StructuralOp::NotEqualZero:
  case StructuralOp::EqualZero:
  case StructuralOp::Broadcast:
    return true;
  case StructuralOp::Diag:
    return in[0]->cols() == 1;
  default:
    return false;
  }
}

class AverageCaseEstimator final : public Estimator {
public:
  EstimatorKind kind() const override { return EstimatorKind::AverageCase; }
  SynopsisRef build(const MatrixStructure &m) const override {
    return std::make_shared<MetadataSynopsis>(m.rows, m.cols, double(m.nnz()), true);
  }
  SynopsisRef propagateOwn(const OpDescriptor &op,
                           const std::vector<SynopsisRef> &in) const override {
    bool exact = allExact(in) && exactByMetadata(op, in);
    return std::make_shared<MetadataSynopsis>(op.rows, op.cols, averageCaseNnz(op, in), exact);
  }
};

class WorstCaseEstimator final : public Estimator {
public:
  EstimatorKind kind() const override { return EstimatorKind::WorstCase; }
  SynopsisRef build(const MatrixStructure &m) const override {
    return std::make_shared<MetadataSynopsis>(m.rows, m.cols, double(m.nnz()), true);
  }
  SynopsisRef propagateOwn(const OpDescriptor &op,
                           const std::vector<SynopsisRef> &in) const override {
    bool exact = allExact(in) && exactByMetadata(op, in);
    double cells = double(op.rows) * double(op.cols);
    double nnz = std::min(cells, upperBound(op, in, exact));
    return std::make_shared<MetadataSynopsis>(op.rows, op.cols, nnz, exact);
  }

private:
  static double upperBound(const OpDescriptor &op, const std::vector<SynopsisRef> &in,
                           bool exact) {
    double cells = double(op.rows) * double(op.cols);
    const Synopsis &a = *in[0];
    switch (op.op) {
    case StructuralOp::MatMul: {
      // Non-zeros lie in non-empty rows of a times non-empty columns of b, and
      // each one needs at least one non-zero product.
      const Synopsis &b = *in[1];
      double rowsBound = std::min(double(a.rows()), a.nnz());
      double colsBound = std::min(double(b.cols()), b.nnz());
      return std::min(rowsBound * colsBound, a.nnz() * b.nnz());
    }
    case StructuralOp::Multiply:
      return std::min(a.nnz(), in[1]->nnz());
    case StructuralOp::Add:
      return a.nnz() + in[1]->nnz();
    case StructuralOp::Diag:
      return a.cols() == 1 ? a.nnz() : std::min(double(op.rows), a.nnz());
    case StructuralOp::EqualZero:
      // Cells minus a lower bound of the input's nnz (0 unless it is exact).
      return exact ? cells - a.nnz() : cells;
    case StructuralOp::Slice:
      return a.nnz();
    default:
      return averageCaseNnz(op, in); // exact by metadata (broadcast replicates)
    }
  }
};

} // namespace

std::unique_ptr<Estimator> createAverageCaseEstimator() {
  return std::make_unique<AverageCaseEstimator>();
}
std::unique_ptr<Estimator> createWorstCaseEstimator() {
  return std::make_unique<WorstCaseEstimator>();
}

} // namespace lauryn::sparsity
