#include "formats/rdf/rdf_format.h"

#include <array>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "formats/rdf/str_cat.h"

namespace parley::engine::io {
namespace {

// Strips `suffix` (ASCII case-insensitive) from the end of `*s`.
bool ConsumeSuffix(std::string_view* s, std::string_view suffix) {
  if (!absl::EndsWithIgnoreCase(ToAbsl(*s), ToAbsl(suffix))) return false;
  s->remove_suffix(suffix.size());
  return true;
}

}  // namespace

absl::StatusOr<RdfFormat> RdfFormatFromName(std::string_view name) {
  static constexpr std::array<std::pair<std::string_view, RdfFormat>, 8> kNames = {{
      {"ntriples", RdfFormat::kNTriples},
      {"nt", RdfFormat::kNTriples},
      {"nquads", RdfFormat::kNQuads},
      {"nq", RdfFormat::kNQuads},
      {"turtle", RdfFormat::kTurtle},
      {"ttl", RdfFormat::kTurtle},
      {"trig", RdfFormat::kTrig},
      {"n-triples", RdfFormat::kNTriples},
  }};
  for (const auto& [known, format] : kNames) {
    if (absl::EqualsIgnoreCase(ToAbsl(name), ToAbsl(known))) return format;
  }
  return absl::InvalidArgumentError(
      Cat("unknown RDF format \"", ToAbsl(name),
          "\" (expected ntriples|nt, nquads|nq, turtle|ttl or trig)"));
}

std::string_view RdfFormatName(RdfFormat format) {
  switch (format) {
    case RdfFormat::kNTriples:
      return "ntriples";
    case RdfFormat::kNQuads:
      return "nquads";
    case RdfFormat::kTurtle:
      return "turtle";
    case RdfFormat::kTrig:
      return "trig";
  }
  return "?";
}

std::string_view RdfFormatExtension(RdfFormat format) {
  switch (format) {
    case RdfFormat::kNTriples:
      return "nt";
    case RdfFormat::kNQuads:
      return "nq";
    case RdfFormat::kTurtle:
      return "ttl";
    case RdfFormat::kTrig:
      return "trig";
  }
  return "?";
}

bool RdfFormatHasGraphs(RdfFormat format) {
  return format == RdfFormat::kNQuads || format == RdfFormat::kTrig;
}

Compression CompressionFromPath(std::string_view path) {
  if (ConsumeSuffix(&path, ".gz")) return Compression::kGzip;
  if (ConsumeSuffix(&path, ".zst")) return Compression::kZstd;
  return Compression::kNone;
}

std::optional<RdfFormat> RdfFormatFromPath(std::string_view path) {
  if (!ConsumeSuffix(&path, ".gz")) ConsumeSuffix(&path, ".zst");
  static constexpr std::array<std::pair<std::string_view, RdfFormat>, 4> kExtensions = {{
      {".nt", RdfFormat::kNTriples},
      {".nq", RdfFormat::kNQuads},
      {".ttl", RdfFormat::kTurtle},
      {".trig", RdfFormat::kTrig},
  }};
  for (const auto& [extension, format] : kExtensions) {
    if (path.size() > extension.size() && ConsumeSuffix(&path, extension)) return format;
  }
  return std::nullopt;
}

Compression CompressionFromMagic(std::string_view head) {
  if (head.size() >= 2 && head[0] == '\x1f' && head[1] == '\x8b') return Compression::kGzip;
  if (head.size() >= 4 && head.substr(0, 4) == std::string_view("\x28\xb5\x2f\xfd", 4)) {
    return Compression::kZstd;
  }
  return Compression::kNone;
}

std::string_view CompressionName(Compression compression) {
  switch (compression) {
    case Compression::kNone:
      return "none";
    case Compression::kGzip:
      return "gzip";
    case Compression::kZstd:
      return "zstd";
  }
  return "?";
}

}  // namespace parley::engine::io
