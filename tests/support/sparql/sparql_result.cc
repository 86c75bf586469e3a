#include "tests/support/sparql/sparql_result.h"

#include <string>

#include "absl/strings/str_join.h"
#include "formats/rdf/str_cat.h"

namespace parley::sparql_test {

// absl::StrCat that also takes std::string_view (Debian's abseil has its own).
using ::parley::engine::io::Cat;

absl::StatusOr<SparqlResult> CollectResult(QueryResult& result) {
  SparqlResult collected;
  switch (result.kind()) {
    case QueryResult::Kind::kBoolean:
      collected.kind = SparqlResult::Kind::kBoolean;
      collected.boolean = result.boolean();
      return collected;
    case QueryResult::Kind::kSolutions: {
      collected.kind = SparqlResult::Kind::kSolutions;
      collected.variables = result.variables();
      SolutionRow row;
      while (true) {
        absl::StatusOr<bool> more = result.NextRow(&row);
        if (!more.ok()) return more.status();
        if (!*more) break;
        row.resize(collected.variables.size());
        collected.rows.push_back(row);
      }
      return collected;
    }
    case QueryResult::Kind::kTriples: {
      collected.kind = SparqlResult::Kind::kGraph;
      Quad quad;
      while (true) {
        absl::StatusOr<bool> more = result.NextTriple(&quad.subject, &quad.predicate, &quad.object);
        if (!more.ok()) return more.status();
        if (!*more) break;
        collected.triples.push_back(quad);
      }
      return collected;
    }
  }
  return collected;
}

std::string FormatCell(const std::optional<Term>& cell) {
  return cell ? cell->ToNTriples() : "UNDEF";
}

std::string FormatRow(const std::vector<std::string>& variables, const SolutionRow& row) {
  std::string text = "(";
  for (size_t i = 0; i < row.size(); ++i) {
    if (i > 0) text += ' ';
    absl::StrAppend(&text, "?", i < variables.size() ? variables[i] : "_", "=", FormatCell(row[i]));
  }
  return text + ")";
}

std::string Summarize(const SparqlResult& result) {
  switch (result.kind) {
    case SparqlResult::Kind::kBoolean:
      return result.boolean ? "boolean true" : "boolean false";
    case SparqlResult::Kind::kSolutions:
      return Cat("solutions [", absl::StrJoin(result.variables, " "), "] x ", result.rows.size());
    case SparqlResult::Kind::kGraph:
      return Cat("graph of ", result.triples.size(), " triples");
  }
  return "";
}

}  // namespace parley::sparql_test
