#include "api/data_format.h"

#include "absl/strings/match.h"

namespace parley {

std::optional<DataFormat> DataFormatByName(std::string_view name) {
  const absl::string_view text(name.data(), name.size());
  if (absl::EqualsIgnoreCase(text, "capnp") || absl::EqualsIgnoreCase(text, "pdump")) {
    return DataFormat::kDump;
  }
  // The text formats' names are the RDF readers' (formats/rdf/rdf_format.h).
  absl::StatusOr<engine::io::RdfFormat> format = engine::io::RdfFormatFromName(name);
  if (!format.ok()) return std::nullopt;
  switch (*format) {
    case engine::io::RdfFormat::kNTriples:
      return DataFormat::kNTriples;
    case engine::io::RdfFormat::kNQuads:
      return DataFormat::kNQuads;
    case engine::io::RdfFormat::kTurtle:
      return DataFormat::kTurtle;
    case engine::io::RdfFormat::kTrig:
      return DataFormat::kTriG;
  }
  return std::nullopt;
}

std::string_view DataFormatName(DataFormat format) {
  switch (format) {
    case DataFormat::kNTriples:
      return "ntriples";
    case DataFormat::kNQuads:
      return "nquads";
    case DataFormat::kTurtle:
      return "turtle";
    case DataFormat::kTriG:
      return "trig";
    case DataFormat::kDump:
      return "capnp";
  }
  return "?";
}

namespace api {

engine::io::RdfFormat TextFormat(DataFormat format) {
  switch (format) {
    case DataFormat::kNTriples:
      return engine::io::RdfFormat::kNTriples;
    case DataFormat::kNQuads:
      return engine::io::RdfFormat::kNQuads;
    case DataFormat::kTurtle:
      return engine::io::RdfFormat::kTurtle;
    case DataFormat::kTriG:
    case DataFormat::kDump:  // not a text format (REQUIRES)
      return engine::io::RdfFormat::kTrig;
  }
  return engine::io::RdfFormat::kNQuads;
}

}  // namespace api
}  // namespace parley
