//===- BitsetEstimator.cpp - exact boolean structure ----------------------===//
//
// One bit per cell; every op is computed exactly on the bits (the boolean
// matrix product costs O(nnz(a) · n / 64)). Synopses larger than the option
// bitsetMaxBytes are not built: such ops fall back to the average case.
//
//===----------------------------------------------------------------------===//

#include "Estimators.h"
#include "lauryn/Analysis/Sparsity/MatrixStructure.h"

#include "llvm/ADT/bit.h"

namespace lauryn::sparsity {
namespace {

class BitsetSynopsis final : public Synopsis {
public:
  static constexpr SynopsisKind Kind = SynopsisKind::Bitset;
  BitsetSynopsis(int64_t rows, int64_t cols)
      : Synopsis(Kind, rows, cols), wordsPerRow((cols + 63) / 64),
        words(size_t(rows) * size_t(wordsPerRow), 0) {}

  static size_t bytesFor(int64_t rows, int64_t cols) {
    return size_t(rows) * size_t((cols + 63) / 64) * sizeof(uint64_t);
  }
  bool get(int64_t r, int64_t c) const { return row(r)[c / 64] >> (c % 64) & 1; }
  void set(int64_t r, int64_t c) { row(r)[c / 64] |= uint64_t(1) << (c % 64); }
  uint64_t *row(int64_t r) { return words.data() + r * wordsPerRow; }
  const uint64_t *row(int64_t r) const { return words.data() + r * wordsPerRow; }
  int64_t rowWords() const { return wordsPerRow; }
  /// Clears the bits past the last column (after a complement).
  void clearTail() {
    if (cols() % 64 == 0)
      return;
    uint64_t mask = (uint64_t(1) << (cols() % 64)) - 1;
    for (int64_t r = 0; r < rows(); ++r)
      row(r)[wordsPerRow - 1] &= mask;
  }
  /// Calls f(r, c) for every set bit, in row-major order.
  template <typename F>
  void forEachSet(F f) const {
    for (int64_t r = 0; r < rows(); ++r)
      for (int64_t w = 0; w < wordsPerRow; ++w)
        for (uint64_t bits = row(r)[w]; bits; bits &= bits - 1)
          f(r, w * 64 + llvm::countr_zero(bits));
  }
  /// Counts the bits; call once the synopsis is complete.
  void finish() {
    count = 0;
    for (uint64_t w : words)
      count += llvm::popcount(w);
  }
  double nnz() const override { return double(count); }
  size_t bytes() const override { return words.size() * sizeof(uint64_t) + sizeof(*this); }

private:
  int64_t wordsPerRow;
  std::vector<uint64_t> words;
  int64_t count = 0;
};

class BitsetEstimator final : public Estimator {
public:
  explicit BitsetEstimator(const EstimatorOptions &options) : maxBytes(options.bitsetMaxBytes) {}
  EstimatorKind kind() const override { return EstimatorKind::Bitset; }

  SynopsisRef build(const MatrixStructure &m) const override {
    if (BitsetSynopsis::bytesFor(m.rows, m.cols) > maxBytes)
      return fromMetadata(m.rows, m.cols, double(m.nnz()));
    auto s = std::make_shared<BitsetSynopsis>(m.rows, m.cols);
    for (int64_t r = 0; r < m.rows; ++r)
      for (int64_t p = m.rowPtr[r]; p < m.rowPtr[r + 1]; ++p)
        s->set(r, m.colIdx[p]);
    s->finish();
    return s;
  }

  SynopsisRef propagateOwn(const OpDescriptor &op,
                           const std::vector<SynopsisRef> &in) const override {
    if (!allAre<BitsetSynopsis>(in) || BitsetSynopsis::bytesFor(op.rows, op.cols) > maxBytes)
      return nullptr;
    const BitsetSynopsis &a = *as<BitsetSynopsis>(in[0]);
    const BitsetSynopsis *b = in.size() > 1 ? as<BitsetSynopsis>(in[1]) : nullptr;
    auto out = std::make_shared<BitsetSynopsis>(op.rows, op.cols);
    compute(op, a, b, *out);
    out->finish();
    return out;
  }

private:
  static void compute(const OpDescriptor &op, const BitsetSynopsis &a, const BitsetSynopsis *b,
                      BitsetSynopsis &out) {
    switch (op.op) {
    case StructuralOp::MatMul:
      a.forEachSet([&](int64_t r, int64_t k) {
        uint64_t *dst = out.row(r);
        const uint64_t *src = b->row(k);
        for (int64_t w = 0; w < out.rowWords(); ++w)
          dst[w] |= src[w];
      });
      return;
    case StructuralOp::Multiply:
    case StructuralOp::Add:
      for (int64_t r = 0; r < op.rows; ++r)
        for (int64_t w = 0; w < out.rowWords(); ++w)
          out.row(r)[w] = op.op == StructuralOp::Add ? a.row(r)[w] | b->row(r)[w]
                                                     : a.row(r)[w] & b->row(r)[w];
      return;
    case StructuralOp::Transpose:
      a.forEachSet([&](int64_t r, int64_t c) { out.set(c, r); });
      return;
    case StructuralOp::Reshape:
      a.forEachSet([&](int64_t r, int64_t c) {
        int64_t linear = r * a.cols() + c;
        out.set(linear / op.cols, linear % op.cols);
      });
      return;
    case StructuralOp::CBind:
    case StructuralOp::RBind: {
      bool byCols = op.op == StructuralOp::CBind;
      a.forEachSet([&](int64_t r, int64_t c) { out.set(r, c); });
      b->forEachSet([&](int64_t r, int64_t c) {
        out.set(byCols ? r : r + a.rows(), byCols ? c + a.cols() : c);
      });
      return;
    }
    case StructuralOp::Diag:
      for (int64_t i = 0; i < op.rows; ++i)
        if (a.cols() == 1 ? a.get(i, 0) : a.get(i, i))
          out.set(i, a.cols() == 1 ? i : 0);
      return;
    case StructuralOp::EqualZero:
    case StructuralOp::NotEqualZero:
      for (int64_t r = 0; r < op.rows; ++r)
        for (int64_t w = 0; w < out.rowWords(); ++w)
          out.row(r)[w] = op.op == StructuralOp::EqualZero ? ~a.row(r)[w] : a.row(r)[w];
      out.clearTail();
      return;
    case StructuralOp::Slice:
      a.forEachSet([&](int64_t r, int64_t c) {
        if (r >= op.rowBegin && r < op.rowBegin + op.rows && c >= op.colBegin &&
            c < op.colBegin + op.cols)
          out.set(r - op.rowBegin, c - op.colBegin);
      });
      return;
    case StructuralOp::Broadcast:
      for (int64_t r = 0; r < op.rows; ++r)
        for (int64_t c = 0; c < op.cols; ++c)
          if (a.get(a.rows() == 1 ? 0 : r, a.cols() == 1 ? 0 : c))
            out.set(r, c);
      return;
    }
  }

  size_t maxBytes;
};

} // namespace

std::unique_ptr<Estimator> createBitsetEstimator(const EstimatorOptions &options) {
  return std::make_unique<BitsetEstimator>(options);
}

} // namespace lauryn::sparsity
