#include "formats/dump/dump_encoder.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "engine/status_macros.h"
#include "formats/dump/dump_term.h"
#include "kj/exception.h"
#include "schema/dump.capnp.h"

namespace parley::schema {
namespace {

// Words around the lists of a chunk: root pointer, Message (1 data word, 1
// pointer), Chunk (2 data words, 6 pointers), the term list's tag; slack.
constexpr size_t kChunkOverheadWords = 16;
constexpr size_t kTermStructWords = 3;  // Term: 1 data word, 2 pointers
constexpr size_t kIdQuadWords = 4;      // one word in each of the 4 columns
constexpr size_t kTermQuadWords = 4;    // TermQuad: 4 pointers
constexpr size_t kMaxMessageWords = kDefaultMaxMessageBytes / 8;

capnp::Text::Reader AsText(const std::string& s) { return capnp::Text::Reader(s.data(), s.size()); }

absl::string_view AbslView(std::string_view s) { return absl::string_view(s.data(), s.size()); }

absl::Status BuildError(const kj::Exception& e) {
  return absl::InternalError(
      absl::StrCat("cannot build a dump message: ", e.getDescription().cStr()));
}

}  // namespace

size_t DumpEncoder::QuadWithTermsWords(const Quad& q) {
  size_t words = kTermQuadWords;
  for (const Term* t : {&q.subject, &q.predicate, &q.object, &q.graph}) {
    if (!t->is_default_graph()) {
      words += kTermStructWords + TermTextWords(DumpTermView::Of(*t), false);
    }
  }
  return words;
}

size_t DumpEncoder::TermWords(const DumpTermView& term) {
  return kTermStructWords + TermTextWords(term, true);
}

kj::ArrayPtr<capnp::word> DumpEncoder::Scratch(size_t words) {
  if (words > scratch_words_) {
    scratch_words_ = std::max(words, 2 * scratch_words_);
    scratch_.reset(new capnp::word[scratch_words_]());  // zeroed, as capnp requires
  }
  return kj::arrayPtr(scratch_.get(), words);
}

absl::Status DumpEncoder::Write(capnp::MessageBuilder& message) {
  PARLEY_RETURN_IF_ERROR(out_->WriteMessage(message));
  ++messages_;
  return absl::OkStatus();
}

absl::Status DumpEncoder::WriteHeader(const DumpHeader& header) {
  PARLEY_RETURN_IF_ERROR(out_->WriteSignature());
  capnp::MallocMessageBuilder message;
  kj::Maybe<kj::Exception> error = kj::runCatchingExceptions([&]() {
    auto h = message.initRoot<wire::Message>().initHeader();
    h.setFormatMajor(header.format_major);
    h.setFormatMinor(header.format_minor);
    h.setProducer(AsText(header.producer));
    if (header.quad_count) h.setQuadCount(*header.quad_count);
    if (header.term_count) h.setTermCount(*header.term_count);
    auto prefixes = h.initPrefixes(static_cast<unsigned>(header.prefixes.size()));
    for (unsigned i = 0; i < header.prefixes.size(); ++i) {
      prefixes[i].setName(AsText(header.prefixes[i].first));
      prefixes[i].setIri(AsText(header.prefixes[i].second));
    }
    h.setQuadOrder(static_cast<wire::QuadOrder>(header.quad_order));
    h.setTermOrder(static_cast<wire::TermOrder>(header.term_order));
  });
  KJ_IF_MAYBE (e, error) {
    return BuildError(*e);
  }
  return Write(message);
}

absl::Status DumpEncoder::WriteChunks(std::span<const DumpTermView> terms,
                                      std::span<const IdQuad> quads) {
  if (terms.empty() && quads.empty()) return absl::OkStatus();
  const size_t budget = chunk_bytes_ / 8;
  const size_t quad_words = quads.size() * kIdQuadWords;
  size_t begin = 0;
  do {
    std::vector<std::string> datatypes;  // introduced by this chunk
    size_t words = kChunkOverheadWords;
    size_t end = begin;
    for (; end < terms.size(); ++end) {
      const DumpTermView& t = terms[end];
      size_t w = TermWords(t);
      bool new_datatype =
          IsTypedLiteral(t) && !datatype_ids_.contains(AbslView(t.datatype)) &&
          std::find(datatypes.begin(), datatypes.end(), t.datatype) == datatypes.end();
      if (new_datatype) w += 1 + TextWords(t.datatype.size());
      if (end > begin && words + w > budget) break;
      if (words + w + quad_words > kMaxMessageWords) {
        return absl::InvalidArgumentError(
            absl::StrCat("term ", DescribeTerm(t.ToTerm()), " is too large for a dump message"));
      }
      if (new_datatype) datatypes.emplace_back(t.datatype);
      words += w;
    }
    bool last = end == terms.size();
    PARLEY_RETURN_IF_ERROR(WriteChunk(terms.subspan(begin, end - begin), datatypes,
                                      last ? quads : std::span<const IdQuad>(),
                                      words + (last ? quad_words : 0)));
    begin = end;
  } while (begin < terms.size());
  return absl::OkStatus();
}

absl::Status DumpEncoder::WriteChunk(std::span<const DumpTermView> terms,
                                     const std::vector<std::string>& datatypes,
                                     std::span<const IdQuad> quads, size_t words) {
  capnp::MallocMessageBuilder message(Scratch(words));
  kj::Maybe<kj::Exception> error = kj::runCatchingExceptions([&]() {
    auto chunk = message.initRoot<wire::Message>().initChunk();
    chunk.setFirstTermId(next_term_id_);
    chunk.setFirstDatatypeId(next_datatype_id_);
    auto dts = chunk.initDatatypes(static_cast<unsigned>(datatypes.size()));
    for (unsigned i = 0; i < datatypes.size(); ++i) {
      dts.set(i, AsText(datatypes[i]));
      datatype_ids_.emplace(datatypes[i], next_datatype_id_++);
    }
    auto list = chunk.initTerms(static_cast<unsigned>(terms.size()));
    for (unsigned i = 0; i < terms.size(); ++i) {
      const DumpTermView& t = terms[i];
      uint32_t datatype_id =
          IsTypedLiteral(t) ? datatype_ids_.find(AbslView(t.datatype))->second : 0;
      SetWireTerm(t, datatype_id, list[i]);
    }
    next_term_id_ += terms.size();
    if (quads.empty()) return;
    auto n = static_cast<unsigned>(quads.size());
    auto subjects = chunk.initSubjects(n);
    auto predicates = chunk.initPredicates(n);
    auto objects = chunk.initObjects(n);
    bool named_graphs = false;
    for (unsigned i = 0; i < n; ++i) {
      subjects.set(i, quads[i].subject);
      predicates.set(i, quads[i].predicate);
      objects.set(i, quads[i].object);
      named_graphs = named_graphs || quads[i].graph != kDefaultGraphId;
    }
    if (named_graphs) {  // an empty column means: all in the default graph
      auto graphs = chunk.initGraphs(n);
      for (unsigned i = 0; i < n; ++i) graphs.set(i, quads[i].graph);
    }
  });
  KJ_IF_MAYBE (e, error) {
    return BuildError(*e);
  }
  return Write(message);
}

absl::Status DumpEncoder::WriteQuadsWithTerms(std::span<const Quad> quads) {
  if (quads.empty()) return absl::OkStatus();
  size_t words = kChunkOverheadWords;
  for (const Quad& q : quads) words += QuadWithTermsWords(q);
  capnp::MallocMessageBuilder message(Scratch(words));
  kj::Maybe<kj::Exception> error = kj::runCatchingExceptions([&]() {
    auto list = message.initRoot<wire::Message>().initQuadsWithTerms().initQuads(
        static_cast<unsigned>(quads.size()));
    for (unsigned i = 0; i < quads.size(); ++i) {
      const Quad& q = quads[i];
      auto out = list[i];
      SetWireTerm(DumpTermView::Of(q.subject), 0, out.initSubject());
      SetWireTerm(DumpTermView::Of(q.predicate), 0, out.initPredicate());
      SetWireTerm(DumpTermView::Of(q.object), 0, out.initObject());
      // An unset graph reads as defaultGraph: 3 words saved per quad.
      if (!q.graph.is_default_graph()) {
        SetWireTerm(DumpTermView::Of(q.graph), 0, out.initGraph());
      }
    }
  });
  KJ_IF_MAYBE (e, error) {
    return BuildError(*e);
  }
  return Write(message);
}

absl::StatusOr<DumpFooter> DumpEncoder::WriteFooter(uint64_t quads) {
  DumpFooter footer;
  footer.quad_count = quads;
  footer.term_count = next_term_id_ - 1;
  footer.message_count = messages_;
  footer.checksum = out_->Checksum();
  footer.has_checksum = true;
  capnp::MallocMessageBuilder message(Scratch(kChunkOverheadWords));
  auto f = message.initRoot<wire::Message>().initFooter();
  f.setQuadCount(footer.quad_count);
  f.setTermCount(footer.term_count);
  f.setMessageCount(footer.message_count);
  f.setChecksumKind(wire::ChecksumKind::XXH3);
  f.setChecksum(footer.checksum);
  PARLEY_RETURN_IF_ERROR(Write(message));
  PARLEY_RETURN_IF_ERROR(out_->Close());
  footer.stream_bytes = out_->stream_bytes();
  footer.file_bytes = out_->file_bytes();
  return footer;
}

}  // namespace parley::schema
