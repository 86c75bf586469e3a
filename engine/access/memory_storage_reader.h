// The read seam over quads held in memory: the same contract as
// KvStorageReader, so the query engine's tests can run without RocksDB, and
// the seam's own tests can check one implementation against the other.
#pragma once

#include <array>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "engine/access/storage_reader.h"
#include "parley/quad.h"

namespace parley::engine {

// Immutable after construction; thread-safe.
class MemoryStorageReader final : public StorageReader {
 public:
  // Ids follow the store's rules: inline literals carry their value, the
  // default graph is kDefaultGraphId, other terms get dense ids 1, 2, ...
  // in order of first appearance. Duplicate quads are kept once.
  // REQUIRES: valid terms.
  explicit MemoryStorageReader(const std::vector<Quad>& quads);

  absl::StatusOr<std::unique_ptr<QuadCursor>> Open(const IdScan& scan,
                                                   const ScanLimits& limits) const override;
  absl::StatusOr<uint64_t> Estimate(const IdScan& scan) const override;
  absl::Status DecodeMany(std::span<const TermId> ids, std::vector<Term>* terms) const override;
  absl::Status LookupMany(std::span<const Term> terms,
                          std::vector<std::optional<TermId>>* ids) const override;
  absl::Status ContainsMany(std::span<const IdQuad> quads, std::vector<bool>* found) const override;
  absl::StatusOr<std::vector<TermId>> NamedGraphs() const override;
  absl::StatusOr<IdStatistics> GetStatistics() const override;

 private:
  TermId Intern(const Term& term);

  std::vector<Term> terms_;  // terms_[id - 1] for dense ids
  absl::flat_hash_map<Term, TermId> ids_;
  std::array<std::vector<IdQuad>, kAllOrders.size()> sorted_;  // by Order, in key order
};

}  // namespace parley::engine
