// DELETE WHERE, and DELETE ... WHERE without INSERT, as a request's only
// change: the delete template is instantiated on the WHERE's id rows, never
// decoding a term, and the quads are held as ids. Up to the budget's limit
// they go to the transaction like any change; past it, to an
// engine::BulkEraser, whose memory does not grow with the number of quads.
#include <array>
#include <optional>
#include <utility>
#include <vector>

#include "engine/status_macros.h"
#include "query/exec/block.h"
#include "query/exec/executor.h"
#include "query/exec/term_table.h"
#include "query/update/update_context.h"

namespace parley::query {
namespace {

constexpr size_t kDecodeChunk = 4096;

// A delete template quad with its constants resolved to stored ids: each
// position is a stored id, or a variable's slot in the WHERE's rows.
struct ResolvedPattern {
  std::array<TermId, 4> ids{};
  std::array<std::optional<size_t>, 4> slots;
};

// Nullopt when the pattern can produce no stored quad: a constant the store
// lacks, or a variable the WHERE never binds.
absl::StatusOr<std::optional<ResolvedPattern>> Resolve(const QuadPattern& pattern,
                                                       ExecContext& context) {
  ResolvedPattern resolved;
  const TermOrVariable* positions[4] = {&pattern.subject, &pattern.predicate, &pattern.object,
                                        &pattern.graph};
  for (int i = 0; i < 4; ++i) {
    if (const Term* term = std::get_if<Term>(positions[i])) {
      if (term->is_default_graph()) {
        resolved.ids[i] = kDefaultGraphId;
        continue;
      }
      PARLEY_ASSIGN_OR_RETURN(std::optional<TermId> id, context.terms().LookupStored(*term));
      if (!id.has_value()) return std::nullopt;
      resolved.ids[i] = *id;
      continue;
    }
    resolved.slots[i] = context.slots().Find(std::get<Variable>(*positions[i]).name);
    if (!resolved.slots[i].has_value()) return std::nullopt;
  }
  return resolved;
}

// The instance of `pattern` for `row`; false when a variable is unbound or
// bound to a term the store lacks (such a quad is not stored).
bool Instantiate(const ResolvedPattern& pattern, const TermId* row, IdQuad* quad) {
  TermId ids[4];
  for (int i = 0; i < 4; ++i) {
    ids[i] = pattern.slots[i].has_value() ? row[*pattern.slots[i]] : pattern.ids[i];
    if (ids[i] == kUnbound || IsLocalId(ids[i])) return false;
  }
  *quad = IdQuad{ids[0], ids[1], ids[2], ids[3]};
  return true;
}

UpdateOptions::Progress::Phase PhaseOf(engine::BulkErasePhase phase) {
  switch (phase) {
    case engine::BulkErasePhase::kCollect:
      return UpdateOptions::Progress::Phase::kCollect;
    case engine::BulkErasePhase::kSort:
      return UpdateOptions::Progress::Phase::kSort;
    case engine::BulkErasePhase::kWrite:
      return UpdateOptions::Progress::Phase::kWrite;
    case engine::BulkErasePhase::kIngest:
      return UpdateOptions::Progress::Phase::kIngest;
  }
  return UpdateOptions::Progress::Phase::kCollect;
}

absl::StatusOr<std::unique_ptr<engine::BulkEraser>> BeginEraser(const LargeChangeTarget& large,
                                                                const UpdateOptions& options) {
  engine::BulkEraseOptions erase;
  erase.db_path = large.db_path;
  erase.memory_budget_bytes = OnDiskChangeBudget(options);
  erase.cancel = options.cancel;
  if (options.progress) {
    erase.progress = [&progress = options.progress](engine::BulkErasePhase phase, uint64_t quads) {
      progress(
          UpdateOptions::Progress{UpdateOptions::Progress::Change::kDelete, PhaseOf(phase), quads});
    };
  }
  return engine::BulkEraser::Begin(large.store->kv(), large.snapshot, std::move(erase));
}

// The held quads, as terms, to the transaction.
absl::Status EraseInTransaction(const std::vector<IdQuad>& quads, TermTable& terms,
                                engine::StoreWriteTransaction& transaction) {
  std::vector<TermId> ids;
  for (size_t start = 0; start < quads.size(); start += kDecodeChunk) {
    const size_t end = std::min(quads.size(), start + kDecodeChunk);
    ids.clear();
    for (size_t i = start; i < end; ++i) {
      ids.insert(ids.end(), {quads[i].subject, quads[i].predicate, quads[i].object});
      if (quads[i].graph != kDefaultGraphId) ids.push_back(quads[i].graph);
    }
    PARLEY_RETURN_IF_ERROR(terms.Prefetch(ids));
    for (size_t i = start; i < end; ++i) {
      Quad quad;
      PARLEY_ASSIGN_OR_RETURN(const Term* subject, terms.Decode(quads[i].subject));
      PARLEY_ASSIGN_OR_RETURN(const Term* predicate, terms.Decode(quads[i].predicate));
      PARLEY_ASSIGN_OR_RETURN(const Term* object, terms.Decode(quads[i].object));
      quad.subject = *subject;
      quad.predicate = *predicate;
      quad.object = *object;
      if (quads[i].graph != kDefaultGraphId) {
        PARLEY_ASSIGN_OR_RETURN(const Term* graph, terms.Decode(quads[i].graph));
        quad.graph = *graph;
      }
      // Not RDF (a literal subject): no stored quad, nothing to erase.
      if (!engine::ValidateQuad(quad).ok()) continue;
      PARLEY_RETURN_IF_ERROR(transaction.Erase(quad));
    }
    terms.TrimCache();
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ExecuteLargeDelete(const UpdateOperation& operation, UpdateContext& context,
                                const LargeChangeTarget& large,
                                std::unique_ptr<engine::BulkEraser>* bulk_erase) {
  const UpdateOptions& options = context.options();
  PARLEY_ASSIGN_OR_RETURN(std::shared_ptr<const engine::StorageReader> view, context.View());
  PARLEY_ASSIGN_OR_RETURN(IdSolutions solutions, ExecuteIds(WhereQuery(operation), std::move(view),
                                                            WhereOptions(operation, options)));
  ExecContext& exec = *solutions.evaluation.context;
  std::vector<ResolvedPattern> patterns;
  for (const QuadPattern& pattern : operation.delete_template) {
    PARLEY_ASSIGN_OR_RETURN(std::optional<ResolvedPattern> resolved, Resolve(pattern, exec));
    if (resolved.has_value()) patterns.push_back(*resolved);
  }

  const uint64_t limit = InMemoryChangeLimit(options);
  std::vector<IdQuad> held;
  std::unique_ptr<engine::BulkEraser> eraser;
  Block block(exec.width());
  IdQuad quad;
  while (!patterns.empty()) {
    PARLEY_ASSIGN_OR_RETURN(bool more, solutions.root->Next(&block));
    if (!more) break;
    for (size_t r = 0; r < block.rows(); ++r) {
      for (const ResolvedPattern& pattern : patterns) {
        if (!Instantiate(pattern, block.row(r), &quad)) continue;
        if (eraser != nullptr) {
          PARLEY_RETURN_IF_ERROR(eraser->Erase(quad));
          continue;
        }
        held.push_back(quad);
        if (held.size() <= limit) continue;
        // Too many for memory: from here on, through sorted files.
        if (options.progress) {
          options.progress(UpdateOptions::Progress{UpdateOptions::Progress::Change::kDelete,
                                                   UpdateOptions::Progress::Phase::kCollect,
                                                   held.size()});
        }
        PARLEY_ASSIGN_OR_RETURN(eraser, BeginEraser(large, options));
        for (const IdQuad& q : held) PARLEY_RETURN_IF_ERROR(eraser->Erase(q));
        held = std::vector<IdQuad>();
      }
    }
  }
  if (eraser != nullptr) {
    *bulk_erase = std::move(eraser);
    return absl::OkStatus();
  }
  PARLEY_RETURN_IF_ERROR(EraseInTransaction(held, exec.terms(), context.transaction()));
  context.Changed();
  return absl::OkStatus();
}

}  // namespace parley::query
