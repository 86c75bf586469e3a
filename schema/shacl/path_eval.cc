#include "schema/shacl/path_eval.h"

#include <algorithm>
#include <iterator>

#include "engine/status_macros.h"

namespace parley::shacl {
namespace {

// a := a ∪ b.
void Union(NodeSet* a, const NodeSet& b) {
  NodeSet merged;
  merged.reserve(a->size() + b.size());
  std::set_union(a->begin(), a->end(), b.begin(), b.end(), std::back_inserter(merged));
  *a = std::move(merged);
}

}  // namespace

void CollectPredicates(const Path& path, std::vector<Term>* out) {
  if (path.kind == Path::Kind::kPredicate) out->push_back(path.predicate);
  for (const Path& step : path.steps) CollectPredicates(step, out);
}

absl::StatusOr<bool> PathEvaluator::ForwardStep(const Path& path, TermId focus, NodeSet* out) {
  bool inverse = false;
  const Path* step = &path;
  if (step->kind == Path::Kind::kInverse) {
    inverse = true;
    step = &step->steps[0];
  }
  if (step->kind != Path::Kind::kPredicate) return false;
  std::optional<TermId> predicate = ids_.Id(step->predicate);
  out->clear();
  if (!predicate) return true;
  std::unique_ptr<ForwardValues>& values = forward_[{*predicate, inverse}];
  if (values == nullptr) values = std::make_unique<ForwardValues>(data_, *predicate, inverse);
  PARLEY_RETURN_IF_ERROR(values->Values(focus, out));
  return true;
}

absl::Status PathEvaluator::EvaluateFromFocus(const Path& path, TermId focus, NodeSet* out) {
  if (path.kind == Path::Kind::kSequence) {
    NodeSet first;
    PARLEY_ASSIGN_OR_RETURN(bool forward, ForwardStep(path.steps[0], focus, &first));
    if (!forward) return Evaluate(path, {focus}, out);
    for (size_t i = 1; i < path.steps.size() && !first.empty(); ++i) {
      PARLEY_RETURN_IF_ERROR(Step(path.steps[i], /*inverse=*/false, first, out));
      first.swap(*out);
    }
    out->swap(first);
    return absl::OkStatus();
  }
  PARLEY_ASSIGN_OR_RETURN(bool forward, ForwardStep(path, focus, out));
  if (!forward) return Evaluate(path, {focus}, out);
  return absl::OkStatus();
}

absl::Status PathEvaluator::Step(const Path& path, bool inverse, const NodeSet& from,
                                 NodeSet* out) const {
  out->clear();
  switch (path.kind) {
    case Path::Kind::kPredicate: {
      std::optional<TermId> predicate = ids_.Id(path.predicate);
      if (!predicate) return absl::OkStatus();
      NodeSet reached;
      for (TermId node : from) {
        PARLEY_RETURN_IF_ERROR(inverse ? data_.Subjects(*predicate, node, &reached)
                                       : data_.Objects(node, *predicate, &reached));
        Union(out, reached);
      }
      return absl::OkStatus();
    }
    case Path::Kind::kInverse:
      return Step(path.steps[0], !inverse, from, out);
    case Path::Kind::kSequence: {
      // The inverse of p1/p2 is ^p2/^p1.
      NodeSet current = from;
      for (size_t i = 0; i < path.steps.size(); ++i) {
        const Path& step = path.steps[inverse ? path.steps.size() - 1 - i : i];
        PARLEY_RETURN_IF_ERROR(Step(step, inverse, current, out));
        current.swap(*out);
        if (current.empty()) break;
      }
      out->swap(current);
      return absl::OkStatus();
    }
    case Path::Kind::kAlternative: {
      NodeSet reached;
      for (const Path& step : path.steps) {
        PARLEY_RETURN_IF_ERROR(Step(step, inverse, from, &reached));
        Union(out, reached);
      }
      return absl::OkStatus();
    }
    case Path::Kind::kZeroOrMore:
      return Closure(path.steps[0], inverse, from, out);
    case Path::Kind::kOneOrMore: {
      NodeSet first;
      PARLEY_RETURN_IF_ERROR(Step(path.steps[0], inverse, from, &first));
      return Closure(path.steps[0], inverse, first, out);
    }
    case Path::Kind::kZeroOrOne:
      PARLEY_RETURN_IF_ERROR(Step(path.steps[0], inverse, from, out));
      Union(out, from);
      return absl::OkStatus();
  }
  return absl::OkStatus();
}

absl::Status PathEvaluator::Closure(const Path& path, bool inverse, const NodeSet& from,
                                    NodeSet* out) const {
  *out = from;
  NodeSet frontier = from;
  NodeSet reached;
  while (!frontier.empty()) {
    PARLEY_RETURN_IF_ERROR(Step(path, inverse, frontier, &reached));
    frontier.clear();
    std::set_difference(reached.begin(), reached.end(), out->begin(), out->end(),
                        std::back_inserter(frontier));
    Union(out, frontier);
  }
  return absl::OkStatus();
}

}  // namespace parley::shacl
