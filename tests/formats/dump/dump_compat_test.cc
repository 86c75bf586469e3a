// Forward compatibility: a dump written with a NEWER schema (fields, a
// message kind and an enumerant added: tests/formats/dump/dump_v2_test.capnp)
// loads with the current reader, which ignores what it does not know.
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

#include "capnp/message.h"
#include "formats/dump/dump_checksum.h"
#include "formats/dump/dump_output.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/formats/dump/dump_v2_test.capnp.h"
#include "tests/support/dump_support.h"

namespace parley::schema {
namespace {

using ::parley::schema::testing::CollectingVisitor;
using ::parley::schema::testing::Ex;
using ::parley::schema::testing::ExIri;
using ::parley::schema::testing::ReadDump;
using ::testing::ElementsAre;

template <typename Fill>
void Write(DumpOutput& out, Fill&& fill) {
  capnp::MallocMessageBuilder message;
  fill(message.initRoot<testv2::Message>());
  ASSERT_TRUE(out.WriteMessage(message).ok());
}

std::string WriteV2Dump(bool packed, bool zstd) {
  std::string bytes;
  auto out = *DumpOutput::ToString(&bytes, DumpOutputOptions{packed, zstd, 3});
  EXPECT_TRUE(out->WriteSignature().ok());
  Write(*out, [](testv2::Message::Builder m) {
    auto h = m.initHeader();
    h.setFormatMajor(1);
    h.setFormatMinor(3);
    h.setProducer("parley 9");
    h.setQuadCount(3);
    h.setQuadOrder(testv2::QuadOrder::SPOG_REVERSE);  // a promise v1 cannot check
    h.setExtraNote("only v2 knows this");
  });
  Write(*out, [](testv2::Message::Builder m) {
    auto c = m.initChunk();
    c.setFirstTermId(1);
    c.setFirstDatatypeId(1);
    c.initDatatypes(1).set(0, Ex("dt"));
    auto terms = c.initTerms(4);
    terms[0].setIri(Ex("s"));
    terms[0].setAnnotation("subject");
    terms[1].setIri(Ex("p"));
    auto typed = terms[2].initTypedLiteral();
    typed.setLexical("7");
    typed.getDatatype().setId(1);
    terms[2].setAnnotation("typed");
    auto lang = terms[3].initLangLiteral();
    lang.setLexical("hi");
    lang.setLanguage("EN");
    auto subjects = c.initSubjects(2);
    auto predicates = c.initPredicates(2);
    auto objects = c.initObjects(2);
    auto graphs = c.initGraphs(2);
    subjects.set(0, 1);
    predicates.set(0, 2);
    objects.set(0, 3);
    subjects.set(1, 1);
    predicates.set(1, 2);
    objects.set(1, 4);
    graphs.set(1, 1);
    auto weights = c.initWeights(2);
    weights.set(0, 0.5);
    weights.set(1, 0.25);
  });
  Write(*out, [](testv2::Message::Builder m) { m.setComment("a message kind v1 skips"); });
  Write(*out, [](testv2::Message::Builder m) {
    auto q = m.initQuadsWithTerms().initQuads(1)[0];
    q.initSubject().setBlankNode("b");
    q.initPredicate().setIri(Ex("p"));
    q.initObject().setLiteral("plain");
    q.getObject().setAnnotation("ignored");
    q.setConfidence(0.9f);
  });
  uint64_t checksum = out->Checksum();
  Write(*out, [&](testv2::Message::Builder m) {
    auto f = m.initFooter();
    f.setQuadCount(3);
    f.setTermCount(4);
    f.setMessageCount(4);  // the unknown message counts too
    f.setChecksumKind(testv2::ChecksumKind::XXH3);
    f.setChecksum(checksum);
    f.setWrittenAt(1700000000);
  });
  EXPECT_TRUE(out->Close().ok());
  return bytes;
}

TEST(DumpCompatTest, NewerMinorVersionLoads) {
  for (bool packed : {false, true}) {
    for (bool zstd : {false, true}) {
      CollectingVisitor visitor;
      absl::Status status = ReadDump(WriteV2Dump(packed, zstd), &visitor);
      ASSERT_TRUE(status.ok()) << status;
      EXPECT_EQ(visitor.header.format_minor, 3);
      EXPECT_EQ(visitor.header.producer, "parley 9");
      EXPECT_EQ(visitor.header.quad_order, DumpQuadOrder::kUnspecified);
      EXPECT_THAT(
          visitor.quads,
          ElementsAre(Quad{ExIri("s"), ExIri("p"), Term::TypedLiteral("7", Ex("dt")), Term()},
                      Quad{ExIri("s"), ExIri("p"), Term::LangLiteral("hi", "en"), ExIri("s")},
                      Quad{Term::BlankNode("b"), ExIri("p"), Term::Literal("plain"), Term()}));
      EXPECT_EQ(visitor.footer.message_count, 4u);
    }
  }
}

// Other writers may split a message into many segments (capnp's default
// first segment is 1 KiB); the reader takes any number, packed or not.
TEST(DumpCompatTest, ManySegmentsPerMessage) {
  for (bool packed : {false, true}) {
    std::string bytes;
    auto out = *DumpOutput::ToString(&bytes, DumpOutputOptions{packed, false, 3});
    ASSERT_TRUE(out->WriteSignature().ok());
    size_t segments = 0;
    auto write = [&](auto fill) {
      capnp::MallocMessageBuilder message(8, capnp::AllocationStrategy::FIXED_SIZE);
      fill(message.initRoot<wire::Message>());
      segments += message.getSegmentsForOutput().size();
      ASSERT_TRUE(out->WriteMessage(message).ok());
    };
    write([](wire::Message::Builder m) {
      auto h = m.initHeader();
      h.setFormatMajor(1);
      h.setProducer("a producer with tiny segments");
    });
    write([](wire::Message::Builder m) {
      auto c = m.initChunk();
      c.setFirstTermId(1);
      c.setFirstDatatypeId(1);
      auto terms = c.initTerms(40);
      for (unsigned i = 0; i < 40; ++i) terms[i].setIri(Ex(absl::StrCat("term/", i)));
      testing::StreamBuilder::SetQuads(c, {{1, 2, 3, 0}, {4, 5, 6, 7}});
    });
    uint64_t checksum = out->Checksum();
    write([&](wire::Message::Builder m) {
      auto f = m.initFooter();
      f.setQuadCount(2);
      f.setTermCount(40);
      f.setMessageCount(2);
      f.setChecksumKind(wire::ChecksumKind::XXH3);
      f.setChecksum(checksum);
    });
    ASSERT_TRUE(out->Close().ok());
    EXPECT_GT(segments, 10u);
    CollectingVisitor visitor;
    absl::Status status = ReadDump(bytes, &visitor);
    ASSERT_TRUE(status.ok()) << status;
    EXPECT_THAT(
        visitor.quads,
        ElementsAre(Quad{ExIri("term/0"), ExIri("term/1"), ExIri("term/2"), Term()},
                    Quad{ExIri("term/3"), ExIri("term/4"), ExIri("term/5"), ExIri("term/6")}));
  }
}

// A producer that is not Parley: Cap'n Proto's command-line tool encodes
// each message from its text form, following docs/dump-format.md only.
std::string CapnpEncode(const std::string& text, bool packed) {
  char path[] = "/tmp/parley_capnp_text_XXXXXX";
  int fd = ::mkstemp(path);
  EXPECT_GE(fd, 0);
  EXPECT_EQ(::write(fd, text.data(), text.size()), static_cast<ssize_t>(text.size()));
  ::close(fd);
  std::string command = absl::StrCat(PARLEY_CAPNP_TOOL, " encode ", packed ? "--packed " : "", "-I",
                                     PARLEY_CAPNP_INCLUDE, " ", PARLEY_SOURCE_DIR,
                                     "/schema/dump.capnp Message < ", path);
  std::string out;
  FILE* pipe = ::popen(command.c_str(), "r");
  EXPECT_NE(pipe, nullptr);
  char buffer[4096];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  EXPECT_EQ(::pclose(pipe), 0) << command;
  ::unlink(path);
  return out;
}

TEST(DumpCompatTest, ForeignProducerFollowingTheDocs) {
  for (bool packed : {false, true}) {
    std::string stream(packed ? "\x89ParleyP" : "\x89ParleyU", 8);
    stream += CapnpEncode(R"((header = (formatMajor = 1, producer = "capnp tool")))", packed);
    stream += CapnpEncode(R"((quadsWithTerms = (quads = [(
        subject = (blankNode = "b1"), predicate = (iri = "http://example.org/p"),
        object = (langLiteral = (lexical = "hello", language = "EN")),
        graph = (iri = "http://example.org/g"))])))",
                          packed);
    stream += CapnpEncode(R"((chunk = (firstTermId = 1, firstDatatypeId = 1,
        datatypes = ["http://example.org/dt"],
        terms = [(iri = "http://example.org/s"), (iri = "http://example.org/p"),
                 (typedLiteral = (lexical = "7", datatype = (id = 1))), (literal = "")],
        subjects = [1, 1], predicates = [2, 2], objects = [3, 4])))",
                          packed);
    uint64_t checksum = DumpChecksum::Of(stream);
    stream += CapnpEncode(absl::StrCat("(footer = (quadCount = 3, termCount = 4, messageCount = 3,",
                                       " checksumKind = xxh3, checksum = ", checksum, "))"),
                          packed);
    CollectingVisitor visitor;
    absl::Status status = ReadDump(stream, &visitor);
    ASSERT_TRUE(status.ok()) << status;
    EXPECT_EQ(visitor.header.producer, "capnp tool");
    EXPECT_THAT(visitor.quads,
                ElementsAre(Quad{Term::BlankNode("b1"), ExIri("p"),
                                 Term::LangLiteral("hello", "en"), ExIri("g")},
                            Quad{ExIri("s"), ExIri("p"), Term::TypedLiteral("7", Ex("dt")), Term()},
                            Quad{ExIri("s"), ExIri("p"), Term::Literal(""), Term()}));
  }
}

}  // namespace
}  // namespace parley::schema
