// Writes a QueryResult in the SPARQL result formats and RDF syntaxes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "parley/query.h"
#include "parley/read_view.h"
#include "parley/term.h"

namespace parley::query {

enum class ResultFormat {
  kJson,      // SPARQL 1.1 Query Results JSON (ASK, SELECT)
  kXml,       // SPARQL Query Results XML (ASK, SELECT)
  kCsv,       // SPARQL 1.1 CSV (SELECT; ASK as a one-cell table)
  kTsv,       // SPARQL 1.1 TSV (SELECT; ASK as a one-cell table)
  kTable,     // an aligned text table for people (all kinds)
  kNTriples,  // CONSTRUCT, DESCRIBE
  kTurtle,    // CONSTRUCT, DESCRIBE
  kDot,       // a Graphviz digraph for people (CONSTRUCT, DESCRIBE)
};

// "json", "xml", "csv", "tsv", "table", "ntriples", "turtle", "dot";
// nullopt else.
std::optional<ResultFormat> ResultFormatByName(std::string_view name);

// The name ResultFormatByName() takes for `format`.
std::string_view ResultFormatName(ResultFormat format);

// Whether `format` can carry a result of `kind`: JSON, XML, CSV and TSV
// carry ASK and SELECT, N-Triples, Turtle and DOT carry CONSTRUCT and
// DESCRIBE, the table carries all three. Lets a caller reject a
// combination before it pulls any row.
bool FormatCarries(ResultFormat format, QueryResult::Kind kind);

// The label to show for a term, nullopt for none (WriteOptions::node_label).
using NodeLabelFunction = std::function<std::optional<std::string>(const Term&)>;

// How the formats for people (table, dot) present terms. The machine
// formats (json, xml, csv, tsv, ntriples, turtle) ignore these options.
// The defaults give the table as it always was.
struct WriteOptions {
  // The table's lines: +--+ and | (kAscii, the default), or box drawing
  // characters (kUnicode: ┌─┬─┐ │ ├ ┼ ┤ └ ┴ ┘).
  enum class TableStyle { kAscii, kUnicode };
  TableStyle table_style = TableStyle::kAscii;

  // Terminal columns a table line may take; 0 (the default) is unlimited.
  // A wider table gives up columns from its widest columns first and cuts
  // their cells with "…". Columns keep a minimum width (8 columns, more
  // for a longer header, never more than they need), so with many columns
  // lines may still exceed it.
  size_t max_width = 0;

  // (prefix name without ':', namespace IRI) pairs. An IRI (also a
  // literal's datatype) that starts with a namespace and whose rest is a
  // simple local name (ASCII letters, digits, '_', and '-' and '.' after
  // the first character, not ending in '.'; or empty) is shown as
  // name:rest, under the longest such namespace; other IRIs as <iri>.
  // Default: none (xsd: datatypes are abbreviated regardless).
  std::vector<std::pair<std::string, std::string>> prefixes;

  // Table: whether numeric literals (XSD decimal, float, double, integer
  // and its derived types) are right-aligned in their column; all other
  // cells are left-aligned. Default false, the table as it always was.
  bool right_align_numbers = false;

  // Table: whether the "N rows" / "N triples" line follows the table.
  bool count_footer = true;

  // DOT: where an IRI node gets its label when no rdfs:label triple of the
  // result labels it (labels in the result always win). Called once per
  // such node; nullopt leaves the IRI as the label. Default: not set, so
  // labels come from the result only. RdfsLabelsIn() looks them up in a
  // database.
  NodeLabelFunction node_label;
};

// A WriteOptions::node_label that finds a term's rdfs:label in `view`, in
// any graph (default or named): a literal without a language tag or in
// English when there is one, else the first literal; IRIs only, never a
// literal or blank node. Errors of the lookup leave the node unlabelled.
// Each call is one index scan of `view`, which the function keeps alive.
NodeLabelFunction RdfsLabelsIn(std::shared_ptr<const ReadView> view);

// Pulls every row or triple of `result` and writes it to `out` as it
// comes (a table and a DOT graph are the exceptions: they buffer to align
// columns and to label nodes). Returns the number of rows (SELECT) or
// triples (CONSTRUCT, DESCRIBE) written, 1 for ASK.
// InvalidArgument when the format cannot carry the result's kind (a
// SELECT as N-Triples); any error of the result itself is returned as is,
// after what was written so far; an output error is Unavailable.
absl::StatusOr<uint64_t> WriteResult(QueryResult& result, ResultFormat format,
                                     const WriteOptions& options, std::ostream& out);

// As above with default WriteOptions, without the count.
absl::Status WriteResult(QueryResult& result, ResultFormat format, std::ostream& out);

}  // namespace parley::query
