// Triple patterns resolved to ids, and reading the quads that match one
// within a graph scope (the dataset's default graph, one named graph, or
// every named graph with the graph bound to a variable).
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "absl/status/statusor.h"
#include "engine/access/storage_reader.h"
#include "query/algebra/algebra.h"
#include "query/exec/block.h"
#include "query/exec/exec_context.h"

namespace parley::query {

// One position of a compiled pattern: a constant id or a variable slot.
struct PatternPosition {
  bool is_variable = false;
  size_t slot = 0;      // is_variable
  TermId constant = 0;  // !is_variable
};

struct CompiledPattern {
  PatternPosition subject, predicate, object;
  // A constant the store has never seen: the pattern matches nothing.
  bool never_matches = false;
};

// Resolves the pattern's constants to stored ids once.
absl::StatusOr<CompiledPattern> CompilePattern(ExecContext& context, const TriplePattern& pattern);
absl::StatusOr<PatternPosition> CompilePosition(ExecContext& context,
                                                const TermOrVariable& position,
                                                bool* never_matches);

// The id a position has in `row`: its constant, the row's binding, or
// kAnyId when the row leaves it free.
inline TermId BoundId(const PatternPosition& position, const TermId* row) {
  if (!position.is_variable) return position.constant;
  return row[position.slot] == kUnbound ? kAnyId : row[position.slot];
}

// The permutation that reads a pattern with a constant predicate in the
// order of the id at `key` (the subject or the object), given which other
// positions are constants; nullopt when there is none (a variable
// predicate, or `key` is not the subject or the object).
std::optional<engine::Order> KeyedOrder(engine::QuadPosition key, bool subject_constant,
                                        bool predicate_constant, bool object_constant);

// Reads quads for one pattern after another within one graph scope. For the
// default graph as a merge of several graphs (the union option, several
// FROMs) each triple comes once: the serving index then has the graph last,
// so the copies of a triple are adjacent and the reader skips them.
class QuadReader {
 public:
  QuadReader(ExecContext* context, GraphScope graph) : context_(context), graph_(graph) {}

  // Starts reading the quads matching (subject, predicate, object) (kAnyId:
  // any). `graph_value`: for a kVariable scope, the graph the row binds
  // (kAnyId when it binds none). `order`: the permutation to read, so that
  // quads come in its key order (default: the one with the longest bound
  // prefix).
  absl::Status Open(TermId subject, TermId predicate, TermId object, TermId graph_value,
                    std::optional<engine::Order> order = std::nullopt);

  // Positions the reader at the first quad whose id at `position` is at
  // least `key`, so that Next() returns it first. Keys that grow from call
  // to call (a merge join) skip ahead within the buffered batch or seek
  // forward; a smaller key than the last one reopens the scan (an index
  // nested loop over unsorted input). REQUIRES: Open() chose an order whose
  // first key position after the constants is `position` (KeyedOrder), and
  // every read since Open() followed a SkipTo() with the same position.
  absl::Status SkipTo(engine::QuadPosition position, TermId key);

  // The next quad; false at the end.
  absl::StatusOr<bool> Next(IdQuad* quad);

 private:
  enum class GraphFilter : uint8_t { kNone, kNamedOnly, kFromSet };

  // Quads of the cursor's current batch are batch_[next_, filled_).
  absl::StatusOr<bool> Refill();
  absl::Status OpenCursor();

  ExecContext* context_;
  GraphScope graph_;
  engine::IdScan scan_;
  std::unique_ptr<engine::QuadCursor> cursor_;
  bool cursor_done_ = false;
  std::vector<IdQuad> batch_;
  size_t next_ = 0;
  size_t filled_ = 0;
  // Quads asked of the next NextBatch: small right after a seek (a probe
  // usually wants a few), doubling while a scan goes on.
  size_t batch_limit_ = 0;
  // Keyed reading (SkipTo): the key position, the largest key read from
  // the cursor so far, and the smallest key no earlier batch can hold.
  std::optional<engine::QuadPosition> key_position_;
  std::optional<TermId> last_key_read_;
  TermId floor_ = 0;
  bool sought_ = false;
  GraphFilter filter_ = GraphFilter::kNone;
  bool dedupe_triples_ = false;
  bool has_last_ = false;
  IdQuad last_;
};

}  // namespace parley::query
