// Writes a QueryResult in the SPARQL result formats and RDF syntaxes.
#pragma once

#include <optional>
#include <ostream>
#include <string_view>

#include "absl/status/status.h"
#include "parley/query.h"

namespace parley::query {

enum class ResultFormat {
  kJson,      // SPARQL 1.1 Query Results JSON (ASK, SELECT)
  kXml,       // SPARQL Query Results XML (ASK, SELECT)
  kCsv,       // SPARQL 1.1 CSV (SELECT; ASK as a one-cell table)
  kTsv,       // SPARQL 1.1 TSV (SELECT; ASK as a one-cell table)
  kTable,     // an aligned text table for people (all kinds)
  kNTriples,  // CONSTRUCT, DESCRIBE
  kTurtle,    // CONSTRUCT, DESCRIBE
};

// "json", "xml", "csv", "tsv", "table", "ntriples", "turtle"; nullopt else.
std::optional<ResultFormat> ResultFormatByName(std::string_view name);

// The name ResultFormatByName() takes for `format`.
std::string_view ResultFormatName(ResultFormat format);

// Whether `format` can carry a result of `kind`: JSON, XML, CSV and TSV
// carry ASK and SELECT, N-Triples and Turtle carry CONSTRUCT and DESCRIBE,
// the table carries all three. Lets a caller reject a combination before
// it pulls any row.
bool FormatCarries(ResultFormat format, QueryResult::Kind kind);

// Pulls every row or triple of `result` and writes it to `out` as it
// comes (a table is the exception: it buffers to align its columns).
// InvalidArgument when the format cannot carry the result's kind (a
// SELECT as N-Triples); any error of the result itself is returned as is,
// after what was written so far; an output error is Unavailable.
absl::Status WriteResult(QueryResult& result, ResultFormat format, std::ostream& out);

}  // namespace parley::query
