//===- Dispatch.cpp - format selection by file extension ------------------===//

#include "Errors.h"
#include "Readers.h"
#include "Writers.h"

#include <string>

namespace lauryn::rt {
namespace {

enum class Kind { Unknown, MatrixMarket, Csv, Tsv, Npy };

Kind kindOf(const char *path) {
  std::string p = path;
  size_t slash = p.rfind('/');
  size_t dot = p.rfind('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash))
    return Kind::Unknown;
  std::string ext = p.substr(dot + 1);
  for (char &c : ext)
    if (c >= 'A' && c <= 'Z')
      c = static_cast<char>(c - 'A' + 'a');
  if (ext == "mtx" || ext == "mm")
    return Kind::MatrixMarket;
  if (ext == "csv")
    return Kind::Csv;
  if (ext == "tsv")
    return Kind::Tsv;
  if (ext == "npy")
    return Kind::Npy;
  return Kind::Unknown;
}

int unknownKind(const char *path) {
  return failAt(LAURYN_ERR_UNSUPPORTED, path, 0,
                "cannot tell the file format from the extension (expected "
                ".mtx, .mm, .csv, .tsv or .npy); call the format's function "
                "directly");
}

} // namespace

int prepareWrite(const char *path, const lauryn_matrix *m,
                 const lauryn_write_options *opts, char defaultDelimiter,
                 char *delimiter, bool *header) {
  if (!path || !*path)
    return fail(LAURYN_ERR_INVALID_ARGUMENT, "empty or NULL output path");
  if (int s = validateMatrix(m, path))
    return s;
  lauryn_write_options o;
  lauryn_rt_write_options_init(&o);
  if (opts)
    o = *opts;
  char d = o.csv_delimiter ? o.csv_delimiter : defaultDelimiter;
  if (!isValidDelimiter(d))
    return failAt(LAURYN_ERR_INVALID_ARGUMENT, path, 0,
                  "invalid CSV delimiter %s",
                  quote(std::string_view(&d, 1)).c_str());
  if (o.csv_header < LAURYN_CSV_HEADER_AUTO ||
      o.csv_header > LAURYN_CSV_HEADER_PRESENT)
    return failAt(LAURYN_ERR_INVALID_ARGUMENT, path, 0,
                  "invalid lauryn_write_options.csv_header %d", o.csv_header);
  *delimiter = d;
  *header = o.csv_header == LAURYN_CSV_HEADER_PRESENT;
  return LAURYN_OK;
}

} // namespace lauryn::rt

using namespace lauryn::rt;

extern "C" {

int lauryn_rt_read(const char *path, const lauryn_read_options *opts,
                   lauryn_matrix **out) {
  clearError();
  if (!out)
    return fail(LAURYN_ERR_INVALID_ARGUMENT, "lauryn_rt_read: out is NULL");
  *out = nullptr;
  if (!path || !*path)
    return fail(LAURYN_ERR_INVALID_ARGUMENT, "empty or NULL file path");
  Kind kind = kindOf(path);
  if (kind == Kind::Unknown)
    return unknownKind(path);
  ReadConfig cfg;
  if (int s = resolveReadOptions(opts, path, kind == Kind::Tsv ? '\t' : ',',
                                 &cfg))
    return s;
  switch (kind) {
  case Kind::MatrixMarket:
    return readMatrixMarket(path, cfg, out);
  case Kind::Npy:
    return readNpy(path, cfg, out);
  default:
    return readCsv(path, cfg, out);
  }
}

int lauryn_rt_write(const char *path, const lauryn_matrix *m,
                    const lauryn_write_options *opts) {
  clearError();
  if (!path || !*path)
    return fail(LAURYN_ERR_INVALID_ARGUMENT, "empty or NULL output path");
  Kind kind = kindOf(path);
  if (kind == Kind::Unknown)
    return unknownKind(path);
  char delim;
  bool header;
  if (int s = prepareWrite(path, m, opts, kind == Kind::Tsv ? '\t' : ',',
                           &delim, &header))
    return s;
  switch (kind) {
  case Kind::MatrixMarket:
    return writeMatrixMarket(path, m);
  case Kind::Npy:
    return writeNpy(path, m);
  default:
    return writeCsv(path, m, delim, header);
  }
}

} // extern "C"
