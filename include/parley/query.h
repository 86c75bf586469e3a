// SPARQL 1.1 queries: options, and the result a query returns.
//
//   parley::QueryOptions options;
//   auto result = db->Query("SELECT ?s WHERE { ?s ?p ?o } LIMIT 10", options);
//   if (!result.ok()) ...  // a syntax error names line and column
//   std::vector<std::optional<parley::Term>> row;
//   while (true) {
//     absl::StatusOr<bool> more = (*result)->NextRow(&row);
//     if (!more.ok()) ...  // timeout, cancellation, memory budget, I/O
//     if (!*more) break;
//     ...
//   }
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "parley/term.h"

namespace parley {

struct QueryOptions {
  // The base IRI against which relative IRIs in the query resolve (a BASE
  // in the query text overrides it). Empty: relative IRIs are an error.
  std::string base_iri;

  // When set, the query fails with DeadlineExceeded once this time passes;
  // operators check it between batches.
  std::optional<std::chrono::steady_clock::time_point> deadline;

  // When set and it becomes true, the query fails with Cancelled at the next
  // check. The flag must outlive the result.
  const std::atomic<bool>* cancel = nullptr;

  // SPARQL's default graph: the stored default graph (false, the W3C
  // semantics) or the union of every graph, default and named (true).
  bool default_graph_is_union = false;

  // Bytes that sorts, groups, DISTINCT and hash tables of one query may hold
  // together; past it the query fails with ResourceExhausted. Default 1 GiB.
  uint64_t memory_budget_bytes = uint64_t{1} << 30;

  // (name without ':', namespace IRI) pairs in force as if declared by
  // PREFIX before the text; the text's own PREFIX declarations override
  // them. A shell passes the prefixes its user declared.
  std::vector<std::pair<std::string, std::string>> prefixes;

  // Prepared-query parameters: each variable (named without '?') is bound
  // to the term before evaluation, as if by VALUES at the top of the WHERE
  // clause, so applications never splice terms into query text.
  std::vector<std::pair<std::string, Term>> bindings;

  // EXPLAIN: whether QueryResult::plan() describes the physical plan.
  //   kNone     plan() is empty. The default.
  //   kPlan     the operator tree with the planner's row estimates. The
  //             query is not evaluated unless rows are pulled (an ASK's
  //             boolean() is then false: it is not computed).
  //   kAnalyze  the query runs as usual and plan() adds, per operator, the
  //             rows it handed out, its Next() calls, its time (inclusive of
  //             its inputs) and the peak of the memory budget, and a total
  //             line. Counting costs two clock reads per block of rows.
  // Operators that build sub-plans while running (EXISTS, GRAPH ?g over
  // anything but a basic graph pattern, OPTIONAL and MINUS evaluated per
  // left row) show as one node, without those sub-plans.
  enum class Explain : uint8_t { kNone, kPlan, kAnalyze };
  Explain explain = Explain::kNone;
};

// The answer to one query. Not thread-safe; rows are computed as they are
// pulled where the plan allows, so the first row may arrive long before the
// last is computed. Keeps the snapshot it reads alive.
class QueryResult {
 public:
  enum class Kind : uint8_t {
    kBoolean,    // ASK
    kSolutions,  // SELECT
    kTriples,    // CONSTRUCT, DESCRIBE
  };
  virtual ~QueryResult() = default;

  virtual Kind kind() const = 0;

  // kBoolean only.
  virtual bool boolean() const = 0;

  // kSolutions: the projected variables (without '?'), in SELECT order.
  virtual const std::vector<std::string>& variables() const = 0;

  // kSolutions: fills *row with the next solution, one cell per variable()
  // (nullopt: unbound). Returns false at the end.
  virtual absl::StatusOr<bool> NextRow(std::vector<std::optional<Term>>* row) = 0;

  // kTriples: the next triple of the constructed graph (graph position is
  // the default graph). Returns false at the end.
  virtual absl::StatusOr<bool> NextTriple(Term* subject, Term* predicate, Term* object) = 0;

  // With QueryOptions::explain set: the physical plan as indented text, one
  // operator per line ("" otherwise). Under kAnalyze the figures are those
  // of the rows pulled so far: call it after pulling every row. The format
  // is for people and may change between versions.
  virtual std::string plan() const { return std::string(); }
};

// A SPARQL 1.1 Update request's options (Database::Update).
struct UpdateOptions {
  // As QueryOptions: relative IRIs, deadline, cancellation, the union
  // default graph for WHERE clauses, and the memory budget of each WHERE.
  std::string base_iri;
  std::optional<std::chrono::steady_clock::time_point> deadline;
  const std::atomic<bool>* cancel = nullptr;
  bool default_graph_is_union = false;
  // Also the limit of the changes held in memory. When a request's only
  // change is one DELETE WHERE or DELETE ... WHERE without INSERT, or one
  // INSERT ... WHERE without DELETE, and it changes more than
  // memory_budget_bytes / 4 KiB quads, the quads go through sorted files in
  // the database directory and are applied in one atomic ingest, in
  // bounded memory: about a quarter of the budget (at most 256 MiB) besides
  // the WHERE's own, whatever the number of quads; an insert also keeps
  // about 100 bytes per distinct term it writes, as a bulk load does. Every
  // other change is held in memory until the commit, about 2.3 KiB per
  // quad.
  uint64_t memory_budget_bytes = uint64_t{1} << 30;

  // Called from the updating thread when a change takes the on-disk path:
  // once as it starts (phase kCollect, quads so far), about every 2^20
  // quads, and at each later phase. Must be cheap.
  struct Progress {
    enum class Change : uint8_t { kDelete, kInsert };
    enum class Phase : uint8_t {
      kCollect,  // the WHERE's solutions, instantiated (quads so far)
      kSort,     // sorting them (a delete: and finding the stored ones)
      kWrite,    // writing every index's files
      kIngest,   // applying them in one atomic step
    };
    Change change = Change::kDelete;
    Phase phase = Phase::kCollect;
    uint64_t quads = 0;  // a delete's later phases: the stored ones
  };
  std::function<void(const Progress&)> progress;

  // (name without ':', namespace IRI) pairs in force as if declared by
  // PREFIX before the text; the text's own PREFIX declarations override
  // them. A shell passes the prefixes its user declared.
  std::vector<std::pair<std::string, std::string>> prefixes;

  // Directories whose files `LOAD <file:...>` may read (they and the files
  // below them, after resolving symbolic links). Empty: LOAD is refused.
  // Only file: IRIs are ever read; nothing is fetched from a network.
  std::vector<std::string> load_directories;
};

// What a committed update request changed.
struct UpdateSummary {
  uint64_t operations = 0;      // operations in the request
  uint64_t quads_inserted = 0;  // quads that were absent and now exist
  uint64_t quads_deleted = 0;   // quads that existed and are now gone
};

// True when `text` parses as a SPARQL 1.1 Update request rather than a
// query: its first keyword after the prologue is an update operation
// (INSERT, DELETE, LOAD, CLEAR, DROP, CREATE, ADD, MOVE, COPY, WITH), or it
// holds nothing but a prologue. Cheap; for tools that take either.
bool LooksLikeUpdate(std::string_view text);

// True when `status` (from Database::Query) reports query text that ended
// too early (an open brace, an unterminated string): a shell keeps reading
// lines instead of reporting an error.
bool IsIncompleteQuery(const absl::Status& status);

}  // namespace parley
