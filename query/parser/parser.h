// SPARQL 1.1 query text -> algebra (query/algebra/algebra.h).
//
// A hand-written recursive-descent parser builds a syntax tree with
// positions; a separate translation (spec §18.2) turns it into the algebra,
// applying the scoping rules and the checks the grammar cannot express
// (projected variables under GROUP BY, AS ?x reusing a visible variable,
// nested aggregates, blank node labels shared across BGPs).
#pragma once

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "query/algebra/algebra.h"

namespace parley::query {

struct ParseOptions {
  // Relative IRIs resolve against this (a BASE in the text overrides it).
  // Empty: a relative IRI with no BASE is an error.
  std::string base_iri;
};

// InvalidArgument on a syntax or translation error, with a message of the
// form
//   line 3, column 14: expected '}' or a triple pattern, found 'FILTR'
//     ?s ?p ?o FILTR(?x)
//              ^
// When the text ends where more was expected (an open brace, an
// unterminated string or IRI), the status also satisfies
// parley::IsIncompleteQuery (parley/query.h).
absl::StatusOr<Query> ParseQuery(std::string_view text, const ParseOptions& options);

}  // namespace parley::query
