// A consistent, read-only view of a database at one point in time.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "parley/iterator.h"
#include "parley/quad.h"
#include "parley/statistics.h"
#include "parley/term.h"

namespace parley {

// A ReadView pins a snapshot: it sees every transaction committed before it
// was taken and none after, whole or not at all. Thread-safe: many threads
// may use one view at once. The view keeps its Database's storage open,
// and the iterators it returns keep the snapshot and the storage alive: both
// may outlive the view and the Database, and keep working.
class ReadView {
 public:
  virtual ~ReadView() = default;

  // Every quad that matches `pattern`, in an unspecified but deterministic
  // order. A pattern naming a term the database has never seen yields an
  // empty iterator, not an error; an invalid term is InvalidArgument.
  virtual absl::StatusOr<std::unique_ptr<QuadIterator>> Scan(const QuadPattern& pattern) const = 0;

  // As Scan, in ids. Results come sorted by the key order of the index that
  // serves the pattern (see docs/storage.md).
  virtual absl::StatusOr<std::unique_ptr<IdQuadIterator>> ScanIds(
      const IdPattern& pattern) const = 0;

  // Whether the view holds `quad` (its graph: Term() for the default graph):
  // one point lookup, cheaper than a Scan. False for a quad naming a term
  // the database has never seen; InvalidArgument for an invalid term.
  virtual absl::StatusOr<bool> Contains(const Quad& quad) const = 0;

  // The number of quads Scan(pattern) would return.
  virtual absl::StatusOr<uint64_t> Count(const QuadPattern& pattern) const = 0;

  // The named graphs, by id order: every graph from its first quad or its
  // creation until it is dropped, empty ones included (see
  // WriteTransaction::CreateGraph / DropGraph).
  virtual absl::StatusOr<std::vector<Term>> Graphs() const = 0;

  virtual absl::StatusOr<Statistics> GetStatistics() const = 0;

  // The id of a term; NotFound when the database has never stored it.
  // Inline literals (canonical numbers, booleans, dates) always have an id.
  virtual absl::StatusOr<TermId> Lookup(const Term& term) const = 0;

  // The term of an id; NotFound for an id this database never issued.
  virtual absl::StatusOr<Term> Decode(TermId id) const = 0;
};

}  // namespace parley
