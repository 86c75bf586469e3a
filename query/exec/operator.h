// The physical operator interface: a pull-based stream of row blocks.
#pragma once

#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "query/exec/block.h"
#include "query/exec/exec_context.h"

namespace parley::query {

class Operator {
 public:
  virtual ~Operator() = default;

  // Replaces the rows of *out (whose width is the query's) with the next
  // solutions: true with at least one row, false at the end (then *out is
  // empty). Operators check ExecContext::CheckInterrupt() once per call.
  virtual absl::StatusOr<bool> Next(Block* out) = 0;
};

using OperatorPtr = std::unique_ptr<Operator>;

// Every remaining row of `input`, appended to *rows (whose bytes are charged
// to *charge as they grow).
absl::Status DrainInto(Operator& input, ExecContext& context, MemoryCharge* charge, Block* rows);

// One solution: the seed row (all unbound when there is none).
OperatorPtr MakeSeedOperator(ExecContext* context, const Scope& scope);

// No solutions.
OperatorPtr MakeEmptyOperator();

// The seed row as a vector of width context.width().
std::vector<TermId> SeedRow(const ExecContext& context, const Scope& scope);

}  // namespace parley::query
