// EXPLAIN and EXPLAIN ANALYZE: the physical plan as a tree of operators.
//
// The plan builder takes a Mark() before building each algebra operator and
// Wrap()s the operator it built; the nodes wrapped in between (the
// operator's inputs) become the new node's children. Once the plan is built
// the profiler is sealed: operators that build sub-plans while running
// (GRAPH ?g over a non-BGP pattern, EXISTS, correlated OPTIONAL / MINUS)
// do so after Seal(), and those sub-plans are not shown.
//
// Rendered, one node per line, children indented by two spaces:
//
//   Project ?m ?date  rows 98  time 3.2 ms  peak 0 B  calls 2
//     Filter (YEAR(?date) = 2019)  rows 98  time 3.1 ms  peak 0 B  calls 2
//       BGP 2 patterns  (est 120)  rows 120  time 2.9 ms  peak 0 B  calls 2
//   total  98 results  time 3.4 ms (planning 0.2 ms)  peak memory 0 B
//
// "(est N)" only where the builder gave an estimate; the figures and the
// total line only under kAnalyze. Figures are inclusive: an operator's time
// contains its inputs' time, and "peak" is the highest use of the query's
// memory budget seen when the operator handed out a block.
//
// Not thread-safe; one profiler belongs to one query evaluation.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "query/exec/exec_context.h"
#include "query/exec/operator.h"

namespace parley::query {

class PlanProfiler {
 public:
  enum class Mode : uint8_t {
    kExplain,  // the tree and its estimates; operators run unwrapped
    kAnalyze,  // and per operator the rows, Next() calls, time and memory
  };

  // `memory`: the query's budget whose use kAnalyze samples; may be null
  // (then peaks print as 0). Must outlive the profiler.
  PlanProfiler(Mode mode, const MemoryBudget* memory);
  explicit PlanProfiler(Mode mode) : PlanProfiler(mode, nullptr) {}
  ~PlanProfiler();
  PlanProfiler(const PlanProfiler&) = delete;
  PlanProfiler& operator=(const PlanProfiler&) = delete;

  Mode mode() const { return mode_; }

  // Nodes are kept on a stack in creation order; Mark() is its current size.
  size_t Mark() const { return stack_.size(); }

  // Wraps `op` in a node labelled `label` (with an optional estimate of the
  // rows it yields) whose children are every node wrapped since `mark` was
  // taken (they are popped and adopted, in creation order); pushes the new
  // node. Under kExplain `op` itself is returned (nothing counts rows);
  // under kAnalyze a forwarding operator that counts. After Seal(), returns
  // `op` unchanged and records nothing. The returned operator must not
  // outlive the profiler. REQUIRES: mark <= Mark().
  OperatorPtr Wrap(size_t mark, OperatorPtr op, std::string label,
                   std::optional<double> estimated_rows);

  // Ends the plan: later Wrap() calls record nothing. Also ends the
  // planning time of the total line.
  void Seal();
  bool sealed() const { return sealed_; }

  // kAnalyze: what the query's result handed out (rows, triples or a
  // boolean) and the time it spent producing them, for the total line.
  void CountResults(uint64_t results, std::chrono::steady_clock::duration time) {
    results_ += results;
    result_time_ += time;
  }

  // The tree as indented text, each line ending in '\n'; under kAnalyze the
  // figures so far and a total line.
  std::string Render() const;

 private:
  struct Node;
  class CountingOperator;

  Mode mode_;
  const MemoryBudget* memory_;
  std::vector<std::unique_ptr<Node>> stack_;
  bool sealed_ = false;
  std::chrono::steady_clock::time_point created_;
  std::chrono::steady_clock::duration planning_time_{};
  uint64_t results_ = 0;
  std::chrono::steady_clock::duration result_time_{};
};

// context->profiler()->Mark(), or 0 when the query is not being explained.
size_t ProfileMark(const ExecContext* context);

// context->profiler()->Wrap(mark, op, label(), estimated_rows), or `op`
// itself when the query is not being explained; `label` (a callable
// returning std::string) is called only when it is, so building labels
// costs nothing otherwise.
template <typename LabelFn>
OperatorPtr Profiled(ExecContext* context, size_t mark, OperatorPtr op, const LabelFn& label,
                     std::optional<double> estimated_rows = std::nullopt) {
  PlanProfiler* profiler = context->profiler();
  if (profiler == nullptr) return op;
  return profiler->Wrap(mark, std::move(op), label(), estimated_rows);
}

// `text` cut to at most `max_chars` bytes (at a UTF-8 boundary) with "..."
// appended when cut: expressions and patterns in labels stay one short line.
std::string ShortLabelText(std::string text, size_t max_chars = 80);

}  // namespace parley::query
