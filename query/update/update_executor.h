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
// commits or rolls back, so a failing operation leaves no trace. Returns
// what the request changes relative to `base`.
//
// Errors (InvalidArgument, naming the operation by its 1-based position and
// keyword): CREATE of an existing graph, DROP / CLEAR / ADD / MOVE / COPY
// of a missing source graph, a LOAD that is refused or fails — each without
// SILENT, which turns them into no-ops; INSERT DATA / DELETE DATA of a quad
// that is not RDF (a literal subject). The limits of `options` as a query's.
absl::StatusOr<UpdateSummary> ExecuteUpdate(const UpdateRequest& request,
                                            std::shared_ptr<const engine::StorageReader> base,
                                            engine::StoreWriteTransaction* transaction,
                                            const UpdateOptions& options);

}  // namespace parley::query
