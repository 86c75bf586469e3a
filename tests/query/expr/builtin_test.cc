#include "query/expr/builtin.h"

#include <gtest/gtest.h>

namespace parley::query {
namespace {

TEST(BuiltinTest, NamesAreCaseInsensitive) {
  EXPECT_EQ(BuiltinByName("strlen"), Builtin::kStrlen);
  EXPECT_EQ(BuiltinByName("STRLEN"), Builtin::kStrlen);
  EXPECT_EQ(BuiltinByName("StrLen"), Builtin::kStrlen);
  EXPECT_EQ(BuiltinByName("encode_for_uri"), Builtin::kEncodeForUri);
  EXPECT_EQ(BuiltinByName("isIRI"), Builtin::kIsIri);
  EXPECT_EQ(BuiltinByName("sha512"), Builtin::kSha512);
}

TEST(BuiltinTest, UriIsAnAliasOfIri) {
  EXPECT_EQ(BuiltinByName("URI"), Builtin::kIri);
  EXPECT_EQ(BuiltinByName("uri"), Builtin::kIri);
  EXPECT_EQ(BuiltinByName("IRI"), Builtin::kIri);
  EXPECT_EQ(BuiltinName(Builtin::kIri), "IRI");
}

TEST(BuiltinTest, OtherWordsAreNotBuiltins) {
  EXPECT_FALSE(BuiltinByName("BOUND"));  // a special form, not a builtin
  EXPECT_FALSE(BuiltinByName("IF"));
  EXPECT_FALSE(BuiltinByName("COALESCE"));
  EXPECT_FALSE(BuiltinByName(""));
  EXPECT_FALSE(BuiltinByName("STRLENX"));
  EXPECT_FALSE(BuiltinByName("isURIx"));
}

TEST(BuiltinTest, NamesRoundTrip) {
  for (int i = 0; i <= static_cast<int>(Builtin::kSha512); ++i) {
    Builtin builtin = static_cast<Builtin>(i);
    EXPECT_EQ(BuiltinByName(BuiltinName(builtin)), builtin) << BuiltinName(builtin);
  }
}

TEST(BuiltinTest, Arities) {
  EXPECT_EQ(BuiltinArity(Builtin::kSubstr).min, 2);
  EXPECT_EQ(BuiltinArity(Builtin::kSubstr).max, 3);
  EXPECT_EQ(BuiltinArity(Builtin::kConcat).min, 0);
  EXPECT_EQ(BuiltinArity(Builtin::kConcat).max, -1);
  EXPECT_EQ(BuiltinArity(Builtin::kRegex).min, 2);
  EXPECT_EQ(BuiltinArity(Builtin::kRegex).max, 3);
  EXPECT_EQ(BuiltinArity(Builtin::kReplace).min, 3);
  EXPECT_EQ(BuiltinArity(Builtin::kReplace).max, 4);
  EXPECT_EQ(BuiltinArity(Builtin::kBnode).min, 0);
  EXPECT_EQ(BuiltinArity(Builtin::kBnode).max, 1);
  EXPECT_EQ(BuiltinArity(Builtin::kNow).max, 0);
  EXPECT_EQ(BuiltinArity(Builtin::kSameTerm).min, 2);
  EXPECT_EQ(BuiltinArity(Builtin::kStrlen).min, 1);
  EXPECT_EQ(BuiltinArity(Builtin::kStrlen).max, 1);
}

}  // namespace
}  // namespace parley::query
