// Variables of algebra expressions (spec §18.2.1).
#pragma once

#include <vector>

#include "query/algebra/algebra.h"

namespace parley::query {

// The variables in scope of `op` (those its solutions may bind), each once,
// in order of first appearance from left to right. Hidden ('#') variables
// are included; IsHiddenVariable filters them.
std::vector<Variable> InScopeVariables(const Op& op);

// True for the translation's own variables (blank nodes, aggregates, path
// steps), which SELECT * never projects.
inline bool IsHiddenVariable(const Variable& variable) {
  return !variable.name.empty() && variable.name[0] == '#';
}

}  // namespace parley::query
