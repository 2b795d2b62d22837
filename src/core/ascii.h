// ASCII case folding for protocol tokens (header names, RFC 8601 keywords, host names, config
// keys): byte-wise, locale-independent, leaves every non-ASCII byte alone. Text meant for
// people is folded with ICU in src/text instead.
#pragma once

#include <string>
#include <string_view>

namespace becguard {

inline char AsciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

inline std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = AsciiLower(c);
  return out;
}

inline bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (AsciiLower(a[i]) != AsciiLower(b[i])) return false;
  }
  return true;
}

}  // namespace becguard
