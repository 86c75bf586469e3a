#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "query/expr/functions.h"

namespace parley::query {
namespace {

const std::string kXsdPrefix = "http://www.w3.org/2001/XMLSchema#";

Term Typed(std::string lexical, const std::string& local_type) {
  return Term::TypedLiteral(std::move(lexical), kXsdPrefix + local_type);
}
Term Lit(std::string lexical) { return Term::Literal(std::move(lexical)); }

class TermFunctionsTest : public ::testing::Test {
 protected:
  std::string Call(Builtin builtin, std::vector<Term> args) {
    ExprValue value = CallBuiltin(builtin, args, context_);
    return value ? value->ToNTriples() : "error";
  }
  FunctionContext context_ = MakeFunctionContext();
};

TEST_F(TermFunctionsTest, KindTests) {
  const std::string kTrue = "\"true\"^^<" + kXsdPrefix + "boolean>";
  const std::string kFalse = "\"false\"^^<" + kXsdPrefix + "boolean>";
  EXPECT_EQ(Call(Builtin::kIsIri, {Term::Iri("http://x/")}), kTrue);
  EXPECT_EQ(Call(Builtin::kIsIri, {Lit("http://x/")}), kFalse);
  EXPECT_EQ(Call(Builtin::kIsBlank, {Term::BlankNode("b")}), kTrue);
  EXPECT_EQ(Call(Builtin::kIsBlank, {Term::Iri("http://x/")}), kFalse);
  EXPECT_EQ(Call(Builtin::kIsLiteral, {Term::LangLiteral("a", "en")}), kTrue);
  EXPECT_EQ(Call(Builtin::kIsLiteral, {Term::BlankNode("b")}), kFalse);
  EXPECT_EQ(Call(Builtin::kIsNumeric, {Typed("12", "integer")}), kTrue);
  EXPECT_EQ(Call(Builtin::kIsNumeric, {Typed("1200", "byte")}), kFalse);
  EXPECT_EQ(Call(Builtin::kIsNumeric, {Lit("12")}), kFalse);
  EXPECT_EQ(Call(Builtin::kSameTerm, {Typed("1", "integer"), Typed("1", "integer")}), kTrue);
  EXPECT_EQ(Call(Builtin::kSameTerm, {Typed("1", "integer"), Typed("01", "integer")}), kFalse);
  EXPECT_EQ(Call(Builtin::kSameTerm, {Lit("a"), Typed("a", "string")}), kTrue);
  EXPECT_EQ(Call(Builtin::kSameTerm, {Typed("NaN", "double"), Typed("NaN", "double")}), kTrue);
}

TEST_F(TermFunctionsTest, StrLangDatatype) {
  EXPECT_EQ(Call(Builtin::kStr, {Term::Iri("http://x/")}), "\"http://x/\"");
  EXPECT_EQ(Call(Builtin::kStr, {Term::LangLiteral("chat", "en")}), "\"chat\"");
  EXPECT_EQ(Call(Builtin::kStr, {Typed("01", "integer")}), "\"01\"");
  EXPECT_EQ(Call(Builtin::kStr, {Term::BlankNode("b")}), "error");
  EXPECT_EQ(Call(Builtin::kLang, {Term::LangLiteral("chat", "EN-gb")}), "\"en-gb\"");
  EXPECT_EQ(Call(Builtin::kLang, {Lit("chat")}), "\"\"");
  EXPECT_EQ(Call(Builtin::kLang, {Term::Iri("http://x/")}), "error");
  EXPECT_EQ(Call(Builtin::kDatatype, {Lit("chat")}), "<" + kXsdPrefix + "string>");
  EXPECT_EQ(Call(Builtin::kDatatype, {Term::LangLiteral("chat", "en")}),
            "<http://www.w3.org/1999/02/22-rdf-syntax-ns#langString>");
  EXPECT_EQ(Call(Builtin::kDatatype, {Typed("1", "int")}), "<" + kXsdPrefix + "int>");
  EXPECT_EQ(Call(Builtin::kDatatype, {Term::Iri("http://x/")}), "error");
}

TEST_F(TermFunctionsTest, Iri) {
  EXPECT_EQ(Call(Builtin::kIri, {Lit("http://example.org/a")}), "<http://example.org/a>");
  EXPECT_EQ(Call(Builtin::kIri, {Typed("http://example.org/a", "string")}),
            "<http://example.org/a>");
  EXPECT_EQ(Call(Builtin::kIri, {Term::Iri("http://example.org/a")}), "<http://example.org/a>");
  EXPECT_EQ(Call(Builtin::kIri, {Lit("iri")}), "error");  // relative, no BASE
  EXPECT_EQ(Call(Builtin::kIri, {Lit("http://example.org/a b")}), "error");
  EXPECT_EQ(Call(Builtin::kIri, {Term::LangLiteral("http://example.org/", "en")}), "error");
  context_.base_iri = "http://example.org/dir/file";
  EXPECT_EQ(Call(Builtin::kIri, {Lit("iri")}), "<http://example.org/dir/iri>");
  EXPECT_EQ(Call(Builtin::kIri, {Lit("../up")}), "<http://example.org/up>");
  EXPECT_EQ(Call(Builtin::kIri, {Lit("/root")}), "<http://example.org/root>");
  EXPECT_EQ(Call(Builtin::kIri, {Lit("#frag")}), "<http://example.org/dir/file#frag>");
  EXPECT_EQ(Call(Builtin::kIri, {Lit("?q")}), "<http://example.org/dir/file?q>");
  EXPECT_EQ(Call(Builtin::kIri, {Lit("//other.org/x")}), "<http://other.org/x>");
  EXPECT_EQ(Call(Builtin::kIri, {Lit("urn:x")}), "<urn:x>");
}

TEST_F(TermFunctionsTest, Bnode) {
  ExprValue a = CallBuiltin(Builtin::kBnode, {}, context_);
  ExprValue b = CallBuiltin(Builtin::kBnode, {}, context_);
  ASSERT_TRUE(a && b);
  EXPECT_TRUE(a->is_blank_node());
  EXPECT_NE(*a, *b);
  std::vector<Term> foo = {Lit("foo")}, bar = {Lit("bar")};
  ExprValue foo1 = CallBuiltin(Builtin::kBnode, foo, context_);
  ExprValue foo2 = CallBuiltin(Builtin::kBnode, foo, context_);
  ExprValue bar1 = CallBuiltin(Builtin::kBnode, bar, context_);
  ASSERT_TRUE(foo1 && foo2 && bar1);
  EXPECT_EQ(*foo1, *foo2);
  EXPECT_NE(*foo1, *bar1);
  EXPECT_NE(*foo1, *a);
  context_.bnode_labels.clear();  // the next solution
  ExprValue foo3 = CallBuiltin(Builtin::kBnode, foo, context_);
  ASSERT_TRUE(foo3);
  EXPECT_NE(*foo1, *foo3);
  EXPECT_EQ(Call(Builtin::kBnode, {Typed("1", "integer")}), "error");
  EXPECT_EQ(Call(Builtin::kBnode, {Term::LangLiteral("a", "en")}), "error");
}

TEST_F(TermFunctionsTest, StrDtAndStrLang) {
  EXPECT_EQ(Call(Builtin::kStrDt, {Lit("123"), Term::Iri(kXsdPrefix + "integer")}),
            "\"123\"^^<" + kXsdPrefix + "integer>");
  EXPECT_EQ(Call(Builtin::kStrDt, {Lit("iiii"), Term::Iri("http://example/romanNumeral")}),
            "\"iiii\"^^<http://example/romanNumeral>");
  EXPECT_EQ(Call(Builtin::kStrDt, {Lit("x"), Term::Iri(kXsdPrefix + "string")}), "\"x\"");
  EXPECT_EQ(Call(Builtin::kStrDt, {Term::LangLiteral("x", "en"), Term::Iri(kXsdPrefix + "string")}),
            "error");
  EXPECT_EQ(Call(Builtin::kStrDt, {Lit("x"), Lit("http://x/")}), "error");
  EXPECT_EQ(Call(Builtin::kStrLang, {Lit("chat"), Lit("en")}), "\"chat\"@en");
  EXPECT_EQ(Call(Builtin::kStrLang, {Lit("chat"), Lit("en-US")}), "\"chat\"@en-us");
  EXPECT_EQ(Call(Builtin::kStrLang, {Typed("chat", "string"), Lit("fr")}), "\"chat\"@fr");
  EXPECT_EQ(Call(Builtin::kStrLang, {Term::LangLiteral("chat", "en"), Lit("fr")}), "error");
  EXPECT_EQ(Call(Builtin::kStrLang, {Lit("chat"), Lit("")}), "error");
  EXPECT_EQ(Call(Builtin::kStrLang, {Lit("chat"), Lit("not a tag")}), "error");
  EXPECT_EQ(Call(Builtin::kStrLang, {Typed("1", "integer"), Lit("en")}), "error");
}

TEST_F(TermFunctionsTest, Uuids) {
  std::set<std::string> seen;
  for (int i = 0; i < 50; ++i) {
    ExprValue iri = CallBuiltin(Builtin::kUuid, {}, context_);
    ExprValue text = CallBuiltin(Builtin::kStrUuid, {}, context_);
    ASSERT_TRUE(iri && text);
    ASSERT_TRUE(iri->is_iri());
    ASSERT_TRUE(iri->value().starts_with("urn:uuid:"));
    EXPECT_TRUE(iri->Validate().ok());
    std::string uuid = iri->value().substr(9);
    for (const std::string& id : {uuid, text->value()}) {
      ASSERT_EQ(id.size(), 36u) << id;
      EXPECT_EQ(id[8], '-');
      EXPECT_EQ(id[14], '4');  // version 4
      EXPECT_TRUE(id[19] == '8' || id[19] == '9' || id[19] == 'a' || id[19] == 'b') << id;
      for (char c : id) EXPECT_TRUE(c == '-' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
      seen.insert(id);
    }
    EXPECT_EQ(text->datatype(), kXsdPrefix + "string");
  }
  EXPECT_EQ(seen.size(), 100u);
}

TEST_F(TermFunctionsTest, Hashes) {
  EXPECT_EQ(Call(Builtin::kMd5, {Lit("foo")}), "\"acbd18db4cc2f85cedef654fccc4a4d8\"");
  EXPECT_EQ(Call(Builtin::kMd5, {Lit("食べ物")}), "\"e7ada485d13b1decf628c9211bc3a97b\"");
  EXPECT_EQ(Call(Builtin::kSha1, {Lit("abc")}), "\"a9993e364706816aba3e25717850c26c9cd0d89d\"");
  EXPECT_EQ(Call(Builtin::kSha256, {Lit("abc")}),
            "\"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\"");
  EXPECT_EQ(Call(Builtin::kSha384, {Lit("abc")}),
            "\"cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed"
            "8086072ba1e7cc2358baeca134c825a7\"");
  EXPECT_EQ(Call(Builtin::kSha512, {Lit("abc")}),
            "\"ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
            "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f\"");
  EXPECT_EQ(Call(Builtin::kMd5, {Typed("foo", "string")}), "\"acbd18db4cc2f85cedef654fccc4a4d8\"");
  EXPECT_EQ(Call(Builtin::kMd5, {Term::LangLiteral("foo", "en")}), "error");
  EXPECT_EQ(Call(Builtin::kSha1, {Typed("1", "integer")}), "error");
}

}  // namespace
}  // namespace parley::query
