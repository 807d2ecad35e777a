//===- RuntimeSharedDataTest.cpp - the shared real matrices ---------------===//
//
// Reads every file of ../shared/data (LAURYN_SHARED_DATA_DIR): the 27 real
// matrices with their shape, nnz (symmetric files expanded) and value sum
// (reference values from scipy.io.mmread), and the 29 reader stress files,
// each either read (with its expected content) or rejected with a specific
// message.
//
//===----------------------------------------------------------------------===//

#include "RuntimeTestUtils.h"

#include <algorithm>
#include <map>
#include <set>
#include <variant>

#ifndef LAURYN_SHARED_DATA_DIR
#error "LAURYN_SHARED_DATA_DIR must name the shared test data directory"
#endif

using namespace lauryn::rt::test;

namespace {

const std::string dataDir = LAURYN_SHARED_DATA_DIR;

/// Fails (not skips) when the shared data is missing.
::testing::AssertionResult haveDir(const std::string &dir) {
  struct stat st;
  if (::stat(dir.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
    return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << "shared test data directory " << dir
         << " is missing; the runtime tests need /work/shared/data (the "
            "sibling 'shared/data' of the source tree)";
}

std::set<std::string> mtxFiles(const std::string &dir) {
  std::set<std::string> out;
  if (DIR *d = opendir(dir.c_str())) {
    while (dirent *e = readdir(d)) {
      std::string n = e->d_name;
      if (n.size() > 4 && n.compare(n.size() - 4, 4, ".mtx") == 0)
        out.insert(n);
    }
    closedir(d);
  }
  return out;
}

double valueSum(const lauryn_matrix *m) {
  double s = 0;
  for (int64_t k = 0; k < m->nnz; ++k)
    s += static_cast<double *>(m->values)[k];
  return s;
}

/// Every stored (i, j, v) has a stored (j, i, v).
bool isSymmetric(const lauryn_matrix *m) {
  for (int64_t i = 0; i < m->rows; ++i)
    for (int64_t k = m->positions[i]; k < m->positions[i + 1]; ++k) {
      int64_t j = m->coordinates[k];
      const int64_t *b = m->coordinates + m->positions[j];
      const int64_t *e = m->coordinates + m->positions[j + 1];
      const int64_t *f = std::lower_bound(b, e, i);
      if (f == e || *f != i)
        return false;
      double v = static_cast<double *>(m->values)[k];
      double w = static_cast<double *>(m->values)[f - m->coordinates];
      if (!(v == w || (std::isnan(v) && std::isnan(w))))
        return false;
    }
  return true;
}

struct RealMatrix {
  const char *name;
  int64_t rows, cols, nnz;
  double sum;
  bool symmetric;
};

// Reference: scipy.io.mmread(f).tocsr() (shape, nnz, sum of values).
const RealMatrix realMatrices[] = {
    {"Erdos971.mtx", 472, 472, 2628, 2628.0, true},
    {"G51.mtx", 1000, 1000, 11818, 11818.0, true},
    {"GD97_b.mtx", 47, 47, 264, 40224.8182, true},
    {"Groebner_id2003_aug.mtx", 4967, 2456, 173670, 73786411719.0, false},
    {"LFAT5.mtx", 14, 14, 46, 12581499.907366201, true},
    {"Pd.mtx", 8081, 8081, 13036, -140281.09039262374, false},
    {"arrow.mtx", 46500, 46500, 139498, 185998.0, false},
    {"bayer10.mtx", 13436, 13436, 94926, -83193.98485895766, false},
    {"bcspwr10.mtx", 5300, 5300, 21842, 21842.0, true},
    {"bcsstk13.mtx", 2003, 2003, 83883, 30220739908119.473, true},
    {"cryg2500.mtx", 2500, 2500, 12349, -13508.42174837134, false},
    {"dwt_992.mtx", 992, 992, 16744, 16744.0, true},
    {"hangGlider_2.mtx", 1647, 1647, 14754, 5997.7755496544, true},
    {"jagmesh7.mtx", 1138, 1138, 7450, 7450.0, true},
    {"karate.mtx", 34, 34, 156, 156.0, true},
    {"lp_afiro.mtx", 27, 51, 102, 44.370000000000005, false},
    {"n1024-l1.mtx", 1024, 1024, 32768, 2048.0, false},
    {"n1024-l2.mtx", 1024, 1024, 32768, 2048.0, false},
    {"n1024-l3.mtx", 1024, 1024, 32768, 2048.0, false},
    {"nnc1374.mtx", 1374, 1374, 8606, 147410.37725754987, false},
    {"olm1000.mtx", 1000, 1000, 3996, -48513.38687999205, false},
    {"pushpull.mtx", 4000, 4000, 196305, 196305.0, true},
    {"rajat01.mtx", 6833, 6833, 43250, 43250.0, false},
    {"sparse-images-1024_subset.mtx", 1200, 1024, 122713, 122713.0, false},
    {"watt_2.mtx", 1856, 1856, 11550, 63.99999999999739, false},
    {"west0067.mtx", 67, 67, 294, 34.30874860000001, false},
    {"zenios.mtx", 2873, 2873, 27191, 250.74511763684635, true},
};

TEST(RuntimeSharedData, DirectoryHasTheExpected27Matrices) {
  ASSERT_TRUE(haveDir(dataDir + "/matrices"));
  std::set<std::string> expected;
  for (const RealMatrix &r : realMatrices)
    expected.insert(r.name);
  EXPECT_EQ(expected.size(), 27u);
  EXPECT_EQ(mtxFiles(dataDir + "/matrices"), expected);
}

class RealMatrices : public ::testing::TestWithParam<RealMatrix> {};

TEST_P(RealMatrices, ReadsWithShapeNnzAndValues) {
  ASSERT_TRUE(haveDir(dataDir + "/matrices"));
  const RealMatrix &r = GetParam();
  std::string path = dataDir + "/matrices/" + r.name;
  Matrix m = readOk(lauryn_rt_read_matrix_market, path);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->format, LAURYN_FORMAT_CSR);
  EXPECT_EQ(m->rows, r.rows);
  EXPECT_EQ(m->cols, r.cols);
  EXPECT_EQ(m->nnz, r.nnz);
  EXPECT_NEAR(valueSum(m.get()), r.sum, 1e-9 * std::max(1.0, std::fabs(r.sum)));
  if (r.symmetric)
    EXPECT_TRUE(isSymmetric(m.get()));
  // The generic entry point and the f32 target agree on the structure.
  Matrix g = readOk(lauryn_rt_read, path,
                    readOptions(LAURYN_FORMAT_CSR, LAURYN_F32));
  ASSERT_TRUE(g);
  EXPECT_EQ(g->nnz, r.nnz);
  EXPECT_EQ(std::memcmp(g->coordinates, m->coordinates, r.nnz * 8), 0);
  // Small ones also as dense, consistent with the CSR.
  if (r.rows * r.cols <= 4'000'000) {
    Matrix d = readOk(lauryn_rt_read_matrix_market, path,
                      readOptions(LAURYN_FORMAT_DENSE));
    ASSERT_TRUE(d);
    lauryn_matrix *back = nullptr;
    ASSERT_EQ(lauryn_rt_matrix_convert(d.get(), LAURYN_FORMAT_CSR, LAURYN_F64,
                                       &back),
              LAURYN_OK);
    Matrix c(back);
    // Explicit zeros vanish in the dense round trip; all else is equal.
    int64_t zeros = 0;
    for (int64_t k = 0; k < m->nnz; ++k)
      zeros += static_cast<double *>(m->values)[k] == 0.0;
    EXPECT_EQ(c->nnz, m->nnz - zeros);
    EXPECT_EQ(valueSum(c.get()), valueSum(m.get()));
  }
}

INSTANTIATE_TEST_SUITE_P(
    All, RealMatrices, ::testing::ValuesIn(realMatrices),
    [](const ::testing::TestParamInfo<RealMatrix> &info) {
      std::string n = info.param.name;
      n = n.substr(0, n.size() - 4);
      for (char &c : n)
        if (!isalnum(static_cast<unsigned char>(c)))
          c = '_';
      return n;
    });

//===--------------------------------------------------------------------===//
// mtx-edge-cases: the expected outcome of each file, decided by reading it.
//===--------------------------------------------------------------------===//

struct Read {
  int64_t rows, cols, nnz;
};
struct Reject {
  int status;
  int line; ///< 0: no line in the message
  const char *message;
};
using Outcome = std::variant<Read, Reject>;

const std::map<std::string, Outcome> &edgeCases() {
  static const std::map<std::string, Outcome> cases = {
      // Symmetric 2000 x 2000 with a 14 x 14 leading block: 30 stored, 46
      // after expansion.
      {"LFAT5_hypersparse.mtx", Read{2000, 2000, 46}},
      {"LFAT5_two.mtx", Read{28, 28, 92}},
      // A '%%GraphBLAS type double' line and a "nan" value.
      {"comments_west0067.mtx", Read{67, 67, 295}},
      {"cover_structure.mtx", Read{7, 7, 12}},
      {"lp_afiro_structure.mtx", Read{27, 51, 102}},
      // '%%GraphBLAS type bool' but the value 2.
      {"mangled_bool.mtx",
       Reject{LAURYN_ERR_RANGE, 10,
              "value '2' is not 0 or 1 as '%%GraphBLAS type bool' requires"}},
      // "array pattern" is not a valid Matrix Market combination.
      {"mangled_format.mtx",
       Reject{LAURYN_ERR_PARSE, 1,
              "invalid banner: 'array' format cannot have field 'pattern'"}},
      {"mangled_int16.mtx",
       Reject{LAURYN_ERR_RANGE, 8,
              "value '-32769' out of range [-32768, 32767] of '%%GraphBLAS "
              "type int16_t'"}},
      {"mangled_int32.mtx",
       Reject{LAURYN_ERR_RANGE, 8,
              "value '-2147483649' out of range [-2147483648, 2147483647] of "
              "'%%GraphBLAS type int32_t'"}},
      {"mangled_int8.mtx",
       Reject{LAURYN_ERR_RANGE, 8,
              "value '-129' out of range [-128, 127] of '%%GraphBLAS type "
              "int8_t'"}},
      // Skew-symmetric with an unsigned element type.
      {"mangled_skew.mtx",
       Reject{LAURYN_ERR_PARSE, 1,
              "a skew-symmetric matrix cannot have the unsigned '%%GraphBLAS "
              "type uint8_t'"}},
      {"mangled_uint16.mtx",
       Reject{LAURYN_ERR_RANGE, 9,
              "value '65536' out of range [0, 65535] of '%%GraphBLAS type "
              "uint16_t'"}},
      {"mangled_uint32.mtx",
       Reject{LAURYN_ERR_RANGE, 9,
              "value '4294967296' out of range [0, 4294967295] of "
              "'%%GraphBLAS type uint32_t'"}},
      {"mangled_uint8.mtx",
       Reject{LAURYN_ERR_RANGE, 9,
              "value '256' out of range [0, 255] of '%%GraphBLAS type "
              "uint8_t'"}},
      {"matrix_bool.mtx", Read{7, 7, 12}},
      // "integer" field with '%%GraphBLAS type float' and -inf/inf values.
      {"matrix_fp32.mtx", Read{7, 7, 12}},
      {"matrix_fp32_structure.mtx", Read{7, 7, 12}},
      {"matrix_fp64.mtx", Read{7, 7, 12}},
      {"matrix_int16.mtx", Read{7, 7, 12}},
      {"matrix_int32.mtx", Read{7, 7, 12}},
      {"matrix_int64.mtx", Read{7, 7, 12}},
      {"matrix_int8.mtx", Read{7, 7, 12}},
      {"matrix_uint16.mtx", Read{7, 7, 12}},
      {"matrix_uint32.mtx", Read{7, 7, 12}},
      {"matrix_uint64.mtx", Read{7, 7, 12}},
      {"matrix_uint8.mtx", Read{7, 7, 12}},
      {"structure.mtx", Read{7, 7, 12}},
      // Unsorted entries, blank and comment lines after the size line.
      {"west0067_jumbled.mtx", Read{67, 67, 294}},
      // No "%%MatrixMarket" banner: not a Matrix Market file.
      {"west0067_noheader.mtx",
       Reject{LAURYN_ERR_PARSE, 1, "missing Matrix Market banner"}},
  };
  return cases;
}

TEST(RuntimeEdgeCases, EveryFileHasAnExpectedOutcome) {
  std::string dir = dataDir + "/mtx-edge-cases";
  ASSERT_TRUE(haveDir(dir));
  std::set<std::string> listed;
  for (auto &[name, outcome] : edgeCases())
    listed.insert(name);
  EXPECT_EQ(listed.size(), 29u);
  EXPECT_EQ(mtxFiles(dir), listed);
}

TEST(RuntimeEdgeCases, EachFileIsReadOrRejectedClearly) {
  std::string dir = dataDir + "/mtx-edge-cases";
  ASSERT_TRUE(haveDir(dir));
  for (auto &[name, outcome] : edgeCases()) {
    SCOPED_TRACE(name);
    std::string path = dir + "/" + name;
    if (auto *r = std::get_if<Read>(&outcome)) {
      Matrix m = readOk(lauryn_rt_read_matrix_market, path);
      ASSERT_TRUE(m);
      EXPECT_EQ(m->rows, r->rows);
      EXPECT_EQ(m->cols, r->cols);
      EXPECT_EQ(m->nnz, r->nnz);
    } else {
      auto &x = std::get<Reject>(outcome);
      std::string where = path + ":" +
                          (x.line ? std::to_string(x.line) + ": " : " ");
      readFails(lauryn_rt_read_matrix_market, path, x.status,
                where + x.message);
    }
  }
}

TEST(RuntimeEdgeCases, ContentOfTheReadableFiles) {
  std::string dir = dataDir + "/mtx-edge-cases/";
  ASSERT_TRUE(haveDir(dir));
  // Jumbled == sorted original.
  Matrix a = readOk(lauryn_rt_read_matrix_market, dir + "west0067_jumbled.mtx");
  Matrix b = readOk(lauryn_rt_read_matrix_market,
                    dataDir + "/matrices/west0067.mtx");
  ASSERT_TRUE(a && b);
  EXPECT_TRUE(sameMatrix(a.get(), b.get()));
  // comments_west0067: west0067 plus a NaN at (1, 1).
  Matrix c = readOk(lauryn_rt_read_matrix_market, dir + "comments_west0067.mtx");
  ASSERT_TRUE(c);
  EXPECT_TRUE(std::isnan(at(c.get(), 0, 0)));
  EXPECT_EQ(at(c.get(), 4, 0), at(b.get(), 4, 0));
  // Hypersparse: only the leading 14 x 14 block is populated.
  Matrix h = readOk(lauryn_rt_read_matrix_market, dir + "LFAT5_hypersparse.mtx");
  ASSERT_TRUE(h);
  EXPECT_EQ(h->positions[14], 46);
  EXPECT_EQ(h->positions[2000], 46);
  Matrix l = readOk(lauryn_rt_read_matrix_market,
                    dataDir + "/matrices/LFAT5.mtx");
  ASSERT_TRUE(l);
  EXPECT_EQ(std::memcmp(h->values, l->values, 46 * 8), 0);
  // Extreme integers: exact as i64 where they fit, rounded as f64.
  Matrix i64 = readOk(lauryn_rt_read_matrix_market, dir + "matrix_int64.mtx",
                      readOptions(LAURYN_FORMAT_DENSE, LAURYN_I64));
  ASSERT_TRUE(i64);
  EXPECT_EQ(static_cast<int64_t *>(i64->values)[3 * 7 + 0],
            INT64_C(-9223372036854775800));
  EXPECT_EQ(static_cast<int64_t *>(i64->values)[0 * 7 + 1], INT64_MAX);
  Matrix u64 = readOk(lauryn_rt_read_matrix_market, dir + "matrix_uint64.mtx");
  ASSERT_TRUE(u64);
  EXPECT_EQ(at(u64.get(), 0, 1), 18446744073709551615.0);
  readFails(lauryn_rt_read_matrix_market, dir + "matrix_uint64.mtx",
            LAURYN_ERR_RANGE,
            "matrix_uint64.mtx:8: value '18446744073709551615' out of range "
            "for i64",
            readOptions(LAURYN_FORMAT_AUTO, LAURYN_I64));
  Matrix i8 = readOk(lauryn_rt_read_matrix_market, dir + "matrix_int8.mtx",
                     readOptions(LAURYN_FORMAT_AUTO, LAURYN_I32));
  ASSERT_TRUE(i8);
  EXPECT_EQ(at(i8.get(), 3, 0), -128.0);
  // matrix_fp32: an "integer" file whose '%%GraphBLAS type float' allows
  // infinities; explicit zeros are kept as entries.
  Matrix f = readOk(lauryn_rt_read_matrix_market, dir + "matrix_fp32.mtx",
                    readOptions(LAURYN_FORMAT_AUTO, LAURYN_F32));
  ASSERT_TRUE(f);
  EXPECT_EQ(at(f.get(), 3, 0), -INFINITY);
  EXPECT_EQ(at(f.get(), 0, 1), INFINITY);
  EXPECT_EQ(f->nnz, 12);
  // Pattern files read as ones.
  Matrix s = readOk(lauryn_rt_read_matrix_market, dir + "structure.mtx");
  ASSERT_TRUE(s);
  EXPECT_EQ(valueSum(s.get()), 12.0);
  // bool: values 0/1 kept, zeros stored explicitly.
  Matrix bo = readOk(lauryn_rt_read_matrix_market, dir + "matrix_bool.mtx");
  ASSERT_TRUE(bo);
  EXPECT_EQ(valueSum(bo.get()), 7.0);
}

} // namespace
