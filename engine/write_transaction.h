// The write transaction of a Store (see parley::WriteTransaction).
#pragma once

#include <functional>
#include <memory>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "engine/graph_set.h"
#include "engine/kv/kv_store.h"
#include "engine/writer_gate.h"
#include "parley/quad.h"
#include "parley/transaction.h"

namespace parley::engine {

// OK when `quad` may be stored: every term valid (Term::Validate()), the
// subject an IRI or blank node, the predicate an IRI, the object not the
// default graph, the graph the default graph, an IRI or a blank node.
// InvalidArgument naming the position and the problem otherwise.
absl::Status ValidateQuad(const Quad& quad);

// Buffers changes in memory (the last Insert/Erase of a quad wins) and
// applies them on Commit in one KvWriteBatch: new dictionary entries and
// counter, every permutation (kAllOrders), the statistics, the quad count
// and the set of named graphs.
// Holds the store's writer lease until it finishes, and `kv` alive, so it
// may outlive the Store: once the Store is closed or destroyed, Commit
// returns FailedPrecondition and applies nothing.
class StoreWriteTransaction final : public WriteTransaction {
 public:
  // REQUIRES: `lease` is held. `max_bytes`: Options::max_transaction_bytes.
  StoreWriteTransaction(std::shared_ptr<KvStore> kv, WriterLease lease, bool sync,
                        uint64_t max_bytes);
  ~StoreWriteTransaction() override;

  // ResourceExhausted once the buffered changes pass `max_bytes` (see
  // parley::Options::max_transaction_bytes); from then on every call but
  // Rollback returns that error.
  absl::Status Insert(const Quad& quad) override;
  absl::Status Erase(const Quad& quad) override;
  absl::Status CreateGraph(const Term& graph) override;
  absl::Status DropGraph(const Term& graph) override;
  // FailedPrecondition once the transaction has finished.
  absl::Status Commit() override;

  // Runs in Commit, once the database is known to be open and before
  // anything applies, under the writer lease (so the latest snapshot is
  // the state the changes apply to). An error rolls the transaction back
  // and is Commit's result. Strict mode (api/strict.h) validates here.
  using CommitCheck = std::function<absl::Status(const StoreWriteTransaction&)>;
  void set_commit_check(CommitCheck check) { commit_check_ = std::move(check); }
  bool has_commit_check() const { return static_cast<bool>(commit_check_); }

  // What a commit changed: quads that were absent and now exist, quads that
  // existed and are gone (a re-insert or an erase of an absent quad counts
  // for nothing).
  struct Changed {
    uint64_t inserted = 0;
    uint64_t erased = 0;
  };
  // Commit, reporting what changed.
  absl::StatusOr<Changed> CommitCounting();
  void Rollback() override;

  // Finishes a transaction that buffered nothing, handing its writer lease
  // to the caller, who goes on writing by other means (a bulk load) on the
  // state this transaction saw. FailedPrecondition when it has finished or
  // buffered a change or a graph fate.
  absl::StatusOr<WriterLease> HandOverLease();

  // The buffered changes, for a view of the transaction's own work
  // (engine/access/pending_changes_reader.h): quad -> inserted (true) or
  // erased (false), and what happens to graphs beyond those quads.
  const absl::flat_hash_map<Quad, bool>& changes() const { return changes_; }
  const absl::flat_hash_map<Term, GraphFate>& graph_fates() const { return graph_fates_; }

 private:
  absl::Status Buffer(const Quad& quad, bool insert);
  absl::StatusOr<Changed> Apply();
  // Appends every quad of `graph` stored at `snapshot`.
  absl::Status AddStoredQuadsOf(TermId graph, std::shared_ptr<const KvSnapshot> snapshot,
                                std::vector<IdQuad>* erases) const;
  void Finish();

  const std::shared_ptr<KvStore> kv_;
  WriterLease lease_;
  bool sync_;
  const uint64_t max_bytes_;
  uint64_t buffered_bytes_ = 0;  // estimated, of changes_
  absl::Status overflow_;        // sticky, once buffered_bytes_ > max_bytes_
  bool finished_ = false;
  absl::flat_hash_map<Quad, bool> changes_;  // true: insert, false: erase
  absl::flat_hash_map<Term, GraphFate> graph_fates_;
  CommitCheck commit_check_;
};

}  // namespace parley::engine
