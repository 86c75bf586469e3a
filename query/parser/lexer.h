// The SPARQL 1.1 tokenizer (spec §19.8, the terminals). The whole query is
// tokenized up front so the parser can look ahead freely.
//
// Tokens carry decoded values: string escapes and \u / \U escapes (which
// SPARQL allows in strings and IRIs only) are resolved, prefixed names are
// split into prefix and unescaped local part. Signs are never part of a
// number token: the parser combines '-' '1' where the grammar allows a
// signed literal.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace parley::query {

enum class TokenKind : unsigned char {
  kEnd,             // end of input
  kIriRef,          // <iri>: text is the unescaped, still unresolved IRI
  kPrefixedName,    // prefix:local: prefix in `prefix`, local part in `text`
  kBlankNodeLabel,  // _:label: text is the label
  kVariable,        // ?x or $x: text is the name
  kLangTag,         // @en-GB: text is the tag without '@'
  kInteger,         // text is the lexical form
  kDecimal,
  kDouble,
  kString,  // any of the four quoted forms: text is the decoded value
  kNil,     // ( )
  kAnon,    // [ ]
  kWord,    // a keyword or function name (SELECT, a, true, STRLEN)
  kLeftBrace,
  kRightBrace,
  kLeftParen,
  kRightParen,
  kLeftBracket,
  kRightBracket,
  kDot,
  kSemicolon,
  kComma,
  kCaretCaret,
  kCaret,
  kPipe,
  kSlash,
  kStar,
  kPlus,
  kMinus,
  kQuestion,
  kBang,
  kEqual,
  kNotEqual,
  kLess,
  kGreater,
  kLessEqual,
  kGreaterEqual,
  kAndAnd,
  kOrOr,
};

struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::string text;
  std::string prefix;  // kPrefixedName
  size_t offset = 0;   // byte offset of the first character in the query
  size_t end = 0;      // byte offset just past the token
  // True when whitespace or a comment precedes the token (so "-1" is a
  // signed number but "- 1" is not).
  bool after_space = false;
};

// Splits `text` (UTF-8) into tokens ending with one kEnd token. Errors are
// InvalidArgument in the format of parser.h; an unterminated string or
// IRI at the end of the text is also IsIncompleteQuery.
absl::StatusOr<std::vector<Token>> Tokenize(std::string_view text);

// A short description of a token for "found '...'" in messages.
std::string DescribeToken(std::string_view query, const Token& token);

}  // namespace parley::query
