// Every kind of bad input gives its own clear status, naming the message and
// stream offset; nothing crashes. Streams are built with the real schema so
// that each test breaks exactly one rule.
#include <functional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/dump_support.h"

namespace parley::schema {
namespace {

using ::parley::schema::testing::CollectingVisitor;
using ::parley::schema::testing::Ex;
using ::parley::schema::testing::ExIri;
using ::parley::schema::testing::Feed;
using ::parley::schema::testing::ReadDump;
using ::parley::schema::testing::SampleQuads;
using ::parley::schema::testing::StreamBuilder;
using ::parley::schema::testing::WriteDump;
using ::testing::HasSubstr;

absl::Status Read(std::string_view bytes, DumpReaderOptions options = {}) {
  CollectingVisitor visitor;
  return ReadDump(bytes, &visitor, options);
}

void ExpectError(const absl::Status& status, absl::StatusCode code, std::string_view text) {
  EXPECT_EQ(status.code(), code) << status;
  EXPECT_THAT(std::string(status.message()), HasSubstr(std::string(text)));
}

std::string Where(uint64_t message, const char* kind, uint64_t offset) {
  return absl::StrCat("message ", message, " (", kind, ") at stream byte ", offset, ": ");
}

TEST(DumpReaderErrorTest, WrongMagic) {
  ExpectError(Read("PAR1 this is parquet"), absl::StatusCode::kInvalidArgument,
              "not a Parley dump: the stream starts with bytes [50415231");
  ExpectError(Read(""), absl::StatusCode::kInvalidArgument, "not a Parley dump");
  ExpectError(Read("<http://a> <http://b> <http://c> ."), absl::StatusCode::kInvalidArgument,
              "not a Parley dump");
}

TEST(DumpReaderErrorTest, NewerMajorVersion) {
  StreamBuilder stream;
  uint64_t at = stream.Header(2, 7);
  stream.Footer();
  ExpectError(
      Read(stream.Finish()), absl::StatusCode::kUnimplemented,
      Where(1, "header", at) + "format version 2.7 is newer than this reader, which reads 1.x");
}

TEST(DumpReaderErrorTest, UnsetMajorVersion) {
  StreamBuilder stream;
  stream.Header(0, 0);
  stream.Footer();
  ExpectError(Read(stream.Finish()), absl::StatusCode::kDataLoss, "Header.formatMajor is not set");
}

TEST(DumpReaderErrorTest, NewerMinorVersionIsFine) {
  StreamBuilder stream;
  stream.Header(1, 9);
  stream.Chunk(2, {{1, 2, 1, 0}});
  stream.Footer();
  EXPECT_TRUE(Read(stream.Finish()).ok());
}

// Every proper prefix of a valid dump is an error, in every framing.
TEST(DumpReaderErrorTest, EveryTruncationIsAnError) {
  for (bool packed : {false, true}) {
    for (bool zstd : {false, true}) {
      DumpWriterOptions options;
      options.packed = packed;
      options.zstd = zstd;
      options.chunk_quads = 4;
      std::vector<Quad> quads = SampleQuads();
      quads.resize(8);
      quads[2] = Quad{ExIri("s"), ExIri("p"), Term::Literal("short"), Term()};
      absl::StatusOr<std::string> bytes = WriteDump(quads, options, Feed::kAdd);
      ASSERT_TRUE(bytes.ok());
      ASSERT_TRUE(Read(*bytes).ok());
      for (size_t n = 0; n < bytes->size(); ++n) {
        absl::Status status = Read(std::string_view(*bytes).substr(0, n));
        ASSERT_FALSE(status.ok()) << "prefix " << n << " packed " << packed << " zstd " << zstd;
        if (n >= 8 && !zstd) {
          EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss) << status;
          EXPECT_THAT(std::string(status.message()), HasSubstr("truncated")) << status;
        }
      }
    }
  }
}

TEST(DumpReaderErrorTest, MissingFooterSaysWhereTheStreamEnds) {
  StreamBuilder stream;
  stream.Header();
  stream.Chunk(1, {{1, 1, 1, 0}});
  uint64_t end = stream.output().stream_bytes();
  ExpectError(Read(stream.Finish()), absl::StatusCode::kDataLoss,
              absl::StrCat("truncated stream: it ends at stream byte ", end,
                           " after message 2 without a footer"));
}

TEST(DumpReaderErrorTest, ChecksumMismatch) {
  std::vector<Quad> quads = {{ExIri("s"), ExIri("p"), Term::Literal("hello"), Term()}};
  for (bool packed : {false, true}) {
    DumpWriterOptions options;
    options.packed = packed;
    absl::StatusOr<std::string> bytes = WriteDump(quads, options, Feed::kAdd);
    ASSERT_TRUE(bytes.ok());
    size_t at = bytes->find("hello");
    ASSERT_NE(at, std::string::npos);
    (*bytes)[at + 4] = 'p';  // still a valid literal: only the checksum can tell
    ExpectError(Read(*bytes), absl::StatusCode::kDataLoss, "(footer) at stream byte");
    ExpectError(Read(*bytes), absl::StatusCode::kDataLoss, "checksum mismatch: the footer says");
  }
}

TEST(DumpReaderErrorTest, ChecksumKindNone) {
  StreamBuilder stream;
  stream.Header();
  stream.Chunk(1, {{1, 1, 1, 0}});
  StreamBuilder::FooterOverrides none;
  none.kind = wire::ChecksumKind::NONE;
  none.checksum = 0;
  stream.Footer(none);
  std::string bytes = stream.Finish();
  EXPECT_TRUE(Read(bytes).ok());
  DumpReaderOptions strict;
  strict.require_checksum = true;
  ExpectError(Read(bytes, strict), absl::StatusCode::kDataLoss, "no XXH3 checksum");
}

TEST(DumpReaderErrorTest, IdUsedBeforeItWasIntroduced) {
  StreamBuilder stream;
  stream.Header();
  stream.Chunk(2, {{1, 2, 1, 0}});
  uint64_t at = stream.Chunk(1, {{1, 2, 3, 0}, {1, 2, 4, 0}});
  stream.Footer();
  ExpectError(
      Read(stream.Finish()), absl::StatusCode::kDataLoss,
      Where(3, "chunk", at) +
          "quad 1 of the chunk: object id 4 used before it was introduced (3 terms so far)");
}

TEST(DumpReaderErrorTest, DefaultGraphIdOutsideTheGraph) {
  StreamBuilder stream;
  stream.Header();
  stream.Chunk(2, {{0, 1, 2, 0}});
  stream.Footer();
  ExpectError(Read(stream.Finish()), absl::StatusCode::kDataLoss,
              "quad 0 of the chunk: subject id 0 (the default graph)");
}

// A chunk with one hand-made term and a quad using it as object.
std::string ChunkWithTerm(const std::function<void(wire::Term::Builder)>& fill,
                          uint64_t* offset = nullptr) {
  StreamBuilder stream;
  stream.Header();
  uint64_t at = stream.Message([&](wire::Message::Builder m) {
    auto c = m.initChunk();
    c.setFirstTermId(1);
    c.setFirstDatatypeId(1);
    auto terms = c.initTerms(2);
    terms[0].setIri(Ex("p"));
    fill(terms[1]);
    StreamBuilder::SetQuads(c, {{1, 1, 2, 0}});
  });
  stream.Count(2, 1);
  stream.Footer();
  if (offset != nullptr) *offset = at;
  return stream.Finish();
}

TEST(DumpReaderErrorTest, MalformedTerms) {
  uint64_t at = 0;
  std::string bytes = ChunkWithTerm([](auto t) { t.setIri("http://example.org/a b"); }, &at);
  ExpectError(Read(bytes), absl::StatusCode::kInvalidArgument,
              Where(2, "chunk", at) +
                  "term id 2: malformed term: IRI contains a space at byte 20: "
                  "<http://example.org/a b>");
  ExpectError(Read(ChunkWithTerm([](auto t) { t.setIri("relative/iri"); })),
              absl::StatusCode::kInvalidArgument, "term id 2: malformed term");
  ExpectError(Read(ChunkWithTerm([](auto t) { t.setBlankNode("has space"); })),
              absl::StatusCode::kInvalidArgument, "term id 2: malformed term");
  ExpectError(Read(ChunkWithTerm([](auto t) {
                auto lang = t.initLangLiteral();
                lang.setLexical("x");
                lang.setLanguage("en us");
              })),
              absl::StatusCode::kInvalidArgument, "term id 2: malformed term");
  ExpectError(Read(ChunkWithTerm([](auto t) {
                auto lang = t.initLangLiteral();
                lang.setLexical("x");
              })),
              absl::StatusCode::kDataLoss, "term id 2: language-tagged literal without a language");
  ExpectError(Read(ChunkWithTerm([](auto t) {
                auto typed = t.initTypedLiteral();
                typed.setLexical("x");
                typed.getDatatype().setIri("not an iri");
              })),
              absl::StatusCode::kInvalidArgument, "term id 2: malformed term");
  ExpectError(Read(ChunkWithTerm([](auto t) {
                auto typed = t.initTypedLiteral();
                typed.setLexical("x");
                typed.getDatatype().setIri(kRdfLangString.data());
              })),
              absl::StatusCode::kDataLoss, "rdf:langString");
  ExpectError(Read(ChunkWithTerm([](auto t) {
                auto typed = t.initTypedLiteral();
                typed.setLexical("x");
                typed.getDatatype().setId(1);
              })),
              absl::StatusCode::kDataLoss, "datatype id 1 used before it was introduced");
  ExpectError(Read(ChunkWithTerm([](auto t) {
                     auto lang = t.initLangLiteral();
                     lang.setLexical("x");
                     lang.setLanguage(capnp::Text::Reader("e\0n", 3));
                   }),
                   {.validate_terms = false}),
              absl::StatusCode::kDataLoss, "term id 2: U+0000 in a datatype IRI or language tag");
  ExpectError(Read(ChunkWithTerm([](auto t) { t.setDefaultGraph(); })), absl::StatusCode::kDataLoss,
              "term id 2 is the default graph");
  // With validation off, syntax is not checked (structure still is).
  DumpReaderOptions lax;
  lax.validate_terms = false;
  EXPECT_TRUE(Read(bytes, lax).ok());
}

TEST(DumpReaderErrorTest, TermKindsMustFitPositions) {
  EXPECT_TRUE(Read(ChunkWithTerm([](auto t) { t.setLiteral("x"); })).ok());  // as object
  StreamBuilder stream;
  stream.Header();
  stream.Message([](wire::Message::Builder m) {
    auto c = m.initChunk();
    c.setFirstTermId(1);
    c.setFirstDatatypeId(1);
    auto terms = c.initTerms(2);
    terms[0].setIri(Ex("p"));
    terms[1].setLiteral("literal");
    StreamBuilder::SetQuads(c, {{2, 1, 1, 0}});
  });
  stream.Count(2, 1);
  stream.Footer();
  std::string bytes = stream.Finish();
  ExpectError(Read(bytes), absl::StatusCode::kInvalidArgument,
              "quad 0 of the chunk: term id 2 cannot be a subject");
  DumpReaderOptions unchecked;
  unchecked.check_positions = false;
  EXPECT_TRUE(Read(bytes, unchecked).ok());

  StreamBuilder friendly;
  friendly.Header();
  friendly.Message([](wire::Message::Builder m) {
    auto q = m.initQuadsWithTerms().initQuads(1)[0];
    q.initSubject().setIri(Ex("s"));
    q.initPredicate().setBlankNode("b");
    q.initObject().setIri(Ex("o"));
  });
  friendly.Count(0, 1);
  friendly.Footer();
  ExpectError(Read(friendly.Finish()), absl::StatusCode::kInvalidArgument,
              "quad 0: the predicate cannot be _:b");
}

TEST(DumpReaderErrorTest, QuadsWithTermsHaveNoIds) {
  StreamBuilder stream;
  stream.Header();
  stream.Message([](wire::Message::Builder m) {
    auto q = m.initQuadsWithTerms().initQuads(1)[0];
    q.initSubject().setIri(Ex("s"));
    q.initPredicate().setIri(Ex("p"));
    auto typed = q.initObject().initTypedLiteral();
    typed.setLexical("1");
    typed.getDatatype().setId(1);
  });
  stream.Count(0, 1);
  stream.Footer();
  ExpectError(Read(stream.Finish()), absl::StatusCode::kDataLoss,
              "quad 0 object: a datatype id where only a datatype IRI is allowed");
}

TEST(DumpReaderErrorTest, CorruptPointer) {
  StreamBuilder stream;
  stream.Header();
  uint64_t at = stream.output().stream_bytes();
  // One segment of 2 words: a root struct pointer whose offset points far
  // outside the segment.
  std::string message("\0\0\0\0\2\0\0\0", 8);
  message += std::string("\xF0\xFF\xFF\x0F\x01\x00\x01\x00", 8);  // offset 0x3fffffc
  message += std::string(8, '\0');
  ASSERT_TRUE(stream.output().WriteRaw(message).ok());
  ExpectError(Read(stream.Finish()), absl::StatusCode::kDataLoss,
              absl::StrCat("message 2 at stream byte ", at, ": corrupt message: "));
}

TEST(DumpReaderErrorTest, CorruptPointerPacked) {
  absl::StatusOr<std::string> bytes = WriteDump(SampleQuads(), {.packed = true}, Feed::kAdd);
  ASSERT_TRUE(bytes.ok());
  // Overwrite the middle of the file with 0xFF words: corrupt pointers or
  // lengths, never a crash.
  for (size_t at = 16; at + 64 < bytes->size(); at += 97) {
    std::string broken = *bytes;
    for (size_t i = 0; i < 16; ++i) broken[at + i] = '\xFF';
    EXPECT_FALSE(Read(broken).ok()) << at;
  }
}

TEST(DumpReaderErrorTest, OverLimitMessage) {
  std::vector<Quad> quads = {
      {ExIri("s"), ExIri("p"), Term::Literal(std::string(9000, 'z')), Term()}};
  DumpReaderOptions small;
  small.max_message_bytes = 8192;
  absl::StatusOr<std::string> plain = WriteDump(quads, {}, Feed::kAdd);
  ASSERT_TRUE(plain.ok());
  ExpectError(Read(*plain, small), absl::StatusCode::kResourceExhausted,
              "bytes exceeds the limit of 8192 bytes");
  absl::StatusOr<std::string> packed = WriteDump(quads, {.packed = true}, Feed::kAdd);
  ASSERT_TRUE(packed.ok());
  ExpectError(Read(*packed, small), absl::StatusCode::kDataLoss, "Message is too large");

  // A segment table claiming 32 GiB is refused before anything is allocated.
  StreamBuilder stream;
  stream.Header();
  ASSERT_TRUE(stream.output().WriteRaw(std::string("\0\0\0\0\xFF\xFF\xFF\xFF", 8)).ok());
  ExpectError(Read(stream.Finish()), absl::StatusCode::kResourceExhausted,
              "message of 34359738360 bytes exceeds the limit of 67108864 bytes");
}

TEST(DumpReaderErrorTest, DataAfterTheFooter) {
  absl::StatusOr<std::string> bytes = WriteDump(SampleQuads(), {}, Feed::kAdd);
  ASSERT_TRUE(bytes.ok());
  size_t end = bytes->size();
  *bytes += std::string(8, '\0');
  ExpectError(Read(*bytes), absl::StatusCode::kDataLoss,
              absl::StrCat("data after the footer, at stream byte ", end));
}

TEST(DumpReaderErrorTest, MessageOrder) {
  StreamBuilder no_header;
  no_header.Chunk(1, {});
  no_header.Footer();
  ExpectError(Read(no_header.Finish()), absl::StatusCode::kDataLoss,
              "message 1 (chunk) at stream byte 8: the first message of a dump must be its header");
  StreamBuilder two_headers;
  two_headers.Header();
  two_headers.Header();
  two_headers.Footer();
  ExpectError(Read(two_headers.Finish()), absl::StatusCode::kDataLoss, "a second header");
}

TEST(DumpReaderErrorTest, FooterTotalsMustMatch) {
  auto with = [](StreamBuilder::FooterOverrides o) {
    StreamBuilder stream;
    stream.Header();
    stream.Chunk(2, {{1, 2, 1, 0}, {2, 2, 1, 0}});
    stream.Footer(o);
    return Read(stream.Finish());
  };
  ExpectError(with({.quads = 3}), absl::StatusCode::kDataLoss,
              "the footer counts 3 quads; the dump has 2");
  ExpectError(with({.terms = 1}), absl::StatusCode::kDataLoss,
              "the footer counts 1 terms; the dump has 2");
  ExpectError(with({.messages = 5}), absl::StatusCode::kDataLoss,
              "the footer counts 5 messages before it; the dump has 2");
  EXPECT_TRUE(with({}).ok());
}

TEST(DumpReaderErrorTest, HeaderCountsMustMatch) {
  StreamBuilder stream;
  stream.Message([](wire::Message::Builder m) {
    auto h = m.initHeader();
    h.setFormatMajor(1);
    h.setQuadCount(5);
  });
  stream.Chunk(2, {{1, 2, 1, 0}});
  stream.Footer();
  ExpectError(Read(stream.Finish()), absl::StatusCode::kDataLoss,
              "the header declares 5 quads; the dump has 1");
}

TEST(DumpReaderErrorTest, ChunkIdsMustContinue) {
  StreamBuilder stream;
  stream.Header();
  stream.Chunk(2, {});
  stream.Message([](wire::Message::Builder m) {
    auto c = m.initChunk();
    c.setFirstTermId(7);
    c.setFirstDatatypeId(1);
  });
  stream.Footer();
  ExpectError(Read(stream.Finish()), absl::StatusCode::kDataLoss, "firstTermId is 7, expected 3");
}

TEST(DumpReaderErrorTest, QuadColumnsMustHaveOneLength) {
  StreamBuilder stream;
  stream.Header();
  stream.Message([](wire::Message::Builder m) {
    auto c = m.initChunk();
    c.setFirstTermId(1);
    c.setFirstDatatypeId(1);
    c.initTerms(1)[0].setIri(Ex("p"));
    StreamBuilder::SetQuads(c, {{1, 1, 1, 0}, {1, 1, 1, 1}});
    c.initGraphs(1);
  });
  stream.Count(1, 2);
  stream.Footer();
  ExpectError(Read(stream.Finish()), absl::StatusCode::kDataLoss,
              "quad columns of different lengths: 2 subjects, 2 predicates, 2 objects, 1 graphs");
}

TEST(DumpReaderErrorTest, DeclaredQuadOrderIsVerified) {
  StreamBuilder stream;
  stream.Message([](wire::Message::Builder m) {
    auto h = m.initHeader();
    h.setFormatMajor(1);
    h.setQuadOrder(wire::QuadOrder::SPOG);
  });
  stream.Chunk(3, {{1, 2, 3, 0}, {2, 2, 1, 0}});
  stream.Chunk(0, {{2, 2, 2, 0}, {2, 2, 1, 0}});
  stream.Footer();
  ExpectError(Read(stream.Finish()), absl::StatusCode::kDataLoss,
              "message 3 (chunk) at stream byte");
}

TEST(DumpReaderErrorTest, CorruptZstd) {
  absl::StatusOr<std::string> bytes = WriteDump(SampleQuads(), {.zstd = true}, Feed::kAdd);
  ASSERT_TRUE(bytes.ok());
  std::string broken = *bytes;
  for (size_t i = 20; i < 40; ++i) broken[i] = static_cast<char>(broken[i] ^ 0x5A);
  absl::Status status = Read(broken);
  EXPECT_FALSE(status.ok());
  ExpectError(Read(std::string_view(*bytes).substr(0, bytes->size() - 3)),
              absl::StatusCode::kDataLoss, "truncated zstd stream");
}

TEST(DumpReaderErrorTest, VisitorErrorsPassThroughUnchanged) {
  struct Refuser : CollectingVisitor {
    absl::Status OnQuads(std::span<const IdQuad>) override {
      return absl::CancelledError("stop here");
    }
  };
  absl::StatusOr<std::string> bytes = WriteDump(SampleQuads(), {.packed = true}, Feed::kAdd);
  ASSERT_TRUE(bytes.ok());
  Refuser refuser;
  EXPECT_EQ(ReadDump(*bytes, &refuser), absl::CancelledError("stop here"));
}

TEST(DumpWriterErrorTest, RejectedInputLeavesTheWriterUsable) {
  std::string bytes;
  auto writer = *DumpWriter::CreateInMemory(&bytes, {});
  ExpectError(writer->Add({Term::Literal("x"), ExIri("p"), ExIri("o"), Term()}),
              absl::StatusCode::kInvalidArgument, "the subject cannot be \"x\"");
  ExpectError(writer->Add({ExIri("s"), ExIri("p"), Term::Iri("http://example.org/a b"), Term()}),
              absl::StatusCode::kInvalidArgument, "invalid term: IRI contains a space");
  ExpectError(writer->Add({ExIri("s"), ExIri("p"), Term::LangLiteral("x", "not a tag"), Term()}),
              absl::StatusCode::kInvalidArgument, "invalid term");
  ExpectError(writer->AddTermKey("Ihttp://example.org/t"), absl::StatusCode::kInvalidArgument,
              "cannot be mixed");  // mode fixed by the first (rejected) Add
  ASSERT_TRUE(writer->Add({ExIri("s"), ExIri("p"), ExIri("o"), Term()}).ok());
  const IdQuad local{1, 2, 3, 0};
  ExpectError(writer->AddLocalQuads(std::span<const IdQuad>(&local, 1)),
              absl::StatusCode::kInvalidArgument, "cannot be mixed");
  absl::StatusOr<DumpFooter> footer = writer->Finish();
  ASSERT_TRUE(footer.ok()) << footer.status();
  EXPECT_EQ(footer->quad_count, 1u);
  EXPECT_EQ(footer->term_count, 3u);
  CollectingVisitor visitor;
  EXPECT_TRUE(ReadDump(bytes, &visitor).ok());
}

TEST(DumpWriterErrorTest, StructureIsCheckedEvenWithoutValidation) {
  std::string bytes;
  auto writer = *DumpWriter::CreateInMemory(&bytes, {.validate_terms = false});
  auto with_object = [&](Term o) { return writer->Add({ExIri("s"), ExIri("p"), o, Term()}); };
  ExpectError(with_object(Term::TypedLiteral("x", "")), absl::StatusCode::kInvalidArgument,
              "a literal without a datatype");
  ExpectError(with_object(Term::TypedLiteral("x", std::string(kRdfLangString))),
              absl::StatusCode::kInvalidArgument, "rdf:langString without a language tag");
  ExpectError(with_object(Term::TypedLiteral("x", std::string("http://e/\0", 10))),
              absl::StatusCode::kInvalidArgument, "U+0000");
  ExpectError(writer->Add({Term(), ExIri("p"), ExIri("o"), Term()}),
              absl::StatusCode::kInvalidArgument, "the subject cannot be the default graph");
  // Syntax is the caller's business with validation off.
  ASSERT_TRUE(with_object(Term::Iri("not an IRI")).ok());
  ASSERT_TRUE(writer->Finish().ok());
  DumpReaderOptions lax;
  lax.validate_terms = false;
  EXPECT_TRUE(Read(bytes, lax).ok());
  ExpectError(Read(bytes), absl::StatusCode::kInvalidArgument, "malformed term");
}

TEST(DumpWriterErrorTest, BrokenPromisesAreStickyAndLeaveNoFooter) {
  std::string bytes;
  auto writer = *DumpWriter::CreateInMemory(&bytes, {.quad_order = DumpQuadOrder::kSpog});
  ASSERT_TRUE(writer->Add({ExIri("a"), ExIri("p"), ExIri("b"), Term()}).ok());
  absl::Status broken = writer->Add({ExIri("a"), ExIri("p"), ExIri("a"), Term()});
  ExpectError(broken, absl::StatusCode::kFailedPrecondition, "breaks the declared quad order");
  EXPECT_EQ(writer->Add({ExIri("z"), ExIri("z"), ExIri("z"), Term()}), broken);
  EXPECT_EQ(writer->Finish().status(), broken);
  ExpectError(Read(bytes), absl::StatusCode::kDataLoss, "without a footer");

  std::string counted;
  auto liar = *DumpWriter::CreateInMemory(&counted, {.quad_count = 2});
  ASSERT_TRUE(liar->Add({ExIri("a"), ExIri("p"), ExIri("b"), Term()}).ok());
  ExpectError(liar->Finish().status(), absl::StatusCode::kFailedPrecondition,
              "the header declares 2 quads; the dump has 1");
  ExpectError(Read(counted), absl::StatusCode::kDataLoss, "without a footer");
}

TEST(DumpWriterErrorTest, OptionsAreChecked) {
  std::string bytes;
  ExpectError(DumpWriter::CreateInMemory(&bytes, {.chunk_quads = 0}).status(),
              absl::StatusCode::kInvalidArgument, "chunk_quads");
  ExpectError(DumpWriter::CreateInMemory(&bytes, {.chunk_bytes = 10}).status(),
              absl::StatusCode::kInvalidArgument, "chunk_bytes");
  ExpectError(DumpWriter::Create("/nonexistent-dir/x.dump", {}).status(),
              absl::StatusCode::kNotFound, "cannot create /nonexistent-dir/x.dump");
}

}  // namespace
}  // namespace parley::schema
