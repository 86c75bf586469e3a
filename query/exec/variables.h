// Variable slots: every variable a query mentions (visible or hidden, in
// patterns, expressions, EXISTS patterns, templates, DESCRIBE and prepared
// bindings) gets one cell index in every row (block.h).
//
// And a static analysis of the slots an operator's solutions bind: always
// ("certain", usable as hash-join keys) or possibly ("maybe").
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "parley/query.h"
#include "query/algebra/algebra.h"

namespace parley::query {

class VariableSlots {
 public:
  // Slots for every variable of `query` and of `options.bindings`.
  static VariableSlots ForQuery(const Query& query, const QueryOptions& options);

  size_t size() const { return names_.size(); }
  const std::string& name(size_t slot) const { return names_[slot]; }
  std::optional<size_t> Find(std::string_view name) const;
  // REQUIRES: the variable was assigned a slot (it occurs in the query).
  size_t SlotOf(const Variable& variable) const;

  // Assigns a slot (idempotent).
  size_t Add(const std::string& name);

 private:
  absl::flat_hash_map<std::string, size_t> slots_;
  std::vector<std::string> names_;
};

// Slots as a bit per slot.
using SlotSet = std::vector<bool>;

struct BoundSlots {
  SlotSet certain;  // bound in every solution
  SlotSet maybe;    // bound in some solution (a superset of certain)
};

// What `op`'s solutions bind. `graph_variable`: the slot of an enclosing
// GRAPH ?g evaluated as a scan variable, which every pattern then binds.
BoundSlots AnalyzeBoundSlots(const Op& op, const VariableSlots& slots,
                             std::optional<size_t> graph_variable);

// The slots Extend (BIND, SELECT expressions) binds anywhere in `op`.
SlotSet ExtendedSlots(const Op& op, const VariableSlots& slots);

// The slots `expr` reads (outside EXISTS patterns); *has_exists is set when
// it contains EXISTS / NOT EXISTS.
void CollectExprSlots(const Expr& expr, const VariableSlots& slots, SlotSet* read,
                      bool* has_exists);

// The one slot `expr` reads when its value is a function of that slot's
// term alone: no EXISTS, and none of RAND, UUID, STRUUID or BNODE, whose
// values differ between calls. Such an expression may be evaluated once
// per distinct id. nullopt otherwise (no slot, or several).
std::optional<size_t> SoleInputSlot(const Expr& expr, const VariableSlots& slots);

}  // namespace parley::query
