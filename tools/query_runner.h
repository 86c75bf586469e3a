// Runs one SPARQL query or update request and writes what it yields: the
// core that `parley query` and the shell share.
#pragma once

#include <cstdint>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "parley/database.h"
#include "parley/query.h"
#include "query/results/result_writer.h"

namespace parley::tools {

struct RunSettings {
  // Base IRI, deadline, cancellation, union default graph and EXPLAIN; an
  // update request takes the same fields through UpdateOptions.
  QueryOptions query;
  // Directories an update's LOAD may read (UpdateOptions::load_directories).
  std::vector<std::string> load_directories;
  // UpdateOptions::progress: a large change going through files on disk
  // (PrintUpdateProgress, or nothing).
  std::function<void(const UpdateOptions::Progress&)> update_progress;
  // The output format for a query's result of a given kind; its error is
  // returned as is, before any row is pulled.
  std::function<absl::StatusOr<query::ResultFormat>(QueryResult::Kind)> pick_format;
  query::WriteOptions write;
};

struct RunOutcome {
  bool was_update = false;
  QueryResult::Kind kind = QueryResult::Kind::kSolutions;  // of a query
  uint64_t items = 0;  // rows, triples or 1 (ASK) written; operations of an update
  UpdateSummary update;
};

// The base IRI for query text read from `file`: the file's location as a
// file:// IRI, or the current directory's for "" (inline text) and "-"
// (stdin).
std::string DefaultBaseIri(const std::string& file);

// Writes a line to stderr for each report of an update's change too large
// for memory: that it goes through files on disk, and each later phase.
void PrintUpdateProgress(const UpdateOptions::Progress& progress);

// Runs `text` (a query, or an update request when LooksLikeUpdate) on `db`
// and writes to `out`: the result in the picked format, the plan under
// settings.query.explain (ANALYZE pulls every row first), or for an update
// "inserted N quads, deleted M quads". Errors (syntax, evaluation,
// cancellation, output) are returned, not printed. EXPLAIN of an update is
// InvalidArgument.
absl::StatusOr<RunOutcome> RunText(Database& db, std::string_view text, const RunSettings& settings,
                                   std::ostream& out);

}  // namespace parley::tools
