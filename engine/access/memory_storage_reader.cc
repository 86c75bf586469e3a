#include "engine/access/memory_storage_reader.h"

#include <algorithm>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "engine/layout/term_id.h"
#include "engine/status_macros.h"
#include "engine/values/inline_value.h"

namespace parley::engine {
namespace {

class MemoryQuadCursor final : public QuadCursor {
 public:
  MemoryQuadCursor(const std::vector<IdQuad>* rows, const IdScan& scan, const ScanLimits& limits)
      : rows_(rows), scan_(scan), limits_(limits) {
    Seek(LowestRow(scan));
  }

  absl::StatusOr<size_t> NextBatch(std::span<IdQuad> out) override {
    if (absl::Status status = limits_.Check(); !status.ok()) return status;
    size_t filled = 0;
    for (; filled < out.size() && next_ < rows_->size(); ++next_) {
      if (scan_.Matches((*rows_)[next_])) out[filled++] = (*rows_)[next_];
    }
    return filled;
  }

  void Seek(const IdQuad& target) override {
    const std::array<TermId, 4> key = KeyIds(scan_.order, target);
    auto from = rows_->begin() + static_cast<std::ptrdiff_t>(next_);
    auto it = std::lower_bound(from, rows_->end(), key, [this](const IdQuad& row, const auto& k) {
      return KeyIds(scan_.order, row) < k;
    });
    next_ = static_cast<size_t>(it - rows_->begin());
  }

 private:
  const std::vector<IdQuad>* rows_;
  const IdScan scan_;
  const ScanLimits limits_;
  size_t next_ = 0;
};

}  // namespace

MemoryStorageReader::MemoryStorageReader(const std::vector<Quad>& quads) {
  std::vector<IdQuad> rows;
  rows.reserve(quads.size());
  for (const Quad& quad : quads) {
    rows.push_back(
        {Intern(quad.subject), Intern(quad.predicate), Intern(quad.object), Intern(quad.graph)});
  }
  for (Order order : kAllOrders) {
    std::vector<IdQuad>& sorted = sorted_[static_cast<size_t>(order)];
    sorted = rows;
    std::sort(sorted.begin(), sorted.end(), [order](const IdQuad& a, const IdQuad& b) {
      return KeyIds(order, a) < KeyIds(order, b);
    });
    sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  }
}

TermId MemoryStorageReader::Intern(const Term& term) {
  if (term.is_default_graph()) return kDefaultGraphId;
  if (term.is_literal()) {
    if (std::optional<TermId> id = TryEncodeInline(term.value(), term.datatype())) return *id;
  }
  auto [it, inserted] = ids_.try_emplace(term, terms_.size() + 1);
  if (inserted) terms_.push_back(term);
  return it->second;
}

absl::StatusOr<std::unique_ptr<QuadCursor>> MemoryStorageReader::Open(
    const IdScan& scan, const ScanLimits& limits) const {
  return std::make_unique<MemoryQuadCursor>(&sorted_[static_cast<size_t>(scan.order)], scan,
                                            limits);
}

absl::StatusOr<uint64_t> MemoryStorageReader::Estimate(const IdScan& scan) const {
  uint64_t count = 0;
  for (const IdQuad& row : sorted_[static_cast<size_t>(scan.order)]) count += scan.Matches(row);
  return count;
}

absl::Status MemoryStorageReader::DecodeMany(std::span<const TermId> ids,
                                             std::vector<Term>* terms) const {
  terms->assign(ids.size(), Term());
  for (size_t i = 0; i < ids.size(); ++i) {
    const TermId id = ids[i];
    if (id == kDefaultGraphId) continue;
    if (IsInline(id)) {
      PARLEY_ASSIGN_OR_RETURN((*terms)[i], DecodeInline(id));
    } else if (TagOf(id) == IdTag::kDictionary && id <= terms_.size()) {
      (*terms)[i] = terms_[id - 1];
    } else {
      return absl::NotFoundError(absl::StrCat("no term has id ", id));
    }
  }
  return absl::OkStatus();
}

absl::Status MemoryStorageReader::LookupMany(std::span<const Term> terms,
                                             std::vector<std::optional<TermId>>* ids) const {
  ids->assign(terms.size(), std::nullopt);
  for (size_t i = 0; i < terms.size(); ++i) {
    const Term& term = terms[i];
    if (term.is_default_graph()) {
      (*ids)[i] = kDefaultGraphId;
    } else if (std::optional<TermId> inline_id =
                   term.is_literal() ? TryEncodeInline(term.value(), term.datatype())
                                     : std::nullopt) {
      (*ids)[i] = inline_id;
    } else if (auto it = ids_.find(term); it != ids_.end()) {
      (*ids)[i] = it->second;
    }
  }
  return absl::OkStatus();
}

absl::Status MemoryStorageReader::ContainsMany(std::span<const IdQuad> quads,
                                               std::vector<bool>* found) const {
  const std::vector<IdQuad>& spog = sorted_[static_cast<size_t>(Order::kSpog)];
  found->assign(quads.size(), false);
  for (size_t i = 0; i < quads.size(); ++i) {
    (*found)[i] = std::binary_search(spog.begin(), spog.end(), quads[i],
                                     [](const IdQuad& a, const IdQuad& b) {
                                       return KeyIds(Order::kSpog, a) < KeyIds(Order::kSpog, b);
                                     });
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<TermId>> MemoryStorageReader::NamedGraphs() const {
  std::vector<TermId> graphs;
  for (const IdQuad& row : sorted_[static_cast<size_t>(Order::kGspo)]) {
    if (row.graph != kDefaultGraphId && (graphs.empty() || graphs.back() != row.graph)) {
      graphs.push_back(row.graph);
    }
  }
  return graphs;
}

absl::StatusOr<IdStatistics> MemoryStorageReader::GetStatistics() const {
  IdStatistics statistics;
  const std::vector<IdQuad>& posg = sorted_[static_cast<size_t>(Order::kPosg)];
  statistics.quads = posg.size();
  for (size_t begin = 0; begin < posg.size();) {
    size_t end = begin;
    absl::flat_hash_set<TermId> subjects, objects;
    for (; end < posg.size() && posg[end].predicate == posg[begin].predicate; ++end) {
      subjects.insert(posg[end].subject);
      objects.insert(posg[end].object);
    }
    PredicateEntry entry;
    entry.predicate = posg[begin].predicate;
    entry.counts.quads = end - begin;
    entry.counts.distinct_subjects = subjects.size();
    entry.counts.distinct_objects = objects.size();
    statistics.predicates.push_back(entry);
    begin = end;
  }
  return statistics;
}

}  // namespace parley::engine
