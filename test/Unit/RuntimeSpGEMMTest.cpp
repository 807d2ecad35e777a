//===- RuntimeSpGEMMTest.cpp - liblauryn_rt's CSR x CSR kernel ------------===//
//
// The kernel compiled code calls for CSR products, against a dense product
// computed here: shapes with empty dimensions and empty rows, short rows
// (insertion sort), long rows (radix sort, with one and with two digit
// passes), several row chunks, f64 and f32.
//
//===----------------------------------------------------------------------===//

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <vector>

namespace {

template <typename T> struct MemRef1D {
  T *allocated;
  T *aligned;
  int64_t offset;
  int64_t size;
  int64_t stride;
};
template <typename T> MemRef1D<T> view(std::vector<T> &v) {
  return {v.data(), v.data(), 0, int64_t(v.size()), 1};
}
using Index = MemRef1D<int64_t>;

} // namespace

extern "C" {
void _mlir_ciface_lauryn_rt_spgemm_count(Index *, Index *, Index *, Index *, Index *, int64_t,
                                         int64_t, int64_t);
void _mlir_ciface_lauryn_rt_spgemm_positions(Index *);
void _mlir_ciface_lauryn_rt_spgemm_numeric_f64(Index *, Index *, MemRef1D<double> *, Index *,
                                               Index *, MemRef1D<double> *, Index *, Index *,
                                               MemRef1D<double> *, int64_t, int64_t, int64_t);
void _mlir_ciface_lauryn_rt_spgemm_numeric_f32(Index *, Index *, MemRef1D<float> *, Index *,
                                               Index *, MemRef1D<float> *, Index *, Index *,
                                               MemRef1D<float> *, int64_t, int64_t, int64_t);
}

namespace {

template <typename T> struct Csr {
  int64_t rows, cols;
  std::vector<int64_t> pos, crd;
  std::vector<T> val;
};

/// A random CSR matrix; `density` per cell, values in [-2, 2] except zero.
template <typename T> Csr<T> randomCsr(int64_t rows, int64_t cols, double density, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0, 1);
  Csr<T> m{rows, cols, {0}, {}, {}};
  for (int64_t i = 0; i < rows; ++i) {
    for (int64_t j = 0; j < cols; ++j)
      if (u(rng) < density) {
        m.crd.push_back(j);
        m.val.push_back(T(u(rng) < 0.5 ? -1 - u(rng) : 1 + u(rng)));
      }
    m.pos.push_back(int64_t(m.crd.size()));
  }
  return m;
}

template <typename T> void numeric(Csr<T> &a, Csr<T> &b, Csr<T> &c, int64_t begin, int64_t end);
template <> void numeric(Csr<double> &a, Csr<double> &b, Csr<double> &c, int64_t begin,
                         int64_t end) {
  Index ap = view(a.pos), ac = view(a.crd), bp = view(b.pos), bc = view(b.crd);
  Index cp = view(c.pos), cc = view(c.crd);
  auto av = view(a.val), bv = view(b.val), cv = view(c.val);
  _mlir_ciface_lauryn_rt_spgemm_numeric_f64(&ap, &ac, &av, &bp, &bc, &bv, &cp, &cc, &cv, b.cols,
                                            begin, end);
}
template <> void numeric(Csr<float> &a, Csr<float> &b, Csr<float> &c, int64_t begin,
                         int64_t end) {
  Index ap = view(a.pos), ac = view(a.crd), bp = view(b.pos), bc = view(b.crd);
  Index cp = view(c.pos), cc = view(c.crd);
  auto av = view(a.val), bv = view(b.val), cv = view(c.val);
  _mlir_ciface_lauryn_rt_spgemm_numeric_f32(&ap, &ac, &av, &bp, &bc, &bv, &cp, &cc, &cv, b.cols,
                                            begin, end);
}

/// C = A B with the kernel, in `chunks` row ranges (as compiled code does).
template <typename T> Csr<T> multiply(Csr<T> &a, Csr<T> &b, int64_t chunks) {
  Csr<T> c{a.rows, b.cols, std::vector<int64_t>(size_t(a.rows + 1), -7), {}, {}};
  Index ap = view(a.pos), ac = view(a.crd), bp = view(b.pos), bc = view(b.crd), cp = view(c.pos);
  for (int64_t k = 0; k < chunks; ++k)
    _mlir_ciface_lauryn_rt_spgemm_count(&ap, &ac, &bp, &bc, &cp, b.cols, k * a.rows / chunks,
                                        (k + 1) * a.rows / chunks);
  _mlir_ciface_lauryn_rt_spgemm_positions(&cp);
  c.crd.assign(size_t(c.pos[size_t(a.rows)]), -1);
  c.val.assign(c.crd.size(), T(0));
  for (int64_t k = 0; k < chunks; ++k)
    numeric(a, b, c, k * a.rows / chunks, (k + 1) * a.rows / chunks);
  return c;
}

/// The product against a dense one: sorted unique columns, exactly the
/// columns some product reaches, values within rounding.
template <typename T> void checkProduct(Csr<T> &a, Csr<T> &b, int64_t chunks) {
  Csr<T> c = multiply(a, b, chunks);
  std::vector<double> dense(size_t(a.rows * b.cols), 0.0);
  std::vector<char> reached(dense.size(), 0);
  for (int64_t i = 0; i < a.rows; ++i)
    for (int64_t ka = a.pos[i]; ka < a.pos[i + 1]; ++ka)
      for (int64_t kb = b.pos[a.crd[ka]]; kb < b.pos[a.crd[ka] + 1]; ++kb) {
        dense[size_t(i * b.cols + b.crd[kb])] += double(a.val[ka]) * double(b.val[kb]);
        reached[size_t(i * b.cols + b.crd[kb])] = 1;
      }
  ASSERT_EQ(c.pos[0], 0);
  for (int64_t i = 0; i < a.rows; ++i) {
    int64_t expected = 0;
    for (int64_t j = 0; j < b.cols; ++j)
      expected += reached[size_t(i * b.cols + j)];
    ASSERT_EQ(c.pos[i + 1] - c.pos[i], expected) << "row " << i;
    for (int64_t k = c.pos[i]; k < c.pos[i + 1]; ++k) {
      int64_t j = c.crd[k];
      ASSERT_TRUE(j >= 0 && j < b.cols) << "row " << i;
      if (k > c.pos[i])
        ASSERT_LT(c.crd[k - 1], j) << "row " << i << " is not sorted";
      ASSERT_TRUE(reached[size_t(i * b.cols + j)]);
      double want = dense[size_t(i * b.cols + j)];
      ASSERT_NEAR(double(c.val[k]), want, 1e-5 * (1 + std::abs(want))) << i << ", " << j;
    }
  }
}

TEST(RuntimeSpGEMM, EmptyDimensions) {
  for (auto [m, k, n] : {std::tuple{0, 5, 4}, {4, 0, 5}, {4, 5, 0}, {0, 0, 0}}) {
    auto a = randomCsr<double>(m, k, 0.5, 1), b = randomCsr<double>(k, n, 0.5, 2);
    checkProduct(a, b, 1);
  }
}

TEST(RuntimeSpGEMM, ShortRowsAndEmptyRows) {
  auto a = randomCsr<double>(60, 40, 0.05, 3), b = randomCsr<double>(40, 70, 0.1, 4);
  checkProduct(a, b, 1);
  checkProduct(a, b, 7);
}

TEST(RuntimeSpGEMM, LongRowsOneRadixPass) {
  // Rows of several hundred columns < 2^11: one counting pass.
  auto a = randomCsr<double>(50, 300, 0.2, 5), b = randomCsr<double>(300, 2000, 0.05, 6);
  checkProduct(a, b, 3);
}

TEST(RuntimeSpGEMM, LongRowsTwoRadixPasses) {
  // Columns beyond 2^11 need two digit passes.
  auto a = randomCsr<double>(20, 200, 0.1, 7), b = randomCsr<double>(200, 9000, 0.01, 8);
  checkProduct(a, b, 4);
}

TEST(RuntimeSpGEMM, Float32) {
  auto a = randomCsr<float>(40, 300, 0.1, 9), b = randomCsr<float>(300, 500, 0.1, 10);
  checkProduct(a, b, 2);
}

TEST(RuntimeSpGEMM, SingleRowAndColumn) {
  auto a = randomCsr<double>(1, 1000, 0.3, 11), b = randomCsr<double>(1000, 1, 0.3, 12);
  checkProduct(a, b, 1);
  checkProduct(b, a, 5);
}

} // namespace
