//===- MatrixMarketReader.cpp - Matrix Market (.mtx) reader ---------------===//
//
// Implements the NIST Matrix Market exchange format:
//   %%MatrixMarket matrix <coordinate|array> <real|integer|pattern>
//                         <general|symmetric|skew-symmetric>
// Banner keywords are case-insensitive. Comment lines ('%') and blank lines
// may appear anywhere after the banner. Coordinate entries are 1-based
// "row col [value]" lines, one per line; array values are listed one per line
// in column-major order (only the lower triangle for symmetric, the strict
// lower triangle for skew-symmetric matrices). Symmetric and skew-symmetric
// matrices are expanded; duplicate coordinate entries are summed (merged for
// pattern matrices).
//
// The LAGraph/SuiteSparse extension line "%%GraphBLAS type <T>" (before the
// size line) is honoured: values must fit T (bool: 0 or 1; intN_t/uintN_t:
// their range; float/double: real numbers, also in an "integer" file).
//
//===----------------------------------------------------------------------===//

#include "CooToCsr.h"
#include "Readers.h"
#include "Errors.h"
#include "InputFile.h"
#include "MatrixInternal.h"
#include "Numbers.h"

#include <cfloat>
#include <cinttypes>
#include <string>
#include <type_traits>

namespace lauryn::rt {
namespace {

enum class Layout { Coordinate, Array };
enum class Field { Real, Integer, Pattern };
enum class Symmetry { General, Symmetric, Skew };

/// The "%%GraphBLAS type" declaration.
struct GraphBLASType {
  enum Kind { None, Bool, Signed, Unsigned, Float, Double } kind = None;
  std::string name;
  int64_t min = 0, max = 0; // Signed
  uint64_t umax = 0;        // Unsigned
};

struct Header {
  Layout layout = Layout::Coordinate;
  Field field = Field::Real;
  Symmetry symmetry = Symmetry::General;
  GraphBLASType gb;
  int64_t rows = 0, cols = 0, entries = 0;
  int64_t sizeLine = 0;
};

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size())
    return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z')
      x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z')
      y = static_cast<char>(y - 'A' + 'a');
    if (x != y)
      return false;
  }
  return true;
}

bool startsWithInsensitive(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() &&
         iequals(s.substr(0, prefix.size()), prefix);
}

bool isCommentOrBlank(std::string_view line) {
  std::string_view t = trimBlanks(line);
  return t.empty() || t[0] == '%';
}

const char *const bannerForm =
    "'%%MatrixMarket matrix <coordinate|array> <real|integer|pattern> "
    "<general|symmetric|skew-symmetric>'";

int parseBanner(std::string_view line, const char *path, Header *h) {
  std::string_view tok[5];
  int n = splitBlanks(line, tok, 5);
  if (n == 0 || !startsWithInsensitive(tok[0], "%%MatrixMarket"))
    return failAt(LAURYN_ERR_PARSE, path, 1,
                  "missing Matrix Market banner: the first line must be %s, "
                  "found %s",
                  bannerForm, quote(line).c_str());
  if (!iequals(tok[0], "%%MatrixMarket") || n != 5)
    return failAt(LAURYN_ERR_PARSE, path, 1,
                  "malformed banner %s: expected %s", quote(line).c_str(),
                  bannerForm);
  if (!iequals(tok[1], "matrix"))
    return failAt(LAURYN_ERR_UNSUPPORTED, path, 1,
                  "unsupported object %s: only 'matrix' is supported",
                  quote(tok[1]).c_str());
  if (iequals(tok[2], "coordinate"))
    h->layout = Layout::Coordinate;
  else if (iequals(tok[2], "array"))
    h->layout = Layout::Array;
  else
    return failAt(LAURYN_ERR_PARSE, path, 1,
                  "unknown format %s: expected 'coordinate' or 'array'",
                  quote(tok[2]).c_str());
  if (iequals(tok[3], "real"))
    h->field = Field::Real;
  else if (iequals(tok[3], "integer"))
    h->field = Field::Integer;
  else if (iequals(tok[3], "pattern"))
    h->field = Field::Pattern;
  else if (iequals(tok[3], "complex"))
    return failAt(LAURYN_ERR_UNSUPPORTED, path, 1,
                  "complex matrices are not supported (only real, integer "
                  "and pattern)");
  else
    return failAt(LAURYN_ERR_PARSE, path, 1,
                  "unknown field %s: expected 'real', 'integer', 'pattern' "
                  "or 'complex'",
                  quote(tok[3]).c_str());
  if (iequals(tok[4], "general"))
    h->symmetry = Symmetry::General;
  else if (iequals(tok[4], "symmetric"))
    h->symmetry = Symmetry::Symmetric;
  else if (iequals(tok[4], "skew-symmetric"))
    h->symmetry = Symmetry::Skew;
  else if (iequals(tok[4], "hermitian"))
    return failAt(LAURYN_ERR_UNSUPPORTED, path, 1,
                  "hermitian matrices are not supported (hermitian implies "
                  "complex values)");
  else
    return failAt(LAURYN_ERR_PARSE, path, 1,
                  "unknown symmetry %s: expected 'general', 'symmetric', "
                  "'skew-symmetric' or 'hermitian'",
                  quote(tok[4]).c_str());
  if (h->layout == Layout::Array && h->field == Field::Pattern)
    return failAt(LAURYN_ERR_PARSE, path, 1,
                  "invalid banner: 'array' format cannot have field "
                  "'pattern' (use 'coordinate pattern')");
  if (h->field == Field::Pattern && h->symmetry == Symmetry::Skew)
    return failAt(LAURYN_ERR_PARSE, path, 1,
                  "invalid banner: a 'pattern' matrix cannot be "
                  "'skew-symmetric'");
  return LAURYN_OK;
}

int parseGraphBLASLine(std::string_view line, const char *path, int64_t lineNo,
                       GraphBLASType *gb) {
  std::string_view tok[4];
  int n = splitBlanks(line, tok, 4);
  if (n < 3 || !iequals(tok[0], "%%GraphBLAS") || !iequals(tok[1], "type"))
    return failAt(LAURYN_ERR_PARSE, path, lineNo,
                  "malformed %s: expected '%%%%GraphBLAS type <type>'",
                  quote(line).c_str());
  if (gb->kind != GraphBLASType::None)
    return failAt(LAURYN_ERR_PARSE, path, lineNo,
                  "second '%%%%GraphBLAS type' line");
  if (n == 4 || iequals(tok[2], "GxB_FC32_t") || iequals(tok[2], "GxB_FC64_t"))
    return failAt(LAURYN_ERR_UNSUPPORTED, path, lineNo,
                  "%%%%GraphBLAS type %s is not supported (complex or "
                  "unknown)",
                  quote(trimBlanks(line.substr(tok[2].data() - line.data())))
                      .c_str());
  struct Known {
    const char *name;
    GraphBLASType::Kind kind;
    int bits;
  };
  static const Known known[] = {
      {"bool", GraphBLASType::Bool, 1},
      {"int8_t", GraphBLASType::Signed, 8},
      {"int16_t", GraphBLASType::Signed, 16},
      {"int32_t", GraphBLASType::Signed, 32},
      {"int64_t", GraphBLASType::Signed, 64},
      {"uint8_t", GraphBLASType::Unsigned, 8},
      {"uint16_t", GraphBLASType::Unsigned, 16},
      {"uint32_t", GraphBLASType::Unsigned, 32},
      {"uint64_t", GraphBLASType::Unsigned, 64},
      {"float", GraphBLASType::Float, 32},
      {"double", GraphBLASType::Double, 64},
  };
  for (const Known &k : known) {
    if (tok[2] != k.name)
      continue;
    gb->kind = k.kind;
    gb->name = k.name;
    if (k.kind == GraphBLASType::Signed) {
      gb->max = k.bits == 64 ? INT64_MAX : (int64_t(1) << (k.bits - 1)) - 1;
      gb->min = -gb->max - 1;
    } else if (k.kind == GraphBLASType::Unsigned) {
      gb->umax = k.bits == 64 ? UINT64_MAX : (uint64_t(1) << k.bits) - 1;
    }
    return LAURYN_OK;
  }
  return failAt(LAURYN_ERR_UNSUPPORTED, path, lineNo,
                "unsupported %%%%GraphBLAS type %s", quote(tok[2]).c_str());
}

/// Checks the banner, the GraphBLAS type and the size line together.
int checkHeader(const Header &h, const char *path) {
  const GraphBLASType &gb = h.gb;
  bool gbInteger = gb.kind == GraphBLASType::Bool ||
                   gb.kind == GraphBLASType::Signed ||
                   gb.kind == GraphBLASType::Unsigned;
  if (gbInteger && h.field == Field::Real)
    return failAt(LAURYN_ERR_PARSE, path, 1,
                  "'%%%%GraphBLAS type %s' conflicts with field 'real'",
                  gb.name.c_str());
  if ((gb.kind == GraphBLASType::Bool ||
       gb.kind == GraphBLASType::Unsigned) &&
      h.symmetry == Symmetry::Skew)
    return failAt(LAURYN_ERR_PARSE, path, 1,
                  "a skew-symmetric matrix cannot have the unsigned "
                  "'%%%%GraphBLAS type %s'",
                  gb.name.c_str());
  if (h.symmetry != Symmetry::General && h.rows != h.cols)
    return failAt(LAURYN_ERR_PARSE, path, h.sizeLine,
                  "a %s matrix must be square, but the size line says "
                  "%" PRId64 " x %" PRId64,
                  h.symmetry == Symmetry::Symmetric ? "symmetric"
                                                    : "skew-symmetric",
                  h.rows, h.cols);
  return LAURYN_OK;
}

int parseSizeLine(std::string_view line, const char *path, int64_t lineNo,
                  Header *h) {
  bool coord = h->layout == Layout::Coordinate;
  int want = coord ? 3 : 2;
  std::string_view tok[3];
  int n = splitBlanks(line, tok, want);
  const char *form = coord ? "'<rows> <columns> <entries>'"
                           : "'<rows> <columns>'";
  if (n != want)
    return failAt(LAURYN_ERR_PARSE, path, lineNo,
                  "malformed size line %s: expected %s for %s format",
                  quote(line).c_str(), form, coord ? "coordinate" : "array");
  int64_t v[3] = {0, 0, 0};
  static const char *const names[] = {"row count", "column count",
                                      "entry count"};
  for (int i = 0; i < want; ++i) {
    NumErr e = parseInt64(tok[i], &v[i]);
    if (e == NumErr::Range)
      return failAt(LAURYN_ERR_TOO_LARGE, path, lineNo,
                    "%s %s in the size line does not fit in 64 bits",
                    names[i], quote(tok[i]).c_str());
    if (e != NumErr::Ok)
      return failAt(LAURYN_ERR_PARSE, path, lineNo,
                    "invalid %s %s in the size line (expected %s)", names[i],
                    quote(tok[i]).c_str(), form);
    if (v[i] < 0)
      return failAt(LAURYN_ERR_PARSE, path, lineNo,
                    "negative %s %" PRId64 " in the size line", names[i],
                    v[i]);
  }
  h->rows = v[0];
  h->cols = v[1];
  h->entries = v[2];
  h->sizeLine = lineNo;
  return LAURYN_OK;
}

/// Reads the banner, comments (with an optional %%GraphBLAS line) and the
/// size line.
int readHeader(LineReader &lr, const char *path, Header *h) {
  std::string_view line;
  bool got;
  if (int s = lr.next(&line, &got))
    return s;
  if (!got)
    return failAt(LAURYN_ERR_PARSE, path, 0,
                  "empty file (expected a Matrix Market banner)");
  if (int s = parseBanner(line, path, h))
    return s;
  for (;;) {
    if (int s = lr.next(&line, &got))
      return s;
    if (!got)
      return failAt(LAURYN_ERR_PARSE, path, lr.lineNumber(),
                    "file ends before the size line");
    std::string_view t = trimBlanks(line);
    if (t.empty())
      continue;
    if (t[0] == '%') {
      if (startsWithInsensitive(t, "%%GraphBLAS"))
        if (int s = parseGraphBLASLine(t, path, lr.lineNumber(), &h->gb))
          return s;
      continue;
    }
    if (int s = parseSizeLine(line, path, lr.lineNumber(), h))
      return s;
    return checkHeader(*h, path);
  }
}

/// Parses one value token per the header into T.
template <typename T> class ValueParser {
public:
  ValueParser(const Header &h, const char *path) : h(h), path(path) {}

  int parse(std::string_view tok, int64_t lineNo, T *out) const {
    const GraphBLASType &gb = h.gb;
    bool realValues = h.field == Field::Real ||
                      gb.kind == GraphBLASType::Float ||
                      gb.kind == GraphBLASType::Double;
    if (!realValues) {
      if (!isIntegerToken(tok))
        return failAt(LAURYN_ERR_PARSE, path, lineNo,
                      "invalid integer value %s (field is 'integer')",
                      quote(tok).c_str());
      if (int s = checkGraphBLASInteger(tok, lineNo))
        return s;
    } else if (gb.kind == GraphBLASType::Float) {
      double d;
      NumErr e = parseDouble(tok, &d);
      if (e == NumErr::Ok && std::isfinite(d) && std::fabs(d) > FLT_MAX)
        return failAt(LAURYN_ERR_RANGE, path, lineNo,
                      "value %s out of range for '%%%%GraphBLAS type float'",
                      quote(tok).c_str());
    }
    switch (parseValue<T>(tok, out)) {
    case NumErr::Ok:
      return LAURYN_OK;
    case NumErr::Syntax:
      return failAt(LAURYN_ERR_PARSE, path, lineNo, "invalid %s value %s",
                    realValues ? "real" : "integer", quote(tok).c_str());
    case NumErr::Range:
      return failAt(LAURYN_ERR_RANGE, path, lineNo,
                    "value %s out of range for %s", quote(tok).c_str(),
                    dtypeName(DtypeOf<T>::value));
    case NumErr::NotInteger:
      return failAt(LAURYN_ERR_RANGE, path, lineNo,
                    "value %s is not an integer; cannot read it as %s",
                    quote(tok).c_str(), dtypeName(DtypeOf<T>::value));
    }
    return LAURYN_OK;
  }

private:
  int checkGraphBLASInteger(std::string_view tok, int64_t lineNo) const {
    const GraphBLASType &gb = h.gb;
    switch (gb.kind) {
    case GraphBLASType::Bool: {
      if (tok != "0" && tok != "1")
        return failAt(LAURYN_ERR_RANGE, path, lineNo,
                      "value %s is not 0 or 1 as '%%%%GraphBLAS type bool' "
                      "requires",
                      quote(tok).c_str());
      return LAURYN_OK;
    }
    case GraphBLASType::Signed: {
      int64_t v;
      if (parseInt64(tok, &v) != NumErr::Ok || v < gb.min || v > gb.max)
        return failAt(LAURYN_ERR_RANGE, path, lineNo,
                      "value %s out of range [%" PRId64 ", %" PRId64
                      "] of '%%%%GraphBLAS type %s'",
                      quote(tok).c_str(), gb.min, gb.max, gb.name.c_str());
      return LAURYN_OK;
    }
    case GraphBLASType::Unsigned: {
      uint64_t v;
      if (parseUInt64(tok, &v) != NumErr::Ok || v > gb.umax)
        return failAt(LAURYN_ERR_RANGE, path, lineNo,
                      "value %s out of range [0, %" PRIu64
                      "] of '%%%%GraphBLAS type %s'",
                      quote(tok).c_str(), gb.umax, gb.name.c_str());
      return LAURYN_OK;
    }
    default:
      return LAURYN_OK;
    }
  }

  const Header &h;
  const char *path;
};

/// -v, failing for the most negative integer.
template <typename T>
int negate(T v, T *out, const char *path, int64_t lineNo) {
  if constexpr (std::is_integral_v<T>) {
    if (v == std::numeric_limits<T>::min())
      return failAt(LAURYN_ERR_RANGE, path, lineNo,
                    "the mirrored entry -(%lld) of a skew-symmetric matrix "
                    "overflows %s",
                    static_cast<long long>(v), dtypeName(DtypeOf<T>::value));
  }
  *out = -v;
  return LAURYN_OK;
}

/// Reads the next line that is not blank or a comment; *got = false at EOF.
int nextDataLine(LineReader &lr, std::string_view *line, bool *got) {
  for (;;) {
    if (int s = lr.next(line, got))
      return s;
    if (!*got || !isCommentOrBlank(*line))
      return LAURYN_OK;
  }
}

/// After the last entry only blank and comment lines may follow.
int expectEnd(LineReader &lr, const char *path, const Header &h,
              const char *what) {
  std::string_view line;
  bool got;
  if (int s = nextDataLine(lr, &line, &got))
    return s;
  if (got)
    return failAt(LAURYN_ERR_PARSE, path, lr.lineNumber(),
                  "unexpected content %s after the %" PRId64
                  " %s declared by the size line (line %" PRId64 ")",
                  quote(line).c_str(), h.entries, what, h.sizeLine);
  return LAURYN_OK;
}

template <typename T>
int readCoordinate(LineReader &lr, const Header &h, const ReadConfig &cfg,
                   const char *path, lauryn_matrix **out) {
  const bool pattern = h.field == Field::Pattern;
  // Every entry needs at least "i j\n" (pattern) or "i j v\n" bytes, so the
  // rest of the file bounds the number of entries it can hold. Reserve no
  // more than that: a corrupt size line cannot make us allocate for entries
  // that are not there, and a truncated file still fails precisely ("file
  // ends after K of N entries").
  const uint64_t minEntryBytes = pattern ? 4 : 6;
  uint64_t reserve = static_cast<uint64_t>(h.entries);
  uint64_t remaining = lr.remaining();
  if (remaining != UINT64_MAX && reserve > (remaining + 1) / minEntryBytes)
    reserve = (remaining + 1) / minEntryBytes;
  const bool mirrored = h.symmetry != Symmetry::General;
  if (mirrored)
    reserve *= 2; // cannot overflow: reserve <= 2^63 / 4 or <= entries < 2^63
  Coo<T> coo;
  if (int s = coo.reserve(reserve, cfg.limits, path))
    return s;

  ValueParser<T> values(h, path);
  const int want = pattern ? 2 : 3;
  const char *fieldsForm = pattern ? "(row column)" : "(row column value)";
  std::string_view tok[3];
  for (int64_t k = 0; k < h.entries; ++k) {
    std::string_view line;
    bool got;
    if (int s = nextDataLine(lr, &line, &got))
      return s;
    if (!got)
      return failAt(LAURYN_ERR_PARSE, path, lr.lineNumber(),
                    "file ends after %" PRId64 " of the %" PRId64
                    " entries declared by the size line (line %" PRId64 ")",
                    k, h.entries, h.sizeLine);
    const int64_t ln = lr.lineNumber();
    int n = splitBlanks(line, tok, want);
    if (n != want)
      return failAt(LAURYN_ERR_PARSE, path, ln,
                    n > want ? "expected %d fields %s, found more: %s"
                             : "expected %d fields %s, found %s",
                    want, fieldsForm,
                    n > want ? quote(line).c_str()
                             : std::to_string(n).c_str());
    int64_t idx[2];
    const int64_t bound[2] = {h.rows, h.cols};
    static const char *const names[] = {"row", "column"};
    for (int d = 0; d < 2; ++d) {
      NumErr e = parseInt64(tok[d], &idx[d]);
      if (e == NumErr::Syntax)
        return failAt(LAURYN_ERR_PARSE, path, ln, "invalid %s index %s",
                      names[d], quote(tok[d]).c_str());
      if (e != NumErr::Ok || idx[d] < 1 || idx[d] > bound[d])
        return failAt(LAURYN_ERR_RANGE, path, ln,
                      "%s index %s out of range [1, %" PRId64 "]", names[d],
                      e == NumErr::Ok ? std::to_string(idx[d]).c_str()
                                      : quote(tok[d]).c_str(),
                      bound[d]);
    }
    const int64_t i = idx[0], j = idx[1];
    if (h.symmetry == Symmetry::Symmetric && j > i)
      return failAt(LAURYN_ERR_PARSE, path, ln,
                    "entry (%" PRId64 ", %" PRId64
                    ") lies above the diagonal; a symmetric matrix stores "
                    "only its lower triangle",
                    i, j);
    if (h.symmetry == Symmetry::Skew && j >= i)
      return failAt(LAURYN_ERR_PARSE, path, ln,
                    "entry (%" PRId64 ", %" PRId64
                    ") lies %s the diagonal; a skew-symmetric matrix stores "
                    "only its strict lower triangle",
                    i, j, i == j ? "on" : "above");
    if (coo.size + (mirrored ? 2 : 1) > reserve) // cannot happen; defensive
      return failAt(LAURYN_ERR_PARSE, path, ln,
                    "more entries than the file size allows");
    T v = T(1);
    if (!pattern)
      if (int s = values.parse(tok[2], ln, &v))
        return s;
    coo.push(i - 1, j - 1, v);
    if (mirrored && i != j) {
      T m = v;
      if (h.symmetry == Symmetry::Skew)
        if (int s = negate(v, &m, path, ln))
          return s;
      coo.push(j - 1, i - 1, m);
    }
  }
  if (int s = expectEnd(lr, path, h, "entries"))
    return s;
  return cooToCsr(coo, h.rows, h.cols,
                  pattern ? Duplicates::Pattern : Duplicates::Sum, cfg.limits,
                  path, out);
}

template <typename T>
int readArray(LineReader &lr, const Header &h, const ReadConfig &cfg,
              const char *path, lauryn_matrix **out) {
  // Number of values listed: all, the lower triangle, or the strict one.
  uint64_t count;
  bool overflow;
  const uint64_t r = static_cast<uint64_t>(h.rows);
  if (h.symmetry == Symmetry::General)
    overflow = __builtin_mul_overflow(r, static_cast<uint64_t>(h.cols), &count);
  else if (h.symmetry == Symmetry::Symmetric)
    overflow = __builtin_mul_overflow(r, r + 1, &count), count /= 2;
  else
    overflow = __builtin_mul_overflow(r, r ? r - 1 : 0, &count), count /= 2;
  if (overflow)
    return failAt(LAURYN_ERR_TOO_LARGE, path, h.sizeLine,
                  "matrix size %" PRId64 " x %" PRId64 " overflows", h.rows,
                  h.cols);
  uint64_t remaining = lr.remaining();
  if (remaining != UINT64_MAX && count > (remaining + 1) / 2)
    return failAt(LAURYN_ERR_PARSE, path, h.sizeLine,
                  "the size line implies %" PRIu64
                  " values, but only %" PRIu64
                  " bytes follow (at least 2 per value): truncated file or "
                  "corrupt size line",
                  count, remaining);
  MatrixPtr m;
  if (int s = createDense(h.rows, h.cols, DtypeOf<T>::value, cfg.limits, path,
                          m.addr()))
    return s;
  T *dst = static_cast<T *>(m->values);
  ValueParser<T> values(h, path);
  uint64_t seen = 0;
  std::string_view tok[1];
  for (int64_t j = 0; j < h.cols; ++j) {
    int64_t first = h.symmetry == Symmetry::General     ? 0
                    : h.symmetry == Symmetry::Symmetric ? j
                                                        : j + 1;
    for (int64_t i = first; i < h.rows; ++i, ++seen) {
      std::string_view line;
      bool got;
      if (int s = nextDataLine(lr, &line, &got))
        return s;
      if (!got)
        return failAt(LAURYN_ERR_PARSE, path, lr.lineNumber(),
                      "file ends after %" PRIu64 " of the %" PRIu64
                      " values implied by the size line (line %" PRId64 ")",
                      seen, count, h.sizeLine);
      const int64_t ln = lr.lineNumber();
      if (splitBlanks(line, tok, 1) != 1)
        return failAt(LAURYN_ERR_PARSE, path, ln,
                      "expected one value per line in array format, found %s",
                      quote(line).c_str());
      T v;
      if (int s = values.parse(tok[0], ln, &v))
        return s;
      dst[i * h.cols + j] = v;
      if (i != j && h.symmetry == Symmetry::Symmetric)
        dst[j * h.cols + i] = v;
      if (i != j && h.symmetry == Symmetry::Skew)
        if (int s = negate(v, &dst[j * h.cols + i], path, ln))
          return s;
    }
  }
  Header counted = h;
  counted.entries = static_cast<int64_t>(count);
  if (int s = expectEnd(lr, path, counted, "values"))
    return s;
  *out = m.release();
  return LAURYN_OK;
}

} // namespace

int readMatrixMarket(const char *path, const ReadConfig &cfg,
                     lauryn_matrix **out) {
  InputFile file;
  if (int s = file.open(path))
    return s;
  uint64_t maxLine = cfg.limits.maxBytes < (uint64_t(64) << 20)
                         ? cfg.limits.maxBytes
                         : (uint64_t(64) << 20);
  LineReader lr(file, static_cast<size_t>(maxLine));
  Header h;
  if (int s = readHeader(lr, path, &h))
    return s;
  // Fail before parsing when the requested dense result cannot exist.
  if (cfg.format == LAURYN_FORMAT_DENSE ||
      (cfg.format == LAURYN_FORMAT_AUTO && h.layout == Layout::Array)) {
    size_t bytes;
    if (int s = checkDenseSize(h.rows, h.cols, cfg.dtype, cfg.limits, path,
                               &bytes))
      return s;
  }
  MatrixPtr m;
  int s = withDtype(cfg.dtype, [&](auto t) {
    using T = decltype(t);
    return h.layout == Layout::Coordinate
               ? readCoordinate<T>(lr, h, cfg, path, m.addr())
               : readArray<T>(lr, h, cfg, path, m.addr());
  });
  if (s)
    return s;
  return finishRead(m, cfg, path, out);
}

} // namespace lauryn::rt

using namespace lauryn::rt;

extern "C" int lauryn_rt_read_matrix_market(const char *path,
                                            const lauryn_read_options *opts,
                                            lauryn_matrix **out) {
  clearError();
  if (!out)
    return fail(LAURYN_ERR_INVALID_ARGUMENT,
                "lauryn_rt_read_matrix_market: out is NULL");
  *out = nullptr;
  ReadConfig cfg;
  if (int s = resolveReadOptions(opts, path ? path : "(null)", ',', &cfg))
    return s;
  return readMatrixMarket(path, cfg, out);
}
