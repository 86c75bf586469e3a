// parley::Database::Update: parse, run every operation in one write
// transaction over a view of its own changes, commit.
#include <memory>
#include <utility>

#include "api/database_impl.h"
#include "api/strict.h"
#include "engine/access/kv_storage_reader.h"
#include "engine/status_macros.h"
#include "query/parser/parser.h"
#include "query/update/update_executor.h"

namespace parley::api {

absl::StatusOr<UpdateSummary> DatabaseImpl::Update(std::string_view text,
                                                   const UpdateOptions& options) {
  query::ParseOptions parse_options;
  parse_options.base_iri = options.base_iri;
  parse_options.prefixes = options.prefixes;
  PARLEY_ASSIGN_OR_RETURN(query::UpdateRequest request, query::ParseUpdate(text, parse_options));
  PARLEY_ASSIGN_OR_RETURN(std::unique_ptr<engine::StoreWriteTransaction> transaction,
                          store().BeginStoreWrite());
  if (std::shared_ptr<const Shapes> shapes = strict_shapes()) {
    transaction->set_commit_check(StrictCheck(std::move(shapes), store().kv_shared()));
  }
  // The transaction holds the writer lease: no commit can come between
  // this snapshot and the transaction's own, so it is the state the
  // request applies to.
  std::shared_ptr<const engine::KvSnapshot> snapshot = store().kv().GetSnapshot();
  query::LargeChangeTarget large;
  large.store = &store();
  large.snapshot = snapshot;
  large.db_path = path();
  absl::StatusOr<query::UpdateExecution> executed = query::ExecuteUpdate(
      request, std::make_shared<engine::KvStorageReader>(store().kv_shared(), std::move(snapshot)),
      transaction.get(), options, large);
  if (!executed.ok()) {
    transaction->Rollback();
    return executed.status();
  }
  UpdateSummary summary;
  summary.operations = request.operations.size();
  if (executed->bulk_load != nullptr || executed->bulk_erase != nullptr) {
    // The transaction holds no change: only the writer lease (the eraser's
    // case) that keeps other writers out until the change is in, or nothing
    // (the loader took the lease over).
    absl::StatusOr<query::LargeChangeCounts> counts = query::CommitLargeChange(*executed, request);
    transaction->Rollback();
    if (!counts.ok()) return counts.status();
    summary.quads_inserted = counts->inserted;
    summary.quads_deleted = counts->deleted;
    return summary;
  }
  PARLEY_ASSIGN_OR_RETURN(engine::StoreWriteTransaction::Changed changed,
                          transaction->CommitCounting());
  summary.quads_inserted = changed.inserted;
  summary.quads_deleted = changed.erased;
  return summary;
}

}  // namespace parley::api
