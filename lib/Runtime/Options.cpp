//===- Options.cpp - defaults and validation of read/write options --------===//

#include "Errors.h"
#include "MatrixInternal.h"

#include <cstring>

namespace lauryn::rt {

bool isValidDelimiter(char c) {
  // Anything that can be part of a number, a quote or a line break would make
  // splitting ambiguous.
  if (c == '\0' || c == '\n' || c == '\r' || c == '"' || c == '\'' ||
      c == '#' || c == '.' || c == '+' || c == '-')
    return false;
  if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
      (c >= 'A' && c <= 'Z'))
    return false;
  unsigned char u = static_cast<unsigned char>(c);
  return u < 0x80;
}

int resolveReadOptions(const lauryn_read_options *opts, const char *path,
                       char defaultDelimiter, ReadConfig *cfg) {
  lauryn_read_options o;
  lauryn_rt_read_options_init(&o);
  if (opts)
    o = *opts;
  if (o.format != LAURYN_FORMAT_AUTO && o.format != LAURYN_FORMAT_DENSE &&
      o.format != LAURYN_FORMAT_CSR)
    return failAt(LAURYN_ERR_INVALID_ARGUMENT, path, 0,
                  "invalid lauryn_read_options.format %d", o.format);
  if (!isValidDtype(o.dtype))
    return failAt(LAURYN_ERR_INVALID_ARGUMENT, path, 0,
                  "invalid lauryn_read_options.dtype %d", o.dtype);
  if (o.csv_header < LAURYN_CSV_HEADER_AUTO ||
      o.csv_header > LAURYN_CSV_HEADER_PRESENT)
    return failAt(LAURYN_ERR_INVALID_ARGUMENT, path, 0,
                  "invalid lauryn_read_options.csv_header %d", o.csv_header);
  if (o.csv_empty != LAURYN_CSV_EMPTY_ERROR &&
      o.csv_empty != LAURYN_CSV_EMPTY_NAN)
    return failAt(LAURYN_ERR_INVALID_ARGUMENT, path, 0,
                  "invalid lauryn_read_options.csv_empty %d", o.csv_empty);
  if (o.max_bytes < 0)
    return failAt(LAURYN_ERR_INVALID_ARGUMENT, path, 0,
                  "negative lauryn_read_options.max_bytes");
  char delim = o.csv_delimiter ? o.csv_delimiter : defaultDelimiter;
  if (!isValidDelimiter(delim))
    return failAt(LAURYN_ERR_INVALID_ARGUMENT, path, 0,
                  "invalid CSV delimiter %s",
                  quote(std::string_view(&delim, 1)).c_str());
  cfg->format = o.format;
  cfg->dtype = o.dtype;
  cfg->csvHeader = o.csv_header;
  cfg->csvEmpty = o.csv_empty;
  cfg->delimiter = delim;
  cfg->limits = Limits{effectiveMaxBytes(o.max_bytes)};
  return LAURYN_OK;
}

} // namespace lauryn::rt

extern "C" {

void lauryn_rt_read_options_init(lauryn_read_options *opts) {
  if (opts)
    std::memset(opts, 0, sizeof(*opts));
}

void lauryn_rt_write_options_init(lauryn_write_options *opts) {
  if (opts)
    std::memset(opts, 0, sizeof(*opts));
}

} // extern "C"
