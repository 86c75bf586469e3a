// Plain C++ values that describe a Parley dump (schema/dump.capnp), shared by
// DumpWriter and DumpReader. Code outside schema/ sees dumps only through
// these types and never through Cap'n Proto's.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "parley/term.h"

namespace parley::schema {

// Equal to the constants of the same name in schema/dump.capnp (a test checks).
inline constexpr uint16_t kDumpFormatMajor = 1;
inline constexpr uint16_t kDumpFormatMinor = 0;
inline constexpr std::string_view kDumpSignatureUnpacked{"\x89ParleyU", 8};
inline constexpr std::string_view kDumpSignaturePacked{"\x89ParleyP", 8};
inline constexpr std::string_view kZstdMagic{"\x28\xB5\x2F\xFD", 4};

// Messages larger than this are rejected by default (DumpReaderOptions) and
// never written by DumpWriter. Equal to Cap'n Proto's default traversal
// limit, so every reader with default settings accepts every message.
inline constexpr uint64_t kDefaultMaxMessageBytes = uint64_t{64} << 20;

// How the quads of `chunk` messages are ordered (Header.quadOrder): the
// named permutation of the dump-local id tuple strictly increases.
enum class DumpQuadOrder : uint8_t { kUnspecified = 0, kSpog, kPosg, kOspg, kGspo };

// Header.termOrder: kTermKey = ids increase in term-key order (see
// CompareTermKeyOrder in formats/dump/dump_term.h).
enum class DumpTermOrder : uint8_t { kUnspecified = 0, kTermKey };

// A term by reference into bytes it does not own (a dump message, a Term, a
// term key): valid only as long as those bytes. What DumpVisitor::OnTerms
// hands out, so that a loader pays for no allocation it does not want.
struct DumpTermView {
  Term::Kind kind = Term::Kind::kDefaultGraph;
  std::string_view value;     // the IRI, the blank node label or the lexical form
  std::string_view datatype;  // literals only (xsd:string, rdf:langString included)
  std::string_view language;  // rdf:langString only, as written (Term lower-cases)

  static DumpTermView Of(const Term& term);
  Term ToTerm() const;
  // Appends engine/layout/term_codec.h's key of ToTerm() (the dictionary's byte
  // form) without building the Term. REQUIRES: not the default graph.
  void AppendTermKey(std::string* out) const;
};

struct DumpHeader {
  uint16_t format_major = kDumpFormatMajor;
  uint16_t format_minor = kDumpFormatMinor;
  std::string producer;
  std::optional<uint64_t> quad_count;                         // nullopt: unknown
  std::optional<uint64_t> term_count;                         // nullopt: unknown
  std::vector<std::pair<std::string, std::string>> prefixes;  // (name, IRI)
  DumpQuadOrder quad_order = DumpQuadOrder::kUnspecified;
  DumpTermOrder term_order = DumpTermOrder::kUnspecified;
  // Framing found by the reader (not stored in the header message).
  bool packed = false;
  bool zstd = false;
};

// Totals of a complete dump: the footer a reader verified, or what a writer
// wrote.
struct DumpFooter {
  uint64_t quad_count = 0;     // quads of both forms
  uint64_t term_count = 0;     // terms introduced by chunks
  uint64_t message_count = 0;  // messages before the footer, header included
  uint64_t checksum = 0;       // XXH3-64, see schema/dump.capnp
  bool has_checksum = false;   // false: the producer wrote ChecksumKind none
  // Bytes of the stream (after zstd decompression), footer included.
  uint64_t stream_bytes = 0;
  // Bytes of the file (equal to stream_bytes without zstd).
  uint64_t file_bytes = 0;
};

}  // namespace parley::schema
