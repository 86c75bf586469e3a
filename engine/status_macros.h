// Status propagation and invariant checks used across all of Parley.
#pragma once

#include <cstdio>
#include <cstdlib>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define PARLEY_STATUS_CONCAT_INNER(a, b) a##b
#define PARLEY_STATUS_CONCAT(a, b) PARLEY_STATUS_CONCAT_INNER(a, b)

// Returns from the enclosing function when `expr` (an absl::Status) fails.
#define PARLEY_RETURN_IF_ERROR(expr)                 \
  do {                                               \
    ::absl::Status _parley_status = (expr);          \
    if (!_parley_status.ok()) return _parley_status; \
  } while (0)

// `lhs = value of rexpr` (an absl::StatusOr<T>), or returns its error.
#define PARLEY_ASSIGN_OR_RETURN(lhs, rexpr) \
  PARLEY_ASSIGN_OR_RETURN_IMPL(PARLEY_STATUS_CONCAT(_parley_statusor_, __LINE__), lhs, rexpr)
#define PARLEY_ASSIGN_OR_RETURN_IMPL(statusor, lhs, rexpr) \
  auto statusor = (rexpr);                                 \
  if (!statusor.ok()) return std::move(statusor).status(); \
  lhs = std::move(statusor).value()

// An invariant that only a bug can break (never user input): aborts with
// file:line when false, in every build type.
#define PARLEY_CHECK(cond)                                                                 \
  do {                                                                                     \
    if (!(cond)) {                                                                         \
      std::fprintf(stderr, "%s:%d: PARLEY_CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                        \
    }                                                                                      \
  } while (0)
