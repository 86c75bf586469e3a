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

// --- SPARQL 1.1 Update evaluation tests (mf:UpdateEvaluationTest) ---------
// Read from the same per-directory manifests (sparql11/basic-update/, ...).

// One ut:graphData: a file and the named graph it fills.
struct UpdateGraphFile {
  std::string file;   // a path on this machine
  std::string graph;  // the graph's IRI: its rdfs:label, else the file's IRI
};

// A graph store state as the manifest gives it: ut:data files make the
// default graph, each ut:graphData one named graph. A named graph that is
// not listed is empty.
struct UpdateDataset {
  std::vector<std::string> default_graph_files;
  std::vector<UpdateGraphFile> named_graphs;
};

struct UpdateEvalTest {
  std::string iri;           // the test node (a blank node's label if unnamed)
  std::string name;          // mf:name, else the IRI's fragment
  std::string approval;      // the local name of dawgt:approval; empty if none
  std::string request_file;  // ut:request (a path on this machine)
  UpdateDataset before;      // mf:action's ut:data / ut:graphData
  UpdateDataset after;       // mf:result's ut:data / ut:graphData
  bool has_result = false;   // mf:result present
  // mf:result's ut:result is ut:failure: the request must be refused. (It is
  // ut:success, or absent, otherwise.)
  bool expect_failure = false;
  // The local names of mf:requires (optional behaviours the test assumes).
  std::vector<std::string> requires_features;
};

struct UpdateManifest {
  std::vector<UpdateEvalTest> tests;  // in mf:entries order
  // Entries of other types (syntax, query evaluation, ...).
  int other_entries = 0;
};

// The mf:UpdateEvaluationTest entries of the manifest at `path` (file IRIs
// resolve against the path as given: pass it without "..").
absl::StatusOr<UpdateManifest> ReadUpdateManifest(const std::string& path);

// --- end of SPARQL 1.1 Update evaluation tests ------------------------------

}  // namespace parley::sparql_test
