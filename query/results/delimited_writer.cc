// SPARQL 1.1 Query Results CSV and TSV Formats
// (https://www.w3.org/TR/sparql11-results-csv-tsv/).
//
// CSV is lossy by design: a header of variable names, then per row the
// IRI, the lexical form of a literal or _:label, quoted per RFC 4180 when
// needed, lines ending in CRLF. TSV keeps terms: a header of ?names, then
// terms in Turtle syntax (42, "x"@en, "x"^^<dt>, <iri>), lines ending in LF.
// An unbound variable is an empty field in both.
//
// ASK has no CSV or TSV form in the specification; it is written as a
// one-column table named _askResult (as Jena does) with true or false.
#include <string>

#include "query/results/term_text.h"
#include "query/results/writers.h"

namespace parley::query {
namespace {

constexpr std::string_view kAskColumn = "_askResult";

void AppendCsvTerm(const Term& term, std::string* out) {
  if (term.is_blank_node()) {
    out->append("_:").append(term.value());
    return;
  }
  AppendCsvField(term.value(), out);
}

}  // namespace

absl::Status WriteCsv(QueryResult& result, std::ostream& out) {
  if (result.kind() == QueryResult::Kind::kBoolean) {
    std::string text(kAskColumn);
    text.append("\r\n").append(result.boolean() ? "true" : "false").append("\r\n");
    return Emit(out, text);
  }
  const std::vector<std::string>& variables = result.variables();
  std::string head;
  for (size_t i = 0; i < variables.size(); ++i) {
    if (i > 0) head.push_back(',');
    AppendCsvField(variables[i], &head);
  }
  head.append("\r\n");
  if (absl::Status s = Emit(out, head); !s.ok()) return s;
  return ForEachSolution(result, out,
                         [&](const std::vector<std::optional<Term>>& row, std::string* text) {
                           for (size_t i = 0; i < variables.size(); ++i) {
                             if (i > 0) text->push_back(',');
                             if (i < row.size() && row[i]) AppendCsvTerm(*row[i], text);
                           }
                           text->append("\r\n");
                         });
}

absl::Status WriteTsv(QueryResult& result, std::ostream& out) {
  if (result.kind() == QueryResult::Kind::kBoolean) {
    std::string text = "?";
    text.append(kAskColumn).append("\n").append(result.boolean() ? "true" : "false").append("\n");
    return Emit(out, text);
  }
  const std::vector<std::string>& variables = result.variables();
  std::string head;
  for (size_t i = 0; i < variables.size(); ++i) {
    if (i > 0) head.push_back('\t');
    head.append("?").append(variables[i]);
  }
  head.push_back('\n');
  if (absl::Status s = Emit(out, head); !s.ok()) return s;
  return ForEachSolution(result, out,
                         [&](const std::vector<std::optional<Term>>& row, std::string* text) {
                           for (size_t i = 0; i < variables.size(); ++i) {
                             if (i > 0) text->push_back('\t');
                             if (i < row.size() && row[i])
                               AppendTurtleTerm(*row[i], /*xsd_prefix=*/false, text);
                           }
                           text->push_back('\n');
                         });
}

}  // namespace parley::query
