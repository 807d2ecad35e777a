//===- Numbers.h - locale-independent number parsing/printing --*- C++ -*-===//
//
// Tokens are parsed with std::from_chars (no locale, no allocation) and must
// be consumed completely. A leading '+' is accepted. Floating-point tokens
// may be "inf", "infinity" or "nan" (any case, optionally signed).
//
//===----------------------------------------------------------------------===//

#ifndef LAURYN_LIB_RUNTIME_NUMBERS_H
#define LAURYN_LIB_RUNTIME_NUMBERS_H

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace lauryn::rt {

enum class NumErr {
  Ok,
  Syntax,     ///< not a number of the expected kind
  Range,      ///< a number, but not representable in the target type
  NotInteger, ///< a real number where an integer is required
};

/// [+-]?[0-9]+
bool isIntegerToken(std::string_view s);
NumErr parseInt64(std::string_view s, int64_t *out);
/// [+]?[0-9]+ (no minus sign).
NumErr parseUInt64(std::string_view s, uint64_t *out);
/// Decimal floating point; overflow is Range, underflow rounds (to 0 or a
/// subnormal) as IEEE-754 requires.
NumErr parseDouble(std::string_view s, double *out);
NumErr parseFloat(std::string_view s, float *out);

/// Parses `s` into a value of type T (double, float, int64_t, int32_t).
/// Floats: correctly rounded from the decimal token. Integers: an integer
/// token in range, or a real token with a finite integral value in range
/// (else NotInteger / Range).
template <typename T> NumErr parseValue(std::string_view s, T *out);

/// Shortest text that reads back to the same value ("nan", "inf", "-inf"
/// for non-finite values). `buf` needs 32 bytes; returns the length.
size_t formatValue(double v, char *buf);
size_t formatValue(float v, char *buf);
size_t formatValue(int64_t v, char *buf);
size_t formatValue(int32_t v, char *buf);

} // namespace lauryn::rt

#endif // LAURYN_LIB_RUNTIME_NUMBERS_H
