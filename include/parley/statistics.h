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
  // The terms in the dictionary: every IRI, blank node and literal a
  // committed change ever stored, including those whose quads were deleted
  // since (the dictionary keeps them). Literals stored inline in the quads
  // (canonical numbers, booleans and dates) are not counted. Until
  // something is deleted, it is the number of distinct terms (graph names
  // included) in the quads, less the inline literals. Read from the
  // dictionary's id counter: no scan.
  uint64_t dictionary_terms = 0;
  std::vector<PredicateStatistics> predicates;  // ordered by predicate id
};

}  // namespace parley
