// The value nodes of a SHACL property path (spec section 2.3.1) from a set
// of nodes, in ids.
#pragma once

#include <map>
#include <memory>
#include <utility>
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

  // *out := the nodes `path` reaches from `focus`. Faster than Evaluate
  // for focus nodes taken in ascending id order: a path's first predicate
  // step reads a cursor that only moves forward. REQUIRES: `focus` is not
  // below the previous call's, unless Restart() came between.
  absl::Status EvaluateFromFocus(const Path& path, TermId focus, NodeSet* out);

  // Forgets the forward cursors, for a new ascending walk of focus nodes.
  void Restart() { forward_.clear(); }

 private:
  // The first step of `path` from `focus` through a forward cursor, when
  // it is a predicate or an inverse predicate; false when it is not.
  absl::StatusOr<bool> ForwardStep(const Path& path, TermId focus, NodeSet* out);

  absl::Status Step(const Path& path, bool inverse, const NodeSet& from, NodeSet* out) const;
  // `from` and everything `path` reaches from it in any number of steps.
  absl::Status Closure(const Path& path, bool inverse, const NodeSet& from, NodeSet* out) const;

  const DataGraph& data_;
  const TermIds& ids_;
  std::map<std::pair<TermId, bool>, std::unique_ptr<ForwardValues>> forward_;
};

// The predicates (IRIs) a path names, appended to `out`.
void CollectPredicates(const Path& path, std::vector<Term>* out);

}  // namespace parley::shacl
