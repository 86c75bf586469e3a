// The §18.2 translation: the algebra each construct becomes, and the
// checks the grammar cannot make.
#include <gtest/gtest.h>

#include "tests/query/parser/test_util.h"

namespace parley::query {
namespace {

TEST(TranslateTest, FilterInsideOptionalIsTheLeftJoinCondition) {
  EXPECT_EQ(Algebra("ASK { ?s ?p ?o OPTIONAL { ?o ?q ?r FILTER(?r > ?o) } }"),
            "ask\n"
            "leftjoin (?r > ?o)\n"
            "  bgp\n"
            "    ?s ?p ?o\n"
            "  bgp\n"
            "    ?o ?q ?r\n");
}

TEST(TranslateTest, FiltersWrapTheWholeGroup) {
  EXPECT_EQ(Algebra("ASK { FILTER(?a) ?s ?p ?o FILTER(?b) ?o ?q ?r OPTIONAL { ?r ?x ?y } }"),
            "ask\n"
            "filter (?a && ?b)\n"
            "  leftjoin\n"
            "    bgp\n"
            "      ?s ?p ?o\n"
            "      ?o ?q ?r\n"
            "    bgp\n"
            "      ?r ?x ?y\n");
}

TEST(TranslateTest, UnionMinusAndNestedGroups) {
  EXPECT_EQ(Algebra("ASK { { ?s ?p 1 } UNION { ?s ?p 2 } UNION { ?s ?p 3 } MINUS { ?s ?q ?r } }"),
            "ask\n"
            "minus\n"
            "  union\n"
            "    bgp\n"
            "      ?s ?p \"1\"^^xsd:integer\n"
            "    union\n"
            "      bgp\n"
            "        ?s ?p \"2\"^^xsd:integer\n"
            "      bgp\n"
            "        ?s ?p \"3\"^^xsd:integer\n"
            "  bgp\n"
            "    ?s ?q ?r\n");
  EXPECT_EQ(Algebra("ASK { ?a ?b ?c { ?c ?d ?e } }"),
            "ask\njoin\n  bgp\n    ?a ?b ?c\n  bgp\n    ?c ?d ?e\n");
}

TEST(TranslateTest, BindEndsTheBgp) {
  EXPECT_EQ(Algebra("SELECT * { ?s ?p ?o BIND(?o + 1 AS ?n) ?n ?q ?r }"),
            "select ?s ?p ?o ?n ?q ?r\n"
            "project ?s ?p ?o ?n ?q ?r\n"
            "  join\n"
            "    extend ?n := (?o + \"1\"^^xsd:integer)\n"
            "      bgp\n"
            "        ?s ?p ?o\n"
            "    bgp\n"
            "      ?n ?q ?r\n");
}

TEST(TranslateTest, BindToAVariableInScopeIsAnError) {
  EXPECT_NE(ErrorOf("SELECT * { ?s ?p ?o BIND(1 AS ?o) }").find("already in scope"),
            std::string::npos);
  EXPECT_NE(ErrorOf("SELECT * { { ?s ?p ?o } BIND(1 AS ?o) }"), "OK");
  // In a nested group the outer variable is not in scope yet.
  EXPECT_EQ(ErrorOf("SELECT * { ?s ?p ?o { BIND(1 AS ?o) } }"), "OK");
}

TEST(TranslateTest, BlankNodeLabelsAreScopedToOneBgp) {
  EXPECT_NE(ErrorOf("ASK { _:a ?p ?o OPTIONAL { _:a ?q ?r } }").find("two basic graph patterns"),
            std::string::npos);
  EXPECT_NE(ErrorOf("ASK { _:a ?p ?o BIND(1 AS ?x) _:a ?q ?r }"), "OK");
  // A FILTER does not end the BGP.
  EXPECT_EQ(ErrorOf("ASK { _:a ?p ?o FILTER(true) _:a ?q ?r }"), "OK");
  EXPECT_EQ(ErrorOf("ASK { _:a ?p ?o . _:a ?q ?r }"), "OK");
}

TEST(TranslateTest, Aggregates) {
  EXPECT_EQ(
      Algebra("SELECT ?s (COUNT(DISTINCT ?o) AS ?n) (GROUP_CONCAT(?o; SEPARATOR=\",\") AS ?all) "
              "{ ?s ?p ?o } GROUP BY ?s HAVING (SUM(?o) > 10) ORDER BY DESC(?n) LIMIT 5 OFFSET 1"),
      "select ?s ?n ?all\n"
      "slice offset=1 limit=5\n"
      "  project ?s ?n ?all\n"
      "    order DESC(?n)\n"
      "      extend ?all := ?#agg2\n"
      "        extend ?n := ?#agg1\n"
      "          filter (?#agg0 > \"10\"^^xsd:integer)\n"
      "            group (?s) ?#agg0 := SUM(?o) ?#agg1 := COUNT(DISTINCT ?o) ?#agg2 := "
      "GROUP_CONCAT(?o; SEPARATOR=\",\")\n"
      "              bgp\n"
      "                ?s ?p ?o\n");
  EXPECT_EQ(Algebra("SELECT (COUNT(*) AS ?c) {}"),
            "select ?c\n"
            "project ?c\n"
            "  extend ?c := ?#agg0\n"
            "    group () ?#agg0 := COUNT(*)\n"
            "      bgp\n");
  EXPECT_EQ(Algebra("SELECT ?k { ?s ?p ?o } GROUP BY (STR(?o) AS ?k) ?s"),
            "select ?k\n"
            "project ?k\n"
            "  group ((STR(?o) AS ?k) ?s)\n"
            "    bgp\n"
            "      ?s ?p ?o\n");
}

TEST(TranslateTest, AggregateRules) {
  EXPECT_NE(ErrorOf("SELECT ?o { ?s ?p ?o } GROUP BY ?s").find("not grouped"), std::string::npos);
  EXPECT_NE(ErrorOf("SELECT ?o (COUNT(?s) AS ?c) { ?s ?p ?o }"), "OK");
  EXPECT_NE(ErrorOf("SELECT (?o + COUNT(?s) AS ?c) { ?s ?p ?o } GROUP BY ?s"), "OK");
  EXPECT_EQ(ErrorOf("SELECT (?s AS ?t) (COUNT(?o) + 1 AS ?c) { ?s ?p ?o } GROUP BY ?s"), "OK");
  EXPECT_NE(ErrorOf("SELECT (SUM(COUNT(?o)) AS ?c) { ?s ?p ?o }").find("inside another"),
            std::string::npos);
  EXPECT_NE(ErrorOf("SELECT * { ?s ?p ?o FILTER(COUNT(?o) > 1) }").find("outside SELECT"),
            std::string::npos);
  EXPECT_NE(ErrorOf("SELECT * { ?s ?p ?o BIND(MAX(?o) AS ?m) }"), "OK");
  EXPECT_NE(ErrorOf("SELECT ?s { ?s ?p ?o } GROUP BY (COUNT(?o))"), "OK");
  EXPECT_NE(ErrorOf("SELECT * { ?s ?p ?o } GROUP BY ?s"), "OK");
}

TEST(TranslateTest, SelectExpressions) {
  EXPECT_EQ(Algebra("SELECT ?s (?o * 2 AS ?d) (?d + 1 AS ?e) { ?s ?p ?o } ORDER BY ?e"),
            "select ?s ?d ?e\n"
            "project ?s ?d ?e\n"
            "  order ?e\n"
            "    extend ?e := (?d + \"1\"^^xsd:integer)\n"
            "      extend ?d := (?o * \"2\"^^xsd:integer)\n"
            "        bgp\n"
            "          ?s ?p ?o\n");
  EXPECT_NE(ErrorOf("SELECT (1 AS ?o) { ?s ?p ?o }").find("already in scope"), std::string::npos);
  EXPECT_NE(ErrorOf("SELECT (1 AS ?x) (2 AS ?x) {}"), "OK");
  // Grouping hides ?o but AS still may not rebind it.
  EXPECT_NE(ErrorOf("SELECT (COUNT(?o) AS ?o) { ?s ?p ?o } GROUP BY ?s"), "OK");
}

TEST(TranslateTest, DistinctReducedOrder) {
  EXPECT_EQ(Algebra("SELECT DISTINCT ?s { ?s ?p ?o } ORDER BY ?o ASC(?p) OFFSET 3"),
            "select ?s\n"
            "slice offset=3\n"
            "  distinct\n"
            "    project ?s\n"
            "      order ?o ?p\n"
            "        bgp\n"
            "          ?s ?p ?o\n");
  EXPECT_EQ(Algebra("SELECT REDUCED * { ?s ?p ?o }"),
            "select ?s ?p ?o\nreduced\n  project ?s ?p ?o\n    bgp\n      ?s ?p ?o\n");
}

TEST(TranslateTest, SelectStarListsVisibleVariablesInOrder) {
  auto query = Parse(
      "SELECT * { ?s ?p [ ?q ?o ] OPTIONAL { ?o ?r ?t } MINUS { ?s ?m ?n } "
      "{ SELECT ?u (COUNT(*) AS ?c) { ?u ?v ?w } GROUP BY ?u } BIND(1 AS ?b) "
      "FILTER EXISTS { ?s ?e ?f } } VALUES ?z { 1 }");
  ASSERT_TRUE(query.ok()) << query.status();
  std::string names;
  for (const Variable& variable : query->result_variables) names += variable.name + " ";
  EXPECT_EQ(names, "s p q o r t u c b z ");
}

TEST(TranslateTest, GraphOptionalNesting) {
  EXPECT_EQ(Algebra("ASK { GRAPH <http://g> { ?s ?p ?o OPTIONAL { ?o ?q ?r OPTIONAL { ?r ?x ?y } } "
                    "} }"),
            "ask\n"
            "graph <http://g>\n"
            "  leftjoin\n"
            "    bgp\n"
            "      ?s ?p ?o\n"
            "    leftjoin\n"
            "      bgp\n"
            "        ?o ?q ?r\n"
            "      bgp\n"
            "        ?r ?x ?y\n");
}

TEST(TranslateTest, OptionalOfOnlyAFilter) {
  EXPECT_EQ(Algebra("ASK { ?s ?p ?o OPTIONAL { FILTER(?o) } }"),
            "ask\nleftjoin ?o\n  bgp\n    ?s ?p ?o\n  bgp\n");
}

TEST(TranslateTest, AggregatesInOrderByAndHaving) {
  EXPECT_EQ(Algebra("SELECT ?s { ?s ?p ?o } GROUP BY ?s HAVING (COUNT(?o) > 1) ORDER BY "
                    "DESC(MAX(?o))"),
            "select ?s\n"
            "project ?s\n"
            "  order DESC(?#agg1)\n"
            "    filter (?#agg0 > \"1\"^^xsd:integer)\n"
            "      group (?s) ?#agg0 := COUNT(?o) ?#agg1 := MAX(?o)\n"
            "        bgp\n"
            "          ?s ?p ?o\n");
  // GROUP BY (?x) groups by the variable as GROUP BY ?x does.
  EXPECT_EQ(ErrorOf("SELECT ?s { ?s ?p ?o } GROUP BY (?s)"), "OK");
}

TEST(TranslateTest, ConstructTemplateKeepsBlankNodes) {
  auto query = Parse("CONSTRUCT { _:x <http://p> ?o . [] <http://q> (1) } WHERE { ?s ?p ?o }");
  ASSERT_TRUE(query.ok()) << query.status();
  ASSERT_EQ(query->construct_template.size(), 4u);
  const Term& subject = std::get<Term>(query->construct_template[0].subject);
  EXPECT_TRUE(subject.is_blank_node());
  EXPECT_TRUE(query->result_variables.empty());
}

TEST(TranslateTest, ServiceIsRejected) {
  EXPECT_NE(ErrorOf("SELECT * { SERVICE <http://x> { ?s ?p ?o } }").find("SERVICE"),
            std::string::npos);
}

}  // namespace
}  // namespace parley::query
