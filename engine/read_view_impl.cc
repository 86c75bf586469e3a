#include "engine/read_view_impl.h"

#include <string>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "engine/graph_set.h"
#include "engine/kv/keyspaces.h"
#include "engine/layout/key_layout.h"
#include "engine/quad_scan.h"
#include "engine/statistics.h"
#include "engine/status_macros.h"

namespace parley::engine {
namespace {

// Decodes the ids of an IdQuadIterator. Holds its own Dictionary and the
// snapshot, so it may outlive the view that made it.
class DecodingIterator final : public QuadIterator {
 public:
  DecodingIterator(std::unique_ptr<IdQuadIterator> ids, Dictionary dictionary,
                   std::shared_ptr<const KvSnapshot> snapshot)
      : ids_(std::move(ids)), dictionary_(dictionary), snapshot_(std::move(snapshot)) {
    Settle();
  }

  bool Valid() const override { return valid_; }
  void Next() override {
    ids_->Next();
    Settle();
  }
  const Quad& quad() const override { return quad_; }
  absl::Status status() const override { return status_; }

 private:
  void Settle() {
    valid_ = false;
    if (!ids_->Valid()) {
      status_ = ids_->status();
      return;
    }
    const IdQuad& q = ids_->quad();
    status_ = DecodeQuad(q);
    valid_ = status_.ok();
  }

  absl::Status DecodeQuad(const IdQuad& q) {
    PARLEY_RETURN_IF_ERROR(DecodeInto(q.subject, &quad_.subject));
    PARLEY_RETURN_IF_ERROR(DecodeInto(q.predicate, &quad_.predicate));
    PARLEY_RETURN_IF_ERROR(DecodeInto(q.object, &quad_.object));
    return DecodeInto(q.graph, &quad_.graph);
  }

  // Scans repeat terms (a subject's quads are adjacent, predicates are few),
  // so recently decoded terms are kept; the bound keeps memory flat.
  absl::Status DecodeInto(TermId id, Term* out) {
    auto it = cache_.find(id);
    if (it != cache_.end()) {
      *out = it->second;
      return absl::OkStatus();
    }
    absl::StatusOr<Term> term = dictionary_.DecodeStored(id, snapshot_.get());
    if (!term.ok()) {
      if (absl::IsNotFound(term.status())) {
        return absl::DataLossError(
            absl::StrCat("an index refers to id ", id, ", which the dictionary lacks"));
      }
      return term.status();
    }
    if (cache_.size() >= kCacheLimit) cache_.clear();
    *out = *term;
    cache_.emplace(id, *std::move(term));
    return absl::OkStatus();
  }

  static constexpr size_t kCacheLimit = 1 << 16;
  std::unique_ptr<IdQuadIterator> ids_;
  Dictionary dictionary_;
  std::shared_ptr<const KvSnapshot> snapshot_;
  absl::flat_hash_map<TermId, Term> cache_;
  Quad quad_;
  bool valid_ = false;
  absl::Status status_;
};

class EmptyQuadIterator final : public QuadIterator {
 public:
  bool Valid() const override { return false; }
  void Next() override {}
  const Quad& quad() const override { return quad_; }
  absl::Status status() const override { return absl::OkStatus(); }

 private:
  Quad quad_;
};

}  // namespace

absl::StatusOr<std::optional<IdPattern>> StoreReadView::ToIdPattern(
    const QuadPattern& pattern) const {
  IdPattern ids;
  const std::pair<const std::optional<Term>*, TermId*> positions[] = {
      {&pattern.subject, &ids.subject},
      {&pattern.predicate, &ids.predicate},
      {&pattern.object, &ids.object},
      {&pattern.graph, &ids.graph},
  };
  for (const auto& [term, id] : positions) {
    if (!term->has_value()) continue;
    if (!(*term)->is_default_graph()) PARLEY_RETURN_IF_ERROR((*term)->Validate());
  }
  for (const auto& [term, id] : positions) {
    if (!term->has_value()) continue;
    PARLEY_ASSIGN_OR_RETURN(std::optional<TermId> found,
                            dictionary_.Lookup(**term, snapshot_.get()));
    if (!found.has_value()) return std::optional<IdPattern>();
    *id = *found;
  }
  return std::optional<IdPattern>(ids);
}

absl::StatusOr<std::unique_ptr<QuadIterator>> StoreReadView::Scan(
    const QuadPattern& pattern) const {
  PARLEY_ASSIGN_OR_RETURN(std::optional<IdPattern> ids, ToIdPattern(pattern));
  if (!ids.has_value()) return std::unique_ptr<QuadIterator>(new EmptyQuadIterator());
  return std::unique_ptr<QuadIterator>(
      new DecodingIterator(ScanQuads(*kv_, snapshot_, *ids), dictionary_, snapshot_));
}

absl::StatusOr<std::unique_ptr<IdQuadIterator>> StoreReadView::ScanIds(
    const IdPattern& pattern) const {
  return ScanQuads(*kv_, snapshot_, pattern);
}

absl::StatusOr<bool> StoreReadView::Contains(const Quad& quad) const {
  PARLEY_ASSIGN_OR_RETURN(std::optional<IdPattern> ids, ToIdPattern({.subject = quad.subject,
                                                                     .predicate = quad.predicate,
                                                                     .object = quad.object,
                                                                     .graph = quad.graph}));
  if (!ids.has_value()) return false;
  const IdQuad key{ids->subject, ids->predicate, ids->object, ids->graph};
  PARLEY_ASSIGN_OR_RETURN(
      std::optional<std::string> value,
      kv_->Get(KeyspaceOf(Order::kSpog), EncodeQuadKey(Order::kSpog, key), snapshot_.get()));
  return value.has_value();
}

absl::StatusOr<uint64_t> StoreReadView::Count(const QuadPattern& pattern) const {
  PARLEY_ASSIGN_OR_RETURN(std::optional<IdPattern> ids, ToIdPattern(pattern));
  if (!ids.has_value()) return uint64_t{0};
  // The exact statistics answer the two most common counts without a scan.
  if (ids->subject == kAnyId && ids->object == kAnyId && ids->graph == kAnyId) {
    if (ids->predicate == kAnyId) return ReadQuadCount(*kv_, snapshot_.get());
    PARLEY_ASSIGN_OR_RETURN(std::optional<PredicateCounts> counts,
                            ReadPredicateCounts(*kv_, snapshot_.get(), ids->predicate));
    return counts.has_value() ? counts->quads : 0;
  }
  std::unique_ptr<IdQuadIterator> it = ScanQuads(*kv_, snapshot_, *ids);
  uint64_t n = 0;
  for (; it->Valid(); it->Next()) ++n;
  PARLEY_RETURN_IF_ERROR(it->status());
  return n;
}

absl::StatusOr<std::vector<Term>> StoreReadView::Graphs() const {
  PARLEY_ASSIGN_OR_RETURN(std::vector<GraphEntry> entries, ReadGraphs(*kv_, snapshot_));
  std::vector<Term> graphs;
  graphs.reserve(entries.size());
  for (const GraphEntry& entry : entries) {
    PARLEY_ASSIGN_OR_RETURN(Term term, dictionary_.DecodeStored(entry.graph, snapshot_.get()));
    graphs.push_back(std::move(term));
  }
  return graphs;
}

absl::StatusOr<Statistics> StoreReadView::GetStatistics() const {
  PARLEY_ASSIGN_OR_RETURN(IdStatistics ids, ReadStatistics(*kv_, snapshot_));
  Statistics statistics;
  statistics.quads = ids.quads;
  PARLEY_ASSIGN_OR_RETURN(statistics.dictionary_terms,
                          ReadDictionaryTermCount(*kv_, snapshot_.get()));
  statistics.predicates.reserve(ids.predicates.size());
  for (const PredicateEntry& entry : ids.predicates) {
    PredicateStatistics p;
    PARLEY_ASSIGN_OR_RETURN(p.predicate,
                            dictionary_.DecodeStored(entry.predicate, snapshot_.get()));
    p.quads = entry.counts.quads;
    p.distinct_subjects = entry.counts.distinct_subjects;
    p.distinct_objects = entry.counts.distinct_objects;
    statistics.predicates.push_back(std::move(p));
  }
  return statistics;
}

absl::StatusOr<TermId> StoreReadView::Lookup(const Term& term) const {
  if (!term.is_default_graph()) PARLEY_RETURN_IF_ERROR(term.Validate());
  PARLEY_ASSIGN_OR_RETURN(std::optional<TermId> id, dictionary_.Lookup(term, snapshot_.get()));
  if (!id.has_value()) {
    return absl::NotFoundError(absl::StrCat("the database holds no term ", term.ToNTriples()));
  }
  return *id;
}

absl::StatusOr<Term> StoreReadView::Decode(TermId id) const {
  return dictionary_.Decode(id, snapshot_);
}

}  // namespace parley::engine
