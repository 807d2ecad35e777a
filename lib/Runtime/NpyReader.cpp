//===- NpyReader.cpp - NumPy .npy reader ----------------------------------===//
//
// Format (numpy.lib.format): the magic "\x93NUMPY", a major and a minor
// version byte, the header length (uint16 little-endian for v1.0, uint32 for
// v2.0 and v3.0), then the header: a Python dict literal
//   {'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }
// padded with blanks and ended by '\n'; then the raw data.
//
// Accepted: descr <f8 <f4 <i8 <i4 (byte order '<' or '=', this host being
// little-endian) and |b1 |i1 |u1 (any byte-order mark, it is not meaningful
// for one-byte types); C or Fortran order (converted to row-major); 1-D shape
// (n,) read as an n x 1 column vector, or 2-D. The data size must match the
// shape exactly.
//
//===----------------------------------------------------------------------===//

#include "Errors.h"
#include "InputFile.h"
#include "Readers.h"

#include <cinttypes>
#include <cstring>
#include <string>

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
              "the .npy reader assumes a little-endian host");

namespace lauryn::rt {
namespace {

constexpr uint32_t maxHeaderBytes = 1u << 20;

/// Element types a .npy file may hold.
enum class NpyType { F8, F4, I8, I4, B1, I1, U1 };

struct NpyHeader {
  NpyType type = NpyType::F8;
  size_t itemSize = 8;
  std::string descr;
  bool fortran = false;
  int ndim = 0;
  int64_t shape[2] = {0, 0};
};

/// A parser for the header's dict literal.
class HeaderParser {
public:
  HeaderParser(std::string_view text, const char *path)
      : s(text), path(path) {}

  int parse(NpyHeader *h) {
    bool haveDescr = false, haveOrder = false, haveShape = false;
    skip();
    if (!eat('{'))
      return bad("expected '{'");
    for (;;) {
      skip();
      if (eat('}'))
        break;
      std::string key;
      if (int st = parseString(&key, "a quoted key"))
        return st;
      skip();
      if (!eat(':'))
        return bad("expected ':' after a key");
      skip();
      if (key == "descr") {
        if (haveDescr)
          return bad("duplicate key 'descr'");
        haveDescr = true;
        if (p < s.size() && s[p] == '[')
          return failAt(LAURYN_ERR_UNSUPPORTED, path, 0,
                        "structured (record) dtypes are not supported");
        if (int st = parseString(&h->descr, "a dtype string"))
          return st;
      } else if (key == "fortran_order") {
        if (haveOrder)
          return bad("duplicate key 'fortran_order'");
        haveOrder = true;
        if (word("True"))
          h->fortran = true;
        else if (word("False"))
          h->fortran = false;
        else
          return bad("fortran_order must be True or False");
      } else if (key == "shape") {
        if (haveShape)
          return bad("duplicate key 'shape'");
        haveShape = true;
        if (int st = parseShape(h))
          return st;
      } else {
        return bad(("unexpected key " + quote(key)).c_str());
      }
      skip();
      if (eat(','))
        continue;
      skip();
      if (eat('}'))
        break;
      return bad("expected ',' or '}'");
    }
    skip();
    if (p != s.size())
      return bad("unexpected text after '}'");
    if (!haveDescr || !haveOrder || !haveShape)
      return bad("the keys 'descr', 'fortran_order' and 'shape' are required");
    return LAURYN_OK;
  }

private:
  int bad(const char *what) {
    return failAt(LAURYN_ERR_PARSE, path, 0, "malformed .npy header (%s): %s",
                  what, quote(s).c_str());
  }
  void skip() {
    while (p < s.size() &&
           (s[p] == ' ' || s[p] == '\t' || s[p] == '\n' || s[p] == '\r'))
      ++p;
  }
  bool eat(char c) {
    if (p < s.size() && s[p] == c) {
      ++p;
      return true;
    }
    return false;
  }
  bool word(std::string_view w) {
    if (s.substr(p, w.size()) != w)
      return false;
    p += w.size();
    return true;
  }
  int parseString(std::string *out, const char *what) {
    if (p >= s.size() || (s[p] != '\'' && s[p] != '"'))
      return bad((std::string("expected ") + what).c_str());
    char q = s[p++];
    size_t start = p;
    while (p < s.size() && s[p] != q) {
      if (s[p] == '\\')
        return bad("escape sequences are not supported");
      ++p;
    }
    if (p == s.size())
      return bad("unterminated string");
    out->assign(s.substr(start, p - start));
    ++p;
    return LAURYN_OK;
  }
  int parseShape(NpyHeader *h) {
    if (!eat('('))
      return bad("shape must be a tuple");
    h->ndim = 0;
    for (;;) {
      skip();
      if (eat(')'))
        break;
      size_t start = p;
      while (p < s.size() && s[p] >= '0' && s[p] <= '9')
        ++p;
      if (p == start)
        return bad("shape entries must be non-negative integers");
      int64_t dim = 0;
      for (size_t i = start; i < p; ++i)
        if (__builtin_mul_overflow(dim, int64_t(10), &dim) ||
            __builtin_add_overflow(dim, int64_t(s[i] - '0'), &dim))
          return failAt(LAURYN_ERR_TOO_LARGE, path, 0,
                        "shape entry %s does not fit in 64 bits",
                        quote(s.substr(start, p - start)).c_str());
      eat('L'); // Python 2 long literals
      if (h->ndim < 2)
        h->shape[h->ndim] = dim;
      ++h->ndim;
      skip();
      if (eat(','))
        continue;
      skip();
      if (eat(')'))
        break;
      return bad("expected ',' or ')' in the shape");
    }
    if (h->ndim == 0)
      return failAt(LAURYN_ERR_UNSUPPORTED, path, 0,
                    "0-d (scalar) arrays are not supported; expected 1-D or "
                    "2-D");
    if (h->ndim > 2)
      return failAt(LAURYN_ERR_UNSUPPORTED, path, 0,
                    "%d-D arrays are not supported; expected 1-D or 2-D",
                    h->ndim);
    return LAURYN_OK;
  }

  std::string_view s;
  const char *path;
  size_t p = 0;
};

int resolveDescr(NpyHeader *h, const char *path) {
  const std::string &d = h->descr;
  static const char *const supported =
      "supported: <f8 <f4 <i8 <i4 (also '=' byte order) and |b1 |i1 |u1";
  struct Known {
    const char *code;
    NpyType type;
    size_t size;
  };
  static const Known known[] = {
      {"f8", NpyType::F8, 8}, {"f4", NpyType::F4, 4}, {"i8", NpyType::I8, 8},
      {"i4", NpyType::I4, 4}, {"b1", NpyType::B1, 1}, {"i1", NpyType::I1, 1},
      {"u1", NpyType::U1, 1},
  };
  if (d.size() >= 2 && std::strchr("<>|=", d[0]) && d[0] != '\0') {
    std::string code = d.substr(1);
    for (const Known &k : known) {
      if (code != k.code)
        continue;
      if (k.size > 1 && d[0] == '>')
        return failAt(LAURYN_ERR_UNSUPPORTED, path, 0,
                      "big-endian dtype %s is not supported (%s)",
                      quote(d).c_str(), supported);
      if (k.size > 1 && d[0] == '|')
        return failAt(LAURYN_ERR_UNSUPPORTED, path, 0,
                      "byte order '|' (not applicable) is invalid for the "
                      "multi-byte dtype %s; expected '<' or '='",
                      quote(d).c_str());
      h->type = k.type;
      h->itemSize = k.size;
      return LAURYN_OK;
    }
  }
  return failAt(LAURYN_ERR_UNSUPPORTED, path, 0, "unsupported dtype %s (%s)",
                quote(d).c_str(), supported);
}

int readHeader(InputFile &file, const char *path, NpyHeader *h,
               uint64_t *dataOffset) {
  unsigned char prefix[12];
  int64_t got = file.read(prefix, 10);
  if (got < 0)
    return LAURYN_ERR_IO;
  if (got == 0)
    return failAt(LAURYN_ERR_PARSE, path, 0, "empty file (expected .npy data)");
  if (got < 6 || std::memcmp(prefix, "\x93NUMPY", 6) != 0)
    return failAt(LAURYN_ERR_PARSE, path, 0,
                  "not a NumPy .npy file (missing the \\x93NUMPY magic)");
  if (got < 10)
    return failAt(LAURYN_ERR_PARSE, path, 0,
                  "file truncated inside the .npy preamble");
  unsigned major = prefix[6], minor = prefix[7];
  uint32_t headerLen;
  uint64_t offset;
  if (major == 1 && minor == 0) {
    headerLen = prefix[8] | (uint32_t(prefix[9]) << 8);
    offset = 10;
  } else if ((major == 2 || major == 3) && minor == 0) {
    if (int s = file.readExactly(prefix + 10, 2, "the .npy preamble"))
      return s;
    headerLen = prefix[8] | (uint32_t(prefix[9]) << 8) |
                (uint32_t(prefix[10]) << 16) | (uint32_t(prefix[11]) << 24);
    offset = 12;
  } else {
    return failAt(LAURYN_ERR_UNSUPPORTED, path, 0,
                  "unsupported .npy format version %u.%u (supported: 1.0, "
                  "2.0, 3.0)",
                  major, minor);
  }
  if (headerLen > maxHeaderBytes)
    return failAt(LAURYN_ERR_PARSE, path, 0,
                  "absurd .npy header length %" PRIu32 " (limit %" PRIu32
                  " bytes): corrupt file",
                  headerLen, maxHeaderBytes);
  if (file.sizeKnown() && offset + headerLen > file.size())
    return failAt(LAURYN_ERR_PARSE, path, 0,
                  "file truncated: the .npy header needs %" PRIu32
                  " bytes, only %" PRIu64 " present",
                  headerLen, file.size() - offset);
  std::string text(headerLen, '\0');
  if (int s = file.readExactly(text.data(), headerLen, "the .npy header"))
    return s;
  for (char c : text)
    if (static_cast<unsigned char>(c) >= 0x80 || c == '\0')
      return failAt(LAURYN_ERR_PARSE, path, 0,
                    "malformed .npy header: non-ASCII or NUL byte");
  if (int s = HeaderParser(text, path).parse(h))
    return s;
  if (int s = resolveDescr(h, path))
    return s;
  *dataOffset = offset + headerLen;
  return LAURYN_OK;
}

/// Converts element `k` of the source chunk into *out.
template <typename T>
int convertSource(const unsigned char *src, NpyType type, T *out, bool *ok) {
  switch (type) {
  case NpyType::F8: {
    double v;
    std::memcpy(&v, src, 8);
    *ok = convertElement(v, out);
    return 0;
  }
  case NpyType::F4: {
    float v;
    std::memcpy(&v, src, 4);
    *ok = convertElement(v, out);
    return 0;
  }
  case NpyType::I8: {
    int64_t v;
    std::memcpy(&v, src, 8);
    *ok = convertElement(v, out);
    return 0;
  }
  case NpyType::I4: {
    int32_t v;
    std::memcpy(&v, src, 4);
    *ok = convertElement(v, out);
    return 0;
  }
  case NpyType::I1: {
    int8_t v;
    std::memcpy(&v, src, 1);
    *ok = convertElement(static_cast<int32_t>(v), out);
    return 0;
  }
  case NpyType::U1:
    *ok = convertElement(static_cast<int32_t>(src[0]), out);
    return 0;
  case NpyType::B1:
    if (src[0] > 1)
      return 1; // not a boolean
    *ok = convertElement(static_cast<int32_t>(src[0]), out);
    return 0;
  }
  return 0;
}

int sameType(NpyType t, int dtype) {
  return (t == NpyType::F8 && dtype == LAURYN_F64) ||
         (t == NpyType::F4 && dtype == LAURYN_F32) ||
         (t == NpyType::I8 && dtype == LAURYN_I64) ||
         (t == NpyType::I4 && dtype == LAURYN_I32);
}

template <typename T>
int readData(InputFile &file, const NpyHeader &h, int64_t rows, int64_t cols,
             uint64_t count, lauryn_matrix *m, const char *path) {
  T *dst = static_cast<T *>(m->values);
  if (!h.fortran && sameType(h.type, DtypeOf<T>::value))
    return file.readExactly(dst, count * sizeof(T), "the array data");
  constexpr size_t chunkBytes = size_t(1) << 20;
  Buffer<unsigned char> chunk;
  if (!chunk.allocate(chunkBytes, false))
    return failAt(LAURYN_ERR_NO_MEMORY, path, 0, "out of memory");
  const uint64_t perChunk = chunkBytes / h.itemSize;
  for (uint64_t k0 = 0; k0 < count; k0 += perChunk) {
    uint64_t n = count - k0 < perChunk ? count - k0 : perChunk;
    if (int s = file.readExactly(chunk.data(), n * h.itemSize,
                                 "the array data"))
      return s;
    for (uint64_t k = k0; k < k0 + n; ++k) {
      int64_t i, j;
      if (h.fortran)
        i = static_cast<int64_t>(k % static_cast<uint64_t>(rows)),
        j = static_cast<int64_t>(k / static_cast<uint64_t>(rows));
      else
        i = static_cast<int64_t>(k / static_cast<uint64_t>(cols)),
        j = static_cast<int64_t>(k % static_cast<uint64_t>(cols));
      bool ok = true;
      const unsigned char *src = chunk.data() + (k - k0) * h.itemSize;
      if (convertSource(src, h.type, &dst[i * cols + j], &ok))
        return failAt(LAURYN_ERR_PARSE, path, 0,
                      "element (%" PRId64 ", %" PRId64
                      ") is the byte 0x%02x, not a boolean (0 or 1)",
                      i, j, src[0]);
      if (!ok)
        return failAt(LAURYN_ERR_RANGE, path, 0,
                      "element (%" PRId64 ", %" PRId64
                      ") of dtype %s is not representable as %s",
                      i, j, quote(h.descr).c_str(),
                      dtypeName(DtypeOf<T>::value));
    }
  }
  return LAURYN_OK;
}

} // namespace

int readNpy(const char *path, const ReadConfig &cfg, lauryn_matrix **out) {
  InputFile file;
  if (int s = file.open(path))
    return s;
  NpyHeader h;
  uint64_t dataOffset = 0;
  if (int s = readHeader(file, path, &h, &dataOffset))
    return s;
  int64_t rows = h.shape[0], cols = h.ndim == 1 ? 1 : h.shape[1];
  uint64_t count, bytes;
  if (__builtin_mul_overflow(static_cast<uint64_t>(rows),
                             static_cast<uint64_t>(cols), &count) ||
      count > static_cast<uint64_t>(INT64_MAX) ||
      __builtin_mul_overflow(count, static_cast<uint64_t>(h.itemSize), &bytes))
    return failAt(LAURYN_ERR_TOO_LARGE, path, 0,
                  "shape %" PRId64 " x %" PRId64 " overflows 64 bits", rows,
                  cols);
  if (file.sizeKnown()) {
    uint64_t present = file.size() - dataOffset;
    if (present < bytes)
      return failAt(LAURYN_ERR_PARSE, path, 0,
                    "file truncated: shape %" PRId64 " x %" PRId64
                    " of %s needs %" PRIu64 " bytes of data, only %" PRIu64
                    " present",
                    rows, cols, quote(h.descr).c_str(), bytes, present);
    if (present > bytes)
      return failAt(LAURYN_ERR_PARSE, path, 0,
                    "%" PRIu64 " bytes of unexpected data after the %" PRId64
                    " x %" PRId64 " array",
                    present - bytes, rows, cols);
  }
  MatrixPtr m;
  if (int s = createDense(rows, cols, cfg.dtype, cfg.limits, path, m.addr()))
    return s;
  int s = withDtype(cfg.dtype, [&](auto t) {
    return readData<decltype(t)>(file, h, rows, cols, count, m.get(), path);
  });
  if (s)
    return s;
  if (!file.sizeKnown()) {
    unsigned char extra;
    int64_t more = file.read(&extra, 1);
    if (more < 0)
      return LAURYN_ERR_IO;
    if (more > 0)
      return failAt(LAURYN_ERR_PARSE, path, 0,
                    "unexpected data after the %" PRId64 " x %" PRId64
                    " array",
                    rows, cols);
  }
  return finishRead(m, cfg, path, out);
}

} // namespace lauryn::rt

using namespace lauryn::rt;

extern "C" int lauryn_rt_read_npy(const char *path,
                                  const lauryn_read_options *opts,
                                  lauryn_matrix **out) {
  clearError();
  if (!out)
    return fail(LAURYN_ERR_INVALID_ARGUMENT, "lauryn_rt_read_npy: out is NULL");
  *out = nullptr;
  ReadConfig cfg;
  if (int s = resolveReadOptions(opts, path ? path : "(null)", ',', &cfg))
    return s;
  return readNpy(path, cfg, out);
}
