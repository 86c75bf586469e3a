// The character-level rules of RDF 1.1 / N-Triples that every layer checks:
// UTF-8 well-formedness, the characters an IRI may hold, language tags.
// One implementation each: Term::Validate words its errors from these, the
// readers and the bulk loader call the boolean forms.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace parley::rdf {

// A code point decoded from UTF-8; length 0 when the bytes are not
// well-formed (overlong, surrogate, above U+10FFFF, truncated).
struct CodePoint {
  char32_t value;
  size_t length;
};

// The code point at s[pos]. REQUIRES: pos < s.size().
inline CodePoint DecodeUtf8(std::string_view s, size_t pos) {
  auto byte = [&](size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned char lead = byte(pos);
  if (lead < 0x80) return {lead, 1};
  size_t length;
  char32_t value;
  char32_t min;
  if ((lead & 0xE0) == 0xC0) {
    length = 2, value = lead & 0x1Fu, min = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, value = lead & 0x0Fu, min = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, value = lead & 0x07u, min = 0x10000;
  } else {
    return {0, 0};
  }
  if (pos + length > s.size()) return {0, 0};
  for (size_t i = 1; i < length; ++i) {
    if ((byte(pos + i) & 0xC0) != 0x80) return {0, 0};
    value = (value << 6) | (byte(pos + i) & 0x3Fu);
  }
  if (value < min || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return {0, 0};
  return {value, length};
}

// True when `text` is well-formed UTF-8 (DecodeUtf8 accepts every code
// point; serd produces surrogates for escapes such as \ud800).
bool IsValidUtf8(std::string_view text);

// True when `iri` has none of the characters N-Triples forbids in an IRIREF
// after unescaping (controls and space <= U+0020, <>"{}|^`\), nor the other
// controls (U+007F..U+009F) that RFC 3987 excludes and Term::Validate rejects.
bool HasOnlyIriCharacters(std::string_view iri);

// Where `tag` breaks RDF 1.1's LANGTAG (without '@'):
//   [a-zA-Z]+ ('-' [a-zA-Z0-9]+)*
struct LanguageTagError {
  enum class Kind {
    kEmpty,         // ""
    kEmptySubtag,   // a '-' at pos that starts or follows an empty subtag
    kBadCharacter,  // the byte at pos is not allowed there
    kEndsWithDash,  // the last byte (pos) is '-'
  };
  Kind kind;
  size_t pos;
};
std::optional<LanguageTagError> FindLanguageTagError(std::string_view tag);
inline bool IsValidLanguageTag(std::string_view tag) { return !FindLanguageTagError(tag); }

}  // namespace parley::rdf
