// The translation of a syntax tree into the algebra (spec §18.2), with the
// checks the grammar cannot express: blank node labels shared by two BGPs,
// BIND or AS to a variable already in scope, projecting ungrouped
// variables, nested aggregates and aggregates outside SELECT, HAVING and
// ORDER BY. Errors are InvalidArgument in the format of parser.h.
#pragma once

#include <string_view>

#include "absl/status/statusor.h"
#include "query/algebra/algebra.h"
#include "query/algebra/update.h"
#include "query/parser/ast.h"
#include "query/parser/ast_update.h"

namespace parley::query {

// `text` is the query the tree was parsed from (for error positions).
absl::StatusOr<Query> TranslateQuery(const ast::Query& syntax, std::string_view text);

// An update request (translate_update.cc): WHERE groups and DELETE WHERE
// patterns become algebra, templates quad patterns (WITH applied), and a
// blank node label of an INSERT DATA may appear in no other operation's
// INSERT DATA or WHERE.
absl::StatusOr<UpdateRequest> TranslateUpdate(const ast::UpdateRequest& syntax,
                                              std::string_view text);

}  // namespace parley::query
