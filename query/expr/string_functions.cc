#include "query/expr/string_functions.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>

#include <unicode/ucasemap.h>
#include <unicode/utypes.h>

#include "query/expr/numeric.h"
#include "query/expr/xsd.h"

namespace parley::query {
namespace {

bool IsContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Byte offset of the code point numbered `index` (0-based), or the size
// when the string has fewer code points.
size_t ByteOffsetOfCodePoint(std::string_view utf8, size_t index) {
  size_t offset = 0;
  for (size_t seen = 0; offset < utf8.size(); ++offset) {
    if (IsContinuationByte(utf8[offset])) continue;
    if (seen++ == index) return offset;
  }
  return utf8.size();
}

struct CaseMapCloser {
  void operator()(UCaseMap* map) const { ucasemap_close(map); }
};

// ICU's full case mappings of the root locale (XPath's fn:upper-case is
// locale-independent): "ß" upper-cases to "SS". nullopt when ICU fails
// (e.g. ill-formed UTF-8).
std::optional<std::string> MapCase(std::string_view text, bool upper) {
  thread_local std::unique_ptr<UCaseMap, CaseMapCloser> case_map;
  UErrorCode status = U_ZERO_ERROR;
  if (!case_map) {
    case_map.reset(ucasemap_open("", 0, &status));
    if (U_FAILURE(status)) {
      case_map.reset();
      return std::nullopt;
    }
  }
  auto map = [&](char* destination, size_t capacity) {
    status = U_ZERO_ERROR;
    int32_t length = static_cast<int32_t>(text.size());
    int32_t dest_capacity = static_cast<int32_t>(capacity);
    return upper ? ucasemap_utf8ToUpper(case_map.get(), destination, dest_capacity, text.data(),
                                        length, &status)
                 : ucasemap_utf8ToLower(case_map.get(), destination, dest_capacity, text.data(),
                                        length, &status);
  };
  // Case mapping grows UTF-8 by at most 3x (e.g. U+0390 to three code points).
  std::string result(text.size() * 3 + 4, '\0');
  int32_t length = map(result.data(), result.size());
  if (status == U_BUFFER_OVERFLOW_ERROR) {
    result.assign(static_cast<size_t>(length) + 1, '\0');
    length = map(result.data(), result.size());
  }
  if (U_FAILURE(status)) return std::nullopt;
  result.resize(static_cast<size_t>(length));
  return result;
}

// XPath's fn:round on the double value of a SUBSTR position argument.
std::optional<double> RoundedPosition(const Term& term) {
  std::optional<Numeric> value = ParseNumeric(term);
  if (!value) return std::nullopt;
  double position = ToDouble(*value);
  if (std::isnan(position) || std::isinf(position)) return position;
  double floor = std::floor(position);
  return position - floor >= 0.5 ? floor + 1 : floor;
}

}  // namespace

bool IsSimpleOrXsdString(const Term& term) {
  return term.is_literal() && term.datatype() == xsd::kString;
}

bool IsStringLiteral(const Term& term) {
  return term.is_literal() && (term.datatype() == xsd::kString || !term.language().empty());
}

Term WithSameKind(const Term& like, std::string lexical) {
  if (!like.language().empty()) return Term::LangLiteral(std::move(lexical), like.language());
  return Term::Literal(std::move(lexical));
}

bool AreArgumentCompatible(const Term& first, const Term& second) {
  if (!IsStringLiteral(first) || !IsStringLiteral(second)) return false;
  if (IsSimpleOrXsdString(second)) return true;
  return first.language() == second.language();
}

size_t CodePointCount(std::string_view utf8) {
  size_t count = 0;
  for (char c : utf8) count += IsContinuationByte(c) ? 0 : 1;
  return count;
}

ExprValue StrLen(const Term& text) {
  if (!IsStringLiteral(text)) return std::nullopt;
  return Term::TypedLiteral(std::to_string(CodePointCount(text.value())),
                            std::string(xsd::kInteger));
}

ExprValue Substr(const Term& text, const Term& start, const Term* length) {
  if (!IsStringLiteral(text)) return std::nullopt;
  std::optional<double> first = RoundedPosition(start);
  if (!first) return std::nullopt;
  // Positions p (1-based) with first <= p < first + length are kept; NaN
  // anywhere keeps nothing.
  double end = std::numeric_limits<double>::infinity();
  if (length != nullptr) {
    std::optional<double> count = RoundedPosition(*length);
    if (!count) return std::nullopt;
    end = *first + *count;
  }
  const std::string& value = text.value();
  double total = static_cast<double>(CodePointCount(value));
  double from = std::max(*first, 1.0), to = std::min(end, total + 1);
  if (std::isnan(from) || std::isnan(to) || !(from < to)) return WithSameKind(text, "");
  size_t begin_byte = ByteOffsetOfCodePoint(value, static_cast<size_t>(from) - 1);
  size_t end_byte = ByteOffsetOfCodePoint(value, static_cast<size_t>(to) - 1);
  return WithSameKind(text, value.substr(begin_byte, end_byte - begin_byte));
}

ExprValue UpperCase(const Term& text) {
  if (!IsStringLiteral(text)) return std::nullopt;
  std::optional<std::string> mapped = MapCase(text.value(), /*upper=*/true);
  if (!mapped) return std::nullopt;
  return WithSameKind(text, std::move(*mapped));
}

ExprValue LowerCase(const Term& text) {
  if (!IsStringLiteral(text)) return std::nullopt;
  std::optional<std::string> mapped = MapCase(text.value(), /*upper=*/false);
  if (!mapped) return std::nullopt;
  return WithSameKind(text, std::move(*mapped));
}

ExprValue StrStarts(const Term& text, const Term& prefix) {
  if (!AreArgumentCompatible(text, prefix)) return std::nullopt;
  return BooleanTerm(std::string_view(text.value()).starts_with(prefix.value()));
}

ExprValue StrEnds(const Term& text, const Term& suffix) {
  if (!AreArgumentCompatible(text, suffix)) return std::nullopt;
  return BooleanTerm(std::string_view(text.value()).ends_with(suffix.value()));
}

ExprValue Contains(const Term& text, const Term& part) {
  if (!AreArgumentCompatible(text, part)) return std::nullopt;
  return BooleanTerm(text.value().find(part.value()) != std::string::npos);
}

// Byte search is code-point search: UTF-8 never matches inside a sequence.
ExprValue StrBefore(const Term& text, const Term& part) {
  if (!AreArgumentCompatible(text, part)) return std::nullopt;
  size_t at = text.value().find(part.value());
  if (at == std::string::npos) return Term::Literal("");
  return WithSameKind(text, text.value().substr(0, at));
}

ExprValue StrAfter(const Term& text, const Term& part) {
  if (!AreArgumentCompatible(text, part)) return std::nullopt;
  size_t at = text.value().find(part.value());
  if (at == std::string::npos) return Term::Literal("");
  return WithSameKind(text, text.value().substr(at + part.value().size()));
}

ExprValue EncodeForUri(const Term& text) {
  if (!IsStringLiteral(text)) return std::nullopt;
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string encoded;
  for (char c : text.value()) {
    bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '_' || c == '.' || c == '~';
    if (unreserved) {
      encoded.push_back(c);
    } else {
      unsigned char byte = static_cast<unsigned char>(c);
      encoded.push_back('%');
      encoded.push_back(kHex[byte >> 4]);
      encoded.push_back(kHex[byte & 0xF]);
    }
  }
  return Term::Literal(std::move(encoded));
}

ExprValue Concat(std::span<const Term> parts) {
  std::string joined;
  bool same_language = !parts.empty();
  for (const Term& part : parts) {
    if (!IsStringLiteral(part)) return std::nullopt;
    joined += part.value();
    if (part.language().empty() || part.language() != parts[0].language()) same_language = false;
  }
  if (same_language) return Term::LangLiteral(std::move(joined), parts[0].language());
  return Term::Literal(std::move(joined));
}

// RFC 4647 basic filtering, case-insensitive; "*" matches every non-empty
// tag.
ExprValue LangMatches(const Term& language_tag, const Term& language_range) {
  if (!IsSimpleOrXsdString(language_tag) || !IsSimpleOrXsdString(language_range)) {
    return std::nullopt;
  }
  std::string tag = language_tag.value(), range = language_range.value();
  auto lower = [](std::string& s) {
    for (char& c : s) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
  };
  lower(tag);
  lower(range);
  if (range == "*") return BooleanTerm(!tag.empty());
  bool matches = tag == range || (tag.size() > range.size() && tag.starts_with(range) &&
                                  tag[range.size()] == '-' && !range.empty());
  return BooleanTerm(matches);
}

}  // namespace parley::query
