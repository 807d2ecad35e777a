//===- MatrixStructure.cpp - CSR patterns and exact structural ops --------===//

#include "lauryn/Analysis/Sparsity/MatrixStructure.h"

#include <algorithm>
#include <cassert>

namespace lauryn::sparsity {

bool MatrixStructure::contains(int64_t r, int64_t c) const {
  auto first = colIdx.begin() + rowPtr[r], last = colIdx.begin() + rowPtr[r + 1];
  return std::binary_search(first, last, c);
}

MatrixStructure
MatrixStructure::fromCoordinates(int64_t rows, int64_t cols,
                                 std::vector<std::pair<int64_t, int64_t>> coords) {
  std::sort(coords.begin(), coords.end());
  coords.erase(std::unique(coords.begin(), coords.end()), coords.end());
  MatrixStructure m;
  m.rows = rows;
  m.cols = cols;
  m.rowPtr.assign(rows + 1, 0);
  m.colIdx.reserve(coords.size());
  for (auto [r, c] : coords) {
    assert(r >= 0 && r < rows && c >= 0 && c < cols && "coordinate out of range");
    ++m.rowPtr[r + 1];
    m.colIdx.push_back(c);
  }
  for (int64_t r = 0; r < rows; ++r)
    m.rowPtr[r + 1] += m.rowPtr[r];
  return m;
}

MatrixStructure MatrixStructure::fromDense(int64_t rows, int64_t cols,
                                           const std::vector<double> &cells) {
  MatrixStructure m = empty(rows, cols);
  for (int64_t r = 0; r < rows; ++r) {
    for (int64_t c = 0; c < cols; ++c)
      if (cells[r * cols + c] != 0.0)
        m.colIdx.push_back(c);
    m.rowPtr[r + 1] = m.nnz();
  }
  return m;
}

MatrixStructure MatrixStructure::empty(int64_t rows, int64_t cols) {
  MatrixStructure m;
  m.rows = rows;
  m.cols = cols;
  m.rowPtr.assign(rows + 1, 0);
  return m;
}

MatrixStructure MatrixStructure::identity(int64_t n) {
  MatrixStructure m = empty(n, n);
  for (int64_t i = 0; i < n; ++i) {
    m.colIdx.push_back(i);
    m.rowPtr[i + 1] = i + 1;
  }
  return m;
}

namespace exact {
namespace {
/// Appends the sorted union (or intersection) of two sorted index ranges.
void mergeRow(const int64_t *a, const int64_t *aEnd, const int64_t *b, const int64_t *bEnd,
              bool intersect, std::vector<int64_t> &out) {
  while (a != aEnd && b != bEnd) {
    if (*a == *b) {
      out.push_back(*a);
      ++a, ++b;
    } else if (*a < *b) {
      if (!intersect)
        out.push_back(*a);
      ++a;
    } else {
      if (!intersect)
        out.push_back(*b);
      ++b;
    }
  }
  if (!intersect) {
    out.insert(out.end(), a, aEnd);
    out.insert(out.end(), b, bEnd);
  }
}

MatrixStructure elementwise(const MatrixStructure &a, const MatrixStructure &b, bool intersect) {
  assert(a.rows == b.rows && a.cols == b.cols && "element-wise shapes differ");
  MatrixStructure m = MatrixStructure::empty(a.rows, a.cols);
  for (int64_t r = 0; r < a.rows; ++r) {
    const int64_t *ca = a.colIdx.data(), *cb = b.colIdx.data();
    mergeRow(ca + a.rowPtr[r], ca + a.rowPtr[r + 1], cb + b.rowPtr[r], cb + b.rowPtr[r + 1],
             intersect, m.colIdx);
    m.rowPtr[r + 1] = m.nnz();
  }
  return m;
}

/// Row-wise product with a dense marker per output column (Gustavson).
template <typename RowSink>
void forEachProductRow(const MatrixStructure &a, const MatrixStructure &b, RowSink sink) {
  assert(a.cols == b.rows && "matmul inner dimensions differ");
  std::vector<int64_t> marker(b.cols, -1);
  std::vector<int64_t> row;
  for (int64_t r = 0; r < a.rows; ++r) {
    row.clear();
    for (int64_t p = a.rowPtr[r]; p < a.rowPtr[r + 1]; ++p) {
      int64_t k = a.colIdx[p];
      for (int64_t q = b.rowPtr[k]; q < b.rowPtr[k + 1]; ++q) {
        int64_t c = b.colIdx[q];
        if (marker[c] != r) {
          marker[c] = r;
          row.push_back(c);
        }
      }
    }
    sink(r, row);
  }
}
} // namespace

MatrixStructure matmul(const MatrixStructure &a, const MatrixStructure &b) {
  MatrixStructure m = MatrixStructure::empty(a.rows, b.cols);
  forEachProductRow(a, b, [&](int64_t r, std::vector<int64_t> &row) {
    std::sort(row.begin(), row.end());
    m.colIdx.insert(m.colIdx.end(), row.begin(), row.end());
    m.rowPtr[r + 1] = m.nnz();
  });
  return m;
}

int64_t matmulNnz(const MatrixStructure &a, const MatrixStructure &b) {
  int64_t nnz = 0;
  forEachProductRow(a, b, [&](int64_t, std::vector<int64_t> &row) { nnz += int64_t(row.size()); });
  return nnz;
}

MatrixStructure multiply(const MatrixStructure &a, const MatrixStructure &b) {
  return elementwise(a, b, /*intersect=*/true);
}

MatrixStructure add(const MatrixStructure &a, const MatrixStructure &b) {
  return elementwise(a, b, /*intersect=*/false);
}

MatrixStructure transpose(const MatrixStructure &a) {
  MatrixStructure t = MatrixStructure::empty(a.cols, a.rows);
  for (int64_t c : a.colIdx)
    ++t.rowPtr[c + 1];
  for (int64_t r = 0; r < t.rows; ++r)
    t.rowPtr[r + 1] += t.rowPtr[r];
  t.colIdx.resize(a.colIdx.size());
  std::vector<int64_t> next(t.rowPtr.begin(), t.rowPtr.end() - 1);
  for (int64_t r = 0; r < a.rows; ++r) // rows ascending: each output row stays sorted
    for (int64_t p = a.rowPtr[r]; p < a.rowPtr[r + 1]; ++p)
      t.colIdx[next[a.colIdx[p]]++] = r;
  return t;
}

MatrixStructure reshape(const MatrixStructure &a, int64_t rows, int64_t cols) {
  assert(double(rows) * double(cols) == a.cells() && "reshape changes the cell count");
  MatrixStructure m = MatrixStructure::empty(rows, cols);
  // Row-major linear positions ascend in CSR order, so the result is sorted.
  for (int64_t r = 0; r < a.rows; ++r)
    for (int64_t p = a.rowPtr[r]; p < a.rowPtr[r + 1]; ++p) {
      int64_t linear = r * a.cols + a.colIdx[p];
      ++m.rowPtr[linear / cols + 1];
      m.colIdx.push_back(linear % cols);
    }
  for (int64_t r = 0; r < rows; ++r)
    m.rowPtr[r + 1] += m.rowPtr[r];
  return m;
}

MatrixStructure cbind(const MatrixStructure &a, const MatrixStructure &b) {
  assert(a.rows == b.rows && "cbind row counts differ");
  MatrixStructure m = MatrixStructure::empty(a.rows, a.cols + b.cols);
  for (int64_t r = 0; r < a.rows; ++r) {
    m.colIdx.insert(m.colIdx.end(), a.colIdx.begin() + a.rowPtr[r],
                    a.colIdx.begin() + a.rowPtr[r + 1]);
    for (int64_t p = b.rowPtr[r]; p < b.rowPtr[r + 1]; ++p)
      m.colIdx.push_back(a.cols + b.colIdx[p]);
    m.rowPtr[r + 1] = m.nnz();
  }
  return m;
}

MatrixStructure rbind(const MatrixStructure &a, const MatrixStructure &b) {
  assert(a.cols == b.cols && "rbind column counts differ");
  MatrixStructure m = a;
  m.rows = a.rows + b.rows;
  m.colIdx.insert(m.colIdx.end(), b.colIdx.begin(), b.colIdx.end());
  for (int64_t r = 0; r < b.rows; ++r)
    m.rowPtr.push_back(a.nnz() + b.rowPtr[r + 1]);
  return m;
}

MatrixStructure diag(const MatrixStructure &a) {
  if (a.cols == 1) { // vector -> diagonal matrix
    MatrixStructure m = MatrixStructure::empty(a.rows, a.rows);
    for (int64_t r = 0; r < a.rows; ++r) {
      if (a.rowNnz(r))
        m.colIdx.push_back(r);
      m.rowPtr[r + 1] = m.nnz();
    }
    return m;
  }
  assert(a.rows == a.cols && "diag of a non-square matrix");
  MatrixStructure v = MatrixStructure::empty(a.rows, 1);
  for (int64_t r = 0; r < a.rows; ++r) {
    if (a.contains(r, r))
      v.colIdx.push_back(0);
    v.rowPtr[r + 1] = v.nnz();
  }
  return v;
}

MatrixStructure equalZero(const MatrixStructure &a) {
  MatrixStructure m = MatrixStructure::empty(a.rows, a.cols);
  for (int64_t r = 0; r < a.rows; ++r) {
    int64_t p = a.rowPtr[r];
    for (int64_t c = 0; c < a.cols; ++c) {
      if (p < a.rowPtr[r + 1] && a.colIdx[p] == c)
        ++p;
      else
        m.colIdx.push_back(c);
    }
    m.rowPtr[r + 1] = m.nnz();
  }
  return m;
}

MatrixStructure slice(const MatrixStructure &a, int64_t rowBegin, int64_t rowEnd,
                      int64_t colBegin, int64_t colEnd) {
  MatrixStructure m = MatrixStructure::empty(rowEnd - rowBegin, colEnd - colBegin);
  for (int64_t r = rowBegin; r < rowEnd; ++r) {
    auto first = a.colIdx.begin() + a.rowPtr[r], last = a.colIdx.begin() + a.rowPtr[r + 1];
    for (auto it = std::lower_bound(first, last, colBegin); it != last && *it < colEnd; ++it)
      m.colIdx.push_back(*it - colBegin);
    m.rowPtr[r - rowBegin + 1] = m.nnz();
  }
  return m;
}
} // namespace exact

} // namespace lauryn::sparsity
