#include "rdf/syntax.h"

#include <array>
#include <cstdint>
#include <cstring>

#include "rdf/ascii_classes.h"

namespace parley::rdf {

bool IsValidUtf8(std::string_view text) {
  size_t pos = 0;
  while (pos < text.size()) {
    // ASCII runs, 8 bytes at a time.
    while (text.size() - pos >= 8) {
      uint64_t word;
      std::memcpy(&word, text.data() + pos, 8);
      if ((word & 0x8080808080808080ull) != 0) break;
      pos += 8;
    }
    if (pos == text.size()) break;
    const CodePoint c = DecodeUtf8(text, pos);
    if (c.length == 0) return false;
    pos += c.length;
  }
  return true;
}

bool HasOnlyIriCharacters(std::string_view iri) {
  static constexpr std::array<bool, 256> kForbidden = [] {
    std::array<bool, 256> table{};
    for (int c = 0; c <= 0x20; ++c) table[c] = true;
    table[0x7F] = true;
    for (unsigned char c : std::string_view("<>\"{}|^`\\")) table[c] = true;
    return table;
  }();
  for (size_t i = 0; i < iri.size(); ++i) {
    auto c = static_cast<unsigned char>(iri[i]);
    if (kForbidden[c]) return false;
    // C1 controls U+0080..U+009F, encoded C2 80..C2 9F.
    if (c == 0xC2 && i + 1 < iri.size() && static_cast<unsigned char>(iri[i + 1]) <= 0x9F) {
      return false;
    }
  }
  return true;
}

std::optional<LanguageTagError> FindLanguageTagError(std::string_view tag) {
  using Kind = LanguageTagError::Kind;
  if (tag.empty()) return LanguageTagError{Kind::kEmpty, 0};
  bool first_subtag = true;
  size_t subtag_length = 0;
  for (size_t pos = 0; pos < tag.size(); ++pos) {
    const char c = tag[pos];
    if (c == '-') {
      if (subtag_length == 0) return LanguageTagError{Kind::kEmptySubtag, pos};
      first_subtag = false;
      subtag_length = 0;
    } else if ((AsciiClassOf(c) & (first_subtag ? kAlpha : kAlnum)) != 0) {
      ++subtag_length;
    } else {
      return LanguageTagError{Kind::kBadCharacter, pos};
    }
  }
  if (subtag_length == 0) return LanguageTagError{Kind::kEndsWithDash, tag.size() - 1};
  return std::nullopt;
}

}  // namespace parley::rdf
