// Dumps are checked as strictly as the text readers check N-Quads: every
// text of a term (IRIs, labels, language tags, and the lexical form of a
// literal) must be well-formed UTF-8, on the way in (reader) and on the way
// out (writer), so that Parley never stores a term its own N-Quads export
// cannot give back. And a stream whose first bytes come close to the
// signature is reported as a damaged dump, not as some other file.
#include <functional>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "formats/rdf/byte_source.h"
#include "formats/rdf/rdf_reader.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/dump_support.h"

namespace parley::schema {
namespace {

using ::parley::schema::testing::CollectingVisitor;
using ::parley::schema::testing::Ex;
using ::parley::schema::testing::ExIri;
using ::parley::schema::testing::ReadDump;
using ::parley::schema::testing::StreamBuilder;
using ::testing::HasSubstr;

// Bytes no UTF-8 decoder accepts, each in the middle of a text.
const std::vector<std::string>& BadUtf8() {
  static const std::vector<std::string> bad = {
      std::string("caf\xC3", 4) + "(",  // a truncated sequence
      "\xED\xA0\x80",                   // a surrogate (U+D800)
      "\xC0\xAF",                       // overlong '/'
      "\xF4\x90\x80\x80",               // above U+10FFFF
      "\xFF",                           // never a UTF-8 byte
  };
  return bad;
}

// A dump with the IRI <http://example.org/p> (id 1) and the term `fill`
// writes (id 2), and one quad using id 2 as object; or, quads_with_terms,
// the same quad as a quadsWithTerms message.
std::string DumpWithObject(const std::function<void(wire::Term::Builder)>& fill,
                           bool quads_with_terms = false) {
  StreamBuilder stream;
  stream.Header();
  if (quads_with_terms) {
    stream.Message([&](wire::Message::Builder m) {
      auto q = m.initQuadsWithTerms().initQuads(1)[0];
      q.initSubject().setIri(Ex("s"));
      q.initPredicate().setIri(Ex("p"));
      fill(q.initObject());
    });
    stream.Count(0, 1);
  } else {
    stream.Message([&](wire::Message::Builder m) {
      auto c = m.initChunk();
      c.setFirstTermId(1);
      c.setFirstDatatypeId(1);
      auto terms = c.initTerms(2);
      terms[0].setIri(Ex("p"));
      fill(terms[1]);
      StreamBuilder::SetQuads(c, {{1, 1, 2, 0}});
    });
    stream.Count(2, 1);
  }
  stream.Footer();
  return stream.Finish();
}

capnp::Text::Reader Text(const std::string& s) { return capnp::Text::Reader(s.data(), s.size()); }

absl::Status Read(std::string_view bytes) {
  CollectingVisitor visitor;
  return ReadDump(bytes, &visitor);
}

// What the N-Quads reader says about `line`: the standard a dump must meet.
absl::Status ReadNQuads(const std::string& line) {
  engine::io::ReadOptions options;
  options.format = engine::io::RdfFormat::kNQuads;
  std::unique_ptr<engine::io::ByteSource> source = engine::io::ByteSource::FromString(line);
  absl::StatusOr<engine::io::ReadSummary> read = engine::io::ReadRdf(
      *source, "line.nq", options, [](const engine::QuadView&) { return absl::OkStatus(); });
  return read.status();
}

TEST(DumpTextValidationTest, InvalidUtf8InAnyTermTextIsRejected) {
  for (const std::string& bad : BadUtf8()) {
    SCOPED_TRACE(absl::StrCat("bytes ", absl::CHexEscape(bad)));
    const std::string text = "x" + bad + "y";
    // The N-Quads reader refuses these literals...
    ASSERT_FALSE(
        ReadNQuads(absl::StrCat("<", Ex("s"), "> <", Ex("p"), "> \"", text, "\" .\n")).ok());
    // ...and so must the dump reader, in every term form and message kind.
    const std::vector<std::pair<std::string, std::function<void(wire::Term::Builder)>>> forms = {
        {"literal", [&](wire::Term::Builder t) { t.setLiteral(Text(text)); }},
        {"lang literal",
         [&](wire::Term::Builder t) {
           auto lang = t.initLangLiteral();
           lang.setLexical(Text(text));
           lang.setLanguage("en");
         }},
        {"typed literal",
         [&](wire::Term::Builder t) {
           auto typed = t.initTypedLiteral();
           typed.setLexical(Text(text));
           typed.getDatatype().setIri(Text(Ex("type")));
         }},
        {"IRI", [&](wire::Term::Builder t) { t.setIri(Text(Ex(text))); }},
        {"datatype IRI",
         [&](wire::Term::Builder t) {
           auto typed = t.initTypedLiteral();
           typed.setLexical("v");
           typed.getDatatype().setIri(Text(Ex(text)));
         }},
        {"blank node", [&](wire::Term::Builder t) { t.setBlankNode(Text(text)); }},
    };
    for (const auto& [name, fill] : forms) {
      for (bool quads_with_terms : {false, true}) {
        SCOPED_TRACE(absl::StrCat(name, quads_with_terms ? " in quadsWithTerms" : " in a chunk"));
        const absl::Status status = Read(DumpWithObject(fill, quads_with_terms));
        EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << status;
        EXPECT_THAT(std::string(status.message()), HasSubstr("malformed term"));
        EXPECT_THAT(std::string(status.message()), HasSubstr("UTF-8"));
      }
    }
  }
  // The same texts, well-formed, pass.
  const std::string good = "caf\xC3\xA9 \xF0\x9F\x98\x80";
  EXPECT_TRUE(Read(DumpWithObject([&](wire::Term::Builder t) { t.setLiteral(Text(good)); })).ok());
}

TEST(DumpTextValidationTest, ErrorSaysWhereInTheLexicalForm) {
  const absl::Status status = Read(DumpWithObject(
      [](wire::Term::Builder t) { t.setLiteral(capnp::Text::Reader("abc\xC3(", 5)); }));
  EXPECT_THAT(std::string(status.message()),
              HasSubstr("term id 2: malformed term: the lexical form of a literal is not valid "
                        "UTF-8 at byte 3"));
}

TEST(DumpTextValidationTest, WriterRefusesWhatTheReaderWouldRefuse) {
  for (const std::string& bad : BadUtf8()) {
    SCOPED_TRACE(absl::CHexEscape(bad));
    const Term literal = Term::Literal("x" + bad);
    const Term lang = Term::LangLiteral("x" + bad, "en");
    const Term typed = Term::TypedLiteral("x" + bad, Ex("type"));
    for (const Term& object : {literal, lang, typed}) {
      std::string bytes;
      auto writer = DumpWriter::CreateInMemory(&bytes, DumpWriterOptions());
      ASSERT_TRUE(writer.ok()) << writer.status();
      const Quad quad{ExIri("s"), ExIri("p"), object, Term()};
      EXPECT_EQ((*writer)->Add(quad).code(), absl::StatusCode::kInvalidArgument);
      EXPECT_EQ((*writer)->AddWithTerms(quad).code(), absl::StatusCode::kInvalidArgument);
      EXPECT_EQ((*writer)->quads_added(), 0u);
    }
  }
}

TEST(DumpTextValidationTest, DamagedSignatureIsToldFromAnotherFormat) {
  const std::string good(kDumpSignatureUnpacked);
  EXPECT_FALSE(IsDamagedDumpSignature(good));
  EXPECT_FALSE(IsDamagedDumpSignature(std::string(kDumpSignaturePacked)));
  std::string one = good;
  one[3] = 'X';
  EXPECT_TRUE(IsDamagedDumpSignature(one));
  std::string two = one;
  two[0] = '\0';
  EXPECT_TRUE(IsDamagedDumpSignature(two));
  std::string three = two;
  three[6] = '!';
  EXPECT_FALSE(IsDamagedDumpSignature(three));
  EXPECT_FALSE(IsDamagedDumpSignature("<http://a> <http://b> <http://c> ."));
  EXPECT_FALSE(IsDamagedDumpSignature("\x89Parl"));  // too short to tell

  std::string bytes = StreamBuilder().Finish();
  bytes[2] ^= 0x01;
  const absl::Status status = Read(bytes);
  EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss) << status;
  EXPECT_THAT(std::string(status.message()), HasSubstr("a damaged Parley dump"));
  EXPECT_EQ(Read("<http://a> <http://b> <http://c> .").code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace parley::schema
