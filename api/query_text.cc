// The functions of parley/query.h that look at query text without a
// database. They are defined here, in the library libparley.so links whole,
// so that the shared library exports them (libparley.map).
#include "parley/query.h"
#include "query/parser/parser.h"
#include "query/parser/syntax_error.h"

namespace parley {

bool LooksLikeUpdate(std::string_view text) { return query::LooksLikeUpdateText(text); }

bool IsIncompleteQuery(const absl::Status& status) {
  return query::IsIncompleteSyntaxError(status);
}

}  // namespace parley
