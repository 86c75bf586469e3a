// The solutions of the W3C result-format tests (sparql11/json-res and
// csv-tsv-res) as fake results, and their expected output files.
#pragma once

#include <fstream>
#include <optional>
#include <sstream>
#include <string>

#include "tests/query/results/fake_query_result.h"

namespace parley::query {

// The expected file's text; nullopt when the conformance checkout is absent.
inline std::optional<std::string> ReadW3cFile(const std::string& relative_path) {
  std::ifstream in(std::string(PARLEY_CONFORMANCE_DIR) + "/sparql/sparql11/" + relative_path,
                   std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// SELECT * WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o over json-res/data.ttl
// (csv-tsv-res/data.ttl differs in ?s3's predicate and ?s5's object).
// `with_optional` adds jsonres02's OPTIONAL { ?o ?p2 ?o2 } columns.
inline FakeQueryResult DataTtlSolutions(bool csv_tsv_variant, const std::string& blank_label,
                                        bool with_optional) {
  std::vector<Row> rows = {
      {Ex("s1"), Ex("p1"), Ex("s2")},
      {Ex("s2"), Ex("p2"), Term::Literal("foo")},
      {Ex("s3"), Ex(csv_tsv_variant ? "p3" : "p2"), Term::Literal("bar")},
      {Ex("s4"), Ex("p4"), Xsd("4", "integer")},
      {Ex("s5"), Ex("p5"), csv_tsv_variant ? Xsd("5.5", "decimal") : Xsd("5", "decimal")},
      {Ex("s6"), Ex("p6"), Term::BlankNode(blank_label)},
  };
  std::vector<std::string> variables = {"s", "p", "o"};
  if (with_optional) {
    variables.push_back("p2");
    variables.push_back("o2");
    for (Row& row : rows) row.resize(5);
    rows[0][3] = Ex("p2");
    rows[0][4] = Term::Literal("foo");
  }
  return FakeQueryResult::Solutions(variables, rows);
}

// SELECT * WHERE { ?s ?p ?o } ORDER BY ?s over csv-tsv-res/data2.ttl. The
// data's double is "1.0E6", as csvtsv03.csv shows it; csvtsv03.tsv shows
// "1.0e6" (the suite compares TSV by value). Writers pass lexical forms
// through unchanged, so each test gives the form its file expects.
inline FakeQueryResult Data2TtlSolutions(const std::string& double_lexical) {
  return FakeQueryResult::Solutions(
      {"s", "p", "o"},
      {
          {Ex("s1"), Ex("p1"), Term::Literal("1")},
          {Ex("s2"), Ex("p2"), Xsd("2.2", "decimal")},
          {Ex("s3"), Ex("p3"), Xsd("-3", "negativeInteger")},
          {Ex("s4"), Ex("p4"), Term::Literal("4,4")},
          {Ex("s5"), Ex("p5"), Term::TypedLiteral("5,5", "http://example.org/myCustomDatatype")},
          {Ex("s6"), Ex("p6"), Xsd(double_lexical, "double")},
          {Ex("s7"), Ex("p7"), Xsd("a7", "hexBinary")},
      });
}

}  // namespace parley::query
