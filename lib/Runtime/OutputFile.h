//===- OutputFile.h - all-or-nothing file output ----------------*- C++ -*-===//
//
// Writes go to a temporary file created next to the destination (same
// directory, hence same file system); commit() flushes, fsyncs and renames it
// over the destination. Without a successful commit() the temporary file is
// removed and the destination is untouched.
//
//===----------------------------------------------------------------------===//

#ifndef LAURYN_LIB_RUNTIME_OUTPUTFILE_H
#define LAURYN_LIB_RUNTIME_OUTPUTFILE_H

#include "Memory.h"

#include <string>
#include <string_view>

namespace lauryn::rt {

class OutputFile {
public:
  OutputFile() = default;
  OutputFile(const OutputFile &) = delete;
  OutputFile &operator=(const OutputFile &) = delete;
  /// Removes the temporary file unless commit() succeeded.
  ~OutputFile();

  int open(const char *path);
  /// Buffered writes; a failure is remembered and reported by commit().
  void write(const void *data, size_t n);
  void put(std::string_view s) { write(s.data(), s.size()); }
  void put(char c) {
    if (used == capacity)
      flush();
    if (used < capacity)
      buffer[used++] = c;
  }
  /// Flushes, syncs, closes and renames onto the destination.
  int commit();

private:
  void flush();
  void discard();

  int fd = -1;
  int error = 0;
  bool committed = false;
  std::string target, temp;
  Buffer<char> storage;
  char *buffer = nullptr;
  size_t used = 0, capacity = 0;
};

} // namespace lauryn::rt

#endif // LAURYN_LIB_RUNTIME_OUTPUTFILE_H
