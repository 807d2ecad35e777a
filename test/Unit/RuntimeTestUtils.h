//===- RuntimeTestUtils.h - helpers of the liblauryn_rt tests ---*- C++ -*-===//
//
// These tests link only lauryn_rt and GoogleTest (no MLIR).
//
//===----------------------------------------------------------------------===//

#ifndef LAURYN_TEST_UNIT_RUNTIMETESTUTILS_H
#define LAURYN_TEST_UNIT_RUNTIMETESTUTILS_H

#include "lauryn/Runtime/LaurynRuntime.h"

#include "gtest/gtest.h"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <memory>
#include <string>
#include <sys/stat.h>
#include <tuple>
#include <unistd.h>
#include <vector>

namespace lauryn::rt::test {

/// Owning handle of a library matrix.
struct MatrixDeleter {
  void operator()(lauryn_matrix *m) const { lauryn_rt_matrix_free(m); }
};
using Matrix = std::unique_ptr<lauryn_matrix, MatrixDeleter>;

/// A fresh temporary directory, removed (with its files) at the end.
class TempDir {
public:
  TempDir() {
    const char *base = std::getenv("TMPDIR");
    std::string tmpl = std::string(base && *base ? base : "/tmp") +
                       "/lauryn-rt-test-XXXXXX";
    std::vector<char> buf(tmpl.begin(), tmpl.end());
    buf.push_back('\0');
    if (mkdtemp(buf.data()))
      dir = buf.data();
  }
  ~TempDir() {
    for (const std::string &f : files())
      ::unlink((dir + "/" + f).c_str());
    ::rmdir(dir.c_str());
  }
  const std::string &path() const { return dir; }
  std::string file(const std::string &name) const { return dir + "/" + name; }
  /// Names of the entries in the directory (including hidden ones).
  std::vector<std::string> files() const {
    std::vector<std::string> out;
    if (DIR *d = opendir(dir.c_str())) {
      while (dirent *e = readdir(d)) {
        std::string n = e->d_name;
        if (n != "." && n != "..")
          out.push_back(n);
      }
      closedir(d);
    }
    return out;
  }

private:
  std::string dir;
};

inline void writeFile(const std::string &path, const std::string &content) {
  FILE *f = std::fopen(path.c_str(), "wb");
  ASSERT_NE(f, nullptr) << path;
  ASSERT_EQ(std::fwrite(content.data(), 1, content.size(), f), content.size());
  ASSERT_EQ(std::fclose(f), 0);
}

inline std::string readFile(const std::string &path) {
  std::string out;
  FILE *f = std::fopen(path.c_str(), "rb");
  if (!f)
    return out;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof(buf), f)) > 0)
    out.append(buf, n);
  std::fclose(f);
  return out;
}

inline lauryn_read_options readOptions(int format = LAURYN_FORMAT_AUTO,
                                       int dtype = LAURYN_F64) {
  lauryn_read_options o;
  lauryn_rt_read_options_init(&o);
  o.format = format;
  o.dtype = dtype;
  return o;
}

/// Reads with `fn`; expects success.
template <typename Fn>
Matrix readOk(Fn fn, const std::string &path,
              const lauryn_read_options &opts = readOptions()) {
  lauryn_matrix *m = nullptr;
  int s = fn(path.c_str(), &opts, &m);
  EXPECT_EQ(s, LAURYN_OK) << lauryn_rt_last_error();
  if (s == LAURYN_OK) {
    EXPECT_NE(m, nullptr);
    EXPECT_STREQ(lauryn_rt_last_error(), "") << "stale message after success";
    EXPECT_EQ(lauryn_rt_matrix_validate(m), LAURYN_OK)
        << lauryn_rt_last_error();
  }
  return Matrix(m);
}

/// Reads with `fn`; expects `status`, a NULL result and the error message
/// to contain `message`. Returns the message.
template <typename Fn>
std::string readFails(Fn fn, const std::string &path, int status,
                      const std::string &message,
                      const lauryn_read_options &opts = readOptions()) {
  lauryn_matrix *m = reinterpret_cast<lauryn_matrix *>(0x1);
  int s = fn(path.c_str(), &opts, &m);
  std::string msg = lauryn_rt_last_error();
  EXPECT_EQ(s, status) << lauryn_rt_status_name(s) << ": " << msg;
  EXPECT_EQ(m, nullptr);
  EXPECT_NE(msg.find(message), std::string::npos)
      << "message: " << msg << "\nexpected to contain: " << message;
  if (s == LAURYN_OK)
    lauryn_rt_matrix_free(m);
  return msg;
}

/// Element (i, j) as double.
inline double at(const lauryn_matrix *m, int64_t i, int64_t j) {
  double v = -12345.0;
  EXPECT_EQ(lauryn_rt_matrix_get(m, i, j, &v), LAURYN_OK)
      << lauryn_rt_last_error();
  return v;
}

/// Bitwise-equal values (so NaN == NaN), same shape, format, dtype and
/// structure.
inline ::testing::AssertionResult sameMatrix(const lauryn_matrix *a,
                                             const lauryn_matrix *b) {
  if (!a || !b)
    return ::testing::AssertionFailure() << "NULL matrix";
  if (a->rows != b->rows || a->cols != b->cols || a->dtype != b->dtype ||
      a->format != b->format || a->nnz != b->nnz)
    return ::testing::AssertionFailure()
           << "header differs: " << a->rows << "x" << a->cols << " dtype "
           << a->dtype << " format " << a->format << " nnz " << a->nnz
           << " vs " << b->rows << "x" << b->cols << " dtype " << b->dtype
           << " format " << b->format << " nnz " << b->nnz;
  size_t esz = lauryn_rt_dtype_size(a->dtype);
  if (a->format == LAURYN_FORMAT_CSR) {
    if (std::memcmp(a->positions, b->positions,
                    (a->rows + 1) * sizeof(int64_t)) != 0)
      return ::testing::AssertionFailure() << "positions differ";
    if (a->nnz && std::memcmp(a->coordinates, b->coordinates,
                              a->nnz * sizeof(int64_t)) != 0)
      return ::testing::AssertionFailure() << "coordinates differ";
  }
  for (int64_t k = 0; k < a->nnz; ++k) {
    const char *x = static_cast<const char *>(a->values) + k * esz;
    const char *y = static_cast<const char *>(b->values) + k * esz;
    if (std::memcmp(x, y, esz) != 0) {
      // NaNs with different payloads/signs still count as equal.
      if (a->dtype == LAURYN_F64) {
        double u, v;
        std::memcpy(&u, x, 8), std::memcpy(&v, y, 8);
        if (std::isnan(u) && std::isnan(v))
          continue;
      } else if (a->dtype == LAURYN_F32) {
        float u, v;
        std::memcpy(&u, x, 4), std::memcpy(&v, y, 4);
        if (std::isnan(u) && std::isnan(v))
          continue;
      }
      return ::testing::AssertionFailure() << "value " << k << " differs";
    }
  }
  return ::testing::AssertionSuccess();
}

/// Builds a CSR matrix of f64 from (row, col, value) triples sorted by
/// (row, col).
inline Matrix makeCsr(int64_t rows, int64_t cols,
                      const std::vector<std::tuple<int64_t, int64_t, double>>
                          &entries) {
  lauryn_matrix *m = nullptr;
  EXPECT_EQ(lauryn_rt_matrix_create_csr(rows, cols,
                                        static_cast<int64_t>(entries.size()),
                                        LAURYN_F64, &m),
            LAURYN_OK);
  if (!m)
    return Matrix();
  int64_t k = 0;
  for (auto [i, j, v] : entries) {
    m->coordinates[k] = j;
    static_cast<double *>(m->values)[k] = v;
    m->positions[i + 1] = ++k;
  }
  for (int64_t i = 0; i < rows; ++i)
    if (m->positions[i + 1] < m->positions[i])
      m->positions[i + 1] = m->positions[i];
  return Matrix(m);
}

/// A dense f64 matrix with the given row-major values.
inline Matrix makeDense(int64_t rows, int64_t cols,
                        const std::vector<double> &values) {
  lauryn_matrix *m = nullptr;
  EXPECT_EQ(lauryn_rt_matrix_create_dense(rows, cols, LAURYN_F64, &m),
            LAURYN_OK);
  if (!m)
    return Matrix();
  for (size_t k = 0; k < values.size(); ++k)
    static_cast<double *>(m->values)[k] = values[k];
  return Matrix(m);
}

} // namespace lauryn::rt::test

#endif // LAURYN_TEST_UNIT_RUNTIMETESTUTILS_H
