#include "query/exec/bgp_planner.h"

#include <algorithm>
#include <limits>

#include "engine/status_macros.h"

namespace parley::query {
namespace {

// Fan-outs assumed for patterns whose predicate is a variable.
constexpr double kOutDegree = 20;     // ?p ?o for one subject
constexpr double kInDegree = 50;      // ?s ?p for one object
constexpr double kSubjectObject = 2;  // ?p between one subject and one object

bool IsBound(const PatternPosition& position, const SlotSet& bound) {
  return !position.is_variable || bound[position.slot];
}

bool SharesBoundVariable(const CompiledPattern& pattern, const SlotSet& bound) {
  for (const PatternPosition* p : {&pattern.subject, &pattern.predicate, &pattern.object}) {
    if (p->is_variable && bound[p->slot]) return true;
  }
  return false;
}

}  // namespace

absl::StatusOr<double> EstimatePatternRows(ExecContext& context, const CompiledPattern& pattern,
                                           const SlotSet& bound) {
  if (pattern.never_matches) return 0.0;
  // The pattern's constants alone: the seam's estimate of that scan.
  const IdPattern constants{pattern.subject.is_variable ? kAnyId : pattern.subject.constant,
                            pattern.predicate.is_variable ? kAnyId : pattern.predicate.constant,
                            pattern.object.is_variable ? kAnyId : pattern.object.constant, kAnyId};
  PARLEY_ASSIGN_OR_RETURN(uint64_t scan_rows, context.source()->Estimate(constants));
  double rows = static_cast<double>(scan_rows);
  if (rows == 0) return 0.0;

  // Each variable position the input binds divides the scan: by the
  // predicate's distinct subjects or objects when the predicate is a
  // constant, else by fixed fan-outs.
  const bool s = pattern.subject.is_variable && bound[pattern.subject.slot];
  const bool o = pattern.object.is_variable && bound[pattern.object.slot];
  if (!pattern.predicate.is_variable) {
    PARLEY_ASSIGN_OR_RETURN(std::optional<PredicateCounts> counts,
                            context.source()->CountsOfPredicate(pattern.predicate.constant));
    if (!counts.has_value()) return 0.0;
    if (s) rows /= static_cast<double>(std::max<uint64_t>(1, counts->distinct_subjects));
    if (o) rows /= static_cast<double>(std::max<uint64_t>(1, counts->distinct_objects));
  } else {
    const bool s_known = s || !pattern.subject.is_variable;
    const bool o_known = o || !pattern.object.is_variable;
    if (s_known && o_known) {
      rows = std::min(rows, kSubjectObject);
    } else if (s_known) {
      rows = std::min(rows, kOutDegree);
    } else if (o_known) {
      rows = std::min(rows, kInDegree);
    }
    if (bound[pattern.predicate.slot]) rows /= 10;
  }
  if (IsBound(pattern.subject, bound) && IsBound(pattern.object, bound)) rows = std::min(rows, 1.0);
  return rows;
}

absl::StatusOr<std::vector<size_t>> OrderPatterns(ExecContext& context,
                                                  const std::vector<CompiledPattern>& patterns,
                                                  SlotSet bound) {
  std::vector<size_t> order;
  std::vector<bool> used(patterns.size(), false);
  while (order.size() < patterns.size()) {
    bool any_bound = false;
    for (size_t i = 0; i < patterns.size(); ++i) {
      if (!used[i] && SharesBoundVariable(patterns[i], bound)) any_bound = true;
    }
    size_t best = patterns.size();
    double best_rows = std::numeric_limits<double>::infinity();
    for (size_t i = 0; i < patterns.size(); ++i) {
      if (used[i]) continue;
      if (any_bound && !SharesBoundVariable(patterns[i], bound)) continue;
      PARLEY_ASSIGN_OR_RETURN(double rows, EstimatePatternRows(context, patterns[i], bound));
      if (best == patterns.size() || rows < best_rows) {
        best = i;
        best_rows = rows;
      }
    }
    used[best] = true;
    order.push_back(best);
    for (const PatternPosition* p :
         {&patterns[best].subject, &patterns[best].predicate, &patterns[best].object}) {
      if (p->is_variable) bound[p->slot] = true;
    }
  }
  return order;
}

}  // namespace parley::query
