// The evaluator's only door to storage: one query's use of the read seam
// (engine/access/storage_reader.h). It adds what belongs to a query rather
// than to the snapshot: the query's limits on every cursor, and the
// statistics read once and indexed for the planner.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "engine/access/storage_reader.h"
#include "parley/quad.h"
#include "parley/term.h"

namespace parley::query {

using engine::PredicateCounts;

// Not thread-safe (one query evaluation uses it). Keeps the reader, and so
// its snapshot, alive.
class Source {
 public:
  Source(std::shared_ptr<const engine::StorageReader> reader, engine::ScanLimits limits)
      : reader_(std::move(reader)), limits_(limits) {}

  // The query's deadline and cancel flag, which every cursor checks too.
  const engine::ScanLimits& limits() const { return limits_; }

  // A cursor over the quads matching `pattern` (kAnyId: any), in the key
  // order of the permutation with the longest bound prefix (so for an
  // unbound graph, the graph is the last key position).
  absl::StatusOr<std::unique_ptr<engine::QuadCursor>> Scan(const IdPattern& pattern) const;
  // A cursor over exactly `scan` (its permutation and ranges).
  absl::StatusOr<std::unique_ptr<engine::QuadCursor>> Scan(const engine::IdScan& scan) const {
    return reader_->Open(scan, limits_);
  }

  // About how many quads Scan(pattern) yields (StorageReader::Estimate),
  // remembered for the rest of the query (the planner asks repeatedly).
  absl::StatusOr<uint64_t> Estimate(const IdPattern& pattern);

  // The id of a stored term; nullopt when no quad can hold it (never
  // stored, or not a valid term).
  absl::StatusOr<std::optional<TermId>> Lookup(const Term& term) const;

  // The terms of stored ids, fetched together (one MultiGet).
  absl::Status DecodeMany(std::span<const TermId> ids, std::vector<Term>* terms) const {
    return reader_->DecodeMany(ids, terms);
  }

  // The ids of the named graphs that hold at least one quad, in id order.
  absl::StatusOr<std::vector<TermId>> NamedGraphs() const { return reader_->NamedGraphs(); }

  // Statistics for the planner: the number of quads in the store, and the
  // counts of one predicate (nullopt when no quad has it).
  absl::StatusOr<uint64_t> TotalQuads();
  absl::StatusOr<std::optional<PredicateCounts>> CountsOfPredicate(TermId predicate);

 private:
  absl::Status LoadStatistics();

  std::shared_ptr<const engine::StorageReader> reader_;
  engine::ScanLimits limits_;
  bool statistics_loaded_ = false;
  uint64_t total_quads_ = 0;
  absl::flat_hash_map<TermId, PredicateCounts> counts_;
  absl::flat_hash_map<std::array<TermId, 4>, uint64_t> estimates_;
};

}  // namespace parley::query
