// The dictionary byte form of terms (engine/layout/term_codec.h).
#include "engine/layout/term_codec.h"

#include <random>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace parley::engine {
namespace {

using namespace std::string_literals;

std::string Xsd(std::string_view local) { return std::string(kXsd) + std::string(local); }

std::vector<Term> SampleTerms() {
  std::string mebibyte(1 << 20, 'x');
  for (size_t i = 0; i < mebibyte.size(); i += 7) mebibyte[i] = static_cast<char>(i % 251);
  return {
      Term::Iri("http://example.org/a"),
      Term::Iri("http://例え.jp/😀"),
      Term::BlankNode("b0"),
      Term::BlankNode("日本"),
      Term::Literal(""),
      Term::Literal("plain"),
      Term::Literal(mebibyte),
      Term::Literal("😀 emoji, 中文 CJK, 𝄞 clef"),
      Term::Literal("with\0nul"s),
      Term::Literal("\0"s),
      Term::LangLiteral("", "en"),
      Term::LangLiteral("hello", "en-US"),
      Term::LangLiteral("a\0b"s, "de"),
      Term::TypedLiteral("", Xsd("integer")),
      Term::TypedLiteral("abc", Xsd("integer")),
      Term::TypedLiteral("01", Xsd("integer")),
      Term::TypedLiteral("36028797018963968", Xsd("integer")),  // one past the inline range
      Term::TypedLiteral("1.0000001", Xsd("decimal")),
      Term::TypedLiteral("NaN", Xsd("double")),
      Term::TypedLiteral("1.7976931348623157E308", Xsd("double")),
      Term::TypedLiteral("10000-01-01", Xsd("date")),
      Term::TypedLiteral("-10000-01-01T00:00:00+00:00", Xsd("dateTime")),
      Term::TypedLiteral(mebibyte, "http://example.org/dt"),
      Term::TypedLiteral("x\0y"s, "http://example.org/dt"),
  };
}

TEST(TermCodec, RoundTripsEveryKind) {
  for (const Term& term : SampleTerms()) {
    std::string key = EncodeTermKey(term);
    absl::StatusOr<Term> decoded = DecodeTermKey(key);
    ASSERT_TRUE(decoded.ok()) << decoded.status();
    EXPECT_EQ(*decoded, term) << term.ToNTriples().substr(0, 100);
    std::string appended = "prefix";
    AppendTermKey(term, &appended);
    EXPECT_EQ(appended, "prefix" + key);
  }
}

TEST(TermCodec, FollowsTheGrammar) {
  EXPECT_EQ(EncodeTermKey(Term::Iri("http://a")), "Ihttp://a");
  EXPECT_EQ(EncodeTermKey(Term::BlankNode("b1")), "Bb1");
  EXPECT_EQ(EncodeTermKey(Term::Literal("hi")), "Shi");
  EXPECT_EQ(EncodeTermKey(Term::TypedLiteral("hi", std::string(kXsdString))), "Shi");
  EXPECT_EQ(EncodeTermKey(Term::LangLiteral("hi", "EN")), "Len\0hi"s);
  EXPECT_EQ(EncodeTermKey(Term::TypedLiteral("5", Xsd("integer"))),
            "Thttp://www.w3.org/2001/XMLSchema#integer\0005"s);
}

TEST(TermCodec, RejectsMalformedKeysWithDataLoss) {
  const std::vector<std::string> bad = {
      ""s,
      "X"s,
      "iabc"s,
      "Ia\0b"s,
      "B\0"s,
      "Len"s,                                       // no separator
      "LEN\0x"s,                                    // the factory lower-cases tags
      "T"s + std::string(kXsdString) + "\0x"s,      // would have been 'S'
      "T"s + std::string(kRdfLangString) + "\0x"s,  // would have been 'L'
      "Thttp://a"s,                                 // no separator
  };
  for (const std::string& key : bad) {
    absl::StatusOr<Term> decoded = DecodeTermKey(key);
    EXPECT_EQ(decoded.status().code(), absl::StatusCode::kDataLoss) << key;
  }
}

// Every key that decodes re-encodes to itself: DecodeTermKey accepts exactly
// what EncodeTermKey produces.
TEST(TermCodec, AcceptedKeysReencodeToThemselves) {
  std::mt19937_64 rng(20240611);
  const std::string alphabet = "IBSLTaAz:#\0\xFF"s;
  int accepted = 0;
  for (int i = 0; i < 50000; ++i) {
    std::string key;
    size_t length = rng() % 8;
    for (size_t j = 0; j < length; ++j) key += alphabet[rng() % alphabet.size()];
    if (rng() % 4 == 0) key = "T"s + std::string(kXsdString) + key;
    absl::StatusOr<Term> decoded = DecodeTermKey(key);
    if (!decoded.ok()) {
      EXPECT_EQ(decoded.status().code(), absl::StatusCode::kDataLoss);
      continue;
    }
    ++accepted;
    EXPECT_EQ(EncodeTermKey(*decoded), key);
  }
  EXPECT_GT(accepted, 1000);
}

TEST(TermCodec, KeysGroupByKindThenText) {
  EXPECT_LT(EncodeTermKey(Term::BlankNode("z")), EncodeTermKey(Term::Iri("a:")));
  EXPECT_LT(EncodeTermKey(Term::Iri("http://a/1")), EncodeTermKey(Term::Iri("http://a/2")));
  EXPECT_LT(EncodeTermKey(Term::LangLiteral("z", "en")), EncodeTermKey(Term::Literal("a")));
}

}  // namespace
}  // namespace parley::engine
