// A small XML reader for tests: enough for the SPARQL Query Results XML
// format (.srx), so the test suites need no XML library.
//
// Handles elements, attributes, character data, the five predefined entities,
// character references, CDATA sections, comments, processing instructions
// and a DOCTYPE without an internal subset. Namespaces are not resolved:
// names keep the prefix they are written with ("xml:lang").
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"

namespace parley::sparql_test {

struct XmlElement {
  std::string name;  // as written, prefix included
  std::vector<std::pair<std::string, std::string>> attributes;
  std::vector<XmlElement> children;
  // The character data directly inside this element, concatenated, with
  // references replaced and whitespace kept exactly.
  std::string text;

  // The name without its namespace prefix ("res:binding" -> "binding").
  std::string_view LocalName() const;
  // The value of the attribute written as `attribute_name`; nullptr if absent.
  const std::string* Attribute(std::string_view attribute_name) const;
  // The first child element with local name `local_name`; nullptr if none.
  const XmlElement* Child(std::string_view local_name) const;
};

// The document's root element. InvalidArgument with the byte offset when
// `text` is not well-formed as far as this reader checks.
absl::StatusOr<XmlElement> ParseXml(std::string_view text);

}  // namespace parley::sparql_test
