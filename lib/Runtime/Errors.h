//===- Errors.h - thread-local error state of liblauryn_rt ------*- C++ -*-===//
//
// Every failing entry point records one message (file, line, problem) in a
// thread-local string and returns a non-zero lauryn_status.
//
//===----------------------------------------------------------------------===//

#ifndef LAURYN_LIB_RUNTIME_ERRORS_H
#define LAURYN_LIB_RUNTIME_ERRORS_H

#include <cstdint>
#include <string>
#include <string_view>

namespace lauryn::rt {

/// Records `fmt` as the thread's error message and returns `status`.
int fail(int status, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/// Like fail(), with the prefix "path:line: " (or "path: " when line <= 0).
int failAt(int status, const char *path, int64_t line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/// Clears the thread's error message (called at the start of every API call).
void clearError();

/// strerror(err), thread-safe.
std::string systemError(int err);

/// `token` quoted for a message: at most 40 characters, non-printable bytes
/// escaped as \xNN, "..." appended when truncated.
std::string quote(std::string_view token);

} // namespace lauryn::rt

#endif // LAURYN_LIB_RUNTIME_ERRORS_H
