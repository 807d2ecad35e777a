//===- MNCSketch.cpp - MNC sketches: construction, estimates, propagation -===//

#include "lauryn/Analysis/Sparsity/MNCSketch.h"
#include "lauryn/Analysis/Sparsity/MatrixStructure.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <optional>

namespace lauryn::sparsity {
namespace {

using Counts = std::vector<int64_t>;

/// Integer counts proportional to `weights`, each at most `cap`, summing to
/// round(target) where the caps allow: floors first, then the remaining units
/// to the largest remainders (deterministic, and exact totals stay exact).
Counts apportion(const std::vector<double> &weights, double target, int64_t cap) {
  double sum = std::accumulate(weights.begin(), weights.end(), 0.0);
  Counts out(weights.size(), 0);
  if (!(sum > 0) || !(target > 0) || cap <= 0)
    return out;
  std::vector<std::pair<double, size_t>> remainders;
  int64_t assigned = 0;
  for (size_t i = 0; i < weights.size(); ++i) {
    double x = std::min(double(cap), weights[i] * target / sum);
    out[i] = int64_t(std::floor(x));
    assigned += out[i];
    if (out[i] < cap && x > double(out[i]))
      remainders.push_back({x - double(out[i]), i});
  }
  int64_t missing = std::llround(target) - assigned;
  if (missing <= 0)
    return out;
  size_t n = std::min<size_t>(remainders.size(), size_t(missing));
  std::partial_sort(remainders.begin(), remainders.begin() + n, remainders.end(),
                    [](const auto &x, const auto &y) {
                      return x.first > y.first || (x.first == y.first && x.second < y.second);
                    });
  for (size_t i = 0; i < n; ++i)
    ++out[remainders[i].second];
  return out;
}

std::vector<double> asDoubles(const Counts &c) { return std::vector<double>(c.begin(), c.end()); }

double dot(const Counts &a, const Counts &b) {
  double s = 0;
  for (size_t i = 0; i < a.size(); ++i)
    s += double(a[i]) * double(b[i]);
  return s;
}

/// Bucket of a positive count: exact up to 8, then geometric (ratio 1.25), so
/// a few dozen buckets cover any matrix.
int countBucket(double count) {
  return count <= 8 ? int(count) : 8 + int(std::log(count / 8) / std::log(1.25)) + 1;
}

/// Rows (or columns) grouped by bucketed count: members and mean count.
struct CountGroup {
  double members = 0, count = 0;
};

std::vector<CountGroup> groupCounts(const std::vector<double> &counts) {
  std::map<int, CountGroup> groups;
  for (double c : counts)
    if (c > 0) {
      CountGroup &g = groups[countBucket(c)];
      g.members += 1;
      g.count += c;
    }
  std::vector<CountGroup> out;
  for (auto &[bucket, g] : groups)
    out.push_back({g.members, g.count / g.members});
  return out;
}

/// Common-dimension indices j grouped by the bucketed pair (nnz of column j
/// of a, nnz of row j of b).
struct PairGroup {
  double members = 0, a = 0, b = 0;
};

std::vector<PairGroup> groupPairs(const std::vector<double> &a, const std::vector<double> &b) {
  std::map<std::pair<int, int>, PairGroup> groups;
  for (size_t j = 0; j < a.size(); ++j)
    if (a[j] > 0 && b[j] > 0) {
      PairGroup &g = groups[{countBucket(a[j]), countBucket(b[j])}];
      g.members += 1;
      g.a += a[j];
      g.b += b[j];
    }
  std::vector<PairGroup> out;
  for (auto &[key, g] : groups)
    out.push_back({g.members, g.a / g.members, g.b / g.members});
  return out;
}

/// The factor s for which a line (row of a) with `count` non-zeros, placed on
/// the cross lines (columns of a) with probabilities min(1, s · count ·
/// cross / total), has `count` non-zeros in expectation. Without it (s = 1),
/// probabilities capped at 1 on full cross lines lose the line's mass.
double calibrate(double count, const std::vector<CountGroup> &cross, double total) {
  auto expected = [&](double s) {
    double e = 0;
    for (const CountGroup &g : cross)
      e += g.members * std::min(1.0, s * count * g.count / total);
    return e;
  };
  double capacity = 0;
  for (const CountGroup &g : cross)
    capacity += g.members;
  if (count >= capacity)
    return std::numeric_limits<double>::infinity(); // every cross line is hit
  double lo = 1, hi = 2;
  for (int i = 0; i < 64 && expected(hi) < count; ++i)
    lo = hi, hi *= 2;
  for (int i = 0; i < 40; ++i) {
    double mid = (lo + hi) / 2;
    (expected(mid) < count ? lo : hi) = mid;
  }
  return hi;
}

/// Expected nnz of a · b when the non-zeros of column j of a fall on rows in
/// proportion to the rows' counts, and those of row j of b on columns in
/// proportion to the columns' counts: cell (p, q) is hit by j with
/// probability min(1, s_p a_j r_p / nnz(a)) · min(1, t_q b_j c_q / nnz(b))
/// (s, t from calibrate()), and is non-zero unless no j hits it. MNC's rule
/// spreads every j uniformly over the non-empty rows and columns; weighting
/// by the counts keeps skewed rows (power laws, one-hot categories) from being
/// spread thin. Rows, columns and common indices are grouped by bucketed
/// counts, which bounds the cost by a few thousand terms per group pair.
double weightedProduct(const std::vector<double> &rowCounts, const std::vector<double> &aCols,
                       const std::vector<double> &bRows, const std::vector<double> &colCounts) {
  double nnzA = std::accumulate(rowCounts.begin(), rowCounts.end(), 0.0);
  double nnzB = std::accumulate(colCounts.begin(), colCounts.end(), 0.0);
  if (nnzA <= 0 || nnzB <= 0)
    return 0;
  std::vector<CountGroup> rows = groupCounts(rowCounts), cols = groupCounts(colCounts);
  std::vector<CountGroup> aLines = groupCounts(aCols), bLines = groupCounts(bRows);
  std::vector<PairGroup> common = groupPairs(aCols, bRows);
  std::vector<double> rowScale, colScale;
  for (const CountGroup &p : rows)
    rowScale.push_back(calibrate(p.count, aLines, nnzA));
  for (const CountGroup &q : cols)
    colScale.push_back(calibrate(q.count, bLines, nnzB));
  double total = 0;
  for (size_t pi = 0; pi < rows.size(); ++pi)
    for (size_t qi = 0; qi < cols.size(); ++qi) {
      const CountGroup &p = rows[pi], &q = cols[qi];
      double logMiss = 0;
      for (const PairGroup &j : common) {
        double hit = std::min(1.0, rowScale[pi] * j.a * p.count / nnzA) *
                     std::min(1.0, colScale[qi] * j.b * q.count / nnzB);
        logMiss += j.members * std::log1p(-hit);
      }
      total += p.members * q.members * -std::expm1(logMiss);
    }
  return total;
}

/// Sum over rows (or columns) of a * b: the scale of the element-wise rules,
/// the probability that a row entry of each meets (Σ_j c1_j c2_j / (nnz1 nnz2)).
double meetScale(const Counts &a, const Counts &b, double nnzA, double nnzB) {
  return nnzA > 0 && nnzB > 0 ? dot(a, b) / (nnzA * nnzB) : 0.0;
}
} // namespace

//===----------------------------------------------------------------------===//
// Construction
//===----------------------------------------------------------------------===//

MNCSketch MNCSketch::build(const MatrixStructure &m) {
  MNCSketch s(m.rows, m.cols);
  s.rows_.assign(m.rows, 0);
  s.cols_.assign(m.cols, 0);
  for (int64_t r = 0; r < m.rows; ++r) {
    s.rows_[r] = m.rowNnz(r);
    for (int64_t p = m.rowPtr[r]; p < m.rowPtr[r + 1]; ++p)
      ++s.cols_[m.colIdx[p]];
  }
  s.rowsExt.assign(m.rows, 0);
  s.colsExt.assign(m.cols, 0);
  bool diagonal = m.rows == m.cols && m.nnz() == m.rows;
  for (int64_t r = 0; r < m.rows; ++r)
    for (int64_t p = m.rowPtr[r]; p < m.rowPtr[r + 1]; ++p) {
      int64_t c = m.colIdx[p];
      s.rowsExt[r] += s.cols_[c] <= 1;
      s.colsExt[c] += s.rows_[r] <= 1;
      diagonal &= c == r;
    }
  s.isFullDiag = diagonal;
  s.summarize();
  return s;
}

MNCSketch MNCSketch::fromCounts(int64_t rows, int64_t cols, Counts rowNnz, Counts colNnz) {
  MNCSketch s(rows, cols);
  for (int64_t &c : rowNnz)
    c = std::clamp<int64_t>(c, 0, cols);
  for (int64_t &c : colNnz)
    c = std::clamp<int64_t>(c, 0, rows);
  s.rows_ = std::move(rowNnz);
  s.cols_ = std::move(colNnz);
  s.summarize();
  return s;
}

MNCSketch MNCSketch::uniform(int64_t rows, int64_t cols, double nnz) {
  return fromCounts(rows, cols, apportion(std::vector<double>(rows, 1.0), nnz, cols),
                    apportion(std::vector<double>(cols, 1.0), nnz, rows));
}

void MNCSketch::summarize() {
  auto stats = [](const Counts &v, int64_t length, int64_t &max, int64_t &one, int64_t &nonEmpty,
                  int64_t &half) {
    max = one = nonEmpty = half = 0;
    for (int64_t c : v) {
      max = std::max(max, c);
      one += c == 1;
      nonEmpty += c > 0;
      half += 2 * c > length;
    }
  };
  stats(rows_, cols(), maxRow, rowsOne, rowsNonEmpty, rowsHalf);
  stats(cols_, rows(), maxCol, colsOne, colsNonEmpty, colsHalf);
  total = std::accumulate(rows_.begin(), rows_.end(), int64_t(0));
}

size_t MNCSketch::bytes() const {
  return sizeof(*this) +
         (rows_.size() + cols_.size() + rowsExt.size() + colsExt.size()) * sizeof(int64_t);
}

MNCSketch MNCSketch::transposed() const {
  MNCSketch t(cols(), rows());
  t.rows_ = cols_;
  t.cols_ = rows_;
  t.rowsExt = colsExt;
  t.colsExt = rowsExt;
  t.isFullDiag = isFullDiag;
  t.summarize();
  return t;
}

//===----------------------------------------------------------------------===//
// Estimates
//===----------------------------------------------------------------------===//

namespace mnc {

double productNnz(const MNCSketch &a, const MNCSketch &b) {
  // Exact: with at most one non-zero per row of a, row i of the product is a
  // copy of one row of b (symmetrically for columns of b).
  if (a.maxRowNnz() <= 1 || b.maxColNnz() <= 1)
    return dot(a.colNnz(), b.rowNnz());
  double estimate;
  if (!a.colNnzInSingleRows().empty() && !b.rowNnzInSingleCols().empty()) {
    // Single-entry rows of a and single-entry columns of b are counted
    // exactly (minus the cells both count); the probabilistic rule covers
    // the multi-entry rows of a times the multi-entry columns of b.
    const Counts &a1 = a.colNnzInSingleRows(), &b1 = b.rowNnzInSingleCols();
    std::vector<double> aMulti(a1.size()), bMulti(b1.size());
    double exactPart = 0;
    for (size_t j = 0; j < a1.size(); ++j) {
      exactPart += double(a1[j]) * double(b.rowNnz()[j]) + double(a.colNnz()[j]) * double(b1[j]) -
                   double(a1[j]) * double(b1[j]);
      aMulti[j] = double(a.colNnz()[j] - a1[j]);
      bMulti[j] = double(b.rowNnz()[j] - b1[j]);
    }
    std::vector<double> multiRows, multiCols;
    for (int64_t r : a.rowNnz())
      if (r > 1)
        multiRows.push_back(double(r));
    for (int64_t c : b.colNnz())
      if (c > 1)
        multiCols.push_back(double(c));
    estimate = exactPart + weightedProduct(multiRows, aMulti, bMulti, multiCols);
  } else {
    estimate = weightedProduct(asDoubles(a.rowNnz()), asDoubles(a.colNnz()),
                               asDoubles(b.rowNnz()), asDoubles(b.colNnz()));
  }
  // A row of a and a column of b both more than half full share an index.
  double lower = double(a.rowsMoreThanHalf()) * double(b.colsMoreThanHalf());
  double upper = double(a.nonEmptyRows()) * double(b.nonEmptyCols());
  return std::clamp(estimate, lower, std::max(lower, upper));
}

namespace {
/// Per-row (or per-column) estimates of a * b and a + b along one axis.
std::vector<double> elementwiseCounts(const Counts &a, const Counts &b, double scale, bool add,
                                      int64_t length) {
  std::vector<double> out(a.size());
  for (size_t i = 0; i < a.size(); ++i) {
    double x = double(a[i]), y = double(b[i]);
    double both = std::min({x * y * scale, x, y});
    out[i] = add ? std::min(double(length), std::max({x, y, x + y - both})) : both;
  }
  return out;
}

double elementwiseNnz(const MNCSketch &a, const MNCSketch &b, bool add) {
  double scale = meetScale(a.colNnz(), b.colNnz(), a.nnz(), b.nnz());
  std::vector<double> rows = elementwiseCounts(a.rowNnz(), b.rowNnz(), scale, add, a.cols());
  return std::accumulate(rows.begin(), rows.end(), 0.0);
}
} // namespace

double multiplyNnz(const MNCSketch &a, const MNCSketch &b) { return elementwiseNnz(a, b, false); }
double addNnz(const MNCSketch &a, const MNCSketch &b) { return elementwiseNnz(a, b, true); }

//===----------------------------------------------------------------------===//
// Propagation
//===----------------------------------------------------------------------===//

namespace {
MNCSketch productSketch(const OpDescriptor &op, const MNCSketch &a, const MNCSketch &b) {
  // Multiplying by a scaling matrix keeps the other side's structure.
  if (a.fullDiag())
    return b;
  if (b.fullDiag())
    return a;
  double nnz = productNnz(a, b);
  return MNCSketch::fromCounts(op.rows, op.cols,
                               apportion(asDoubles(a.rowNnz()), nnz, op.cols),
                               apportion(asDoubles(b.colNnz()), nnz, op.rows));
}

MNCSketch elementwiseSketch(const OpDescriptor &op, const MNCSketch &a, const MNCSketch &b,
                            bool add) {
  if (add && a.nnz() == 0)
    return b;
  if (add && b.nnz() == 0)
    return a;
  double colScale = meetScale(a.colNnz(), b.colNnz(), a.nnz(), b.nnz());
  double rowScale = meetScale(a.rowNnz(), b.rowNnz(), a.nnz(), b.nnz());
  std::vector<double> rows = elementwiseCounts(a.rowNnz(), b.rowNnz(), colScale, add, op.cols);
  std::vector<double> cols = elementwiseCounts(a.colNnz(), b.colNnz(), rowScale, add, op.rows);
  double nnz = std::accumulate(rows.begin(), rows.end(), 0.0);
  return MNCSketch::fromCounts(op.rows, op.cols, apportion(rows, nnz, op.cols),
                               apportion(cols, nnz, op.rows));
}

std::optional<MNCSketch> reshapeSketch(const OpDescriptor &op, const MNCSketch &a) {
  if (op.cols == a.cols())
    return a;
  if (a.cols() == 0 || op.cols == 0)
    return MNCSketch::fromCounts(op.rows, op.cols, Counts(op.rows, 0), Counts(op.cols, 0));
  const Counts &r = a.rowNnz(), &c = a.colNnz();
  Counts rows(op.rows, 0), cols(op.cols, 0);
  if (op.cols % a.cols() == 0) {
    // k consecutive rows merge into one: row counts add up exactly, a
    // column's count spreads over its k copies.
    int64_t k = op.cols / a.cols();
    for (int64_t i = 0; i < a.rows(); ++i)
      rows[i / k] += r[i];
    std::vector<double> spread(op.cols);
    for (int64_t j = 0; j < op.cols; ++j)
      spread[j] = double(c[j % a.cols()]);
    cols = apportion(spread, a.nnz(), op.rows);
  } else if (a.cols() % op.cols == 0) {
    // Each row splits into k rows: column counts add up exactly.
    int64_t k = a.cols() / op.cols;
    std::vector<double> spread(op.rows);
    for (int64_t i = 0; i < op.rows; ++i)
      spread[i] = double(r[i / k]);
    rows = apportion(spread, a.nnz(), op.cols);
    for (int64_t j = 0; j < a.cols(); ++j)
      cols[j % op.cols] += c[j];
  } else {
    return std::nullopt;
  }
  return MNCSketch::fromCounts(op.rows, op.cols, std::move(rows), std::move(cols));
}

MNCSketch bindSketch(const OpDescriptor &op, const MNCSketch &a, const MNCSketch &b) {
  // cbind adds row counts and concatenates column counts; rbind the reverse.
  bool byCols = op.op == StructuralOp::CBind;
  const Counts &addA = byCols ? a.rowNnz() : a.colNnz(), &addB = byCols ? b.rowNnz() : b.colNnz();
  const Counts &catA = byCols ? a.colNnz() : a.rowNnz(), &catB = byCols ? b.colNnz() : b.rowNnz();
  Counts sum(addA.size());
  for (size_t i = 0; i < sum.size(); ++i)
    sum[i] = addA[i] + addB[i];
  Counts cat = catA;
  cat.insert(cat.end(), catB.begin(), catB.end());
  return byCols ? MNCSketch::fromCounts(op.rows, op.cols, std::move(sum), std::move(cat))
                : MNCSketch::fromCounts(op.rows, op.cols, std::move(cat), std::move(sum));
}

MNCSketch diagSketch(const OpDescriptor &op, const MNCSketch &a) {
  if (a.cols() == 1) { // vector -> diagonal matrix: exact
    MatrixStructure d = MatrixStructure::empty(op.rows, op.cols);
    for (int64_t i = 0; i < op.rows; ++i) {
      if (a.rowNnz()[i])
        d.colIdx.push_back(i);
      d.rowPtr[i + 1] = d.nnz();
    }
    return MNCSketch::build(d);
  }
  // Matrix -> diagonal: cell (i, i) is non-zero with probability r_i c_i / nnz.
  if (a.fullDiag())
    return MNCSketch::fromCounts(op.rows, 1, Counts(op.rows, 1), Counts{op.rows});
  std::vector<double> p(op.rows, 0.0);
  double expected = 0;
  for (int64_t i = 0; i < op.rows && a.nnz() > 0; ++i) {
    p[i] = std::min(1.0, double(a.rowNnz()[i]) * double(a.colNnz()[i]) / a.nnz());
    expected += p[i];
  }
  Counts rows = apportion(p, expected, 1);
  int64_t n = std::accumulate(rows.begin(), rows.end(), int64_t(0));
  return MNCSketch::fromCounts(op.rows, 1, std::move(rows), Counts{n});
}

MNCSketch equalZeroSketch(const OpDescriptor &op, const MNCSketch &a) {
  Counts rows(a.rowNnz()), cols(a.colNnz());
  for (int64_t &r : rows)
    r = a.cols() - r;
  for (int64_t &c : cols)
    c = a.rows() - c;
  return MNCSketch::fromCounts(op.rows, op.cols, std::move(rows), std::move(cols));
}

MNCSketch sliceSketch(const OpDescriptor &op, const MNCSketch &a) {
  const Counts &r = a.rowNnz(), &c = a.colNnz();
  Counts rows(r.begin() + op.rowBegin, r.begin() + op.rowBegin + op.rows);
  Counts cols(c.begin() + op.colBegin, c.begin() + op.colBegin + op.cols);
  bool allRows = op.rows == a.rows(), allCols = op.cols == a.cols();
  if (allRows && allCols)
    return a;
  double rowShare = a.nnz() > 0 ? double(std::accumulate(rows.begin(), rows.end(), int64_t(0))) / a.nnz() : 0;
  double colShare = a.nnz() > 0 ? double(std::accumulate(cols.begin(), cols.end(), int64_t(0))) / a.nnz() : 0;
  // Kept rows keep the share of their non-zeros that falls in the kept columns.
  auto share = [](const Counts &v, double fraction, int64_t cap) {
    std::vector<double> w(v.begin(), v.end());
    return apportion(w, double(std::accumulate(v.begin(), v.end(), int64_t(0))) * fraction, cap);
  };
  if (!allCols)
    rows = share(rows, colShare, op.cols);
  if (!allRows)
    cols = share(cols, rowShare, op.rows);
  return MNCSketch::fromCounts(op.rows, op.cols, std::move(rows), std::move(cols));
}

MNCSketch broadcastSketch(const OpDescriptor &op, const MNCSketch &a) {
  if (a.rows() == op.rows && a.cols() == op.cols)
    return a;
  int64_t nnz = int64_t(a.nnz());
  // A row vector repeats down the rows: every row holds its nnz, a column
  // is full or empty; a column vector likewise across.
  Counts rows(op.rows), cols(op.cols);
  for (int64_t i = 0; i < op.rows; ++i)
    rows[i] = a.rows() == 1 ? (a.cols() == 1 ? nnz * op.cols : nnz) : a.rowNnz()[i] * op.cols;
  for (int64_t j = 0; j < op.cols; ++j)
    cols[j] = a.cols() == 1 ? (a.rows() == 1 ? nnz * op.rows : nnz) : a.colNnz()[j] * op.rows;
  return MNCSketch::fromCounts(op.rows, op.cols, std::move(rows), std::move(cols));
}
} // namespace

std::optional<MNCSketch> propagate(const OpDescriptor &op, const MNCSketch &a, const MNCSketch *b) {
  switch (op.op) {
  case StructuralOp::MatMul:
    return productSketch(op, a, *b);
  case StructuralOp::Multiply:
  case StructuralOp::Add:
    return elementwiseSketch(op, a, *b, op.op == StructuralOp::Add);
  case StructuralOp::Transpose:
    return a.transposed();
  case StructuralOp::Reshape:
    return reshapeSketch(op, a);
  case StructuralOp::CBind:
  case StructuralOp::RBind:
    return bindSketch(op, a, *b);
  case StructuralOp::Diag:
    return diagSketch(op, a);
  case StructuralOp::EqualZero:
    return equalZeroSketch(op, a);
  case StructuralOp::NotEqualZero:
    return a;
  case StructuralOp::Slice:
    return sliceSketch(op, a);
  case StructuralOp::Broadcast:
    return broadcastSketch(op, a);
  }
  return std::nullopt;
}
} // namespace mnc

} // namespace lauryn::sparsity
