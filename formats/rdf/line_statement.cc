#include "formats/rdf/line_statement.h"

namespace parley::engine::io {
namespace {

// A byte of BLANK_NODE_LABEL after "_:" (ASCII PN_CHARS, '.', or any byte
// of a multi-byte UTF-8 sequence; serd checks the details).
bool IsLabelByte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || c == '.' || c >= 0x80;
}

}  // namespace

size_t FindStatementEnd(std::string_view line) {
  const size_t n = line.size();
  size_t i = 0;
  while (i < n) {
    switch (line[i]) {
      case '<': {
        size_t close = line.find('>', i + 1);
        if (close == std::string_view::npos) return std::string_view::npos;
        i = close + 1;
        break;
      }
      case '"':
        for (++i; i < n && line[i] != '"'; ++i) {
          if (line[i] == '\\') ++i;  // the escaped byte, which may be '"'
        }
        if (i >= n) return std::string_view::npos;
        ++i;
        break;
      case '_':
        if (i + 1 < n && line[i + 1] == ':') {
          size_t start = i + 2, end = start;
          while (end < n && IsLabelByte(static_cast<unsigned char>(line[end]))) ++end;
          while (end > start && line[end - 1] == '.') --end;
          i = end;
        } else {
          ++i;
        }
        break;
      case '.':
        return i + 1;
      case '#':
        return std::string_view::npos;
      default:
        ++i;
        break;
    }
  }
  return std::string_view::npos;
}

size_t FindTrailingText(std::string_view line, size_t from) {
  for (size_t i = from; i < line.size(); ++i) {
    char c = line[i];
    if (c == '#') return std::string_view::npos;
    if (c != ' ' && c != '\t' && c != '\r') return i;
  }
  return std::string_view::npos;
}

bool EscapeNuls(std::string_view line, std::string* out) {
  out->clear();
  bool in_string = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (c == '\0') {
      if (!in_string) return false;
      out->append("\\u0000");
      continue;
    }
    out->push_back(c);
    if (in_string && c == '\\' && i + 1 < line.size()) {
      out->push_back(line[++i]);
    } else if (c == '"') {
      in_string = !in_string;
    }
  }
  return true;
}

}  // namespace parley::engine::io
