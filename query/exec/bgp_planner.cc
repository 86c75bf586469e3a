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

bool IsVariableAt(const PatternPosition& position, size_t slot) {
  return position.is_variable && position.slot == slot;
}

// Later patterns that could probe `slot` by key: a constant predicate and
// the variable as subject or object.
int KeyedUses(const std::vector<CompiledPattern>& patterns, const std::vector<size_t>& order,
              size_t from, size_t slot) {
  int uses = 0;
  for (size_t k = from; k < order.size(); ++k) {
    const CompiledPattern& p = patterns[order[k]];
    if (p.predicate.is_variable) continue;
    if (IsVariableAt(p.subject, slot) || IsVariableAt(p.object, slot)) ++uses;
  }
  return uses;
}

}  // namespace

std::vector<PatternStep> PlanPatternSteps(const std::vector<CompiledPattern>& patterns,
                                          const std::vector<size_t>& order, SlotSet bound,
                                          bool single_row_input) {
  using engine::QuadPosition;
  std::vector<PatternStep> steps;
  // The rows so far ascend in this slot; kNoSlot: in no known order.
  constexpr size_t kNoSlot = ~size_t{0};
  size_t sorted_slot = kNoSlot;
  for (size_t k = 0; k < order.size(); ++k) {
    const CompiledPattern& pattern = patterns[order[k]];
    PatternStep step;
    step.pattern = pattern;
    step.index = order[k];
    const bool s_var = pattern.subject.is_variable;
    const bool o_var = pattern.object.is_variable;
    const bool same_variable = s_var && o_var && pattern.subject.slot == pattern.object.slot;
    if (!pattern.predicate.is_variable && !same_variable) {
      const bool s_bound = s_var && bound[pattern.subject.slot];
      const bool o_bound = o_var && bound[pattern.object.slot];
      if (k == 0 && single_row_input && !s_bound && !o_bound) {
        // Read in the order of the variable most later patterns probe.
        int best_uses = 0;
        for (QuadPosition position : {QuadPosition::kSubject, QuadPosition::kObject}) {
          const PatternPosition& p =
              position == QuadPosition::kSubject ? pattern.subject : pattern.object;
          if (!p.is_variable) continue;
          const int uses = KeyedUses(patterns, order, 1, p.slot);
          if (uses > best_uses) {
            best_uses = uses;
            step.scan_order = KeyedOrder(position, !s_var, true, !o_var);
            sorted_slot = p.slot;
          }
        }
      } else if (s_bound || o_bound) {
        QuadPosition position = s_bound ? QuadPosition::kSubject : QuadPosition::kObject;
        if (o_bound && sorted_slot == pattern.object.slot) position = QuadPosition::kObject;
        const size_t slot =
            position == QuadPosition::kSubject ? pattern.subject.slot : pattern.object.slot;
        step.key = PatternStep::Key{position, slot};
        step.scan_order = KeyedOrder(position, !s_var, true, !o_var);
        step.input_sorted_on_key = sorted_slot == slot;
        // Unsorted probes take their rows in runs sorted by the key, which
        // ends any order the rows had.
        if (!step.input_sorted_on_key) sorted_slot = kNoSlot;
      }
    }
    for (const PatternPosition* p : {&pattern.subject, &pattern.predicate, &pattern.object}) {
      if (p->is_variable) bound[p->slot] = true;
    }
    steps.push_back(step);
  }
  return steps;
}

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
