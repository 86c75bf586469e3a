// What every operator of one query evaluation shares: storage access, the
// term table, variable slots, the dataset, the memory budget and the
// interruption checks.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "parley/query.h"
#include "query/exec/source.h"
#include "query/exec/term_table.h"
#include "query/exec/variables.h"
#include "query/expr/functions.h"

namespace parley::query {

// Bytes held by sorts, groups, DISTINCT and hash tables of one query.
class MemoryBudget {
 public:
  explicit MemoryBudget(uint64_t limit) : limit_(limit) {}
  // ResourceExhausted when `bytes` more would pass the limit (then nothing
  // is reserved).
  absl::Status Reserve(uint64_t bytes);
  void Release(uint64_t bytes) { used_ -= bytes < used_ ? bytes : used_; }
  uint64_t used() const { return used_; }
  // The most used() has been (EXPLAIN ANALYZE's total).
  uint64_t peak() const { return peak_; }

 private:
  uint64_t limit_;
  uint64_t used_ = 0;
  uint64_t peak_ = 0;
};

// The bytes one operator holds against the budget; released on destruction.
class MemoryCharge {
 public:
  explicit MemoryCharge(MemoryBudget* budget) : budget_(budget) {}
  MemoryCharge(const MemoryCharge&) = delete;
  MemoryCharge& operator=(const MemoryCharge&) = delete;
  ~MemoryCharge() { budget_->Release(bytes_); }

  // Sets the charge to `bytes` (growing reserves, shrinking releases).
  absl::Status Set(uint64_t bytes);
  absl::Status Add(uint64_t bytes) { return Set(bytes_ + bytes); }

 private:
  MemoryBudget* budget_;
  uint64_t bytes_ = 0;
};

// The RDF dataset of the query (FROM / FROM NAMED, or the store's).
struct Dataset {
  enum class DefaultGraph : uint8_t {
    kStored,  // the stored default graph (graph id 0)
    kUnion,   // every graph, default and named, merged
    kFrom,    // the merge of `from`
  };
  DefaultGraph default_graph = DefaultGraph::kStored;
  std::vector<TermId> from;  // kFrom: the stored ids of the FROM graphs
  // Named graphs: every stored named graph, or only these (FROM NAMED).
  bool named_restricted = false;
  absl::flat_hash_set<TermId> from_named;

  bool IsNamedGraph(TermId graph) const {
    if (graph == kDefaultGraphId) return false;
    return !named_restricted || from_named.contains(graph);
  }
};

// Which graph the patterns of a subtree read.
struct GraphScope {
  enum class Kind : uint8_t {
    kDefault,   // the dataset's default graph
    kNamed,     // the named graph `graph`
    kVariable,  // any named graph, its name bound to slot `slot`
  };
  Kind kind = Kind::kDefault;
  TermId graph = kDefaultGraphId;
  size_t slot = 0;
};

// How a subtree is evaluated: its graph, and the seed row every solution
// starts from (the prepared bindings at the top; the current solution when
// evaluating EXISTS, which is how its variables are substituted).
struct Scope {
  GraphScope graph;
  std::shared_ptr<const std::vector<TermId>> seed;
};

class PlanProfiler;

class ExecContext {
 public:
  ExecContext(std::shared_ptr<const engine::StorageReader> reader, VariableSlots slots,
              const QueryOptions& options);
  ~ExecContext();
  ExecContext(const ExecContext&) = delete;
  ExecContext& operator=(const ExecContext&) = delete;

  Source* source() { return &source_; }
  TermTable& terms() { return terms_; }
  const VariableSlots& slots() const { return slots_; }
  size_t width() const { return slots_.size(); }
  MemoryBudget& memory() { return memory_; }
  FunctionContext& functions() { return functions_; }
  Dataset& dataset() { return dataset_; }
  const Dataset& dataset() const { return dataset_; }

  // DeadlineExceeded or Cancelled when the query must stop; operators call
  // it once per block.
  absl::Status CheckInterrupt() const { return source_.limits().Check(); }

  // A blank node label no other blank node of this query's output has.
  std::string FreshBlankLabel();

  // Slots that expressions bind (BIND, SELECT expressions): a solution's
  // identity for BNODE(str) is its other cells (expr_eval.cc).
  const SlotSet& computed_slots() const { return computed_slots_; }
  void set_computed_slots(SlotSet slots) { computed_slots_ = std::move(slots); }
  // BNODE(str) labels by (solution, string).
  absl::flat_hash_map<std::string, std::string>& bnodes_by_solution() {
    return bnodes_by_solution_;
  }

  // EXPLAIN (profile.h): records the operators the plan builder creates;
  // null (the default) when the query is not being explained. Set before
  // the plan is built; the context owns it, so operators may point to it.
  PlanProfiler* profiler() const { return profiler_.get(); }
  void set_profiler(std::unique_ptr<PlanProfiler> profiler);

 private:
  Source source_;
  TermTable terms_;
  VariableSlots slots_;
  MemoryBudget memory_;
  FunctionContext functions_;
  Dataset dataset_;
  uint64_t next_blank_ = 0;
  SlotSet computed_slots_;
  absl::flat_hash_map<std::string, std::string> bnodes_by_solution_;
  std::unique_ptr<PlanProfiler> profiler_;
};

}  // namespace parley::query
