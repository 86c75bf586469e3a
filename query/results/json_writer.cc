// SPARQL 1.1 Query Results JSON Format (https://www.w3.org/TR/sparql11-results-json/).
// One binding object per line, so that rows stream and stay greppable:
//
//   {"head":{"vars":["s","o"]},"results":{"bindings":[
//   {"s":{"type":"uri","value":"http://ex.org/a"},"o":{"type":"literal","value":"x"}},
//   {"s":{"type":"bnode","value":"b0"}}
//   ]}}
//
// Unbound variables are left out of their row; a simple literal
// (xsd:string) carries no "datatype", a language-tagged one only "xml:lang".
#include <string>

#include "query/results/term_text.h"
#include "query/results/writers.h"

namespace parley::query {
namespace {

void AppendJsonTerm(const Term& term, std::string* out) {
  switch (term.kind()) {
    case Term::Kind::kIri:
      out->append("{\"type\":\"uri\",\"value\":");
      break;
    case Term::Kind::kBlankNode:
      out->append("{\"type\":\"bnode\",\"value\":");
      break;
    case Term::Kind::kLiteral:
      out->append("{\"type\":\"literal\",\"value\":");
      AppendJsonString(term.value(), out);
      if (!term.language().empty()) {
        out->append(",\"xml:lang\":");
        AppendJsonString(term.language(), out);
      } else if (term.datatype() != kXsdString) {
        out->append(",\"datatype\":");
        AppendJsonString(term.datatype(), out);
      }
      out->push_back('}');
      return;
    case Term::Kind::kDefaultGraph:  // never a solution's value
      out->append("{\"type\":\"uri\",\"value\":");
      break;
  }
  AppendJsonString(term.value(), out);
  out->push_back('}');
}

}  // namespace

absl::Status WriteJson(QueryResult& result, std::ostream& out) {
  if (result.kind() == QueryResult::Kind::kBoolean) {
    return Emit(out, result.boolean() ? "{\"head\":{},\"boolean\":true}\n"
                                      : "{\"head\":{},\"boolean\":false}\n");
  }
  const std::vector<std::string>& variables = result.variables();
  std::string head = "{\"head\":{\"vars\":[";
  for (size_t i = 0; i < variables.size(); ++i) {
    if (i > 0) head.push_back(',');
    AppendJsonString(variables[i], &head);
  }
  head.append("]},\"results\":{\"bindings\":[");
  if (absl::Status s = Emit(out, head); !s.ok()) return s;

  bool first_row = true;
  absl::Status rows = ForEachSolution(
      result, out, [&](const std::vector<std::optional<Term>>& row, std::string* text) {
        text->append(first_row ? "\n{" : ",\n{");
        first_row = false;
        bool first_binding = true;
        for (size_t i = 0; i < row.size() && i < variables.size(); ++i) {
          if (!row[i]) continue;
          if (!first_binding) text->push_back(',');
          first_binding = false;
          AppendJsonString(variables[i], text);
          text->push_back(':');
          AppendJsonTerm(*row[i], text);
        }
        text->push_back('}');
      });
  if (!rows.ok()) return rows;
  return Emit(out, "\n]}}\n");
}

}  // namespace parley::query
