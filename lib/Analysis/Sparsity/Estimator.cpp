//===- Estimator.cpp - factory, average-case rule and fallback ------------===//

#include "Estimators.h"

#include <algorithm>

namespace lauryn::sparsity {

Synopsis::~Synopsis() = default;
Estimator::~Estimator() = default;

SynopsisRef Estimator::fromMetadata(int64_t rows, int64_t cols, double nnz) const {
  return std::make_shared<MetadataSynopsis>(rows, cols, nnz);
}

SynopsisRef Estimator::propagate(const OpDescriptor &op,
                                 const std::vector<SynopsisRef> &inputs) const {
  if (SynopsisRef own = propagateOwn(op, inputs))
    return own;
  return fromMetadata(op.rows, op.cols, averageCaseNnz(op, inputs));
}

double averageCaseNnz(const OpDescriptor &op, const std::vector<SynopsisRef> &in) {
  double cells = double(op.rows) * double(op.cols);
  switch (op.op) {
  case StructuralOp::MatMul:
    return cells * uniformProductDensity(in[0]->density(), in[1]->density(), double(in[0]->cols()));
  case StructuralOp::Multiply:
    return cells * in[0]->density() * in[1]->density();
  case StructuralOp::Add:
    return cells * orDensity(in[0]->density(), in[1]->density());
  case StructuralOp::Transpose:
  case StructuralOp::Reshape:
  case StructuralOp::NotEqualZero:
    return in[0]->nnz();
  case StructuralOp::CBind:
  case StructuralOp::RBind:
    return in[0]->nnz() + in[1]->nnz();
  case StructuralOp::Diag:
    return in[0]->cols() == 1 ? in[0]->nnz() : in[0]->density() * double(op.rows);
  case StructuralOp::EqualZero:
    return std::max(0.0, cells - in[0]->nnz());
  case StructuralOp::Slice:
  case StructuralOp::Broadcast:
    return cells * in[0]->density();
  }
  return cells;
}

static unsigned arity(StructuralOp op) {
  switch (op) {
  case StructuralOp::MatMul:
  case StructuralOp::Multiply:
  case StructuralOp::Add:
  case StructuralOp::CBind:
  case StructuralOp::RBind:
    return 2;
  default:
    return 1;
  }
}

bool isWellFormed(const OpDescriptor &op, const std::vector<SynopsisRef> &in) {
  if (in.size() != arity(op.op) || op.rows < 0 || op.cols < 0)
    return false;
  for (const SynopsisRef &s : in)
    if (!s)
      return false;
  const Synopsis &a = *in[0];
  auto shape = [&](int64_t r, int64_t c) { return op.rows == r && op.cols == c; };
  switch (op.op) {
  case StructuralOp::MatMul:
    return a.cols() == in[1]->rows() && shape(a.rows(), in[1]->cols());
  case StructuralOp::Multiply:
  case StructuralOp::Add:
    return shape(a.rows(), a.cols()) && shape(in[1]->rows(), in[1]->cols());
  case StructuralOp::Transpose:
    return shape(a.cols(), a.rows());
  case StructuralOp::Reshape:
    return double(op.rows) * double(op.cols) == a.cells();
  case StructuralOp::CBind:
    return a.rows() == in[1]->rows() && shape(a.rows(), a.cols() + in[1]->cols());
  case StructuralOp::RBind:
    return a.cols() == in[1]->cols() && shape(a.rows() + in[1]->rows(), a.cols());
  case StructuralOp::Diag:
    return a.cols() == 1 ? shape(a.rows(), a.rows()) : a.rows() == a.cols() && shape(a.rows(), 1);
  case StructuralOp::EqualZero:
  case StructuralOp::NotEqualZero:
    return shape(a.rows(), a.cols());
  case StructuralOp::Slice:
    return op.rowBegin >= 0 && op.colBegin >= 0 && op.rowBegin + op.rows <= a.rows() &&
           op.colBegin + op.cols <= a.cols();
  case StructuralOp::Broadcast:
    return (a.rows() == 1 || a.rows() == op.rows) && (a.cols() == 1 || a.cols() == op.cols);
  }
  return false;
}

std::unique_ptr<Estimator> createEstimator(EstimatorKind kind, const EstimatorOptions &options) {
  switch (kind) {
  case EstimatorKind::AverageCase:
    return createAverageCaseEstimator();
  case EstimatorKind::WorstCase:
    return createWorstCaseEstimator();
  case EstimatorKind::Bitset:
    return createBitsetEstimator(options);
  case EstimatorKind::DensityMap:
    return createDensityMapEstimator(options);
  case EstimatorKind::Sample:
    return createSampleEstimator(options);
  case EstimatorKind::LayeredGraph:
    return createLayeredGraphEstimator(options);
  case EstimatorKind::MNC:
  case EstimatorKind::MNCBasic:
    return createMNCEstimator(kind, options);
  }
  return nullptr;
}

namespace {
struct NamedKind {
  EstimatorKind kind;
  std::string_view name;
};
constexpr NamedKind kNames[] = {
    {EstimatorKind::AverageCase, "avg"},       {EstimatorKind::WorstCase, "worst"},
    {EstimatorKind::Bitset, "bitset"},         {EstimatorKind::DensityMap, "density-map"},
    {EstimatorKind::Sample, "sample"},         {EstimatorKind::LayeredGraph, "layered-graph"},
    {EstimatorKind::MNC, "mnc"},               {EstimatorKind::MNCBasic, "mnc-basic"},
};
} // namespace

std::string_view estimatorName(EstimatorKind kind) {
  for (const NamedKind &n : kNames)
    if (n.kind == kind)
      return n.name;
  return "?";
}

std::optional<EstimatorKind> parseEstimatorKind(std::string_view name) {
  for (const NamedKind &n : kNames)
    if (n.name == name)
      return n.kind;
  return std::nullopt;
}

const std::vector<EstimatorKind> &allEstimatorKinds() {
  static const std::vector<EstimatorKind> kinds = [] {
    std::vector<EstimatorKind> v;
    for (const NamedKind &n : kNames)
      v.push_back(n.kind);
    return v;
  }();
  return kinds;
}

} // namespace lauryn::sparsity
