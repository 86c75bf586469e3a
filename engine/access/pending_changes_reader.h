// The read seam over a snapshot plus changes not yet committed: what a write
// transaction sees of its own work. SPARQL Update needs it: each operation
// of a request is evaluated on the state the request's earlier operations
// left, and the whole request commits (or not) as one transaction.
#pragma once

#include <array>
#include <memory>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "engine/access/storage_reader.h"
#include "engine/graph_set.h"
#include "parley/quad.h"

namespace parley::engine {

// Quad -> true (inserted) or false (erased), as a write transaction buffers
// its changes: the last change of a quad wins.
using PendingChanges = absl::flat_hash_map<Quad, bool>;
// What happens to graphs beyond those quads (StoreWriteTransaction's
// graph_fates(): CreateGraph, DropGraph).
using PendingGraphFates = absl::flat_hash_map<Term, GraphFate>;

// Immutable after Create; thread-safe as its base is.
//
// Terms the changes introduce have no dictionary id yet: they get
// provisional ones, dictionary ids counting down from kMaxDictionaryId, far
// above any id the store has issued. They are valid only within this
// reader (they sort after every stored term, and Commit assigns others).
class PendingChangesReader final : public StorageReader {
 public:
  // Reads `base` (the snapshot the changes apply to) with `changes` and
  // `graph_fates` applied, as StoreWriteTransaction::Commit would apply
  // them. Costs one lookup of every term of the changes, one seek per
  // changed quad, and a scan of each graph the fates clear. REQUIRES: valid
  // quads.
  static absl::StatusOr<std::unique_ptr<PendingChangesReader>> Create(
      std::shared_ptr<const StorageReader> base, const PendingChanges& changes,
      const PendingGraphFates& graph_fates = {});

  absl::StatusOr<std::unique_ptr<QuadCursor>> Open(const IdScan& scan,
                                                   const ScanLimits& limits) const override;
  // The base's estimate plus the inserted quads the scan matches.
  absl::StatusOr<uint64_t> Estimate(const IdScan& scan) const override;
  absl::Status DecodeMany(std::span<const TermId> ids, std::vector<Term>* terms) const override;
  absl::Status LookupMany(std::span<const Term> terms,
                          std::vector<std::optional<TermId>>* ids) const override;
  absl::Status ContainsMany(std::span<const IdQuad> quads, std::vector<bool>* found) const override;
  absl::StatusOr<std::vector<TermId>> NamedGraphs() const override;
  // Quad counts (total and per predicate) are exact; distinct subjects and
  // objects are the base's (an estimate for planning: computing them exactly
  // would mean scanning every changed predicate).
  absl::StatusOr<IdStatistics> GetStatistics() const override;

 private:
  explicit PendingChangesReader(std::shared_ptr<const StorageReader> base)
      : base_(std::move(base)) {}

  absl::Status Build(const PendingChanges& changes, const PendingGraphFates& graph_fates);
  // Keeps those of `rows` that the base holds.
  absl::StatusOr<std::vector<IdQuad>> StoredOf(const std::vector<IdQuad>& rows) const;
  TermId ProvisionalId(const Term& term);

  const std::shared_ptr<const StorageReader> base_;
  std::vector<Term> new_terms_;  // new_terms_[kMaxDictionaryId - id]
  absl::flat_hash_map<Term, TermId> new_ids_;
  // Inserted quads the base lacks, sorted in each order's key order.
  std::array<std::vector<IdQuad>, kAllOrders.size()> inserted_;
  // Erased quads the base holds, as {subject, predicate, object, graph}.
  absl::flat_hash_set<std::array<TermId, 4>> erased_;
  // Named graphs created (ids may be provisional) and dropped.
  std::vector<TermId> created_;
  absl::flat_hash_set<TermId> dropped_;
};

}  // namespace parley::engine
