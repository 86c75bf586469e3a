// The four W3C text formats Parley reads and writes, and the compression
// wrapped around them, named on the command line or guessed from a path.
#pragma once

#include <optional>
#include <string_view>

#include "absl/status/statusor.h"

namespace parley::engine::io {

enum class RdfFormat { kNTriples, kNQuads, kTurtle, kTrig };

enum class Compression { kNone, kGzip, kZstd };

// "ntriples"|"nt", "nquads"|"nq", "turtle"|"ttl", "trig" (ASCII
// case-insensitive). InvalidArgument lists the accepted names otherwise.
absl::StatusOr<RdfFormat> RdfFormatFromName(std::string_view name);

// The canonical name ("ntriples", "nquads", "turtle", "trig").
std::string_view RdfFormatName(RdfFormat format);

// The usual file extension without dot ("nt", "nq", "ttl", "trig").
std::string_view RdfFormatExtension(RdfFormat format);

// True for N-Quads and TriG, the formats that carry named graphs.
bool RdfFormatHasGraphs(RdfFormat format);

// The compression named by the last extension of `path` (".gz", ".zst");
// kNone otherwise.
Compression CompressionFromPath(std::string_view path);

// The format of `path` from its extension (.nt .nq .ttl .trig, case
// insensitive), looking through one trailing ".gz" or ".zst". nullopt when
// the extension is not one of those (e.g. "-" for stdin).
std::optional<RdfFormat> RdfFormatFromPath(std::string_view path);

// The compression whose magic number starts `head` (gzip 1f 8b, zstd frame
// 28 b5 2f fd); kNone when `head` matches neither or is too short.
Compression CompressionFromMagic(std::string_view head);

std::string_view CompressionName(Compression compression);

}  // namespace parley::engine::io
