// Readers of expected query results, in every format the W3C SPARQL suites
// and Parley's query cases use:
//   .srx  SPARQL Query Results XML         .srj  SPARQL Query Results JSON
//   .tsv  SPARQL 1.1 TSV (terms)           .csv  SPARQL 1.1 CSV (text only)
//   .ttl, .nt, .rdf  an RDF result set (rs:ResultSet) or a CONSTRUCT graph
// RDF/XML is read through raptor's `rapper` command (Debian raptor2-utils).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "parley/quad.h"
#include "tests/support/sparql/sparql_result.h"

namespace parley::sparql_test {

// By the extension of `path`. Relative IRIs in RDF files resolve against the
// file's own file:// IRI.
absl::StatusOr<SparqlResult> ReadResultFile(const std::string& path);

absl::StatusOr<SparqlResult> ParseSrx(std::string_view text);
absl::StatusOr<SparqlResult> ParseSrj(std::string_view text);
absl::StatusOr<SparqlResult> ParseTsv(std::string_view text);

// CSV keeps no term types: each cell becomes a simple literal of its text,
// "_:label" a blank node (so labels still match up to a bijection), and an
// empty cell unbound. Compare only results that went through this function
// on both sides.
absl::StatusOr<SparqlResult> ParseCsv(std::string_view text);

// An rs:ResultSet in `quads` becomes solutions (ordered by rs:index when
// every solution has one) or a boolean; anything else is a graph.
absl::StatusOr<SparqlResult> ResultFromRdf(const std::vector<Quad>& quads);

// The quads of an RDF file by extension (.nt .nq .ttl .trig .rdf).
absl::StatusOr<std::vector<Quad>> ReadRdfFile(const std::string& path);

// Writes the RDF/XML file `rdfxml_path` as N-Triples to `ntriples_path`,
// with the file's own IRI as base.
absl::Status ConvertRdfXmlToNTriples(const std::string& rdfxml_path,
                                     const std::string& ntriples_path);

absl::StatusOr<std::string> ReadTextFile(const std::string& path);

}  // namespace parley::sparql_test
