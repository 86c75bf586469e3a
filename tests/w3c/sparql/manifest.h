// The query-evaluation tests of one W3C SPARQL manifest (a per-directory
// manifest.ttl of sparql10/ or sparql11/), read with Parley's Turtle reader.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace parley::sparql_test {

struct QueryEvalTest {
  std::string iri;   // the test node (a blank node's label if unnamed)
  std::string name;  // mf:name, else the IRI's fragment
  // mf:CSVResultFormatTest: the answer is checked as Parley's CSV output;
  // otherwise (mf:QueryEvaluationTest) as terms.
  bool csv_format_test = false;
  // The local name of dawgt:approval ("Approved", "Proposed", ...); empty
  // when the test carries none.
  std::string approval;
  std::string query_file;  // paths on this machine
  std::vector<std::string> data_files;
  // qt:graphData: the file, and the graph name (the file's IRI).
  std::vector<std::pair<std::string, std::string>> graph_data;
  std::string result_file;  // empty when mf:result is missing
  // The local names of mf:requires (optional behaviours the test assumes).
  std::vector<std::string> requires_features;
  bool lax_cardinality = false;  // mf:resultCardinality mf:LaxCardinality
};

struct SparqlManifest {
  std::vector<QueryEvalTest> tests;  // in mf:entries order
  // Entries of other types (syntax, update, ...), which other runners cover.
  int other_entries = 0;
};

absl::StatusOr<SparqlManifest> ReadSparqlManifest(const std::string& path);

// file:///a%20b -> "/a b"; empty for an IRI that is not a file IRI.
std::string PathOfFileIri(std::string_view iri);

}  // namespace parley::sparql_test
