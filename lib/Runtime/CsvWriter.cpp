//===- CsvWriter.cpp - CSV writer -----------------------------------------===//
//
// Every cell of every row, separated by the delimiter, one row per line
// ("\n"). CSR matrices are densified row by row (missing cells are 0).
// With csv_header = PRESENT a header row "V1,...,Vn" comes first.
//
//===----------------------------------------------------------------------===//

#include "Errors.h"
#include "MatrixInternal.h"
#include "Readers.h"
#include "Writers.h"

namespace lauryn::rt {
namespace {

template <typename T>
void writeRows(OutputFile &out, const lauryn_matrix *m, char delim) {
  const T *v = static_cast<const T *>(m->values);
  for (int64_t i = 0; i < m->rows; ++i) {
    int64_t k = 0, end = 0;
    if (m->format == LAURYN_FORMAT_CSR)
      k = m->positions[i], end = m->positions[i + 1];
    for (int64_t j = 0; j < m->cols; ++j) {
      if (j)
        out.put(delim);
      if (m->format == LAURYN_FORMAT_DENSE) {
        putValue(out, v[i * m->cols + j]);
      } else if (k < end && m->coordinates[k] == j) {
        putValue(out, v[k++]);
      } else {
        out.put('0');
      }
    }
    out.put('\n');
  }
}

} // namespace

int writeCsv(const char *path, const lauryn_matrix *m, char delimiter,
             bool header) {
  if (m->rows == 0 || m->cols == 0)
    return failAt(LAURYN_ERR_UNSUPPORTED, path, 0,
                  "CSV cannot represent a %lld x %lld matrix (no rows or no "
                  "columns); use .npy or .mtx",
                  static_cast<long long>(m->rows),
                  static_cast<long long>(m->cols));
  OutputFile out;
  if (int s = out.open(path))
    return s;
  if (header) {
    for (int64_t j = 0; j < m->cols; ++j) {
      if (j)
        out.put(delimiter);
      out.put('V');
      putInt(out, j + 1);
    }
    out.put('\n');
  }
  withDtype(m->dtype, [&](auto t) {
    writeRows<decltype(t)>(out, m, delimiter);
    return 0;
  });
  return out.commit();
}

} // namespace lauryn::rt

using namespace lauryn::rt;

extern "C" int lauryn_rt_write_csv(const char *path, const lauryn_matrix *m,
                                   const lauryn_write_options *opts) {
  clearError();
  char delim;
  bool header;
  if (int s = prepareWrite(path, m, opts, ',', &delim, &header))
    return s;
  return writeCsv(path, m, delim, header);
}
