//===- InputFile.cpp - checked file input and a line reader ---------------===//

#include "InputFile.h"

#include "Errors.h"
#include "lauryn/Runtime/LaurynRuntime.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace lauryn::rt {

InputFile::~InputFile() {
  if (fd >= 0)
    ::close(fd);
}

int InputFile::open(const char *p) {
  name = p ? p : "(null)";
  if (!p || !*p)
    return fail(LAURYN_ERR_INVALID_ARGUMENT, "empty or NULL file path");
  do
    fd = ::open(p, O_RDONLY | O_CLOEXEC);
  while (fd < 0 && errno == EINTR);
  if (fd < 0) {
    int err = errno;
    return failAt(LAURYN_ERR_IO, name, 0, "cannot open for reading: %s",
                  systemError(err).c_str());
  }
  struct stat st;
  if (fstat(fd, &st) != 0) {
    int err = errno;
    return failAt(LAURYN_ERR_IO, name, 0, "cannot stat: %s",
                  systemError(err).c_str());
  }
  if (S_ISDIR(st.st_mode))
    return failAt(LAURYN_ERR_IO, name, 0, "is a directory, not a file");
  bytes = S_ISREG(st.st_mode) ? static_cast<uint64_t>(st.st_size) : UINT64_MAX;
  return LAURYN_OK;
}

int64_t InputFile::read(void *dst, size_t n) {
  size_t got = 0;
  char *out = static_cast<char *>(dst);
  while (got < n) {
    ssize_t r = ::read(fd, out + got, n - got);
    if (r < 0 && errno == EINTR)
      continue;
    if (r < 0) {
      int err = errno;
      failAt(LAURYN_ERR_IO, name, 0, "read failed: %s",
             systemError(err).c_str());
      return -1;
    }
    if (r == 0)
      break;
    got += static_cast<size_t>(r);
  }
  return static_cast<int64_t>(got);
}

int InputFile::readExactly(void *dst, size_t n, const char *what) {
  int64_t got = read(dst, n);
  if (got < 0)
    return LAURYN_ERR_IO;
  if (static_cast<size_t>(got) != n)
    return failAt(LAURYN_ERR_PARSE, name, 0,
                  "file truncated: %s needs %zu bytes, only %lld present",
                  what, n, static_cast<long long>(got));
  return LAURYN_OK;
}

int LineReader::next(std::string_view *line, bool *got) {
  *got = false;
  for (;;) {
    if (begin < end) {
      char *base = buf.data();
      if (void *nl = std::memchr(base + begin, '\n', end - begin)) {
        size_t stop = static_cast<size_t>(static_cast<char *>(nl) - base);
        size_t len = stop - begin;
        consumed += len + 1;
        if (len && base[begin + len - 1] == '\r')
          --len;
        *line = std::string_view(base + begin, len);
        begin = stop + 1;
        ++lineNo;
        *got = true;
        return LAURYN_OK;
      }
      if (eof) { // last line without a newline
        size_t len = end - begin;
        consumed += len;
        if (len && base[begin + len - 1] == '\r')
          --len;
        *line = std::string_view(base + begin, len);
        begin = end;
        ++lineNo;
        *got = true;
        return LAURYN_OK;
      }
    }
    if (eof)
      return LAURYN_OK;
    // Refill: keep the partial line at the front, grow if it fills the buffer.
    if (begin > 0) {
      if (end > begin)
        std::memmove(buf.data(), buf.data() + begin, end - begin);
      end -= begin;
      begin = 0;
    }
    if (end == buf.capacity()) {
      if (end > maxLine)
        return failAt(LAURYN_ERR_PARSE, file.path(), lineNo + 1,
                      "line longer than %zu bytes", maxLine);
      size_t want = buf.capacity() ? buf.capacity() * 2 : size_t(1) << 16;
      if (want > maxLine + 1)
        want = maxLine + 1;
      if (want <= end)
        want = end + 1;
      if (!buf.grow(want, end))
        return failAt(LAURYN_ERR_NO_MEMORY, file.path(), lineNo + 1,
                      "out of memory buffering a %zu-byte line", want);
    }
    int64_t n = file.read(buf.data() + end, buf.capacity() - end);
    if (n < 0)
      return LAURYN_ERR_IO;
    if (n == 0)
      eof = true;
    end += static_cast<size_t>(n);
  }
}

static bool isBlank(char c) { return c == ' ' || c == '\t'; }

int splitBlanks(std::string_view line, std::string_view *tokens, int max) {
  int n = 0;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && isBlank(line[i]))
      ++i;
    if (i == line.size())
      break;
    size_t start = i;
    while (i < line.size() && !isBlank(line[i]))
      ++i;
    if (n == max)
      return max + 1;
    tokens[n++] = line.substr(start, i - start);
  }
  return n;
}

std::string_view trimBlanks(std::string_view line) {
  size_t b = 0, e = line.size();
  while (b < e && isBlank(line[b]))
    ++b;
  while (e > b && isBlank(line[e - 1]))
    --e;
  return line.substr(b, e - b);
}

} // namespace lauryn::rt
