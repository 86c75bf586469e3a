#include "tests/support/sparql/xml_tree.h"

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "formats/rdf/str_cat.h"

namespace parley::sparql_test {

// absl::StrCat that also takes std::string_view (Debian's abseil has its own).
using ::parley::engine::io::Cat;
namespace {

bool IsXmlSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool IsNameChar(char c) {
  return !IsXmlSpace(c) && c != '=' && c != '>' && c != '/' && c != '<' && c != '"' && c != '\'';
}

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

class XmlParser {
 public:
  explicit XmlParser(std::string_view text) : text_(text) {}

  absl::StatusOr<XmlElement> ParseDocument() {
    if (!SkipProlog()) return Error("expected a root element");
    XmlElement root;
    if (absl::Status status = ParseElement(&root); !status.ok()) return status;
    return root;
  }

 private:
  absl::Status Error(std::string_view message) const {
    return absl::InvalidArgumentError(Cat("XML at byte ", pos_, ": ", message));
  }

  bool LookingAt(std::string_view s) const { return text_.substr(pos_, s.size()) == s; }

  bool SkipPast(std::string_view terminator) {
    size_t found = text_.find(terminator, pos_);
    if (found == std::string_view::npos) return false;
    pos_ = found + terminator.size();
    return true;
  }

  void SkipSpace() {
    while (pos_ < text_.size() && IsXmlSpace(text_[pos_])) ++pos_;
  }

  // Skips the XML declaration, comments, processing instructions and a
  // DOCTYPE; true when a start tag follows.
  bool SkipProlog() {
    if (LookingAt("\xEF\xBB\xBF")) pos_ += 3;  // a UTF-8 byte order mark
    while (true) {
      SkipSpace();
      if (LookingAt("<?")) {
        if (!SkipPast("?>")) return false;
      } else if (LookingAt("<!--")) {
        if (!SkipPast("-->")) return false;
      } else if (LookingAt("<!DOCTYPE")) {
        if (!SkipPast(">")) return false;
      } else {
        return LookingAt("<");
      }
    }
  }

  std::string ParseName() {
    size_t start = pos_;
    while (pos_ < text_.size() && IsNameChar(text_[pos_])) ++pos_;
    return std::string(text_.substr(start, pos_ - start));
  }

  // Appends `raw` to *out with entity and character references replaced.
  absl::Status AppendDecoded(std::string_view raw, std::string* out) const {
    for (size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] != '&') {
        out->push_back(raw[i]);
        continue;
      }
      size_t semicolon = raw.find(';', i);
      if (semicolon == std::string_view::npos) return Error("unterminated reference");
      std::string_view name = raw.substr(i + 1, semicolon - i - 1);
      if (name == "lt") {
        out->push_back('<');
      } else if (name == "gt") {
        out->push_back('>');
      } else if (name == "amp") {
        out->push_back('&');
      } else if (name == "quot") {
        out->push_back('"');
      } else if (name == "apos") {
        out->push_back('\'');
      } else if (name.size() > 1 && name[0] == '#') {
        bool hex = name[1] == 'x';
        std::string digits(name.substr(hex ? 2 : 1));
        if (digits.empty()) return Error("empty character reference");
        AppendUtf8(static_cast<uint32_t>(std::stoul(digits, nullptr, hex ? 16 : 10)), out);
      } else {
        return Error(Cat("unknown entity &", name, ";"));
      }
      i = semicolon;
    }
    return absl::OkStatus();
  }

  // REQUIRES: the parser stands on '<' of a start tag.
  absl::Status ParseElement(XmlElement* element) {
    ++pos_;
    element->name = ParseName();
    if (element->name.empty()) return Error("expected an element name");
    while (true) {
      SkipSpace();
      if (pos_ >= text_.size()) return Error("unterminated start tag");
      if (LookingAt("/>")) {
        pos_ += 2;
        return absl::OkStatus();
      }
      if (text_[pos_] == '>') {
        ++pos_;
        break;
      }
      std::string attribute = ParseName();
      SkipSpace();
      if (attribute.empty() || !LookingAt("=")) return Error("expected an attribute");
      ++pos_;
      SkipSpace();
      if (pos_ >= text_.size() || (text_[pos_] != '"' && text_[pos_] != '\'')) {
        return Error("expected a quoted attribute value");
      }
      char quote = text_[pos_++];
      size_t end = text_.find(quote, pos_);
      if (end == std::string_view::npos) return Error("unterminated attribute value");
      std::string value;
      if (absl::Status status = AppendDecoded(text_.substr(pos_, end - pos_), &value);
          !status.ok()) {
        return status;
      }
      element->attributes.emplace_back(std::move(attribute), std::move(value));
      pos_ = end + 1;
    }
    return ParseContent(element);
  }

  absl::Status ParseContent(XmlElement* element) {
    while (pos_ < text_.size()) {
      if (LookingAt("</")) {
        pos_ += 2;
        std::string closing = ParseName();
        SkipSpace();
        if (closing != element->name || !LookingAt(">")) {
          return Error(Cat("expected </", element->name, ">"));
        }
        ++pos_;
        return absl::OkStatus();
      }
      if (LookingAt("<!--")) {
        if (!SkipPast("-->")) return Error("unterminated comment");
      } else if (LookingAt("<![CDATA[")) {
        size_t start = pos_ + 9;
        if (!SkipPast("]]>")) return Error("unterminated CDATA section");
        element->text.append(text_.substr(start, pos_ - 3 - start));
      } else if (LookingAt("<?")) {
        if (!SkipPast("?>")) return Error("unterminated processing instruction");
      } else if (text_[pos_] == '<') {
        element->children.emplace_back();
        if (absl::Status status = ParseElement(&element->children.back()); !status.ok()) {
          return status;
        }
      } else {
        size_t end = text_.find('<', pos_);
        if (end == std::string_view::npos) end = text_.size();
        if (absl::Status status = AppendDecoded(text_.substr(pos_, end - pos_), &element->text);
            !status.ok()) {
          return status;
        }
        pos_ = end;
      }
    }
    return Error(Cat("unterminated element <", element->name, ">"));
  }

  std::string_view text_;
  size_t pos_ = 0;
};

}  // namespace

std::string_view XmlElement::LocalName() const {
  std::string_view local = name;
  size_t colon = local.find(':');
  return colon == std::string_view::npos ? local : local.substr(colon + 1);
}

const std::string* XmlElement::Attribute(std::string_view attribute_name) const {
  for (const auto& [key, value] : attributes) {
    if (key == attribute_name) return &value;
  }
  return nullptr;
}

const XmlElement* XmlElement::Child(std::string_view local_name) const {
  for (const XmlElement& child : children) {
    if (child.LocalName() == local_name) return &child;
  }
  return nullptr;
}

absl::StatusOr<XmlElement> ParseXml(std::string_view text) {
  return XmlParser(text).ParseDocument();
}

}  // namespace parley::sparql_test
