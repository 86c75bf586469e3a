#include "query/results/term_text.h"

#include <cstdint>
#include <string>

#include "absl/strings/str_format.h"
#include "rdf/ntriples.h"
#include "rdf/syntax.h"
#include "rdf/vocabulary.h"

namespace parley::query {
namespace {

constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD";  // U+FFFD

void AppendUnicodeEscape(unsigned char c, std::string* out) {
  absl::StrAppendFormat(out, "\\u%04X", c);
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Consumes [0-9]* from text[*pos]; returns how many.
size_t SkipDigits(std::string_view text, size_t* pos) {
  size_t start = *pos;
  while (*pos < text.size() && IsDigit(text[*pos])) ++*pos;
  return *pos - start;
}

void SkipSign(std::string_view text, size_t* pos) {
  if (*pos < text.size() && (text[*pos] == '+' || text[*pos] == '-')) ++*pos;
}

// Turtle's INTEGER: [+-]? [0-9]+
bool IsTurtleInteger(std::string_view text) {
  size_t pos = 0;
  SkipSign(text, &pos);
  return SkipDigits(text, &pos) > 0 && pos == text.size();
}

// Turtle's DECIMAL: [+-]? [0-9]* '.' [0-9]+
bool IsTurtleDecimal(std::string_view text) {
  size_t pos = 0;
  SkipSign(text, &pos);
  SkipDigits(text, &pos);
  if (pos >= text.size() || text[pos] != '.') return false;
  ++pos;
  return SkipDigits(text, &pos) > 0 && pos == text.size();
}

// Turtle's DOUBLE: [+-]? ([0-9]+ '.' [0-9]* EXPONENT | '.'? [0-9]+ EXPONENT),
// EXPONENT: [eE] [+-]? [0-9]+
bool IsTurtleDouble(std::string_view text) {
  size_t pos = 0;
  SkipSign(text, &pos);
  size_t mantissa_digits = SkipDigits(text, &pos);
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    mantissa_digits += SkipDigits(text, &pos);
  }
  if (mantissa_digits == 0 || pos >= text.size() || (text[pos] != 'e' && text[pos] != 'E')) {
    return false;
  }
  ++pos;
  SkipSign(text, &pos);
  return SkipDigits(text, &pos) > 0 && pos == text.size();
}

bool IsBareTurtleLiteral(const Term& literal) {
  std::string_view datatype = literal.datatype();
  if (!datatype.starts_with(rdf::kXsdNamespace)) return false;
  datatype.remove_prefix(rdf::kXsdNamespace.size());
  const std::string& lexical = literal.value();
  if (datatype == "integer") return IsTurtleInteger(lexical);
  if (datatype == "decimal") return IsTurtleDecimal(lexical);
  if (datatype == "double") return IsTurtleDouble(lexical);
  if (datatype == "boolean") return lexical == "true" || lexical == "false";
  return false;
}

// A local name that needs no escaping in a prefixed name: letters, digits
// and '_' (XSD's datatype names are all of this form).
bool IsSimpleLocalName(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    if (!(IsDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_')) {
      return false;
    }
  }
  return true;
}

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// A subset of Turtle's PN_LOCAL that needs no escaping and no look at
// non-ASCII character classes: [A-Za-z0-9_] ([A-Za-z0-9_.-]* [A-Za-z0-9_-])?,
// or nothing.
bool IsSafeLocalName(std::string_view name) {
  for (size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (IsAsciiLetter(c) || IsDigit(c) || c == '_') continue;
    if (i > 0 && (c == '-' || c == '.')) continue;
    return false;
  }
  return !name.ends_with('.');
}

// XSD's numeric datatypes: the primitive decimal, float and double, and
// the types derived from decimal by restriction.
constexpr std::string_view kXsdNumericNames[] = {
    "decimal",
    "float",
    "double",
    "integer",
    "nonPositiveInteger",
    "negativeInteger",
    "long",
    "int",
    "short",
    "byte",
    "nonNegativeInteger",
    "unsignedLong",
    "unsignedInt",
    "unsignedShort",
    "unsignedByte",
    "positiveInteger",
};

void AppendTerm(const Term& term, bool turtle, bool xsd_prefix, std::string* out) {
  if (!term.is_literal()) {
    rdf::AppendNTriplesTerm(term.kind(), term.value(), term.datatype(), term.language(), out);
    return;
  }
  if (turtle && IsBareTurtleLiteral(term)) {
    out->append(term.value());
    return;
  }
  std::string_view datatype = term.datatype();
  std::string_view xsd_name =
      datatype.starts_with(rdf::kXsdNamespace) ? datatype.substr(rdf::kXsdNamespace.size()) : "";
  if (!xsd_prefix || !term.language().empty() || datatype == rdf::kXsdString ||
      !IsSimpleLocalName(xsd_name)) {
    rdf::AppendNTriplesTerm(term.kind(), term.value(), datatype, term.language(), out);
    return;
  }
  rdf::AppendNTriplesTerm(term.kind(), term.value(), rdf::kXsdString, "", out);
  out->append("^^xsd:").append(xsd_name);
}

struct CodeRange {
  char32_t first;
  char32_t last;
};

// East Asian Wide and Fullwidth blocks, and the emoji planes (after
// Unicode's EastAsianWidth.txt, by block rather than by code point).
constexpr CodeRange kWideRanges[] = {
    {0x1100, 0x115F},   {0x231A, 0x231B},   {0x2329, 0x232A},   {0x23E9, 0x23EC},
    {0x23F0, 0x23F3},   {0x25FD, 0x25FE},   {0x2614, 0x2615},   {0x2648, 0x2653},
    {0x26A1, 0x26A1},   {0x26AA, 0x26AB},   {0x26BD, 0x26BE},   {0x26C4, 0x26C5},
    {0x26D4, 0x26D4},   {0x26EA, 0x26EA},   {0x26F2, 0x26F5},   {0x26FA, 0x26FD},
    {0x2705, 0x2705},   {0x270A, 0x270B},   {0x2728, 0x2728},   {0x274C, 0x274C},
    {0x2753, 0x2755},   {0x2757, 0x2757},   {0x2795, 0x2797},   {0x27B0, 0x27BF},
    {0x2B1B, 0x2B1C},   {0x2B50, 0x2B55},   {0x2E80, 0x303E},   {0x3041, 0x33FF},
    {0x3400, 0x4DBF},   {0x4E00, 0x9FFF},   {0xA000, 0xA4CF},   {0xA960, 0xA97F},
    {0xAC00, 0xD7A3},   {0xF900, 0xFAFF},   {0xFE10, 0xFE19},   {0xFE30, 0xFE6F},
    {0xFF00, 0xFF60},   {0xFFE0, 0xFFE6},   {0x16FE0, 0x18AFF}, {0x1B000, 0x1B2FF},
    {0x1F004, 0x1F004}, {0x1F0CF, 0x1F0CF}, {0x1F18E, 0x1F18E}, {0x1F191, 0x1F19A},
    {0x1F200, 0x1F251}, {0x1F300, 0x1F64F}, {0x1F680, 0x1F6FF}, {0x1F7E0, 0x1F7EB},
    {0x1F90C, 0x1F9FF}, {0x1FA70, 0x1FAFF}, {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
};

constexpr CodeRange kZeroWidthRanges[] = {
    {0x0300, 0x036F}, {0x0483, 0x0489},   {0x0591, 0x05BD},   {0x0610, 0x061A},
    {0x064B, 0x065F}, {0x200B, 0x200F},   {0x20D0, 0x20FF},   {0xFE00, 0xFE0F},
    {0xFE20, 0xFE2F}, {0x1F3FB, 0x1F3FF}, {0xE0100, 0xE01EF},
};

template <size_t N>
bool InRanges(char32_t code, const CodeRange (&ranges)[N]) {
  for (const CodeRange& range : ranges) {
    if (code < range.first) return false;  // the tables are sorted
    if (code <= range.last) return true;
  }
  return false;
}

// The code point at text[pos] and its columns; an invalid byte is one
// character of one column.
struct DisplayChar {
  size_t length;
  size_t width;
};

DisplayChar NextDisplayChar(std::string_view text, size_t pos) {
  const rdf::CodePoint decoded = rdf::DecodeUtf8(text, pos);
  if (decoded.length == 0) return {1, 1};
  const char32_t code = decoded.value;
  if (code >= 0x80 && InRanges(code, kZeroWidthRanges)) return {decoded.length, 0};
  return {decoded.length, (code >= 0x1100 && InRanges(code, kWideRanges)) ? size_t{2} : 1};
}

constexpr std::string_view kEllipsis = "\xE2\x80\xA6";  // U+2026

}  // namespace

void AppendJsonString(std::string_view text, std::string* out) {
  out->push_back('"');
  for (char c : text) {
    switch (c) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\r':
        out->append("\\r");
        break;
      case '\t':
        out->append("\\t");
        break;
      case '\b':
        out->append("\\b");
        break;
      case '\f':
        out->append("\\f");
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          AppendUnicodeEscape(static_cast<unsigned char>(c), out);
        } else {
          out->push_back(c);
        }
    }
  }
  out->push_back('"');
}

void AppendXmlEscaped(std::string_view text, std::string* out) {
  for (char c : text) {
    switch (c) {
      case '&':
        out->append("&amp;");
        break;
      case '<':
        out->append("&lt;");
        break;
      case '>':
        out->append("&gt;");
        break;
      case '"':
        out->append("&quot;");
        break;
      case '\'':
        out->append("&apos;");
        break;
      case '\r':
        out->append("&#13;");
        break;
      case '\t':
      case '\n':
        out->push_back(c);
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out->append(kReplacementCharacter);
        } else {
          out->push_back(c);
        }
    }
  }
}

void AppendCsvField(std::string_view text, std::string* out) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
    out->append(text);
    return;
  }
  out->push_back('"');
  for (char c : text) {
    if (c == '"') out->push_back('"');
    out->push_back(c);
  }
  out->push_back('"');
}

void AppendNTriplesTerm(const Term& term, std::string* out) {
  AppendTerm(term, /*turtle=*/false, /*xsd_prefix=*/false, out);
}

void AppendTurtleTerm(const Term& term, bool xsd_prefix, std::string* out) {
  AppendTerm(term, /*turtle=*/true, xsd_prefix, out);
}

std::optional<std::string> PrefixedName(std::string_view iri, const PrefixList& prefixes) {
  const std::pair<std::string, std::string>* best = nullptr;
  for (const auto& prefix : prefixes) {
    const std::string& space = prefix.second;
    if (space.empty() || !iri.starts_with(space)) continue;
    if (best != nullptr && best->second.size() >= space.size()) continue;
    if (IsSafeLocalName(iri.substr(space.size()))) best = &prefix;
  }
  if (best == nullptr) return std::nullopt;
  std::string name = best->first;
  name.push_back(':');
  name.append(iri.substr(best->second.size()));
  return name;
}

void AppendShortTerm(const Term& term, const PrefixList& prefixes, std::string* out) {
  if (term.is_iri()) {
    if (std::optional<std::string> name = PrefixedName(term.value(), prefixes)) {
      out->append(*name);
      return;
    }
  } else if (term.is_literal() && term.language().empty() && term.datatype() != rdf::kXsdString &&
             !IsBareTurtleLiteral(term)) {
    if (std::optional<std::string> name = PrefixedName(term.datatype(), prefixes)) {
      rdf::AppendNTriplesTerm(term.kind(), term.value(), rdf::kXsdString, "", out);
      out->append("^^").append(*name);
      return;
    }
  }
  AppendTurtleTerm(term, /*xsd_prefix=*/true, out);
}

bool IsNumericLiteral(const Term& term) {
  if (!term.is_literal()) return false;
  std::string_view datatype = term.datatype();
  if (!datatype.starts_with(rdf::kXsdNamespace)) return false;
  datatype.remove_prefix(rdf::kXsdNamespace.size());
  for (std::string_view name : kXsdNumericNames) {
    if (datatype == name) return true;
  }
  return false;
}

size_t DisplayWidth(std::string_view text) {
  size_t width = 0;
  for (size_t pos = 0; pos < text.size();) {
    const DisplayChar c = NextDisplayChar(text, pos);
    pos += c.length;
    width += c.width;
  }
  return width;
}

std::string FitToWidth(std::string_view text, size_t width) {
  if (DisplayWidth(text) <= width) return std::string(text);
  if (width == 0) return std::string();
  size_t used = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    const DisplayChar c = NextDisplayChar(text, pos);
    if (used + c.width > width - 1) break;
    used += c.width;
    pos += c.length;
  }
  std::string cut(text.substr(0, pos));
  cut.append(kEllipsis);
  return cut;
}

}  // namespace parley::query
