// DumpWriter's caller-numbered mode (AddTermKey / AddLocalQuads), the one
// the database export uses: round trips, determinism, chunk layout, errors.
#include <algorithm>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "engine/layout/term_codec.h"
#include "formats/dump/dump_term.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/dump_support.h"

namespace parley::schema {
namespace {

using ::parley::schema::testing::CollectingVisitor;
using ::parley::schema::testing::Ex;
using ::parley::schema::testing::ExIri;
using ::parley::schema::testing::Framing;
using ::parley::schema::testing::ReadDump;
using ::parley::schema::testing::SampleQuads;
using ::parley::schema::testing::SampleQuadsWithLongLiterals;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;

// Feeds `quads` to the caller-numbered mode, ids in first-use order. With
// split == 0, the way an exporter does: each term introduced (as its term
// key) just before the first quad that uses it, one call per quad. With
// split > 0: all terms first, then the quads in calls of `split` quads.
absl::StatusOr<std::string> WriteLocalDump(const std::vector<Quad>& quads,
                                           DumpWriterOptions options, size_t split = 0) {
  std::string bytes;
  PARLEY_ASSIGN_OR_RETURN(auto writer, DumpWriter::CreateInMemory(&bytes, std::move(options)));
  std::map<std::string, uint64_t> ids;
  std::vector<IdQuad> local;
  for (const Quad& q : quads) {
    uint64_t id[4] = {0, 0, 0, kDefaultGraphId};
    const Term* terms[4] = {&q.subject, &q.predicate, &q.object, &q.graph};
    for (int k = 0; k < 4; ++k) {
      if (terms[k]->is_default_graph()) continue;
      std::string key = engine::EncodeTermKey(*terms[k]);
      auto [it, inserted] = ids.try_emplace(key, ids.size() + 1);
      if (inserted) PARLEY_RETURN_IF_ERROR(writer->AddTermKey(key));
      id[k] = it->second;
    }
    local.push_back(IdQuad{id[0], id[1], id[2], id[3]});
    if (split == 0) {
      PARLEY_RETURN_IF_ERROR(writer->AddLocalQuads(local));
      local.clear();
    }
  }
  for (size_t begin = 0; begin < local.size(); begin += split) {
    std::span<const IdQuad> all(local);
    PARLEY_RETURN_IF_ERROR(
        writer->AddLocalQuads(all.subspan(begin, std::min(split, local.size() - begin))));
  }
  PARLEY_RETURN_IF_ERROR(writer->Finish().status());
  return bytes;
}

class DumpLocalModeTest : public ::testing::TestWithParam<Framing> {
 protected:
  DumpWriterOptions Options() const {
    DumpWriterOptions options;
    options.packed = GetParam().packed;
    options.zstd = GetParam().zstd;
    return options;
  }
};

TEST_P(DumpLocalModeTest, RoundTripsAndIsDeterministic) {
  const std::vector<Quad> quads = SampleQuadsWithLongLiterals(200);
  DumpWriterOptions options = Options();
  options.chunk_quads = 16;
  options.chunk_bytes = 1024;  // the 100 kB literal needs a chunk of its own
  absl::StatusOr<std::string> a = WriteLocalDump(quads, options);
  ASSERT_TRUE(a.ok()) << a.status();
  CollectingVisitor visitor;
  absl::Status status = ReadDump(*a, &visitor);
  ASSERT_TRUE(status.ok()) << status;
  EXPECT_THAT(visitor.quads, ElementsAreArray(quads));
  EXPECT_GT(visitor.footer.message_count, quads.size() / 16);

  absl::StatusOr<std::string> b = WriteLocalDump(quads, options);
  ASSERT_TRUE(b.ok());
  EXPECT_TRUE(*a == *b) << "same calls, different bytes";

  // Terms first, then the quads: how they are split over calls does not
  // matter, only their sequence.
  absl::StatusOr<std::string> one_call = WriteLocalDump(quads, options, quads.size());
  ASSERT_TRUE(one_call.ok()) << one_call.status();
  CollectingVisitor one_call_visitor;
  ASSERT_TRUE(ReadDump(*one_call, &one_call_visitor).ok());
  EXPECT_THAT(one_call_visitor.quads, ElementsAreArray(quads));
  for (size_t split : {size_t{1}, size_t{5}, size_t{16}, size_t{33}}) {
    absl::StatusOr<std::string> split_calls = WriteLocalDump(quads, options, split);
    ASSERT_TRUE(split_calls.ok());
    EXPECT_TRUE(*split_calls == *one_call) << "calls of " << split << " quads";
  }
}

INSTANTIATE_TEST_SUITE_P(AllFramings, DumpLocalModeTest,
                         ::testing::Values(Framing{false, false}, Framing{true, false},
                                           Framing{false, true}, Framing{true, true}),
                         [](const auto& param_info) {
                           std::string name = param_info.param.packed ? "Packed" : "Plain";
                           return param_info.param.zstd ? name + "Zstd" : name;
                         });

// Records what each chunk delivered: "T<first id>+<count>" and "Q<count>".
class LayoutVisitor : public CollectingVisitor {
 public:
  absl::Status OnTerms(uint64_t first_id, std::span<const DumpTermView> terms) override {
    events.push_back(absl::StrCat("T", first_id, "+", terms.size()));
    return CollectingVisitor::OnTerms(first_id, terms);
  }
  absl::Status OnQuads(std::span<const IdQuad> id_quads) override {
    events.push_back(absl::StrCat("Q", id_quads.size()));
    return CollectingVisitor::OnQuads(id_quads);
  }
  std::vector<std::string> events;
};

TEST(DumpWriterLocalTest, NewTermsGoInTheChunkBeforeItsQuads) {
  DumpWriterOptions options;
  options.chunk_quads = 4;
  std::string bytes;
  auto writer = *DumpWriter::CreateInMemory(&bytes, options);
  auto key = [](const Term& t) { return engine::EncodeTermKey(t); };
  const Term a = ExIri("a"), b = ExIri("b"), p = ExIri("p"), c = Term::LangLiteral("c", "en");
  ASSERT_TRUE(writer->AddTermKey(key(a)).ok());
  schema::TermKeyBatch batch;
  batch.Add(key(b));
  batch.Add(key(p));
  ASSERT_TRUE(writer->AddTermKeys(batch).ok());
  EXPECT_EQ(writer->terms_introduced(), 3u);
  // Ids: a=1 b=2 p=3. Six quads: the first four close chunk 1.
  std::vector<IdQuad> quads(6, IdQuad{1, 3, 2, kDefaultGraphId});
  quads[5].graph = 2;
  ASSERT_TRUE(writer->AddLocalQuads(quads).ok());
  ASSERT_TRUE(writer->AddTermKey(key(c)).ok());  // id 4
  std::vector<IdQuad> more = {{2, 3, 4, kDefaultGraphId}, {1, 3, 4, 1}};
  ASSERT_TRUE(writer->AddLocalQuads(more).ok());  // closes chunk 2
  // More new terms than chunk_quads: terms-only chunks of 4.
  for (int i = 0; i < 9; ++i)
    ASSERT_TRUE(writer->AddTermKey(key(ExIri(absl::StrCat("t", i)))).ok());
  ASSERT_TRUE(writer->AddLocalQuads(std::vector<IdQuad>{{13, 3, 12, kDefaultGraphId}}).ok());
  absl::StatusOr<DumpFooter> footer = writer->Finish();
  ASSERT_TRUE(footer.ok()) << footer.status();
  EXPECT_EQ(footer->term_count, 13u);
  EXPECT_EQ(footer->quad_count, 9u);

  LayoutVisitor visitor;
  absl::Status status = ReadDump(bytes, &visitor);
  ASSERT_TRUE(status.ok()) << status;
  EXPECT_THAT(visitor.events,
              ElementsAreArray({"T1+3", "Q4", "T4+1", "Q4", "T5+4", "T9+4", "T13+1", "Q1"}));
  EXPECT_EQ(visitor.footer.message_count, 6u);  // the header and 5 chunks
  EXPECT_EQ(visitor.quads[5], (Quad{a, p, b, b}));
  EXPECT_EQ(visitor.quads[6], (Quad{b, p, c, Term()}));
  EXPECT_EQ(visitor.quads[7], (Quad{a, p, c, a}));
  EXPECT_EQ(visitor.quads[8], (Quad{ExIri("t8"), p, ExIri("t7"), Term()}));
}

TEST(DumpWriterLocalTest, IdsNotIntroducedAreRejected) {
  std::string bytes;
  auto writer = *DumpWriter::CreateInMemory(&bytes, {});
  ASSERT_TRUE(writer->AddTermKey(engine::EncodeTermKey(ExIri("s"))).ok());
  ASSERT_TRUE(writer->AddTermKey(engine::EncodeTermKey(ExIri("p"))).ok());
  const IdQuad good{1, 2, 1, kDefaultGraphId};
  for (const IdQuad& bad : std::vector<IdQuad>{{0, 2, 1, 0},
                                               {1, 0, 1, 0},
                                               {1, 2, 0, 0},
                                               {3, 2, 1, 0},
                                               {1, 2, 3, 0},
                                               {1, 2, 1, 3},
                                               {1, 2, ~uint64_t{0}, 0}}) {
    // One bad quad rejects the whole call: the good one before it is not
    // appended either.
    absl::Status status = writer->AddLocalQuads(std::vector<IdQuad>{good, bad});
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument)
        << bad.subject << " " << bad.predicate << " " << bad.object << " " << bad.graph;
    EXPECT_THAT(std::string(status.message()), HasSubstr("quad 1"));
  }
  EXPECT_EQ(writer->quads_added(), 0u);
  // The writer stays usable.
  ASSERT_TRUE(writer->AddLocalQuads(std::vector<IdQuad>{good, {1, 2, 2, 1}}).ok());
  absl::StatusOr<DumpFooter> footer = writer->Finish();
  ASSERT_TRUE(footer.ok()) << footer.status();
  CollectingVisitor visitor;
  ASSERT_TRUE(ReadDump(bytes, &visitor).ok());
  EXPECT_THAT(visitor.quads,
              ElementsAreArray({Quad{ExIri("s"), ExIri("p"), ExIri("s"), Term()},
                                Quad{ExIri("s"), ExIri("p"), ExIri("p"), ExIri("s")}}));
}

TEST(DumpWriterLocalTest, BadKeysAndMixedModesAreRejected) {
  std::string bytes;
  auto writer = *DumpWriter::CreateInMemory(&bytes, {});
  EXPECT_EQ(writer->AddTermKey("").code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(writer->AddTermKey("Xabc").code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(writer->AddTermKey("Inot an IRI").code(), absl::StatusCode::kInvalidArgument);
  // rdf:langString without a tag cannot be represented, validation or not.
  std::string untagged("T");
  untagged += kRdfLangString;
  untagged.push_back('\0');
  untagged += "x";
  EXPECT_EQ(writer->AddTermKey(untagged).code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(writer->terms_introduced(), 0u);
  EXPECT_EQ(writer->Add({ExIri("s"), ExIri("p"), ExIri("o"), Term()}).code(),
            absl::StatusCode::kInvalidArgument)
      << "Add after AddTermKey mixes modes";
  ASSERT_TRUE(writer->Finish().ok());

  DumpWriterOptions lax;
  lax.validate_terms = false;  // Term::Validate off: the writer trusts the key
  std::string lax_bytes;
  auto lax_writer = *DumpWriter::CreateInMemory(&lax_bytes, lax);
  EXPECT_TRUE(lax_writer->AddTermKey("Inot an IRI").ok());
  EXPECT_EQ(lax_writer->AddTermKey(untagged).code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(lax_writer->terms_introduced(), 1u);
  std::string bytes2;
  auto ids_writer = *DumpWriter::CreateInMemory(&bytes2, {});
  ASSERT_TRUE(ids_writer->Add({ExIri("s"), ExIri("p"), ExIri("o"), Term()}).ok());
  EXPECT_EQ(ids_writer->AddTermKey(engine::EncodeTermKey(ExIri("x"))).code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ids_writer->AddLocalQuads(std::vector<IdQuad>{{1, 2, 3, 0}}).code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace parley::schema
