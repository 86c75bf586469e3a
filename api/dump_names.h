// How a load or an export tells Parley's dump format from the W3C text
// formats by name: the --format names and the file extensions.
#pragma once

#include <string_view>

namespace parley::api {

// --format names that select the dump format.
inline bool IsDumpFormatName(std::string_view format) {
  return format == "capnp" || format == "pdump";
}

// The file names `parley export` writes dumps under: .pdump, .pdump.zst.
inline bool HasDumpExtension(std::string_view path) {
  return path.ends_with(".pdump") || path.ends_with(".pdump.zst");
}

}  // namespace parley::api
