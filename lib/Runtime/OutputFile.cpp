//===- OutputFile.cpp - all-or-nothing file output ------------------------===//

#include "OutputFile.h"

#include "Errors.h"
#include "lauryn/Runtime/LaurynRuntime.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace lauryn::rt {
namespace {

/// The process umask, read without changing it (Linux >= 4.7); 022 otherwise.
mode_t currentUmask() {
  FILE *f = std::fopen("/proc/self/status", "re");
  mode_t mask = 022;
  if (!f)
    return mask;
  char line[256];
  while (std::fgets(line, sizeof(line), f)) {
    unsigned value;
    if (std::sscanf(line, "Umask: %o", &value) == 1) {
      mask = static_cast<mode_t>(value);
      break;
    }
  }
  std::fclose(f);
  return mask;
}

} // namespace

OutputFile::~OutputFile() {
  if (!committed)
    discard();
}

void OutputFile::discard() {
  if (fd >= 0)
    ::close(fd);
  fd = -1;
  if (!temp.empty())
    ::unlink(temp.c_str());
  temp.clear();
}

int OutputFile::open(const char *path) {
  if (!path || !*path)
    return fail(LAURYN_ERR_INVALID_ARGUMENT, "empty or NULL file path");
  target = path;
  struct stat st;
  bool exists = ::stat(path, &st) == 0;
  if (exists && S_ISDIR(st.st_mode))
    return failAt(LAURYN_ERR_IO, path, 0, "is a directory, not a file");
  std::string dir = ".", base = target;
  if (size_t slash = target.rfind('/'); slash != std::string::npos) {
    dir = slash == 0 ? "/" : target.substr(0, slash);
    base = target.substr(slash + 1);
  }
  if (base.empty())
    return failAt(LAURYN_ERR_INVALID_ARGUMENT, path, 0,
                  "path names a directory, not a file");
  std::string pattern = (dir == "/" ? "" : dir) + "/." + base + ".tmp.XXXXXX";
  temp = pattern;
  fd = mkostemp(temp.data(), O_CLOEXEC);
  if (fd < 0) {
    int err = errno;
    temp.clear();
    return failAt(LAURYN_ERR_IO, path, 0,
                  "cannot create a temporary file in '%s': %s", dir.c_str(),
                  systemError(err).c_str());
  }
  // mkstemp creates mode 0600; give the file the mode a plain creat() would
  // (or keep the mode of the file being replaced).
  mode_t mode = exists ? (st.st_mode & 07777) : (0666 & ~currentUmask());
  if (fchmod(fd, mode) != 0) {
    int err = errno;
    return failAt(LAURYN_ERR_IO, path, 0, "cannot set file mode: %s",
                  systemError(err).c_str());
  }
  if (!storage.allocate(size_t(1) << 20, false)) {
    return failAt(LAURYN_ERR_NO_MEMORY, path, 0,
                  "out of memory for the output buffer");
  }
  buffer = storage.data();
  capacity = storage.capacity();
  return LAURYN_OK;
}

void OutputFile::flush() {
  size_t done = 0;
  while (!error && done < used) {
    ssize_t w = ::write(fd, buffer + done, used - done);
    if (w < 0 && errno == EINTR)
      continue;
    if (w < 0) {
      error = errno;
      break;
    }
    done += static_cast<size_t>(w);
  }
  used = 0;
  if (error) // stop buffering; everything else is discarded
    capacity = 0;
}

void OutputFile::write(const void *data, size_t n) {
  const char *p = static_cast<const char *>(data);
  while (n && !error) {
    if (used == capacity)
      flush();
    if (error)
      return;
    size_t chunk = capacity - used < n ? capacity - used : n;
    std::memcpy(buffer + used, p, chunk);
    used += chunk;
    p += chunk;
    n -= chunk;
  }
}

int OutputFile::commit() {
  if (fd < 0)
    return failAt(LAURYN_ERR_IO, target.c_str(), 0, "file is not open");
  flush();
  if (!error && fsync(fd) != 0)
    error = errno;
  if (::close(fd) != 0 && !error)
    error = errno;
  fd = -1;
  if (error) {
    discard();
    return failAt(LAURYN_ERR_IO, target.c_str(), 0,
                  "write failed: %s (destination left unchanged)",
                  systemError(error).c_str());
  }
  if (::rename(temp.c_str(), target.c_str()) != 0) {
    int err = errno;
    discard();
    return failAt(LAURYN_ERR_IO, target.c_str(), 0,
                  "cannot rename the temporary file onto the destination: %s",
                  systemError(err).c_str());
  }
  temp.clear();
  committed = true;
  return LAURYN_OK;
}

} // namespace lauryn::rt
