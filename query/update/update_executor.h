// Runs a SPARQL 1.1 Update request (query/algebra/update.h) inside one write
// transaction: the executor's entry point for updates.
#pragma once

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "engine/access/storage_reader.h"
#include "engine/bulk/bulk_eraser.h"
#include "engine/bulk/bulk_loader.h"
#include "engine/store.h"
#include "engine/write_transaction.h"
#include "parley/query.h"
#include "query/algebra/update.h"

namespace parley::query {

// Applies the operations of `request` in order to `transaction`, each
// reading `base` (the snapshot the transaction will apply to) with the
// changes the operations before it buffered. Commits nothing: the caller
// commits (StoreWriteTransaction::CommitCounting says what changed) or
// rolls back, so a failing operation leaves no trace.
//
// Errors name the operation by its 1-based position and keyword: NotFound
// for DROP / CLEAR / ADD / MOVE / COPY of a missing graph, AlreadyExists for
// CREATE of an existing one (SILENT turns both into no-ops), the errors of
// LOAD (its own SILENT covers them), InvalidArgument for INSERT DATA /
// DELETE DATA of a quad that is not RDF (a literal subject); the limits of
// `options` as a query's.
//
// A request whose only change is one DELETE (without INSERT) too large for
// memory (UpdateOptions::memory_budget_bytes) hands its quads to an
// engine::BulkEraser on `large`'s store instead of the transaction, and
// returns it: the caller commits it, still holding the transaction (whose
// lease keeps other writers out), then rolls the empty transaction back.
// One INSERT ... WHERE (without DELETE) likewise goes to an
// engine::BulkLoader, which takes over the transaction's lease (the
// transaction is finished then): the caller commits the loader. Without a
// `large` store every change goes to the transaction.
struct LargeChangeTarget {
  engine::Store* store = nullptr;
  // The state `base` reads, the latest under the transaction's lease.
  std::shared_ptr<const engine::KvSnapshot> snapshot;
  std::string db_path;  // where the eraser's scratch folder goes
};
struct UpdateExecution {
  // At most one is set; neither: everything is in the transaction.
  std::unique_ptr<engine::BulkEraser> bulk_erase;
  std::unique_ptr<engine::BulkLoader> bulk_load;
};
// Commits the large change `execution` holds, if any (the loader or the
// eraser), and says what it changed; errors name the operation like those
// of ExecuteUpdate. The caller still holds the transaction, and rolls it
// back afterwards either way.
struct LargeChangeCounts {
  uint64_t inserted = 0;
  uint64_t deleted = 0;
};
absl::StatusOr<LargeChangeCounts> CommitLargeChange(UpdateExecution& execution,
                                                    const UpdateRequest& request);

absl::StatusOr<UpdateExecution> ExecuteUpdate(const UpdateRequest& request,
                                              std::shared_ptr<const engine::StorageReader> base,
                                              engine::StoreWriteTransaction* transaction,
                                              const UpdateOptions& options,
                                              const LargeChangeTarget& large = {});

}  // namespace parley::query
