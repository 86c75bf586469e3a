// Term keys and validation straight from views (engine/bulk/bulk_term_key.h)
// agree with the Term-based codec and Term::Validate().
#include "engine/bulk/bulk_term_key.h"

#include <string>
#include <vector>

#include "engine/layout/term_codec.h"
#include "gtest/gtest.h"
#include "parley/term.h"

namespace parley::engine {
namespace {

std::vector<TermView> Views() {
  static const std::string xsd_int = std::string(kXsd) + "int";
  static const std::vector<std::string> values = {
      "http://example.org/a", "b1", "", "text with \"quotes\"", std::string("nul\0in", 6)};
  std::vector<TermView> views;
  for (const std::string& v : values) {
    views.push_back(TermView{Term::Kind::kIri, v, {}, {}});
    views.push_back(TermView{Term::Kind::kBlankNode, v, {}, {}});
    views.push_back(TermView{Term::Kind::kLiteral, v, kXsdString, {}});
    views.push_back(TermView{Term::Kind::kLiteral, v, xsd_int, {}});
    views.push_back(TermView{Term::Kind::kLiteral, v, kRdfLangString, "en-GB"});
    views.push_back(TermView{Term::Kind::kLiteral, v, kXsdString, "De"});    // tag wins
    views.push_back(TermView{Term::Kind::kLiteral, v, kRdfLangString, {}});  // no tag
  }
  return views;
}

TEST(BulkTermKey, MatchesTheTermCodec) {
  for (const TermView& view : Views()) {
    std::string from_view;
    AppendTermKey(view, &from_view);
    EXPECT_EQ(from_view, EncodeTermKey(view.ToTerm())) << view.ToTerm().ToNTriples();
    EXPECT_EQ(from_view.size(), TermKeySize(view));
  }
}

TEST(BulkTermKey, ValidatesLikeTermValidate) {
  const std::string dt = "http://example.org/dt";
  const std::vector<TermView> views = {
      {Term::Kind::kIri, "http://example.org/ok", {}, {}},
      {Term::Kind::kIri, "urn:x", {}, {}},
      {Term::Kind::kIri, "http://例え.jp/パス", {}, {}},
      {Term::Kind::kIri, "http://example.org/a b", {}, {}},
      {Term::Kind::kIri, "http://example.org/<", {}, {}},
      {Term::Kind::kIri, "http://example.org/\x7f", {}, {}},
      {Term::Kind::kIri, "http://example.org/\xc3", {}, {}},
      {Term::Kind::kIri, "relative/path", {}, {}},
      {Term::Kind::kIri, "1http:x", {}, {}},
      {Term::Kind::kIri, ":x", {}, {}},
      {Term::Kind::kIri, "", {}, {}},
      {Term::Kind::kBlankNode, "a.b", {}, {}},
      {Term::Kind::kBlankNode, "_x:y-z", {}, {}},
      {Term::Kind::kBlankNode, "1a", {}, {}},
      {Term::Kind::kBlankNode, "ça", {}, {}},
      {Term::Kind::kBlankNode, "a.", {}, {}},
      {Term::Kind::kBlankNode, "-a", {}, {}},
      {Term::Kind::kBlankNode, "a b", {}, {}},
      {Term::Kind::kBlankNode, "", {}, {}},
      {Term::Kind::kLiteral, "x", kXsdString, {}},
      {Term::Kind::kLiteral, "\xff any bytes", kXsdString, {}},
      {Term::Kind::kLiteral, "x", kRdfLangString, "en-US"},
      {Term::Kind::kLiteral, "x", kRdfLangString, "en-"},
      {Term::Kind::kLiteral, "x", kRdfLangString, "1en"},
      {Term::Kind::kLiteral, "x", kRdfLangString, "e n"},
      {Term::Kind::kLiteral, "x", kRdfLangString, "zh-Hant-TW"},
      {Term::Kind::kLiteral, "x", kRdfLangString, {}},
      {Term::Kind::kLiteral, "x", dt, {}},
      {Term::Kind::kLiteral, "x", "dt", {}},
      {Term::Kind::kLiteral, "x", "http://example.org/d t", {}},
  };
  int invalid = 0;
  for (const TermView& view : views) {
    ASSERT_FALSE(HasNulInTagOrDatatype(view));
    std::string key;
    AppendTermKey(view, &key);
    const absl::Status expected = view.ToTerm().Validate();
    const absl::Status got = ValidateTermKey(key);
    EXPECT_EQ(got, expected) << view.ToTerm().ToNTriples();
    if (view.kind == Term::Kind::kBlankNode) {
      EXPECT_EQ(ValidateBlankLabel(view.value), expected);
    }
    invalid += expected.ok() ? 0 : 1;
  }
  EXPECT_GT(invalid, 12);
  const std::string nul_dt("http://x/\0", 10);
  EXPECT_TRUE(HasNulInTagOrDatatype(TermView{Term::Kind::kLiteral, "x", nul_dt, {}}));
  EXPECT_TRUE(HasNulInTagOrDatatype(
      TermView{Term::Kind::kLiteral, "x", kRdfLangString, std::string_view("e\0", 2)}));
}

}  // namespace
}  // namespace parley::engine
