// The grammar: each form and construct parses, and terms come out right.
#include <gtest/gtest.h>

#include "tests/query/parser/test_util.h"

namespace parley::query {
namespace {

constexpr std::string_view kPrefixes =
    "PREFIX ex: <http://ex/> PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> ";

std::string P(std::string_view body) { return std::string(kPrefixes) + std::string(body); }

TEST(ParserTest, SelectStarBgp) {
  EXPECT_EQ(Algebra(P("SELECT * WHERE { ?s ex:p ?o ; ex:q ?r , ?t }")),
            "select ?s ?o ?r ?t\n"
            "project ?s ?o ?r ?t\n"
            "  bgp\n"
            "    ?s <http://ex/p> ?o\n"
            "    ?s <http://ex/q> ?r\n"
            "    ?s <http://ex/q> ?t\n");
}

TEST(ParserTest, LiteralsGetTheirDatatypes) {
  EXPECT_EQ(Algebra(P("ASK { ?s ex:p 1, -2, 1.5, +1e3, true, \"x\", 'y'@EN, \"3\"^^xsd:int }")),
            "ask\n"
            "bgp\n"
            "  ?s <http://ex/p> \"1\"^^xsd:integer\n"
            "  ?s <http://ex/p> \"-2\"^^xsd:integer\n"
            "  ?s <http://ex/p> \"1.5\"^^xsd:decimal\n"
            "  ?s <http://ex/p> \"+1e3\"^^xsd:double\n"
            "  ?s <http://ex/p> \"true\"^^xsd:boolean\n"
            "  ?s <http://ex/p> \"x\"\n"
            "  ?s <http://ex/p> \"y\"@en\n"
            "  ?s <http://ex/p> \"3\"^^xsd:int\n");
}

TEST(ParserTest, RelativeIrisResolveAgainstTheBase) {
  EXPECT_EQ(Algebra("ASK { <a> <../b> <#c> }"),
            "ask\nbgp\n  <http://base.example/dir/a> <http://base.example/b> "
            "<http://base.example/dir/#c>\n");
  EXPECT_EQ(Algebra("BASE <http://other/x/y> PREFIX p: <z/> ASK { <a> p:b <> }"),
            "ask\nbgp\n  <http://other/x/a> <http://other/x/z/b> <http://other/x/y>\n");
  ParseOptions no_base;
  auto query = ParseQuery("ASK { <a> ?p ?o }", no_base);
  EXPECT_FALSE(query.ok());
  EXPECT_TRUE(ParseQuery("ASK { <http://a> ?p ?o }", no_base).ok());
  ParseOptions relative_base;
  relative_base.base_iri = "dir/";
  EXPECT_FALSE(ParseQuery("ASK { ?s ?p ?o }", relative_base).ok());
}

TEST(ParserTest, BlankNodesBecomeHiddenVariables) {
  EXPECT_EQ(Algebra(P("SELECT * { _:a ex:p [ ex:q ?x ] . [] ex:r ?y }")),
            "select ?x ?y\n"
            "project ?x ?y\n"
            "  bgp\n"
            "    ?#_:a <http://ex/p> ?#bn0\n"
            "    ?#bn0 <http://ex/q> ?x\n"
            "    ?#bn1 <http://ex/r> ?y\n");
}

TEST(ParserTest, Collections) {
  EXPECT_EQ(Algebra(P("ASK { ?s ex:p (1 ?x) }")),
            "ask\n"
            "bgp\n"
            "  ?s <http://ex/p> ?#bn0\n"
            "  ?#bn0 <http://www.w3.org/1999/02/22-rdf-syntax-ns#first> \"1\"^^xsd:integer\n"
            "  ?#bn0 <http://www.w3.org/1999/02/22-rdf-syntax-ns#rest> ?#bn1\n"
            "  ?#bn1 <http://www.w3.org/1999/02/22-rdf-syntax-ns#first> ?x\n"
            "  ?#bn1 <http://www.w3.org/1999/02/22-rdf-syntax-ns#rest> "
            "<http://www.w3.org/1999/02/22-rdf-syntax-ns#nil>\n");
  EXPECT_EQ(Algebra(P("ASK { ?s ex:p () }")),
            "ask\nbgp\n  ?s <http://ex/p> <http://www.w3.org/1999/02/22-rdf-syntax-ns#nil>\n");
}

TEST(ParserTest, KeywordsAreCaseInsensitiveExceptA) {
  EXPECT_EQ(Algebra(P("select ?s where { ?s a ex:C } limit 1")),
            "select ?s\n"
            "slice offset=0 limit=1\n"
            "  project ?s\n"
            "    bgp\n"
            "      ?s <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://ex/C>\n");
  EXPECT_NE(ErrorOf(P("SELECT ?s { ?s A ex:C }")), "OK");
}

TEST(ParserTest, Paths) {
  EXPECT_EQ(Algebra(P("ASK { ?s ex:a/^ex:b ?o . ?s (ex:c|ex:d)+ ?o . ?s !(ex:e|^a) ?o }")),
            "ask\n"
            "join\n"
            "  join\n"
            "    bgp\n"
            "      ?s <http://ex/a> ?#path0\n"
            "      ?o <http://ex/b> ?#path0\n"
            "    path ?s (<http://ex/c>|<http://ex/d>)+ ?o\n"
            "  path ?s !(<http://ex/e>|^<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>) ?o\n");
  EXPECT_EQ(Algebra(P("ASK { ?s ex:a* ?o }")), "ask\npath ?s <http://ex/a>* ?o\n");
  EXPECT_EQ(Algebra(P("ASK { ?s ex:a? ?o }")), "ask\npath ?s <http://ex/a>? ?o\n");
  EXPECT_EQ(Algebra(P("ASK { ?s ^(ex:a/ex:b) ?o }")),
            "ask\npath ?s ^(<http://ex/a>/<http://ex/b>) ?o\n");
}

TEST(ParserTest, ConstructAndDescribe) {
  EXPECT_EQ(Algebra(P("CONSTRUCT { ?s ex:q [ ex:r _:l ] } WHERE { ?s ex:p ?o }")),
            "construct\n"
            "  ?s <http://ex/q> _:a0\n"
            "  _:a0 <http://ex/r> _:ll\n"
            "bgp\n"
            "  ?s <http://ex/p> ?o\n");
  EXPECT_EQ(Algebra(P("CONSTRUCT WHERE { ?s ex:p ?o }")),
            "construct\n  ?s <http://ex/p> ?o\nbgp\n  ?s <http://ex/p> ?o\n");
  EXPECT_EQ(Algebra(P("DESCRIBE ex:a ?x FROM ex:g FROM NAMED ex:h WHERE { ?x ex:p ?y }")),
            "describe <http://ex/a> ?x\n"
            "from <http://ex/g>\n"
            "from named <http://ex/h>\n"
            "bgp\n"
            "  ?x <http://ex/p> ?y\n");
  EXPECT_EQ(Algebra("DESCRIBE <http://ex/a>"), "describe <http://ex/a>\nbgp\n");
  EXPECT_EQ(Algebra("DESCRIBE * { ?x ?p ?y }"), "describe ?x ?p ?y\nbgp\n  ?x ?p ?y\n");
}

TEST(ParserTest, ExpressionPrecedence) {
  EXPECT_EQ(Algebra("ASK { FILTER(?a || ?b && !?c = 1 + 2 * -?d) }"),
            "ask\n"
            "filter (?a || (?b && (!?c = (\"1\"^^xsd:integer + (\"2\"^^xsd:integer * -?d)))))\n"
            "  bgp\n");
  // "?x-1" is ?x minus 1, as the grammar's signed-number rule gives.
  EXPECT_EQ(Algebra("ASK { FILTER(?x-1 > -1) }"),
            "ask\n"
            "filter ((?x - \"1\"^^xsd:integer) > \"-1\"^^xsd:integer)\n"
            "  bgp\n");
  EXPECT_EQ(Algebra("ASK { FILTER(?x IN (1, 2) && ?y NOT IN ()) }"),
            "ask\n"
            "filter ((?x IN (\"1\"^^xsd:integer, \"2\"^^xsd:integer)) && (?y NOT IN ()))\n"
            "  bgp\n");
}

TEST(ParserTest, BuiltinsAndFunctions) {
  EXPECT_EQ(Algebra(P("ASK { FILTER(regex(str(?x), \"a\", \"i\") && BOUND(?y) && "
                      "IF(?a, ?b, ?c) && COALESCE(?d) && xsd:integer(?e) && STRLEN(?f) > 0 && "
                      "!sameTerm(?g, ?h) && isIRI(?i) && NOW() && ?z) }")),
            "ask\n"
            "filter (REGEX(STR(?x), \"a\", \"i\") && BOUND(?y) && IF(?a, ?b, ?c) && "
            "COALESCE(?d) && <http://www.w3.org/2001/XMLSchema#integer>(?e) && (STRLEN(?f) > "
            "\"0\"^^xsd:integer) && !SAMETERM(?g, ?h) && ISIRI(?i) && NOW() && ?z)\n"
            "  bgp\n");
  EXPECT_EQ(Algebra("ASK { FILTER(isURI(?x)) }"), "ask\nfilter ISIRI(?x)\n  bgp\n");
  EXPECT_NE(ErrorOf("ASK { FILTER(STRLEN(?a, ?b)) }"), "OK");
  EXPECT_NE(ErrorOf("ASK { FILTER(NOSUCH(?a)) }"), "OK");
}

TEST(ParserTest, ExistsAndNotExists) {
  EXPECT_EQ(Algebra("ASK { ?s ?p ?o FILTER NOT EXISTS { ?s ?q ?o } }"),
            "ask\n"
            "filter NOT EXISTS{bgp ?s ?q ?o}\n"
            "  bgp\n"
            "    ?s ?p ?o\n");
}

TEST(ParserTest, Values) {
  EXPECT_EQ(Algebra("SELECT * { VALUES ?x { 1 UNDEF } ?x ?p ?o } VALUES (?p) { (<http://p>) }"),
            "select ?x ?p ?o\n"
            "project ?x ?p ?o\n"
            "  join\n"
            "    join\n"
            "      table (?x) (\"1\"^^xsd:integer) (UNDEF)\n"
            "      bgp\n"
            "        ?x ?p ?o\n"
            "    table (?p) (<http://p>)\n");
  EXPECT_NE(ErrorOf("SELECT * { VALUES (?x ?y) { (1) } }"), "OK");
  EXPECT_EQ(Algebra("ASK { VALUES () { () () } }"), "ask\ntable () () ()\n");
}

TEST(ParserTest, Subquery) {
  EXPECT_EQ(Algebra("SELECT * { ?s ?p ?o { SELECT ?s { ?s ?q ?r } LIMIT 2 } }"),
            "select ?s ?p ?o\n"
            "project ?s ?p ?o\n"
            "  join\n"
            "    bgp\n"
            "      ?s ?p ?o\n"
            "    slice offset=0 limit=2\n"
            "      project ?s\n"
            "        bgp\n"
            "          ?s ?q ?r\n");
}

TEST(ParserTest, GraphAndDataset) {
  EXPECT_EQ(Algebra("SELECT * FROM <http://g> { GRAPH ?g { ?s ?p ?o } }"),
            "select ?g ?s ?p ?o\n"
            "from <http://g>\n"
            "project ?g ?s ?p ?o\n"
            "  graph ?g\n"
            "    bgp\n"
            "      ?s ?p ?o\n");
}

TEST(ParserTest, TrailingDotsAndSemicolons) {
  EXPECT_EQ(Algebra("ASK { ?s ?p ?o ; . ?a ?b ?c . }"), "ask\nbgp\n  ?s ?p ?o\n  ?a ?b ?c\n");
  EXPECT_NE(ErrorOf("ASK { ?s ?p ?o ?a ?b ?c }"), "OK");
  EXPECT_NE(ErrorOf("ASK { ?s ?p ?o .. }"), "OK");
}

TEST(ParserTest, UndefinedPrefixIsAnError) {
  EXPECT_NE(ErrorOf("ASK { ?s nope:p ?o }").find("undefined prefix 'nope:'"), std::string::npos);
}

}  // namespace
}  // namespace parley::query
