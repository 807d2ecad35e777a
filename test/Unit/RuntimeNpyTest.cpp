//===- RuntimeNpyTest.cpp - NumPy .npy reader -----------------------------===//

#include "RuntimeTestUtils.h"

using namespace lauryn::rt::test;

namespace {

/// A .npy file with the given version, header dict and raw data; the header
/// is padded like numpy does unless `pad` is false.
std::string npy(const std::string &dict, const std::string &data,
                int major = 1, bool pad = true) {
  std::string header = dict;
  size_t prefix = major == 1 ? 10 : 12;
  if (pad) {
    size_t total = prefix + header.size() + 1;
    header.append((total + 63) / 64 * 64 - total, ' ');
  }
  header += '\n';
  std::string out = "\x93NUMPY";
  out += static_cast<char>(major);
  out += '\0';
  uint32_t len = static_cast<uint32_t>(header.size());
  out += static_cast<char>(len & 0xff);
  out += static_cast<char>((len >> 8) & 0xff);
  if (major != 1) {
    out += static_cast<char>((len >> 16) & 0xff);
    out += static_cast<char>(len >> 24);
  }
  return out + header + data;
}

template <typename T> std::string bytes(std::initializer_list<T> values) {
  std::string out;
  for (T v : values)
    out.append(reinterpret_cast<const char *>(&v), sizeof(T));
  return out;
}

std::string dict(const std::string &descr, bool fortran,
                 const std::string &shape) {
  return "{'descr': '" + descr + "', 'fortran_order': " +
         (fortran ? "True" : "False") + ", 'shape': " + shape + ", }";
}

class Npy : public ::testing::Test {
protected:
  std::string file(const std::string &content,
                   const std::string &name = "t.npy") {
    std::string p = tmp.file(name);
    writeFile(p, content);
    return p;
  }
  Matrix read(const std::string &content,
              const lauryn_read_options &o = readOptions()) {
    return readOk(lauryn_rt_read_npy, file(content), o);
  }
  void fails(const std::string &content, int status,
             const std::string &message,
             const lauryn_read_options &o = readOptions()) {
    std::string p = file(content);
    readFails(lauryn_rt_read_npy, p, status, p + ": " + message, o);
  }
  TempDir tmp;
};

TEST_F(Npy, EveryDtypeCOrder) {
  const std::string shape = "(2, 3)";
  std::vector<std::pair<std::string, std::string>> cases = {
      {"<f8", bytes<double>({1, 2, 3, 4, 5, 6.5})},
      {"<f4", bytes<float>({1, 2, 3, 4, 5, 6.5f})},
      {"<i8", bytes<int64_t>({1, 2, 3, 4, 5, 6})},
      {"<i4", bytes<int32_t>({1, 2, 3, 4, 5, 6})},
      {"=f8", bytes<double>({1, 2, 3, 4, 5, 6})},
      {"|u1", std::string("\1\2\3\4\5\6", 6)},
      {"|i1", std::string("\1\2\3\4\5\xff", 6)},
      {"|b1", std::string("\1\0\1\0\0\1", 6)},
  };
  for (auto &[descr, data] : cases) {
    SCOPED_TRACE(descr);
    Matrix m = read(npy(dict(descr, false, shape), data));
    ASSERT_TRUE(m);
    EXPECT_EQ(m->rows, 2);
    EXPECT_EQ(m->cols, 3);
    EXPECT_EQ(m->format, LAURYN_FORMAT_DENSE);
    EXPECT_EQ(m->dtype, LAURYN_F64);
    EXPECT_EQ(at(m.get(), 0, 0), 1.0);
    if (descr == "|i1")
      EXPECT_EQ(at(m.get(), 1, 2), -1.0);
    if (descr == "|b1")
      EXPECT_EQ(at(m.get(), 0, 1), 0.0);
    if (descr == "<f8" || descr == "<f4")
      EXPECT_EQ(at(m.get(), 1, 2), 6.5);
  }
}

TEST_F(Npy, FortranOrderBecomesRowMajor) {
  // Column-major [[1, 2, 3], [4, 5, 6]].
  Matrix m = read(npy(dict("<i4", true, "(2, 3)"),
                      bytes<int32_t>({1, 4, 2, 5, 3, 6})),
                  readOptions(LAURYN_FORMAT_AUTO, LAURYN_I32));
  ASSERT_TRUE(m);
  int32_t want[] = {1, 2, 3, 4, 5, 6};
  for (int k = 0; k < 6; ++k)
    EXPECT_EQ(static_cast<int32_t *>(m->values)[k], want[k]);
}

TEST_F(Npy, OneDimensionalIsAColumnVector) {
  Matrix m = read(npy(dict("<f8", false, "(3,)"), bytes<double>({7, 8, 9})));
  ASSERT_TRUE(m);
  EXPECT_EQ(m->rows, 3);
  EXPECT_EQ(m->cols, 1);
  EXPECT_EQ(at(m.get(), 2, 0), 9.0);
}

TEST_F(Npy, Versions2And3AndHeaderVariants) {
  for (int major : {2, 3}) {
    Matrix m = read(npy(dict("<f4", false, "(1, 2)"), bytes<float>({1, 2}),
                        major));
    ASSERT_TRUE(m);
    EXPECT_EQ(at(m.get(), 0, 1), 2.0);
  }
  // Key order, double quotes, no trailing comma, Python 2 long literals.
  Matrix m = read(npy("{\"shape\": (2L, 1L), \"fortran_order\": False, "
                      "\"descr\": \"<i8\"}",
                      bytes<int64_t>({5, 6}), 1, false));
  ASSERT_TRUE(m);
  EXPECT_EQ(at(m.get(), 1, 0), 6.0);
  Matrix e = read(npy(dict("<f8", false, "(0, 4)"), ""));
  ASSERT_TRUE(e);
  EXPECT_EQ(e->rows, 0);
  EXPECT_EQ(e->cols, 4);
}

TEST_F(Npy, TargetTypeAndCsr) {
  Matrix m = read(npy(dict("<f8", false, "(2, 2)"),
                      bytes<double>({0, 2, 0, -4})),
                  readOptions(LAURYN_FORMAT_CSR, LAURYN_I64));
  ASSERT_TRUE(m);
  EXPECT_EQ(m->format, LAURYN_FORMAT_CSR);
  EXPECT_EQ(m->nnz, 2);
  EXPECT_EQ(static_cast<int64_t *>(m->values)[1], -4);
  fails(npy(dict("<f8", false, "(1, 2)"), bytes<double>({1, 0.5})),
        LAURYN_ERR_RANGE,
        "element (0, 1) of dtype '<f8' is not representable as i32",
        readOptions(LAURYN_FORMAT_AUTO, LAURYN_I32));
}

TEST_F(Npy, RejectedDtypesAndShapes) {
  std::string d8 = bytes<double>({1, 2});
  fails(npy(dict(">f8", false, "(2,)"), d8), LAURYN_ERR_UNSUPPORTED,
        "big-endian dtype '>f8' is not supported");
  fails(npy(dict("|f8", false, "(2,)"), d8), LAURYN_ERR_UNSUPPORTED,
        "byte order '|' (not applicable) is invalid for the multi-byte dtype "
        "'|f8'");
  fails(npy(dict("<c16", false, "(1,)"), std::string(16, '\0')),
        LAURYN_ERR_UNSUPPORTED, "unsupported dtype '<c16' (supported: <f8");
  fails(npy(dict("<u4", false, "(1,)"), std::string(4, '\0')),
        LAURYN_ERR_UNSUPPORTED, "unsupported dtype '<u4'");
  fails(npy(dict("O", false, "(1,)"), std::string(8, '\0')),
        LAURYN_ERR_UNSUPPORTED, "unsupported dtype 'O'");
  fails(npy("{'descr': [('a', '<f8')], 'fortran_order': False, "
            "'shape': (1,), }",
            d8),
        LAURYN_ERR_UNSUPPORTED, "structured (record) dtypes are not supported");
  fails(npy(dict("<f8", false, "(1, 1, 2)"), d8), LAURYN_ERR_UNSUPPORTED,
        "3-D arrays are not supported; expected 1-D or 2-D");
  fails(npy(dict("<f8", false, "()"), bytes<double>({1})),
        LAURYN_ERR_UNSUPPORTED, "0-d (scalar) arrays are not supported");
  fails(npy(dict("|b1", false, "(1,)"), "\2"), LAURYN_ERR_PARSE,
        "element (0, 0) is the byte 0x02, not a boolean (0 or 1)");
}

TEST_F(Npy, MalformedFiles) {
  std::string d8 = bytes<double>({1});
  fails("", LAURYN_ERR_PARSE, "empty file (expected .npy data)");
  fails("PK\3\4 not numpy", LAURYN_ERR_PARSE,
        "not a NumPy .npy file (missing the \\x93NUMPY magic)");
  fails(std::string("\x93NUMPY\1", 7), LAURYN_ERR_PARSE,
        "file truncated inside the .npy preamble");
  fails(std::string("\x93NUMPY\4\0\0\0", 10), LAURYN_ERR_UNSUPPORTED,
        "unsupported .npy format version 4.0");
  fails(std::string("\x93NUMPY\2\0\xff\xff\xff\x7f", 12) + "{", LAURYN_ERR_PARSE,
        "absurd .npy header length 2147483647");
  fails(std::string("\x93NUMPY\1\0\x50\0{'descr'", 17), LAURYN_ERR_PARSE,
        "file truncated: the .npy header needs 80 bytes, only 7 present");
  std::string good = dict("<f8", false, "(2, 2)");
  fails(npy(good, bytes<double>({1, 2, 3})), LAURYN_ERR_PARSE,
        "file truncated: shape 2 x 2 of '<f8' needs 32 bytes of data, only 24 "
        "present");
  fails(npy(good, bytes<double>({1, 2, 3, 4, 5})), LAURYN_ERR_PARSE,
        "8 bytes of unexpected data after the 2 x 2 array");
  // A header promising 10^12 x 10^12 doubles: rejected without allocating.
  fails(npy(dict("<f8", false, "(1000000000000, 1000000000000)"), ""),
        LAURYN_ERR_TOO_LARGE, "shape 1000000000000 x 1000000000000 overflows");
  fails(npy(dict("<f8", false, "(1000000, 1000000)"), ""), LAURYN_ERR_PARSE,
        "file truncated: shape 1000000 x 1000000 of '<f8' needs 8000000000000 "
        "bytes of data, only 0 present");
  fails(npy("{'descr': '<f8', 'fortran_order': False}", ""), LAURYN_ERR_PARSE,
        "malformed .npy header (the keys 'descr', 'fortran_order' and 'shape' "
        "are required)");
  fails(npy("{'descr': '<f8', 'fortran_order': 0, 'shape': (1,)}", d8),
        LAURYN_ERR_PARSE,
        "malformed .npy header (fortran_order must be True or False)");
  fails(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), "
            "'extra': 1}",
            d8),
        LAURYN_ERR_PARSE, "malformed .npy header (unexpected key 'extra')");
  fails(npy("{'descr': '<f8', 'descr': '<f8', 'fortran_order': False, "
            "'shape': (1,)}",
            d8),
        LAURYN_ERR_PARSE, "malformed .npy header (duplicate key 'descr')");
  fails(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (-1,)}", d8),
        LAURYN_ERR_PARSE,
        "malformed .npy header (shape entries must be non-negative integers)");
  fails(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1,)} x", d8),
        LAURYN_ERR_PARSE, "malformed .npy header (unexpected text after '}')");
  fails(npy("['descr']", d8), LAURYN_ERR_PARSE,
        "malformed .npy header (expected '{')");
  fails(npy("{'descr: '<f8'}", d8), LAURYN_ERR_PARSE, "malformed .npy header");
  std::string missing = tmp.file("missing.npy");
  readFails(lauryn_rt_read_npy, missing, LAURYN_ERR_IO,
            missing + ": cannot open for reading: No such file or directory");
}

} // namespace
