// CONSTRUCT and DESCRIBE: the triples a query's solutions produce, as ids,
// duplicates removed (the result is a graph).
//
// CONSTRUCT instantiates the template once per solution with fresh blank
// nodes (labels the store does not use), skipping triples with an unbound
// position or a term its position cannot hold (a literal subject, a
// non-IRI predicate).
//
// DESCRIBE returns, for each resource named or bound by a solution, the
// triples of the default graph with that resource as subject (a simple
// choice the spec leaves to the implementation; no blank node closure).
#pragma once

#include <array>
#include <memory>

#include "absl/status/statusor.h"
#include "query/algebra/algebra.h"
#include "query/exec/operator.h"

namespace parley::query {

using IdTriple = std::array<TermId, 3>;

class TripleProducer {
 public:
  virtual ~TripleProducer() = default;
  // The next triple; false at the end.
  virtual absl::StatusOr<bool> Next(IdTriple* triple) = 0;
};

absl::StatusOr<std::unique_ptr<TripleProducer>> MakeConstructProducer(ExecContext* context,
                                                                      const Query& query,
                                                                      OperatorPtr solutions);

absl::StatusOr<std::unique_ptr<TripleProducer>> MakeDescribeProducer(ExecContext* context,
                                                                     const Query& query,
                                                                     OperatorPtr solutions);

}  // namespace parley::query
