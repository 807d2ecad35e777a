//===- RuntimeRobustnessTest.cpp - truncated and corrupted inputs ---------===//
//
// Every prefix of a valid file and many seeded random corruptions must read
// either successfully (a valid matrix) or fail with a status and a message
// naming the file; never crash, abort or leak (run under valgrind/ASan).
//
//===----------------------------------------------------------------------===//

#include "RuntimeTestUtils.h"

#include <random>

using namespace lauryn::rt::test;

namespace {

using ReadFn = int (*)(const char *, const lauryn_read_options *,
                       lauryn_matrix **);

/// Reads `content` from `path` with every format/dtype; checks the contract.
void readAnyway(ReadFn fn, const std::string &path, const std::string &content) {
  writeFile(path, content);
  for (int format : {LAURYN_FORMAT_AUTO, LAURYN_FORMAT_DENSE, LAURYN_FORMAT_CSR})
    for (int dtype : {LAURYN_F64, LAURYN_I32}) {
      lauryn_read_options o = readOptions(format, dtype);
      o.max_bytes = 64 << 20; // corrupted sizes must not matter
      lauryn_matrix *m = nullptr;
      int s = fn(path.c_str(), &o, &m);
      if (s == LAURYN_OK) {
        ASSERT_NE(m, nullptr);
        EXPECT_STREQ(lauryn_rt_last_error(), "");
        EXPECT_EQ(lauryn_rt_matrix_validate(m), LAURYN_OK)
            << lauryn_rt_last_error();
        lauryn_rt_matrix_free(m);
      } else {
        EXPECT_EQ(m, nullptr);
        std::string msg = lauryn_rt_last_error();
        EXPECT_EQ(msg.rfind(path, 0), 0u) << msg;
        EXPECT_GT(msg.size(), path.size() + 2);
      }
    }
}

void torture(ReadFn fn, const std::string &path, const std::string &valid) {
  for (size_t n = 0; n <= valid.size(); ++n) {
    SCOPED_TRACE("prefix of " + std::to_string(n) + " bytes");
    readAnyway(fn, path, valid.substr(0, n));
    if (::testing::Test::HasFatalFailure())
      return;
  }
  std::mt19937 rng(1234);
  const char alphabet[] = "0123456789 \n\t-+.eE%,x\0\xff'\"(){}:";
  for (int round = 0; round < 1500; ++round) {
    std::string s = valid;
    int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits && !s.empty(); ++e) {
      size_t at = rng() % s.size();
      switch (rng() % 3) {
      case 0:
        s[at] = alphabet[rng() % (sizeof(alphabet) - 1)];
        break;
      case 1:
        s.erase(at, 1 + rng() % 3);
        break;
      default:
        s.insert(at, 1, alphabet[rng() % (sizeof(alphabet) - 1)]);
      }
    }
    SCOPED_TRACE("corruption round " + std::to_string(round));
    readAnyway(fn, path, s);
    if (::testing::Test::HasFatalFailure())
      return;
  }
}

TEST(RuntimeRobustness, MatrixMarketCoordinate) {
  TempDir tmp;
  torture(lauryn_rt_read_matrix_market, tmp.file("c.mtx"),
          "%%MatrixMarket matrix coordinate integer symmetric\n"
          "%%GraphBLAS type int16_t\n% comment\n4 4 5\n1 1 3\n2 1 -4\n"
          "4 2 7\n\n3 3 1\n4 4 -32768\n");
}

TEST(RuntimeRobustness, MatrixMarketArray) {
  TempDir tmp;
  torture(lauryn_rt_read_matrix_market, tmp.file("a.mtx"),
          "%%MatrixMarket matrix array real skew-symmetric\n3 3\n1.5\n-2e3\n"
          "7\n");
}

TEST(RuntimeRobustness, Csv) {
  TempDir tmp;
  torture(lauryn_rt_read_csv, tmp.file("c.csv"),
          "a,b,c\n1,2.5,-3\n4e2, 5 ,6\n# c\n7,8,9\n");
}

TEST(RuntimeRobustness, Npy) {
  TempDir tmp;
  std::string header = "{'descr': '<i4', 'fortran_order': True, "
                       "'shape': (2, 3), }";
  header.append(128 - 10 - header.size() - 1, ' '); // data at offset 128
  header += '\n';
  std::string file = std::string("\x93NUMPY\1\0", 8);
  file += static_cast<char>(header.size());
  file += '\0';
  file += header;
  for (int32_t v : {1, -2, 3, 4, 5, 2147483647})
    file.append(reinterpret_cast<const char *>(&v), 4);
  torture(lauryn_rt_read_npy, tmp.file("a.npy"), file);
}

} // namespace
