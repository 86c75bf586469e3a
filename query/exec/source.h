// The evaluator's only door to storage. Everything query/exec reads from the
// database goes through a Source, so the seam can move to a richer storage
// interface (seekable cursors, batched decoding, estimates from the engine)
// by writing one new implementation.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "parley/iterator.h"
#include "parley/quad.h"
#include "parley/read_view.h"
#include "parley/term.h"

namespace parley::query {

// What the planner knows about one predicate (exact counts over all graphs).
struct PredicateCounts {
  uint64_t quads = 0;
  uint64_t distinct_subjects = 0;
  uint64_t distinct_objects = 0;
};

// Not thread-safe (one query evaluation uses it).
class Source {
 public:
  virtual ~Source() = default;

  // The quads matching `pattern` (kAnyId: any), sorted by the serving
  // index's key order (see docs/storage.md).
  virtual absl::StatusOr<std::unique_ptr<IdQuadIterator>> Scan(const IdPattern& pattern) = 0;

  // The id of a stored term; nullopt when the store has never seen it.
  virtual absl::StatusOr<std::optional<TermId>> Lookup(const Term& term) = 0;

  // The term of a stored id.
  virtual absl::StatusOr<Term> Decode(TermId id) = 0;

  // The ids of the named graphs that hold at least one quad, in id order.
  virtual absl::StatusOr<std::vector<TermId>> NamedGraphs() = 0;

  // Statistics for the planner: the number of quads in the store, and the
  // counts of one predicate (nullopt for an unknown predicate id).
  virtual absl::StatusOr<uint64_t> TotalQuads() = 0;
  virtual absl::StatusOr<std::optional<PredicateCounts>> CountsOfPredicate(TermId predicate) = 0;
};

// A Source over a public ReadView (reads statistics once, on first use).
std::unique_ptr<Source> MakeReadViewSource(std::shared_ptr<const ReadView> view);

}  // namespace parley::query
