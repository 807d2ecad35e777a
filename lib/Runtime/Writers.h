//===- Writers.h - helpers shared by the format writers ---------*- C++ -*-===//

#ifndef LAURYN_LIB_RUNTIME_WRITERS_H
#define LAURYN_LIB_RUNTIME_WRITERS_H

#include "Numbers.h"
#include "OutputFile.h"

namespace lauryn::rt {

/// Writes the shortest round-trip text of `v`.
template <typename T> void putValue(OutputFile &out, T v) {
  char buf[32];
  out.write(buf, formatValue(v, buf));
}

inline void putInt(OutputFile &out, int64_t v) { putValue(out, v); }

/// Checks the matrix and the write options; resolves the delimiter.
int prepareWrite(const char *path, const lauryn_matrix *m,
                 const lauryn_write_options *opts, char defaultDelimiter,
                 char *delimiter, bool *header);

} // namespace lauryn::rt

#endif // LAURYN_LIB_RUNTIME_WRITERS_H
