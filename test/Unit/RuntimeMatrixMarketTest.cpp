//===- RuntimeMatrixMarketTest.cpp - Matrix Market reader -----------------===//

#include "RuntimeTestUtils.h"

#include <sys/resource.h>

using namespace lauryn::rt::test;

namespace {

class MatrixMarket : public ::testing::Test {
protected:
  /// Writes `content` to a file `name` in the temporary directory.
  std::string file(const std::string &content,
                   const std::string &name = "t.mtx") {
    std::string p = tmp.file(name);
    writeFile(p, content);
    return p;
  }
  Matrix read(const std::string &content,
              const lauryn_read_options &o = readOptions()) {
    return readOk(lauryn_rt_read_matrix_market, file(content), o);
  }
  /// Expects the read to fail with `status` and "t.mtx<where>: <message>".
  void fails(const std::string &content, int status, const std::string &where,
             const std::string &message,
             const lauryn_read_options &o = readOptions()) {
    std::string p = file(content);
    readFails(lauryn_rt_read_matrix_market, p, status, p + where + message, o);
  }
  TempDir tmp;
};

const char *const general = "%%MatrixMarket matrix coordinate real general\n";

TEST_F(MatrixMarket, CoordinateRealGeneralIsSortedCsr) {
  Matrix m = read(std::string(general) +
                  "% a comment\n"
                  "3 4 4\n"
                  "3 1 -1.5e2\n"
                  "1 4 .25\n"
                  "1 2 +7\n"
                  "2 3 1E-3\n");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->format, LAURYN_FORMAT_CSR);
  EXPECT_EQ(m->dtype, LAURYN_F64);
  EXPECT_EQ(m->rows, 3);
  EXPECT_EQ(m->cols, 4);
  EXPECT_EQ(m->nnz, 4);
  int64_t pos[] = {0, 2, 3, 4}, crd[] = {1, 3, 2, 0};
  double val[] = {7, 0.25, 1e-3, -150};
  for (int i = 0; i < 4; ++i)
    EXPECT_EQ(m->positions[i], pos[i]);
  for (int k = 0; k < 4; ++k) {
    EXPECT_EQ(m->coordinates[k], crd[k]);
    EXPECT_EQ(static_cast<double *>(m->values)[k], val[k]);
  }
  EXPECT_EQ(reinterpret_cast<uintptr_t>(m->values) % 64, 0u);
}

TEST_F(MatrixMarket, HeaderIsCaseInsensitiveAndCommentsBlankLinesAnywhere) {
  Matrix m = read("%%matrixmarket MATRIX Coordinate REAL General\n"
                  "\n"
                  "%comment\n"
                  "  \t\n"
                  "2 2 2\n"
                  "% between entries\n"
                  "\n"
                  "1\t1   1.0\n"
                  "   2 2 2.0  \n"
                  "% trailing comment\n"
                  "\n");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->nnz, 2);
  EXPECT_EQ(at(m.get(), 1, 1), 2.0);
}

TEST_F(MatrixMarket, CrlfLineEndsAndNoFinalNewline) {
  Matrix m = read("%%MatrixMarket matrix coordinate integer general\r\n"
                  "2 2 1\r\n"
                  "2 1 -7");
  ASSERT_TRUE(m);
  EXPECT_EQ(at(m.get(), 1, 0), -7.0);
}

TEST_F(MatrixMarket, DuplicatesAreSummedPatternDuplicatesMerged) {
  Matrix m = read(std::string(general) + "2 2 4\n1 1 1.5\n2 2 1\n1 1 2.25\n"
                                         "1 1 -1\n");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->nnz, 2);
  EXPECT_EQ(at(m.get(), 0, 0), 2.75);
  Matrix p = read("%%MatrixMarket matrix coordinate pattern general\n"
                  "2 2 3\n1 2\n1 2\n2 1\n");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->nnz, 2);
  EXPECT_EQ(at(p.get(), 0, 1), 1.0);
  // Integer sums that overflow the target type are an error.
  fails("%%MatrixMarket matrix coordinate integer general\n"
        "1 1 2\n1 1 2000000000\n1 1 2000000000\n",
        LAURYN_ERR_RANGE, ": ",
        "summing the duplicate entries at (1, 1) overflows i32",
        readOptions(LAURYN_FORMAT_AUTO, LAURYN_I32));
}

TEST_F(MatrixMarket, ExplicitZerosAreKept) {
  Matrix m = read(std::string(general) + "2 2 2\n1 1 0\n2 2 0.0\n");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->nnz, 2);
}

TEST_F(MatrixMarket, SymmetricAndSkewAreExpanded) {
  Matrix s = read("%%MatrixMarket matrix coordinate real symmetric\n"
                  "3 3 3\n1 1 4\n3 1 2\n3 2 -1\n");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->nnz, 5);
  EXPECT_EQ(at(s.get(), 0, 2), 2.0);
  EXPECT_EQ(at(s.get(), 2, 0), 2.0);
  EXPECT_EQ(at(s.get(), 1, 2), -1.0);
  Matrix k = read("%%MatrixMarket matrix coordinate integer skew-symmetric\n"
                  "3 3 2\n2 1 5\n3 2 -7\n");
  ASSERT_TRUE(k);
  EXPECT_EQ(k->nnz, 4);
  EXPECT_EQ(at(k.get(), 1, 0), 5.0);
  EXPECT_EQ(at(k.get(), 0, 1), -5.0);
  EXPECT_EQ(at(k.get(), 1, 2), 7.0);
  Matrix p = read("%%MatrixMarket matrix coordinate pattern symmetric\n"
                  "2 2 2\n1 1\n2 1\n");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->nnz, 3);
}

TEST_F(MatrixMarket, ArrayIsColumnMajorAndDense) {
  Matrix m = read("%%MatrixMarket matrix array real general\n"
                  "% comment\n"
                  "2 3\n1\n2\n3\n4\n5\n6\n");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->format, LAURYN_FORMAT_DENSE);
  double want[] = {1, 3, 5, 2, 4, 6};
  for (int k = 0; k < 6; ++k)
    EXPECT_EQ(static_cast<double *>(m->values)[k], want[k]);
  Matrix s = read("%%MatrixMarket matrix array integer symmetric\n"
                  "3 3\n1\n2\n3\n4\n5\n6\n");
  ASSERT_TRUE(s);
  // Lower triangle by columns: (1,1)=1 (2,1)=2 (3,1)=3 (2,2)=4 (3,2)=5 (3,3)=6
  EXPECT_EQ(at(s.get(), 0, 2), 3.0);
  EXPECT_EQ(at(s.get(), 2, 1), 5.0);
  EXPECT_EQ(at(s.get(), 1, 2), 5.0);
  Matrix k = read("%%MatrixMarket matrix array real skew-symmetric\n"
                  "3 3\n1\n2\n3\n");
  ASSERT_TRUE(k);
  EXPECT_EQ(at(k.get(), 1, 0), 1.0);
  EXPECT_EQ(at(k.get(), 0, 1), -1.0);
  EXPECT_EQ(at(k.get(), 2, 1), 3.0);
  EXPECT_EQ(at(k.get(), 1, 1), 0.0);
  // Array -> CSR on request (zeros dropped).
  Matrix c = read("%%MatrixMarket matrix array real general\n2 2\n0\n1\n0\n2\n",
                  readOptions(LAURYN_FORMAT_CSR));
  ASSERT_TRUE(c);
  EXPECT_EQ(c->format, LAURYN_FORMAT_CSR);
  EXPECT_EQ(c->nnz, 2);
}

TEST_F(MatrixMarket, TargetDenseAndElementTypes) {
  std::string text = "%%MatrixMarket matrix coordinate integer general\n"
                     "2 3 3\n1 3 -2147483648\n2 1 2147483647\n2 2 5\n";
  Matrix d = read(text, readOptions(LAURYN_FORMAT_DENSE, LAURYN_I32));
  ASSERT_TRUE(d);
  EXPECT_EQ(d->format, LAURYN_FORMAT_DENSE);
  EXPECT_EQ(static_cast<int32_t *>(d->values)[2], INT32_MIN);
  EXPECT_EQ(static_cast<int32_t *>(d->values)[3], INT32_MAX);
  Matrix f = read(text, readOptions(LAURYN_FORMAT_CSR, LAURYN_F32));
  ASSERT_TRUE(f);
  EXPECT_EQ(static_cast<float *>(f->values)[0], -2147483648.0f);
  Matrix i = read(std::string(general) + "1 2 2\n1 1 3.0\n1 2 -4e0\n",
                  readOptions(LAURYN_FORMAT_AUTO, LAURYN_I64));
  ASSERT_TRUE(i);
  EXPECT_EQ(static_cast<int64_t *>(i->values)[1], -4);
  fails(std::string(general) + "1 1 1\n1 1 2.5\n", LAURYN_ERR_RANGE, ":3: ",
        "value '2.5' is not an integer; cannot read it as i64",
        readOptions(LAURYN_FORMAT_AUTO, LAURYN_I64));
  fails("%%MatrixMarket matrix coordinate integer general\n1 1 1\n"
        "1 1 2147483648\n",
        LAURYN_ERR_RANGE, ":3: ", "value '2147483648' out of range for i32",
        readOptions(LAURYN_FORMAT_AUTO, LAURYN_I32));
}

TEST_F(MatrixMarket, MissingEmptyAndDirectory) {
  std::string missing = tmp.file("nope.mtx");
  readFails(lauryn_rt_read_matrix_market, missing, LAURYN_ERR_IO,
            missing + ": cannot open for reading: No such file or directory");
  fails("", LAURYN_ERR_PARSE, ": ",
        "empty file (expected a Matrix Market banner)");
  readFails(lauryn_rt_read_matrix_market, tmp.path(), LAURYN_ERR_IO,
            tmp.path() + ": is a directory, not a file");
  lauryn_matrix *m = nullptr;
  EXPECT_EQ(lauryn_rt_read_matrix_market(nullptr, nullptr, &m),
            LAURYN_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(lauryn_rt_read_matrix_market("x.mtx", nullptr, nullptr),
            LAURYN_ERR_INVALID_ARGUMENT);
}

TEST_F(MatrixMarket, BadBanners) {
  fails("3 3 1\n1 1 1\n", LAURYN_ERR_PARSE, ":1: ",
        "missing Matrix Market banner: the first line must be "
        "'%%MatrixMarket matrix");
  fails("%%MatrixMarket matrix coordinate real\n1 1 0\n", LAURYN_ERR_PARSE,
        ":1: ", "malformed banner '%%MatrixMarket matrix coordinate real'");
  fails("%%MatrixMarket matrix coordinate real general extra\n1 1 0\n",
        LAURYN_ERR_PARSE, ":1: ", "malformed banner");
  fails("%%MatrixMarketX matrix coordinate real general\n1 1 0\n",
        LAURYN_ERR_PARSE, ":1: ", "malformed banner");
  fails("%%MatrixMarket vector coordinate real general\n1 1 0\n",
        LAURYN_ERR_UNSUPPORTED, ":1: ",
        "unsupported object 'vector': only 'matrix' is supported");
  fails("%%MatrixMarket matrix sparse real general\n1 1 0\n", LAURYN_ERR_PARSE,
        ":1: ", "unknown format 'sparse'");
  fails("%%MatrixMarket matrix coordinate complex general\n1 1 0\n",
        LAURYN_ERR_UNSUPPORTED, ":1: ", "complex matrices are not supported");
  fails("%%MatrixMarket matrix coordinate real hermitian\n1 1 0\n",
        LAURYN_ERR_UNSUPPORTED, ":1: ", "hermitian matrices are not supported");
  fails("%%MatrixMarket matrix coordinate reel general\n1 1 0\n",
        LAURYN_ERR_PARSE, ":1: ", "unknown field 'reel'");
  fails("%%MatrixMarket matrix coordinate real symmetrical\n1 1 0\n",
        LAURYN_ERR_PARSE, ":1: ", "unknown symmetry 'symmetrical'");
  fails("%%MatrixMarket matrix array pattern general\n1 1\n", LAURYN_ERR_PARSE,
        ":1: ",
        "invalid banner: 'array' format cannot have field 'pattern' (use "
        "'coordinate pattern')");
  fails("%%MatrixMarket matrix coordinate pattern skew-symmetric\n1 1 0\n",
        LAURYN_ERR_PARSE, ":1: ",
        "invalid banner: a 'pattern' matrix cannot be 'skew-symmetric'");
}

TEST_F(MatrixMarket, BadSizeLines) {
  fails(general, LAURYN_ERR_PARSE, ":1: ", "file ends before the size line");
  fails(std::string(general) + "% only comments\n", LAURYN_ERR_PARSE, ":2: ",
        "file ends before the size line");
  fails(std::string(general) + "3 3\n", LAURYN_ERR_PARSE, ":2: ",
        "malformed size line '3 3': expected '<rows> <columns> <entries>'");
  fails("%%MatrixMarket matrix array real general\n3 3 9\n", LAURYN_ERR_PARSE,
        ":2: ", "malformed size line '3 3 9': expected '<rows> <columns>'");
  fails(std::string(general) + "3 x 1\n", LAURYN_ERR_PARSE, ":2: ",
        "invalid column count 'x' in the size line");
  fails(std::string(general) + "-3 3 1\n", LAURYN_ERR_PARSE, ":2: ",
        "negative row count -3 in the size line");
  fails(std::string(general) + "99999999999999999999 3 1\n",
        LAURYN_ERR_TOO_LARGE, ":2: ",
        "row count '99999999999999999999' in the size line does not fit");
  fails("%%MatrixMarket matrix coordinate real symmetric\n3 4 0\n",
        LAURYN_ERR_PARSE, ":2: ",
        "a symmetric matrix must be square, but the size line says 3 x 4");
}

TEST_F(MatrixMarket, AbsurdSizesAreRejectedBeforeAllocating) {
  // 10^12 entries promised by a 80-byte file: room for one is reserved.
  fails(std::string(general) + "1000000 1000000 1000000000000\n1 1 1\n",
        LAURYN_ERR_PARSE, ":3: ",
        "file ends after 1 of the 1000000000000 entries declared by the size "
        "line (line 2)");
  fails("%%MatrixMarket matrix coordinate pattern symmetric\n"
        "1000000 1000000 4611686018427387903\n",
        LAURYN_ERR_PARSE, ":2: ",
        "file ends after 0 of the 4611686018427387903 entries");
  // Row positions of 2^62 and 2^40 rows.
  fails(std::string(general) + "4611686018427387904 1 0\n",
        LAURYN_ERR_TOO_LARGE, ": ",
        "CSR row positions: 4611686018427387905 elements of 8 bytes overflow "
        "the address space");
  fails(std::string(general) + "1099511627776 1 0\n", LAURYN_ERR_TOO_LARGE,
        ": ",
        "CSR row positions needs 8796093022216 bytes, above the allocation "
        "cap");
  // A dense target for a huge sparse matrix.
  fails(std::string(general) + "1000000 1000000 1\n1 1 1\n",
        LAURYN_ERR_TOO_LARGE, ": ",
        "dense matrix values needs 8000000000000 bytes, above the allocation "
        "cap",
        readOptions(LAURYN_FORMAT_DENSE));
  fails(std::string(general) + "4294967296 4294967296 1\n1 1 1\n",
        LAURYN_ERR_TOO_LARGE, ": ",
        "matrix size 4294967296 x 4294967296 overflows a 64-bit element count",
        readOptions(LAURYN_FORMAT_DENSE));
  lauryn_read_options uncapped = readOptions();
  uncapped.max_bytes = INT64_MAX;
  fails("%%MatrixMarket matrix array real general\n100000 100000\n1\n",
        LAURYN_ERR_PARSE, ":2: ",
        "the size line implies 10000000000 values, but only 2 bytes follow "
        "(at least 2 per value): truncated file or corrupt size line",
        uncapped);
  fails("%%MatrixMarket matrix array real general\n100000 100000\n1\n",
        LAURYN_ERR_TOO_LARGE, ": ",
        "dense matrix values needs 80000000000 bytes, above the allocation "
        "cap of 1000 bytes",
        [] {
          lauryn_read_options o = readOptions();
          o.max_bytes = 1000;
          return o;
        }());
  // The cap itself is configurable.
  lauryn_read_options small = readOptions();
  small.max_bytes = 100;
  fails(std::string(general) + "200 200 1\n1 1 1\n", LAURYN_ERR_TOO_LARGE,
        ": ",
        "CSR row positions needs 1608 bytes, above the allocation cap of 100 "
        "bytes",
        small);
  fails(std::string(general) + "% " + std::string(300, 'x') + "\n1 1 0\n",
        LAURYN_ERR_PARSE, ":2: ", "line longer than 100 bytes", small);
}

TEST_F(MatrixMarket, IndicesOutOfRange) {
  fails(std::string(general) + "5 5 2\n1 1 1\n3 0 2\n", LAURYN_ERR_RANGE,
        ":4: ", "column index 0 out of range [1, 5]");
  fails(std::string(general) + "5 5 1\n6 1 1\n", LAURYN_ERR_RANGE, ":3: ",
        "row index 6 out of range [1, 5]");
  fails(std::string(general) + "5 5 1\n-1 1 1\n", LAURYN_ERR_RANGE, ":3: ",
        "row index -1 out of range [1, 5]");
  fails(std::string(general) + "5 5 1\n1 99999999999999999999 1\n",
        LAURYN_ERR_RANGE, ":3: ",
        "column index '99999999999999999999' out of range [1, 5]");
  fails(std::string(general) + "5 5 1\nx 1 1\n", LAURYN_ERR_PARSE, ":3: ",
        "invalid row index 'x'");
  fails(std::string(general) + "5 5 1\n1 1.0 1\n", LAURYN_ERR_PARSE, ":3: ",
        "invalid column index '1.0'");
}

TEST_F(MatrixMarket, EntryCountMustMatch) {
  fails(std::string(general) + "3 3 3\n1 1 1\n2 2 2\n", LAURYN_ERR_PARSE,
        ":4: ",
        "file ends after 2 of the 3 entries declared by the size line "
        "(line 2)");
  fails(std::string(general) + "3 3 2\n1 1 1\n2 2 2\n3 3 3\n",
        LAURYN_ERR_PARSE, ":5: ",
        "unexpected content '3 3 3' after the 2 entries declared by the size "
        "line (line 2)");
  fails("%%MatrixMarket matrix array real general\n2 2\n1.0\n2.0\n3.0\n",
        LAURYN_ERR_PARSE, ":5: ",
        "file ends after 3 of the 4 values implied by the size line");
  fails("%%MatrixMarket matrix array real general\n1 1\n1\n2\n",
        LAURYN_ERR_PARSE, ":4: ", "unexpected content '2' after the 1 values");
}

TEST_F(MatrixMarket, TruncatedAndGarbledEntries) {
  fails(std::string(general) + "3 3 3\n1 1 1.0000\n2 2 2.0000\n3 3",
        LAURYN_ERR_PARSE, ":5: ",
        "expected 3 fields (row column value), found 2");
  fails(std::string(general) + "3 3 1\n1 1 1.0 extra\n", LAURYN_ERR_PARSE,
        ":3: ",
        "expected 3 fields (row column value), found more: '1 1 1.0 extra'");
  fails("%%MatrixMarket matrix coordinate pattern general\n3 3 1\n1 1 1\n",
        LAURYN_ERR_PARSE, ":3: ", "expected 2 fields (row column), found more");
  fails(std::string(general) + "3 3 1\n1 1 abc\n", LAURYN_ERR_PARSE, ":3: ",
        "invalid real value 'abc'");
  fails(std::string(general) + "3 3 1\n1 1 1.0abc\n", LAURYN_ERR_PARSE,
        ":3: ", "invalid real value '1.0abc'");
  fails(std::string(general) + "3 3 1\n1 1 0x10\n", LAURYN_ERR_PARSE, ":3: ",
        "invalid real value '0x10'");
  fails(std::string(general) + "3 3 1\n1 1 1,5\n", LAURYN_ERR_PARSE, ":3: ",
        "invalid real value '1,5'");
  fails(std::string(general) + "3 3 1\n1 1 1e999\n", LAURYN_ERR_RANGE, ":3: ",
        "value '1e999' out of range for f64");
  fails("%%MatrixMarket matrix coordinate integer general\n3 3 1\n1 1 1.5\n",
        LAURYN_ERR_PARSE, ":3: ",
        "invalid integer value '1.5' (field is 'integer')");
  fails(std::string(general) + "3 3 1\n" + std::string("1 1 1\0" "5\n", 8),
        LAURYN_ERR_PARSE, ":3: ", "invalid real value '1\\x005'");
  fails(std::string(general) + "3 3 1\n1 1 \x01\xff\n", LAURYN_ERR_PARSE,
        ":3: ", "invalid real value '\\x01\\xff'");
  // Underflow rounds to zero (IEEE), it is not an error.
  Matrix m = read(std::string(general) + "1 1 1\n1 1 1e-400\n");
  ASSERT_TRUE(m);
  EXPECT_EQ(at(m.get(), 0, 0), 0.0);
}

TEST_F(MatrixMarket, SymmetryViolations) {
  fails("%%MatrixMarket matrix coordinate real symmetric\n3 3 1\n1 2 1\n",
        LAURYN_ERR_PARSE, ":3: ",
        "entry (1, 2) lies above the diagonal; a symmetric matrix stores only "
        "its lower triangle");
  fails("%%MatrixMarket matrix coordinate real skew-symmetric\n3 3 1\n2 2 1\n",
        LAURYN_ERR_PARSE, ":3: ", "entry (2, 2) lies on the diagonal");
  fails("%%MatrixMarket matrix coordinate integer skew-symmetric\n2 2 1\n"
        "2 1 -2147483648\n",
        LAURYN_ERR_RANGE, ":3: ",
        "the mirrored entry -(-2147483648) of a skew-symmetric matrix "
        "overflows i32",
        readOptions(LAURYN_FORMAT_AUTO, LAURYN_I32));
}

TEST_F(MatrixMarket, GraphBLASTypeLine) {
  const char *head = "%%MatrixMarket matrix coordinate integer general\n";
  Matrix m = read(std::string(head) + "%%GraphBLAS type uint8_t\n2 2 1\n"
                                      "1 1 255\n");
  ASSERT_TRUE(m);
  fails(std::string(head) + "%%GraphBLAS type uint8_t\n2 2 1\n1 1 256\n",
        LAURYN_ERR_RANGE, ":4: ",
        "value '256' out of range [0, 255] of '%%GraphBLAS type uint8_t'");
  fails(std::string(head) + "%%GraphBLAS type int8_t\n2 2 1\n1 1 -129\n",
        LAURYN_ERR_RANGE, ":4: ",
        "value '-129' out of range [-128, 127] of '%%GraphBLAS type int8_t'");
  fails(std::string(head) + "%%GraphBLAS type bool\n2 2 1\n1 1 2\n",
        LAURYN_ERR_RANGE, ":4: ",
        "value '2' is not 0 or 1 as '%%GraphBLAS type bool' requires");
  fails(std::string(head) + "%%GraphBLAS type uint16_t\n2 2 1\n1 1 -1\n",
        LAURYN_ERR_RANGE, ":4: ", "value '-1' out of range [0, 65535]");
  fails(std::string(head) + "%%GraphBLAS type quaternion\n2 2 0\n",
        LAURYN_ERR_UNSUPPORTED, ":2: ",
        "unsupported %%GraphBLAS type 'quaternion'");
  fails(std::string(head) + "%%GraphBLAS type double complex\n2 2 0\n",
        LAURYN_ERR_UNSUPPORTED, ":2: ",
        "%%GraphBLAS type 'double complex' is not supported");
  fails(std::string(head) + "%%GraphBLAS\n2 2 0\n", LAURYN_ERR_PARSE, ":2: ",
        "malformed '%%GraphBLAS'");
  fails("%%MatrixMarket matrix coordinate real general\n"
        "%%GraphBLAS type int32_t\n2 2 0\n",
        LAURYN_ERR_PARSE, ":1: ",
        "'%%GraphBLAS type int32_t' conflicts with field 'real'");
  fails("%%MatrixMarket matrix coordinate integer skew-symmetric\n"
        "%%GraphBLAS type uint32_t\n2 2 0\n",
        LAURYN_ERR_PARSE, ":1: ",
        "a skew-symmetric matrix cannot have the unsigned '%%GraphBLAS type "
        "uint32_t'");
  // A float type makes "inf" legal in an integer file.
  Matrix f = read(std::string(head) + "%%GraphBLAS type float\n2 2 1\n"
                                      "1 1 -inf\n");
  ASSERT_TRUE(f);
  EXPECT_TRUE(std::isinf(at(f.get(), 0, 0)));
  fails(std::string(head) + "%%GraphBLAS type float\n2 2 1\n1 1 1e300\n",
        LAURYN_ERR_RANGE, ":4: ",
        "value '1e300' out of range for '%%GraphBLAS type float'");
  // After the size line, a %%GraphBLAS line is just a comment.
  Matrix c = read(std::string(head) + "2 2 1\n%%GraphBLAS type bool\n1 1 7\n");
  ASSERT_TRUE(c);
}

TEST_F(MatrixMarket, ZeroSizedMatrices) {
  Matrix m = read(std::string(general) + "0 0 0\n");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->rows, 0);
  EXPECT_EQ(m->nnz, 0);
  Matrix d = read("%%MatrixMarket matrix array real general\n0 3\n");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->cols, 3);
  EXPECT_EQ(d->nnz, 0);
}

TEST_F(MatrixMarket, InvalidOptions) {
  std::string p = file(std::string(general) + "1 1 0\n");
  lauryn_read_options o = readOptions(7, LAURYN_F64);
  readFails(lauryn_rt_read_matrix_market, p, LAURYN_ERR_INVALID_ARGUMENT,
            "invalid lauryn_read_options.format 7", o);
  o = readOptions(LAURYN_FORMAT_AUTO, 11);
  readFails(lauryn_rt_read_matrix_market, p, LAURYN_ERR_INVALID_ARGUMENT,
            "invalid lauryn_read_options.dtype 11", o);
  // NULL options mean defaults.
  lauryn_matrix *m = nullptr;
  ASSERT_EQ(lauryn_rt_read_matrix_market(p.c_str(), nullptr, &m), LAURYN_OK);
  lauryn_rt_matrix_free(m);
}

TEST_F(MatrixMarket, DispatchByExtension) {
  std::string p = file(std::string(general) + "2 2 1\n1 1 3\n", "A.MTX");
  Matrix m = readOk(lauryn_rt_read, p);
  ASSERT_TRUE(m);
  EXPECT_EQ(at(m.get(), 0, 0), 3.0);
  std::string q = file("x", "A.dat");
  readFails(lauryn_rt_read, q, LAURYN_ERR_UNSUPPORTED,
            "cannot tell the file format from the extension");
}

} // namespace
