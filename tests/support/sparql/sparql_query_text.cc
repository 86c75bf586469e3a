#include "tests/support/sparql/sparql_query_text.h"

#include <algorithm>
#include <string>

#include "absl/strings/ascii.h"

namespace parley::sparql_test {
namespace {

struct Token {
  enum class Kind { kWord, kVariable, kIri, kPunct };
  Kind kind;
  std::string text;  // words upper-cased; variables without '?'; IRIs without <>
  int brace_depth;   // '{' nesting where the token starts
};

bool IsWordChar(char c) {
  return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '_' || c == ':' || c == '-' ||
         c == '.' || static_cast<unsigned char>(c) >= 0x80;
}

// An IRIREF may not hold spaces, quotes, braces or another '<': a '<' not
// followed by such a run up to '>' is the less-than operator.
size_t IriEnd(std::string_view text, size_t start) {
  for (size_t i = start + 1; i < text.size(); ++i) {
    char c = text[i];
    if (c == '>') return i;
    if (static_cast<unsigned char>(c) <= 0x20 || c == '<' || c == '"' || c == '{' || c == '}' ||
        c == '|' || c == '^' || c == '`' || c == '\\') {
      return std::string_view::npos;
    }
  }
  return std::string_view::npos;
}

// Returns the index just past the string literal starting at `start`.
size_t StringEnd(std::string_view text, size_t start) {
  char quote = text[start];
  bool triple = text.substr(start, 3) == std::string(3, quote);
  size_t i = start + (triple ? 3 : 1);
  while (i < text.size()) {
    if (text[i] == '\\') {
      i += 2;
    } else if (triple && text.substr(i, 3) == std::string(3, quote)) {
      return i + 3;
    } else if (!triple && text[i] == quote) {
      return i + 1;
    } else {
      ++i;
    }
  }
  return text.size();
}

std::vector<Token> Tokenize(std::string_view text) {
  std::vector<Token> tokens;
  int depth = 0;
  size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (absl::ascii_isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (c == '#') {
      while (i < text.size() && text[i] != '\n') ++i;
    } else if (c == '"' || c == '\'') {
      i = StringEnd(text, i);
    } else if (c == '<' && IriEnd(text, i) != std::string_view::npos) {
      size_t end = IriEnd(text, i);
      tokens.push_back({Token::Kind::kIri, std::string(text.substr(i + 1, end - i - 1)), depth});
      i = end + 1;
    } else if ((c == '?' || c == '$') && i + 1 < text.size() && IsWordChar(text[i + 1])) {
      size_t start = ++i;
      while (i < text.size() && IsWordChar(text[i]) && text[i] != ':' && text[i] != '.') ++i;
      tokens.push_back({Token::Kind::kVariable, std::string(text.substr(start, i - start)), depth});
    } else if (IsWordChar(c)) {
      size_t start = i;
      while (i < text.size() && IsWordChar(text[i])) ++i;
      tokens.push_back({Token::Kind::kWord,
                        absl::AsciiStrToUpper(std::string(text.substr(start, i - start))), depth});
    } else {
      if (c == '{') ++depth;
      tokens.push_back({Token::Kind::kPunct, std::string(1, c), depth});
      if (c == '}') --depth;
      ++i;
    }
  }
  return tokens;
}

bool IsWord(const Token& token, std::string_view word) {
  return token.kind == Token::Kind::kWord && token.text == word;
}

}  // namespace

QueryTextFacts ScanQueryText(std::string_view text) {
  QueryTextFacts facts;
  std::vector<Token> tokens = Tokenize(text);
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& token = tokens[i];
    if (token.brace_depth != 0) continue;
    bool has_next = i + 1 < tokens.size();
    if (IsWord(token, "REDUCED")) facts.reduced = true;
    if (IsWord(token, "BASE") && has_next && tokens[i + 1].kind == Token::Kind::kIri) {
      facts.base = tokens[i + 1].text;
    }
    if (IsWord(token, "FROM") && has_next) {
      bool named = IsWord(tokens[i + 1], "NAMED");
      size_t iri = i + (named ? 2 : 1);
      if (iri < tokens.size() && tokens[iri].kind == Token::Kind::kIri) {
        (named ? facts.from_named : facts.from).push_back(tokens[iri].text);
      }
    }
    if (IsWord(token, "ORDER") && has_next && IsWord(tokens[i + 1], "BY")) {
      facts.has_order_by = true;
      for (size_t k = i + 2; k < tokens.size(); ++k) {
        const Token& key = tokens[k];
        if (key.brace_depth != 0 || IsWord(key, "LIMIT") || IsWord(key, "OFFSET") ||
            IsWord(key, "VALUES")) {
          break;
        }
        if (key.kind == Token::Kind::kVariable &&
            std::find(facts.order_by_variables.begin(), facts.order_by_variables.end(), key.text) ==
                facts.order_by_variables.end()) {
          facts.order_by_variables.push_back(key.text);
        }
      }
    }
  }
  return facts;
}

}  // namespace parley::sparql_test
