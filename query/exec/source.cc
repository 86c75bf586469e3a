#include "query/exec/source.h"

#include <utility>

#include "engine/access/id_scan.h"
#include "engine/status_macros.h"

namespace parley::query {

absl::StatusOr<std::unique_ptr<engine::QuadCursor>> Source::Scan(const IdPattern& pattern) const {
  return Scan(engine::IdScan::ForPattern(pattern));
}

absl::StatusOr<uint64_t> Source::Estimate(const IdPattern& pattern) {
  const std::array<TermId, 4> key{pattern.subject, pattern.predicate, pattern.object,
                                  pattern.graph};
  if (auto it = estimates_.find(key); it != estimates_.end()) return it->second;
  PARLEY_ASSIGN_OR_RETURN(uint64_t rows, reader_->Estimate(engine::IdScan::ForPattern(pattern)));
  estimates_.emplace(key, rows);
  return rows;
}

absl::StatusOr<std::optional<TermId>> Source::Lookup(const Term& term) const {
  // A term the store cannot hold (an IRI with a space, a bad language tag)
  // is in no quad.
  if (!term.Validate().ok()) return std::optional<TermId>();
  std::vector<std::optional<TermId>> ids;
  PARLEY_RETURN_IF_ERROR(reader_->LookupMany(std::span<const Term>(&term, 1), &ids));
  return ids[0];
}

absl::StatusOr<uint64_t> Source::TotalQuads() {
  PARLEY_RETURN_IF_ERROR(LoadStatistics());
  return total_quads_;
}

absl::StatusOr<std::optional<PredicateCounts>> Source::CountsOfPredicate(TermId predicate) {
  PARLEY_RETURN_IF_ERROR(LoadStatistics());
  if (auto it = counts_.find(predicate); it != counts_.end()) return it->second;
  return std::optional<PredicateCounts>();
}

absl::Status Source::LoadStatistics() {
  if (statistics_loaded_) return absl::OkStatus();
  PARLEY_ASSIGN_OR_RETURN(engine::IdStatistics statistics, reader_->GetStatistics());
  total_quads_ = statistics.quads;
  counts_.reserve(statistics.predicates.size());
  for (const engine::PredicateEntry& entry : statistics.predicates) {
    counts_.emplace(entry.predicate, entry.counts);
  }
  statistics_loaded_ = true;
  return absl::OkStatus();
}

}  // namespace parley::query
