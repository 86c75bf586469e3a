// The constraints SHACL checks on one value node by itself, given its term:
// datatype, node kind, pattern, length, range and language. sh:class and
// sh:in need the database and are the validator's (validator.cc).
#pragma once

#include <optional>
#include <string>

#include "parley/term.h"
#include "schema/shacl/shapes.h"

namespace parley::shacl {

// nullopt when `value` satisfies `constraint`; otherwise what was expected
// and what was found ("expected ..., found ..."). REQUIRES: `constraint` is
// one of kDatatype, kNodeKind, kPattern, kMinLength, kMaxLength,
// kMin/MaxInclusive, kMin/MaxExclusive, kLanguageIn.
std::optional<std::string> CheckValue(const Constraint& constraint, const Term& value);

// True for the constraints CheckValue answers.
bool IsValueCheck(Constraint::Kind kind);

// `term` for messages: N-Triples, cut to a readable length.
std::string ShowTerm(const Term& term);

}  // namespace parley::shacl
