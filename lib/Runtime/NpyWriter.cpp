//===- NpyWriter.cpp - NumPy .npy writer ----------------------------------===//
//
// Version 1.0, C order, shape (rows, cols), dtype <f8 <f4 <i8 <i4. The header
// is padded with blanks so that the data starts at a multiple of 64 bytes, as
// numpy does. CSR matrices are densified row by row.
//
//===----------------------------------------------------------------------===//

#include "Errors.h"
#include "MatrixInternal.h"
#include "Readers.h"
#include "Writers.h"

#include <cstdint>
#include <string>

namespace lauryn::rt {
namespace {

const char *descrOf(int dtype) {
  switch (dtype) {
  case LAURYN_F32:
    return "<f4";
  case LAURYN_I64:
    return "<i8";
  case LAURYN_I32:
    return "<i4";
  default:
    return "<f8";
  }
}

template <typename T> int writeData(OutputFile &out, const lauryn_matrix *m,
                                    const char *path) {
  const T *v = static_cast<const T *>(m->values);
  if (m->format == LAURYN_FORMAT_DENSE) {
    out.write(v, static_cast<size_t>(m->nnz) * sizeof(T));
    return LAURYN_OK;
  }
  Buffer<T> row;
  if (!row.allocate(static_cast<size_t>(m->cols)))
    return failAt(LAURYN_ERR_NO_MEMORY, path, 0, "out of memory for one row");
  for (int64_t i = 0; i < m->rows; ++i) {
    for (int64_t k = m->positions[i]; k < m->positions[i + 1]; ++k)
      row[static_cast<size_t>(m->coordinates[k])] = v[k];
    out.write(row.data(), static_cast<size_t>(m->cols) * sizeof(T));
    for (int64_t k = m->positions[i]; k < m->positions[i + 1]; ++k)
      row[static_cast<size_t>(m->coordinates[k])] = T(0);
  }
  return LAURYN_OK;
}

} // namespace

int writeNpy(const char *path, const lauryn_matrix *m) {
  OutputFile out;
  if (int s = out.open(path))
    return s;
  std::string header = std::string("{'descr': '") + descrOf(m->dtype) +
                       "', 'fortran_order': False, 'shape': (" +
                       std::to_string(m->rows) + ", " +
                       std::to_string(m->cols) + "), }";
  // magic(6) + version(2) + length(2) + header + padding + '\n' = k * 64.
  size_t total = 10 + header.size() + 1;
  size_t padded = (total + 63) / 64 * 64;
  header.append(padded - total, ' ');
  header += '\n';
  uint16_t len = static_cast<uint16_t>(header.size());
  const unsigned char preamble[10] = {0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0,
                                      static_cast<unsigned char>(len & 0xff),
                                      static_cast<unsigned char>(len >> 8)};
  out.write(preamble, sizeof(preamble));
  out.put(header);
  int s = withDtype(m->dtype, [&](auto t) {
    return writeData<decltype(t)>(out, m, path);
  });
  if (s)
    return s;
  return out.commit();
}

} // namespace lauryn::rt

using namespace lauryn::rt;

extern "C" int lauryn_rt_write_npy(const char *path, const lauryn_matrix *m,
                                   const lauryn_write_options *opts) {
  clearError();
  char delim;
  bool header;
  if (int s = prepareWrite(path, m, opts, ',', &delim, &header))
    return s;
  return writeNpy(path, m);
}
