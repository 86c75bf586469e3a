// ASCII fast paths of term validation: byte classes, and checks that
// accept only what Term::Validate() accepts (sufficient conditions). A byte
// outside every class (any byte >= 0x80, controls, forbidden punctuation)
// sends the caller to the full check, which either accepts it (non-ASCII
// UTF-8) or words the error.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace parley::rdf {

enum AsciiClass : uint8_t {
  kIriChar = 1,     // allowed anywhere in an IRI
  kSchemeChar = 2,  // [A-Za-z0-9+.-]
  kAlpha = 4,       // [A-Za-z]
  kLabelFirst = 8,  // PN_CHARS_U | [0-9], ASCII part
  kLabelChar = 16,  // PN_CHARS | '.', ASCII part
  kAlnum = 32,      // [A-Za-z0-9]
};

inline constexpr std::array<uint8_t, 256> MakeAsciiClasses() {
  std::array<uint8_t, 256> classes{};
  for (int c = 0x21; c < 0x7F; ++c) classes[c] |= kIriChar;
  for (char c : std::string_view("<>\"{}|^`\\")) {
    classes[static_cast<unsigned char>(c)] &= static_cast<uint8_t>(~kIriChar);
  }
  for (int c = 0; c < 256; ++c) {
    const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    const bool digit = c >= '0' && c <= '9';
    if (alpha) classes[c] |= kAlpha;
    if (alpha || digit) classes[c] |= kAlnum | kSchemeChar | kLabelFirst | kLabelChar;
    if (c == '+' || c == '.' || c == '-') classes[c] |= kSchemeChar;
    if (c == '_' || c == ':') classes[c] |= kLabelFirst | kLabelChar;
    if (c == '-' || c == '.') classes[c] |= kLabelChar;
  }
  return classes;
}
inline constexpr std::array<uint8_t, 256> kAsciiClasses = MakeAsciiClasses();

inline uint8_t AsciiClassOf(char c) { return kAsciiClasses[static_cast<unsigned char>(c)]; }

// ASCII lower case (language tags are case-insensitive and stored lower-cased;
// bytes >= 0x80 are left alone).
inline char AsciiLower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}
inline void AsciiLowerInPlace(std::string& s) {
  for (char& c : s) c = AsciiLower(c);
}

// True only for IRIs Term::Validate() accepts (a sufficient condition).
inline bool FastIriOk(std::string_view iri) {
  if (iri.empty() || (AsciiClassOf(iri[0]) & kAlpha) == 0) return false;
  size_t i = 1;
  while (i < iri.size() && (AsciiClassOf(iri[i]) & kSchemeChar) != 0) ++i;
  if (i >= iri.size() || iri[i] != ':') return false;
  for (char c : iri) {
    if ((AsciiClassOf(c) & kIriChar) == 0) return false;
  }
  return true;
}

inline bool FastLabelOk(std::string_view label) {
  if (label.empty() || (AsciiClassOf(label[0]) & kLabelFirst) == 0) return false;
  for (char c : label.substr(1)) {
    if ((AsciiClassOf(c) & kLabelChar) == 0) return false;
  }
  return label.back() != '.';
}

}  // namespace parley::rdf
