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
/// round(target) where the caps allow: mass above the cap is spread over the
/// other entries, then floors, then the remaining units to the largest
/// remainders (deterministic, and exact totals stay exact).
Counts apportion(const std::vector<double> &weights, double target, int64_t cap) {
  double sum = std::accumulate(weights.begin(), weights.end(), 0.0);
  Counts out(weights.size(), 0);
  if (!(sum > 0) || !(target > 0) || cap <= 0)
    return out;
  // Water-filling: mass above a cap goes to the uncapped entries, in
  // proportion to their weights, until no entry exceeds the cap.
  std::vector<double> share(weights.size());
  std::vector<bool> capped(weights.size(), false);
  double cappedMass = 0, freeWeight = sum;
  for (bool changed = true; changed;) {
    changed = false;
    double scale = freeWeight > 0 ? (target - cappedMass) / freeWeight : 0;
    for (size_t i = 0; i < weights.size(); ++i)
      if (!capped[i] && weights[i] * scale > double(cap)) {
        capped[i] = changed = true;
        cappedMass += double(cap);
        freeWeight -= weights[i];
      }
    for (size_t i = 0; i < weights.size(); ++i)
      share[i] = capped[i] ? double(cap) : std::max(0.0, weights[i] * scale);
  }
  std::vector<std::pair<double, size_t>> remainders;
  int64_t assigned = 0;
  for (size_t i = 0; i < weights.size(); ++i) {
    double x = std::min(double(cap), share[i]);
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

/// Lines (rows or columns) with counts in one bucket: members and mean count.
struct CountGroup {
  int bucket = 0;
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
    out.push_back({bucket, g.members, g.count / g.members});
  return out;
}

/// Common-dimension indices j grouped by the buckets of (nnz of column j of
/// a, nnz of row j of b).
struct PairGroup {
  int bucketA = 0, bucketB = 0;
  double members = 0;
};

std::vector<PairGroup> groupPairs(const std::vector<double> &a, const std::vector<double> &b) {
  std::map<std::pair<int, int>, double> groups;
  for (size_t j = 0; j < a.size(); ++j)
    if (a[j] > 0 && b[j] > 0)
      groups[{countBucket(a[j]), countBucket(b[j])}] += 1;
  std::vector<PairGroup> out;
  for (auto &[key, members] : groups)
    out.push_back({key.first, key.second, members});
  return out;
}

constexpr double kInfinity = std::numeric_limits<double>::infinity();

/// min(1, x · y) for factors in [0, inf]: an infinite factor (a line that
/// meets every cross line) gives 1 unless the other factor is 0.
double cappedProduct(double x, double y) {
  if (x <= 0 || y <= 0)
    return 0.0;
  return x == kInfinity || y == kInfinity ? 1.0 : std::min(1.0, x * y);
}

/// The factor x > 0 with Σ_h members_h · min(1, x · factor_h) = target
/// (infinite when the target needs every cross line).
double solveFactor(double target, const std::vector<CountGroup> &cross,
                   const std::vector<double> &factors) {
  double capacity = 0, saturated = 0, slope = 0;
  for (size_t h = 0; h < cross.size(); ++h) {
    capacity += cross[h].members;
    if (factors[h] == kInfinity)
      saturated += cross[h].members;
    else
      slope += cross[h].members * factors[h];
  }
  if (target >= capacity)
    return kInfinity;
  double rest = target - saturated; // what the finite cross lines must take
  if (rest <= 0 || slope <= 0)
    return std::numeric_limits<double>::min();
  auto expected = [&](double x) {
    double e = 0;
    for (size_t h = 0; h < cross.size(); ++h)
      e += cross[h].members * cappedProduct(x, factors[h]);
    return e;
  };
  double lo = rest / slope, hi = lo; // the uncapped solution is a lower bound
  for (int i = 0; i < 64 && expected(hi) < target; ++i)
    lo = hi, hi *= 2;
  for (int i = 0; i < 50; ++i) {
    double mid = (lo + hi) / 2;
    (expected(mid) < target ? lo : hi) = mid;
  }
  return hi;
}

/// Factors of the capped Chung-Lu model of one matrix: line (row) group g
/// meets cross line (column) group h with probability min(1, x_g · y_h), with
/// x and y fitted (alternating) so that every row and every column expects
/// its own count. Plain proportional placement (x·y = r·c / nnz) loses mass on
/// full lines, e.g. the dense column of an arrow matrix.
std::pair<std::vector<double>, std::vector<double>>
fitMarginals(const std::vector<CountGroup> &lines, const std::vector<CountGroup> &cross,
             double nnz) {
  std::vector<double> x, y;
  for (const CountGroup &g : lines)
    x.push_back(g.count / std::sqrt(nnz));
  for (const CountGroup &h : cross)
    y.push_back(h.count / std::sqrt(nnz));
  for (int round = 0; round < 12; ++round) {
    for (size_t g = 0; g < lines.size(); ++g)
      x[g] = solveFactor(lines[g].count, cross, y);
    for (size_t h = 0; h < cross.size(); ++h)
      y[h] = solveFactor(cross[h].count, lines, x);
  }
  return {x, y};
}

/// Index of each bucket in a group list.
std::map<int, size_t> bucketIndex(const std::vector<CountGroup> &groups) {
  std::map<int, size_t> index;
  for (size_t i = 0; i < groups.size(); ++i)
    index[groups[i].bucket] = i;
  return index;
}

/// MNC's rule: the a_j · b_j products of each common index j spread
/// uniformly over `cells` output cells, OR-combined across j.
double uniformProduct(const std::vector<double> &aCols, const std::vector<double> &bRows,
                      double cells) {
  if (cells <= 0)
    return 0;
  double density = 0;
  for (size_t j = 0; j < aCols.size(); ++j) {
    double p = std::min(1.0, aCols[j] * bRows[j] / cells);
    density += p - density * p;
  }
  return density * cells;
}

/// Expected nnz of a · b under the capped Chung-Lu model of each factor
/// (fitMarginals): cell (p, q) is hit through j with probability
/// P_a(p, j) · P_b(j, q) and is non-zero unless no j hits it. MNC's rule
/// spreads every j uniformly over the non-empty rows and columns; placing
/// non-zeros by their lines' counts keeps skewed rows (power laws, one-hot
/// categories, dense lines) from being spread thin. Rows, columns and common
/// indices are grouped by bucketed counts, which bounds the cost by a few
/// thousand terms per group pair, independent of the matrix size.
double weightedProduct(const std::vector<double> &rowCounts, const std::vector<double> &aCols,
                       const std::vector<double> &bRows, const std::vector<double> &colCounts) {
  double nnzA = std::accumulate(rowCounts.begin(), rowCounts.end(), 0.0);
  double nnzB = std::accumulate(colCounts.begin(), colCounts.end(), 0.0);
  if (nnzA <= 0 || nnzB <= 0)
    return 0;
  std::vector<CountGroup> rows = groupCounts(rowCounts), cols = groupCounts(colCounts);
  std::vector<CountGroup> aLines = groupCounts(aCols), bLines = groupCounts(bRows);
  auto [rowFactor, aColFactor] = fitMarginals(rows, aLines, nnzA);
  auto [colFactor, bRowFactor] = fitMarginals(cols, bLines, nnzB);
  std::map<int, size_t> aIndex = bucketIndex(aLines), bIndex = bucketIndex(bLines);
  std::vector<PairGroup> common = groupPairs(aCols, bRows);
  double total = 0;
  for (size_t p = 0; p < rows.size(); ++p)
    for (size_t q = 0; q < cols.size(); ++q) {
      double logMiss = 0;
      for (const PairGroup &j : common) {
        double hit = cappedProduct(rowFactor[p], aColFactor[aIndex[j.bucketA]]) *
                     cappedProduct(colFactor[q], bRowFactor[bIndex[j.bucketB]]);
        logMiss += j.members * std::log1p(-hit);
      }
      total += rows[p].members * cols[q].members * -std::expm1(logMiss);
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
  // One pass over the non-zeros counts rows and columns; the extension
  // vectors need a second pass only if some column has a single non-zero
  // (a per-column record of its row would cost 8 more bytes per column on
  // every matrix, and memory, not arithmetic, bounds this loop).
  MNCSketch s(m.rows, m.cols);
  s.rows_.resize(m.rows);
  s.cols_.assign(m.cols, 0);
  int64_t lower = 0, upper = 0;
  for (int64_t r = 0; r < m.rows; ++r) {
    s.rows_[r] = m.rowNnz(r);
    for (int64_t p = m.rowPtr[r]; p < m.rowPtr[r + 1]; ++p)
      ++s.cols_[m.colIdx[p]];
    // Column indices are sorted: the first and last non-zero bound the row.
    if (s.rows_[r] > 0) {
      lower = std::max(lower, r - m.colIdx[m.rowPtr[r]]);
      upper = std::max(upper, m.colIdx[m.rowPtr[r + 1] - 1] - r);
    }
  }
  s.restrictBand({lower, upper});
  s.summarize();
  // Extension vectors stay empty (all zero) without single-entry lines.
  s.extensionsKnown = true;
  if (s.colsOne > 0) {
    s.rowsExt.assign(m.rows, 0);
    for (int64_t r = 0; r < m.rows; ++r)
      for (int64_t p = m.rowPtr[r]; p < m.rowPtr[r + 1]; ++p)
        s.rowsExt[r] += s.cols_[m.colIdx[p]] == 1;
  }
  if (s.rowsOne > 0) {
    s.colsExt.assign(m.cols, 0);
    for (int64_t r = 0; r < m.rows; ++r)
      if (s.rows_[r] == 1)
        ++s.colsExt[m.colIdx[m.rowPtr[r]]];
  }
  // A scaling matrix: square, one non-zero per row, all on the diagonal.
  bool diagonal = m.rows == m.cols && m.nnz() == m.rows;
  for (int64_t r = 0; diagonal && r < m.rows; ++r)
    diagonal = m.rowNnz(r) == 1 && m.colIdx[m.rowPtr[r]] == r;
  s.isFullDiag = diagonal;
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
    int64_t sum = 0;
    max = one = nonEmpty = half = 0;
    for (int64_t c : v) {
      max = std::max(max, c);
      one += c == 1;
      nonEmpty += c > 0;
      half += 2 * c > length;
      sum += c;
    }
    return sum;
  };
  total = stats(rows_, cols(), maxRow, rowsOne, rowsNonEmpty, rowsHalf);
  stats(cols_, rows(), maxCol, colsOne, colsNonEmpty, colsHalf);
}

size_t MNCSketch::bytes() const {
  return sizeof(*this) +
         (rows_.size() + cols_.size() + rowsExt.size() + colsExt.size()) * sizeof(int64_t);
}

void MNCSketch::restrictBand(Band b) {
  band_.lower = std::clamp<int64_t>(std::min(band_.lower, b.lower), 0, std::max<int64_t>(rows() - 1, 0));
  band_.upper = std::clamp<int64_t>(std::min(band_.upper, b.upper), 0, std::max<int64_t>(cols() - 1, 0));
}

double MNCSketch::bandCells(int64_t rows, int64_t cols, Band b) {
  double cells = 0;
  for (int64_t i = 0; i < rows; ++i) {
    int64_t first = std::max<int64_t>(0, i - b.lower), last = std::min(cols - 1, i + b.upper);
    cells += double(std::max<int64_t>(0, last - first + 1));
  }
  return cells;
}

MNCSketch MNCSketch::fullBand(int64_t rows, int64_t cols, Band b) {
  Counts rowNnz(rows, 0), colNnz(cols, 0);
  for (int64_t i = 0; i < rows; ++i) {
    int64_t first = std::max<int64_t>(0, i - b.lower), last = std::min(cols - 1, i + b.upper);
    if (first > last)
      continue;
    rowNnz[i] = last - first + 1;
    for (int64_t j = first; j <= last; ++j) // O(cells of the band), like building it
      ++colNnz[j];
  }
  MNCSketch s = fromCounts(rows, cols, std::move(rowNnz), std::move(colNnz));
  s.restrictBand(b);
  return s;
}

MNCSketch MNCSketch::transposed() const {
  MNCSketch t(cols(), rows());
  t.band_ = {band_.upper, band_.lower};
  t.rows_ = cols_;
  t.cols_ = rows_;
  t.rowsExt = colsExt;
  t.colsExt = rowsExt;
  t.extensionsKnown = extensionsKnown;
  t.isFullDiag = isFullDiag;
  t.summarize();
  return t;
}

//===----------------------------------------------------------------------===//
// Estimates
//===----------------------------------------------------------------------===//

namespace mnc {

MNCSketch::Band productBand(const MNCSketch &a, const MNCSketch &b) {
  return {a.band().lower + b.band().lower, a.band().upper + b.band().upper};
}

double productNnz(const MNCSketch &a, const MNCSketch &b, ProductRule rule) {
  // Exact: with at most one non-zero per row of a, row i of the product is a
  // copy of one row of b (symmetrically for columns of b).
  if (a.maxRowNnz() <= 1 || b.maxColNnz() <= 1)
    return dot(a.colNnz(), b.rowNnz());
  double estimate;
  if (a.hasExtensions() && b.hasExtensions()) {
    // Single-entry rows of a and single-entry columns of b are counted
    // exactly (minus the cells both count); the probabilistic rule covers
    // the multi-entry rows of a times the multi-entry columns of b.
    size_t inner = a.colNnz().size();
    Counts noneA, noneB;
    const Counts &a1 = a.colNnzInSingleRows().empty() ? (noneA = Counts(inner, 0))
                                                      : a.colNnzInSingleRows();
    const Counts &b1 = b.rowNnzInSingleCols().empty() ? (noneB = Counts(inner, 0))
                                                      : b.rowNnzInSingleCols();
    std::vector<double> aMulti(inner), bMulti(inner);
    double exactPart = 0;
    for (size_t j = 0; j < inner; ++j) {
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
    double cells = double(multiRows.size()) * double(multiCols.size());
    estimate = exactPart + (rule == ProductRule::Weighted
                                ? weightedProduct(multiRows, aMulti, bMulti, multiCols)
                                : uniformProduct(aMulti, bMulti, cells));
  } else {
    double cells = double(a.nonEmptyRows()) * double(b.nonEmptyCols());
    estimate = rule == ProductRule::Weighted
                   ? weightedProduct(asDoubles(a.rowNnz()), asDoubles(a.colNnz()),
                                     asDoubles(b.rowNnz()), asDoubles(b.colNnz()))
                   : uniformProduct(asDoubles(a.colNnz()), asDoubles(b.rowNnz()), cells);
  }
  // A row of a and a column of b both more than half full share an index.
  double lower = double(a.rowsMoreThanHalf()) * double(b.colsMoreThanHalf());
  double upper = double(a.nonEmptyRows()) * double(b.nonEmptyCols());
  // Lauryn's rule also knows the bands: the product lies in their sum.
  if (rule == ProductRule::Weighted)
    upper = std::min(upper, MNCSketch::bandCells(a.rows(), b.cols(), productBand(a, b)));
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

/// The band of a * b (the narrower one) or of a + b (the wider one).
MNCSketch::Band elementwiseBand(const MNCSketch &a, const MNCSketch &b, bool add) {
  auto pick = [&](int64_t x, int64_t y) { return add ? std::max(x, y) : std::min(x, y); };
  return {pick(a.band().lower, b.band().lower), pick(a.band().upper, b.band().upper)};
}

double elementwiseNnz(const MNCSketch &a, const MNCSketch &b, bool add) {
  // Two full bands: the result is the full narrower (a * b) or wider (a + b) band.
  if (a.isFullBand() && b.isFullBand())
    return MNCSketch::bandCells(a.rows(), a.cols(), elementwiseBand(a, b, add));
  double scale = meetScale(a.colNnz(), b.colNnz(), a.nnz(), b.nnz());
  std::vector<double> rows = elementwiseCounts(a.rowNnz(), b.rowNnz(), scale, add, a.cols());
  return std::min(std::accumulate(rows.begin(), rows.end(), 0.0),
                  MNCSketch::bandCells(a.rows(), a.cols(), elementwiseBand(a, b, add)));
}
} // namespace

double multiplyNnz(const MNCSketch &a, const MNCSketch &b) { return elementwiseNnz(a, b, false); }
double addNnz(const MNCSketch &a, const MNCSketch &b) { return elementwiseNnz(a, b, true); }

//===----------------------------------------------------------------------===//
// Propagation
//===----------------------------------------------------------------------===//

namespace {
MNCSketch productSketch(const OpDescriptor &op, const MNCSketch &a, const MNCSketch &b,
                        ProductRule rule) {
  // Multiplying by a scaling matrix keeps the other side's structure.
  if (a.fullDiag())
    return b;
  if (b.fullDiag())
    return a;
  double nnz = productNnz(a, b, rule);
  MNCSketch out = MNCSketch::fromCounts(op.rows, op.cols,
                                        apportion(asDoubles(a.rowNnz()), nnz, op.cols),
                                        apportion(asDoubles(b.colNnz()), nnz, op.rows));
  out.restrictBand(productBand(a, b));
  return out;
}

MNCSketch elementwiseSketch(const OpDescriptor &op, const MNCSketch &a, const MNCSketch &b,
                            bool add) {
  if (add && a.nnz() == 0)
    return b;
  if (add && b.nnz() == 0)
    return a;
  if (a.isFullBand() && b.isFullBand())
    return MNCSketch::fullBand(op.rows, op.cols, elementwiseBand(a, b, add));
  double colScale = meetScale(a.colNnz(), b.colNnz(), a.nnz(), b.nnz());
  double rowScale = meetScale(a.rowNnz(), b.rowNnz(), a.nnz(), b.nnz());
  std::vector<double> rows = elementwiseCounts(a.rowNnz(), b.rowNnz(), colScale, add, op.cols);
  std::vector<double> cols = elementwiseCounts(a.colNnz(), b.colNnz(), rowScale, add, op.rows);
  double nnz = std::accumulate(rows.begin(), rows.end(), 0.0);
  MNCSketch::Band band = elementwiseBand(a, b, add);
  nnz = std::min(nnz, MNCSketch::bandCells(op.rows, op.cols, band));
  MNCSketch out = MNCSketch::fromCounts(op.rows, op.cols, apportion(rows, nnz, op.cols),
                                        apportion(cols, nnz, op.rows));
  out.restrictBand(band);
  return out;
}

std::optional<MNCSketch> reshapeSketch(const OpDescriptor &op, const MNCSketch &a) {
  if (op.rows == a.rows() && op.cols == a.cols())
    return a;
  // Sizes that do not hold the same number of cells have no rule.
  if (op.rows * op.cols != a.rows() * a.cols())
    return std::nullopt;
  // A reshape without cells (0 x 0 to 8 x 0) keeps the target's shape.
  if (op.rows * op.cols == 0)
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
  // Only a dimension of size 1 repeats. An empty operand (a reshape of a
  // 0 x 0 matrix to 8 x 0 whose sketch kept 0 x 0; difftest seed 880131) or
  // sizes that do not broadcast have no entries to repeat: empty counts, not
  // reads past the operand's counts.
  if ((a.rows() != op.rows && a.rows() != 1) || (a.cols() != op.cols && a.cols() != 1) ||
      a.rows() == 0 || a.cols() == 0)
    return MNCSketch::fromCounts(op.rows, op.cols, Counts(op.rows, 0), Counts(op.cols, 0));
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

std::optional<MNCSketch> propagate(const OpDescriptor &op, const MNCSketch &a, const MNCSketch *b,
                                   ProductRule rule) {
  switch (op.op) {
  case StructuralOp::MatMul:
    return productSketch(op, a, *b, rule);
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
