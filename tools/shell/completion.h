// What Tab offers in the shell: dot-commands and their arguments, SPARQL
// keywords, the declared prefixes, and the predicates and classes of the
// database.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace parley::tools {

class Session;

// The candidates that complete `word`, the text before the cursor after
// the last word break; `line` is all the text before the cursor. Sorted,
// without duplicates. A keyword is offered in the case the word was typed
// in (lower case for a lower-case word).
std::vector<std::string> CompletionCandidates(Session& session, std::string_view line,
                                              std::string_view word);

}  // namespace parley::tools
