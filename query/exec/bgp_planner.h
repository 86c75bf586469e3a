// Orders the patterns of a basic graph pattern: greedily the cheapest
// pattern next, preferring patterns connected to what is already bound, so
// that no cross product is formed while a connected pattern remains.
//
// Estimates (rows a pattern yields per binding of its bound positions)
// start from the read seam's estimate of the scan of the pattern's
// constants (exact for small ranges), divided for each variable the input
// binds: by the predicate's distinct subjects (objects) from the exact
// statistics, or by fixed fan-outs when the predicate is a variable.
#pragma once

#include <optional>
#include <vector>

#include "absl/status/statusor.h"
#include "query/exec/exec_context.h"
#include "query/exec/pattern_scan.h"

namespace parley::query {

// How one pattern of a BGP is joined into the rows before it.
struct PatternStep {
  CompiledPattern pattern;
  size_t index = 0;  // the pattern's position in the BGP as written
  // The permutation the pattern is read from; nullopt: the one with the
  // longest bound prefix for each probe.
  std::optional<engine::Order> scan_order;
  // Probing by one variable every input row binds: the pattern's constants
  // are scanned once in the order of that variable's position (scan_order)
  // and each row's value is sought in that scan.
  struct Key {
    engine::QuadPosition position;  // kSubject or kObject
    size_t slot;
  };
  std::optional<Key> key;
  // The input rows ascend in key->slot: the probes form a merge join.
  bool input_sorted_on_key = false;
};

// The steps joining `patterns` in `order` into an input that binds
// `input_bound`. `single_row_input`: the input is one row (the seed), so
// the first pattern's scan order decides the order of every row after it;
// it is chosen to ascend in the variable most later patterns share, which
// turns their probes into merge joins.
std::vector<PatternStep> PlanPatternSteps(const std::vector<CompiledPattern>& patterns,
                                          const std::vector<size_t>& order, SlotSet bound,
                                          bool single_row_input);

// Estimated rows `pattern` yields for one input row binding `bound`.
absl::StatusOr<double> EstimatePatternRows(ExecContext& context, const CompiledPattern& pattern,
                                           const SlotSet& bound);

// The evaluation order of `patterns` (indexes) when the input binds `bound`.
absl::StatusOr<std::vector<size_t>> OrderPatterns(ExecContext& context,
                                                  const std::vector<CompiledPattern>& patterns,
                                                  SlotSet bound);

}  // namespace parley::query
