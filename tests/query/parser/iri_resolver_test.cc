#include "query/parser/iri_resolver.h"

#include <gtest/gtest.h>

namespace parley::query {
namespace {

// RFC 3986 §5.4's examples against its base.
TEST(IriResolverTest, Rfc3986Examples) {
  constexpr std::string_view kBase = "http://a/b/c/d;p?q";
  const std::pair<std::string_view, std::string_view> cases[] = {
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
      {"", "http://a/b/c/d;p?q"},
      {".", "http://a/b/c/"},
      {"./", "http://a/b/c/"},
      {"..", "http://a/b/"},
      {"../", "http://a/b/"},
      {"../g", "http://a/b/g"},
      {"../..", "http://a/"},
      {"../../g", "http://a/g"},
      {"../../../g", "http://a/g"},
      {"/./g", "http://a/g"},
      {"/../g", "http://a/g"},
      {"g.", "http://a/b/c/g."},
      {"..g", "http://a/b/c/..g"},
      {"./../g", "http://a/b/g"},
      {"g/./h", "http://a/b/c/g/h"},
      {"g/../h", "http://a/b/c/h"},
      {"g;x=1/../y", "http://a/b/c/y"},
      {"http:g", "http:g"},
  };
  for (const auto& [reference, expected] : cases) {
    EXPECT_EQ(ResolveIriReference(kBase, reference), expected) << reference;
  }
}

TEST(IriResolverTest, Schemes) {
  EXPECT_TRUE(HasIriScheme("http://x"));
  EXPECT_TRUE(HasIriScheme("urn:isbn:1"));
  EXPECT_FALSE(HasIriScheme("a/b:c"));
  EXPECT_FALSE(HasIriScheme("1a:b"));
  EXPECT_FALSE(HasIriScheme(""));
  EXPECT_EQ(ResolveIriReference("file:///dir/q.rq", "data.ttl"), "file:///dir/data.ttl");
}

}  // namespace
}  // namespace parley::query
