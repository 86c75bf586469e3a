// The read seam over a Store's key-value snapshot (engine/kv/).
#pragma once

#include <memory>

#include "engine/access/storage_reader.h"
#include "engine/kv/kv_store.h"

namespace parley::engine {

// Keeps `kv` open while the reader or a cursor it opened lives.
class KvStorageReader final : public StorageReader {
 public:
  KvStorageReader(std::shared_ptr<const KvStore> kv, std::shared_ptr<const KvSnapshot> snapshot)
      : kv_(kv), snapshot_(std::move(snapshot)) {}

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
  std::shared_ptr<const KvStore> kv_;
  std::shared_ptr<const KvSnapshot> snapshot_;
};

}  // namespace parley::engine
