// RDF 1.1 terms: IRIs, blank nodes and literals, plus the marker for the
// default graph. Terms are plain values: copyable, comparable, hashable.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "absl/status/status.h"

namespace parley {

// Well-known datatype IRIs.
inline constexpr std::string_view kXsd = "http://www.w3.org/2001/XMLSchema#";
inline constexpr std::string_view kXsdString = "http://www.w3.org/2001/XMLSchema#string";
inline constexpr std::string_view kRdfLangString =
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString";

class Term {
 public:
  // Declaration order is the sort order of kinds (default graph first).
  enum class Kind : uint8_t { kDefaultGraph = 0, kIri = 1, kBlankNode = 2, kLiteral = 3 };

  // The default graph. It is only meaningful in the graph position of a quad.
  Term() = default;

  // Factories do not validate (see Validate()); they only normalize:
  // Literal() gives the datatype xsd:string, LangLiteral() gives rdf:langString
  // and lower-cases the tag (RDF language tags compare case-insensitively,
  // so Parley stores one canonical case).
  static Term Iri(std::string iri);
  static Term BlankNode(std::string label);
  static Term Literal(std::string lexical);
  static Term TypedLiteral(std::string lexical, std::string datatype);
  static Term LangLiteral(std::string lexical, std::string language);

  Kind kind() const { return kind_; }
  bool is_default_graph() const { return kind_ == Kind::kDefaultGraph; }
  bool is_iri() const { return kind_ == Kind::kIri; }
  bool is_blank_node() const { return kind_ == Kind::kBlankNode; }
  bool is_literal() const { return kind_ == Kind::kLiteral; }

  // The IRI, the blank node label (without "_:") or the literal's lexical form.
  const std::string& value() const { return value_; }
  // Literals only: the datatype IRI (never empty for a literal).
  const std::string& datatype() const { return datatype_; }
  // Language-tagged literals only: the lower-cased tag; empty otherwise.
  const std::string& language() const { return language_; }

  // OK when the term is well formed for RDF 1.1: an absolute IRI without
  // spaces, '<', '>', '"', '{', '}', '|', '^', '`', '\' or control characters;
  // a blank node label matching N-Triples' BLANK_NODE_LABEL; a language tag
  // matching BCP 47's basic syntax ([a-zA-Z]+ ('-' [a-zA-Z0-9]+)*); a datatype
  // that is itself a valid IRI. InvalidArgument names the problem otherwise.
  absl::Status Validate() const;

  // N-Triples / N-Quads syntax: <iri>, _:label, "lex"^^<dt>, "lex"@lang,
  // "lex" for xsd:string. The default graph prints as the empty string.
  std::string ToNTriples() const;

  friend bool operator==(const Term&, const Term&) = default;
  friend std::strong_ordering operator<=>(const Term&, const Term&) = default;

  template <typename H>
  friend H AbslHashValue(H h, const Term& t) {
    return H::combine(std::move(h), t.kind_, t.value_, t.datatype_, t.language_);
  }

 private:
  Term(Kind kind, std::string value, std::string datatype, std::string language)
      : kind_(kind),
        value_(std::move(value)),
        datatype_(std::move(datatype)),
        language_(std::move(language)) {}

  Kind kind_ = Kind::kDefaultGraph;
  std::string value_;
  std::string datatype_;
  std::string language_;
};

}  // namespace parley
