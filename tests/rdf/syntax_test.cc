#include "rdf/syntax.h"

#include <string>

#include "gtest/gtest.h"
#include "rdf/ascii_classes.h"

namespace parley::rdf {
namespace {

TEST(SyntaxTest, IriCharacters) {
  EXPECT_TRUE(HasOnlyIriCharacters("http://x/\xC3\xA9?a=b#c"));
  for (std::string bad :
       {"http://x y", "http://x<", "http://x\"", "http://x{", "http://x|", "http://x^", "http://x`",
        "http://x\\", "http://x\x7F", "http://x\xC2\x85"}) {
    EXPECT_FALSE(HasOnlyIriCharacters(bad)) << bad;
  }
}

TEST(SyntaxTest, LanguageTags) {
  EXPECT_TRUE(IsValidLanguageTag("en"));
  EXPECT_TRUE(IsValidLanguageTag("en-GB-oed"));
  EXPECT_TRUE(IsValidLanguageTag("x-1"));
  EXPECT_FALSE(IsValidLanguageTag(""));
  EXPECT_FALSE(IsValidLanguageTag("en-"));
  EXPECT_FALSE(IsValidLanguageTag("1en"));
  EXPECT_FALSE(IsValidLanguageTag("en--gb"));
  using Kind = LanguageTagError::Kind;
  EXPECT_EQ(FindLanguageTagError("")->kind, Kind::kEmpty);
  EXPECT_EQ(FindLanguageTagError("en--gb")->kind, Kind::kEmptySubtag);
  EXPECT_EQ(FindLanguageTagError("en--gb")->pos, 3u);
  EXPECT_EQ(FindLanguageTagError("e_n")->kind, Kind::kBadCharacter);
  EXPECT_EQ(FindLanguageTagError("e_n")->pos, 1u);
  EXPECT_EQ(FindLanguageTagError("en-")->kind, Kind::kEndsWithDash);
}

TEST(SyntaxTest, Utf8) {
  EXPECT_TRUE(IsValidUtf8("plain ascii that is longer than eight bytes"));
  EXPECT_TRUE(IsValidUtf8("\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80"));
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // > U+10FFFF
  EXPECT_FALSE(IsValidUtf8("abcdefgh\xC3"));      // truncated
  EXPECT_EQ(DecodeUtf8("\xC3\xA9", 0).value, U'\u00E9');
  EXPECT_EQ(DecodeUtf8("\xC3\xA9", 0).length, 2u);
}

TEST(SyntaxTest, AsciiLower) {
  std::string s = "EN-gb-\xC3\x89";
  AsciiLowerInPlace(s);
  EXPECT_EQ(s, "en-gb-\xC3\x89");  // bytes >= 0x80 untouched
}

}  // namespace
}  // namespace parley::rdf
