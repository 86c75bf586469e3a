// Writer -> reader round trips: every term kind, each format, each
// compression.
#include <string>
#include <tuple>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "formats/rdf/rdf_writer.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/isomorphism.h"
#include "tests/support/rdf_support.h"

namespace parley::engine::io {
namespace {

using testing::Blank;
using testing::Iri;
using testing::Lit;

const std::string kEx = "http://example.org/";

// Every kind of term and the literal shapes that writers get wrong.
std::vector<Quad> TrickyQuads(bool with_graphs) {
  std::string control;
  for (int c = 1; c < 0x20; ++c) control.push_back(static_cast<char>(c));
  control.push_back('\x7F');
  std::string with_nul("a\0b", 3);
  std::string big(size_t{1} << 20, 'x');
  for (size_t i = 0; i < big.size(); i += 997) big[i] = "\"\\\n'\t"[i % 5];
  std::vector<Term> objects = {
      Lit(""),
      Lit("plain"),
      Lit("quote \" backslash \\ newline \n return \r tab \t"),
      Lit(control),
      Lit(with_nul),
      Lit("\"\"\"triple quotes\"\"\" and ending quote\""),
      Lit("'single' '''quotes'''"),
      Lit("non-BMP \xF0\x9F\x98\x80 and BMP \xE2\x82\xAC and \xC3\xA9"),
      Lit(big),
      Term::LangLiteral("chat", "fr"),
      Term::LangLiteral("colour", "en-GB"),
      Term::TypedLiteral("42", "http://www.w3.org/2001/XMLSchema#integer"),
      Term::TypedLiteral("-0042", "http://www.w3.org/2001/XMLSchema#integer"),
      Term::TypedLiteral("abc", "http://www.w3.org/2001/XMLSchema#integer"),
      Term::TypedLiteral("1.50", "http://www.w3.org/2001/XMLSchema#decimal"),
      Term::TypedLiteral("1e3", "http://www.w3.org/2001/XMLSchema#double"),
      Term::TypedLiteral("true", "http://www.w3.org/2001/XMLSchema#boolean"),
      Term::TypedLiteral("yes", "http://www.w3.org/2001/XMLSchema#boolean"),
      Term::TypedLiteral("2019-03-01", "http://www.w3.org/2001/XMLSchema#date"),
      Term::TypedLiteral("x", kEx + "custom-type"),
      Iri(kEx + "object"),
      Iri(kEx + "with.dot."),
      Iri(kEx + "path/segment"),
      Iri(kEx + "1starts-with-digit"),
      Iri(kEx + "percent%20and~tilde"),
      Iri(kEx + "h\xC3\xA9llo#frag"),
      Iri("urn:isbn:0451450523"),
      Iri(kEx),
      Blank("b1"),
      Blank("B1"),
      Blank("x.y-z_0"),
  };
  std::vector<Term> subjects = {Iri(kEx + "s"), Blank("s1"), Blank("b2"), Blank("B_3")};
  std::vector<Term> graphs = {Term()};
  if (with_graphs) {
    graphs.push_back(Iri(kEx + "g"));
    graphs.push_back(Blank("g1"));
  }
  std::vector<Quad> quads;
  int i = 0;
  for (const Term& g : graphs) {
    for (const Term& s : subjects) {
      for (const Term& o : objects) {
        quads.push_back(Quad{s, Iri(kEx + "p" + std::to_string(i++ % 3)), o, g});
      }
    }
  }
  // A subject used again after others, and the same statement twice.
  quads.push_back(Quad{Iri(kEx + "s"), Iri(kEx + "again"), Lit("later"), graphs.back()});
  quads.push_back(quads.front());
  return quads;
}

std::string Extension(Compression c) {
  switch (c) {
    case Compression::kNone:
      return "";
    case Compression::kGzip:
      return ".gz";
    case Compression::kZstd:
      return ".zst";
  }
  return "";
}

class RoundTripTest : public ::testing::TestWithParam<std::tuple<RdfFormat, Compression>> {};

TEST_P(RoundTripTest, WritesAndReadsBackEveryTermKind) {
  auto [format, compression] = GetParam();
  testing::TempDir dir;
  std::string path = dir.File(std::string("data.") + std::string(RdfFormatExtension(format)) +
                              Extension(compression));
  std::vector<Quad> quads = TrickyQuads(RdfFormatHasGraphs(format));

  WriteOptions write_options;
  write_options.format = format;
  write_options.prefixes = {{"ex", kEx}, {"xsd", "http://www.w3.org/2001/XMLSchema#"}};
  auto writer = RdfWriter::Open(path, write_options);
  ASSERT_TRUE(writer.ok()) << writer.status();
  for (const Quad& q : quads) ASSERT_TRUE((*writer)->Write(q).ok()) << q.ToNQuads();
  ASSERT_TRUE((*writer)->Finish().ok());
  EXPECT_EQ((*writer)->statements(), quads.size());

  auto source = ByteSource::Open(path);
  ASSERT_TRUE(source.ok()) << source.status();
  EXPECT_EQ((*source)->compression(), compression);
  ReadOptions read_options;
  read_options.format = *RdfFormatFromPath(path);
  auto back = testing::ReadAll(**source, read_options);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ((*source)->bytes_consumed(), *(*source)->total_bytes());

  if (format == RdfFormat::kNTriples || format == RdfFormat::kNQuads) {
    // Line formats keep labels: the exact same quads, in order.
    ASSERT_EQ(back->size(), quads.size());
    for (size_t i = 0; i < quads.size(); ++i) {
      EXPECT_EQ((*back)[i], quads[i]) << (*back)[i].ToNQuads() << "\nvs\n" << quads[i].ToNQuads();
    }
  } else {
    EXPECT_TRUE(IsomorphicDatasets(*back, quads)) << DescribeDatasetDifference(*back, quads);
  }
}

INSTANTIATE_TEST_SUITE_P(
    AllFormats, RoundTripTest,
    ::testing::Combine(::testing::Values(RdfFormat::kNTriples, RdfFormat::kNQuads,
                                         RdfFormat::kTurtle, RdfFormat::kTrig),
                       ::testing::Values(Compression::kNone, Compression::kGzip,
                                         Compression::kZstd)),
    [](const auto& param_info) {
      return std::string(RdfFormatName(std::get<0>(param_info.param))) + "_" +
             std::string(CompressionName(std::get<1>(param_info.param)));
    });

TEST(RdfWriterTest, NamedGraphInTripleFormatIsAnErrorUnlessDropped) {
  Quad quad{Iri(kEx + "s"), Iri(kEx + "p"), Lit("o"), Iri(kEx + "g")};
  for (RdfFormat format : {RdfFormat::kNTriples, RdfFormat::kTurtle}) {
    std::string out;
    WriteOptions options;
    options.format = format;
    auto writer = RdfWriter::ToCallback(
        [&](std::string_view data) {
          out.append(data);
          return absl::OkStatus();
        },
        options);
    absl::Status status = writer->Write(quad);
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << status;
    EXPECT_THAT(std::string(status.message()), ::testing::HasSubstr("http://example.org/g"));

    options.drop_graphs = true;
    out.clear();
    writer = RdfWriter::ToCallback(
        [&](std::string_view data) {
          out.append(data);
          return absl::OkStatus();
        },
        options);
    ASSERT_TRUE(writer->Write(quad).ok());
    ASSERT_TRUE(writer->Finish().ok());
    auto back = testing::ReadString(out, format);
    ASSERT_TRUE(back.ok()) << back.status();
    ASSERT_EQ(back->size(), 1u);
    EXPECT_EQ((*back)[0], (Quad{quad.subject, quad.predicate, quad.object, Term()}));
  }
}

TEST(RdfWriterTest, NTriplesLinesAreCanonical) {
  std::string out;
  WriteOptions options;
  options.format = RdfFormat::kNQuads;
  auto writer = RdfWriter::ToCallback(
      [&](std::string_view data) {
        out.append(data);
        return absl::OkStatus();
      },
      options);
  ASSERT_TRUE(writer
                  ->Write(Quad{Blank("a"), Iri(kEx + "p"), Lit(std::string("t\tq\"\x01\x7F", 6)),
                               Iri(kEx + "g")})
                  .ok());
  ASSERT_TRUE(
      writer->Write(Quad{Iri(kEx + "s"), Iri(kEx + "p"), Term::LangLiteral("x", "EN-us"), Term()})
          .ok());
  ASSERT_TRUE(
      writer
          ->Write(Quad{Iri(kEx + "s"), Iri(kEx + "p"),
                       Term::TypedLiteral("1", "http://www.w3.org/2001/XMLSchema#integer"), Term()})
          .ok());
  ASSERT_TRUE(writer->Finish().ok());
  EXPECT_EQ(out,
            "_:a <http://example.org/p> \"t\\tq\\\"\\u0001\\u007F\" <http://example.org/g> .\n"
            "<http://example.org/s> <http://example.org/p> \"x\"@en-us .\n"
            "<http://example.org/s> <http://example.org/p> "
            "\"1\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n");
}

TEST(RdfWriterTest, TurtleUsesPrefixesAndGroupsSubjects) {
  std::string out;
  WriteOptions options;
  options.format = RdfFormat::kTurtle;
  options.prefixes = {{"ex", kEx}};
  auto writer = RdfWriter::ToCallback(
      [&](std::string_view data) {
        out.append(data);
        return absl::OkStatus();
      },
      options);
  ASSERT_TRUE(writer->Write(Quad{Iri(kEx + "s"), Iri(kEx + "p"), Lit("a"), Term()}).ok());
  ASSERT_TRUE(writer->Write(Quad{Iri(kEx + "s"), Iri(kEx + "p"), Lit("b"), Term()}).ok());
  ASSERT_TRUE(writer->Write(Quad{Iri(kEx + "s"), Iri(kEx + "q"), Iri(kEx + "o"), Term()}).ok());
  ASSERT_TRUE(writer->Write(Quad{Iri(kEx + "t"), Iri(kEx + "p"), Lit("c"), Term()}).ok());
  ASSERT_TRUE(writer->Finish().ok());
  EXPECT_THAT(out, ::testing::HasSubstr("@prefix ex: <http://example.org/> ."));
  // One subject block for ex:s, one for ex:t.
  EXPECT_EQ(out.find("ex:s"), out.rfind("ex:s")) << out;
  EXPECT_THAT(out, ::testing::HasSubstr("ex:o")) << out;
}

TEST(RdfWriterTest, TrigGroupsConsecutiveQuadsOfAGraph) {
  std::string out;
  WriteOptions options;
  options.format = RdfFormat::kTrig;
  auto writer = RdfWriter::ToCallback(
      [&](std::string_view data) {
        out.append(data);
        return absl::OkStatus();
      },
      options);
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(writer
                    ->Write(Quad{Iri(kEx + "s" + std::to_string(i)), Iri(kEx + "p"), Lit("a"),
                                 Iri(kEx + "g")})
                    .ok());
  }
  ASSERT_TRUE(writer->Finish().ok());
  EXPECT_EQ(out.find("<http://example.org/g>"), out.rfind("<http://example.org/g>")) << out;
}

TEST(RdfWriterTest, RejectsTermsInImpossiblePositions) {
  auto writer = RdfWriter::ToCallback([](std::string_view) { return absl::OkStatus(); }, {});
  EXPECT_FALSE(writer->Write(Quad{Lit("s"), Iri(kEx + "p"), Lit("o"), Term()}).ok());
  EXPECT_FALSE(writer->Write(Quad{Iri(kEx + "s"), Blank("p"), Lit("o"), Term()}).ok());
  EXPECT_FALSE(writer->Write(Quad{Iri(kEx + "s"), Iri(kEx + "p"), Term(), Term()}).ok());
  EXPECT_FALSE(writer->Write(Quad{Iri(kEx + "s"), Iri(kEx + "p"), Lit("o"), Lit("g")}).ok());
}

TEST(RdfWriterTest, SinkErrorsArePropagated) {
  for (RdfFormat format : {RdfFormat::kNQuads, RdfFormat::kTrig}) {
    WriteOptions options;
    options.format = format;
    auto writer = RdfWriter::ToCallback(
        [](std::string_view) { return absl::ResourceExhaustedError("disk full"); }, options);
    absl::Status status;
    for (int i = 0; i < 20000 && status.ok(); ++i) {
      status =
          writer->Write(Quad{Iri(kEx + "s" + std::to_string(i)), Iri(kEx + "p"), Lit("o"), Term()});
    }
    if (status.ok()) status = writer->Finish();
    EXPECT_EQ(status.code(), absl::StatusCode::kResourceExhausted) << status;
  }
}

}  // namespace
}  // namespace parley::engine::io
