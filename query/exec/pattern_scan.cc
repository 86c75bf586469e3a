#include "query/exec/pattern_scan.h"

#include <algorithm>
#include <variant>

#include "engine/status_macros.h"

namespace parley::query {

absl::StatusOr<PatternPosition> CompilePosition(ExecContext& context,
                                                const TermOrVariable& position,
                                                bool* never_matches) {
  PatternPosition out;
  if (const Variable* v = std::get_if<Variable>(&position)) {
    out.is_variable = true;
    out.slot = context.slots().SlotOf(*v);
    return out;
  }
  PARLEY_ASSIGN_OR_RETURN(std::optional<TermId> id,
                          context.terms().LookupStored(std::get<Term>(position)));
  if (id.has_value()) {
    out.constant = *id;
  } else {
    *never_matches = true;
    out.constant = kAnyId;
  }
  return out;
}

absl::StatusOr<CompiledPattern> CompilePattern(ExecContext& context, const TriplePattern& pattern) {
  CompiledPattern out;
  PARLEY_ASSIGN_OR_RETURN(out.subject,
                          CompilePosition(context, pattern.subject, &out.never_matches));
  PARLEY_ASSIGN_OR_RETURN(out.predicate,
                          CompilePosition(context, pattern.predicate, &out.never_matches));
  PARLEY_ASSIGN_OR_RETURN(out.object, CompilePosition(context, pattern.object, &out.never_matches));
  return out;
}

namespace {

// Quads read from a cursor at a time. An index-nested-loop probe usually
// matches a few quads, so a small batch costs little; full scans still
// amortize the per-batch checks.
constexpr size_t kBatchQuads = 256;

}  // namespace

absl::Status QuadReader::Open(TermId subject, TermId predicate, TermId object, TermId graph_value) {
  cursor_.reset();
  next_ = filled_ = 0;
  has_last_ = false;
  dedupe_triples_ = false;
  filter_ = GraphFilter::kNone;
  // A query-local id names a term no quad holds.
  if (IsLocalId(subject) || IsLocalId(predicate) || IsLocalId(object)) return absl::OkStatus();

  const Dataset& dataset = context_->dataset();
  IdPattern pattern{subject, predicate, object, kAnyId};
  TermId named = kAnyId;
  switch (graph_.kind) {
    case GraphScope::Kind::kDefault:
      switch (dataset.default_graph) {
        case Dataset::DefaultGraph::kStored:
          pattern.graph = kDefaultGraphId;
          break;
        case Dataset::DefaultGraph::kUnion:
          dedupe_triples_ = true;
          break;
        case Dataset::DefaultGraph::kFrom:
          if (dataset.from.empty()) return absl::OkStatus();
          if (dataset.from.size() == 1) {
            pattern.graph = dataset.from[0];
          } else {
            filter_ = GraphFilter::kFromSet;
            dedupe_triples_ = true;
          }
          break;
      }
      break;
    case GraphScope::Kind::kNamed:
      named = graph_.graph;
      break;
    case GraphScope::Kind::kVariable:
      if (graph_value != kAnyId) {
        named = graph_value;
      } else {
        filter_ = GraphFilter::kNamedOnly;
      }
      break;
  }
  if (named != kAnyId) {
    if (IsLocalId(named) || !dataset.IsNamedGraph(named)) return absl::OkStatus();
    pattern.graph = named;
  }
  PARLEY_ASSIGN_OR_RETURN(cursor_, context_->source()->Scan(pattern));
  return absl::OkStatus();
}

absl::StatusOr<bool> QuadReader::Refill() {
  if (batch_.empty()) batch_.resize(kBatchQuads);
  next_ = 0;
  PARLEY_ASSIGN_OR_RETURN(filled_, cursor_->NextBatch(batch_));
  if (filled_ > 0) return true;
  cursor_.reset();
  return false;
}

absl::StatusOr<bool> QuadReader::Next(IdQuad* quad) {
  const Dataset& dataset = context_->dataset();
  while (cursor_ != nullptr) {
    if (next_ == filled_) {
      PARLEY_ASSIGN_OR_RETURN(bool more, Refill());
      if (!more) return false;
    }
    const IdQuad& q = batch_[next_++];
    if (filter_ == GraphFilter::kNamedOnly && !dataset.IsNamedGraph(q.graph)) continue;
    if (filter_ == GraphFilter::kFromSet &&
        std::find(dataset.from.begin(), dataset.from.end(), q.graph) == dataset.from.end()) {
      continue;
    }
    if (dedupe_triples_) {
      if (has_last_ && last_.subject == q.subject && last_.predicate == q.predicate &&
          last_.object == q.object) {
        continue;
      }
      has_last_ = true;
      last_ = q;
    }
    *quad = q;
    return true;
  }
  return false;
}

}  // namespace parley::query
