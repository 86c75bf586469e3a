#include "query/parser/lexer.h"

#include <cstdint>
#include <optional>

#include "query/parser/syntax_error.h"
#include "query/parser/text_util.h"
#include "rdf/syntax.h"

namespace parley::query {
namespace {

// -------------------------------------------------- character classes (§19.8)

bool IsAsciiLetter(uint32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(uint32_t c) { return c >= '0' && c <= '9'; }
bool IsHex(uint32_t c) { return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

bool IsPnCharsBase(uint32_t c) {
  return IsAsciiLetter(c) || (c >= 0xC0 && c <= 0xD6) || (c >= 0xD8 && c <= 0xF6) ||
         (c >= 0xF8 && c <= 0x2FF) || (c >= 0x370 && c <= 0x37D) || (c >= 0x37F && c <= 0x1FFF) ||
         (c >= 0x200C && c <= 0x200D) || (c >= 0x2070 && c <= 0x218F) ||
         (c >= 0x2C00 && c <= 0x2FEF) || (c >= 0x3001 && c <= 0xD7FF) ||
         (c >= 0xF900 && c <= 0xFDCF) || (c >= 0xFDF0 && c <= 0xFFFD) ||
         (c >= 0x10000 && c <= 0xEFFFF);
}
bool IsPnCharsU(uint32_t c) { return IsPnCharsBase(c) || c == '_'; }
bool IsPnChars(uint32_t c) {
  return IsPnCharsU(c) || c == '-' || IsDigit(c) || c == 0xB7 || (c >= 0x300 && c <= 0x36F) ||
         (c >= 0x203F && c <= 0x2040);
}
bool IsVarNameStart(uint32_t c) { return IsPnCharsU(c) || IsDigit(c); }
bool IsVarNameChar(uint32_t c) {
  return IsVarNameStart(c) || c == 0xB7 || (c >= 0x300 && c <= 0x36F) ||
         (c >= 0x203F && c <= 0x2040);
}
bool IsWhitespace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Characters a PN_LOCAL_ESC may escape with a backslash.
bool IsLocalEscapable(char c) {
  return std::string_view("_~.-!$&'()*+,;=/?#@%").find(c) != std::string_view::npos;
}

void AppendUtf8(uint32_t c, std::string* out) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (c >> 6)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (c >> 12)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (c >> 18)));
    out->push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

class Lexer {
 public:
  explicit Lexer(std::string_view text) : text_(text) {}

  absl::StatusOr<std::vector<Token>> Run() {
    // The text must be UTF-8 (terms built from it are); a byte order mark
    // at the start is skipped.
    for (size_t at = 0; at < text_.size();) {
      rdf::CodePoint cp = rdf::DecodeUtf8(text_, at);
      if (cp.length == 0) return Error(at, "the query is not valid UTF-8 here");
      at += cp.length;
    }
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
    std::vector<Token> tokens;
    while (true) {
      bool space = SkipSpaceAndComments();
      Token token;
      token.offset = pos_;
      token.after_space = space || pos_ == 0;
      if (pos_ >= text_.size()) {
        token.kind = TokenKind::kEnd;
        token.end = pos_;
        tokens.push_back(std::move(token));
        return tokens;
      }
      absl::Status status = Lex(&token);
      if (!status.ok()) return status;
      token.end = pos_;
      tokens.push_back(std::move(token));
    }
  }

 private:
  // The code point at `at` and its length in bytes; {0, 0} at the end.
  // Run() has checked that the text is UTF-8.
  std::pair<uint32_t, size_t> Decode(size_t at) const {
    if (at >= text_.size()) return {0, 0};
    rdf::CodePoint cp = rdf::DecodeUtf8(text_, at);
    return {static_cast<uint32_t>(cp.value), cp.length};
  }
  uint32_t PeekCodePoint(size_t at) const { return Decode(at).first; }
  char Peek(size_t ahead = 0) const {
    return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0';
  }

  absl::Status Error(size_t offset, std::string_view message, bool incomplete = false) const {
    return SyntaxError(text_, offset, message, incomplete);
  }

  bool SkipSpaceAndComments() {
    size_t start = pos_;
    while (pos_ < text_.size()) {
      if (IsWhitespace(text_[pos_])) {
        ++pos_;
      } else if (text_[pos_] == '#') {
        while (pos_ < text_.size() && text_[pos_] != '\n') ++pos_;
      } else {
        break;
      }
    }
    return pos_ != start;
  }

  absl::Status Lex(Token* token) {
    char c = Peek();
    auto single = [&](TokenKind kind, size_t length = 1) {
      token->kind = kind;
      pos_ += length;
      return absl::OkStatus();
    };
    switch (c) {
      case '{':
        return single(TokenKind::kLeftBrace);
      case '}':
        return single(TokenKind::kRightBrace);
      case ')':
        return single(TokenKind::kRightParen);
      case ']':
        return single(TokenKind::kRightBracket);
      case ';':
        return single(TokenKind::kSemicolon);
      case ',':
        return single(TokenKind::kComma);
      case '/':
        return single(TokenKind::kSlash);
      case '*':
        return single(TokenKind::kStar);
      case '+':
        return single(TokenKind::kPlus);
      case '-':
        return single(TokenKind::kMinus);
      case '=':
        return single(TokenKind::kEqual);
      case '|':
        return Peek(1) == '|' ? single(TokenKind::kOrOr, 2) : single(TokenKind::kPipe);
      case '^':
        return Peek(1) == '^' ? single(TokenKind::kCaretCaret, 2) : single(TokenKind::kCaret);
      case '!':
        return Peek(1) == '=' ? single(TokenKind::kNotEqual, 2) : single(TokenKind::kBang);
      case '>':
        return Peek(1) == '=' ? single(TokenKind::kGreaterEqual, 2) : single(TokenKind::kGreater);
      case '&':
        if (Peek(1) == '&') return single(TokenKind::kAndAnd, 2);
        break;
      case '(':
      case '[': {
        // NIL and ANON allow whitespace (not comments) between the brackets.
        size_t after = pos_ + 1;
        while (after < text_.size() && IsWhitespace(text_[after])) ++after;
        char close = c == '(' ? ')' : ']';
        if (after < text_.size() && text_[after] == close) {
          token->kind = c == '(' ? TokenKind::kNil : TokenKind::kAnon;
          pos_ = after + 1;
          return absl::OkStatus();
        }
        return single(c == '(' ? TokenKind::kLeftParen : TokenKind::kLeftBracket);
      }
      case '<':
        return LexIriOrLess(token);
      case '"':
      case '\'':
        return LexString(token);
      case '?':
      case '$': {
        if (IsVarNameStart(PeekCodePoint(pos_ + 1))) {
          ++pos_;
          token->kind = TokenKind::kVariable;
          while (true) {
            auto [cp, length] = Decode(pos_);
            if (length == 0 || !IsVarNameChar(cp)) break;
            token->text.append(text_.substr(pos_, length));
            pos_ += length;
          }
          return absl::OkStatus();
        }
        if (c == '?') return single(TokenKind::kQuestion);
        break;
      }
      case '@':
        return LexLangTag(token);
      case '.':
        if (IsDigit(static_cast<unsigned char>(Peek(1)))) return LexNumber(token);
        return single(TokenKind::kDot);
      case '_':
        if (Peek(1) == ':') return LexBlankNodeLabel(token);
        break;
      case ':':
        return LexPrefixedName(token, pos_);
      default:
        break;
    }
    if (IsDigit(static_cast<unsigned char>(c))) return LexNumber(token);
    uint32_t cp = PeekCodePoint(pos_);
    if (IsPnCharsBase(cp)) return LexWordOrPrefixedName(token);
    return Error(pos_, Cat("unexpected character '", DescribeAt(pos_), "'"));
  }

  std::string DescribeAt(size_t at) const {
    auto [cp, length] = Decode(at);
    if (cp < 0x20) return Cat("\\x", absl::Hex(cp, absl::kZeroPad2));
    return std::string(text_.substr(at, length));
  }

  // '<' starts an IRIREF when IRI characters follow up to a '>'; otherwise
  // it is the less-than operator.
  absl::Status LexIriOrLess(Token* token) {
    size_t at = pos_ + 1;
    std::string iri;
    while (true) {
      if (at >= text_.size()) {
        // Only IRI characters to the end: an IRI that has not ended yet.
        return Error(pos_, "unterminated IRI", /*incomplete=*/true);
      }
      char c = text_[at];
      if (c == '>') {
        // IRIREF admits what an RDF IRI may not hold (DEL, C1 controls,
        // broken UTF-8): such an IRI could not be stored or returned.
        if (!rdf::HasOnlyIriCharacters(iri) || !rdf::IsValidUtf8(iri)) {
          return Error(pos_, "invalid character in IRI (a control character or invalid UTF-8)");
        }
        token->kind = TokenKind::kIriRef;
        token->text = std::move(iri);
        pos_ = at + 1;
        return absl::OkStatus();
      }
      if (c == '\\') {
        size_t escape_at = at;
        auto cp = ReadCodePointEscape(&at);
        if (!cp.ok()) return cp.status();
        if (*cp <= 0x20 || std::string_view("<>\"{}|^`\\").find(static_cast<char>(*cp)) !=
                               std::string_view::npos) {
          return Error(escape_at, "escaped character not allowed in an IRI");
        }
        AppendUtf8(*cp, &iri);
        continue;
      }
      if (static_cast<unsigned char>(c) <= 0x20 ||
          std::string_view("<\"{}|^`").find(c) != std::string_view::npos) {
        break;
      }
      iri.push_back(c);
      ++at;
    }
    if (Peek(1) == '=') {
      token->kind = TokenKind::kLessEqual;
      pos_ += 2;
    } else {
      token->kind = TokenKind::kLess;
      ++pos_;
    }
    return absl::OkStatus();
  }

  // \uXXXX or \UXXXXXXXX at *at (the backslash); advances past it.
  absl::StatusOr<uint32_t> ReadCodePointEscape(size_t* at) {
    size_t start = *at;
    char kind = start + 1 < text_.size() ? text_[start + 1] : '\0';
    size_t digits = kind == 'u' ? 4 : kind == 'U' ? 8 : 0;
    if (digits == 0) {
      if (start + 1 >= text_.size()) return Error(start, "unterminated escape", true);
      return Error(start, "invalid escape sequence");
    }
    uint32_t cp = 0;
    for (size_t i = 0; i < digits; ++i) {
      size_t p = start + 2 + i;
      if (p >= text_.size()) return Error(start, "unterminated escape", true);
      char h = text_[p];
      if (!IsHex(static_cast<unsigned char>(h))) return Error(start, "invalid \\u escape");
      cp = cp * 16 + static_cast<uint32_t>(
                         IsDigit(static_cast<unsigned char>(h)) ? h - '0' : (h | 0x20) - 'a' + 10);
    }
    if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
      return Error(start, "escape names no Unicode character (a surrogate or above U+10FFFF)");
    }
    *at = start + 2 + digits;
    return cp;
  }

  absl::Status LexString(Token* token) {
    char quote = Peek();
    bool long_form = Peek(1) == quote && Peek(2) == quote;
    size_t start = pos_;
    pos_ += long_form ? 3 : 1;
    token->kind = TokenKind::kString;
    std::string& value = token->text;
    while (true) {
      if (pos_ >= text_.size()) return Error(start, "unterminated string", true);
      char c = text_[pos_];
      if (c == quote) {
        if (!long_form) {
          ++pos_;
          return absl::OkStatus();
        }
        if (Peek(1) == quote && Peek(2) == quote) {
          // """a"""" ends with the last three quotes: extra quotes before
          // them belong to the value.
          while (Peek(3) == quote) {
            value.push_back(quote);
            ++pos_;
          }
          pos_ += 3;
          return absl::OkStatus();
        }
        value.push_back(c);
        ++pos_;
        continue;
      }
      if (!long_form && (c == '\n' || c == '\r')) {
        return Error(pos_, "line break in a string (use \"\"\"...\"\"\" or \\n)");
      }
      if (c != '\\') {
        value.push_back(c);
        ++pos_;
        continue;
      }
      char e = Peek(1);
      const char* replacement = nullptr;
      switch (e) {
        case 't':
          replacement = "\t";
          break;
        case 'b':
          replacement = "\b";
          break;
        case 'n':
          replacement = "\n";
          break;
        case 'r':
          replacement = "\r";
          break;
        case 'f':
          replacement = "\f";
          break;
        case '"':
          replacement = "\"";
          break;
        case '\'':
          replacement = "'";
          break;
        case '\\':
          replacement = "\\";
          break;
        default:
          break;
      }
      if (replacement != nullptr) {
        value.append(replacement);
        pos_ += 2;
        continue;
      }
      if (e == '\0' && pos_ + 1 >= text_.size()) return Error(start, "unterminated string", true);
      auto cp = ReadCodePointEscape(&pos_);
      if (!cp.ok()) return cp.status();
      AppendUtf8(*cp, &value);
    }
  }

  absl::Status LexLangTag(Token* token) {
    size_t start = pos_;
    size_t at = pos_ + 1;
    auto alnum_run = [&](bool digits_allowed) {
      size_t begin = at;
      while (at < text_.size() &&
             (IsAsciiLetter(static_cast<unsigned char>(text_[at])) ||
              (digits_allowed && IsDigit(static_cast<unsigned char>(text_[at]))))) {
        ++at;
      }
      return at > begin;
    };
    if (!alnum_run(false)) return Error(start, "expected a language tag after '@'");
    while (at + 1 < text_.size() && text_[at] == '-' &&
           (IsAsciiLetter(static_cast<unsigned char>(text_[at + 1])) ||
            IsDigit(static_cast<unsigned char>(text_[at + 1])))) {
      ++at;
      alnum_run(true);
    }
    token->kind = TokenKind::kLangTag;
    token->text = std::string(text_.substr(start + 1, at - start - 1));
    pos_ = at;
    return absl::OkStatus();
  }

  absl::Status LexNumber(Token* token) {
    size_t start = pos_;
    auto digits = [&]() {
      size_t begin = pos_;
      while (IsDigit(static_cast<unsigned char>(Peek()))) ++pos_;
      return pos_ - begin;
    };
    size_t integer_digits = digits();
    token->kind = TokenKind::kInteger;
    if (Peek() == '.') {
      // "1." is the integer 1 and a dot, unless an exponent makes it a double.
      bool digit_after = IsDigit(static_cast<unsigned char>(Peek(1)));
      bool exponent_after =
          (Peek(1) == 'e' || Peek(1) == 'E') && integer_digits > 0 &&
          (IsDigit(static_cast<unsigned char>(Peek(2))) ||
           ((Peek(2) == '+' || Peek(2) == '-') && IsDigit(static_cast<unsigned char>(Peek(3)))));
      if (digit_after || exponent_after) {
        ++pos_;
        digits();
        token->kind = TokenKind::kDecimal;
      }
    }
    if ((Peek() == 'e' || Peek() == 'E') &&
        (IsDigit(static_cast<unsigned char>(Peek(1))) ||
         ((Peek(1) == '+' || Peek(1) == '-') && IsDigit(static_cast<unsigned char>(Peek(2)))))) {
      pos_ += Peek(1) == '+' || Peek(1) == '-' ? 2 : 1;
      digits();
      token->kind = TokenKind::kDouble;
    }
    token->text = std::string(text_.substr(start, pos_ - start));
    return absl::OkStatus();
  }

  absl::Status LexBlankNodeLabel(Token* token) {
    size_t start = pos_;
    size_t at = pos_ + 2;
    auto [first, first_length] = Decode(at);
    if (first_length == 0 || !(IsPnCharsU(first) || IsDigit(first))) {
      return Error(start, "expected a blank node label after '_:'");
    }
    at += first_length;
    size_t last_good = at;
    while (true) {
      auto [cp, length] = Decode(at);
      if (length == 0) break;
      if (IsPnChars(cp)) {
        at += length;
        last_good = at;
      } else if (cp == '.') {
        at += length;
      } else {
        break;
      }
    }
    token->kind = TokenKind::kBlankNodeLabel;
    token->text = std::string(text_.substr(start + 2, last_good - start - 2));
    pos_ = last_good;
    return absl::OkStatus();
  }

  // A word: a keyword ([A-Za-z_][A-Za-z0-9_]*) unless a PN_PREFIX and ':'
  // follow, which make it a prefixed name.
  absl::Status LexWordOrPrefixedName(Token* token) {
    size_t at = pos_;
    size_t last_good = pos_;
    while (true) {
      auto [cp, length] = Decode(at);
      if (length == 0) break;
      if (IsPnChars(cp)) {
        at += length;
        last_good = at;
      } else if (cp == '.') {
        at += length;
      } else {
        break;
      }
    }
    if (last_good < text_.size() && text_[last_good] == ':')
      return LexPrefixedName(token, last_good);
    size_t end = pos_;
    while (end < text_.size() &&
           (IsAsciiLetter(static_cast<unsigned char>(text_[end])) ||
            IsDigit(static_cast<unsigned char>(text_[end])) || text_[end] == '_')) {
      ++end;
    }
    if (end == pos_) {
      return Error(pos_, Cat("unexpected character '", DescribeAt(pos_), "'"));
    }
    token->kind = TokenKind::kWord;
    token->text = std::string(text_.substr(pos_, end - pos_));
    pos_ = end;
    return absl::OkStatus();
  }

  // The prefix runs from pos_ to `colon`; reads PN_LOCAL after it.
  absl::Status LexPrefixedName(Token* token, size_t colon) {
    token->kind = TokenKind::kPrefixedName;
    token->prefix = std::string(text_.substr(pos_, colon - pos_));
    size_t at = colon + 1;
    std::string local;
    size_t good_length = 0;  // local.size() at the last character that may end a name
    size_t good_at = at;
    bool first = true;
    while (at < text_.size()) {
      char c = text_[at];
      if (c == '%') {
        if (at + 2 < text_.size() && IsHex(static_cast<unsigned char>(text_[at + 1])) &&
            IsHex(static_cast<unsigned char>(text_[at + 2]))) {
          local.append(text_.substr(at, 3));
          at += 3;
        } else {
          return Error(at, "expected two hex digits after '%' in a prefixed name");
        }
      } else if (c == '\\') {
        if (at + 1 < text_.size() && IsLocalEscapable(text_[at + 1])) {
          local.push_back(text_[at + 1]);
          at += 2;
        } else {
          return Error(at, "invalid escape in a prefixed name");
        }
      } else {
        auto [cp, length] = Decode(at);
        bool allowed = first ? (IsPnCharsU(cp) || cp == ':' || IsDigit(cp))
                             : (IsPnChars(cp) || cp == ':' || cp == '.');
        if (!allowed) break;
        local.append(text_.substr(at, length));
        at += length;
        if (cp == '.') {
          first = false;
          continue;
        }
      }
      first = false;
      good_length = local.size();
      good_at = at;
    }
    local.resize(good_length);
    token->text = std::move(local);
    pos_ = good_at;
    return absl::OkStatus();
  }

  std::string_view text_;
  size_t pos_ = 0;
};

}  // namespace

absl::StatusOr<std::vector<Token>> Tokenize(std::string_view text) { return Lexer(text).Run(); }

std::string DescribeToken(std::string_view query, const Token& token) {
  if (token.kind == TokenKind::kEnd) return "end of input";
  std::string_view text = query.substr(token.offset, token.end - token.offset);
  if (text.size() > 40) return Cat("'", text.substr(0, 37), "...'");
  return Cat("'", text, "'");
}

}  // namespace parley::query
