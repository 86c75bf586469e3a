// Small string helpers for the parser. Debian's abseil has its own
// absl::string_view (not std::string_view), so absl::StrCat and the
// absl::Ascii* functions do not take std::string_view: these do.
#pragma once

#include <string>
#include <string_view>

#include "absl/strings/str_cat.h"

namespace parley::query {

inline absl::string_view ToAbsl(std::string_view s) {
  return absl::string_view(s.data(), s.size());
}

template <typename T>
const T& ToAbslArg(const T& value) {
  return value;
}
inline absl::string_view ToAbslArg(std::string_view s) { return ToAbsl(s); }

// absl::StrCat accepting std::string_view too.
template <typename... Args>
std::string Cat(const Args&... args) {
  return absl::StrCat(ToAbslArg(args)...);
}

inline char AsciiUpper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c; }
inline char AsciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

inline bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (AsciiLower(a[i]) != AsciiLower(b[i])) return false;
  }
  return true;
}

inline std::string ToUpper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = AsciiUpper(c);
  return out;
}

inline std::string ToLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = AsciiLower(c);
  return out;
}

}  // namespace parley::query
