// INSERT ... WHERE without DELETE, as a request's only change: the template
// is instantiated on each solution as the WHERE streams; up to the budget's
// limit the quads go to the transaction like any change, past it to an
// engine::BulkLoader that takes over the transaction's writer lease, so
// that they are sorted through files on disk and ingested in one atomic
// step, as a bulk load is.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/status_macros.h"
#include "engine/term_view.h"
#include "query/exec/executor.h"
#include "query/update/update_context.h"

namespace parley::query {
namespace {

using Progress = UpdateOptions::Progress;

std::optional<Progress::Phase> PhaseOf(engine::BulkLoadPhase phase) {
  switch (phase) {
    case engine::BulkLoadPhase::kParse:
      return std::nullopt;  // reported as kCollect by ExecuteLargeInsert
    case engine::BulkLoadPhase::kSort:
      return Progress::Phase::kSort;
    case engine::BulkLoadPhase::kWrite:
      return Progress::Phase::kWrite;
    case engine::BulkLoadPhase::kIngest:
      return Progress::Phase::kIngest;
  }
  return std::nullopt;
}

absl::StatusOr<std::unique_ptr<engine::BulkLoader>> BeginLoader(const LargeChangeTarget& large,
                                                                UpdateContext& context) {
  const UpdateOptions& options = context.options();
  engine::BulkLoadOptions load;
  load.db_path = large.db_path;
  load.memory_budget_bytes = OnDiskChangeBudget(options);
  // Stored blank nodes bound by the WHERE keep their labels; the
  // template's are fresh already (UpdateContext::FreshBlankNode).
  load.keep_blank_labels = true;
  load.cancel = options.cancel;
  if (options.progress) {
    load.progress = [&progress = options.progress](engine::BulkLoadPhase phase, uint64_t quads) {
      std::optional<Progress::Phase> known = PhaseOf(phase);
      if (known.has_value()) progress(Progress{Progress::Change::kInsert, *known, quads});
    };
  }
  PARLEY_ASSIGN_OR_RETURN(engine::WriterLease lease, context.transaction().HandOverLease());
  return engine::BulkLoader::Begin(*large.store, load, std::move(lease));
}

}  // namespace

absl::Status ExecuteLargeInsert(const UpdateOperation& operation, UpdateContext& context,
                                const LargeChangeTarget& large,
                                std::unique_ptr<engine::BulkLoader>* bulk_load) {
  const UpdateOptions& options = context.options();
  PARLEY_ASSIGN_OR_RETURN(std::shared_ptr<const engine::StorageReader> view, context.View());
  PARLEY_ASSIGN_OR_RETURN(
      std::unique_ptr<QueryResult> result,
      Execute(WhereQuery(operation), std::move(view), WhereOptions(operation, options)));

  const uint64_t limit = InMemoryChangeLimit(options);
  std::vector<Quad> held;
  std::unique_ptr<engine::BulkLoader> loader;
  std::vector<Quad> instances;
  std::vector<std::optional<Term>> row;
  uint64_t instantiated = 0;
  while (true) {
    PARLEY_ASSIGN_OR_RETURN(bool more, result->NextRow(&row));
    if (!more) break;
    instances.clear();
    AddInstances(operation.insert_template, result->variables(), row, context,
                 context.NewBlankScope(), &instances);
    if (loader != nullptr) {
      for (const Quad& quad : instances) {
        PARLEY_RETURN_IF_ERROR(loader->Add(engine::QuadView::Of(quad)));
      }
      instantiated += instances.size();
      if (options.progress && instantiated % (uint64_t{1} << 20) < instances.size()) {
        options.progress(
            Progress{Progress::Change::kInsert, Progress::Phase::kCollect, instantiated});
      }
      continue;
    }
    for (Quad& quad : instances) held.push_back(std::move(quad));
    if (held.size() <= limit) continue;
    // Too many for memory: from here on, through the bulk loader.
    instantiated = held.size();
    if (options.progress) {
      options.progress(
          Progress{Progress::Change::kInsert, Progress::Phase::kCollect, instantiated});
    }
    PARLEY_ASSIGN_OR_RETURN(loader, BeginLoader(large, context));
    for (const Quad& quad : held) PARLEY_RETURN_IF_ERROR(loader->Add(engine::QuadView::Of(quad)));
    held = std::vector<Quad>();
  }
  if (loader != nullptr) {
    *bulk_load = std::move(loader);
    return absl::OkStatus();
  }
  for (const Quad& quad : held) PARLEY_RETURN_IF_ERROR(context.transaction().Insert(quad));
  context.Changed();
  return absl::OkStatus();
}

}  // namespace parley::query
