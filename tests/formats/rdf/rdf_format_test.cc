#include "formats/rdf/rdf_format.h"

#include "gtest/gtest.h"

namespace parley::engine::io {
namespace {

TEST(RdfFormatTest, FromName) {
  EXPECT_EQ(*RdfFormatFromName("nt"), RdfFormat::kNTriples);
  EXPECT_EQ(*RdfFormatFromName("NTriples"), RdfFormat::kNTriples);
  EXPECT_EQ(*RdfFormatFromName("nq"), RdfFormat::kNQuads);
  EXPECT_EQ(*RdfFormatFromName("nquads"), RdfFormat::kNQuads);
  EXPECT_EQ(*RdfFormatFromName("ttl"), RdfFormat::kTurtle);
  EXPECT_EQ(*RdfFormatFromName("turtle"), RdfFormat::kTurtle);
  EXPECT_EQ(*RdfFormatFromName("trig"), RdfFormat::kTrig);
  auto bad = RdfFormatFromName("rdfxml");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  for (RdfFormat f :
       {RdfFormat::kNTriples, RdfFormat::kNQuads, RdfFormat::kTurtle, RdfFormat::kTrig}) {
    EXPECT_EQ(*RdfFormatFromName(RdfFormatName(f)), f);
    EXPECT_EQ(*RdfFormatFromName(RdfFormatExtension(f)), f);
  }
}

TEST(RdfFormatTest, FromPath) {
  EXPECT_EQ(RdfFormatFromPath("a/b.nt"), RdfFormat::kNTriples);
  EXPECT_EQ(RdfFormatFromPath("b.NQ"), RdfFormat::kNQuads);
  EXPECT_EQ(RdfFormatFromPath("b.ttl.gz"), RdfFormat::kTurtle);
  EXPECT_EQ(RdfFormatFromPath("b.trig.zst"), RdfFormat::kTrig);
  EXPECT_EQ(RdfFormatFromPath("b.nt.gz.zst"), std::nullopt);
  EXPECT_EQ(RdfFormatFromPath("-"), std::nullopt);
  EXPECT_EQ(RdfFormatFromPath(".nt"), std::nullopt);
  EXPECT_EQ(RdfFormatFromPath("data.txt"), std::nullopt);
  EXPECT_EQ(CompressionFromPath("x.nt.gz"), Compression::kGzip);
  EXPECT_EQ(CompressionFromPath("x.nt.ZST"), Compression::kZstd);
  EXPECT_EQ(CompressionFromPath("x.nt"), Compression::kNone);
  EXPECT_TRUE(RdfFormatHasGraphs(RdfFormat::kTrig));
  EXPECT_FALSE(RdfFormatHasGraphs(RdfFormat::kTurtle));
}

TEST(RdfFormatTest, FromMagic) {
  EXPECT_EQ(CompressionFromMagic("\x1f\x8b\x08"), Compression::kGzip);
  EXPECT_EQ(CompressionFromMagic("\x28\xb5\x2f\xfd\x00"), Compression::kZstd);
  EXPECT_EQ(CompressionFromMagic("\x28\xb5\x2f"), Compression::kNone);
  EXPECT_EQ(CompressionFromMagic("<a>"), Compression::kNone);
  EXPECT_EQ(CompressionFromMagic(""), Compression::kNone);
}

}  // namespace
}  // namespace parley::engine::io
