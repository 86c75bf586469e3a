// SHACL validation of what one storage reader sees: a snapshot of the
// database, or (strict mode) a snapshot plus a transaction's changes.
#pragma once

#include <vector>

#include "absl/status/statusor.h"
#include "engine/access/storage_reader.h"
#include "parley/validation.h"
#include "schema/shacl/shapes.h"

namespace parley::shacl {

// Checks every focus node of every shape with targets. Focus nodes stream
// from the permutations, so memory is bounded by the largest set of value
// nodes of one focus node plus options.max_results results. Results come
// by shape (in the shapes graph's term order), then by focus node id.
// Errors: Cancelled when options.cancel is set; the reader's errors.
// With `candidates`, only the candidates that are focus nodes of a shape are
// checked (the rest is the same): strict mode's check of the nodes a change
// may affect (change_check.h).
absl::StatusOr<ValidationReport> Validate(const engine::StorageReader& reader,
                                          const ShapesGraph& shapes,
                                          const ValidationOptions& options,
                                          const std::vector<Term>* candidates = nullptr);

}  // namespace parley::shacl
