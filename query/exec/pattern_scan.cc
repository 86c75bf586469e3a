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
// matches a few quads, so the first batch after a seek is small; longer
// scans double it up to the largest, which amortizes the per-batch checks.
constexpr size_t kFirstBatchQuads = 16;
constexpr size_t kBatchQuads = 256;

TermId& IdAt(IdQuad& quad, engine::QuadPosition position) {
  switch (position) {
    case engine::QuadPosition::kSubject:
      return quad.subject;
    case engine::QuadPosition::kPredicate:
      return quad.predicate;
    case engine::QuadPosition::kObject:
      return quad.object;
    case engine::QuadPosition::kGraph:
      break;
  }
  return quad.graph;
}

TermId IdAt(const IdQuad& quad, engine::QuadPosition position) {
  return IdAt(const_cast<IdQuad&>(quad), position);
}

}  // namespace

std::optional<engine::Order> KeyedOrder(engine::QuadPosition key, bool subject_constant,
                                        bool predicate_constant, bool object_constant) {
  if (!predicate_constant) return std::nullopt;
  if (key == engine::QuadPosition::kSubject) {
    return object_constant ? engine::Order::kPosg : engine::Order::kPsog;
  }
  if (key == engine::QuadPosition::kObject) {
    return subject_constant ? engine::Order::kSpog : engine::Order::kPosg;
  }
  return std::nullopt;
}

absl::Status QuadReader::Open(TermId subject, TermId predicate, TermId object, TermId graph_value,
                              std::optional<engine::Order> order) {
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
  scan_ = engine::IdScan::ForPattern(pattern);
  if (order.has_value()) scan_.order = *order;
  return OpenCursor();
}

absl::Status QuadReader::OpenCursor() {
  PARLEY_ASSIGN_OR_RETURN(cursor_, context_->source()->Scan(scan_));
  cursor_done_ = false;
  next_ = filled_ = 0;
  has_last_ = false;
  batch_limit_ = kFirstBatchQuads;
  floor_ = 0;
  last_key_read_.reset();
  return absl::OkStatus();
}

absl::Status QuadReader::SkipTo(engine::QuadPosition position, TermId key) {
  if (cursor_ == nullptr) return absl::OkStatus();  // Open() found nothing to read
  key_position_ = position;
  // Copies of a triple (a merged default graph) are adjacent and share the
  // key: after any jump they are read afresh.
  has_last_ = false;
  if (filled_ > 0 && floor_ <= key && key <= IdAt(batch_[filled_ - 1], position)) {
    const IdQuad* begin = batch_.data();
    const IdQuad* at =
        std::lower_bound(begin, begin + filled_, key,
                         [&](const IdQuad& q, TermId k) { return IdAt(q, position) < k; });
    next_ = static_cast<size_t>(at - begin);
    return absl::OkStatus();
  }
  const bool ahead = !last_key_read_.has_value() || key > *last_key_read_;
  if (ahead && cursor_done_) {
    next_ = filled_;  // every row at or after `key` was already passed
    return absl::OkStatus();
  }
  // Cursors only seek forward: a smaller key reads the range again.
  if (!ahead) PARLEY_RETURN_IF_ERROR(OpenCursor());
  IdQuad target = engine::LowestRow(scan_);
  IdAt(target, position) = key;
  cursor_->Seek(target);
  next_ = filled_ = 0;
  floor_ = key;
  sought_ = true;
  batch_limit_ = kFirstBatchQuads;
  return absl::OkStatus();
}

absl::StatusOr<bool> QuadReader::Refill() {
  if (batch_.size() < kBatchQuads) batch_.resize(kBatchQuads);
  next_ = 0;
  filled_ = 0;
  if (cursor_done_) return false;
  PARLEY_ASSIGN_OR_RETURN(filled_,
                          cursor_->NextBatch(std::span<IdQuad>(batch_.data(), batch_limit_)));
  batch_limit_ = std::min(batch_limit_ * 2, kBatchQuads);
  if (key_position_.has_value()) {
    // Rows with a key above the last one read before this batch cannot be
    // in an earlier batch; after a seek, none at or above its key can.
    if (!sought_ && last_key_read_.has_value()) floor_ = *last_key_read_ + 1;
    sought_ = false;
    if (filled_ > 0) last_key_read_ = IdAt(batch_[filled_ - 1], *key_position_);
  }
  if (filled_ > 0) return true;
  cursor_done_ = true;
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
