#include "query/parser/syntax_error.h"

#include <string>

#include "absl/strings/cord.h"
#include "parley/query.h"
#include "query/parser/text_util.h"

namespace parley::query {
namespace {

// The payload that marks "the input ended where more was expected".
constexpr const char* kIncompletePayloadUrl = "type.parley/query.IncompleteQuery";

}  // namespace

absl::Status SyntaxError(std::string_view query, size_t offset, std::string_view message,
                         bool incomplete) {
  if (offset > query.size()) offset = query.size();
  size_t line_start = 0;
  int line = 1;
  for (size_t i = 0; i < offset; ++i) {
    if (query[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  size_t line_end = query.find('\n', line_start);
  if (line_end == std::string_view::npos) line_end = query.size();
  std::string_view line_text = query.substr(line_start, line_end - line_start);
  if (!line_text.empty() && line_text.back() == '\r') line_text.remove_suffix(1);

  // The caret line copies tabs so the caret lines up whatever the tab width;
  // UTF-8 continuation bytes are not columns.
  int column = 1;
  std::string caret = "  ";
  for (size_t i = line_start; i < offset && i < line_start + line_text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(query[i]);
    if ((c & 0xC0) == 0x80) continue;
    ++column;
    caret.push_back(c == '\t' ? '\t' : ' ');
  }
  caret.push_back('^');
  absl::Status status = absl::InvalidArgumentError(
      Cat("line ", line, ", column ", column, ": ", message, "\n  ", line_text, "\n", caret));
  if (incomplete) status.SetPayload(kIncompletePayloadUrl, absl::Cord("1"));
  return status;
}

bool IsIncompleteSyntaxError(const absl::Status& status) {
  return status.GetPayload(kIncompletePayloadUrl).has_value();
}

}  // namespace parley::query
