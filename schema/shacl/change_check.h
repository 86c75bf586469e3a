// Strict mode's check of one write: the SHACL results the write adds.
//
// Only the focus nodes the change may affect are validated, before and
// after it, so a write costs about as much as the nodes it touches, and a
// database that already breaks its shapes can still take writes that break
// nothing more. The candidates: every subject and object of a changed quad
// (targets, and constraints on a node's own values), the nodes that reach
// one of them by a proper prefix of a shape's path (a change in the middle
// of a sequence or closure), and, for rdf:type changes, the nodes whose path
// values they are (sh:class). A change of rdfs:subClassOf, or a graph
// cleared or dropped whole, can reach anything: then the whole database is
// validated after the change and every violation counts.
#pragma once

#include <vector>

#include "absl/status/statusor.h"
#include "engine/access/pending_changes_reader.h"
#include "engine/access/storage_reader.h"
#include "parley/validation.h"
#include "schema/shacl/shapes.h"

namespace parley::shacl {

// The results that `after` (= `before` with `changes` and `graph_fates`
// applied) has and `before` does not, as a report (conforms: no such
// result of severity Violation), keeping at most options.max_results.
absl::StatusOr<ValidationReport> ValidateChange(const engine::StorageReader& before,
                                                const engine::StorageReader& after,
                                                const ShapesGraph& shapes,
                                                const engine::PendingChanges& changes,
                                                const engine::PendingGraphFates& graph_fates,
                                                const ValidationOptions& options);

}  // namespace parley::shacl
