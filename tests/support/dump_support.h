// Helpers shared by the dump tests (header-only: the test glob builds only
// *_test.cc files).
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "capnp/message.h"
#include "engine/layout/term_codec.h"
#include "engine/status_macros.h"
#include "formats/dump/dump_output.h"
#include "formats/dump/dump_reader.h"
#include "formats/dump/dump_writer.h"
#include "gtest/gtest.h"
#include "parley/quad.h"
#include "parley/term.h"
#include "schema/dump.capnp.h"

namespace parley::schema::testing {

inline constexpr std::string_view kEx = "http://example.org/";
inline std::string Ex(std::string_view local) { return std::string(kEx) + std::string(local); }
inline Term ExIri(std::string_view local) { return Term::Iri(Ex(local)); }

// Records what a reader delivered. Id-form quads are resolved through the
// terms received so far, so `quads` holds every quad in stream order.
class CollectingVisitor : public DumpVisitor {
 public:
  absl::Status OnHeader(const DumpHeader& h) override {
    header = h;
    ++headers;
    return absl::OkStatus();
  }
  absl::Status OnTerms(uint64_t first_id, std::span<const DumpTermView> terms) override {
    if (first_id != terms_by_id.size()) return absl::InternalError("ids not dense");
    for (const DumpTermView& t : terms) terms_by_id.push_back(t.ToTerm());
    ++term_batches;
    return absl::OkStatus();
  }
  absl::Status OnQuads(std::span<const IdQuad> id_quads) override {
    for (const IdQuad& q : id_quads) {
      quads.push_back(Quad{terms_by_id.at(q.subject), terms_by_id.at(q.predicate),
                           terms_by_id.at(q.object), terms_by_id.at(q.graph)});
    }
    ++quad_batches;
    return absl::OkStatus();
  }
  absl::Status OnQuadsWithTerms(std::span<const Quad> term_quads) override {
    quads.insert(quads.end(), term_quads.begin(), term_quads.end());
    ++term_quad_batches;
    return absl::OkStatus();
  }
  absl::Status OnFooter(const DumpFooter& f) override {
    footer = f;
    ++footers;
    return absl::OkStatus();
  }

  DumpHeader header;
  DumpFooter footer;
  std::vector<Term> terms_by_id{Term()};  // id 0: the default graph
  std::vector<Quad> quads;
  int headers = 0;
  int footers = 0;
  int term_batches = 0;
  int quad_batches = 0;
  int term_quad_batches = 0;
};

// Quads that use every kind of term in every position it may take.
inline std::vector<Quad> SampleQuads() {
  const Term s = ExIri("s");
  const Term p = ExIri("p");
  const Term g = ExIri("graph/1");
  const Term blank = Term::BlankNode("b0");
  const Term blank_graph = Term::BlankNode("g.1");
  const std::string xsd(kXsd);
  std::string nul_inside("a");
  nul_inside.push_back('\0');
  nul_inside += "b";
  return {
      {s, p, ExIri("o"), Term()},
      {s, p, Term::Literal(""), Term()},
      {s, p, Term::Literal(std::string(100000, 'x')), g},
      {s, p, Term::Literal("non-BMP \xF0\x9D\x84\x9E and \xF0\x9F\x98\x80"), g},
      {s, p, Term::Literal(nul_inside), g},
      {s, p, Term::Literal("quote \" newline \n tab \t backslash \\"), Term()},
      {s, ExIri("age"), Term::TypedLiteral("42", xsd + "integer"), Term()},
      {s, ExIri("when"), Term::TypedLiteral("2019-03-01T10:00:00Z", xsd + "dateTime"), g},
      {s, ExIri("odd"), Term::TypedLiteral("01", xsd + "integer"), g},
      {s, ExIri("custom"), Term::TypedLiteral("v", Ex("datatype")), blank_graph},
      {s, ExIri("label"), Term::LangLiteral("hello", "en"), Term()},
      {s, ExIri("label"), Term::LangLiteral("Gr\xC3\xBC\xC3\x9F", "de-AT"), g},
      {blank, p, blank, blank_graph},
      {blank, p, g, g},
      {g, p, s, g},
      // A datatype IRI also used as a term: the two id spaces must not clash.
      {Term::Iri(xsd + "integer"), ExIri("label"), Term::Literal("integer"), Term()},
      {ExIri("\xC3\xBC\xF0\x9F\x98\x80"), p, Term::Iri(xsd + "integer"), Term()},
      {s, p, ExIri("o"), g},
  };
}

// SampleQuads() and n more whose literals grow by 13 bytes each (up to
// n * 13), in the default graph and 5 named ones: big enough to split terms
// over chunks of a small chunk_bytes.
inline std::vector<Quad> SampleQuadsWithLongLiterals(int n) {
  std::vector<Quad> quads = SampleQuads();
  for (int i = 0; i < n; ++i) {
    quads.push_back(Quad{ExIri(absl::StrCat("n", i)), ExIri(absl::StrCat("p", i % 7)),
                         Term::Literal(std::string(static_cast<size_t>(i * 13), 'y')),
                         i % 3 == 0 ? Term() : ExIri(absl::StrCat("g", i % 5))});
  }
  return quads;
}

// The two framing options of a dump, for parameterized tests.
struct Framing {
  bool packed;
  bool zstd;
};

// The ways to feed a DumpWriter: Add, AddTermKey/AddLocalQuads (terms
// numbered here in first-use order, as Add numbers them), AddWithTerms.
enum class Feed { kAdd, kLocal, kAddWithTerms };

inline absl::StatusOr<std::string> WriteDump(const std::vector<Quad>& quads,
                                             DumpWriterOptions options, Feed feed) {
  std::map<Term, uint64_t> local_ids;  // Feed::kLocal
  std::string bytes;
  PARLEY_ASSIGN_OR_RETURN(auto writer, DumpWriter::CreateInMemory(&bytes, std::move(options)));
  for (const Quad& q : quads) {
    switch (feed) {
      case Feed::kAdd:
        PARLEY_RETURN_IF_ERROR(writer->Add(q));
        break;
      case Feed::kLocal: {
        IdQuad ids;
        uint64_t* positions[4] = {&ids.subject, &ids.predicate, &ids.object, &ids.graph};
        const Term* terms[4] = {&q.subject, &q.predicate, &q.object, &q.graph};
        for (int k = 0; k < 4; ++k) {
          if (terms[k]->is_default_graph()) {
            *positions[k] = kDefaultGraphId;
            continue;
          }
          auto [it, inserted] = local_ids.try_emplace(*terms[k], local_ids.size() + 1);
          if (inserted) {
            PARLEY_RETURN_IF_ERROR(writer->AddTermKey(engine::EncodeTermKey(*terms[k])));
          }
          *positions[k] = it->second;
        }
        PARLEY_RETURN_IF_ERROR(writer->AddLocalQuads(std::span<const IdQuad>(&ids, 1)));
        break;
      }
      case Feed::kAddWithTerms:
        PARLEY_RETURN_IF_ERROR(writer->AddWithTerms(q));
        break;
    }
  }
  PARLEY_RETURN_IF_ERROR(writer->Finish().status());
  return bytes;
}

inline absl::Status ReadDump(std::string_view bytes, CollectingVisitor* visitor,
                             DumpReaderOptions options = {}) {
  return DumpReader::FromBuffer(bytes, options)->Read(*visitor);
}

// What StreamBuilder::Footer() writes instead of the true values.
struct FooterOverrides {
  std::optional<uint64_t> quads{}, terms{}, messages{}, checksum{};
  wire::ChecksumKind kind = wire::ChecksumKind::XXH3;
};

// Builds streams message by message with the real schema, so that a test
// can break exactly one rule. Footer() fills in the true totals unless told
// otherwise.
class StreamBuilder {
 public:
  explicit StreamBuilder(bool packed = false, bool zstd = false) {
    out_ = *DumpOutput::ToString(&bytes_, DumpOutputOptions{packed, zstd, 3});
    EXPECT_TRUE(out_->WriteSignature().ok());
  }

  // Writes one message filled in by `fill(wire::Message::Builder)`; returns
  // the stream offset it starts at.
  template <typename Fill>
  uint64_t Message(Fill&& fill) {
    uint64_t offset = out_->stream_bytes();
    capnp::MallocMessageBuilder message;
    fill(message.initRoot<wire::Message>());
    EXPECT_TRUE(out_->WriteMessage(message).ok());
    ++messages_;
    return offset;
  }

  uint64_t Header(uint16_t major = 1, uint16_t minor = 0) {
    return Message([&](wire::Message::Builder m) {
      auto h = m.initHeader();
      h.setFormatMajor(major);
      h.setFormatMinor(minor);
      h.setProducer("test");
    });
  }

  // A chunk introducing IRIs <http://example.org/t{first..}> and the given
  // id quads.
  uint64_t Chunk(size_t new_iris, std::vector<IdQuad> quads) {
    uint64_t first = terms_ + 1;
    terms_ += new_iris;
    quads_ += quads.size();
    return Message([&](wire::Message::Builder m) {
      auto c = m.initChunk();
      c.setFirstTermId(first);
      c.setFirstDatatypeId(1);
      auto terms = c.initTerms(static_cast<unsigned>(new_iris));
      for (unsigned i = 0; i < new_iris; ++i) terms[i].setIri(Ex(absl::StrCat("t", first + i)));
      SetQuads(c, quads);
    });
  }

  // Fills the quad columns of `chunk` (the graph column always).
  static void SetQuads(wire::Chunk::Builder chunk, const std::vector<IdQuad>& quads) {
    auto n = static_cast<unsigned>(quads.size());
    auto s = chunk.initSubjects(n);
    auto p = chunk.initPredicates(n);
    auto o = chunk.initObjects(n);
    auto g = chunk.initGraphs(n);
    for (unsigned i = 0; i < n; ++i) {
      s.set(i, quads[i].subject);
      p.set(i, quads[i].predicate);
      o.set(i, quads[i].object);
      g.set(i, quads[i].graph);
    }
  }

  // For messages made with Message(): what they add to the totals.
  void Count(uint64_t terms, uint64_t quads) {
    terms_ += terms;
    quads_ += quads;
  }

  using FooterOverrides = testing::FooterOverrides;
  uint64_t Footer(FooterOverrides o = {}) {
    uint64_t checksum = out_->Checksum();
    uint64_t messages = messages_;
    return Message([&](wire::Message::Builder m) {
      auto f = m.initFooter();
      f.setQuadCount(o.quads.value_or(quads_));
      f.setTermCount(o.terms.value_or(terms_));
      f.setMessageCount(o.messages.value_or(messages));
      f.setChecksumKind(o.kind);
      f.setChecksum(o.checksum.value_or(checksum));
    });
  }

  DumpOutput& output() { return *out_; }
  uint64_t terms() const { return terms_; }

  std::string Finish() {
    EXPECT_TRUE(out_->Close().ok());
    return bytes_;
  }

 private:
  std::string bytes_;
  std::unique_ptr<DumpOutput> out_;
  uint64_t messages_ = 0;
  uint64_t terms_ = 0;
  uint64_t quads_ = 0;
};

}  // namespace parley::schema::testing
