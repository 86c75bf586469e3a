// Error messages name the line and column, show the line with a caret, and
// input that ends early is recognized as incomplete.
#include <gtest/gtest.h>

#include "parley/query.h"
#include "query/parser/syntax_error.h"
#include "tests/query/parser/test_util.h"

namespace parley::query {
namespace {

TEST(ErrorsTest, PositionAndCaret) {
  EXPECT_EQ(ErrorOf("SELECT ?s WHERE {\n    ?s ?p ?o FILTR(?x)\n}"),
            "line 2, column 14: expected '.', '}' or a graph pattern, found 'FILTR'\n"
            "      ?s ?p ?o FILTR(?x)\n"
            "               ^");
}

TEST(ErrorsTest, ColumnsCountCodePoints) {
  EXPECT_EQ(ErrorOf("ASK { \"\xC3\xA9t\xC3\xA9\" ?p ?o ] }"),
            "line 1, column 19: expected '.', '}' or a graph pattern, found ']'\n"
            "  ASK { \"\xC3\xA9t\xC3\xA9\" ?p ?o ] }\n"
            "                    ^");
}

TEST(ErrorsTest, ExpectedWhat) {
  EXPECT_EQ(ErrorOf("SELECT WHERE { }"),
            "line 1, column 8: expected '*', a variable or '(expression AS ?var)' after SELECT, "
            "found 'WHERE'\n"
            "  SELECT WHERE { }\n"
            "         ^");
  EXPECT_NE(ErrorOf("FOO").find("expected SELECT, CONSTRUCT, DESCRIBE, ASK"), std::string::npos);
  EXPECT_NE(ErrorOf("ASK { } }").find("expected the end of the query, found '}'"),
            std::string::npos);
}

TEST(ErrorsTest, IncompleteInput) {
  for (std::string_view text :
       {"SELECT ?x WHERE {", "SELECT ?x WHERE { ?x ?p \"abc", "SELECT", "ASK { ?s <http://ex",
        "SELECT * { ?s ?p ?o OPTIONAL {", "SELECT * { ?s ?p (1 2", "SELECT (COUNT(?x)",
        "PREFIX ex: <http://ex/>", "SELECT * { FILTER(?x > ", "ASK { ?s ?p '''long\nstring",
        "ASK { FILTER NOT", "ASK { FILTER(1 NOT", "ASK { ?s ?p -", "ASK { VALUES ?x {"}) {
    auto query = Parse(text);
    ASSERT_FALSE(query.ok()) << text;
    EXPECT_TRUE(query::IsIncompleteSyntaxError(query.status())) << text << "\n" << query.status();
  }
}

TEST(ErrorsTest, OtherErrorsAreNotIncomplete) {
  for (std::string_view text : {"SELECT ?x WHERE { ?x }", "SELECT ?x WHERE { ?x ?p \"a\nb\" }",
                                "ASK { ?s ?p ?o } }", "SELECT ?o { ?s ?p ?o } GROUP BY ?s"}) {
    auto query = Parse(text);
    ASSERT_FALSE(query.ok()) << text;
    EXPECT_FALSE(query::IsIncompleteSyntaxError(query.status())) << text;
    EXPECT_EQ(query.status().code(), absl::StatusCode::kInvalidArgument);
  }
  EXPECT_FALSE(query::IsIncompleteSyntaxError(absl::OkStatus()));
  EXPECT_FALSE(query::IsIncompleteSyntaxError(absl::InvalidArgumentError("x")));
}

TEST(ErrorsTest, DeepNestingIsAnErrorNotACrash) {
  for (int depth : {100, 5000, 100000}) {
    std::string brackets =
        "ASK { FILTER(" + std::string(depth, '(') + "1" + std::string(depth, ')') + ") }";
    std::string groups = "ASK " + std::string(depth, '{') + std::string(depth, '}');
    std::string lists = "ASK { ?s ?p " + std::string(depth, '[') + " }";
    for (const std::string& text : {brackets, groups}) {
      auto query = Parse(text);
      if (depth <= 100) {
        EXPECT_TRUE(query.ok()) << query.status();
      } else {
        ASSERT_FALSE(query.ok());
        EXPECT_NE(query.status().message().find("nesting deeper than"), std::string::npos);
      }
    }
    EXPECT_FALSE(Parse(lists).ok());
  }
}

TEST(ErrorsTest, LongChainsOfGroupElements) {
  // Many UNION branches make a balanced tree; many OPTIONALs a chain of
  // LeftJoins, whose height is bounded.
  std::string unions = "ASK { {}";
  std::string optionals = "ASK { ?s ?p ?o";
  for (int i = 0; i < 5000; ++i) {
    unions += " UNION { ?s ?p " + std::to_string(i) + " }";
    optionals += " OPTIONAL { ?o ?q" + std::to_string(i) + " ?r }";
  }
  EXPECT_TRUE(Parse(unions + " }").ok());
  auto deep = Parse(optionals + " }");
  ASSERT_FALSE(deep.ok());
  EXPECT_NE(deep.status().message().find("deeper than 2000 levels"), std::string::npos);
}

TEST(ErrorsTest, LongOperatorChains) {
  // || and && chains become balanced trees: thousands of alternatives are
  // fine. Arithmetic keeps its left-to-right order and has the depth limit.
  std::string alternatives = "ASK { FILTER(?x = 0";
  std::string sum = "ASK { FILTER(0";
  for (int i = 1; i < 20000; ++i) {
    alternatives += " || ?x = " + std::to_string(i);
    sum += " + " + std::to_string(i);
  }
  EXPECT_TRUE(Parse(alternatives + ") }").ok());
  auto deep = Parse(sum + ") }");
  ASSERT_FALSE(deep.ok());
  EXPECT_NE(deep.status().message().find("nested deeper than"), std::string::npos);
}

}  // namespace
}  // namespace parley::query
