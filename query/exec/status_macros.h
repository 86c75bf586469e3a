// Status propagation for query/exec (the same macros as the engine's; the
// evaluator does not include engine headers). Guarded so that a translation
// unit that also sees another copy compiles.
#pragma once

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#ifndef PARLEY_RETURN_IF_ERROR
#define PARLEY_STATUS_CONCAT_INNER(a, b) a##b
#define PARLEY_STATUS_CONCAT(a, b) PARLEY_STATUS_CONCAT_INNER(a, b)

#define PARLEY_RETURN_IF_ERROR(expr)                 \
  do {                                               \
    ::absl::Status _parley_status = (expr);          \
    if (!_parley_status.ok()) return _parley_status; \
  } while (0)

#define PARLEY_ASSIGN_OR_RETURN(lhs, rexpr) \
  PARLEY_ASSIGN_OR_RETURN_IMPL(PARLEY_STATUS_CONCAT(_parley_statusor_, __LINE__), lhs, rexpr)
#define PARLEY_ASSIGN_OR_RETURN_IMPL(statusor, lhs, rexpr) \
  auto statusor = (rexpr);                                 \
  if (!statusor.ok()) return std::move(statusor).status(); \
  lhs = std::move(statusor).value()
#endif
