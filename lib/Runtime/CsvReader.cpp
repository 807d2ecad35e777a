//===- CsvReader.cpp - CSV reader -----------------------------------------===//
//
// One matrix row per line, cells separated by a single-character delimiter
// (default ','). Blanks around cells are ignored; with the delimiter ' ' runs
// of blanks separate cells. Blank lines and lines starting with '#' are
// skipped; a UTF-8 byte-order mark and "\r\n" line ends are accepted. Every
// row must have the same number of cells. Quoted cells are rejected.
//
// Header row: AUTO treats the first row as a header iff one of its cells is
// not empty and not a number; PRESENT always skips the first row; ABSENT
// never does. Empty cells are an error, or NaN with LAURYN_CSV_EMPTY_NAN
// (floating-point targets only).
//
//===----------------------------------------------------------------------===//

#include "Errors.h"
#include "InputFile.h"
#include "Numbers.h"
#include "Readers.h"

#include <cinttypes>
#include <cstring>
#include <limits>
#include <type_traits>

namespace lauryn::rt {
namespace {

/// Iterates over the cells of one line.
class Cells {
public:
  Cells(std::string_view line, char delim) : line(line), delim(delim) {}

  bool next(std::string_view *cell) {
    if (done)
      return false;
    if (delim == ' ') {
      while (pos < line.size() && (line[pos] == ' ' || line[pos] == '\t'))
        ++pos;
      if (pos == line.size()) {
        done = true;
        return false;
      }
      size_t start = pos;
      while (pos < line.size() && line[pos] != ' ' && line[pos] != '\t')
        ++pos;
      *cell = line.substr(start, pos - start);
      return true;
    }
    size_t end = line.find(delim, pos);
    if (end == std::string_view::npos) {
      *cell = trimBlanks(line.substr(pos));
      done = true;
      return true;
    }
    *cell = trimBlanks(line.substr(pos, end - pos));
    pos = end + 1;
    return true;
  }

private:
  std::string_view line;
  char delim;
  size_t pos = 0;
  bool done = false;
};

int64_t countCells(std::string_view line, char delim) {
  Cells cells(line, delim);
  std::string_view c;
  int64_t n = 0;
  while (cells.next(&c))
    ++n;
  return n;
}

bool looksLikeHeader(std::string_view line, char delim) {
  Cells cells(line, delim);
  std::string_view c;
  while (cells.next(&c)) {
    double d;
    if (!c.empty() && parseDouble(c, &d) == NumErr::Syntax)
      return true;
  }
  return false;
}

template <typename T> class CsvParser {
public:
  CsvParser(const char *path, const ReadConfig &cfg) : path(path), cfg(cfg) {}

  int run(lauryn_matrix **out) {
    InputFile file;
    if (int s = file.open(path))
      return s;
    uint64_t maxLine = cfg.limits.maxBytes < (uint64_t(1) << 30)
                           ? cfg.limits.maxBytes
                           : (uint64_t(1) << 30);
    LineReader lr(file, static_cast<size_t>(maxLine));
    bool anyLine = false, headerDone = cfg.csvHeader == LAURYN_CSV_HEADER_ABSENT;
    for (;;) {
      std::string_view line;
      bool got;
      if (int s = lr.next(&line, &got))
        return s;
      if (!got)
        break;
      const int64_t ln = lr.lineNumber();
      if (ln == 1 && line.size() >= 3 &&
          std::memcmp(line.data(), "\xEF\xBB\xBF", 3) == 0)
        line.remove_prefix(3);
      anyLine = anyLine || !line.empty();
      std::string_view t = trimBlanks(line);
      if (t.empty() || t[0] == '#')
        continue;
      if (std::memchr(line.data(), '"', line.size()))
        return failAt(LAURYN_ERR_UNSUPPORTED, path, ln,
                      "quoted cells are not supported (found '\"')");
      if (!headerDone) {
        headerDone = true;
        if (cfg.csvHeader == LAURYN_CSV_HEADER_PRESENT ||
            looksLikeHeader(line, cfg.delimiter)) {
          cols = countCells(line, cfg.delimiter);
          colsLine = ln;
          continue;
        }
      }
      if (int s = parseRow(line, ln))
        return s;
    }
    if (rows == 0)
      return failAt(LAURYN_ERR_PARSE, path, 0,
                    anyLine ? "no data rows" : "empty file");
    return adoptDense(rows, cols, DtypeOf<T>::value, data.release(), out);
  }

private:
  int parseRow(std::string_view line, int64_t ln) {
    if (cols < 0) {
      cols = countCells(line, cfg.delimiter);
      colsLine = ln;
    }
    if (int s = reserveRow())
      return s;
    Cells cells(line, cfg.delimiter);
    std::string_view cell;
    int64_t c = 0;
    T *dst = data.data() + used;
    while (cells.next(&cell)) {
      if (c == cols)
        return failAt(LAURYN_ERR_PARSE, path, ln,
                      "more than %" PRId64 " cells (line %" PRId64
                      " has %" PRId64 ")",
                      cols, colsLine, cols);
      if (int s = parseCell(cell, ln, c, &dst[c]))
        return s;
      ++c;
    }
    if (c != cols)
      return failAt(LAURYN_ERR_PARSE, path, ln,
                    "%" PRId64 " cells, but line %" PRId64 " has %" PRId64, c,
                    colsLine, cols);
    used += static_cast<size_t>(cols);
    ++rows;
    return LAURYN_OK;
  }

  int parseCell(std::string_view cell, int64_t ln, int64_t c, T *out) {
    if (cell.empty()) {
      if (cfg.csvEmpty == LAURYN_CSV_EMPTY_NAN) {
        if constexpr (std::is_floating_point_v<T>) {
          *out = std::numeric_limits<T>::quiet_NaN();
          return LAURYN_OK;
        } else {
          return failAt(LAURYN_ERR_RANGE, path, ln,
                        "empty cell in column %" PRId64
                        " cannot be read as NaN into %s",
                        c + 1, dtypeName(DtypeOf<T>::value));
        }
      }
      return failAt(LAURYN_ERR_PARSE, path, ln,
                    "empty cell in column %" PRId64
                    " (set csv_empty = LAURYN_CSV_EMPTY_NAN to read it as "
                    "NaN)",
                    c + 1);
    }
    switch (parseValue<T>(cell, out)) {
    case NumErr::Ok:
      return LAURYN_OK;
    case NumErr::Syntax:
      return failAt(LAURYN_ERR_PARSE, path, ln,
                    "column %" PRId64 ": invalid number %s", c + 1,
                    quote(cell).c_str());
    case NumErr::Range:
      return failAt(LAURYN_ERR_RANGE, path, ln,
                    "column %" PRId64 ": value %s out of range for %s", c + 1,
                    quote(cell).c_str(), dtypeName(DtypeOf<T>::value));
    case NumErr::NotInteger:
      return failAt(LAURYN_ERR_RANGE, path, ln,
                    "column %" PRId64
                    ": value %s is not an integer; cannot read it as %s",
                    c + 1, quote(cell).c_str(), dtypeName(DtypeOf<T>::value));
    }
    return LAURYN_OK;
  }

  /// Room for one more row in `data`.
  int reserveRow() {
    uint64_t need = static_cast<uint64_t>(used) + static_cast<uint64_t>(cols);
    if (need <= data.capacity())
      return LAURYN_OK;
    uint64_t want = data.capacity() ? 2 * data.capacity() : 4096;
    // Near the cap, grow only as far as needed.
    uint64_t capElems = cfg.limits.maxBytes / sizeof(T);
    if (want > capElems)
      want = capElems;
    if (want < need)
      want = need;
    size_t bytes;
    if (int s = checkBytes(want, sizeof(T), cfg.limits, path, "CSV values",
                           &bytes))
      return s;
    if (!data.grow(static_cast<size_t>(want), used))
      return failAt(LAURYN_ERR_NO_MEMORY, path, 0,
                    "out of memory growing the CSV values to %zu bytes",
                    bytes);
    return LAURYN_OK;
  }

  const char *path;
  const ReadConfig &cfg;
  Buffer<T> data;
  size_t used = 0;
  int64_t rows = 0, cols = -1, colsLine = 0;
};

} // namespace

int readCsv(const char *path, const ReadConfig &cfg, lauryn_matrix **out) {
  MatrixPtr m;
  int s = withDtype(cfg.dtype, [&](auto t) {
    return CsvParser<decltype(t)>(path, cfg).run(m.addr());
  });
  if (s)
    return s;
  return finishRead(m, cfg, path, out);
}

} // namespace lauryn::rt

using namespace lauryn::rt;

extern "C" int lauryn_rt_read_csv(const char *path,
                                  const lauryn_read_options *opts,
                                  lauryn_matrix **out) {
  clearError();
  if (!out)
    return fail(LAURYN_ERR_INVALID_ARGUMENT, "lauryn_rt_read_csv: out is NULL");
  *out = nullptr;
  ReadConfig cfg;
  if (int s = resolveReadOptions(opts, path ? path : "(null)", ',', &cfg))
    return s;
  return readCsv(path, cfg, out);
}
