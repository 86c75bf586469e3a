// The read seam: the one narrow interface through which the query engine
// reads storage — scan a permutation in batches with seeks, estimate a
// scan's size, decode ids to terms and look terms up in bulk. Two
// implementations answer the same contract: KvStorageReader (a RocksDB
// snapshot) and MemoryStorageReader (sorted vectors, for tests of the query
// engine without a database). Id-level types, internal to the library.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "engine/access/id_scan.h"
#include "engine/statistics.h"
#include "parley/quad.h"
#include "parley/term.h"

namespace parley::engine {

// When a long scan must give up: checked between batches and every few
// thousand keys a scan skips. Both optional; the flag must outlive the
// cursors that check it.
struct ScanLimits {
  std::optional<std::chrono::steady_clock::time_point> deadline;
  const std::atomic<bool>* cancel = nullptr;

  // DeadlineExceeded or Cancelled once a limit is reached, else OK.
  absl::Status Check() const;
};

// Rows of one IdScan, in its order. Not thread-safe. Keeps its reader's
// snapshot alive.
class QuadCursor {
 public:
  virtual ~QuadCursor() = default;

  // Fills the front of `out` with the next rows and returns how many; 0 only
  // at the end. Errors: a limit (see ScanLimits), DataLoss, I/O.
  virtual absl::StatusOr<size_t> NextBatch(std::span<IdQuad> out) = 0;

  // Moves forward to the first row whose key, in the scan's order, is at or
  // after `target`'s. REQUIRES: `target` is not before the last row
  // returned (seeks only go forward; a backward seek may repeat rows).
  virtual void Seek(const IdQuad& target) = 0;
};

// A consistent view of one snapshot. Thread-safe: cursors are per thread.
class StorageReader {
 public:
  virtual ~StorageReader() = default;

  virtual absl::StatusOr<std::unique_ptr<QuadCursor>> Open(const IdScan& scan,
                                                           const ScanLimits& limits) const = 0;

  // About how many rows Open(scan) gives, quickly (well under a
  // millisecond): exact for small ranges, from index sizes or statistics
  // for large ones. 0 only when the scan is certainly empty.
  virtual absl::StatusOr<uint64_t> Estimate(const IdScan& scan) const = 0;

  // (*terms)[i] := the term of ids[i]. Inline ids decode without a lookup.
  // NotFound for an id the store never issued; DataLoss for a damaged entry.
  virtual absl::Status DecodeMany(std::span<const TermId> ids, std::vector<Term>* terms) const = 0;

  // (*ids)[i] := the id of terms[i], nullopt when the store never held it
  // (inline literals always have one). REQUIRES: valid terms.
  virtual absl::Status LookupMany(std::span<const Term> terms,
                                  std::vector<std::optional<TermId>>* ids) const = 0;

  // (*found)[i] := whether the snapshot holds quads[i]: point lookups,
  // which unlike seeks cost the same next to many erased keys.
  virtual absl::Status ContainsMany(std::span<const IdQuad> quads,
                                    std::vector<bool>* found) const = 0;

  // The named graphs, in id order: those of the stored set
  // (engine/graph_set.h), which includes empty ones.
  virtual absl::StatusOr<std::vector<TermId>> NamedGraphs() const = 0;

  // Quads, and per predicate id quads and distinct subjects and objects:
  // exact, as of the snapshot.
  virtual absl::StatusOr<IdStatistics> GetStatistics() const = 0;
};

}  // namespace parley::engine
