//===- DensityMapEstimator.cpp - nnz per block (SpMacho) ------------------===//
//
// The synopsis is the nnz of each b x b block (b = the densityMapBlock option,
// 256 by default). Products apply the average-case rule per block triple and
// OR-combine over the common dimension; element-wise ops combine blocks;
// reorganisations (binds, slices, diag, broadcast) move block counts,
// assuming uniform non-zeros inside a block. Reshape falls back.
//
//===----------------------------------------------------------------------===//

#include "Estimators.h"
#include "lauryn/Analysis/Sparsity/MatrixStructure.h"

#include <algorithm>
#include <numeric>

namespace lauryn::sparsity {
namespace {

class DensityMap final : public Synopsis {
public:
  static constexpr SynopsisKind Kind = SynopsisKind::DensityMap;
  DensityMap(int64_t rows, int64_t cols, int64_t block)
      : Synopsis(Kind, rows, cols), block(block), blockRows((rows + block - 1) / block),
        blockCols((cols + block - 1) / block), counts(size_t(blockRows * blockCols), 0.0) {}

  int64_t blockSize() const { return block; }
  int64_t numBlockRows() const { return blockRows; }
  int64_t numBlockCols() const { return blockCols; }
  int64_t height(int64_t bi) const { return std::min(block, rows() - bi * block); }
  int64_t width(int64_t bj) const { return std::min(block, cols() - bj * block); }
  double &at(int64_t bi, int64_t bj) { return counts[bi * blockCols + bj]; }
  double at(int64_t bi, int64_t bj) const { return counts[bi * blockCols + bj]; }
  double blockDensity(int64_t bi, int64_t bj) const {
    return at(bi, bj) / (double(height(bi)) * double(width(bj)));
  }
  /// Expected nnz of the cell rectangle [r0, r1) x [c0, c1), non-zeros being
  /// uniform inside each block.
  double rectNnz(int64_t r0, int64_t r1, int64_t c0, int64_t c1) const {
    double sum = 0;
    if (r0 >= r1 || c0 >= c1)
      return 0;
    for (int64_t bi = r0 / block; bi <= (r1 - 1) / block; ++bi) {
      int64_t h = std::min(r1, (bi + 1) * block) - std::max(r0, bi * block);
      for (int64_t bj = c0 / block; bj <= (c1 - 1) / block; ++bj) {
        int64_t w = std::min(c1, (bj + 1) * block) - std::max(c0, bj * block);
        sum += blockDensity(bi, bj) * double(h) * double(w);
      }
    }
    return sum;
  }
  /// Fills every block with f(r0, r1, c0, c1), the nnz of its cell rectangle.
  template <typename F>
  void fill(F f) {
    for (int64_t bi = 0; bi < blockRows; ++bi)
      for (int64_t bj = 0; bj < blockCols; ++bj)
        at(bi, bj) = f(bi * block, bi * block + height(bi), bj * block, bj * block + width(bj));
  }
  double nnz() const override { return std::accumulate(counts.begin(), counts.end(), 0.0); }
  size_t bytes() const override { return sizeof(*this) + counts.size() * sizeof(double); }

private:
  int64_t block, blockRows, blockCols;
  std::vector<double> counts;
};

class DensityMapEstimator final : public Estimator {
public:
  explicit DensityMapEstimator(const EstimatorOptions &options)
      : block(std::max<int64_t>(1, options.densityMapBlock)) {}
  EstimatorKind kind() const override { return EstimatorKind::DensityMap; }

  SynopsisRef build(const MatrixStructure &m) const override {
    auto map = std::make_shared<DensityMap>(m.rows, m.cols, block);
    for (int64_t r = 0; r < m.rows; ++r)
      for (int64_t p = m.rowPtr[r]; p < m.rowPtr[r + 1]; ++p)
        map->at(r / block, m.colIdx[p] / block) += 1;
    return map;
  }

  SynopsisRef fromMetadata(int64_t rows, int64_t cols, double nnz) const override {
    auto map = std::make_shared<DensityMap>(rows, cols, block);
    double density = rows > 0 && cols > 0 ? nnz / (double(rows) * double(cols)) : 0.0;
    map->fill([&](int64_t r0, int64_t r1, int64_t c0, int64_t c1) {
      return density * double(r1 - r0) * double(c1 - c0);
    });
    return map;
  }

  SynopsisRef propagateOwn(const OpDescriptor &op,
                           const std::vector<SynopsisRef> &in) const override {
    if (!allAre<DensityMap>(in) || op.op == StructuralOp::Reshape)
      return nullptr;
    const DensityMap &a = *as<DensityMap>(in[0]);
    const DensityMap *b = in.size() > 1 ? as<DensityMap>(in[1]) : nullptr;
    if (a.blockSize() != block || (b && b->blockSize() != block))
      return nullptr;
    auto out = std::make_shared<DensityMap>(op.rows, op.cols, block);
    if (op.op == StructuralOp::MatMul)
      product(a, *b, *out);
    else
      out->fill([&](int64_t r0, int64_t r1, int64_t c0, int64_t c1) {
        return cellRectNnz(op, a, b, r0, r1, c0, c1);
      });
    return out;
  }

private:
  static void product(const DensityMap &a, const DensityMap &b, DensityMap &out) {
    for (int64_t bi = 0; bi < out.numBlockRows(); ++bi)
      for (int64_t bj = 0; bj < out.numBlockCols(); ++bj) {
        double density = 0;
        for (int64_t bk = 0; bk < a.numBlockCols(); ++bk)
          density = orDensity(density, uniformProductDensity(a.blockDensity(bi, bk),
                                                             b.blockDensity(bk, bj),
                                                             double(a.width(bk))));
        out.at(bi, bj) = density * double(out.height(bi)) * double(out.width(bj));
      }
  }

  /// Expected nnz of the result's cell rectangle [r0, r1) x [c0, c1).
  static double cellRectNnz(const OpDescriptor &op, const DensityMap &a, const DensityMap *b,
                            int64_t r0, int64_t r1, int64_t c0, int64_t c1) {
    double cells = double(r1 - r0) * double(c1 - c0);
    switch (op.op) {
    case StructuralOp::Multiply:
    case StructuralOp::Add: {
      // Rectangles are whole blocks here: the shapes (and grids) are equal.
      double x = a.rectNnz(r0, r1, c0, c1) / cells, y = b->rectNnz(r0, r1, c0, c1) / cells;
      return cells * (op.op == StructuralOp::Add ? orDensity(x, y) : x * y);
    }
    case StructuralOp::Transpose:
      return a.rectNnz(c0, c1, r0, r1);
    case StructuralOp::CBind: {
      int64_t split = a.cols();
      return a.rectNnz(r0, r1, c0, std::min(c1, split)) +
             b->rectNnz(r0, r1, std::max(c0, split) - split, std::max(c1, split) - split);
    }
    case StructuralOp::RBind: {
      int64_t split = a.rows();
      return a.rectNnz(r0, std::min(r1, split), c0, c1) +
             b->rectNnz(std::max(r0, split) - split, std::max(r1, split) - split, c0, c1);
    }
    case StructuralOp::Diag: {
      if (a.cols() == 1) // vector -> matrix: the diagonal cells of the rectangle
        return a.rectNnz(std::max(r0, c0), std::min(r1, c1), 0, 1);
      double diagonal = 0; // matrix -> vector: cells (i, i), i in [r0, r1)
      for (int64_t i = r0; i < r1; i = std::min(r1, (i / a.blockSize() + 1) * a.blockSize()))
        diagonal += a.blockDensity(i / a.blockSize(), i / a.blockSize()) *
                    double(std::min(r1, (i / a.blockSize() + 1) * a.blockSize()) - i);
      return diagonal;
    }
    case StructuralOp::EqualZero:
      return cells - a.rectNnz(r0, r1, c0, c1);
    case StructuralOp::NotEqualZero:
      return a.rectNnz(r0, r1, c0, c1);
    case StructuralOp::Slice:
      return a.rectNnz(r0 + op.rowBegin, r1 + op.rowBegin, c0 + op.colBegin, c1 + op.colBegin);
    case StructuralOp::Broadcast: {
      // The operand's rows (or columns) repeat: project the rectangle onto it.
      int64_t ar0 = a.rows() == 1 ? 0 : r0, ar1 = a.rows() == 1 ? 1 : r1;
      int64_t ac0 = a.cols() == 1 ? 0 : c0, ac1 = a.cols() == 1 ? 1 : c1;
      double copies = (a.rows() == 1 ? double(r1 - r0) : 1.0) * (a.cols() == 1 ? double(c1 - c0) : 1.0);
      return copies * a.rectNnz(ar0, ar1, ac0, ac1);
    }
    case StructuralOp::MatMul:
    case StructuralOp::Reshape:
      break;
    }
    return 0;
  }

  int64_t block;
};

} // namespace

std::unique_ptr<Estimator> createDensityMapEstimator(const EstimatorOptions &options) {
  return std::make_unique<DensityMapEstimator>(options);
}

} // namespace lauryn::sparsity
