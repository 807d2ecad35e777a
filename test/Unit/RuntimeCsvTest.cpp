//===- RuntimeCsvTest.cpp - CSV reader ------------------------------------===//

#include "RuntimeTestUtils.h"

using namespace lauryn::rt::test;

namespace {

class Csv : public ::testing::Test {
protected:
  std::string file(const std::string &content,
                   const std::string &name = "t.csv") {
    std::string p = tmp.file(name);
    writeFile(p, content);
    return p;
  }
  Matrix read(const std::string &content,
              const lauryn_read_options &o = readOptions()) {
    return readOk(lauryn_rt_read_csv, file(content), o);
  }
  void fails(const std::string &content, int status, const std::string &where,
             const std::string &message,
             const lauryn_read_options &o = readOptions()) {
    std::string p = file(content);
    readFails(lauryn_rt_read_csv, p, status, p + where + message, o);
  }
  static lauryn_read_options opts(char delim = 0,
                                  int header = LAURYN_CSV_HEADER_AUTO,
                                  int empty = LAURYN_CSV_EMPTY_ERROR,
                                  int dtype = LAURYN_F64,
                                  int format = LAURYN_FORMAT_AUTO) {
    lauryn_read_options o = readOptions(format, dtype);
    o.csv_delimiter = delim;
    o.csv_header = header;
    o.csv_empty = empty;
    return o;
  }
  TempDir tmp;
};

TEST_F(Csv, PlainNumbersAreDenseRowMajor) {
  Matrix m = read("1,2,3\n4.5, -5e-1 ,6\n");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->format, LAURYN_FORMAT_DENSE);
  EXPECT_EQ(m->rows, 2);
  EXPECT_EQ(m->cols, 3);
  double want[] = {1, 2, 3, 4.5, -0.5, 6};
  for (int k = 0; k < 6; ++k)
    EXPECT_EQ(static_cast<double *>(m->values)[k], want[k]);
}

TEST_F(Csv, HeaderAutoDetectedOrForced) {
  Matrix h = read("x,y\n1,2\n3,4\n");
  ASSERT_TRUE(h);
  EXPECT_EQ(h->rows, 2);
  EXPECT_EQ(at(h.get(), 0, 0), 1.0);
  // A numeric first row is data under AUTO, a header under PRESENT.
  Matrix d = read("10,20\n1,2\n");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->rows, 2);
  Matrix p = read("10,20\n1,2\n", opts(0, LAURYN_CSV_HEADER_PRESENT));
  ASSERT_TRUE(p);
  EXPECT_EQ(p->rows, 1);
  EXPECT_EQ(at(p.get(), 0, 1), 2.0);
  fails("x,y\n1,2\n", LAURYN_ERR_PARSE, ":1: ", "column 1: invalid number 'x'",
        opts(0, LAURYN_CSV_HEADER_ABSENT));
  fails("x,y,z\n1,2\n", LAURYN_ERR_PARSE, ":2: ",
        "2 cells, but line 1 has 3");
}

TEST_F(Csv, Delimiters) {
  Matrix s = read("1;2\n3;4\n", opts(';'));
  ASSERT_TRUE(s);
  EXPECT_EQ(at(s.get(), 1, 1), 4.0);
  Matrix t = read("1\t2\n3\t4\n", opts('\t'));
  ASSERT_TRUE(t);
  EXPECT_EQ(t->cols, 2);
  Matrix w = read("  1   2\n3 4  \n", opts(' '));
  ASSERT_TRUE(w);
  EXPECT_EQ(w->cols, 2);
  EXPECT_EQ(at(w.get(), 0, 1), 2.0);
  // .tsv files default to tab through lauryn_rt_read.
  Matrix v = readOk(lauryn_rt_read, file("1\t2\n", "t.tsv"));
  ASSERT_TRUE(v);
  EXPECT_EQ(v->cols, 2);
  fails("1,2\n", LAURYN_ERR_INVALID_ARGUMENT, ": ",
        "invalid CSV delimiter '.'", opts('.'));
  fails("1,2\n", LAURYN_ERR_INVALID_ARGUMENT, ": ",
        "invalid CSV delimiter '\"'", opts('"'));
}

TEST_F(Csv, EmptyCells) {
  fails("1,,3\n", LAURYN_ERR_PARSE, ":1: ",
        "empty cell in column 2 (set csv_empty = LAURYN_CSV_EMPTY_NAN to read "
        "it as NaN)");
  fails("1,2,\n", LAURYN_ERR_PARSE, ":1: ", "empty cell in column 3");
  Matrix m = read("1,,3\n,5,\n", opts(0, LAURYN_CSV_HEADER_AUTO,
                                     LAURYN_CSV_EMPTY_NAN));
  ASSERT_TRUE(m);
  EXPECT_TRUE(std::isnan(at(m.get(), 0, 1)));
  EXPECT_TRUE(std::isnan(at(m.get(), 1, 2)));
  EXPECT_EQ(at(m.get(), 1, 1), 5.0);
  fails("1,,3\n", LAURYN_ERR_RANGE, ":1: ",
        "empty cell in column 2 cannot be read as NaN into i64",
        opts(0, LAURYN_CSV_HEADER_AUTO, LAURYN_CSV_EMPTY_NAN, LAURYN_I64));
}

TEST_F(Csv, CommentsBlankLinesBomCrlf) {
  Matrix m = read("\xEF\xBB\xBF# produced by a tool\r\n\r\n1,2\r\n"
                  "   \r\n# more\r\n3,4\r\n\r\n");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->rows, 2);
  EXPECT_EQ(at(m.get(), 1, 0), 3.0);
}

TEST_F(Csv, NonFiniteValues) {
  Matrix m = read("nan,inf,-inf,NaN,Infinity\n");
  ASSERT_TRUE(m);
  EXPECT_TRUE(std::isnan(at(m.get(), 0, 0)));
  EXPECT_EQ(at(m.get(), 0, 2), -INFINITY);
  EXPECT_EQ(at(m.get(), 0, 4), INFINITY);
}

TEST_F(Csv, Errors) {
  fails("", LAURYN_ERR_PARSE, ": ", "empty file");
  fails("\n\n", LAURYN_ERR_PARSE, ": ", "empty file");
  fails("a,b\n", LAURYN_ERR_PARSE, ": ", "no data rows");
  fails("# only a comment\n", LAURYN_ERR_PARSE, ": ", "no data rows");
  fails("1,2\n3,4,5\n", LAURYN_ERR_PARSE, ":2: ",
        "more than 2 cells (line 1 has 2)");
  fails("1,2,3\n4,5\n", LAURYN_ERR_PARSE, ":2: ", "2 cells, but line 1 has 3");
  fails("1,\"2\"\n", LAURYN_ERR_UNSUPPORTED, ":1: ",
        "quoted cells are not supported");
  fails("1,2\n3,4x\n", LAURYN_ERR_PARSE, ":2: ",
        "column 2: invalid number '4x'");
  fails("1,1e400\n", LAURYN_ERR_RANGE, ":1: ",
        "column 2: value '1e400' out of range for f64");
  fails("1,2.5\n", LAURYN_ERR_RANGE, ":1: ",
        "column 2: value '2.5' is not an integer; cannot read it as i32",
        opts(0, LAURYN_CSV_HEADER_AUTO, LAURYN_CSV_EMPTY_ERROR, LAURYN_I32));
  fails("1,3000000000\n", LAURYN_ERR_RANGE, ":1: ",
        "column 2: value '3000000000' out of range for i32",
        opts(0, LAURYN_CSV_HEADER_AUTO, LAURYN_CSV_EMPTY_ERROR, LAURYN_I32));
  std::string missing = tmp.file("missing.csv");
  readFails(lauryn_rt_read_csv, missing, LAURYN_ERR_IO,
            missing + ": cannot open for reading");
  fails("1,2\n", LAURYN_ERR_INVALID_ARGUMENT, ": ",
        "invalid lauryn_read_options.csv_header 9", opts(0, 9));
}

TEST_F(Csv, GrowthStopsAtTheAllocationCap) {
  std::string rows600, rows700;
  for (int i = 0; i < 700; ++i)
    (i < 600 ? rows600 : rows700) += std::to_string(i) + "\n";
  rows700 = rows600 + rows700;
  lauryn_read_options o = opts();
  o.max_bytes = 5000; // room for 625 doubles
  Matrix m = read(rows600, o); // readOk also checks the message is empty
  ASSERT_TRUE(m);
  EXPECT_EQ(m->rows, 600);
  EXPECT_EQ(at(m.get(), 599, 0), 599.0);
  fails(rows700, LAURYN_ERR_TOO_LARGE, ": ",
        "CSV values needs 5008 bytes, above the allocation cap of 5000 bytes",
        o);
}

TEST_F(Csv, IntegerAndCsrTargets) {
  Matrix i = read("1,0,-3\n0,0,9223372036854775807\n",
                  opts(0, 0, 0, LAURYN_I64, LAURYN_FORMAT_CSR));
  ASSERT_TRUE(i);
  EXPECT_EQ(i->format, LAURYN_FORMAT_CSR);
  EXPECT_EQ(i->nnz, 3);
  EXPECT_EQ(static_cast<int64_t *>(i->values)[2], INT64_MAX);
  // numpy.savetxt's default "%.18e" integers read into integer types.
  Matrix s = read("1.000000000000000000e+00,-2.000000000000000000e+00\n",
                  opts(0, 0, 0, LAURYN_I32));
  ASSERT_TRUE(s);
  EXPECT_EQ(static_cast<int32_t *>(s->values)[1], -2);
}

} // namespace
