// SPARQL 1.1 query text -> algebra (query/algebra/algebra.h), and update
// text -> requests (query/algebra/update.h).
//
// A hand-written recursive-descent parser builds a syntax tree with
// positions; a separate translation (spec §18.2) turns it into the algebra,
// applying the scoping rules and the checks the grammar cannot express
// (projected variables under GROUP BY, AS ?x reusing a visible variable,
// nested aggregates, blank node labels shared across BGPs).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "query/algebra/algebra.h"
#include "query/algebra/update.h"

namespace parley::query {

struct ParseOptions {
  // Relative IRIs resolve against this (a BASE in the text overrides it).
  // Empty: a relative IRI with no BASE is an error.
  std::string base_iri;
  // (name without ':', namespace IRI): declared as if by PREFIX before the
  // text; the text's own PREFIX declarations override them.
  std::vector<std::pair<std::string, std::string>> prefixes;
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

// Whether `text` is an update request rather than a query: what
// parley::LooksLikeUpdate (parley/query.h) says, defined by the api so that
// libparley.so exports it.
bool LooksLikeUpdateText(std::string_view text);

// SPARQL 1.1 Update text -> request (query/algebra/update.h). Errors as
// ParseQuery's, with the rules of the grammar notes checked too (no
// variables in INSERT DATA / DELETE DATA, no blank nodes in DELETE DATA,
// DELETE WHERE or a DELETE template, a blank node label of an INSERT DATA
// in no other operation). Text holding only a prologue, or nothing, is an
// empty request.
absl::StatusOr<UpdateRequest> ParseUpdate(std::string_view text, const ParseOptions& options);

}  // namespace parley::query
