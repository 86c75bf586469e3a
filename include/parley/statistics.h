// What a database holds, in numbers the optimizer (and a curious user) needs.
#pragma once

#include <cstdint>
#include <vector>

#include "parley/term.h"

namespace parley {

struct PredicateStatistics {
  Term predicate;
  uint64_t quads = 0;              // quads with this predicate, over all graphs
  uint64_t distinct_subjects = 0;  // over all graphs
  uint64_t distinct_objects = 0;   // over all graphs

  friend bool operator==(const PredicateStatistics&, const PredicateStatistics&) = default;
};

// Exact after every commit (not an estimate).
struct Statistics {
  uint64_t quads = 0;
  std::vector<PredicateStatistics> predicates;  // ordered by predicate id
};

}  // namespace parley
