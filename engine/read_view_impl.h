// The read view of a Store: everything read through one KvSnapshot.
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "engine/dictionary.h"
#include "engine/kv/kv_store.h"
#include "parley/read_view.h"

namespace parley::engine {

// Thread-safe (all methods are const and share only the snapshot). Holds
// `kv` alive, and every iterator it returns holds the snapshot (which holds
// `kv`), so both may outlive the Store. REQUIRES: `snapshot` is kv's.
class StoreReadView final : public ReadView {
 public:
  StoreReadView(std::shared_ptr<const KvStore> kv, std::shared_ptr<const KvSnapshot> snapshot)
      : kv_(std::move(kv)), snapshot_(std::move(snapshot)), dictionary_(kv_.get()) {}

  absl::StatusOr<std::unique_ptr<QuadIterator>> Scan(const QuadPattern& pattern) const override;
  absl::StatusOr<std::unique_ptr<IdQuadIterator>> ScanIds(const IdPattern& pattern) const override;
  absl::StatusOr<bool> Contains(const Quad& quad) const override;
  absl::StatusOr<uint64_t> Count(const QuadPattern& pattern) const override;
  absl::StatusOr<std::vector<Term>> Graphs() const override;
  absl::StatusOr<Statistics> GetStatistics() const override;
  absl::StatusOr<TermId> Lookup(const Term& term) const override;
  absl::StatusOr<Term> Decode(TermId id) const override;

 private:
  // The ids of `pattern`, or nullopt when it names a term the store lacks
  // (then nothing matches). InvalidArgument for an invalid term.
  absl::StatusOr<std::optional<IdPattern>> ToIdPattern(const QuadPattern& pattern) const;

  const std::shared_ptr<const KvStore> kv_;
  const std::shared_ptr<const KvSnapshot> snapshot_;
  const Dictionary dictionary_;
};

// The view a closed Store hands out: every call returns `error`.
class ClosedReadView final : public ReadView {
 public:
  explicit ClosedReadView(absl::Status error) : error_(std::move(error)) {}

  absl::StatusOr<std::unique_ptr<QuadIterator>> Scan(const QuadPattern&) const override {
    return error_;
  }
  absl::StatusOr<std::unique_ptr<IdQuadIterator>> ScanIds(const IdPattern&) const override {
    return error_;
  }
  absl::StatusOr<bool> Contains(const Quad&) const override { return error_; }
  absl::StatusOr<uint64_t> Count(const QuadPattern&) const override { return error_; }
  absl::StatusOr<std::vector<Term>> Graphs() const override { return error_; }
  absl::StatusOr<Statistics> GetStatistics() const override { return error_; }
  absl::StatusOr<TermId> Lookup(const Term&) const override { return error_; }
  absl::StatusOr<Term> Decode(TermId) const override { return error_; }

 private:
  const absl::Status error_;
};

}  // namespace parley::engine
