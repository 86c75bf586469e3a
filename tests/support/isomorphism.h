// Dataset isomorphism (RDF 1.1 Concepts, section 3.6, extended to quads):
// what the W3C conformance runners use to compare a parse or a query result
// with the expected one when blank node labels may differ.
#pragma once

#include <string>
#include <vector>

#include "parley/quad.h"

namespace parley::engine::io {

// True when `a` and `b`, taken as sets (duplicates ignored), are equal up to
// one bijection between their blank nodes, applied in every position
// (subject, object and graph name). Exact, not heuristic: colour refinement
// prunes, backtracking decides.
bool IsomorphicDatasets(const std::vector<Quad>& a, const std::vector<Quad>& b);

// For failure messages: the quads without blank nodes found in only one side
// and the blank-node quad counts, at most `max_lines` lines.
std::string DescribeDatasetDifference(const std::vector<Quad>& a, const std::vector<Quad>& b,
                                      size_t max_lines = 20);

}  // namespace parley::engine::io
