// The focus nodes of one shape's targets (SHACL section 2.1.3), each once,
// in id order, streamed: a k-way merge of permutation scans that come
// sorted by the focus node, so memory does not grow with the data.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "schema/shacl/data_graph.h"
#include "schema/shacl/shapes.h"

namespace parley::shacl {

class FocusNodes {
 public:
  // `rdf_type` is rdf:type's id (nullopt: the store never held it);
  // `class_ids(C)` gives the ids of C and its subclasses, for
  // sh:targetClass. `ids` must hold every target term of `shape`.
  static absl::StatusOr<FocusNodes> Open(
      const DataGraph& data, const TermIds& ids, const Shape& shape, std::optional<TermId> rdf_type,
      const std::function<absl::StatusOr<std::vector<TermId>>(const Term&)>& class_ids);

  // The next focus node in id order, or nullopt when none is left.
  absl::StatusOr<std::optional<TermId>> Next();

  // sh:targetNode terms the store never held: focus nodes without triples.
  const std::vector<Term>& unknown_nodes() const { return unknown_nodes_; }

 private:
  // One sorted stream of candidate focus nodes, duplicates allowed.
  struct Source {
    std::unique_ptr<RowStream> rows;  // null: `fixed` instead
    engine::QuadPosition position = engine::QuadPosition::kSubject;
    std::vector<TermId> fixed;  // sorted sh:targetNode ids
    size_t next_fixed = 0;
    std::optional<TermId> head;

    absl::Status Advance();
  };

  std::vector<Source> sources_;
  std::vector<Term> unknown_nodes_;
  std::optional<TermId> last_;
};

}  // namespace parley::shacl
