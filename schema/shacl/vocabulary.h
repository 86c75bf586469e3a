// The IRIs of SHACL (https://www.w3.org/TR/shacl/), in one place; the RDF
// ones come from rdf/vocabulary.h.
#pragma once

#include <string>
#include <string_view>

#include "rdf/vocabulary.h"

namespace parley::shacl {

inline constexpr std::string_view kSh = "http://www.w3.org/ns/shacl#";
// The RDF IRIs the validator reads (rdf:type, lists, rdfs:subClassOf).
using rdf::kRdfFirst;
using rdf::kRdfNil;
using rdf::kRdfRest;
using rdf::kRdfsSubClassOf;
using rdf::kRdfType;

// sh:<local>.
inline std::string Sh(std::string_view local) {
  std::string iri(kSh);
  iri += local;
  return iri;
}

}  // namespace parley::shacl
