//===- Errors.cpp - error messages and status names -----------------------===//

#include "Errors.h"

#include "lauryn/Runtime/LaurynRuntime.h"

#include <cstdarg>
#include <cstdio>
#include <cstring>

namespace lauryn::rt {
namespace {

thread_local std::string lastError;

void vrecord(const char *prefix, const char *fmt, va_list args) {
  char small[512];
  va_list copy;
  va_copy(copy, args);
  int n = std::vsnprintf(small, sizeof(small), fmt, copy);
  va_end(copy);
  lastError.assign(prefix);
  if (n < 0)
    lastError += "(unformattable error message)";
  else if (static_cast<size_t>(n) < sizeof(small))
    lastError.append(small, static_cast<size_t>(n));
  else {
    std::string big(static_cast<size_t>(n) + 1, '\0');
    std::vsnprintf(big.data(), big.size(), fmt, args);
    big.resize(static_cast<size_t>(n));
    lastError += big;
  }
}

// GNU and XSI strerror_r differ in their return type; accept both.
[[maybe_unused]] const char *strerrorResult(int rc, const char *buf) {
  return rc == 0 ? buf : "unknown error";
}
[[maybe_unused]] const char *strerrorResult(const char *msg, const char *) {
  return msg;
}

} // namespace

int fail(int status, const char *fmt, ...) {
  va_list args;
  va_start(args, fmt);
  vrecord("", fmt, args);
  va_end(args);
  return status;
}

int failAt(int status, const char *path, int64_t line, const char *fmt, ...) {
  std::string prefix = path ? path : "(null)";
  if (line > 0)
    prefix += ":" + std::to_string(line);
  prefix += ": ";
  va_list args;
  va_start(args, fmt);
  vrecord(prefix.c_str(), fmt, args);
  va_end(args);
  return status;
}

void clearError() { lastError.clear(); }

std::string systemError(int err) {
  char buf[256];
  buf[0] = '\0';
  return strerrorResult(strerror_r(err, buf, sizeof(buf)), buf);
}

std::string quote(std::string_view token) {
  constexpr size_t maxChars = 40;
  std::string out = "'";
  size_t shown = 0;
  for (char c : token) {
    if (shown == maxChars) {
      out += "...";
      break;
    }
    unsigned char u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u < 0x7f && c != '\'' && c != '\\') {
      out += c;
    } else {
      char esc[8];
      std::snprintf(esc, sizeof(esc), "\\x%02x", u);
      out += esc;
    }
    ++shown;
  }
  out += "'";
  return out;
}

} // namespace lauryn::rt

using namespace lauryn::rt;

extern "C" {

const char *lauryn_rt_version(void) { return "0.1.0"; }

const char *lauryn_rt_last_error(void) { return lastError.c_str(); }

void lauryn_rt_clear_error(void) { clearError(); }

const char *lauryn_rt_status_name(int status) {
  switch (status) {
  case LAURYN_OK:
    return "LAURYN_OK";
  case LAURYN_ERR_INVALID_ARGUMENT:
    return "LAURYN_ERR_INVALID_ARGUMENT";
  case LAURYN_ERR_IO:
    return "LAURYN_ERR_IO";
  case LAURYN_ERR_PARSE:
    return "LAURYN_ERR_PARSE";
  case LAURYN_ERR_UNSUPPORTED:
    return "LAURYN_ERR_UNSUPPORTED";
  case LAURYN_ERR_RANGE:
    return "LAURYN_ERR_RANGE";
  case LAURYN_ERR_TOO_LARGE:
    return "LAURYN_ERR_TOO_LARGE";
  case LAURYN_ERR_NO_MEMORY:
    return "LAURYN_ERR_NO_MEMORY";
  default:
    return "unknown status";
  }
}

} // extern "C"
