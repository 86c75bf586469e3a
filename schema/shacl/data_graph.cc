#include "schema/shacl/data_graph.h"

#include <algorithm>
#include <utility>

#include "engine/status_macros.h"

namespace parley::shacl {

using engine::IdRange;
using engine::IdScan;
using engine::QuadPosition;

namespace {

TermId At(const IdQuad& quad, QuadPosition position) {
  switch (position) {
    case QuadPosition::kSubject:
      return quad.subject;
    case QuadPosition::kPredicate:
      return quad.predicate;
    case QuadPosition::kObject:
      return quad.object;
    case QuadPosition::kGraph:
      break;
  }
  return quad.graph;
}

}  // namespace

absl::Status DataGraph::Collect(IdScan scan, QuadPosition position,
                                std::vector<TermId>* out) const {
  out->clear();
  if (empty_) return absl::OkStatus();
  if (graph_) scan.range(QuadPosition::kGraph) = IdRange::Exactly(*graph_);
  PARLEY_ASSIGN_OR_RETURN(std::unique_ptr<engine::QuadCursor> cursor, reader_.Open(scan, limits_));
  IdQuad rows[256];
  while (true) {
    PARLEY_ASSIGN_OR_RETURN(size_t count, cursor->NextBatch(rows));
    if (count == 0) break;
    for (size_t i = 0; i < count; ++i) out->push_back(At(rows[i], position));
  }
  // Rows of one (s, p) come sorted by object, with one row per graph; the
  // sort is for orders that do not give that.
  if (!std::is_sorted(out->begin(), out->end())) std::sort(out->begin(), out->end());
  out->erase(std::unique(out->begin(), out->end()), out->end());
  return absl::OkStatus();
}

absl::Status DataGraph::Objects(TermId subject, TermId predicate, std::vector<TermId>* out) const {
  IdScan scan;
  scan.order = engine::Order::kSpog;
  scan.range(QuadPosition::kSubject) = IdRange::Exactly(subject);
  scan.range(QuadPosition::kPredicate) = IdRange::Exactly(predicate);
  return Collect(scan, QuadPosition::kObject, out);
}

absl::Status DataGraph::Subjects(TermId predicate, TermId object, std::vector<TermId>* out) const {
  IdScan scan;
  scan.order = engine::Order::kPosg;
  scan.range(QuadPosition::kPredicate) = IdRange::Exactly(predicate);
  scan.range(QuadPosition::kObject) = IdRange::Exactly(object);
  return Collect(scan, QuadPosition::kSubject, out);
}

absl::StatusOr<std::unique_ptr<engine::QuadCursor>> DataGraph::OpenPredicateScan(
    engine::Order order, TermId predicate, std::optional<TermId> object) const {
  if (empty_) return nullptr;
  IdScan scan;
  scan.order = order;
  scan.range(QuadPosition::kPredicate) = IdRange::Exactly(predicate);
  if (object) scan.range(QuadPosition::kObject) = IdRange::Exactly(*object);
  if (graph_) scan.range(QuadPosition::kGraph) = IdRange::Exactly(*graph_);
  return reader_.Open(scan, limits_);
}

absl::StatusOr<std::vector<std::optional<TermId>>> DataGraph::Lookup(
    std::span<const Term> terms) const {
  std::vector<std::optional<TermId>> ids;
  PARLEY_RETURN_IF_ERROR(reader_.LookupMany(terms, &ids));
  return ids;
}

absl::StatusOr<bool> ForwardValues::Refill() {
  PARLEY_ASSIGN_OR_RETURN(size_, cursor_->NextBatch(std::span<IdQuad>(rows_)));
  position_ = 0;
  if (size_ == 0) exhausted_ = true;
  return size_ > 0;
}

absl::Status ForwardValues::Values(TermId focus, std::vector<TermId>* out) {
  if (last_focus_ == focus) {
    *out = last_values_;
    return absl::OkStatus();
  }
  out->clear();
  last_focus_ = focus;
  if (cursor_ == nullptr && !exhausted_) {
    // PSOG reads (p, ?s, ?o) by subject, POSG (p, ?o, ?s) by object.
    PARLEY_ASSIGN_OR_RETURN(
        cursor_, data_.OpenPredicateScan(inverse_ ? engine::Order::kPosg : engine::Order::kPsog,
                                         predicate_, std::nullopt));
    if (cursor_ == nullptr) exhausted_ = true;
  }
  // Skip buffered rows below the focus; seek when the buffer runs out
  // before reaching it.
  while (!exhausted_) {
    while (position_ < size_ && FocusOf(rows_[position_]) < focus) ++position_;
    if (position_ < size_) break;
    IdQuad target;
    target.predicate = predicate_;
    (inverse_ ? target.object : target.subject) = focus;
    cursor_->Seek(target);
    PARLEY_ASSIGN_OR_RETURN(bool more, Refill());
    if (!more) break;
  }
  while (!exhausted_) {
    while (position_ < size_ && FocusOf(rows_[position_]) == focus) {
      out->push_back(ValueOf(rows_[position_++]));
    }
    if (position_ < size_) break;
    PARLEY_ASSIGN_OR_RETURN(bool more, Refill());
    if (!more) break;
  }
  // One row per graph: the same value may come more than once.
  out->erase(std::unique(out->begin(), out->end()), out->end());
  last_values_ = *out;
  return absl::OkStatus();
}

absl::Status TermIds::Resolve(const DataGraph& data, const std::vector<Term>& terms) {
  std::vector<Term> missing;
  for (const Term& term : terms) {
    if (!ids_.contains(term)) missing.push_back(term);
  }
  std::sort(missing.begin(), missing.end());
  missing.erase(std::unique(missing.begin(), missing.end()), missing.end());
  if (missing.empty()) return absl::OkStatus();
  PARLEY_ASSIGN_OR_RETURN(std::vector<std::optional<TermId>> ids, data.Lookup(missing));
  for (size_t i = 0; i < missing.size(); ++i) ids_[missing[i]] = ids[i];
  return absl::OkStatus();
}

std::optional<TermId> TermIds::Id(const Term& term) const {
  auto it = ids_.find(term);
  return it == ids_.end() ? std::nullopt : it->second;
}

std::optional<IdQuad> RowStream::Next() {
  if (position_ == size_) {
    if (cursor_ == nullptr) return std::nullopt;
    absl::StatusOr<size_t> count = cursor_->NextBatch(std::span<IdQuad>(rows_));
    if (!count.ok()) status_ = count.status();
    if (!count.ok() || *count == 0) {
      cursor_.reset();
      return std::nullopt;
    }
    size_ = *count;
    position_ = 0;
  }
  return rows_[position_++];
}

}  // namespace parley::shacl
