#include "api/data_format.h"

#include <array>
#include <utility>

#include "absl/strings/match.h"

namespace parley {

std::optional<DataFormat> DataFormatByName(std::string_view name) {
  static constexpr std::array<std::pair<std::string_view, DataFormat>, 10> kNames = {{
      {"ntriples", DataFormat::kNTriples},
      {"nt", DataFormat::kNTriples},
      {"n-triples", DataFormat::kNTriples},
      {"nquads", DataFormat::kNQuads},
      {"nq", DataFormat::kNQuads},
      {"turtle", DataFormat::kTurtle},
      {"ttl", DataFormat::kTurtle},
      {"trig", DataFormat::kTriG},
      {"capnp", DataFormat::kDump},
      {"pdump", DataFormat::kDump},
  }};
  for (const auto& [known, format] : kNames) {
    if (absl::EqualsIgnoreCase(absl::string_view(name.data(), name.size()),
                               absl::string_view(known.data(), known.size()))) {
      return format;
    }
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
