// SPARQL Query Results XML Format (https://www.w3.org/TR/rdf-sparql-XMLres/):
//
//   <?xml version="1.0"?>
//   <sparql xmlns="http://www.w3.org/2005/sparql-results#">
//     <head><variable name="s"/><variable name="o"/></head>
//     <results>
//       <result><binding name="s"><uri>http://ex.org/a</uri></binding>...</result>
//     </results>
//   </sparql>
//
// and for ASK <head/><boolean>true</boolean>. Literals carry xml:lang or a
// datatype (none for xsd:string); unbound variables have no <binding>.
#include <string>

#include "query/results/term_text.h"
#include "query/results/writers.h"

namespace parley::query {
namespace {

constexpr std::string_view kPrologue =
    "<?xml version=\"1.0\"?>\n<sparql xmlns=\"http://www.w3.org/2005/sparql-results#\">\n";

void AppendXmlTerm(const Term& term, std::string* out) {
  switch (term.kind()) {
    case Term::Kind::kBlankNode:
      out->append("<bnode>");
      AppendXmlEscaped(term.value(), out);
      out->append("</bnode>");
      return;
    case Term::Kind::kLiteral:
      out->append("<literal");
      if (!term.language().empty()) {
        out->append(" xml:lang=\"");
        AppendXmlEscaped(term.language(), out);
        out->push_back('"');
      } else if (term.datatype() != kXsdString) {
        out->append(" datatype=\"");
        AppendXmlEscaped(term.datatype(), out);
        out->push_back('"');
      }
      out->push_back('>');
      AppendXmlEscaped(term.value(), out);
      out->append("</literal>");
      return;
    case Term::Kind::kIri:
    case Term::Kind::kDefaultGraph:  // never a solution's value
      out->append("<uri>");
      AppendXmlEscaped(term.value(), out);
      out->append("</uri>");
      return;
  }
}

}  // namespace

absl::Status WriteXml(QueryResult& result, std::ostream& out) {
  std::string head(kPrologue);
  if (result.kind() == QueryResult::Kind::kBoolean) {
    head.append("  <head/>\n  <boolean>");
    head.append(result.boolean() ? "true" : "false");
    head.append("</boolean>\n</sparql>\n");
    return Emit(out, head);
  }
  const std::vector<std::string>& variables = result.variables();
  head.append("  <head>\n");
  for (const std::string& variable : variables) {
    head.append("    <variable name=\"");
    AppendXmlEscaped(variable, &head);
    head.append("\"/>\n");
  }
  head.append("  </head>\n  <results>\n");
  if (absl::Status s = Emit(out, head); !s.ok()) return s;

  absl::Status rows = ForEachSolution(
      result, out, [&](const std::vector<std::optional<Term>>& row, std::string* text) {
        text->append("    <result>\n");
        for (size_t i = 0; i < row.size() && i < variables.size(); ++i) {
          if (!row[i]) continue;
          text->append("      <binding name=\"");
          AppendXmlEscaped(variables[i], text);
          text->append("\">");
          AppendXmlTerm(*row[i], text);
          text->append("</binding>\n");
        }
        text->append("    </result>\n");
      });
  if (!rows.ok()) return rows;
  return Emit(out, "  </results>\n</sparql>\n");
}

}  // namespace parley::query
