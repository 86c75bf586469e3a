// Helpers for the parser tests: parse with a fixed base IRI and print.
#pragma once

#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "query/algebra/algebra_printer.h"
#include "query/parser/parser.h"

namespace parley::query {

inline constexpr std::string_view kTestBase = "http://base.example/dir/";

inline absl::StatusOr<Query> Parse(std::string_view text) {
  ParseOptions options;
  options.base_iri = std::string(kTestBase);
  return ParseQuery(text, options);
}

// The printed query (form line and algebra tree), or "ERROR: message".
inline std::string Algebra(std::string_view text) {
  auto query = Parse(text);
  if (!query.ok()) return "ERROR: " + std::string(query.status().message());
  return ToString(*query);
}

// The error message, or "OK" when the query parses.
inline std::string ErrorOf(std::string_view text) {
  auto query = Parse(text);
  if (query.ok()) return "OK";
  return std::string(query.status().message());
}

}  // namespace parley::query
