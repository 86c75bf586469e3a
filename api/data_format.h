// How a load or an export picks its format (parley::DataFormat): the dump
// format's file names, and the text formats as the RDF readers and writers
// know them.
#pragma once

#include <string_view>

#include "formats/rdf/rdf_format.h"
#include "parley/load.h"

namespace parley::api {

// The file names `parley export` writes dumps under: .pdump, .pdump.zst.
inline bool HasDumpExtension(std::string_view path) {
  return path.ends_with(".pdump") || path.ends_with(".pdump.zst");
}

// REQUIRES: `format` is a text format (not DataFormat::kDump).
engine::io::RdfFormat TextFormat(DataFormat format);

}  // namespace parley::api
