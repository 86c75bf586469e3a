// The byte form of a term in the dictionary (the key of the term -> id column
// family and the value of id -> term):
//
//   term_key := 'I' iri
//             | 'B' label
//             | 'S' lexical                     literal of datatype xsd:string
//             | 'L' language 0x00 lexical       rdf:langString
//             | 'T' datatype 0x00 lexical       any other datatype
//
// IRIs, labels, language tags and datatype IRIs never contain 0x00 (Term::
// Validate() rejects control characters), so the split is unambiguous; a
// lexical form may contain any byte. Sorting term keys groups terms by kind
// and IRIs by text, which is why the bulk loader numbers new terms in this
// order: related IRIs get neighbouring ids and compress well.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "parley/term.h"

namespace parley::engine {

// REQUIRES: !term.is_default_graph().
std::string EncodeTermKey(const Term& term);
void AppendTermKey(const Term& term, std::string* out);

// DataLoss for bytes EncodeTermKey cannot have produced.
absl::StatusOr<Term> DecodeTermKey(std::string_view key);

}  // namespace parley::engine
