#include "query/expr/regex.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <memory>
#include <vector>

#include <unicode/uchar.h>
#include <unicode/uset.h>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_format.h"
#include "query/expr/string_functions.h"

namespace parley::query {
namespace {

// Bounds on one pcre2_match call: backtracking steps and nesting depth.
// Patterns like (a*)*b against long inputs stop here instead of hanging.
constexpr uint32_t kMatchLimit = 5'000'000;
constexpr uint32_t kDepthLimit = 100'000;
// Compiled patterns kept per thread (REGEX usually has a constant pattern).
constexpr size_t kMaxCachedPatterns = 256;

// XML 1.0 NameStartChar and NameChar (without the brackets), for \i and \c.
constexpr std::string_view kNameStartChars =
    ":A-Z_a-z\\x{C0}-\\x{D6}\\x{D8}-\\x{F6}\\x{F8}-\\x{2FF}\\x{370}-\\x{37D}"
    "\\x{37F}-\\x{1FFF}\\x{200C}-\\x{200D}\\x{2070}-\\x{218F}\\x{2C00}-\\x{2FEF}"
    "\\x{3001}-\\x{D7FF}\\x{F900}-\\x{FDCF}\\x{FDF0}-\\x{FFFD}\\x{10000}-\\x{EFFFF}";
constexpr std::string_view kNameExtraChars = "\\-.0-9\\x{B7}\\x{300}-\\x{36F}\\x{203F}-\\x{2040}";

struct Flags {
  bool dot_all = false, multi_line = false, case_insensitive = false, extended = false,
       literal = false;
};

std::optional<Flags> ParseFlags(std::string_view text) {
  Flags flags;
  for (char c : text) {
    switch (c) {
      case 's':
        flags.dot_all = true;
        break;
      case 'm':
        flags.multi_line = true;
        break;
      case 'i':
        flags.case_insensitive = true;
        break;
      case 'x':
        flags.extended = true;
        break;
      case 'q':
        flags.literal = true;
        break;
      default:
        return std::nullopt;
    }
  }
  return flags;
}

// The code point ranges of the Unicode block XSD names `name` (e.g.
// "BasicLatin", "Latin-1Supplement", "CJKUnifiedIdeographs") in PCRE2
// class syntax, from ICU's block property (loose name matching).
std::optional<std::string> BlockRanges(std::string_view name) {
  std::string block_name(name);
  int32_t block = u_getPropertyValueEnum(UCHAR_BLOCK, block_name.c_str());
  if (block == UCHAR_INVALID_CODE || block == UBLOCK_NO_BLOCK) return std::nullopt;
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<USet, void (*)(USet*)> set(uset_openEmpty(), uset_close);
  uset_applyIntPropertyValue(set.get(), UCHAR_BLOCK, block, &status);
  if (U_FAILURE(status)) return std::nullopt;
  std::string ranges;
  for (int32_t i = 0, count = uset_getItemCount(set.get()); i < count; ++i) {
    UChar32 start = 0, end = 0;
    uset_getItem(set.get(), i, &start, &end, nullptr, 0, &status);
    if (U_FAILURE(status)) return std::nullopt;
    absl::StrAppendFormat(&ranges, "\\x{%X}-\\x{%X}", start, end);
  }
  if (ranges.empty()) return std::nullopt;
  return ranges;
}

bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

// "n", "n," or "n,m" between the braces of a counted quantifier.
bool IsQuantifierCount(std::string_view count) {
  size_t comma = count.find(',');
  std::string_view low = count.substr(0, comma);
  std::string_view high = comma == std::string_view::npos ? "" : count.substr(comma + 1);
  auto all_digits = [](std::string_view digits) {
    for (char c : digits) {
      if (!IsAsciiDigit(c)) return false;
    }
    return true;
  };
  return !low.empty() && all_digits(low) && all_digits(high);
}

bool IsXmlWhitespace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Translates one pattern; a class of its own because classes nest
// (subtraction) and back-references need the count of closed groups.
class Translator {
 public:
  Translator(std::string_view pattern, bool extended) : in_(pattern), extended_(extended) {}

  std::optional<std::string> Run() {
    std::string out;
    bool after_quantifier = false;
    while (pos_ < in_.size()) {
      char c = in_[pos_];
      if (extended_ && IsXmlWhitespace(c)) {
        ++pos_;
        continue;
      }
      bool quantifier = false;
      if (c == '\\') {
        if (!TranslateEscape(/*in_class=*/false, out)) return std::nullopt;
      } else if (c == '[') {
        std::optional<std::string> cls = TranslateClass();
        if (!cls) return std::nullopt;
        out += *cls;
      } else if (c == '(') {
        ++pos_;
        if (pos_ < in_.size() && in_[pos_] == '?') {
          // XPath 3.1 allows only the non-capturing group.
          if (pos_ + 1 >= in_.size() || in_[pos_ + 1] != ':') return std::nullopt;
          pos_ += 2;
          out += "(?:";
          open_groups_.push_back(false);
        } else {
          out += '(';
          open_groups_.push_back(true);
        }
      } else if (c == ')') {
        if (open_groups_.empty()) return std::nullopt;
        if (open_groups_.back()) ++closed_groups_;
        open_groups_.pop_back();
        out += ')';
        ++pos_;
      } else if (c == '*' || c == '+' || c == '?' || c == '{') {
        // A '+' after a quantifier is PCRE2's possessive form, an error
        // in XPath; a '?' there is XPath's (and PCRE2's) reluctant form.
        if (after_quantifier && c != '?') return std::nullopt;
        if (after_quantifier && c == '?') {
          out += '?';
          ++pos_;
          after_quantifier = false;
          continue;
        }
        if (c == '{') {
          size_t close = in_.find('}', pos_);
          if (close == std::string_view::npos) return std::nullopt;
          // PCRE2 would take a malformed count ("{,3}", "{x}") literally.
          if (!IsQuantifierCount(in_.substr(pos_ + 1, close - pos_ - 1))) return std::nullopt;
          out += in_.substr(pos_, close - pos_ + 1);
          pos_ = close + 1;
        } else {
          out += c;
          ++pos_;
        }
        quantifier = true;
      } else if (c == ']' || c == '}') {
        return std::nullopt;
      } else {
        out += c;
        ++pos_;
      }
      after_quantifier = quantifier;
    }
    if (!open_groups_.empty()) return std::nullopt;
    return out;
  }

 private:
  // At a '\\': appends the PCRE2 form of the escape; false when XPath does
  // not have it.
  bool TranslateEscape(bool in_class, std::string& out) {
    if (pos_ + 1 >= in_.size()) return false;
    char c = in_[pos_ + 1];
    pos_ += 2;
    switch (c) {
      case 'n':
      case 'r':
      case 't':
      case '\\':
      case '|':
      case '.':
      case '?':
      case '*':
      case '+':
      case '(':
      case ')':
      case '{':
      case '}':
      case '-':
      case '[':
      case ']':
      case '^':
      case '$':
        out += '\\';
        out += c;
        return true;
      // XPath's \s is only these four; \w is everything but punctuation,
      // separators and others; \d is Unicode Nd.
      case 's':
        out += in_class ? "\\x20\\t\\n\\r" : "[\\x20\\t\\n\\r]";
        return true;
      case 'S':
        out += in_class ? "\\x{0}-\\x{8}\\x{B}\\x{C}\\x{E}-\\x{1F}\\x{21}-\\x{10FFFF}"
                        : "[^\\x20\\t\\n\\r]";
        return true;
      case 'w':
        out += in_class ? "\\p{L}\\p{M}\\p{N}\\p{S}" : "[^\\p{P}\\p{Z}\\p{C}]";
        return true;
      case 'W':
        out += in_class ? "\\p{P}\\p{Z}\\p{C}" : "[\\p{P}\\p{Z}\\p{C}]";
        return true;
      case 'd':
        out += "\\p{Nd}";
        return true;
      case 'D':
        out += "\\P{Nd}";
        return true;
      case 'i':
      case 'c': {
        std::string chars(kNameStartChars);
        if (c == 'c') chars += kNameExtraChars;
        out += in_class ? chars : "[" + chars + "]";
        return true;
      }
      case 'I':
      case 'C': {
        if (in_class) return false;
        std::string chars(kNameStartChars);
        if (c == 'C') chars += kNameExtraChars;
        out += "[^" + chars + "]";
        return true;
      }
      case 'p':
      case 'P': {
        if (pos_ >= in_.size() || in_[pos_] != '{') return false;
        size_t close = in_.find('}', pos_);
        if (close == std::string_view::npos) return false;
        std::string_view name = in_.substr(pos_ + 1, close - pos_ - 1);
        if (name.starts_with("Is")) {
          // PCRE2 has no Unicode blocks: spell the block's ranges out.
          std::optional<std::string> ranges = BlockRanges(name.substr(2));
          if (!ranges || (in_class && c == 'P')) return false;
          out += in_class ? *ranges : (c == 'P' ? "[^" : "[") + *ranges + "]";
          pos_ = close + 1;
          return true;
        }
        if (name.empty()) return false;
        for (char n : name) {
          if (!((n >= 'A' && n <= 'Z') || (n >= 'a' && n <= 'z'))) return false;
        }
        out += '\\';
        out += c;
        out += in_.substr(pos_, close - pos_ + 1);
        pos_ = close + 1;
        return true;
      }
      default:
        break;
    }
    if (c >= '1' && c <= '9' && !in_class) {
      // A back-reference: the longest digit run naming a closed group.
      int group = c - '0';
      if (group > closed_groups_) return false;
      while (pos_ < in_.size() && IsAsciiDigit(in_[pos_]) &&
             group * 10 + (in_[pos_] - '0') <= closed_groups_) {
        group = group * 10 + (in_[pos_++] - '0');
      }
      out += "(?:\\g{" + std::to_string(group) + "})";
      return true;
    }
    return false;
  }

  // At a '[': the translated class, including XSD subtraction.
  std::optional<std::string> TranslateClass() {
    ++pos_;
    std::string body;
    bool negated = false;
    if (pos_ < in_.size() && in_[pos_] == '^') {
      negated = true;
      ++pos_;
    }
    bool empty = true;
    while (pos_ < in_.size()) {
      char c = in_[pos_];
      if (c == ']') {
        ++pos_;
        if (empty) return std::nullopt;
        return std::string(negated ? "[^" : "[") + body + "]";
      }
      if (c == '-' && pos_ + 1 < in_.size() && in_[pos_ + 1] == '[') {
        if (empty) return std::nullopt;
        ++pos_;
        std::optional<std::string> subtracted = TranslateClass();
        if (!subtracted || pos_ >= in_.size() || in_[pos_] != ']') return std::nullopt;
        ++pos_;
        std::string base = std::string(negated ? "[^" : "[") + body + "]";
        return "(?:(?!" + *subtracted + ")" + base + ")";
      }
      if (c == '\\') {
        if (!TranslateEscape(/*in_class=*/true, body)) return std::nullopt;
      } else if (c == '[') {
        return std::nullopt;  // XSD requires '[' in a class to be escaped
      } else {
        body += c;
        ++pos_;
      }
      empty = false;
    }
    return std::nullopt;
  }

  std::string_view in_;
  bool extended_;
  size_t pos_ = 0;
  std::vector<bool> open_groups_;  // true for capturing groups
  int closed_groups_ = 0;
};

std::string EscapeLiteral(std::string_view pattern) {
  std::string out;
  for (char c : pattern) {
    bool ascii_punct = static_cast<unsigned char>(c) < 0x80 &&
                       !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || IsAsciiDigit(c));
    if (ascii_punct) out += '\\';
    out += c;
  }
  return out;
}

struct CodeDeleter {
  void operator()(pcre2_code* code) const { pcre2_code_free(code); }
};
using CompiledPattern = std::shared_ptr<pcre2_code>;

// The compiled pattern for an XPath pattern and flags, cached per thread;
// null when the pattern or the flags are invalid.
CompiledPattern Compile(std::string_view pattern, std::string_view flag_text) {
  thread_local absl::flat_hash_map<std::string, CompiledPattern> cache;
  std::string key = std::string(flag_text) + '\0' + std::string(pattern);
  if (auto it = cache.find(key); it != cache.end()) return it->second;

  std::optional<Flags> flags = ParseFlags(flag_text);
  std::optional<std::string> translated = TranslateXPathRegex(pattern, flag_text);
  CompiledPattern compiled;
  if (flags && translated) {
    uint32_t options = PCRE2_UTF | PCRE2_UCP;
    if (flags->case_insensitive) options |= PCRE2_CASELESS;
    if (flags->dot_all && !flags->literal) options |= PCRE2_DOTALL;
    options |= flags->multi_line && !flags->literal ? PCRE2_MULTILINE : PCRE2_DOLLAR_ENDONLY;
    pcre2_compile_context* context = pcre2_compile_context_create(nullptr);
    // '.' must not match CR or LF (XPath), and in multi-line mode both end
    // a line.
    if (context != nullptr) pcre2_set_newline(context, PCRE2_NEWLINE_ANYCRLF);
    int error_code = 0;
    PCRE2_SIZE error_offset = 0;
    pcre2_code* code =
        pcre2_compile(reinterpret_cast<PCRE2_SPTR>(translated->data()), translated->size(), options,
                      &error_code, &error_offset, context);
    pcre2_compile_context_free(context);
    if (code != nullptr) compiled.reset(code, CodeDeleter());
  }
  if (cache.size() >= kMaxCachedPatterns) cache.clear();
  cache.emplace(std::move(key), compiled);
  return compiled;
}

// One bounded search from `offset`: the number of captured pairs (>0),
// 0 for no match, or -1 for an error (limits hit, bad UTF-8).
int Search(const CompiledPattern& code, std::string_view subject, size_t offset,
           pcre2_match_data* match_data) {
  thread_local std::unique_ptr<pcre2_match_context, void (*)(pcre2_match_context*)> context(
      nullptr, pcre2_match_context_free);
  if (!context) {
    context.reset(pcre2_match_context_create(nullptr));
    if (!context) return -1;
    pcre2_set_match_limit(context.get(), kMatchLimit);
    pcre2_set_depth_limit(context.get(), kDepthLimit);
  }
  int rc = pcre2_match(code.get(), reinterpret_cast<PCRE2_SPTR>(subject.data()), subject.size(),
                       offset, 0, match_data, context.get());
  if (rc == PCRE2_ERROR_NOMATCH) return 0;
  return rc < 0 ? -1 : rc;
}

using MatchData = std::unique_ptr<pcre2_match_data, void (*)(pcre2_match_data*)>;

MatchData NewMatchData(const CompiledPattern& code) {
  return MatchData(pcre2_match_data_create_from_pattern(code.get(), nullptr),
                   pcre2_match_data_free);
}

// REPLACE's replacement as literal text and group references.
struct ReplacementPiece {
  std::string text;
  int group = -1;  // >= 0: the captured group instead of text
};

std::optional<std::vector<ReplacementPiece>> ParseReplacement(std::string_view replacement,
                                                              int group_count) {
  std::vector<ReplacementPiece> pieces;
  std::string text;
  for (size_t i = 0; i < replacement.size(); ++i) {
    char c = replacement[i];
    if (c == '\\') {
      if (i + 1 >= replacement.size() ||
          (replacement[i + 1] != '$' && replacement[i + 1] != '\\')) {
        return std::nullopt;
      }
      text += replacement[++i];
    } else if (c == '$') {
      if (i + 1 >= replacement.size() || !IsAsciiDigit(replacement[i + 1])) return std::nullopt;
      int group = replacement[++i] - '0';
      while (i + 1 < replacement.size() && IsAsciiDigit(replacement[i + 1]) &&
             group * 10 + (replacement[i + 1] - '0') <= group_count) {
        group = group * 10 + (replacement[++i] - '0');
      }
      pieces.push_back({std::move(text), -1});
      text.clear();
      pieces.push_back({"", group});
    } else {
      text += c;
    }
  }
  pieces.push_back({std::move(text), -1});
  return pieces;
}

bool IsPlainStringArgument(const Term* term) {
  return term == nullptr || IsSimpleOrXsdString(*term);
}

}  // namespace

std::optional<std::string> TranslateXPathRegex(std::string_view pattern, std::string_view flags) {
  std::optional<Flags> parsed = ParseFlags(flags);
  if (!parsed) return std::nullopt;
  if (parsed->literal) return EscapeLiteral(pattern);
  return Translator(pattern, parsed->extended).Run();
}

ExprValue Regex(const Term& text, const Term& pattern, const Term* flags) {
  if (!IsStringLiteral(text) || !IsSimpleOrXsdString(pattern) || !IsPlainStringArgument(flags)) {
    return std::nullopt;
  }
  CompiledPattern code = Compile(pattern.value(), flags != nullptr ? flags->value() : "");
  if (!code) return std::nullopt;
  MatchData match_data = NewMatchData(code);
  if (!match_data) return std::nullopt;
  int rc = Search(code, text.value(), 0, match_data.get());
  if (rc < 0) return std::nullopt;
  return BooleanTerm(rc > 0);
}

ExprValue Replace(const Term& text, const Term& pattern, const Term& replacement,
                  const Term* flags) {
  if (!IsStringLiteral(text) || !IsSimpleOrXsdString(pattern) ||
      !IsSimpleOrXsdString(replacement) || !IsPlainStringArgument(flags)) {
    return std::nullopt;
  }
  CompiledPattern code = Compile(pattern.value(), flags != nullptr ? flags->value() : "");
  if (!code) return std::nullopt;
  MatchData match_data = NewMatchData(code);
  if (!match_data) return std::nullopt;
  if (Search(code, "", 0, match_data.get()) != 0) return std::nullopt;  // matches ""
  uint32_t capture_count = 0;
  pcre2_pattern_info(code.get(), PCRE2_INFO_CAPTURECOUNT, &capture_count);
  std::optional<std::vector<ReplacementPiece>> pieces =
      ParseReplacement(replacement.value(), static_cast<int>(capture_count));
  if (!pieces) return std::nullopt;

  std::string_view subject = text.value();
  std::string result;
  size_t copied = 0, offset = 0;
  while (offset <= subject.size()) {
    int rc = Search(code, subject, offset, match_data.get());
    if (rc < 0) return std::nullopt;
    if (rc == 0) break;
    PCRE2_SIZE* ovector = pcre2_get_ovector_pointer(match_data.get());
    size_t start = ovector[0], end = ovector[1];
    result.append(subject.substr(copied, start - copied));
    for (const ReplacementPiece& piece : *pieces) {
      if (piece.group < 0) {
        result += piece.text;
      } else if (piece.group < rc && ovector[2 * piece.group] != PCRE2_UNSET) {
        result.append(subject.substr(ovector[2 * piece.group],
                                     ovector[2 * piece.group + 1] - ovector[2 * piece.group]));
      }
    }
    copied = end;
    // No match is empty (checked above); the guard keeps the loop finite
    // should PCRE2 still find one.
    offset = end > start ? end : end + 1;
  }
  result.append(subject.substr(std::min(copied, subject.size())));
  return WithSameKind(text, std::move(result));
}

}  // namespace parley::query
