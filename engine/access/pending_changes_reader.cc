#include "engine/access/pending_changes_reader.h"

#include <algorithm>
#include <map>
#include <utility>

#include "engine/layout/term_id.h"
#include "engine/status_macros.h"

namespace parley::engine {
namespace {

std::array<TermId, 4> Ids(const IdQuad& quad) {
  return {quad.subject, quad.predicate, quad.object, quad.graph};
}

void SortInOrder(Order order, std::vector<IdQuad>* rows) {
  std::sort(rows->begin(), rows->end(), [order](const IdQuad& a, const IdQuad& b) {
    return KeyIds(order, a) < KeyIds(order, b);
  });
}

// Rows of the base scan with the erased ones left out, merged with the
// inserted rows the scan matches, in the scan's key order.
class MergedCursor final : public QuadCursor {
 public:
  MergedCursor(std::unique_ptr<QuadCursor> base, const std::vector<IdQuad>* inserted,
               const absl::flat_hash_set<std::array<TermId, 4>>* erased, const IdScan& scan)
      : base_(std::move(base)), inserted_(inserted), erased_(erased), scan_(scan) {
    SkipInsertedBefore(LowestRow(scan));
  }

  absl::StatusOr<size_t> NextBatch(std::span<IdQuad> out) override {
    size_t filled = 0;
    while (filled < out.size()) {
      PARLEY_RETURN_IF_ERROR(FillBase());
      while (next_inserted_ < inserted_->size() && !scan_.Matches((*inserted_)[next_inserted_])) {
        ++next_inserted_;
      }
      const bool has_base = buffered_next_ < buffered_count_;
      const bool has_inserted = next_inserted_ < inserted_->size();
      if (!has_base && !has_inserted) break;
      if (has_base && has_inserted) {
        const IdQuad& stored = buffer_[buffered_next_];
        const IdQuad& inserted = (*inserted_)[next_inserted_];
        const auto stored_key = KeyIds(scan_.order, stored);
        const auto inserted_key = KeyIds(scan_.order, inserted);
        if (inserted_key < stored_key) {
          out[filled++] = inserted;
          ++next_inserted_;
          continue;
        }
        // Inserted quads are never stored ones, but keep one copy if so.
        if (inserted_key == stored_key) ++next_inserted_;
      } else if (has_inserted) {
        out[filled++] = (*inserted_)[next_inserted_++];
        continue;
      }
      const IdQuad& stored = buffer_[buffered_next_++];
      if (!erased_->contains(Ids(stored))) out[filled++] = stored;
    }
    return filled;
  }

  void Seek(const IdQuad& target) override {
    const auto key = KeyIds(scan_.order, target);
    while (buffered_next_ < buffered_count_ && KeyIds(scan_.order, buffer_[buffered_next_]) < key) {
      ++buffered_next_;
    }
    // Rows still buffered are at or after the target, and the base cursor
    // is past them: seeking it would move it backwards.
    if (buffered_next_ == buffered_count_ && !base_done_) base_->Seek(target);
    SkipInsertedBefore(target);
  }

 private:
  // Reads the next batch of base rows once the buffered ones are used.
  absl::Status FillBase() {
    if (buffered_next_ < buffered_count_ || base_done_) return absl::OkStatus();
    if (buffer_.empty()) buffer_.resize(256);
    buffered_next_ = 0;
    PARLEY_ASSIGN_OR_RETURN(buffered_count_, base_->NextBatch(buffer_));
    if (buffered_count_ == 0) base_done_ = true;
    return absl::OkStatus();
  }

  void SkipInsertedBefore(const IdQuad& target) {
    const auto key = KeyIds(scan_.order, target);
    auto from = inserted_->begin() + static_cast<std::ptrdiff_t>(next_inserted_);
    auto it = std::lower_bound(
        from, inserted_->end(), key,
        [this](const IdQuad& row, const auto& k) { return KeyIds(scan_.order, row) < k; });
    next_inserted_ = static_cast<size_t>(it - inserted_->begin());
  }

  std::unique_ptr<QuadCursor> base_;
  const std::vector<IdQuad>* inserted_;
  const absl::flat_hash_set<std::array<TermId, 4>>* erased_;
  const IdScan scan_;
  std::vector<IdQuad> buffer_;
  size_t buffered_next_ = 0;
  size_t buffered_count_ = 0;
  bool base_done_ = false;
  size_t next_inserted_ = 0;
};

}  // namespace

absl::StatusOr<std::unique_ptr<PendingChangesReader>> PendingChangesReader::Create(
    std::shared_ptr<const StorageReader> base, const PendingChanges& changes,
    const PendingGraphFates& graph_fates) {
  std::unique_ptr<PendingChangesReader> reader(new PendingChangesReader(std::move(base)));
  PARLEY_RETURN_IF_ERROR(reader->Build(changes, graph_fates));
  return reader;
}

TermId PendingChangesReader::ProvisionalId(const Term& term) {
  auto [it, inserted] = new_ids_.try_emplace(term, kMaxDictionaryId - new_terms_.size());
  if (inserted) new_terms_.push_back(term);
  return it->second;
}

absl::Status PendingChangesReader::Build(const PendingChanges& changes,
                                         const PendingGraphFates& graph_fates) {
  std::vector<Term> terms;
  absl::flat_hash_map<Term, size_t> index;
  for (const auto& [quad, insert] : changes) {
    for (const Term* term : {&quad.subject, &quad.predicate, &quad.object, &quad.graph}) {
      if (index.try_emplace(*term, terms.size()).second) terms.push_back(*term);
    }
  }
  for (const auto& [graph, fate] : graph_fates) {
    if (index.try_emplace(graph, terms.size()).second) terms.push_back(graph);
  }
  std::vector<std::optional<TermId>> ids;
  PARLEY_RETURN_IF_ERROR(base_->LookupMany(terms, &ids));

  std::vector<IdQuad> new_rows;      // inserts with a new term: surely not stored
  std::vector<IdQuad> maybe_stored;  // inserts of stored terms only
  std::vector<IdQuad> erase_rows;
  for (const auto& [quad, insert] : changes) {
    std::array<std::optional<TermId>, 4> quad_ids;
    bool all_known = true;
    int position = 0;
    for (const Term* term : {&quad.subject, &quad.predicate, &quad.object, &quad.graph}) {
      quad_ids[position] = ids[index.at(*term)];
      all_known = all_known && quad_ids[position].has_value();
      ++position;
    }
    if (!insert) {
      // Erasing a quad with a term the store never held: the quad is absent.
      if (all_known) erase_rows.push_back({*quad_ids[0], *quad_ids[1], *quad_ids[2], *quad_ids[3]});
      continue;
    }
    IdQuad row;
    TermId* cells[4] = {&row.subject, &row.predicate, &row.object, &row.graph};
    const Term* quad_terms[4] = {&quad.subject, &quad.predicate, &quad.object, &quad.graph};
    for (int i = 0; i < 4; ++i) {
      *cells[i] = quad_ids[i].has_value() ? *quad_ids[i] : ProvisionalId(*quad_terms[i]);
    }
    (all_known ? maybe_stored : new_rows).push_back(row);
  }

  SortInOrder(Order::kSpog, &maybe_stored);
  PARLEY_ASSIGN_OR_RETURN(std::vector<IdQuad> already, StoredOf(maybe_stored));
  absl::flat_hash_set<std::array<TermId, 4>> already_set;
  for (const IdQuad& row : already) already_set.insert(Ids(row));
  for (const IdQuad& row : maybe_stored) {
    if (!already_set.contains(Ids(row))) new_rows.push_back(row);
  }

  SortInOrder(Order::kSpog, &erase_rows);
  PARLEY_ASSIGN_OR_RETURN(std::vector<IdQuad> stored_erases, StoredOf(erase_rows));
  for (const IdQuad& row : stored_erases) erased_.insert(Ids(row));

  for (const auto& [graph, fate] : graph_fates) {
    const std::optional<TermId> id = ids[index.at(graph)];
    if (fate.exists == true) {
      created_.push_back(id.has_value() ? *id : ProvisionalId(graph));
    } else if (fate.exists == false && id.has_value()) {
      dropped_.insert(*id);
    }
    // A graph is cleared before the changes buffered after it (see
    // WriteTransaction::DropGraph): its stored quads go, except those
    // inserted again.
    if (fate.clear_stored && id.has_value()) {
      IdScan scan;
      scan.order = Order::kGspo;
      scan.range(QuadPosition::kGraph) = IdRange::Exactly(*id);
      PARLEY_ASSIGN_OR_RETURN(std::unique_ptr<QuadCursor> cursor, base_->Open(scan, ScanLimits()));
      std::vector<IdQuad> rows(256);
      while (true) {
        PARLEY_ASSIGN_OR_RETURN(size_t n, cursor->NextBatch(std::span<IdQuad>(rows)));
        if (n == 0) break;
        for (size_t i = 0; i < n; ++i) {
          if (!already_set.contains(Ids(rows[i]))) erased_.insert(Ids(rows[i]));
        }
      }
    }
  }

  for (Order order : kAllOrders) {
    std::vector<IdQuad>& rows = inserted_[static_cast<size_t>(order)];
    rows = new_rows;
    SortInOrder(order, &rows);
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<IdQuad>> PendingChangesReader::StoredOf(
    const std::vector<IdQuad>& rows) const {
  std::vector<bool> found;
  PARLEY_RETURN_IF_ERROR(base_->ContainsMany(rows, &found));
  std::vector<IdQuad> stored;
  for (size_t i = 0; i < rows.size(); ++i) {
    if (found[i]) stored.push_back(rows[i]);
  }
  return stored;
}

absl::StatusOr<std::unique_ptr<QuadCursor>> PendingChangesReader::Open(
    const IdScan& scan, const ScanLimits& limits) const {
  PARLEY_ASSIGN_OR_RETURN(std::unique_ptr<QuadCursor> base, base_->Open(scan, limits));
  return std::make_unique<MergedCursor>(
      std::move(base), &inserted_[static_cast<size_t>(scan.order)], &erased_, scan);
}

absl::StatusOr<uint64_t> PendingChangesReader::Estimate(const IdScan& scan) const {
  PARLEY_ASSIGN_OR_RETURN(uint64_t rows, base_->Estimate(scan));
  for (const IdQuad& row : inserted_[0]) rows += scan.Matches(row);
  return rows;
}

absl::Status PendingChangesReader::DecodeMany(std::span<const TermId> ids,
                                              std::vector<Term>* terms) const {
  const TermId lowest_new = kMaxDictionaryId - new_terms_.size();
  std::vector<TermId> stored;
  std::vector<size_t> slots;
  terms->assign(ids.size(), Term());
  for (size_t i = 0; i < ids.size(); ++i) {
    if (TagOf(ids[i]) == IdTag::kDictionary && ids[i] > lowest_new) {
      (*terms)[i] = new_terms_[kMaxDictionaryId - ids[i]];
    } else {
      stored.push_back(ids[i]);
      slots.push_back(i);
    }
  }
  if (stored.empty()) return absl::OkStatus();
  std::vector<Term> decoded;
  PARLEY_RETURN_IF_ERROR(base_->DecodeMany(stored, &decoded));
  for (size_t k = 0; k < slots.size(); ++k) (*terms)[slots[k]] = std::move(decoded[k]);
  return absl::OkStatus();
}

absl::Status PendingChangesReader::LookupMany(std::span<const Term> terms,
                                              std::vector<std::optional<TermId>>* ids) const {
  PARLEY_RETURN_IF_ERROR(base_->LookupMany(terms, ids));
  for (size_t i = 0; i < terms.size(); ++i) {
    if ((*ids)[i].has_value()) continue;
    if (auto it = new_ids_.find(terms[i]); it != new_ids_.end()) (*ids)[i] = it->second;
  }
  return absl::OkStatus();
}

absl::Status PendingChangesReader::ContainsMany(std::span<const IdQuad> quads,
                                                std::vector<bool>* found) const {
  PARLEY_RETURN_IF_ERROR(base_->ContainsMany(quads, found));
  const std::vector<IdQuad>& inserted = inserted_[static_cast<size_t>(Order::kSpog)];
  for (size_t i = 0; i < quads.size(); ++i) {
    if ((*found)[i]) {
      (*found)[i] = !erased_.contains(Ids(quads[i]));
    } else {
      (*found)[i] = std::binary_search(inserted.begin(), inserted.end(), quads[i],
                                       [](const IdQuad& a, const IdQuad& b) {
                                         return KeyIds(Order::kSpog, a) < KeyIds(Order::kSpog, b);
                                       });
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<TermId>> PendingChangesReader::NamedGraphs() const {
  PARLEY_ASSIGN_OR_RETURN(std::vector<TermId> graphs, base_->NamedGraphs());
  std::erase_if(graphs, [this](TermId graph) { return dropped_.contains(graph); });
  for (const IdQuad& row : inserted_[0]) {
    if (row.graph != kDefaultGraphId) graphs.push_back(row.graph);
  }
  graphs.insert(graphs.end(), created_.begin(), created_.end());
  std::sort(graphs.begin(), graphs.end());
  graphs.erase(std::unique(graphs.begin(), graphs.end()), graphs.end());
  return graphs;
}

absl::StatusOr<IdStatistics> PendingChangesReader::GetStatistics() const {
  PARLEY_ASSIGN_OR_RETURN(IdStatistics base, base_->GetStatistics());
  std::map<TermId, PredicateCounts> counts;
  for (const PredicateEntry& entry : base.predicates) counts[entry.predicate] = entry.counts;
  for (const IdQuad& row : inserted_[0]) {
    PredicateCounts& c = counts[row.predicate];
    ++c.quads;
    // A predicate new in the changes: its counts bound the distinct ones.
    c.distinct_subjects = std::max<uint64_t>(c.distinct_subjects, 1);
    c.distinct_objects = std::max<uint64_t>(c.distinct_objects, 1);
  }
  for (const auto& ids : erased_) --counts[ids[1]].quads;
  IdStatistics statistics;
  statistics.quads = base.quads + inserted_[0].size() - erased_.size();
  for (auto& [predicate, c] : counts) {
    if (c.quads == 0) continue;
    c.distinct_subjects = std::min(c.distinct_subjects, c.quads);
    c.distinct_objects = std::min(c.distinct_objects, c.quads);
    statistics.predicates.push_back({predicate, c});
  }
  return statistics;
}

}  // namespace parley::engine
