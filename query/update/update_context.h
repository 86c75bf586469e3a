// What the operations of one update request share: the transaction, a view
// of the state the earlier operations left, fresh blank nodes. Internal to
// query/update/.
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "engine/access/pending_changes_reader.h"
#include "engine/write_transaction.h"
#include "parley/query.h"
#include "query/algebra/update.h"
#include "query/update/update_executor.h"

namespace parley::query {

class UpdateContext {
 public:
  UpdateContext(std::shared_ptr<const engine::StorageReader> base,
                engine::StoreWriteTransaction* transaction, const UpdateOptions& options);

  engine::StoreWriteTransaction& transaction() { return *transaction_; }
  const UpdateOptions& options() const { return options_; }

  // The base with every change buffered so far. Rebuilt only after a
  // change; valid until the next one.
  absl::StatusOr<std::shared_ptr<const engine::StorageReader>> View();
  // Call after buffering changes in the transaction.
  void Changed() { view_ = nullptr; }

  // Whether the named graph `graph` exists in View().
  absl::StatusOr<bool> GraphExists(const Term& graph);
  // The named graphs of View().
  absl::StatusOr<std::vector<Term>> NamedGraphs();
  // The quads of `graph` (Term() for the default graph) in View().
  absl::StatusOr<std::vector<Quad>> QuadsOf(const Term& graph);

  // A blank node no stored quad uses: `label` made unique to this request
  // and to `scope` (0 for INSERT DATA, NewBlankScope() for each template
  // solution and each LOAD).
  Term FreshBlankNode(const std::string& label, uint64_t scope) const;
  uint64_t NewBlankScope() { return ++last_blank_scope_; }

 private:
  absl::StatusOr<std::shared_ptr<const engine::PendingChangesReader>> Pending();

  const std::shared_ptr<const engine::StorageReader> base_;
  engine::StoreWriteTransaction* const transaction_;
  const UpdateOptions& options_;
  const std::string blank_prefix_;
  std::shared_ptr<const engine::PendingChangesReader> view_;
  uint64_t last_blank_scope_ = 0;
};

// Each operation, given the request's context. `position` (1-based) names
// the operation in errors.
absl::Status ExecuteData(const UpdateOperation& operation, UpdateContext& context);
absl::Status ExecuteModify(const UpdateOperation& operation, UpdateContext& context);
absl::Status ExecuteGraphOperation(const UpdateOperation& operation, UpdateContext& context);
absl::Status ExecuteLoad(const UpdateOperation& operation, UpdateContext& context);
// A change of more quads than this leaves the transaction for files on disk
// (the two functions below): a transaction holds about 2.3 KiB per quad,
// and the limit leaves room above that.
inline uint64_t InMemoryChangeLimit(const UpdateOptions& options) {
  return std::max<uint64_t>(1, options.memory_budget_bytes / 4096);
}
// The sort buffers of a change on disk.
inline uint64_t OnDiskChangeBudget(const UpdateOptions& options) {
  return std::min<uint64_t>(options.memory_budget_bytes / 4, uint64_t{256} << 20);
}

// A DELETE without INSERT that is the request's only change, with somewhere
// to go when it is too large for memory (query/update/large_delete.cc): on
// success either the transaction holds its quads or *bulk_erase does.
absl::Status ExecuteLargeDelete(const UpdateOperation& operation, UpdateContext& context,
                                const LargeChangeTarget& large,
                                std::unique_ptr<engine::BulkEraser>* bulk_erase);

// INSERT ... WHERE without DELETE, likewise (query/update/large_insert.cc):
// on success either the transaction holds its quads, or *bulk_load does and
// holds the writer lease the transaction handed over.
absl::Status ExecuteLargeInsert(const UpdateOperation& operation, UpdateContext& context,
                                const LargeChangeTarget& large,
                                std::unique_ptr<engine::BulkLoader>* bulk_load);

// The quads of `quad_template` for one solution (`row`, its cells named by
// `variables`), leaving out (as the spec says) those with an unbound
// variable or that are not RDF, such as a literal subject. Blank nodes of
// the template are fresh for `scope` (UpdateContext::NewBlankScope).
void AddInstances(const std::vector<QuadPattern>& quad_template,
                  const std::vector<std::string>& variables,
                  const std::vector<std::optional<Term>>& row, const UpdateContext& context,
                  uint64_t scope, std::vector<Quad>* out);

// The SELECT that a DELETE/INSERT's WHERE runs as (projecting the templates'
// variables), and its options.
std::shared_ptr<const Query> WhereQuery(const UpdateOperation& operation);
QueryOptions WhereOptions(const UpdateOperation& operation, const UpdateOptions& options);

}  // namespace parley::query
