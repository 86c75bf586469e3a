// ParseUpdate: every operation of SPARQL 1.1 Update, the rules of the
// grammar notes, positioned errors and incompleteness; and LooksLikeUpdate.
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "absl/strings/str_split.h"
#include "parley/query.h"
#include "query/algebra/algebra_printer.h"
#include "query/algebra/update.h"
#include "query/parser/parser.h"
#include "query/parser/syntax_error.h"
#include "tests/query/parser/test_util.h"

namespace parley::query {
namespace {

absl::StatusOr<UpdateRequest> Update(std::string_view text) {
  ParseOptions options;
  options.base_iri = std::string(kTestBase);
  return ParseUpdate(text, options);
}

std::string Position(const TermOrVariable& position) {
  if (const Term* term = std::get_if<Term>(&position); term && term->is_default_graph()) {
    return "default";
  }
  return ToString(position);
}

std::string Target(const GraphTarget& target) {
  switch (target.kind) {
    case GraphTarget::Kind::kGraph:
      return "graph " + Position(target.iri);
    case GraphTarget::Kind::kDefault:
      return "default";
    case GraphTarget::Kind::kNamed:
      return "named";
    case GraphTarget::Kind::kAll:
      return "all";
  }
  return "?";
}

void AddQuads(std::string_view label, const std::vector<QuadPattern>& quads, std::string* out) {
  for (const QuadPattern& quad : quads) {
    *out += std::string(label) + " " + Position(quad.subject) + " " + Position(quad.predicate) +
            " " + Position(quad.object) + " " + Position(quad.graph) + "\n";
  }
}

// One block per operation: its kind line, then its parts, one per line.
std::string Print(const UpdateRequest& request) {
  static constexpr const char* kKinds[] = {"insert data", "delete data", "modify", "load", "clear",
                                           "drop",        "create",      "add",    "move", "copy"};
  std::string out;
  for (const UpdateOperation& op : request.operations) {
    out += kKinds[static_cast<int>(op.kind)];
    if (op.silent) out += " silent";
    out += "\n";
    using Kind = UpdateOperation::Kind;
    switch (op.kind) {
      case Kind::kInsertData:
      case Kind::kDeleteData:
        AddQuads("  quad", op.data, &out);
        break;
      case Kind::kModify:
        if (op.with_graph) out += "  with " + Position(*op.with_graph) + "\n";
        if (op.has_dataset) out += "  dataset\n";
        for (const Term& graph : op.from) out += "  using " + Position(graph) + "\n";
        for (const Term& graph : op.from_named) out += "  using named " + Position(graph) + "\n";
        AddQuads("  delete", op.delete_template, &out);
        AddQuads("  insert", op.insert_template, &out);
        out += "  where\n";
        for (absl::string_view line : absl::StrSplit(ToString(*op.pattern), '\n')) {
          if (!line.empty()) out += "    " + std::string(line) + "\n";
        }
        break;
      case Kind::kLoad:
        out += "  " + op.source_iri + (op.into ? " into " + Position(*op.into) : "") + "\n";
        break;
      case Kind::kClear:
      case Kind::kDrop:
      case Kind::kCreate:
        out += "  " + Target(op.target) + "\n";
        break;
      case Kind::kAdd:
      case Kind::kMove:
      case Kind::kCopy:
        out += "  " + Target(op.source) + " to " + Target(op.destination) + "\n";
        break;
    }
  }
  return out;
}

std::string Printed(std::string_view text) {
  auto request = Update(text);
  if (!request.ok()) return "ERROR: " + std::string(request.status().message());
  return Print(*request);
}

// The error message, or "OK".
std::string UpdateError(std::string_view text) {
  auto request = Update(text);
  return request.ok() ? "OK" : std::string(request.status().message());
}

// The first line of the error message ("line L, column C: ..."), or "OK".
std::string FirstLine(std::string_view text) {
  std::string message = UpdateError(text);
  return message.substr(0, message.find('\n'));
}

// ------------------------------------------------------------- the request

TEST(UpdateParserTest, EmptyRequestsAreValid) {
  for (std::string_view text :
       {"", "  \n", "# only a comment\n", "PREFIX ex: <http://ex/>", "BASE <http://b/> PREFIX : <>",
        "INSERT DATA { } ;", "INSERT DATA { } ; PREFIX ex: <http://ex/>"}) {
    auto request = Update(text);
    ASSERT_TRUE(request.ok()) << text << "\n" << request.status();
    EXPECT_EQ(request->operations.size(), text.find("INSERT") == 0 ? 1u : 0u) << text;
  }
}

TEST(UpdateParserTest, OperationsAreSeparatedBySemicolons) {
  auto request = Update("CLEAR DEFAULT ; DROP ALL ; CREATE GRAPH <g> ;");
  ASSERT_TRUE(request.ok()) << request.status();
  EXPECT_EQ(request->operations.size(), 3u);
  EXPECT_EQ(FirstLine(";"),
            "line 1, column 1: expected INSERT, DELETE, LOAD, CLEAR, DROP, CREATE, ADD, MOVE, "
            "COPY, WITH, PREFIX or BASE, found ';'");
  EXPECT_EQ(FirstLine("CLEAR ALL ; ;"),
            "line 1, column 13: expected INSERT, DELETE, LOAD, CLEAR, DROP, CREATE, ADD, MOVE, "
            "COPY, WITH, PREFIX or BASE, found ';'");
  EXPECT_EQ(UpdateError("CLEAR ALL\nCLEAR DEFAULT"),
            "line 2, column 1: expected ';' or the end of the update request, found 'CLEAR'\n"
            "  CLEAR DEFAULT\n"
            "  ^");
  EXPECT_EQ(FirstLine("SELECT * { ?s ?p ?o }"),
            "line 1, column 1: expected INSERT, DELETE, LOAD, CLEAR, DROP, CREATE, ADD, MOVE, "
            "COPY, WITH, PREFIX or BASE, found 'SELECT'");
}

TEST(UpdateParserTest, PrologueCarriesOverToLaterOperations) {
  auto request = Update(
      "PREFIX : <http://a/> INSERT DATA { :s :p :o } ;\n"
      "BASE <http://b/> INSERT DATA { <s> :p <o> } ;\n"
      "PREFIX : <http://c/> LOAD :x INTO GRAPH <g>");
  ASSERT_TRUE(request.ok()) << request.status();
  EXPECT_EQ(Print(*request),
            "insert data\n"
            "  quad <http://a/s> <http://a/p> <http://a/o> default\n"
            "insert data\n"
            "  quad <http://b/s> <http://a/p> <http://b/o> default\n"
            "load\n"
            "  http://c/x into <http://b/g>\n");
  EXPECT_EQ(request->operations[0].base_iri, kTestBase);
  EXPECT_EQ(request->operations[1].base_iri, "http://b/");
  EXPECT_EQ(request->operations[2].base_iri, "http://b/");
  EXPECT_EQ(FirstLine("INSERT DATA { <a> <b> <c> } ; INSERT DATA { ex:a <b> <c> }"),
            "line 1, column 45: undefined prefix 'ex:'");
}

TEST(UpdateParserTest, KeywordsAreCaseInsensitive) {
  EXPECT_EQ(Printed("insert data { <a> <b> <c> } ; Delete Where { ?s <b> ?o } ; clear silent all"),
            "insert data\n"
            "  quad <http://base.example/dir/a> <http://base.example/dir/b> "
            "<http://base.example/dir/c> default\n"
            "modify\n"
            "  delete ?s <http://base.example/dir/b> ?o default\n"
            "  where\n"
            "    bgp\n"
            "      ?s <http://base.example/dir/b> ?o\n"
            "clear silent\n"
            "  all\n");
}

// ------------------------------------------------------------------- DATA

TEST(UpdateParserTest, InsertData) {
  EXPECT_EQ(Printed("PREFIX : <http://ex/>\n"
                    "INSERT DATA { :s :p \"o\" ; :q 1 . GRAPH :g { :s :p :o } :a :b :c GRAPH <h> "
                    "{ } . :d :e :f . }"),
            "insert data\n"
            "  quad <http://ex/s> <http://ex/p> \"o\" default\n"
            "  quad <http://ex/s> <http://ex/q> \"1\"^^xsd:integer default\n"
            "  quad <http://ex/s> <http://ex/p> <http://ex/o> <http://ex/g>\n"
            "  quad <http://ex/a> <http://ex/b> <http://ex/c> default\n"
            "  quad <http://ex/d> <http://ex/e> <http://ex/f> default\n");
}

TEST(UpdateParserTest, DeleteData) {
  EXPECT_EQ(Printed("DELETE DATA { GRAPH <http://ex/g> { <http://ex/s> a \"x\"@en } }"),
            "delete data\n"
            "  quad <http://ex/s> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> \"x\"@en "
            "<http://ex/g>\n");
}

TEST(UpdateParserTest, InsertDataBlankNodesAreOneNodePerLabel) {
  auto request = Update("INSERT DATA { _:b <p> [ <q> 1 ] . GRAPH <g> { _:b <p> 2 } }");
  ASSERT_TRUE(request.ok()) << request.status();
  const std::vector<QuadPattern>& data = request->operations[0].data;
  ASSERT_EQ(data.size(), 3u);
  const Term& first = std::get<Term>(data[0].subject);
  EXPECT_TRUE(first.is_blank_node());
  EXPECT_EQ(std::get<Term>(data[2].subject), first);  // the same label, the same node
  const Term& anonymous = std::get<Term>(data[0].object);
  EXPECT_TRUE(anonymous.is_blank_node());
  EXPECT_NE(anonymous, first);
  EXPECT_EQ(std::get<Term>(data[1].subject), anonymous);
}

TEST(UpdateParserTest, NoVariablesInData) {
  EXPECT_EQ(UpdateError("INSERT DATA { ?s <p> <o> }"),
            "line 1, column 15: variables are not allowed in INSERT DATA (found ?s)\n"
            "  INSERT DATA { ?s <p> <o> }\n"
            "                ^");
  EXPECT_EQ(FirstLine("DELETE DATA { <s> ?p <o> }"),
            "line 1, column 19: variables are not allowed in DELETE DATA (found ?p)");
  EXPECT_EQ(FirstLine("INSERT DATA {\n  GRAPH ?g { <s> <p> <o> } }"),
            "line 2, column 9: variables are not allowed in INSERT DATA (found ?g)");
  EXPECT_EQ(FirstLine("DELETE DATA { GRAPH $g { } }"),
            "line 1, column 21: variables are not allowed in DELETE DATA (found ?g)");
  EXPECT_EQ(FirstLine("INSERT DATA { <s> <p> [ <q> ?x ] }"),
            "line 1, column 29: variables are not allowed in INSERT DATA (found ?x)");
}

TEST(UpdateParserTest, NoBlankNodesInDeleteData) {
  EXPECT_EQ(UpdateError("DELETE DATA { <s> <p> _:b }"),
            "line 1, column 23: blank nodes are not allowed in DELETE DATA\n"
            "  DELETE DATA { <s> <p> _:b }\n"
            "                        ^");
  EXPECT_EQ(FirstLine("DELETE DATA { [] <p> <o> }"),
            "line 1, column 15: blank nodes are not allowed in DELETE DATA");
  EXPECT_EQ(FirstLine("DELETE DATA { <s> <p> ( 1 ) }"),
            "line 1, column 25: blank nodes are not allowed in DELETE DATA");
  EXPECT_EQ(FirstLine("DELETE DATA { GRAPH <g> { <s> <p> [ <q> <r> ] } }"),
            "line 1, column 35: blank nodes are not allowed in DELETE DATA");
}

TEST(UpdateParserTest, QuadSyntaxErrors) {
  EXPECT_EQ(FirstLine("INSERT DATA { <a> <b> <c> <d> <e> <f> }"),
            "line 1, column 27: expected '.', '}' or GRAPH, found '<d>'");
  EXPECT_EQ(FirstLine("INSERT DATA { GRAPH <g> { GRAPH <h> { } } }"),
            "line 1, column 27: expected '}' or a triple, found 'GRAPH'");
  EXPECT_EQ(FirstLine("INSERT DATA { FILTER(true) }"),
            "line 1, column 15: expected '}', GRAPH or a triple, found 'FILTER'");
  EXPECT_EQ(FirstLine("INSERT DATA <a> <b> <c>"), "line 1, column 13: expected '{', found '<a>'");
  EXPECT_EQ(FirstLine("INSERT { ?s <p>/<q> ?o } WHERE { }"),
            "line 1, column 16: expected an object (a term, a variable, '[' or '('), found '/'");
}

// ---------------------------------------------------------- DELETE WHERE

TEST(UpdateParserTest, DeleteWhereIsModifyWithThePatternAsTemplate) {
  EXPECT_EQ(Printed("DELETE WHERE { ?s <p> ?o . GRAPH ?g { ?s <q> ?x } ?o <r> 1 }"),
            "modify\n"
            "  delete ?s <http://base.example/dir/p> ?o default\n"
            "  delete ?s <http://base.example/dir/q> ?x ?g\n"
            "  delete ?o <http://base.example/dir/r> \"1\"^^xsd:integer default\n"
            "  where\n"
            "    join\n"
            "      join\n"
            "        bgp\n"
            "          ?s <http://base.example/dir/p> ?o\n"
            "        graph ?g\n"
            "          bgp\n"
            "            ?s <http://base.example/dir/q> ?x\n"
            "      bgp\n"
            "        ?o <http://base.example/dir/r> \"1\"^^xsd:integer\n");
  EXPECT_EQ(Printed("DELETE WHERE { }"),
            "modify\n"
            "  where\n"
            "    bgp\n");
}

TEST(UpdateParserTest, NoBlankNodesInDeleteWhere) {
  EXPECT_EQ(FirstLine("DELETE WHERE { ?s <p> _:o }"),
            "line 1, column 23: blank nodes are not allowed in DELETE WHERE");
  EXPECT_EQ(FirstLine("DELETE WHERE { GRAPH <g> { [] <p> ?o } }"),
            "line 1, column 28: blank nodes are not allowed in DELETE WHERE");
  EXPECT_EQ(FirstLine("WITH <g> DELETE WHERE { ?s ?p ?o }"),
            "line 1, column 17: expected '{', found 'WHERE'");
}

// ---------------------------------------------------- DELETE/INSERT WHERE

TEST(UpdateParserTest, DeleteInsertWhere) {
  EXPECT_EQ(Printed("PREFIX : <http://ex/>\n"
                    "DELETE { ?a :knows ?b } INSERT { ?b :knows ?a . GRAPH ?g { ?a :p _:n } }\n"
                    "WHERE { ?a :knows ?b OPTIONAL { GRAPH ?g { ?a :q ?c } } }"),
            "modify\n"
            "  delete ?a <http://ex/knows> ?b default\n"
            "  insert ?b <http://ex/knows> ?a default\n"
            "  insert ?a <http://ex/p> _:ln ?g\n"
            "  where\n"
            "    leftjoin\n"
            "      bgp\n"
            "        ?a <http://ex/knows> ?b\n"
            "      graph ?g\n"
            "        bgp\n"
            "          ?a <http://ex/q> ?c\n");
  EXPECT_EQ(Printed("INSERT { <s> <p> ?o } WHERE { BIND(1 AS ?o) }"),
            "modify\n"
            "  insert <http://base.example/dir/s> <http://base.example/dir/p> ?o default\n"
            "  where\n"
            "    extend ?o := \"1\"^^xsd:integer\n"
            "      bgp\n");
  EXPECT_EQ(Printed("DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }"),
            "modify\n"
            "  delete ?s ?p ?o default\n"
            "  where\n"
            "    bgp\n"
            "      ?s ?p ?o\n");
}

TEST(UpdateParserTest, NoBlankNodesInDeleteTemplates) {
  EXPECT_EQ(UpdateError("DELETE { ?s <p> _:b } WHERE { ?s <p> ?o }"),
            "line 1, column 17: blank nodes are not allowed in a DELETE template\n"
            "  DELETE { ?s <p> _:b } WHERE { ?s <p> ?o }\n"
            "                  ^");
  EXPECT_EQ(FirstLine("DELETE { ?s <p> [] } INSERT { ?s <p> [] } WHERE { }"),
            "line 1, column 17: blank nodes are not allowed in a DELETE template");
  // INSERT templates may hold them: fresh blank nodes per solution.
  EXPECT_EQ(UpdateError("INSERT { ?s <p> [] , _:b } WHERE { ?s <p> ?o }"), "OK");
}

TEST(UpdateParserTest, ModifySyntaxErrors) {
  EXPECT_EQ(FirstLine("WITH <g> WHERE { }"),
            "line 1, column 10: expected DELETE or INSERT, found 'WHERE'");
  EXPECT_EQ(FirstLine("DELETE { } { }"),
            "line 1, column 12: expected INSERT, USING or WHERE, found '{'");
  EXPECT_EQ(FirstLine("INSERT { } USING <g> { }"),
            "line 1, column 22: expected USING or WHERE, found '{'");
  EXPECT_EQ(FirstLine("INSERT { } WHERE"), "line 1, column 17: expected '{', found end of input");
  EXPECT_EQ(FirstLine("INSERT { } WHERE { } INSERT DATA { }"),
            "line 1, column 22: expected ';' or the end of the update request, found 'INSERT'");
}

TEST(UpdateParserTest, WithAppliesToTemplatesAndTheDefaultGraphOfWhere) {
  EXPECT_EQ(Printed("WITH <http://ex/g> DELETE { ?s <p> ?o } INSERT { GRAPH <h> { ?s <p> ?o } "
                    "?s <q> ?o } WHERE { ?s <p> ?o }"),
            "modify\n"
            "  with <http://ex/g>\n"
            "  delete ?s <http://base.example/dir/p> ?o <http://ex/g>\n"
            "  insert ?s <http://base.example/dir/p> ?o <http://base.example/dir/h>\n"
            "  insert ?s <http://base.example/dir/q> ?o <http://ex/g>\n"
            "  where\n"
            "    bgp\n"
            "      ?s <http://base.example/dir/p> ?o\n");
}

TEST(UpdateParserTest, UsingSetsTheDatasetAndOverridesWith) {
  EXPECT_EQ(Printed("WITH <g> INSERT { ?s <p> 1 } USING <u1> USING NAMED <n> USING <u2> "
                    "WHERE { ?s ?p ?o }"),
            "modify\n"
            "  dataset\n"
            "  using <http://base.example/dir/u1>\n"
            "  using <http://base.example/dir/u2>\n"
            "  using named <http://base.example/dir/n>\n"
            "  insert ?s <http://base.example/dir/p> \"1\"^^xsd:integer "
            "<http://base.example/dir/g>\n"
            "  where\n"
            "    bgp\n"
            "      ?s ?p ?o\n");
  auto request = Update("DELETE { ?s ?p ?o } USING NAMED <n> WHERE { GRAPH <n> { ?s ?p ?o } }");
  ASSERT_TRUE(request.ok()) << request.status();
  const UpdateOperation& op = request->operations[0];
  EXPECT_TRUE(op.has_dataset);
  EXPECT_TRUE(op.from.empty());
  ASSERT_EQ(op.from_named.size(), 1u);
  EXPECT_FALSE(op.with_graph.has_value());
}

// --------------------------------------------------- graph management

TEST(UpdateParserTest, LoadClearDropCreate) {
  EXPECT_EQ(Printed("LOAD <http://ex/data.ttl> ; LOAD SILENT <file.ttl> INTO GRAPH <g> ;\n"
                    "CLEAR GRAPH <g> ; CLEAR SILENT DEFAULT ; CLEAR NAMED ; CLEAR ALL ;\n"
                    "DROP GRAPH <g> ; DROP SILENT ALL ; CREATE GRAPH <g> ; CREATE SILENT GRAPH "
                    "<h>"),
            "load\n"
            "  http://ex/data.ttl\n"
            "load silent\n"
            "  http://base.example/dir/file.ttl into <http://base.example/dir/g>\n"
            "clear\n"
            "  graph <http://base.example/dir/g>\n"
            "clear silent\n"
            "  default\n"
            "clear\n"
            "  named\n"
            "clear\n"
            "  all\n"
            "drop\n"
            "  graph <http://base.example/dir/g>\n"
            "drop silent\n"
            "  all\n"
            "create\n"
            "  graph <http://base.example/dir/g>\n"
            "create silent\n"
            "  graph <http://base.example/dir/h>\n");
}

TEST(UpdateParserTest, AddMoveCopy) {
  EXPECT_EQ(Printed("ADD DEFAULT TO <g> ; ADD SILENT GRAPH <g> TO DEFAULT ;\n"
                    "MOVE <a> TO GRAPH <b> ; MOVE SILENT DEFAULT TO DEFAULT ;\n"
                    "COPY GRAPH <a> TO <b> ; COPY SILENT <a> TO DEFAULT"),
            "add\n"
            "  default to graph <http://base.example/dir/g>\n"
            "add silent\n"
            "  graph <http://base.example/dir/g> to default\n"
            "move\n"
            "  graph <http://base.example/dir/a> to graph <http://base.example/dir/b>\n"
            "move silent\n"
            "  default to default\n"
            "copy\n"
            "  graph <http://base.example/dir/a> to graph <http://base.example/dir/b>\n"
            "copy silent\n"
            "  graph <http://base.example/dir/a> to default\n");
}

TEST(UpdateParserTest, GraphManagementErrors) {
  EXPECT_EQ(FirstLine("CLEAR <g>"),
            "line 1, column 7: expected GRAPH, DEFAULT, NAMED or ALL, found '<g>'");
  EXPECT_EQ(FirstLine("DROP SILENT GRAPH DEFAULT"),
            "line 1, column 19: expected an IRI, found 'DEFAULT'");
  EXPECT_EQ(FirstLine("CREATE DEFAULT"), "line 1, column 8: expected GRAPH, found 'DEFAULT'");
  EXPECT_EQ(FirstLine("ADD NAMED TO DEFAULT"),
            "line 1, column 5: expected DEFAULT, GRAPH or an IRI, found 'NAMED'");
  EXPECT_EQ(FirstLine("MOVE DEFAULT <g>"), "line 1, column 14: expected TO, found '<g>'");
  EXPECT_EQ(FirstLine("COPY ALL TO DEFAULT"),
            "line 1, column 6: expected DEFAULT, GRAPH or an IRI, found 'ALL'");
  EXPECT_EQ(FirstLine("LOAD <a> INTO <g>"), "line 1, column 15: expected GRAPH, found '<g>'");
  EXPECT_EQ(FirstLine("LOAD DEFAULT"), "line 1, column 6: expected an IRI, found 'DEFAULT'");
  ParseOptions no_base;
  auto relative = ParseUpdate("CLEAR GRAPH <g>", no_base);
  ASSERT_FALSE(relative.ok());
  EXPECT_NE(relative.status().message().find("relative IRI <g> but no BASE"), std::string::npos);
}

// ----------------------------------------------------- blank node labels

TEST(UpdateParserTest, InsertDataLabelsBelongToOneOperation) {
  EXPECT_EQ(UpdateError("INSERT DATA { _:b <p> <o> } ;\nINSERT DATA { _:b <p> <o> }"),
            "line 2, column 15: blank node _:b is already used in an INSERT DATA of an earlier "
            "operation of this request (a blank node label of INSERT DATA belongs to that "
            "operation only)\n"
            "  INSERT DATA { _:b <p> <o> }\n"
            "                ^");
  EXPECT_EQ(FirstLine("INSERT DATA { _:b <p> <o> } ; DELETE { ?s <p> ?o } WHERE { _:b <p> ?o }"),
            "line 1, column 60: blank node _:b is already used in an INSERT DATA of an earlier "
            "operation of this request (a blank node label of INSERT DATA belongs to that "
            "operation only)");
  EXPECT_EQ(FirstLine("DELETE { ?s <p> ?o } WHERE { _:b <p> ?o } ; INSERT DATA { <s> <p> _:b }"),
            "line 1, column 67: blank node _:b is already used in the WHERE pattern of an "
            "earlier operation of this request (a blank node label of INSERT DATA belongs to "
            "that operation only)");
  // Allowed: one INSERT DATA across GRAPH blocks, INSERT templates of two
  // operations (fresh nodes per solution), WHERE patterns of two operations.
  EXPECT_EQ(UpdateError("INSERT DATA { GRAPH <g1> { _:b <p> <o> } GRAPH <g2> { _:b <p> <o> } }"),
            "OK");
  EXPECT_EQ(UpdateError("INSERT { GRAPH <g1> { _:b <p> <o> } } WHERE { } ;\n"
                        "INSERT { GRAPH <g2> { _:b <p> <o> } } WHERE { } ;\n"
                        "INSERT DATA { [] <p> <o> } ; INSERT DATA { [] <p> <o> }"),
            "OK");
  EXPECT_EQ(UpdateError("DELETE { ?s <p> ?o } WHERE { _:b <p> ?o } ;\n"
                        "DELETE { ?s <p> ?o } WHERE { _:b <p> ?o }"),
            "OK");
  // Within one WHERE, the query rule: one basic graph pattern per label.
  EXPECT_EQ(FirstLine("INSERT { <a> <b> <c> } WHERE { _:b <p> ?o OPTIONAL { _:b <q> ?x } }"),
            "line 1, column 54: blank node _:b is used in two basic graph patterns");
}

// ----------------------------------------------- incomplete text, nesting

TEST(UpdateParserTest, IncompleteInput) {
  for (std::string_view text :
       {"INSERT DATA {", "INSERT DATA { <a> <b> \"x", "DELETE", "INSERT", "LOAD", "CLEAR",
        "CREATE GRAPH", "COPY DEFAULT TO", "WITH <g> DELETE { ?s ?p ?o } WHERE {",
        "INSERT DATA { GRAPH <g> {", "DELETE WHERE { ?s ?p", "INSERT { } USING",
        "PREFIX ex: <http://ex/> INSERT DATA { ex:a ex:b (1 2", "DROP SILENT"}) {
    auto request = Update(text);
    ASSERT_FALSE(request.ok()) << text;
    EXPECT_TRUE(query::IsIncompleteSyntaxError(request.status())) << text << "\n"
                                                                  << request.status();
  }
  for (std::string_view text : {"INSERT DATA { ?s <p> <o> }", "CLEAR FOO", "INSERT DATA { } }",
                                "DELETE DATA { _:b <p> <o> }"}) {
    auto request = Update(text);
    ASSERT_FALSE(request.ok()) << text;
    EXPECT_FALSE(query::IsIncompleteSyntaxError(request.status())) << text;
    EXPECT_EQ(request.status().code(), absl::StatusCode::kInvalidArgument);
  }
}

TEST(UpdateParserTest, DeepNestingIsAnErrorNotACrash) {
  std::string data = "INSERT DATA { <s> <p> ";
  for (int i = 0; i < 2000; ++i) data += "[ <p> ";
  data += "1";
  for (int i = 0; i < 2000; ++i) data += " ]";
  data += " }";
  EXPECT_NE(UpdateError(data).find("nesting deeper than"), std::string::npos);
  std::string where = "INSERT { <a> <b> <c> } WHERE ";
  for (int i = 0; i < 2000; ++i) where += "{ ";
  for (int i = 0; i < 2000; ++i) where += "} ";
  EXPECT_NE(UpdateError(where).find("nesting deeper than"), std::string::npos);
  std::string many = "DELETE WHERE { ";
  for (int i = 0; i < 3000; ++i) many += "GRAPH <g> { ?s ?p ?o } ";
  many += "}";
  EXPECT_NE(UpdateError(many).find("deeper than"), std::string::npos);
}

// ------------------------------------------------------- LooksLikeUpdate

TEST(UpdateParserTest, LooksLikeUpdate) {
  for (std::string_view text :
       {"INSERT DATA { <a> <b> <c> }", "  prefix ex: <http://ex/>\n delete where { ?s ?p ?o }", "",
        "# only a comment\n", "PREFIX ex: <http://ex/>", "BASE <http://b/> PREFIX : <x>",
        "with <g> delete { } where { }", "LOAD <x>", "clear all", "Drop graph <g>",
        "CREATE GRAPH <g>", "ADD DEFAULT TO <g>", "MOVE <a> TO <b>", "COPY <a> TO <b>",
        "INSERT DATA { <a> <b> \"unterminated", "DELETE DATA {\n<a> <b> '''long"}) {
    EXPECT_TRUE(query::LooksLikeUpdateText(text)) << text;
  }
  for (std::string_view text :
       {"SELECT * { ?s ?p ?o }", "PREFIX ex: <http://ex/> ASK { }", "DESCRIBE <x>",
        "CONSTRUCT WHERE { ?s ?p ?o }", "garbage", "\"unterminated", "{ INSERT }",
        "# INSERT\nSELECT * { }", "SELECT * { ?s ?p \"unterminated"}) {
    EXPECT_FALSE(query::LooksLikeUpdateText(text)) << text;
  }
}

}  // namespace
}  // namespace parley::query
