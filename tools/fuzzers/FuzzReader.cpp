//===- FuzzReader.cpp - libFuzzer target: one liblauryn_rt file reader ----===//
//
// Built once per format (LAURYN_FUZZ_FORMAT_*). The input bytes become a file
// (an in-memory memfd, opened by path like any file) that the reader must
// either read into a valid matrix or reject with a message -- never crash,
// never allocate beyond its cap. A matrix it accepts is validated, converted
// to the other format and written back.
//
//===----------------------------------------------------------------------===//

#include "lauryn/Runtime/LaurynRuntime.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <sys/mman.h>
#include <unistd.h>

namespace {

int readFile(const char *path, const lauryn_read_options *opts, lauryn_matrix **out) {
#if defined(LAURYN_FUZZ_FORMAT_matrix_market)
  return lauryn_rt_read_matrix_market(path, opts, out);
#elif defined(LAURYN_FUZZ_FORMAT_csv)
  return lauryn_rt_read_csv(path, opts, out);
#else
  return lauryn_rt_read_npy(path, opts, out);
#endif
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  int fd = memfd_create("lauryn-fuzz", 0);
  if (fd < 0)
    return 0;
  size_t written = 0;
  while (written < size) {
    ssize_t n = write(fd, data + written, size - written);
    if (n <= 0)
      break;
    written += size_t(n);
  }
  std::string path = "/proc/self/fd/" + std::to_string(fd);
  lauryn_read_options opts;
  lauryn_rt_read_options_init(&opts);
  opts.max_bytes = int64_t(64) << 20; // keep the fuzzer's memory bounded
  // The first byte (when present) varies the requested element type.
  if (size > 0)
    opts.dtype = data[0] % 4;
  lauryn_matrix *m = nullptr;
  if (readFile(path.c_str(), &opts, &m) == LAURYN_OK) {
    if (lauryn_rt_matrix_validate(m) != LAURYN_OK) {
      std::fprintf(stderr, "reader accepted an invalid matrix: %s\n", lauryn_rt_last_error());
      std::abort();
    }
    lauryn_matrix *other = nullptr;
    int format = m->format == LAURYN_FORMAT_CSR ? LAURYN_FORMAT_DENSE : LAURYN_FORMAT_CSR;
    if (int64_t(m->rows) * int64_t(m->cols) <= (int64_t(1) << 20) &&
        lauryn_rt_matrix_convert(m, format, LAURYN_F64, &other) == LAURYN_OK) {
      char out[] = "/tmp/lauryn-fuzz-XXXXXX.mtx";
      int ofd = mkstemps(out, 4);
      if (ofd >= 0) {
        close(ofd);
        if (lauryn_rt_write(out, other, nullptr) != LAURYN_OK) {
          std::fprintf(stderr, "writing a valid matrix failed: %s\n", lauryn_rt_last_error());
          std::abort();
        }
        unlink(out);
      }
      lauryn_rt_matrix_free(other);
    }
    lauryn_rt_matrix_free(m);
  } else if (lauryn_rt_last_error()[0] == '\0') {
    std::fprintf(stderr, "a failed read left no message\n");
    std::abort();
  }
  close(fd);
  return 0;
}
