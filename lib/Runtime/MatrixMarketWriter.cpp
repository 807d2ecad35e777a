//===- MatrixMarketWriter.cpp - Matrix Market (.mtx) writer ---------------===//
//
// CSR -> "%%MatrixMarket matrix coordinate <real|integer> general" with
// 1-based entries in row order; DENSE -> "%%MatrixMarket matrix array
// <real|integer> general" with values in column-major order. Floating-point
// values are printed in their shortest round-trip form.
//
//===----------------------------------------------------------------------===//

#include "Errors.h"
#include "MatrixInternal.h"
#include "Readers.h"
#include "Writers.h"

namespace lauryn::rt {
namespace {

template <typename T> void writeBody(OutputFile &out, const lauryn_matrix *m) {
  const T *v = static_cast<const T *>(m->values);
  if (m->format == LAURYN_FORMAT_CSR) {
    for (int64_t i = 0; i < m->rows; ++i)
      for (int64_t k = m->positions[i]; k < m->positions[i + 1]; ++k) {
        putInt(out, i + 1);
        out.put(' ');
        putInt(out, m->coordinates[k] + 1);
        out.put(' ');
        putValue(out, v[k]);
        out.put('\n');
      }
    return;
  }
  for (int64_t j = 0; j < m->cols; ++j)
    for (int64_t i = 0; i < m->rows; ++i) {
      putValue(out, v[i * m->cols + j]);
      out.put('\n');
    }
}

} // namespace

int writeMatrixMarket(const char *path, const lauryn_matrix *m) {
  OutputFile out;
  if (int s = out.open(path))
    return s;
  bool csr = m->format == LAURYN_FORMAT_CSR;
  bool integer = m->dtype == LAURYN_I64 || m->dtype == LAURYN_I32;
  out.put("%%MatrixMarket matrix ");
  out.put(csr ? "coordinate " : "array ");
  out.put(integer ? "integer general\n" : "real general\n");
  out.put("% written by liblauryn_rt ");
  out.put(lauryn_rt_version());
  out.put(" (");
  out.put(dtypeName(m->dtype));
  out.put(")\n");
  putInt(out, m->rows);
  out.put(' ');
  putInt(out, m->cols);
  if (csr) {
    out.put(' ');
    putInt(out, m->nnz);
  }
  out.put('\n');
  withDtype(m->dtype, [&](auto t) {
    writeBody<decltype(t)>(out, m);
    return 0;
  });
  return out.commit();
}

} // namespace lauryn::rt

using namespace lauryn::rt;

extern "C" int lauryn_rt_write_matrix_market(const char *path,
                                             const lauryn_matrix *m,
                                             const lauryn_write_options *opts) {
  clearError();
  char delim;
  bool header;
  if (int s = prepareWrite(path, m, opts, ',', &delim, &header))
    return s;
  return writeMatrixMarket(path, m);
}
