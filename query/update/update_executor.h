// Runs a SPARQL 1.1 Update request (query/algebra/update.h) inside one write
// transaction: the executor's entry point for updates.
#pragma once

#include <memory>

#include "absl/status/statusor.h"
#include "engine/access/storage_reader.h"
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
absl::Status ExecuteUpdate(const UpdateRequest& request,
                           std::shared_ptr<const engine::StorageReader> base,
                           engine::StoreWriteTransaction* transaction,
                           const UpdateOptions& options);

}  // namespace parley::query
