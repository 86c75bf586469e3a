#include "query/update/update_context.h"

#include <random>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "engine/status_macros.h"

namespace parley::query {
namespace {

// Labels of blank nodes an update creates: "u" + 64 random bits, so that
// they meet no label a load or another update made.
std::string RandomBlankPrefix() {
  std::random_device device;
  const uint64_t bits = (uint64_t{device()} << 32) ^ device();
  return absl::StrFormat("u%016x", bits);
}

}  // namespace

UpdateContext::UpdateContext(std::shared_ptr<const engine::StorageReader> base,
                             engine::StoreWriteTransaction* transaction,
                             const UpdateOptions& options)
    : base_(std::move(base)),
      transaction_(transaction),
      options_(options),
      blank_prefix_(RandomBlankPrefix()) {}

absl::StatusOr<std::shared_ptr<const engine::PendingChangesReader>> UpdateContext::Pending() {
  if (view_ == nullptr) {
    PARLEY_ASSIGN_OR_RETURN(std::unique_ptr<engine::PendingChangesReader> view,
                            engine::PendingChangesReader::Create(base_, transaction_->changes(),
                                                                 transaction_->graph_fates()));
    view_ = std::move(view);
  }
  return view_;
}

absl::StatusOr<std::shared_ptr<const engine::StorageReader>> UpdateContext::View() {
  PARLEY_ASSIGN_OR_RETURN(std::shared_ptr<const engine::PendingChangesReader> view, Pending());
  return std::shared_ptr<const engine::StorageReader>(std::move(view));
}

absl::StatusOr<bool> UpdateContext::GraphExists(const Term& graph) {
  PARLEY_ASSIGN_OR_RETURN(std::shared_ptr<const engine::PendingChangesReader> view, Pending());
  std::vector<std::optional<TermId>> ids;
  PARLEY_RETURN_IF_ERROR(view->LookupMany(std::span<const Term>(&graph, 1), &ids));
  if (!ids[0].has_value()) return false;
  PARLEY_ASSIGN_OR_RETURN(std::vector<TermId> graphs, view->NamedGraphs());
  return std::binary_search(graphs.begin(), graphs.end(), *ids[0]);
}

absl::StatusOr<std::vector<Term>> UpdateContext::NamedGraphs() {
  PARLEY_ASSIGN_OR_RETURN(std::shared_ptr<const engine::PendingChangesReader> view, Pending());
  PARLEY_ASSIGN_OR_RETURN(std::vector<TermId> ids, view->NamedGraphs());
  std::vector<Term> graphs;
  PARLEY_RETURN_IF_ERROR(view->DecodeMany(ids, &graphs));
  return graphs;
}

absl::StatusOr<std::vector<Quad>> UpdateContext::QuadsOf(const Term& graph) {
  PARLEY_ASSIGN_OR_RETURN(std::shared_ptr<const engine::PendingChangesReader> view, Pending());
  std::vector<Quad> quads;
  std::vector<std::optional<TermId>> ids;
  PARLEY_RETURN_IF_ERROR(view->LookupMany(std::span<const Term>(&graph, 1), &ids));
  if (!ids[0].has_value()) return quads;
  engine::IdScan scan;
  scan.order = engine::Order::kGspo;
  scan.range(engine::QuadPosition::kGraph) = engine::IdRange::Exactly(*ids[0]);
  engine::ScanLimits limits;
  limits.deadline = options_.deadline;
  limits.cancel = options_.cancel;
  PARLEY_ASSIGN_OR_RETURN(std::unique_ptr<engine::QuadCursor> cursor, view->Open(scan, limits));
  std::vector<IdQuad> rows(256);
  std::vector<TermId> cells;
  std::vector<Term> terms;
  while (true) {
    PARLEY_ASSIGN_OR_RETURN(size_t n, cursor->NextBatch(std::span<IdQuad>(rows)));
    if (n == 0) break;
    cells.clear();
    for (size_t i = 0; i < n; ++i) {
      cells.insert(cells.end(), {rows[i].subject, rows[i].predicate, rows[i].object});
    }
    PARLEY_RETURN_IF_ERROR(view->DecodeMany(cells, &terms));
    for (size_t i = 0; i < n; ++i) {
      quads.push_back(Quad{std::move(terms[3 * i]), std::move(terms[3 * i + 1]),
                           std::move(terms[3 * i + 2]), graph});
    }
  }
  return quads;
}

Term UpdateContext::FreshBlankNode(const std::string& label, uint64_t scope) const {
  return Term::BlankNode(absl::StrCat(blank_prefix_, "x", scope, "x", label));
}

}  // namespace parley::query
