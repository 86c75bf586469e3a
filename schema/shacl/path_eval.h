// The value nodes of a SHACL property path (spec section 2.3.1) from a set
// of nodes, in ids.
#pragma once

#include <vector>

#include "absl/status/status.h"
#include "schema/shacl/data_graph.h"
#include "schema/shacl/shapes.h"

namespace parley::shacl {

// Sets of nodes are sorted vectors of distinct ids.
using NodeSet = std::vector<TermId>;

class PathEvaluator {
 public:
  // `ids` must hold every predicate of the paths evaluated.
  PathEvaluator(const DataGraph& data, const TermIds& ids) : data_(data), ids_(ids) {}

  // *out := the nodes `path` reaches from `from`.
  absl::Status Evaluate(const Path& path, const NodeSet& from, NodeSet* out) const {
    return Step(path, /*inverse=*/false, from, out);
  }

 private:
  absl::Status Step(const Path& path, bool inverse, const NodeSet& from, NodeSet* out) const;
  // `from` and everything `path` reaches from it in any number of steps.
  absl::Status Closure(const Path& path, bool inverse, const NodeSet& from, NodeSet* out) const;

  const DataGraph& data_;
  const TermIds& ids_;
};

// The predicates (IRIs) a path names, appended to `out`.
void CollectPredicates(const Path& path, std::vector<Term>* out);

}  // namespace parley::shacl
