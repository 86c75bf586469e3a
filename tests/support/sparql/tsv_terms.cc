#include "tests/support/sparql/tsv_terms.h"

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "formats/rdf/str_cat.h"

namespace parley::sparql_test {

// absl::StrCat that also takes std::string_view (Debian's abseil has its own).
using ::parley::engine::io::Cat;
namespace {

void AppendUtf8(uint32_t code_point, std::string* out) {
  if (code_point < 0x80) {
    out->push_back(static_cast<char>(code_point));
  } else if (code_point < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (code_point >> 6)));
    out->push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else if (code_point < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (code_point >> 12)));
    out->push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (code_point >> 18)));
    out->push_back(static_cast<char>(0x80 | ((code_point >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  }
}

absl::Status Invalid(std::string_view cell, std::string_view why) {
  return absl::InvalidArgumentError(Cat("bad TSV term ", cell, ": ", why));
}

// The body of a quoted literal starting at cell[0] (the quote); *end is set
// past the closing quote.
absl::StatusOr<std::string> ParseQuoted(std::string_view cell, size_t* end) {
  char quote = cell[0];
  std::string lexical;
  for (size_t i = 1; i < cell.size(); ++i) {
    char c = cell[i];
    if (c == quote) {
      *end = i + 1;
      return lexical;
    }
    if (c != '\\') {
      lexical.push_back(c);
      continue;
    }
    if (++i >= cell.size()) break;
    switch (cell[i]) {
      case 't':
        lexical.push_back('\t');
        break;
      case 'n':
        lexical.push_back('\n');
        break;
      case 'r':
        lexical.push_back('\r');
        break;
      case 'b':
        lexical.push_back('\b');
        break;
      case 'f':
        lexical.push_back('\f');
        break;
      case '"':
        lexical.push_back('"');
        break;
      case '\'':
        lexical.push_back('\'');
        break;
      case '\\':
        lexical.push_back('\\');
        break;
      case 'u':
      case 'U': {
        size_t digits = cell[i] == 'u' ? 4 : 8;
        if (i + digits >= cell.size()) return Invalid(cell, "short \\u escape");
        std::string hex(cell.substr(i + 1, digits));
        AppendUtf8(static_cast<uint32_t>(std::stoul(hex, nullptr, 16)), &lexical);
        i += digits;
        break;
      }
      default:
        return Invalid(cell, "unknown escape");
    }
  }
  return Invalid(cell, "unterminated literal");
}

// Turtle's INTEGER, DECIMAL and DOUBLE; nullopt for anything else.
std::optional<Term> ParseBareNumber(std::string_view cell) {
  size_t i = (cell[0] == '+' || cell[0] == '-') ? 1 : 0;
  bool digits = false, dot = false, exponent = false;
  for (; i < cell.size(); ++i) {
    char c = cell[i];
    if (absl::ascii_isdigit(static_cast<unsigned char>(c))) {
      digits = true;
    } else if (c == '.' && !dot && !exponent) {
      dot = true;
    } else if ((c == 'e' || c == 'E') && digits && !exponent) {
      exponent = true;
      digits = false;
      if (i + 1 < cell.size() && (cell[i + 1] == '+' || cell[i + 1] == '-')) ++i;
    } else {
      return std::nullopt;
    }
  }
  if (!digits) return std::nullopt;
  std::string_view type = exponent ? "double" : dot ? "decimal" : "integer";
  return Term::TypedLiteral(std::string(cell), Cat(kXsd, type));
}

}  // namespace

absl::StatusOr<std::optional<Term>> ParseTsvTerm(std::string_view cell) {
  if (cell.empty()) return std::nullopt;
  if (cell[0] == '<') {
    if (cell.back() != '>') return Invalid(cell, "unterminated IRI");
    return Term::Iri(std::string(cell.substr(1, cell.size() - 2)));
  }
  if (cell.substr(0, 2) == "_:") return Term::BlankNode(std::string(cell.substr(2)));
  if (cell == "true" || cell == "false") {
    return Term::TypedLiteral(std::string(cell), Cat(kXsd, "boolean"));
  }
  if (cell[0] == '"' || cell[0] == '\'') {
    size_t end = 0;
    absl::StatusOr<std::string> lexical = ParseQuoted(cell, &end);
    if (!lexical.ok()) return lexical.status();
    std::string_view rest = cell.substr(end);
    if (rest.empty()) return Term::Literal(*std::move(lexical));
    if (rest[0] == '@') return Term::LangLiteral(*std::move(lexical), std::string(rest.substr(1)));
    if (rest.substr(0, 3) == "^^<" && rest.back() == '>') {
      return Term::TypedLiteral(*std::move(lexical), std::string(rest.substr(3, rest.size() - 4)));
    }
    return Invalid(cell, "expected @lang or ^^<datatype> after the literal");
  }
  if (std::optional<Term> number = ParseBareNumber(cell)) return number;
  return Invalid(cell, "not an IRI, blank node, literal, number or boolean");
}

}  // namespace parley::sparql_test
