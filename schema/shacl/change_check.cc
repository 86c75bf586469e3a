#include "schema/shacl/change_check.h"

#include <algorithm>
#include <set>
#include <string>
#include <tuple>
#include <utility>

#include "engine/status_macros.h"
#include "schema/shacl/data_graph.h"
#include "schema/shacl/path_eval.h"
#include "schema/shacl/validator.h"
#include "schema/shacl/vocabulary.h"

namespace parley::shacl {
namespace {

// ^P with the inverse pushed down to the predicates, so that prefixes of
// the result are prefixes of the walk it describes.
Path Invert(const Path& path) {
  Path inverted = path;
  switch (path.kind) {
    case Path::Kind::kPredicate:
      inverted.kind = Path::Kind::kInverse;
      inverted.steps = {path};
      return inverted;
    case Path::Kind::kInverse:
      return path.steps[0];
    case Path::Kind::kSequence:
      inverted.steps.clear();
      for (auto step = path.steps.rbegin(); step != path.steps.rend(); ++step) {
        inverted.steps.push_back(Invert(*step));
      }
      return inverted;
    default:
      for (Path& step : inverted.steps) step = Invert(step);
      return inverted;
  }
}

Path Sequence(std::vector<Path> steps) {
  if (steps.size() == 1) return std::move(steps[0]);
  Path sequence;
  sequence.kind = Path::Kind::kSequence;
  sequence.steps = std::move(steps);
  return sequence;
}

// The proper, non-empty prefixes of the walks `path` describes, as paths:
// from a focus node, a prefix leads to the node where a changed quad may
// sit on one of its paths.
void Prefixes(const Path& path, std::vector<Path>* out) {
  switch (path.kind) {
    case Path::Kind::kPredicate:
      return;
    case Path::Kind::kInverse:
      if (path.steps[0].kind == Path::Kind::kPredicate) return;
      return Prefixes(Invert(path.steps[0]), out);
    case Path::Kind::kSequence:
      for (size_t k = 0; k < path.steps.size(); ++k) {
        std::vector<Path> head(path.steps.begin(), path.steps.begin() + k);
        if (!head.empty()) out->push_back(Sequence(head));
        std::vector<Path> inner;
        Prefixes(path.steps[k], &inner);
        for (Path& prefix : inner) {
          std::vector<Path> steps = head;
          steps.push_back(std::move(prefix));
          out->push_back(Sequence(std::move(steps)));
        }
      }
      return;
    case Path::Kind::kAlternative:
    case Path::Kind::kZeroOrOne:
      for (const Path& step : path.steps) Prefixes(step, out);
      return;
    case Path::Kind::kZeroOrMore:
    case Path::Kind::kOneOrMore: {
      Path star = path;
      star.kind = Path::Kind::kZeroOrMore;
      out->push_back(star);
      std::vector<Path> inner;
      Prefixes(path.steps[0], &inner);
      for (Path& prefix : inner) out->push_back(Sequence({star, std::move(prefix)}));
      return;
    }
  }
}

bool HasClassConstraint(const Shape& shape) {
  return std::any_of(shape.constraints.begin(), shape.constraints.end(),
                     [](const Constraint& c) { return c.kind == Constraint::Kind::kClass; });
}

// The nodes that reach `from` (terms) by one of `paths`, read in `reader`.
absl::Status Reaching(const engine::StorageReader& reader, const std::vector<Path>& paths,
                      const std::vector<Term>& from, std::set<Term>* out) {
  if (paths.empty() || from.empty()) return absl::OkStatus();
  engine::ScanLimits limits;
  DataGraph data(reader, std::nullopt, /*empty=*/false, limits);
  TermIds ids;
  std::vector<Term> terms = from;
  for (const Path& path : paths) CollectPredicates(path, &terms);
  PARLEY_RETURN_IF_ERROR(ids.Resolve(data, terms));
  NodeSet start;
  for (const Term& term : from) {
    if (std::optional<TermId> id = ids.Id(term)) start.push_back(*id);
  }
  std::sort(start.begin(), start.end());
  PathEvaluator evaluator(data, ids);
  NodeSet reached;
  std::vector<Term> decoded;
  for (const Path& path : paths) {
    PARLEY_RETURN_IF_ERROR(evaluator.Evaluate(Invert(path), start, &reached));
    PARLEY_RETURN_IF_ERROR(data.Decode(reached, &decoded));
    out->insert(decoded.begin(), decoded.end());
  }
  return absl::OkStatus();
}

using ResultKey = std::tuple<Term, Term, std::string, std::optional<Term>, Term>;

ResultKey KeyOf(const ValidationResult& result) {
  return {result.focus_node, result.source_shape, result.path_text, result.value,
          result.constraint_component};
}

}  // namespace

absl::StatusOr<ValidationReport> ValidateChange(const engine::StorageReader& before,
                                                const engine::StorageReader& after,
                                                const ShapesGraph& shapes,
                                                const engine::PendingChanges& changes,
                                                const engine::PendingGraphFates& graph_fates,
                                                const ValidationOptions& options) {
  std::vector<Term> endpoints;
  std::vector<Term> typed;
  // Clearing a graph changes quads the change list does not name.
  bool reaches_anything = std::any_of(graph_fates.begin(), graph_fates.end(),
                                      [](const auto& fate) { return fate.second.clear_stored; });
  for (const auto& [quad, inserted] : changes) {
    endpoints.push_back(quad.subject);
    endpoints.push_back(quad.object);
    if (quad.predicate.value() == kRdfType) typed.push_back(quad.subject);
    if (quad.predicate.value() == kRdfsSubClassOf) reaches_anything = true;
  }
  if (reaches_anything) return Validate(after, shapes, options);

  std::vector<Path> prefixes;  // from nodes the change may touch back to focus nodes
  std::vector<Path> class_paths;
  for (const Shape& shape : shapes.shapes) {
    if (!shape.path) continue;
    Prefixes(*shape.path, &prefixes);
    if (HasClassConstraint(shape)) class_paths.push_back(*shape.path);
  }
  std::set<Term> candidates(endpoints.begin(), endpoints.end());
  for (const engine::StorageReader* state : {&before, &after}) {
    PARLEY_RETURN_IF_ERROR(Reaching(*state, prefixes, endpoints, &candidates));
    PARLEY_RETURN_IF_ERROR(Reaching(*state, class_paths, typed, &candidates));
  }
  std::vector<Term> focus(candidates.begin(), candidates.end());
  std::erase_if(focus, [](const Term& term) { return term.is_default_graph(); });

  ValidationOptions all = options;
  all.max_results = UINT64_MAX;  // bounded by the candidates
  PARLEY_ASSIGN_OR_RETURN(ValidationReport old_report, Validate(before, shapes, all, &focus));
  PARLEY_ASSIGN_OR_RETURN(ValidationReport new_report, Validate(after, shapes, all, &focus));
  std::set<ResultKey> existing;
  for (const ValidationResult& result : old_report.results) existing.insert(KeyOf(result));
  ValidationReport added;
  added.focus_nodes = new_report.focus_nodes;
  added.path_triples = std::move(new_report.path_triples);
  for (ValidationResult& result : new_report.results) {
    if (existing.contains(KeyOf(result))) continue;
    ++added.result_count;
    if (result.severity == ValidationSeverity::kViolation) added.conforms = false;
    if (added.results.size() < options.max_results) added.results.push_back(std::move(result));
  }
  return added;
}

}  // namespace parley::shacl
