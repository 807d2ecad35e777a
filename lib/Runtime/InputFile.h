//===- InputFile.h - checked file input and a line reader -------*- C++ -*-===//

#ifndef LAURYN_LIB_RUNTIME_INPUTFILE_H
#define LAURYN_LIB_RUNTIME_INPUTFILE_H

#include "Memory.h"

#include <cstdint>
#include <string_view>

namespace lauryn::rt {

/// A file opened for reading. open() rejects missing, unreadable and
/// directory paths with a message naming the path.
class InputFile {
public:
  InputFile() = default;
  InputFile(const InputFile &) = delete;
  InputFile &operator=(const InputFile &) = delete;
  ~InputFile();

  int open(const char *path);
  const char *path() const { return name; }
  /// Size of a regular file; UINT64_MAX when unknown (pipes, devices).
  uint64_t size() const { return bytes; }
  bool sizeKnown() const { return bytes != UINT64_MAX; }

  /// Reads up to n bytes (fewer only at end of file); -1 on error (set).
  int64_t read(void *dst, size_t n);
  /// Reads exactly n bytes or fails: a short read is "truncated" (`what`
  /// names the missing part).
  int readExactly(void *dst, size_t n, const char *what);

private:
  int fd = -1;
  const char *name = "";
  uint64_t bytes = UINT64_MAX;
};

/// Splits a text file into lines (without "\n" or "\r\n"), counting line
/// numbers and consumed bytes. Lines longer than `maxLine` are an error.
class LineReader {
public:
  LineReader(InputFile &file, size_t maxLine) : file(file), maxLine(maxLine) {}

  /// *got = false at end of file. Returns a status.
  int next(std::string_view *line, bool *got);
  /// 1-based number of the line last returned.
  int64_t lineNumber() const { return lineNo; }
  /// Bytes of the file not yet returned (UINT64_MAX if the size is unknown).
  uint64_t remaining() const {
    return file.sizeKnown() ? file.size() - consumed : UINT64_MAX;
  }

private:
  InputFile &file;
  size_t maxLine;
  Buffer<char> buf;
  size_t begin = 0, end = 0;
  bool eof = false;
  int64_t lineNo = 0;
  uint64_t consumed = 0;
};

/// Splits `line` at runs of blanks (space, tab) into at most `max` tokens;
/// returns the number of tokens found, or max + 1 if there are more.
int splitBlanks(std::string_view line, std::string_view *tokens, int max);

/// `line` without leading and trailing blanks.
std::string_view trimBlanks(std::string_view line);

} // namespace lauryn::rt

#endif // LAURYN_LIB_RUNTIME_INPUTFILE_H
