// The read view of a Store: everything read through one KvSnapshot.
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "engine/dictionary.h"
#include "engine/kv_store.h"
#include "parley/read_view.h"

namespace parley::engine {

// Thread-safe (all methods are const and share only the snapshot).
// REQUIRES: `kv` outlives the view and every iterator it returns.
class StoreReadView final : public ReadView {
 public:
  StoreReadView(const KvStore* kv, std::shared_ptr<const KvSnapshot> snapshot)
      : kv_(kv), snapshot_(std::move(snapshot)), dictionary_(kv) {}

  absl::StatusOr<std::unique_ptr<QuadIterator>> Scan(const QuadPattern& pattern) const override;
  absl::StatusOr<std::unique_ptr<IdQuadIterator>> ScanIds(const IdPattern& pattern) const override;
  absl::StatusOr<uint64_t> Count(const QuadPattern& pattern) const override;
  absl::StatusOr<std::vector<Term>> Graphs() const override;
  absl::StatusOr<Statistics> GetStatistics() const override;
  absl::StatusOr<TermId> Lookup(const Term& term) const override;
  absl::StatusOr<Term> Decode(TermId id) const override;

 private:
  // The ids of `pattern`, or nullopt when it names a term the store lacks
  // (then nothing matches). InvalidArgument for an invalid term.
  absl::StatusOr<std::optional<IdPattern>> ToIdPattern(const QuadPattern& pattern) const;

  const KvStore* kv_;
  std::shared_ptr<const KvSnapshot> snapshot_;
  Dictionary dictionary_;
};

}  // namespace parley::engine
