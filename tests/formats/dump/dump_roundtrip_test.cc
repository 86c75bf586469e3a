// Dumps written by DumpWriter read back equal through DumpReader, in every
// framing and every feeding mode, byte for byte the same on every run.
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <string>
#include <tuple>
#include <vector>

#include "engine/layout/term_codec.h"
#include "formats/dump/dump_checksum.h"
#include "formats/dump/dump_term.h"
#include "formats/rdf/byte_source.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/dump_support.h"

namespace parley::schema {
namespace {

using ::parley::schema::testing::CollectingVisitor;
using ::parley::schema::testing::Ex;
using ::parley::schema::testing::ExIri;
using ::parley::schema::testing::Feed;
using ::parley::schema::testing::Framing;
using ::parley::schema::testing::ReadDump;
using ::parley::schema::testing::SampleQuads;
using ::parley::schema::testing::SampleQuadsWithLongLiterals;
using ::parley::schema::testing::WriteDump;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;

class DumpRoundTripTest : public ::testing::TestWithParam<std::tuple<Framing, Feed>> {
 protected:
  DumpWriterOptions Options() const {
    DumpWriterOptions options;
    options.packed = std::get<0>(GetParam()).packed;
    options.zstd = std::get<0>(GetParam()).zstd;
    return options;
  }
  Feed feed() const { return std::get<1>(GetParam()); }
};

TEST_P(DumpRoundTripTest, EveryTermKindComesBackEqual) {
  const std::vector<Quad> quads = SampleQuads();
  DumpWriterOptions options = Options();
  options.producer = "roundtrip test";
  options.prefixes = {{"ex", Ex("")}, {"", "http://default.example/"}};
  absl::StatusOr<std::string> bytes = WriteDump(quads, options, feed());
  ASSERT_TRUE(bytes.ok()) << bytes.status();

  CollectingVisitor visitor;
  absl::Status status = ReadDump(*bytes, &visitor);
  ASSERT_TRUE(status.ok()) << status;
  EXPECT_THAT(visitor.quads, ElementsAreArray(quads));
  EXPECT_EQ(visitor.headers, 1);
  EXPECT_EQ(visitor.footers, 1);
  EXPECT_EQ(visitor.header.producer, "roundtrip test");
  EXPECT_EQ(visitor.header.prefixes, options.prefixes);
  EXPECT_EQ(visitor.header.packed, options.packed);
  EXPECT_EQ(visitor.header.zstd, options.zstd);
  EXPECT_EQ(visitor.footer.quad_count, quads.size());
  EXPECT_TRUE(visitor.footer.has_checksum);
  EXPECT_EQ(visitor.footer.file_bytes, bytes->size());
  if (feed() == Feed::kAddWithTerms) {
    EXPECT_EQ(visitor.footer.term_count, 0u);
    EXPECT_EQ(visitor.term_quad_batches, 1);
  } else {
    // Every distinct term once: ids are dense and each term introduced once.
    std::vector<Term> distinct;
    for (const Quad& q : quads) {
      for (const Term* t : {&q.subject, &q.predicate, &q.object, &q.graph}) {
        if (!t->is_default_graph() &&
            std::find(distinct.begin(), distinct.end(), *t) == distinct.end()) {
          distinct.push_back(*t);
        }
      }
    }
    EXPECT_EQ(visitor.footer.term_count, distinct.size());
    EXPECT_EQ(visitor.terms_by_id.size(), distinct.size() + 1);
  }
}

TEST_P(DumpRoundTripTest, SameInputGivesIdenticalBytes) {
  absl::StatusOr<std::string> a = WriteDump(SampleQuads(), Options(), feed());
  absl::StatusOr<std::string> b = WriteDump(SampleQuads(), Options(), feed());
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_TRUE(*a == *b);
}

TEST_P(DumpRoundTripTest, SmallChunksSplitTermsAndQuads) {
  const std::vector<Quad> quads = SampleQuadsWithLongLiterals(300);
  DumpWriterOptions options = Options();
  options.chunk_quads = 16;
  options.chunk_bytes = 1024;  // the 100 kB literal needs a chunk of its own
  absl::StatusOr<std::string> bytes = WriteDump(quads, options, feed());
  ASSERT_TRUE(bytes.ok()) << bytes.status();
  CollectingVisitor visitor;
  ASSERT_TRUE(ReadDump(*bytes, &visitor).ok());
  EXPECT_THAT(visitor.quads, ElementsAreArray(quads));
  EXPECT_GT(visitor.footer.message_count, quads.size() / 16);
}

INSTANTIATE_TEST_SUITE_P(
    AllFramings, DumpRoundTripTest,
    ::testing::Combine(::testing::Values(Framing{false, false}, Framing{true, false},
                                         Framing{false, true}, Framing{true, true}),
                       ::testing::Values(Feed::kAdd, Feed::kLocal, Feed::kAddWithTerms)),
    [](const auto& param_info) {
      const Framing& f = std::get<0>(param_info.param);
      std::string name = f.packed ? "Packed" : "Plain";
      if (f.zstd) name += "Zstd";
      switch (std::get<1>(param_info.param)) {
        case Feed::kAdd:
          return name + "Add";
        case Feed::kLocal:
          return name + "Local";
        case Feed::kAddWithTerms:
          return name + "AddWithTerms";
      }
      return name;
    });

TEST(DumpWriterTest, FormsMixInCallOrder) {
  std::vector<Quad> quads = SampleQuads();
  std::string bytes;
  auto writer = *DumpWriter::CreateInMemory(&bytes, {});
  for (size_t i = 0; i < quads.size(); ++i) {
    absl::Status status = (i / 3) % 2 == 0 ? writer->Add(quads[i]) : writer->AddWithTerms(quads[i]);
    ASSERT_TRUE(status.ok()) << status;
  }
  ASSERT_TRUE(writer->Finish().ok());
  CollectingVisitor visitor;
  ASSERT_TRUE(ReadDump(bytes, &visitor).ok());
  EXPECT_THAT(visitor.quads, ElementsAreArray(quads));
  EXPECT_GT(visitor.term_quad_batches, 1);
}

TEST(DumpWriterTest, FileFdAndMemoryGiveTheSameBytes) {
  char dir_template[] = "/tmp/parley_dump_test_XXXXXX";
  ASSERT_NE(mkdtemp(dir_template), nullptr);
  const std::string dir = dir_template;
  const std::vector<Quad> quads = SampleQuads();
  DumpWriterOptions options;
  options.zstd = true;
  options.packed = true;

  std::string memory;
  auto in_memory = *DumpWriter::CreateInMemory(&memory, options);
  auto to_path = *DumpWriter::Create(dir + "/a.dump", options);
  int fd = ::open((dir + "/b.dump").c_str(), O_RDWR | O_CREAT | O_TRUNC, 0644);
  ASSERT_GE(fd, 0);
  auto to_fd = *DumpWriter::CreateForFd(fd, options);
  for (const Quad& q : quads) {
    ASSERT_TRUE(in_memory->Add(q).ok());
    ASSERT_TRUE(to_path->Add(q).ok());
    ASSERT_TRUE(to_fd->Add(q).ok());
  }
  ASSERT_TRUE(in_memory->Finish().ok());
  ASSERT_TRUE(to_path->Finish().ok());
  ASSERT_TRUE(to_fd->Finish().ok());

  CollectingVisitor from_path;
  absl::Status status = ReadDumpFile(dir + "/a.dump", from_path);
  ASSERT_TRUE(status.ok()) << status;
  EXPECT_THAT(from_path.quads, ElementsAreArray(quads));
  EXPECT_EQ(from_path.footer.file_bytes, memory.size());

  ASSERT_EQ(::lseek(fd, 0, SEEK_SET), 0);
  CollectingVisitor from_fd;
  status = DumpReader::FromFd(fd)->Read(from_fd);
  ASSERT_TRUE(status.ok()) << status;
  EXPECT_THAT(from_fd.quads, ElementsAreArray(quads));
  ::close(fd);

  absl::StatusOr<std::unique_ptr<DumpReader>> missing = DumpReader::Open(dir + "/none.dump");
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
  std::string cmd = "rm -rf " + dir;
  ASSERT_EQ(std::system(cmd.c_str()), 0);
}

// `parley load` opens files as engine::io::ByteSource (gzip, zstd, stdin,
// progress); the reader takes one as it is.
TEST(DumpReaderTest, ReadsFromAByteSource) {
  char dir_template[] = "/tmp/parley_dump_source_XXXXXX";
  ASSERT_NE(mkdtemp(dir_template), nullptr);
  const std::string dir = dir_template;
  const std::vector<Quad> quads = SampleQuads();
  absl::StatusOr<std::string> plain = WriteDump(quads, {}, Feed::kAdd);
  absl::StatusOr<std::string> zstd = WriteDump(quads, {.zstd = true}, Feed::kAdd);
  ASSERT_TRUE(plain.ok() && zstd.ok());
  {
    gzFile gz = gzopen((dir + "/a.dump.gz").c_str(), "wb");
    ASSERT_NE(gz, nullptr);
    ASSERT_EQ(gzwrite(gz, plain->data(), static_cast<unsigned>(plain->size())),
              static_cast<int>(plain->size()));
    ASSERT_EQ(gzclose(gz), Z_OK);
    std::ofstream(dir + "/a.dump.zst", std::ios::binary) << *zstd;
  }
  for (const char* name : {"/a.dump.gz", "/a.dump.zst"}) {
    absl::StatusOr<std::unique_ptr<engine::io::ByteSource>> source =
        engine::io::ByteSource::Open(dir + name);
    ASSERT_TRUE(source.ok()) << source.status();
    auto reader = DumpReader::FromByteSource(*std::move(source));
    CollectingVisitor visitor;
    absl::Status status = reader->Read(visitor);
    ASSERT_TRUE(status.ok()) << status;
    EXPECT_THAT(visitor.quads, ElementsAreArray(quads));
    EXPECT_EQ(reader->byte_source()->bytes_consumed(), visitor.footer.file_bytes);
    EXPECT_EQ(visitor.header.zstd, std::string(name) == "/a.dump.zst");
  }
  // Errors name the source.
  auto broken = DumpReader::FromByteSource(
      engine::io::ByteSource::FromString(plain->substr(0, 100), "cut.dump"));
  CollectingVisitor visitor;
  absl::Status status = broken->Read(visitor);
  EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(std::string(status.message()), HasSubstr("cut.dump: "));
  std::string cmd = "rm -rf " + dir;
  ASSERT_EQ(std::system(cmd.c_str()), 0);
}

TEST(DumpWriterTest, DeclaredCountsAndOrdersAreWrittenAndVerified) {
  // Terms introduced in term-key order first, then quads in SPOG order of
  // the resulting ids.
  std::vector<Term> terms = {ExIri("a"),
                             ExIri("b"),
                             ExIri("p"),
                             Term::BlankNode("x"),
                             Term::Literal("lit"),
                             Term::LangLiteral("l", "en"),
                             Term::TypedLiteral("1", Ex("dt"))};
  std::sort(terms.begin(), terms.end(),
            [](const Term& x, const Term& y) { return CompareTermKeyOrder(x, y) < 0; });
  EXPECT_TRUE(terms.front().is_blank_node());
  DumpWriterOptions options;
  options.quad_count = 3;
  options.term_count = terms.size();
  options.quad_order = DumpQuadOrder::kSpog;
  options.term_order = DumpTermOrder::kTermKey;
  std::string bytes;
  auto writer = *DumpWriter::CreateInMemory(&bytes, options);
  for (const Term& t : terms) ASSERT_TRUE(writer->AddTermKey(engine::EncodeTermKey(t)).ok());
  // Ids: _:x=1 <a>=2 <b>=3 <p>=4 "l"@en=5 "lit"=6 "1"^^dt=7.
  const std::vector<IdQuad> quads = {{2, 4, 3, 0}, {2, 4, 6, 0}, {3, 4, 1, 0}};
  ASSERT_TRUE(writer->AddLocalQuads(quads).ok());
  ASSERT_TRUE(writer->Finish().ok());

  CollectingVisitor visitor;
  absl::Status status = ReadDump(bytes, &visitor);
  ASSERT_TRUE(status.ok()) << status;
  EXPECT_EQ(visitor.header.quad_count, 3u);
  EXPECT_EQ(visitor.header.term_count, terms.size());
  EXPECT_EQ(visitor.header.quad_order, DumpQuadOrder::kSpog);
  EXPECT_EQ(visitor.header.term_order, DumpTermOrder::kTermKey);
  EXPECT_EQ(std::vector<Term>(visitor.terms_by_id.begin() + 1, visitor.terms_by_id.end()), terms);
}

TEST(DumpWriterTest, UnknownCountsAreAbsent) {
  absl::StatusOr<std::string> bytes = WriteDump(SampleQuads(), {}, Feed::kAdd);
  ASSERT_TRUE(bytes.ok());
  CollectingVisitor visitor;
  ASSERT_TRUE(ReadDump(*bytes, &visitor).ok());
  EXPECT_FALSE(visitor.header.quad_count.has_value());
  EXPECT_FALSE(visitor.header.term_count.has_value());
}

// What docs/dump-format.md promises other producers, checked on our output:
// the signature, one segment per message, the footer as the last message,
// and the checksum over every byte before it.
TEST(DumpFormatTest, StreamLayoutAndChecksumDefinition) {
  DumpWriterOptions options;
  options.chunk_quads = 5;
  absl::StatusOr<std::string> bytes = WriteDump(SampleQuads(), options, Feed::kAdd);
  ASSERT_TRUE(bytes.ok());
  ASSERT_EQ(bytes->substr(0, 8), std::string("\x89ParleyU", 8));
  size_t pos = 8;
  size_t last_start = 0;
  int messages = 0;
  while (pos < bytes->size()) {
    uint32_t segments_minus_one;
    uint32_t words;
    std::memcpy(&segments_minus_one, bytes->data() + pos, 4);
    std::memcpy(&words, bytes->data() + pos + 4, 4);
    EXPECT_EQ(segments_minus_one, 0u) << "message " << messages;
    last_start = pos;
    pos += 8 + size_t{words} * 8;
    ++messages;
  }
  EXPECT_EQ(pos, bytes->size());
  CollectingVisitor visitor;
  ASSERT_TRUE(ReadDump(*bytes, &visitor).ok());
  EXPECT_EQ(static_cast<uint64_t>(messages), visitor.footer.message_count + 1);
  EXPECT_EQ(visitor.footer.checksum,
            DumpChecksum::Of(std::string_view(*bytes).substr(0, last_start)));
}

// The example of docs/dump-format.md, byte for byte (its size and checksum):
// if this fails, the format changed, and the docs with it.
TEST(DumpFormatTest, DocsWorkedExample) {
  std::string bytes;
  DumpWriterOptions options;
  options.producer = "example";
  auto writer = *DumpWriter::CreateInMemory(&bytes, options);
  ASSERT_TRUE(writer->Add({ExIri("s"), ExIri("p"), Term::LangLiteral("hello", "en"), Term()}).ok());
  ASSERT_TRUE(writer
                  ->Add({ExIri("s"), ExIri("p"),
                         Term::TypedLiteral("42", std::string(kXsd) + "integer"), ExIri("g")})
                  .ok());
  absl::StatusOr<DumpFooter> footer = writer->Finish();
  ASSERT_TRUE(footer.ok());
  EXPECT_EQ(bytes.size(), 608u);
  EXPECT_EQ(footer->checksum, 0xa29961ca691309c3u);
  EXPECT_EQ(footer->checksum, DumpChecksum::Of(std::string_view(bytes).substr(0, 0x218)));
}

TEST(DumpFormatTest, SchemaConstantsMatchTheCode) {
  EXPECT_EQ(wire::FORMAT_MAJOR, kDumpFormatMajor);
  EXPECT_EQ(wire::FORMAT_MINOR, kDumpFormatMinor);
  auto unpacked = wire::SIGNATURE_UNPACKED.get();
  auto packed = wire::SIGNATURE_PACKED.get();
  EXPECT_EQ(std::string_view(reinterpret_cast<const char*>(unpacked.begin()), unpacked.size()),
            kDumpSignatureUnpacked);
  EXPECT_EQ(std::string_view(reinterpret_cast<const char*>(packed.begin()), packed.size()),
            kDumpSignaturePacked);
}

TEST(DumpFormatTest, TermKeyOrderMatchesTheDictionaryEncoding) {
  std::vector<Term> terms = {ExIri("b"),
                             ExIri("a"),
                             ExIri("ab"),
                             Term::BlankNode("z"),
                             Term::Literal("x"),
                             Term::Literal(""),
                             Term::LangLiteral("x", "en"),
                             Term::LangLiteral("x", "en-gb"),
                             Term::LangLiteral("a", "fr"),
                             Term::TypedLiteral("1", Ex("d")),
                             Term::TypedLiteral("0", Ex("d2")),
                             Term::TypedLiteral("9", Ex("d"))};
  for (const Term& a : terms) {
    for (const Term& b : terms) {
      int by_key = engine::EncodeTermKey(a).compare(engine::EncodeTermKey(b));
      int direct = CompareTermKeyOrder(a, b);
      EXPECT_EQ(by_key < 0, direct < 0) << a.ToNTriples() << " vs " << b.ToNTriples();
      EXPECT_EQ(by_key == 0, direct == 0) << a.ToNTriples() << " vs " << b.ToNTriples();
    }
  }
}

TEST(DumpFormatTest, TermViewsAndTermKeysAgree) {
  std::vector<Term> terms;
  for (const Quad& q : SampleQuads()) {
    for (const Term* t : {&q.subject, &q.predicate, &q.object, &q.graph}) {
      if (!t->is_default_graph()) terms.push_back(*t);
    }
  }
  for (const Term& t : terms) {
    std::string key = engine::EncodeTermKey(t);
    std::string appended;
    DumpTermView::Of(t).AppendTermKey(&appended);
    EXPECT_EQ(appended, key) << t.ToNTriples();
    absl::StatusOr<DumpTermView> parsed = ParseTermKey(key);
    ASSERT_TRUE(parsed.ok()) << parsed.status();
    EXPECT_EQ(parsed->ToTerm(), t);
  }
  // A tag as another producer may write it: the key and Term lower-case it.
  DumpTermView upper{Term::Kind::kLiteral, "hi", kRdfLangString, "EN-GB"};
  std::string key;
  upper.AppendTermKey(&key);
  EXPECT_EQ(key, engine::EncodeTermKey(Term::LangLiteral("hi", "en-gb")));
  EXPECT_EQ(upper.ToTerm(), Term::LangLiteral("hi", "en-gb"));
  EXPECT_FALSE(ParseTermKey("").ok());
  EXPECT_FALSE(ParseTermKey("Xabc").ok());
  EXPECT_FALSE(ParseTermKey(std::string("Lno-separator")).ok());
}

}  // namespace
}  // namespace parley::schema
