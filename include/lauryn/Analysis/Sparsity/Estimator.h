//===- Estimator.h - one interface for every sparsity estimator -----------===//
//
// A sparsity estimator summarises each matrix by a synopsis (its nnz only, a
// bitset, a density map, an MNC sketch, ...), builds synopses of inputs from
// their non-zero pattern or from metadata (size and nnz), and propagates them
// through the structural ops below. Every `la` op maps to one of these ops or
// to a metadata rule (Dialect/LA/Transforms/EstimateSparsity.cpp).
//
// Fallback (documented in docs/sparsity.md): where an estimator has no rule for
// an op or for its inputs' synopses, the average-case rule gives the result's
// nnz from the inputs' nnz and the estimator turns that into its own synopsis
// through fromMetadata (a uniform sketch / density map, or nnz only).
//
//===----------------------------------------------------------------------===//

#ifndef LAURYN_ANALYSIS_SPARSITY_ESTIMATOR_H
#define LAURYN_ANALYSIS_SPARSITY_ESTIMATOR_H

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

namespace lauryn::sparsity {

struct MatrixStructure;

/// The structural ops estimators know (SystemDS's MM, MULT, PLUS, TRANS,
/// RESHAPE, CBIND, RBIND, DIAG, EQZERO, NEQZERO, plus slicing).
enum class StructuralOp {
  MatMul,
  Multiply,     ///< zero where any input is zero (x * y, x & y); equal shapes
  Add,          ///< zero where both inputs are zero (x + y, x - y, x | y); equal shapes
  Transpose,
  Reshape,      ///< row-major
  CBind,
  RBind,
  Diag,         ///< column vector -> diagonal matrix, or square matrix -> its diagonal
  EqualZero,    ///< x == 0
  NotEqualZero, ///< x != 0 (and every op with f(0) = 0, f(x != 0) != 0)
  Slice,
  Broadcast,    ///< 1 x 1, 1 x n or m x 1 -> m x n (operands of broadcasting ops)
};

/// An op occurrence: its kind and result shape; a slice also has its offsets
/// (the result shape is its extent).
struct OpDescriptor {
  StructuralOp op;
  int64_t rows = 0;
  int64_t cols = 0;
  int64_t rowBegin = 0;
  int64_t colBegin = 0;
};

/// What a synopsis holds (its subclass; no RTTI in LLVM-style builds).
enum class SynopsisKind { Metadata, Bitset, DensityMap, Pattern, LayeredGraph, MNCSketch };

/// Summary of one matrix; subclasses hold what their estimator needs.
class Synopsis {
public:
  Synopsis(SynopsisKind kind, int64_t rows, int64_t cols)
      : synopsisKind(kind), numRows(rows), numCols(cols) {}
  virtual ~Synopsis();
  SynopsisKind kind() const { return synopsisKind; }
  int64_t rows() const { return numRows; }
  int64_t cols() const { return numCols; }
  double cells() const { return double(numRows) * double(numCols); }
  double density() const { return cells() > 0 ? nnz() / cells() : 0.0; }
  /// Estimated number of non-zeros.
  virtual double nnz() const = 0;
  /// Memory held by the synopsis.
  virtual size_t bytes() const = 0;

private:
  SynopsisKind synopsisKind;
  int64_t numRows, numCols;
};
using SynopsisRef = std::shared_ptr<const Synopsis>;

/// Size and nnz only: the synopsis of the metadata estimators and the
/// fallback of the others.
class MetadataSynopsis final : public Synopsis {
public:
  static constexpr SynopsisKind Kind = SynopsisKind::Metadata;
  MetadataSynopsis(int64_t rows, int64_t cols, double nnz, bool exact = false)
      : Synopsis(Kind, rows, cols), count(nnz), isExact(exact) {}
  double nnz() const override { return count; }
  size_t bytes() const override { return sizeof(*this); }
  /// The nnz is known exactly (built from data, or an exact rule).
  bool exact() const { return isExact; }

private:
  double count;
  bool isExact;
};

enum class EstimatorKind {
  AverageCase,  ///< uniform non-zeros (SystemDS BasicAvg, the default)
  WorstCase,    ///< upper bounds (BasicWorst)
  Bitset,       ///< exact boolean structure (memory-bounded)
  DensityMap,   ///< nnz per block, average rule per block (SpMacho)
  Sample,       ///< sampled common-dimension pairs / rows of the inputs' patterns
  LayeredGraph, ///< Cohen's reachability estimate over matrix-product chains
  MNC,          ///< row/column count sketches, products placed by line counts
  MNCBasic,     ///< MNC with the paper's uniform product rule (SIGMOD'19, SystemDS)
};

struct EstimatorOptions {
  int64_t densityMapBlock = 256;
  double sampleFraction = 0.1;
  int layeredGraphRounds = 32;
  uint64_t seed = 0x5eed;
  /// Bitsets larger than this fall back (the synopsis of an m x n matrix
  /// takes m * ceil(n / 64) * 8 bytes).
  size_t bitsetMaxBytes = size_t(256) << 20;
};

class Estimator {
public:
  virtual ~Estimator();
  virtual EstimatorKind kind() const = 0;
  /// Synopsis of a matrix whose non-zero pattern is known.
  virtual SynopsisRef build(const MatrixStructure &m) const = 0;
  /// Synopsis of a matrix known by size and nnz only (uniform assumption).
  virtual SynopsisRef fromMetadata(int64_t rows, int64_t cols, double nnz) const;
  /// This estimator's own rule, or nullptr where it has none for these
  /// inputs (then propagate() falls back).
  virtual SynopsisRef propagateOwn(const OpDescriptor &op,
                                   const std::vector<SynopsisRef> &inputs) const = 0;
  /// propagateOwn, else the average-case fallback.
  SynopsisRef propagate(const OpDescriptor &op, const std::vector<SynopsisRef> &inputs) const;
};

std::unique_ptr<Estimator> createEstimator(EstimatorKind kind,
                                           const EstimatorOptions &options = {});
std::string_view estimatorName(EstimatorKind kind);
std::optional<EstimatorKind> parseEstimatorKind(std::string_view name);
const std::vector<EstimatorKind> &allEstimatorKinds();

/// The average-case nnz of an op's result from its inputs' sizes and nnz.
double averageCaseNnz(const OpDescriptor &op, const std::vector<SynopsisRef> &inputs);

/// Checks an op against its inputs' shapes (arity, conformity, result
/// shape); false for a malformed descriptor.
bool isWellFormed(const OpDescriptor &op, const std::vector<SynopsisRef> &inputs);

} // namespace lauryn::sparsity

#endif // LAURYN_ANALYSIS_SPARSITY_ESTIMATOR_H
