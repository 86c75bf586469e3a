// The shell's output modes (`.mode NAME`, `parley --mode NAME`).
#pragma once

#include <optional>
#include <string_view>

#include "parley/query.h"
#include "query/results/result_writer.h"

namespace parley::tools {

enum class OutputMode {
  kTable,     // aligned columns: box drawing on a terminal, ASCII otherwise
  kBox,       // aligned columns in box drawing, always
  kAscii,     // aligned columns in +---+ ASCII, always
  kCsv,       // SPARQL CSV
  kTsv,       // SPARQL TSV
  kJson,      // SPARQL JSON
  kXml,       // SPARQL XML
  kNTriples,  // CONSTRUCT and DESCRIBE
  kTurtle,    // CONSTRUCT and DESCRIBE
  kDot,       // CONSTRUCT and DESCRIBE as a Graphviz graph
};

// "table", "box", "ascii", "csv", "tsv", "json", "xml", "ntriples",
// "turtle", "dot"; nullopt for anything else.
std::optional<OutputMode> OutputModeByName(std::string_view name);
std::string_view OutputModeName(OutputMode mode);
// The names above, comma-separated, for help and error messages.
std::string_view OutputModeNames();

// The result format a mode writes a result of `kind` in. The table modes
// and dot carry every kind they can; a machine format that cannot carry
// the kind (a CONSTRUCT in csv) falls back to the table, so a mode set for
// SELECTs never refuses a CONSTRUCT.
query::ResultFormat FormatFor(OutputMode mode, QueryResult::Kind kind);

// Whether the mode prints aligned columns (and the shell a footer).
bool IsTableMode(OutputMode mode);

}  // namespace parley::tools
