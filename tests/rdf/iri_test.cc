#include "rdf/iri.h"

#include <string>

#include "gtest/gtest.h"

namespace parley::rdf {
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
}

TEST(IriTest, FileIri) {
  EXPECT_EQ(FileIri("/a b/c#d.ttl"), "file:///a%20b/c%23d.ttl");
  std::string relative = FileIri("x.nt");
  EXPECT_EQ(relative.substr(0, 8), "file:///");
  EXPECT_EQ(relative.substr(relative.size() - 5), "/x.nt");
}

}  // namespace
}  // namespace parley::rdf
