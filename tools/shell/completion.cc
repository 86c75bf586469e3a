#include "tools/shell/completion.h"
#include "tools/text_util.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "tools/shell/dot_commands.h"
#include "tools/shell/output_mode.h"
#include "tools/shell/session.h"

namespace parley::tools {
namespace {

constexpr std::string_view kKeywords[] = {
    "ADD",       "ALL",      "AS",        "ASC",       "ASK",         "BASE",         "BIND",
    "BY",        "CLEAR",    "CONSTRUCT", "COPY",      "COUNT",       "CREATE",       "DATA",
    "DEFAULT",   "DELETE",   "DESC",      "DESCRIBE",  "DISTINCT",    "DROP",         "EXISTS",
    "FILTER",    "FROM",     "GRAPH",     "GROUP",     "HAVING",      "INSERT",       "INTO",
    "LIMIT",     "LOAD",     "MINUS",     "MOVE",      "NAMED",       "NOT",          "OFFSET",
    "OPTIONAL",  "ORDER",    "PREFIX",    "REDUCED",   "SELECT",      "SERVICE",      "SILENT",
    "TO",        "UNDEF",    "UNION",     "USING",     "VALUES",      "WHERE",        "WITH",
    "AVG",       "MAX",      "MIN",       "SAMPLE",    "SUM",         "GROUP_CONCAT", "CONTAINS",
    "STRSTARTS", "STRENDS",  "REGEX",     "LANG",      "LANGMATCHES", "STR",          "DATATYPE",
    "BOUND",     "IRI",      "ISIRI",     "ISLITERAL", "ISBLANK",     "LCASE",        "UCASE",
    "STRLEN",    "SUBSTR",   "YEAR",      "MONTH",     "DAY",         "NOW",          "COALESCE",
    "IF",        "SAMETERM", "CONCAT",    "REPLACE",   "ABS",         "ROUND",
};

}  // namespace

std::vector<std::string> CompletionCandidates(Session& session, std::string_view line,
                                              std::string_view word) {
  std::vector<std::string> candidates;
  const std::string_view trimmed = TrimLeft(line);
  if (!trimmed.empty() && trimmed[0] == '.') {
    if (trimmed.size() == word.size()) {  // the command name itself
      for (std::string_view name : DotCommandNames()) {
        if (name.starts_with(word)) candidates.emplace_back(name);
      }
      return candidates;
    }
    if (trimmed.starts_with(".mode ")) {
      for (std::string_view name : Split(OutputModeNames(), ", ")) {
        if (name.starts_with(word)) candidates.emplace_back(name);
      }
      return candidates;
    }
    if (!trimmed.starts_with(".explain") && !trimmed.starts_with(".analyze")) {
      return candidates;  // file names and the like: nothing to offer
    }
  }
  if (word.empty() || word[0] == '?' || word[0] == '$' || word[0] == '"') return candidates;
  const bool lower = absl::ascii_islower(static_cast<unsigned char>(word[0]));
  for (std::string_view keyword : kKeywords) {
    if (!StartsWithIgnoringCase(keyword, word)) continue;
    std::string text(keyword);
    if (lower) text = Lower(text);
    candidates.push_back(std::move(text));
  }
  for (const auto& [name, iri] : session.prefixes().entries()) {
    std::string prefixed = name + ":";
    if (prefixed.starts_with(word)) candidates.push_back(std::move(prefixed));
  }
  for (const std::string& term : session.VocabularyWords()) {
    if (term.starts_with(word)) candidates.push_back(term);
  }
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  return candidates;
}

}  // namespace parley::tools
