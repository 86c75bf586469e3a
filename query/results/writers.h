// The writer of each format (one file each) and the row loop they share.
// Internal to query/results/: callers use result_writer.h.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "parley/query.h"
#include "parley/term.h"
#include "query/results/result_writer.h"

namespace parley::query {

// kBoolean and kSolutions results.
absl::Status WriteJson(QueryResult& result, std::ostream& out);
absl::Status WriteXml(QueryResult& result, std::ostream& out);
absl::Status WriteCsv(QueryResult& result, std::ostream& out);
absl::Status WriteTsv(QueryResult& result, std::ostream& out);
// kTriples results.
absl::Status WriteNTriples(QueryResult& result, std::ostream& out);
absl::Status WriteTurtle(QueryResult& result, std::ostream& out);
absl::Status WriteDot(QueryResult& result, const WriteOptions& options, std::ostream& out);
// Every kind.
absl::Status WriteTable(QueryResult& result, const WriteOptions& options, std::ostream& out);

// Writes `text`; Unavailable when the stream has failed (a closed pipe, a
// full disk), so that a writer stops pulling rows nobody can read.
absl::Status Emit(std::ostream& out, std::string_view text);

// Flushes `out`; Unavailable when that or any earlier write failed.
absl::Status FinishOutput(std::ostream& out);

// Pulls every solution of `result`; `format_row(row, &text)` appends the
// text of one row to a cleared buffer that is then written. Returns the
// result's own error as is (after flushing what came before it) or an
// output error.
template <typename FormatRow>
absl::Status ForEachSolution(QueryResult& result, std::ostream& out, FormatRow format_row) {
  std::vector<std::optional<Term>> row;
  std::string text;
  while (true) {
    absl::StatusOr<bool> more = result.NextRow(&row);
    if (!more.ok()) {
      out.flush();
      return more.status();
    }
    if (!*more) return absl::OkStatus();
    text.clear();
    format_row(row, &text);
    if (absl::Status written = Emit(out, text); !written.ok()) return written;
  }
}

// As ForEachSolution, for the triples of a kTriples result.
template <typename FormatTriple>
absl::Status ForEachTriple(QueryResult& result, std::ostream& out, FormatTriple format_triple) {
  Term subject, predicate, object;
  std::string text;
  while (true) {
    absl::StatusOr<bool> more = result.NextTriple(&subject, &predicate, &object);
    if (!more.ok()) {
      out.flush();
      return more.status();
    }
    if (!*more) return absl::OkStatus();
    text.clear();
    format_triple(subject, predicate, object, &text);
    if (absl::Status written = Emit(out, text); !written.ok()) return written;
  }
}

}  // namespace parley::query
