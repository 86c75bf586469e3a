#include "query/exec/source.h"

#include <utility>

#include "absl/status/status.h"
#include "engine/status_macros.h"

namespace parley::query {
namespace {

class ReadViewSource final : public Source {
 public:
  explicit ReadViewSource(std::shared_ptr<const ReadView> view) : view_(std::move(view)) {}

  absl::StatusOr<std::unique_ptr<IdQuadIterator>> Scan(const IdPattern& pattern) override {
    return view_->ScanIds(pattern);
  }

  absl::StatusOr<std::optional<TermId>> Lookup(const Term& term) override {
    absl::StatusOr<TermId> id = view_->Lookup(term);
    if (id.ok()) return std::optional<TermId>(*id);
    // A never-stored term (NotFound) or one the store cannot hold (an
    // invalid term): either way no quad mentions it.
    if (absl::IsNotFound(id.status()) || absl::IsInvalidArgument(id.status())) {
      return std::optional<TermId>();
    }
    return id.status();
  }

  absl::StatusOr<Term> Decode(TermId id) override { return view_->Decode(id); }

  absl::StatusOr<std::vector<TermId>> NamedGraphs() override {
    PARLEY_ASSIGN_OR_RETURN(std::vector<Term> graphs, view_->Graphs());
    std::vector<TermId> ids;
    ids.reserve(graphs.size());
    for (const Term& graph : graphs) {
      PARLEY_ASSIGN_OR_RETURN(std::optional<TermId> id, Lookup(graph));
      if (id.has_value()) ids.push_back(*id);
    }
    return ids;
  }

  absl::StatusOr<uint64_t> TotalQuads() override {
    PARLEY_RETURN_IF_ERROR(LoadStatistics());
    return total_quads_;
  }

  absl::StatusOr<std::optional<PredicateCounts>> CountsOfPredicate(TermId predicate) override {
    PARLEY_RETURN_IF_ERROR(LoadStatistics());
    if (auto it = counts_by_id_.find(predicate); it != counts_by_id_.end()) return it->second;
    std::optional<PredicateCounts> counts;
    absl::StatusOr<Term> term = view_->Decode(predicate);
    if (term.ok()) {
      if (auto it = counts_by_term_.find(*term); it != counts_by_term_.end()) counts = it->second;
    }
    counts_by_id_.emplace(predicate, counts);
    return counts;
  }

 private:
  absl::Status LoadStatistics() {
    if (statistics_loaded_) return absl::OkStatus();
    PARLEY_ASSIGN_OR_RETURN(Statistics statistics, view_->GetStatistics());
    total_quads_ = statistics.quads;
    for (const PredicateStatistics& p : statistics.predicates) {
      counts_by_term_.emplace(p.predicate,
                              PredicateCounts{p.quads, p.distinct_subjects, p.distinct_objects});
    }
    statistics_loaded_ = true;
    return absl::OkStatus();
  }

  std::shared_ptr<const ReadView> view_;
  bool statistics_loaded_ = false;
  uint64_t total_quads_ = 0;
  absl::flat_hash_map<Term, PredicateCounts> counts_by_term_;
  absl::flat_hash_map<TermId, std::optional<PredicateCounts>> counts_by_id_;
};

}  // namespace

std::unique_ptr<Source> MakeReadViewSource(std::shared_ptr<const ReadView> view) {
  return std::make_unique<ReadViewSource>(std::move(view));
}

}  // namespace parley::query
