//===- RuntimeMatrixTest.cpp - liblauryn_rt matrices and conversions ------===//

#include "RuntimeTestUtils.h"

#include <cstddef>
#include <limits>

using namespace lauryn::rt::test;

extern "C" int lauryn_rt_c_api_smoke(void); // RuntimeCApi.c, compiled as C99

namespace {

TEST(RuntimeMatrix, HeaderIsUsableFromC) { EXPECT_EQ(lauryn_rt_c_api_smoke(), 0); }

TEST(RuntimeMatrix, StructLayoutIsTheDocumentedAbi) {
  EXPECT_EQ(sizeof(lauryn_matrix), 56u);
  EXPECT_EQ(offsetof(lauryn_matrix, rows), 0u);
  EXPECT_EQ(offsetof(lauryn_matrix, cols), 8u);
  EXPECT_EQ(offsetof(lauryn_matrix, dtype), 16u);
  EXPECT_EQ(offsetof(lauryn_matrix, format), 20u);
  EXPECT_EQ(offsetof(lauryn_matrix, nnz), 24u);
  EXPECT_EQ(offsetof(lauryn_matrix, values), 32u);
  EXPECT_EQ(offsetof(lauryn_matrix, positions), 40u);
  EXPECT_EQ(offsetof(lauryn_matrix, coordinates), 48u);
  EXPECT_EQ(sizeof(lauryn_read_options), 32u);
  EXPECT_EQ(sizeof(lauryn_write_options), 8u);
  EXPECT_EQ(LAURYN_F64, 0);
  EXPECT_EQ(LAURYN_FORMAT_AUTO, 0);
}

TEST(RuntimeMatrix, NamesAndSizes) {
  EXPECT_STREQ(lauryn_rt_version(), "0.1.0");
  EXPECT_STREQ(lauryn_rt_dtype_name(LAURYN_F32), "f32");
  EXPECT_STREQ(lauryn_rt_dtype_name(9), "invalid");
  EXPECT_EQ(lauryn_rt_dtype_size(LAURYN_F64), 8u);
  EXPECT_EQ(lauryn_rt_dtype_size(LAURYN_I32), 4u);
  EXPECT_EQ(lauryn_rt_dtype_size(-1), 0u);
  EXPECT_STREQ(lauryn_rt_status_name(LAURYN_ERR_PARSE), "LAURYN_ERR_PARSE");
  EXPECT_STREQ(lauryn_rt_status_name(99), "unknown status");
}

TEST(RuntimeMatrix, CreateDenseIsZeroedAndAligned) {
  for (int dt : {LAURYN_F64, LAURYN_F32, LAURYN_I64, LAURYN_I32}) {
    lauryn_matrix *raw = nullptr;
    ASSERT_EQ(lauryn_rt_matrix_create_dense(3, 5, dt, &raw), LAURYN_OK);
    Matrix m(raw);
    EXPECT_EQ(m->format, LAURYN_FORMAT_DENSE);
    EXPECT_EQ(m->nnz, 15);
    EXPECT_EQ(m->positions, nullptr);
    EXPECT_EQ(m->coordinates, nullptr);
    EXPECT_EQ(reinterpret_cast<uintptr_t>(m->values) % 64, 0u);
    for (int64_t k = 0; k < 15 * (int64_t)lauryn_rt_dtype_size(dt); ++k)
      EXPECT_EQ(static_cast<unsigned char *>(m->values)[k], 0);
    EXPECT_EQ(lauryn_rt_matrix_validate(m.get()), LAURYN_OK);
  }
}

TEST(RuntimeMatrix, CreateCsrIsAlignedAndValidWhenEmpty) {
  lauryn_matrix *raw = nullptr;
  ASSERT_EQ(lauryn_rt_matrix_create_csr(4, 7, 0, LAURYN_F32, &raw), LAURYN_OK);
  Matrix m(raw);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(m->positions) % 64, 0u);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(m->coordinates) % 64, 0u);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(m->values) % 64, 0u);
  EXPECT_NE(m->coordinates, nullptr); // never NULL, even when empty
  EXPECT_EQ(lauryn_rt_matrix_validate(m.get()), LAURYN_OK);
}

TEST(RuntimeMatrix, CreateRejectsBadArguments) {
  lauryn_matrix *m = reinterpret_cast<lauryn_matrix *>(0x1);
  EXPECT_EQ(lauryn_rt_matrix_create_dense(-1, 3, LAURYN_F64, &m),
            LAURYN_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(m, nullptr);
  EXPECT_EQ(lauryn_rt_matrix_create_dense(3, 3, 7, &m),
            LAURYN_ERR_INVALID_ARGUMENT);
  EXPECT_NE(std::string(lauryn_rt_last_error()).find("invalid dtype 7"),
            std::string::npos);
  EXPECT_EQ(lauryn_rt_matrix_create_dense(3, 3, LAURYN_F64, nullptr),
            LAURYN_ERR_INVALID_ARGUMENT);
  // rows * cols overflows int64.
  EXPECT_EQ(lauryn_rt_matrix_create_dense(INT64_C(1) << 40, INT64_C(1) << 40,
                                          LAURYN_F64, &m),
            LAURYN_ERR_TOO_LARGE);
  EXPECT_NE(std::string(lauryn_rt_last_error()).find("overflows"),
            std::string::npos);
  // 2^31 x 2^20 doubles = 16 PiB: refused before allocating.
  EXPECT_EQ(lauryn_rt_matrix_create_dense(INT64_C(1) << 31, INT64_C(1) << 20,
                                          LAURYN_F64, &m),
            LAURYN_ERR_TOO_LARGE);
  EXPECT_NE(std::string(lauryn_rt_last_error()).find("allocation cap"),
            std::string::npos);
  EXPECT_EQ(lauryn_rt_matrix_create_csr(INT64_MAX, 1, 0, LAURYN_F64, &m),
            LAURYN_ERR_TOO_LARGE);
  EXPECT_EQ(m, nullptr);
  lauryn_rt_matrix_free(nullptr); // a no-op
}

TEST(RuntimeMatrix, SuccessClearsTheLastError) {
  lauryn_matrix *m = nullptr;
  EXPECT_NE(lauryn_rt_matrix_create_dense(-1, 1, LAURYN_F64, &m), LAURYN_OK);
  EXPECT_STRNE(lauryn_rt_last_error(), "");
  ASSERT_EQ(lauryn_rt_matrix_create_dense(1, 1, LAURYN_F64, &m), LAURYN_OK);
  EXPECT_STREQ(lauryn_rt_last_error(), "");
  lauryn_rt_matrix_free(m);
}

TEST(RuntimeMatrix, ValidateFindsBrokenCsr) {
  Matrix m = makeCsr(3, 4, {{0, 1, 1.0}, {0, 3, 2.0}, {2, 0, 3.0}});
  ASSERT_EQ(lauryn_rt_matrix_validate(m.get()), LAURYN_OK)
      << lauryn_rt_last_error();
  m->coordinates[1] = 1; // duplicate column in row 0
  EXPECT_EQ(lauryn_rt_matrix_validate(m.get()), LAURYN_ERR_INVALID_ARGUMENT);
  EXPECT_NE(std::string(lauryn_rt_last_error()).find("not strictly increasing"),
            std::string::npos);
  m->coordinates[1] = 4; // out of range
  EXPECT_EQ(lauryn_rt_matrix_validate(m.get()), LAURYN_ERR_INVALID_ARGUMENT);
  EXPECT_NE(std::string(lauryn_rt_last_error()).find("out of range [0, 4)"),
            std::string::npos);
  m->coordinates[1] = 3;
  m->positions[3] = 2; // positions[rows] != nnz
  EXPECT_EQ(lauryn_rt_matrix_validate(m.get()), LAURYN_ERR_INVALID_ARGUMENT);
  m->positions[3] = 3;
  m->format = 5;
  EXPECT_EQ(lauryn_rt_matrix_validate(m.get()), LAURYN_ERR_INVALID_ARGUMENT);
  m->format = LAURYN_FORMAT_CSR;
  EXPECT_EQ(lauryn_rt_matrix_validate(nullptr), LAURYN_ERR_INVALID_ARGUMENT);
}

TEST(RuntimeMatrix, GetReadsDenseAndCsr) {
  Matrix m = makeCsr(2, 3, {{0, 2, 5.5}, {1, 0, -1.0}});
  EXPECT_EQ(at(m.get(), 0, 2), 5.5);
  EXPECT_EQ(at(m.get(), 0, 0), 0.0);
  EXPECT_EQ(at(m.get(), 1, 0), -1.0);
  double v;
  EXPECT_EQ(lauryn_rt_matrix_get(m.get(), 2, 0, &v), LAURYN_ERR_RANGE);
  Matrix d = makeDense(2, 2, {1, 2, 3, 4});
  EXPECT_EQ(at(d.get(), 1, 0), 3.0);
}

TEST(RuntimeMatrix, DenseToCsrDropsZerosKeepsNaN) {
  double nan = std::numeric_limits<double>::quiet_NaN();
  Matrix d = makeDense(2, 3, {0, 1.5, 0, nan, 0, -0.0});
  lauryn_matrix *raw = nullptr;
  ASSERT_EQ(lauryn_rt_matrix_convert(d.get(), LAURYN_FORMAT_CSR, LAURYN_F64,
                                     &raw),
            LAURYN_OK);
  Matrix c(raw);
  EXPECT_EQ(c->nnz, 2);
  EXPECT_EQ(c->positions[1], 1);
  EXPECT_EQ(c->coordinates[0], 1);
  EXPECT_EQ(c->coordinates[1], 0);
  EXPECT_TRUE(std::isnan(static_cast<double *>(c->values)[1]));
  ASSERT_EQ(lauryn_rt_matrix_convert(c.get(), LAURYN_FORMAT_DENSE, LAURYN_F64,
                                     &raw),
            LAURYN_OK);
  Matrix back(raw);
  EXPECT_EQ(at(back.get(), 0, 1), 1.5);
  EXPECT_TRUE(std::isnan(at(back.get(), 1, 0)));
  EXPECT_EQ(at(back.get(), 1, 2), 0.0);
}

TEST(RuntimeMatrix, ConvertElementTypes) {
  Matrix d = makeDense(1, 3, {1, -2, 3e9});
  lauryn_matrix *raw = nullptr;
  ASSERT_EQ(lauryn_rt_matrix_convert(d.get(), LAURYN_FORMAT_AUTO, LAURYN_I64,
                                     &raw),
            LAURYN_OK);
  Matrix i64(raw);
  EXPECT_EQ(static_cast<int64_t *>(i64->values)[2], 3000000000);
  // 3e9 does not fit in i32.
  EXPECT_EQ(lauryn_rt_matrix_convert(d.get(), LAURYN_FORMAT_AUTO, LAURYN_I32,
                                     &raw),
            LAURYN_ERR_RANGE);
  EXPECT_EQ(raw, nullptr);
  EXPECT_NE(std::string(lauryn_rt_last_error())
                .find("element (0, 2) with value 3000000000 is not "
                      "representable as i32"),
            std::string::npos)
      << lauryn_rt_last_error();
  EXPECT_EQ(lauryn_rt_matrix_convert(i64.get(), LAURYN_FORMAT_AUTO, LAURYN_I32,
                                     &raw),
            LAURYN_ERR_RANGE);
  Matrix frac = makeDense(1, 1, {0.5});
  EXPECT_EQ(lauryn_rt_matrix_convert(frac.get(), LAURYN_FORMAT_CSR, LAURYN_I64,
                                     &raw),
            LAURYN_ERR_RANGE);
  Matrix big = makeDense(1, 2, {1e300, std::numeric_limits<double>::infinity()});
  EXPECT_EQ(lauryn_rt_matrix_convert(big.get(), LAURYN_FORMAT_AUTO, LAURYN_F32,
                                     &raw),
            LAURYN_ERR_RANGE);
  Matrix inf = makeDense(1, 2, {0.1, -std::numeric_limits<double>::infinity()});
  ASSERT_EQ(lauryn_rt_matrix_convert(inf.get(), LAURYN_FORMAT_AUTO, LAURYN_F32,
                                     &raw),
            LAURYN_OK);
  Matrix f32(raw);
  EXPECT_EQ(static_cast<float *>(f32->values)[0], 0.1f);
  EXPECT_TRUE(std::isinf(static_cast<float *>(f32->values)[1]));
  EXPECT_EQ(lauryn_rt_matrix_convert(inf.get(), 9, LAURYN_F32, &raw),
            LAURYN_ERR_INVALID_ARGUMENT);
}

} // namespace
