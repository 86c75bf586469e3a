#include "query/algebra/variables.h"

#include <string>

#include "absl/container/flat_hash_set.h"

namespace parley::query {
namespace {

class ScopeCollector {
 public:
  void Add(const Variable& variable) {
    if (seen_.insert(variable.name).second) variables_.push_back(variable);
  }
  void Add(const TermOrVariable& position) {
    if (const auto* variable = std::get_if<Variable>(&position)) Add(*variable);
  }

  void Collect(const Op& op) {
    switch (op.kind) {
      case Op::Kind::kBgp:
        for (const TriplePattern& triple : op.triples) {
          Add(triple.subject);
          Add(triple.predicate);
          Add(triple.object);
        }
        return;
      case Op::Kind::kPath:
        Add(op.path.subject);
        Add(op.path.object);
        return;
      case Op::Kind::kMinus:
        Collect(*op.children[0]);
        return;
      case Op::Kind::kGraph:
        Add(op.graph);
        Collect(*op.children[0]);
        return;
      case Op::Kind::kExtend:
        Collect(*op.children[0]);
        Add(op.variable);
        return;
      case Op::Kind::kTable:
        for (const Variable& variable : op.table_variables) Add(variable);
        return;
      case Op::Kind::kGroup:
        for (const Op::GroupKey& key : op.group_keys) {
          if (key.bound_as) Add(*key.bound_as);
        }
        for (const Aggregate& aggregate : op.aggregates) Add(aggregate.result);
        return;
      case Op::Kind::kProject:
        for (const Variable& variable : op.variables) Add(variable);
        return;
      default:
        for (const OpPtr& child : op.children) Collect(*child);
        return;
    }
  }

  std::vector<Variable> Take() { return std::move(variables_); }

 private:
  absl::flat_hash_set<std::string> seen_;
  std::vector<Variable> variables_;
};

}  // namespace

std::vector<Variable> InScopeVariables(const Op& op) {
  ScopeCollector collector;
  collector.Collect(op);
  return collector.Take();
}

}  // namespace parley::query
