// absl::StrCat that also takes std::string_view (Debian's abseil has its own
// string_view type, see NOTES-deps P5).
#pragma once

#include <string>
#include <string_view>

#include "absl/strings/str_cat.h"

namespace parley::engine::io {

inline absl::string_view ToAbsl(std::string_view s) {
  return absl::string_view(s.data(), s.size());
}

template <typename T>
const T& ToAbslArg(const T& value) {
  return value;
}
inline absl::string_view ToAbslArg(std::string_view s) { return ToAbsl(s); }

template <typename... Args>
std::string Cat(const Args&... args) {
  return absl::StrCat(ToAbslArg(args)...);
}

}  // namespace parley::engine::io
