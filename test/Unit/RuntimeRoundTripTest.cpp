//===- RuntimeRoundTripTest.cpp - writers, round trips, atomic writes -----===//

#include "RuntimeTestUtils.h"

#include <csignal>
#include <limits>
#include <sys/resource.h>

using namespace lauryn::rt::test;

namespace {

/// A 4 x 5 dense test matrix of `dtype` with extreme values, an all-zero row
/// and negative zero / NaN / infinities for floating types.
Matrix sample(int dtype) {
  lauryn_matrix *raw = nullptr;
  EXPECT_EQ(lauryn_rt_matrix_create_dense(4, 5, dtype, &raw), LAURYN_OK);
  Matrix m(raw);
  auto set = [&](int k, auto v) {
    using T = decltype(v);
    static_cast<T *>(m->values)[k] = v;
  };
  switch (dtype) {
  case LAURYN_F64: {
    double v[] = {0.1,     -1e300,   4.9406564584124654e-324,
                  1.7976931348623157e308, -0.0,
                  0,       0,        0, 0, 0,
                  std::numeric_limits<double>::quiet_NaN(),
                  INFINITY, -INFINITY, 1.0 / 3, -2.5,
                  0,       123456789012345678.0, 0, 1e-5, 0};
    for (int k = 0; k < 20; ++k)
      set(k, v[k]);
    break;
  }
  case LAURYN_F32: {
    float v[] = {0.1f, -3.4028235e38f, 1e-45f, 16777217.0f, -0.0f,
                 0, 0, 0, 0, 0,
                 std::numeric_limits<float>::quiet_NaN(), INFINITY, -INFINITY,
                 1.0f / 3, -2.5f,
                 0, 7, 0, 1e-5f, 0};
    for (int k = 0; k < 20; ++k)
      set(k, v[k]);
    break;
  }
  case LAURYN_I64: {
    int64_t v[] = {INT64_MIN, INT64_MAX, -1, 1, 0, 0, 0, 0, 0, 0,
                   42, 0, -7, 9007199254740993, 0, 0, 0, 0, 0, 5};
    for (int k = 0; k < 20; ++k)
      set(k, v[k]);
    break;
  }
  default: {
    int32_t v[] = {INT32_MIN, INT32_MAX, -1, 1, 0, 0, 0, 0, 0, 0,
                   42, 0, -7, 65536, 0, 0, 0, 0, 0, 5};
    for (int k = 0; k < 20; ++k)
      set(k, v[k]);
    break;
  }
  }
  return m;
}

Matrix convert(const lauryn_matrix *m, int format) {
  lauryn_matrix *raw = nullptr;
  EXPECT_EQ(lauryn_rt_matrix_convert(m, format, m->dtype, &raw), LAURYN_OK)
      << lauryn_rt_last_error();
  return Matrix(raw);
}

struct Writer {
  const char *ext;
  int (*write)(const char *, const lauryn_matrix *,
               const lauryn_write_options *);
  int (*read)(const char *, const lauryn_read_options *, lauryn_matrix **);
};
const Writer writers[] = {
    {"mtx", lauryn_rt_write_matrix_market, lauryn_rt_read_matrix_market},
    {"csv", lauryn_rt_write_csv, lauryn_rt_read_csv},
    {"npy", lauryn_rt_write_npy, lauryn_rt_read_npy},
};

TEST(RuntimeRoundTrip, EveryFormatDtypeAndLayout) {
  TempDir tmp;
  for (const Writer &w : writers)
    for (int dtype : {LAURYN_F64, LAURYN_F32, LAURYN_I64, LAURYN_I32})
      for (int format : {LAURYN_FORMAT_DENSE, LAURYN_FORMAT_CSR}) {
        SCOPED_TRACE(std::string(w.ext) + " " + lauryn_rt_dtype_name(dtype) +
                     (format == LAURYN_FORMAT_CSR ? " csr" : " dense"));
        Matrix dense = sample(dtype);
        Matrix m = format == LAURYN_FORMAT_CSR
                       ? convert(dense.get(), LAURYN_FORMAT_CSR)
                       : std::move(dense);
        ASSERT_TRUE(m);
        std::string path = tmp.file(std::string("m.") + w.ext);
        ASSERT_EQ(w.write(path.c_str(), m.get(), nullptr), LAURYN_OK)
            << lauryn_rt_last_error();
        Matrix back = readOk(w.read, path, readOptions(format, dtype));
        ASSERT_TRUE(back);
        EXPECT_TRUE(sameMatrix(m.get(), back.get()));
        // The generic entry points agree.
        ASSERT_EQ(lauryn_rt_write(path.c_str(), m.get(), nullptr), LAURYN_OK);
        Matrix again = readOk(lauryn_rt_read, path, readOptions(format, dtype));
        EXPECT_TRUE(sameMatrix(m.get(), again.get()));
      }
  EXPECT_EQ(tmp.files().size(), 3u); // m.mtx m.csv m.npy, no temporaries
}

TEST(RuntimeRoundTrip, MatrixMarketKeepsExplicitZerosInCsr) {
  TempDir tmp;
  Matrix m = makeCsr(3, 3, {{0, 0, 0.0}, {1, 2, -0.0}, {2, 1, 2.5}});
  std::string p = tmp.file("z.mtx");
  ASSERT_EQ(lauryn_rt_write_matrix_market(p.c_str(), m.get(), nullptr),
            LAURYN_OK);
  Matrix back = readOk(lauryn_rt_read_matrix_market, p);
  EXPECT_TRUE(sameMatrix(m.get(), back.get()));
}

TEST(RuntimeRoundTrip, WriterOutputText) {
  TempDir tmp;
  Matrix c = makeCsr(2, 3, {{0, 1, 1.5}, {1, 0, -2.0}, {1, 2, 0.1}});
  std::string p = tmp.file("c.mtx");
  ASSERT_EQ(lauryn_rt_write_matrix_market(p.c_str(), c.get(), nullptr),
            LAURYN_OK);
  EXPECT_EQ(readFile(p), "%%MatrixMarket matrix coordinate real general\n"
                         "% written by liblauryn_rt 0.1.0 (f64)\n"
                         "2 3 3\n1 2 1.5\n2 1 -2\n2 3 0.1\n");
  Matrix d = makeDense(2, 2, {1, 2, 3, 4});
  ASSERT_EQ(lauryn_rt_write_matrix_market(p.c_str(), d.get(), nullptr),
            LAURYN_OK);
  EXPECT_EQ(readFile(p), "%%MatrixMarket matrix array real general\n"
                         "% written by liblauryn_rt 0.1.0 (f64)\n"
                         "2 2\n1\n3\n2\n4\n");
  std::string q = tmp.file("c.csv");
  ASSERT_EQ(lauryn_rt_write_csv(q.c_str(), c.get(), nullptr), LAURYN_OK);
  EXPECT_EQ(readFile(q), "0,1.5,0\n-2,0,0.1\n");
  lauryn_write_options wo;
  lauryn_rt_write_options_init(&wo);
  wo.csv_delimiter = ';';
  wo.csv_header = LAURYN_CSV_HEADER_PRESENT;
  ASSERT_EQ(lauryn_rt_write_csv(q.c_str(), c.get(), &wo), LAURYN_OK);
  EXPECT_EQ(readFile(q), "V1;V2;V3\n0;1.5;0\n-2;0;0.1\n");
  lauryn_read_options ro = readOptions();
  ro.csv_delimiter = ';';
  Matrix back = readOk(lauryn_rt_read_csv, q, ro);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->rows, 2);
  std::string t = tmp.file("c.tsv");
  ASSERT_EQ(lauryn_rt_write(t.c_str(), c.get(), nullptr), LAURYN_OK);
  EXPECT_EQ(readFile(t), "0\t1.5\t0\n-2\t0\t0.1\n");
  std::string n = tmp.file("c.npy");
  ASSERT_EQ(lauryn_rt_write_npy(n.c_str(), c.get(), nullptr), LAURYN_OK);
  std::string bytes = readFile(n);
  ASSERT_EQ(bytes.size(), 128u + 6 * 8);
  EXPECT_EQ(bytes.substr(0, 10), std::string("\x93NUMPY\1\0\x76\0", 10));
  EXPECT_EQ(bytes.substr(10, 59),
            "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }");
  EXPECT_EQ(bytes[127], '\n');
}

TEST(RuntimeRoundTrip, WriterRejectsInvalidInput) {
  TempDir tmp;
  std::string p = tmp.file("bad.mtx");
  Matrix m = makeCsr(2, 2, {{0, 0, 1.0}, {0, 1, 2.0}});
  m->coordinates[1] = 0; // unsorted row
  EXPECT_EQ(lauryn_rt_write_matrix_market(p.c_str(), m.get(), nullptr),
            LAURYN_ERR_INVALID_ARGUMENT);
  EXPECT_NE(std::string(lauryn_rt_last_error()).find(p + ": invalid matrix"),
            std::string::npos)
      << lauryn_rt_last_error();
  EXPECT_EQ(lauryn_rt_write_csv(p.c_str(), nullptr, nullptr),
            LAURYN_ERR_INVALID_ARGUMENT);
  Matrix ok = makeDense(1, 1, {1});
  EXPECT_EQ(lauryn_rt_write_npy(nullptr, ok.get(), nullptr),
            LAURYN_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(lauryn_rt_write(tmp.file("x.bin").c_str(), ok.get(), nullptr),
            LAURYN_ERR_UNSUPPORTED);
  lauryn_write_options wo;
  lauryn_rt_write_options_init(&wo);
  wo.csv_delimiter = '7';
  EXPECT_EQ(lauryn_rt_write_csv(tmp.file("x.csv").c_str(), ok.get(), &wo),
            LAURYN_ERR_INVALID_ARGUMENT);
  lauryn_matrix *empty = nullptr;
  ASSERT_EQ(lauryn_rt_matrix_create_dense(0, 3, LAURYN_F64, &empty), LAURYN_OK);
  Matrix e(empty);
  std::string c = tmp.file("e.csv");
  EXPECT_EQ(lauryn_rt_write_csv(c.c_str(), e.get(), nullptr),
            LAURYN_ERR_UNSUPPORTED);
  EXPECT_NE(std::string(lauryn_rt_last_error())
                .find(c + ": CSV cannot represent a 0 x 3 matrix"),
            std::string::npos);
  EXPECT_TRUE(tmp.files().empty());
  // .npy and .mtx can.
  for (const char *name : {"e.npy", "e.mtx"}) {
    std::string q = tmp.file(name);
    ASSERT_EQ(lauryn_rt_write(q.c_str(), e.get(), nullptr), LAURYN_OK);
    Matrix back = readOk(lauryn_rt_read, q);
    EXPECT_TRUE(sameMatrix(e.get(), back.get())) << name;
    ::unlink(q.c_str());
  }
}

TEST(RuntimeAtomicWrite, OverwriteReplacesAndKeepsMode) {
  TempDir tmp;
  std::string p = tmp.file("a.csv");
  writeFile(p, "old\n");
  ASSERT_EQ(::chmod(p.c_str(), 0640), 0);
  Matrix m = makeDense(1, 2, {1, 2});
  ASSERT_EQ(lauryn_rt_write_csv(p.c_str(), m.get(), nullptr), LAURYN_OK);
  EXPECT_EQ(readFile(p), "1,2\n");
  struct stat st;
  ASSERT_EQ(::stat(p.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0640u);
  EXPECT_EQ(tmp.files(), std::vector<std::string>{"a.csv"});
  // A new file gets the mode creat() would give it.
  mode_t old = ::umask(022);
  std::string q = tmp.file("b.csv");
  ASSERT_EQ(lauryn_rt_write_csv(q.c_str(), m.get(), nullptr), LAURYN_OK);
  ::umask(old);
  ASSERT_EQ(::stat(q.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0644u);
}

TEST(RuntimeAtomicWrite, MissingDirectoryOrDirectoryTarget) {
  TempDir tmp;
  Matrix m = makeDense(1, 1, {1});
  std::string p = tmp.file("no/such/dir/a.mtx");
  EXPECT_EQ(lauryn_rt_write_matrix_market(p.c_str(), m.get(), nullptr),
            LAURYN_ERR_IO);
  EXPECT_NE(std::string(lauryn_rt_last_error())
                .find(p + ": cannot create a temporary file in '" +
                      tmp.file("no/such/dir") +
                      "': No such file or directory"),
            std::string::npos)
      << lauryn_rt_last_error();
  EXPECT_EQ(lauryn_rt_write_npy(tmp.path().c_str(), m.get(), nullptr),
            LAURYN_ERR_IO);
  EXPECT_NE(std::string(lauryn_rt_last_error()).find("is a directory"),
            std::string::npos);
  EXPECT_TRUE(tmp.files().empty());
}

TEST(RuntimeAtomicWrite, FailureMidWriteLeavesTheOldFile) {
  TempDir tmp;
  std::string p = tmp.file("big.csv");
  writeFile(p, "previous content\n");
  // 1000 x 100 cells of CSV is far more than the 4 KiB we allow.
  lauryn_matrix *raw = nullptr;
  ASSERT_EQ(lauryn_rt_matrix_create_dense(1000, 100, LAURYN_F64, &raw),
            LAURYN_OK);
  Matrix m(raw);
  for (int64_t k = 0; k < m->nnz; ++k)
    static_cast<double *>(m->values)[k] = 1.0 / (k + 3);
  struct rlimit old;
  ASSERT_EQ(getrlimit(RLIMIT_FSIZE, &old), 0);
  struct rlimit small = old;
  small.rlim_cur = 4096;
  auto oldHandler = std::signal(SIGXFSZ, SIG_IGN);
  ASSERT_EQ(setrlimit(RLIMIT_FSIZE, &small), 0);
  int status = lauryn_rt_write_csv(p.c_str(), m.get(), nullptr);
  std::string msg = lauryn_rt_last_error();
  setrlimit(RLIMIT_FSIZE, &old);
  std::signal(SIGXFSZ, oldHandler);
  EXPECT_EQ(status, LAURYN_ERR_IO);
  EXPECT_NE(msg.find(p + ": write failed: File too large (destination left "
                         "unchanged)"),
            std::string::npos)
      << msg;
  EXPECT_EQ(readFile(p), "previous content\n");
  EXPECT_EQ(tmp.files(), std::vector<std::string>{"big.csv"});
}

TEST(RuntimeRoundTrip, CrossTypeReads) {
  TempDir tmp;
  Matrix i = sample(LAURYN_I32);
  std::string p = tmp.file("i.mtx");
  ASSERT_EQ(lauryn_rt_write_matrix_market(p.c_str(), i.get(), nullptr),
            LAURYN_OK);
  EXPECT_NE(readFile(p).find("array integer general"), std::string::npos);
  Matrix f = readOk(lauryn_rt_read_matrix_market, p);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->dtype, LAURYN_F64);
  EXPECT_EQ(at(f.get(), 0, 0), -2147483648.0);
  // npy <i4 read as f32 and as CSR i64.
  std::string n = tmp.file("i.npy");
  ASSERT_EQ(lauryn_rt_write_npy(n.c_str(), i.get(), nullptr), LAURYN_OK);
  Matrix g = readOk(lauryn_rt_read_npy, n,
                    readOptions(LAURYN_FORMAT_CSR, LAURYN_I64));
  ASSERT_TRUE(g);
  EXPECT_EQ(g->nnz, 8);
  EXPECT_EQ(at(g.get(), 0, 1), 2147483647.0);
}

} // namespace
