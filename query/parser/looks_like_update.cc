// query::LooksLikeUpdateText, behind parley::LooksLikeUpdate (parley/query.h):
// the first keyword after the prologue, read with the SPARQL lexer.
#include <string_view>
#include <vector>

#include "parley/query.h"
#include "query/parser/lexer.h"
#include "query/parser/text_util.h"

namespace parley::query {
namespace {

bool IsUpdateKeyword(std::string_view word) {
  static constexpr std::string_view kWords[] = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP",
                                                "CREATE", "ADD",    "MOVE", "COPY",  "WITH"};
  for (std::string_view keyword : kWords) {
    if (EqualsIgnoreCase(word, keyword)) return true;
  }
  return false;
}

// The first token after the prologue (kEnd when there is none).
const Token& AfterPrologue(const std::vector<Token>& tokens) {
  size_t at = 0;
  auto word = [&](size_t i, std::string_view keyword) {
    return tokens[i].kind == TokenKind::kWord && EqualsIgnoreCase(tokens[i].text, keyword);
  };
  // BASE <iri> and PREFIX name: <iri>; a malformed declaration ends the
  // prologue (its keyword is then the token returned).
  while (at + 1 < tokens.size()) {
    if (word(at, "BASE") && tokens[at + 1].kind == TokenKind::kIriRef) {
      at += 2;
    } else if (word(at, "PREFIX") && at + 2 < tokens.size() &&
               tokens[at + 1].kind == TokenKind::kPrefixedName &&
               tokens[at + 2].kind == TokenKind::kIriRef) {
      at += 3;
    } else {
      break;
    }
  }
  return tokens[at];
}

}  // namespace

bool LooksLikeUpdateText(std::string_view text) {
  auto tokens = Tokenize(text);
  if (!tokens.ok()) {
    // A lexical error later in the text (an unterminated string while a
    // shell still reads lines) should not hide the first keyword: the
    // prologue and that keyword never hold '{', so lex only what precedes
    // the first one.
    size_t brace = text.find('{');
    if (brace == std::string_view::npos) return false;
    tokens = Tokenize(text.substr(0, brace));
    if (!tokens.ok()) return false;
  }
  const Token& first = AfterPrologue(*tokens);
  if (first.kind == TokenKind::kEnd) return true;
  return first.kind == TokenKind::kWord && IsUpdateKeyword(first.text);
}

}  // namespace parley::query
