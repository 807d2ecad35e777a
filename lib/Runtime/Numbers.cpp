//===- Numbers.cpp - locale-independent number parsing/printing -----------===//

#include "Numbers.h"

#include <charconv>
#include <clocale>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <locale.h>
#include <string>
#include <system_error>

namespace lauryn::rt {
namespace {

/// Drops one leading '+' unless another sign follows.
std::string_view dropPlus(std::string_view s) {
  if (s.size() >= 2 && s[0] == '+' && s[1] != '+' && s[1] != '-')
    return s.substr(1);
  return s;
}

locale_t cLocale() {
  static locale_t loc = newlocale(LC_ALL_MASK, "C", static_cast<locale_t>(0));
  return loc;
}

/// from_chars reports both overflow and underflow as out of range; strtod in
/// the C locale tells them apart (HUGE_VAL on overflow).
template <typename F> NumErr resolveOutOfRange(std::string_view s, F *out) {
  locale_t loc = cLocale();
  if (!loc)
    return NumErr::Range;
  std::string copy(s);
  char *end = nullptr;
  F v;
  if constexpr (sizeof(F) == sizeof(double))
    v = strtod_l(copy.c_str(), &end, loc);
  else
    v = strtof_l(copy.c_str(), &end, loc);
  if (end != copy.c_str() + copy.size() || std::isinf(v))
    return NumErr::Range;
  *out = v;
  return NumErr::Ok;
}

template <typename F> NumErr parseFloating(std::string_view s, F *out) {
  s = dropPlus(s);
  if (s.empty())
    return NumErr::Syntax;
  F v;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v,
                                   std::chars_format::general);
  if (ptr != s.data() + s.size() ||
      (ec != std::errc() && ec != std::errc::result_out_of_range))
    return NumErr::Syntax;
  if (ec == std::errc::result_out_of_range)
    return resolveOutOfRange(s, out);
  *out = v;
  return NumErr::Ok;
}

template <typename I> NumErr parseIntegral(std::string_view s, I *out) {
  s = dropPlus(s);
  if (s.empty())
    return NumErr::Syntax;
  I v;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v, 10);
  if (ptr != s.data() + s.size())
    return NumErr::Syntax;
  if (ec == std::errc::result_out_of_range)
    return NumErr::Range;
  if (ec != std::errc())
    return NumErr::Syntax;
  *out = v;
  return NumErr::Ok;
}

template <typename I> NumErr parseToInteger(std::string_view s, I *out) {
  constexpr int64_t lo = std::numeric_limits<I>::min();
  constexpr int64_t hi = std::numeric_limits<I>::max();
  if (isIntegerToken(s)) {
    int64_t v;
    if (NumErr e = parseInt64(s, &v); e != NumErr::Ok)
      return e;
    if (v < lo || v > hi)
      return NumErr::Range;
    *out = static_cast<I>(v);
    return NumErr::Ok;
  }
  double d;
  if (NumErr e = parseDouble(s, &d); e != NumErr::Ok)
    return e;
  if (!std::isfinite(d) || std::trunc(d) != d)
    return NumErr::NotInteger;
  // [lo, hi] for int32; [-2^63, 2^63) for int64 (2^63 is not representable).
  if (d < static_cast<double>(lo) || d >= -static_cast<double>(lo) ||
      d > static_cast<double>(hi))
    return NumErr::Range;
  *out = static_cast<I>(d);
  return NumErr::Ok;
}

template <typename T> size_t formatWith(T v, char *buf) {
  auto res = std::to_chars(buf, buf + 32, v);
  return static_cast<size_t>(res.ptr - buf);
}

size_t formatFloating(double v, bool isFloat, char *buf) {
  if (std::isnan(v)) {
    buf[0] = 'n', buf[1] = 'a', buf[2] = 'n';
    return 3;
  }
  if (std::isinf(v)) {
    size_t n = 0;
    if (v < 0)
      buf[n++] = '-';
    buf[n++] = 'i', buf[n++] = 'n', buf[n++] = 'f';
    return n;
  }
  return isFloat ? formatWith(static_cast<float>(v), buf) : formatWith(v, buf);
}

} // namespace

bool isIntegerToken(std::string_view s) {
  size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-'))
    ++i;
  if (i == s.size())
    return false;
  for (; i < s.size(); ++i)
    if (s[i] < '0' || s[i] > '9')
      return false;
  return true;
}

NumErr parseInt64(std::string_view s, int64_t *out) {
  if (!isIntegerToken(s))
    return NumErr::Syntax;
  return parseIntegral(s, out);
}

NumErr parseUInt64(std::string_view s, uint64_t *out) {
  if (!isIntegerToken(s) || s[0] == '-')
    return NumErr::Syntax;
  return parseIntegral(s, out);
}

NumErr parseDouble(std::string_view s, double *out) {
  return parseFloating(s, out);
}
NumErr parseFloat(std::string_view s, float *out) {
  return parseFloating(s, out);
}

template <> NumErr parseValue<double>(std::string_view s, double *out) {
  return parseDouble(s, out);
}
template <> NumErr parseValue<float>(std::string_view s, float *out) {
  return parseFloat(s, out);
}
template <> NumErr parseValue<int64_t>(std::string_view s, int64_t *out) {
  return parseToInteger(s, out);
}
template <> NumErr parseValue<int32_t>(std::string_view s, int32_t *out) {
  return parseToInteger(s, out);
}

size_t formatValue(double v, char *buf) { return formatFloating(v, false, buf); }
size_t formatValue(float v, char *buf) { return formatFloating(v, true, buf); }
size_t formatValue(int64_t v, char *buf) { return formatWith(v, buf); }
size_t formatValue(int32_t v, char *buf) { return formatWith(v, buf); }

} // namespace lauryn::rt
