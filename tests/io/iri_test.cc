#include "engine/io/iri.h"

#include <string>

#include "gtest/gtest.h"

namespace parley::engine::io {
namespace {

std::string Resolve(std::string_view base, std::string_view reference) {
  std::string out;
  ResolveIri(base, reference, &out);
  return out;
}

// RFC 3986, section 5.4.
TEST(IriTest, ResolvesRfc3986Examples) {
  const std::string base = "http://a/b/c/d;p?q";
  const std::pair<const char*, const char*> kCases[] = {
      {"g:h", "g:h"},
      {"g", "http://a/b/c/g"},
      {"./g", "http://a/b/c/g"},
      {"g/", "http://a/b/c/g/"},
      {"/g", "http://a/g"},
      {"//g", "http://g"},
      {"?y", "http://a/b/c/d;p?y"},
      {"g?y", "http://a/b/c/g?y"},
      {"#s", "http://a/b/c/d;p?q#s"},
      {"g#s", "http://a/b/c/g#s"},
      {"g?y#s", "http://a/b/c/g?y#s"},
      {";x", "http://a/b/c/;x"},
      {"g;x", "http://a/b/c/g;x"},
      {"g;x?y#s", "http://a/b/c/g;x?y#s"},
      {"", "http://a/b/c/d;p?q"},
      {".", "http://a/b/c/"},
      {"./", "http://a/b/c/"},
      {"..", "http://a/b/"},
      {"../", "http://a/b/"},
      {"../g", "http://a/b/g"},
      {"../..", "http://a/"},
      {"../../", "http://a/"},
      {"../../g", "http://a/g"},
      {"../../../g", "http://a/g"},
      {"../../../../g", "http://a/g"},
      {"/./g", "http://a/g"},
      {"/../g", "http://a/g"},
      {"g.", "http://a/b/c/g."},
      {".g", "http://a/b/c/.g"},
      {"g..", "http://a/b/c/g.."},
      {"..g", "http://a/b/c/..g"},
      {"./../g", "http://a/b/g"},
      {"./g/.", "http://a/b/c/g/"},
      {"g/./h", "http://a/b/c/g/h"},
      {"g/../h", "http://a/b/c/h"},
      {"g;x=1/./y", "http://a/b/c/g;x=1/y"},
      {"g;x=1/../y", "http://a/b/c/y"},
      {"g?y/./x", "http://a/b/c/g?y/./x"},
      {"g#s/../x", "http://a/b/c/g#s/../x"},
      {"http:g", "http:g"},
  };
  for (const auto& [reference, expected] : kCases) {
    EXPECT_EQ(Resolve(base, reference), expected) << reference;
  }
  EXPECT_EQ(Resolve("http://a", "b"), "http://a/b");
  EXPECT_EQ(Resolve("file:///dir/x.ttl", "y#z"), "file:///dir/y#z");
  EXPECT_EQ(Resolve("urn:x:y", "#f"), "urn:x:y#f");
}

TEST(IriTest, Checks) {
  EXPECT_TRUE(HasScheme("http://x"));
  EXPECT_TRUE(HasScheme("a+b-c.d:"));
  EXPECT_FALSE(HasScheme("1http://x"));
  EXPECT_FALSE(HasScheme("//x"));
  EXPECT_FALSE(HasScheme("rel/a:b"));
  EXPECT_TRUE(HasOnlyIriCharacters("http://x/\xC3\xA9?a=b#c"));
  for (std::string bad :
       {"http://x y", "http://x<", "http://x\"", "http://x{", "http://x|", "http://x^", "http://x`",
        "http://x\\", "http://x\x7F", "http://x\xC2\x85"}) {
    EXPECT_FALSE(HasOnlyIriCharacters(bad)) << bad;
  }
  EXPECT_TRUE(IsValidLanguageTag("en"));
  EXPECT_TRUE(IsValidLanguageTag("en-GB-oed"));
  EXPECT_TRUE(IsValidLanguageTag("x-1"));
  EXPECT_FALSE(IsValidLanguageTag(""));
  EXPECT_FALSE(IsValidLanguageTag("en-"));
  EXPECT_FALSE(IsValidLanguageTag("1en"));
  EXPECT_FALSE(IsValidLanguageTag("en--gb"));
  EXPECT_TRUE(IsValidUtf8("plain ascii that is longer than eight bytes"));
  EXPECT_TRUE(IsValidUtf8("\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80"));
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // > U+10FFFF
  EXPECT_FALSE(IsValidUtf8("abcdefgh\xC3"));      // truncated
}

TEST(IriTest, FileIri) {
  EXPECT_EQ(FileIri("/a b/c#d.ttl"), "file:///a%20b/c%23d.ttl");
  std::string relative = FileIri("x.nt");
  EXPECT_EQ(relative.substr(0, 8), "file:///");
  EXPECT_EQ(relative.substr(relative.size() - 5), "/x.nt");
}

}  // namespace
}  // namespace parley::engine::io
