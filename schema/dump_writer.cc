#include "schema/dump_writer.h"

#include <algorithm>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "capnp/message.h"
#include "kj/exception.h"
#include "engine/status_macros.h"
#include "schema/dump.capnp.h"
#include "schema/dump_output.h"
#include "schema/dump_term.h"

namespace parley::schema {
namespace {

// Words around the lists of a chunk: root pointer, Message (1 data word, 1
// pointer), Chunk (2 data words, 6 pointers), the term list's tag; slack.
constexpr size_t kChunkOverheadWords = 16;
constexpr size_t kTermStructWords = 3;  // Term: 1 data word, 2 pointers
constexpr size_t kIdQuadWords = 4;      // one word in each of the 4 columns
constexpr size_t kTermQuadWords = 4;    // TermQuad: 4 pointers
constexpr size_t kMaxMessageWords = kDefaultMaxMessageBytes / 8;

absl::Status CheckOptions(const DumpWriterOptions& o) {
  if (o.chunk_quads < 1 || o.chunk_quads > (size_t{1} << 19)) {
    return absl::InvalidArgumentError("DumpWriterOptions.chunk_quads must be in [1, 524288]");
  }
  if (o.chunk_bytes < 1024 || o.chunk_bytes > (size_t{32} << 20)) {
    return absl::InvalidArgumentError("DumpWriterOptions.chunk_bytes must be in [1 KiB, 32 MiB]");
  }
  return absl::OkStatus();
}

capnp::Text::Reader AsText(const std::string& s) { return capnp::Text::Reader(s.data(), s.size()); }

absl::string_view AbslView(std::string_view s) { return absl::string_view(s.data(), s.size()); }

size_t QuadWithTermsWords(const Quad& q) {
  size_t words = kTermQuadWords;
  for (const Term* t : {&q.subject, &q.predicate, &q.object, &q.graph}) {
    if (!t->is_default_graph()) {
      words += kTermStructWords + TermTextWords(DumpTermView::Of(*t), false);
    }
  }
  return words;
}

}  // namespace

class DumpWriter::Impl {
 public:
  Impl(std::unique_ptr<DumpOutput> out, DumpWriterOptions options)
      : out_(std::move(out)), options_(std::move(options)) {}

  absl::Status WriteHeader();
  absl::Status Add(const Quad& quad);
  absl::Status AddTerm(const Term& term);
  absl::Status AddIds(const IdQuad& quad);
  absl::Status AddTermIds(std::span<const TermId> ids);
  absl::Status AddWithTerms(const Quad& quad);
  absl::Status Flush();
  absl::StatusOr<DumpFooter> Finish();

  // Runs `op`; a failure that is not a rejected input becomes sticky.
  template <typename Op>
  absl::Status Guard(Op op) {
    PARLEY_RETURN_IF_ERROR(sticky_);
    if (finished_) return absl::FailedPreconditionError("DumpWriter: already finished");
    absl::Status status = op();
    if (!status.ok() && !absl::IsInvalidArgument(status)) sticky_ = status;
    return status;
  }

  // Without Finish(): what was written stays, without a footer.
  void Abandon() {
    if (!finished_) out_->Close().IgnoreError();
  }

  uint64_t quads_added() const { return quads_added_; }
  uint64_t terms_introduced() const { return next_term_id_ - 1; }

 private:
  enum class Mode { kUnset, kTerms, kIds };

  absl::Status SetMode(Mode mode);
  absl::Status CheckNewTerm(const Term& term) const;
  absl::Status CheckNewTerm(const DumpTermView& term) const;
  absl::Status FetchNewTerms();
  uint64_t Intern(const Term& term);
  absl::Status AppendIdQuad(const IdQuad& local);
  absl::Status MaybeFlushIds();
  absl::Status FlushIds();
  absl::Status WriteIdChunks();
  absl::Status FlushTermQuads();
  absl::Status WriteChunk(size_t begin, size_t end, const std::vector<std::string>& datatypes,
                          size_t words, bool with_quads);
  absl::Status WriteMessage(capnp::MessageBuilder& message);
  // Makes `status` sticky: after a partial flush the dump cannot continue.
  absl::Status Fail(absl::Status status) {
    if (!status.ok() && sticky_.ok()) sticky_ = status;
    return status;
  }
  kj::ArrayPtr<capnp::word> Scratch(size_t words);

  std::unique_ptr<DumpOutput> out_;
  DumpWriterOptions options_;
  Mode mode_ = Mode::kUnset;
  absl::Status sticky_;
  bool finished_ = false;

  absl::flat_hash_map<Term, uint64_t> term_ids_;       // Mode::kTerms
  absl::flat_hash_map<TermId, uint64_t> caller_ids_;   // Mode::kIds
  absl::flat_hash_map<std::string, uint32_t> datatype_ids_;
  uint64_t next_term_id_ = 1;
  uint64_t flushed_term_id_ = 1;  // id of the first term not yet written
  uint32_t next_datatype_id_ = 1;

  std::vector<Term> new_terms_;        // Mode::kTerms: ids flushed_term_id_...
  std::vector<TermId> new_caller_ids_;  // Mode::kIds: ids flushed_term_id_...
  size_t new_term_words_ = 0;
  std::vector<IdQuad> quads_;
  std::vector<Quad> term_quads_;
  // The terms of the chunk being flushed, over new_terms_ or over what a
  // fetcher returned (kept between flushes to reuse their memory).
  std::vector<DumpTermView> views_;
  std::vector<Term> fetched_terms_;
  TermKeyBatch fetched_keys_;
  size_t term_quad_words_ = 0;

  std::optional<IdQuad> last_quad_;  // declared quad order
  std::optional<Term> last_term_;    // declared term order
  uint64_t quads_added_ = 0;
  uint64_t messages_ = 0;
  std::unique_ptr<capnp::word[]> scratch_;
  size_t scratch_words_ = 0;
};

kj::ArrayPtr<capnp::word> DumpWriter::Impl::Scratch(size_t words) {
  if (words > scratch_words_) {
    scratch_words_ = std::max(words, 2 * scratch_words_);
    scratch_.reset(new capnp::word[scratch_words_]());  // zeroed, as capnp requires
  }
  return kj::arrayPtr(scratch_.get(), words);
}

absl::Status DumpWriter::Impl::WriteMessage(capnp::MessageBuilder& message) {
  PARLEY_RETURN_IF_ERROR(out_->WriteMessage(message));
  ++messages_;
  return absl::OkStatus();
}

absl::Status DumpWriter::Impl::WriteHeader() {
  PARLEY_RETURN_IF_ERROR(out_->WriteSignature());
  capnp::MallocMessageBuilder message;
  auto header = message.initRoot<wire::Message>().initHeader();
  header.setFormatMajor(kDumpFormatMajor);
  header.setFormatMinor(kDumpFormatMinor);
  header.setProducer(AsText(options_.producer));
  if (options_.quad_count) header.setQuadCount(*options_.quad_count);
  if (options_.term_count) header.setTermCount(*options_.term_count);
  auto prefixes = header.initPrefixes(static_cast<unsigned>(options_.prefixes.size()));
  for (size_t i = 0; i < options_.prefixes.size(); ++i) {
    prefixes[i].setName(AsText(options_.prefixes[i].first));
    prefixes[i].setIri(AsText(options_.prefixes[i].second));
  }
  header.setQuadOrder(static_cast<wire::QuadOrder>(options_.quad_order));
  header.setTermOrder(static_cast<wire::TermOrder>(options_.term_order));
  return WriteMessage(message);
}

absl::Status DumpWriter::Impl::SetMode(Mode mode) {
  if (mode_ == Mode::kUnset) mode_ = mode;
  if (mode_ != mode) {
    return absl::InvalidArgumentError(
        "DumpWriter: Add/AddTerm and AddIds/AddTermIds cannot be mixed in one dump");
  }
  if (!term_quads_.empty()) return FlushTermQuads();
  return absl::OkStatus();
}

absl::Status DumpWriter::Impl::CheckNewTerm(const Term& term) const {
  if (term.is_default_graph()) {
    return absl::InvalidArgumentError("the default graph is not a term a dump can introduce");
  }
  if (!options_.validate_terms) return absl::OkStatus();
  absl::Status status = term.Validate();
  if (status.ok()) return status;
  return absl::InvalidArgumentError(absl::StrCat("invalid term: ", status.message()));
}

absl::Status DumpWriter::Impl::CheckNewTerm(const DumpTermView& term) const {
  if (term.kind == Term::Kind::kDefaultGraph) {
    return absl::InvalidArgumentError("the default graph is not a term a dump can introduce");
  }
  if (!options_.validate_terms) return absl::OkStatus();
  absl::Status status = ValidateTerm(term);
  if (status.ok()) return status;
  return absl::InvalidArgumentError(absl::StrCat("invalid term: ", status.message()));
}

uint64_t DumpWriter::Impl::Intern(const Term& term) {
  auto [it, inserted] = term_ids_.try_emplace(term, next_term_id_);
  if (inserted) {
    new_terms_.push_back(term);
    new_term_words_ += kTermStructWords + TermTextWords(DumpTermView::Of(term), true);
    ++next_term_id_;
  }
  return it->second;
}

absl::Status DumpWriter::Impl::Add(const Quad& quad) {
  PARLEY_RETURN_IF_ERROR(SetMode(Mode::kTerms));
  if (options_.validate_terms) PARLEY_RETURN_IF_ERROR(CheckQuadShape(quad));
  for (const Term* t : {&quad.subject, &quad.predicate, &quad.object, &quad.graph}) {
    if (!t->is_default_graph() && !term_ids_.contains(*t)) PARLEY_RETURN_IF_ERROR(CheckNewTerm(*t));
  }
  IdQuad local{Intern(quad.subject), Intern(quad.predicate), Intern(quad.object),
               quad.graph.is_default_graph() ? kDefaultGraphId : Intern(quad.graph)};
  return AppendIdQuad(local);
}

absl::Status DumpWriter::Impl::AddTerm(const Term& term) {
  PARLEY_RETURN_IF_ERROR(SetMode(Mode::kTerms));
  if (term_ids_.contains(term)) return absl::OkStatus();
  PARLEY_RETURN_IF_ERROR(CheckNewTerm(term));
  Intern(term);
  return MaybeFlushIds();
}

absl::Status DumpWriter::Impl::AddIds(const IdQuad& quad) {
  PARLEY_RETURN_IF_ERROR(SetMode(Mode::kIds));
  if (!options_.fetch_terms && !options_.fetch_term_keys) {
    return absl::FailedPreconditionError("DumpWriter::AddIds needs options.fetch_terms");
  }
  if (quad.subject == kDefaultGraphId || quad.predicate == kDefaultGraphId ||
      quad.object == kDefaultGraphId) {
    return absl::InvalidArgumentError("AddIds: the default graph id outside the graph position");
  }
  auto local = [this](TermId id) {
    auto [it, inserted] = caller_ids_.try_emplace(id, next_term_id_);
    if (inserted) {
      new_caller_ids_.push_back(id);
      ++next_term_id_;
    }
    return it->second;
  };
  IdQuad mapped{local(quad.subject), local(quad.predicate), local(quad.object),
                quad.graph == kDefaultGraphId ? kDefaultGraphId : local(quad.graph)};
  return AppendIdQuad(mapped);
}

absl::Status DumpWriter::Impl::AddTermIds(std::span<const TermId> ids) {
  PARLEY_RETURN_IF_ERROR(SetMode(Mode::kIds));
  if (!options_.fetch_terms && !options_.fetch_term_keys) {
    return absl::FailedPreconditionError("DumpWriter::AddTermIds needs options.fetch_terms");
  }
  for (TermId id : ids) {
    if (id == kDefaultGraphId) {
      return absl::InvalidArgumentError("AddTermIds: the default graph is not a term");
    }
    if (caller_ids_.try_emplace(id, next_term_id_).second) {
      new_caller_ids_.push_back(id);
      ++next_term_id_;
      PARLEY_RETURN_IF_ERROR(MaybeFlushIds());
    }
  }
  return absl::OkStatus();
}

absl::Status DumpWriter::Impl::AppendIdQuad(const IdQuad& local) {
  if (options_.quad_order != DumpQuadOrder::kUnspecified) {
    IdQuad key = PermuteForOrder(local, options_.quad_order);
    if (last_quad_ && !(PermuteForOrder(*last_quad_, options_.quad_order) < key)) {
      return absl::FailedPreconditionError(
          absl::StrCat("quad ", quads_added_ + 1, " breaks the declared quad order (dump-local ",
                       "ids must strictly increase)"));
    }
    last_quad_ = local;
  }
  quads_.push_back(local);
  ++quads_added_;
  return MaybeFlushIds();
}

absl::Status DumpWriter::Impl::MaybeFlushIds() {
  size_t new_terms = mode_ == Mode::kIds ? new_caller_ids_.size() : new_terms_.size();
  if (quads_.size() >= options_.chunk_quads || new_terms >= options_.chunk_quads ||
      new_term_words_ * 8 >= options_.chunk_bytes) {
    return FlushIds();
  }
  return absl::OkStatus();
}

absl::Status DumpWriter::Impl::FlushIds() {
  absl::Status status = WriteIdChunks();
  if (!status.ok()) return Fail(std::move(status));
  flushed_term_id_ = next_term_id_;
  new_terms_.clear();
  new_caller_ids_.clear();
  new_term_words_ = 0;
  quads_.clear();
  return absl::OkStatus();
}

absl::Status DumpWriter::Impl::FetchNewTerms() {
  const std::vector<TermId>& ids = new_caller_ids_;
  if (options_.fetch_term_keys) {
    fetched_keys_.Clear();
    PARLEY_RETURN_IF_ERROR(options_.fetch_term_keys(ids, &fetched_keys_));
    if (fetched_keys_.size() != ids.size()) {
      return absl::InternalError(absl::StrCat("term key fetcher returned ", fetched_keys_.size(),
                                              " keys for ", ids.size(), " ids"));
    }
    for (size_t i = 0; i < ids.size(); ++i) {
      absl::StatusOr<DumpTermView> view = ParseTermKey(fetched_keys_.key(i));
      if (!view.ok()) {
        return absl::FailedPreconditionError(
            absl::StrCat("term key of id ", ids[i], ": ", view.status().message()));
      }
      views_.push_back(*view);
    }
  } else {
    fetched_terms_.clear();
    PARLEY_RETURN_IF_ERROR(options_.fetch_terms(ids, &fetched_terms_));
    if (fetched_terms_.size() != ids.size()) {
      return absl::InternalError(absl::StrCat("term fetcher returned ", fetched_terms_.size(),
                                              " terms for ", ids.size(), " ids"));
    }
    for (const Term& t : fetched_terms_) views_.push_back(DumpTermView::Of(t));
  }
  for (size_t i = 0; i < ids.size(); ++i) {
    absl::Status status = CheckNewTerm(views_[i]);
    if (!status.ok()) {
      return absl::FailedPreconditionError(
          absl::StrCat("term of id ", ids[i], ": ", status.message()));
    }
  }
  return absl::OkStatus();
}

absl::Status DumpWriter::Impl::WriteIdChunks() {
  views_.clear();
  if (mode_ == Mode::kIds) {
    if (!new_caller_ids_.empty()) PARLEY_RETURN_IF_ERROR(FetchNewTerms());
  } else {
    for (const Term& t : new_terms_) views_.push_back(DumpTermView::Of(t));
  }
  if (views_.empty() && quads_.empty()) return absl::OkStatus();
  if (options_.term_order == DumpTermOrder::kTermKey) {
    for (const DumpTermView& t : views_) {
      if (last_term_ && CompareTermKeyOrder(DumpTermView::Of(*last_term_), t) >= 0) {
        return absl::FailedPreconditionError(absl::StrCat(
            "term ", DescribeTerm(t.ToTerm()), " breaks the declared term order (after ",
            DescribeTerm(*last_term_), ")"));
      }
      last_term_ = t.ToTerm();
    }
  }

  // Split the terms into runs of about chunk_bytes; the quads go with the
  // last run, so every id they use is introduced by then.
  const size_t budget = options_.chunk_bytes / 8;
  size_t begin = 0;
  do {
    std::vector<std::string> datatypes;
    size_t words = kChunkOverheadWords;
    size_t end = begin;
    for (; end < views_.size(); ++end) {
      const DumpTermView& t = views_[end];
      size_t w = kTermStructWords + TermTextWords(t, true);
      bool new_datatype = IsTypedLiteral(t) && !datatype_ids_.contains(AbslView(t.datatype));
      if (new_datatype) w += 1 + TextWords(t.datatype.size());
      if (end > begin && words + w > budget) break;
      if (words + w + quads_.size() * kIdQuadWords > kMaxMessageWords) {
        return absl::InvalidArgumentError(absl::StrCat(
            "term ", DescribeTerm(t.ToTerm()), " is too large for a dump message"));
      }
      if (new_datatype) {
        datatype_ids_.emplace(std::string(t.datatype), next_datatype_id_++);
        datatypes.emplace_back(t.datatype);
      }
      words += w;
    }
    bool last = end == views_.size();
    if (last) words += quads_.size() * kIdQuadWords;
    PARLEY_RETURN_IF_ERROR(WriteChunk(begin, end, datatypes, words, last));
    begin = end;
  } while (begin < views_.size());
  return absl::OkStatus();
}

absl::Status DumpWriter::Impl::WriteChunk(size_t begin, size_t end,
                                          const std::vector<std::string>& datatypes,
                                          size_t words, bool with_quads) {
  capnp::MallocMessageBuilder message(Scratch(words));
  kj::Maybe<kj::Exception> error = kj::runCatchingExceptions([&]() {
    auto chunk = message.initRoot<wire::Message>().initChunk();
    chunk.setFirstTermId(flushed_term_id_ + begin);
    chunk.setFirstDatatypeId(next_datatype_id_ - static_cast<uint32_t>(datatypes.size()));
    auto dts = chunk.initDatatypes(static_cast<unsigned>(datatypes.size()));
    for (unsigned i = 0; i < datatypes.size(); ++i) dts.set(i, AsText(datatypes[i]));
    auto list = chunk.initTerms(static_cast<unsigned>(end - begin));
    for (size_t i = begin; i < end; ++i) {
      const DumpTermView& t = views_[i];
      uint32_t datatype_id =
          IsTypedLiteral(t) ? datatype_ids_.find(AbslView(t.datatype))->second : 0;
      SetWireTerm(t, datatype_id, list[static_cast<unsigned>(i - begin)]);
    }
    if (!with_quads || quads_.empty()) return;
    auto n = static_cast<unsigned>(quads_.size());
    auto subjects = chunk.initSubjects(n);
    auto predicates = chunk.initPredicates(n);
    auto objects = chunk.initObjects(n);
    bool named_graphs = false;
    for (unsigned i = 0; i < n; ++i) {
      subjects.set(i, quads_[i].subject);
      predicates.set(i, quads_[i].predicate);
      objects.set(i, quads_[i].object);
      named_graphs = named_graphs || quads_[i].graph != kDefaultGraphId;
    }
    if (named_graphs) {  // an empty column means: all in the default graph
      auto graphs = chunk.initGraphs(n);
      for (unsigned i = 0; i < n; ++i) graphs.set(i, quads_[i].graph);
    }
  });
  KJ_IF_MAYBE(e, error) {
    return absl::InternalError(absl::StrCat("cannot build a chunk: ", e->getDescription().cStr()));
  }
  return WriteMessage(message);
}

absl::Status DumpWriter::Impl::AddWithTerms(const Quad& quad) {
  if (options_.validate_terms) {
    PARLEY_RETURN_IF_ERROR(CheckQuadShape(quad));
    for (const Term* t : {&quad.subject, &quad.predicate, &quad.object, &quad.graph}) {
      if (!t->is_default_graph()) PARLEY_RETURN_IF_ERROR(CheckNewTerm(*t));
    }
  }
  size_t words = QuadWithTermsWords(quad);
  if (words + kChunkOverheadWords > kMaxMessageWords) {
    return absl::InvalidArgumentError("quad too large for a dump message");
  }
  if (!quads_.empty() || !new_terms_.empty() || !new_caller_ids_.empty()) {
    PARLEY_RETURN_IF_ERROR(FlushIds());
  }
  if (!term_quads_.empty() && (term_quad_words_ + words) * 8 > options_.chunk_bytes) {
    PARLEY_RETURN_IF_ERROR(FlushTermQuads());
  }
  term_quads_.push_back(quad);
  term_quad_words_ += words;
  ++quads_added_;
  if (term_quads_.size() >= options_.chunk_quads) return FlushTermQuads();
  return absl::OkStatus();
}

absl::Status DumpWriter::Impl::FlushTermQuads() {
  if (term_quads_.empty()) return absl::OkStatus();
  capnp::MallocMessageBuilder message(Scratch(term_quad_words_ + kChunkOverheadWords));
  kj::Maybe<kj::Exception> error = kj::runCatchingExceptions([&]() {
    auto list = message.initRoot<wire::Message>().initQuadsWithTerms().initQuads(
        static_cast<unsigned>(term_quads_.size()));
    for (unsigned i = 0; i < term_quads_.size(); ++i) {
      const Quad& q = term_quads_[i];
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
  KJ_IF_MAYBE(e, error) {
    return Fail(absl::InternalError(
        absl::StrCat("cannot build a quadsWithTerms message: ", e->getDescription().cStr())));
  }
  PARLEY_RETURN_IF_ERROR(Fail(WriteMessage(message)));
  term_quads_.clear();
  term_quad_words_ = 0;
  return absl::OkStatus();
}

absl::Status DumpWriter::Impl::Flush() {
  PARLEY_RETURN_IF_ERROR(FlushTermQuads());
  return FlushIds();
}

absl::StatusOr<DumpFooter> DumpWriter::Impl::Finish() {
  if (finished_) return absl::FailedPreconditionError("DumpWriter: already finished");
  finished_ = true;
  if (!sticky_.ok()) {
    out_->Close().IgnoreError();  // keep what was written: a dump without a footer
    return sticky_;
  }
  absl::Status status = Flush();
  DumpFooter footer;
  footer.quad_count = quads_added_;
  footer.term_count = next_term_id_ - 1;
  footer.message_count = messages_;
  if (status.ok() && options_.quad_count && *options_.quad_count != footer.quad_count) {
    status = absl::FailedPreconditionError(
        absl::StrCat("the header declares ", *options_.quad_count, " quads; the dump has ",
                     footer.quad_count));
  }
  if (status.ok() && options_.term_count && *options_.term_count != footer.term_count) {
    status = absl::FailedPreconditionError(
        absl::StrCat("the header declares ", *options_.term_count, " terms; the dump has ",
                     footer.term_count));
  }
  if (!status.ok()) {
    sticky_ = status;
    out_->Close().IgnoreError();  // the dump stays without a footer: readers reject it
    return status;
  }
  footer.checksum = out_->Checksum();
  footer.has_checksum = true;
  capnp::MallocMessageBuilder message(Scratch(kChunkOverheadWords));
  auto out = message.initRoot<wire::Message>().initFooter();
  out.setQuadCount(footer.quad_count);
  out.setTermCount(footer.term_count);
  out.setMessageCount(footer.message_count);
  out.setChecksumKind(wire::ChecksumKind::XXH3);
  out.setChecksum(footer.checksum);
  status = out_->WriteMessage(message);
  if (status.ok()) status = out_->Close();
  if (!status.ok()) {
    sticky_ = status;
    return status;
  }
  footer.stream_bytes = out_->stream_bytes();
  footer.file_bytes = out_->file_bytes();
  return footer;
}

// DumpWriter -----------------------------------------------------------------

namespace {

DumpOutputOptions OutputOptions(const DumpWriterOptions& o) {
  return DumpOutputOptions{o.packed, o.zstd, o.zstd_level, o.zstd_workers};
}

}  // namespace

DumpWriter::DumpWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
DumpWriter::~DumpWriter() { impl_->Abandon(); }

absl::StatusOr<std::unique_ptr<DumpWriter>> DumpWriter::Start(
    absl::StatusOr<std::unique_ptr<DumpOutput>> out, DumpWriterOptions options) {
  if (!out.ok()) return out.status();
  auto impl = std::make_unique<Impl>(*std::move(out), std::move(options));
  PARLEY_RETURN_IF_ERROR(impl->WriteHeader());
  return std::unique_ptr<DumpWriter>(new DumpWriter(std::move(impl)));
}

absl::StatusOr<std::unique_ptr<DumpWriter>> DumpWriter::Create(std::string_view path,
                                                               DumpWriterOptions options) {
  PARLEY_RETURN_IF_ERROR(CheckOptions(options));
  return Start(DumpOutput::ToPath(path, OutputOptions(options)), std::move(options));
}

absl::StatusOr<std::unique_ptr<DumpWriter>> DumpWriter::CreateForFd(int fd,
                                                                    DumpWriterOptions options) {
  PARLEY_RETURN_IF_ERROR(CheckOptions(options));
  return Start(DumpOutput::ToFd(fd, OutputOptions(options)), std::move(options));
}

absl::StatusOr<std::unique_ptr<DumpWriter>> DumpWriter::CreateInMemory(
    std::string* out, DumpWriterOptions options) {
  PARLEY_RETURN_IF_ERROR(CheckOptions(options));
  return Start(DumpOutput::ToString(out, OutputOptions(options)), std::move(options));
}

absl::Status DumpWriter::Add(const Quad& quad) {
  return impl_->Guard([&] { return impl_->Add(quad); });
}
absl::Status DumpWriter::AddTerm(const Term& term) {
  return impl_->Guard([&] { return impl_->AddTerm(term); });
}
absl::Status DumpWriter::AddIds(const IdQuad& quad) {
  return impl_->Guard([&] { return impl_->AddIds(quad); });
}
absl::Status DumpWriter::AddTermIds(std::span<const TermId> ids) {
  return impl_->Guard([&] { return impl_->AddTermIds(ids); });
}
absl::Status DumpWriter::AddWithTerms(const Quad& quad) {
  return impl_->Guard([&] { return impl_->AddWithTerms(quad); });
}
absl::Status DumpWriter::Flush() {
  return impl_->Guard([&] { return impl_->Flush(); });
}
absl::StatusOr<DumpFooter> DumpWriter::Finish() { return impl_->Finish(); }
uint64_t DumpWriter::quads_added() const { return impl_->quads_added(); }
uint64_t DumpWriter::terms_introduced() const { return impl_->terms_introduced(); }

}  // namespace parley::schema
