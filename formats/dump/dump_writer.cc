#include "formats/dump/dump_writer.h"

#include <algorithm>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "engine/status_macros.h"
#include "formats/dump/dump_encoder.h"
#include "formats/dump/dump_output.h"
#include "formats/dump/dump_term.h"

namespace parley::schema {
namespace {

absl::Status CheckOptions(const DumpWriterOptions& o) {
  if (o.chunk_quads < 1 || o.chunk_quads > (size_t{1} << 19)) {
    return absl::InvalidArgumentError("DumpWriterOptions.chunk_quads must be in [1, 524288]");
  }
  if (o.chunk_bytes < 1024 || o.chunk_bytes > (size_t{32} << 20)) {
    return absl::InvalidArgumentError("DumpWriterOptions.chunk_bytes must be in [1 KiB, 32 MiB]");
  }
  return absl::OkStatus();
}

// A quadsWithTerms message holding one quad must stay below the limit with
// room for its framing.
constexpr size_t kMaxQuadWithTermsWords = kDefaultMaxMessageBytes / 8 - 64;

}  // namespace

class DumpWriter::Impl {
 public:
  Impl(std::unique_ptr<DumpOutput> out, DumpWriterOptions options)
      : out_(std::move(out)),
        options_(std::move(options)),
        encoder_(out_.get(), options_.chunk_bytes) {}

  absl::Status WriteHeader();
  absl::Status Add(const Quad& quad);
  absl::Status AddTermKey(std::string_view key);
  absl::Status AddLocalQuads(std::span<const IdQuad> quads);
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
  // kTerms: Add; kLocal: AddTermKey/AddLocalQuads.
  enum class Mode { kUnset, kTerms, kLocal };

  absl::Status SetMode(Mode mode);
  absl::Status CheckNewTerm(const Term& term) const;
  absl::Status CheckNewTerm(const DumpTermView& term) const;
  // The dump-local id of the term whose key is `key`, introducing it if new.
  uint64_t Intern(const std::string& key, const Term& term);
  absl::Status AppendIdQuad(const IdQuad& local);
  absl::Status MaybeFlushIds();
  absl::Status FlushIds();
  absl::Status WriteIdChunks();
  absl::Status FlushTermQuads();
  // Makes `status` sticky: after a partial flush the dump cannot continue.
  absl::Status Fail(absl::Status status) {
    if (!status.ok() && sticky_.ok()) sticky_ = status;
    return status;
  }

  std::unique_ptr<DumpOutput> out_;
  DumpWriterOptions options_;
  DumpEncoder encoder_;
  Mode mode_ = Mode::kUnset;
  absl::Status sticky_;
  bool finished_ = false;

  // Mode::kTerms: terms by their term key (one string to hash and compare,
  // one allocation per new term); new ones wait in new_term_keys_.
  absl::flat_hash_map<std::string, uint64_t> term_ids_;
  uint64_t next_term_id_ = 1;

  TermKeyBatch new_term_keys_;  // the terms not yet written
  std::string keys_[4];         // scratch for Add()
  size_t new_term_words_ = 0;
  std::vector<IdQuad> quads_;
  std::vector<Quad> term_quads_;
  // The terms of the chunk being flushed, over new_term_keys_ (kept between
  // flushes to reuse its memory).
  std::vector<DumpTermView> views_;
  size_t term_quad_words_ = 0;

  std::optional<IdQuad> last_quad_;  // declared quad order
  std::optional<Term> last_term_;    // declared term order
  uint64_t quads_added_ = 0;
};

absl::Status DumpWriter::Impl::WriteHeader() {
  DumpHeader header;
  header.producer = options_.producer;
  header.quad_count = options_.quad_count;
  header.term_count = options_.term_count;
  header.prefixes = options_.prefixes;
  header.quad_order = options_.quad_order;
  header.term_order = options_.term_order;
  return encoder_.WriteHeader(header);
}

absl::Status DumpWriter::Impl::SetMode(Mode mode) {
  if (mode_ == Mode::kUnset) mode_ = mode;
  if (mode_ != mode) {
    return absl::InvalidArgumentError(
        "DumpWriter: Add and AddTermKey/AddLocalQuads cannot be mixed in one dump");
  }
  if (!term_quads_.empty()) return FlushTermQuads();
  return absl::OkStatus();
}

absl::Status DumpWriter::Impl::CheckNewTerm(const Term& term) const {
  PARLEY_RETURN_IF_ERROR(CheckTermStructure(DumpTermView::Of(term)));
  if (!options_.validate_terms) return absl::OkStatus();
  absl::Status status = ValidateTerm(DumpTermView::Of(term));
  if (status.ok()) return status;
  return absl::InvalidArgumentError(absl::StrCat("invalid term: ", status.message()));
}

absl::Status DumpWriter::Impl::CheckNewTerm(const DumpTermView& term) const {
  PARLEY_RETURN_IF_ERROR(CheckTermStructure(term));
  if (!options_.validate_terms) return absl::OkStatus();
  absl::Status status = ValidateTerm(term);
  if (status.ok()) return status;
  return absl::InvalidArgumentError(absl::StrCat("invalid term: ", status.message()));
}

uint64_t DumpWriter::Impl::Intern(const std::string& key, const Term& term) {
  auto [it, inserted] = term_ids_.try_emplace(key, next_term_id_);
  if (inserted) {
    new_term_keys_.Add(key);
    new_term_words_ += DumpEncoder::TermWords(DumpTermView::Of(term));
    ++next_term_id_;
  }
  return it->second;
}

absl::Status DumpWriter::Impl::Add(const Quad& quad) {
  PARLEY_RETURN_IF_ERROR(SetMode(Mode::kTerms));
  PARLEY_RETURN_IF_ERROR(CheckQuadShape(quad));
  const Term* terms[4] = {&quad.subject, &quad.predicate, &quad.object, &quad.graph};
  const int n = quad.graph.is_default_graph() ? 3 : 4;
  uint64_t ids[4] = {0, 0, 0, kDefaultGraphId};
  // Known terms cost one lookup; new ones are all checked before any is
  // introduced, so that a rejected quad changes nothing.
  for (int k = 0; k < n; ++k) {
    keys_[k].clear();
    DumpTermView::Of(*terms[k]).AppendTermKey(&keys_[k]);
    auto it = term_ids_.find(keys_[k]);
    if (it != term_ids_.end()) {
      ids[k] = it->second;
    } else {
      PARLEY_RETURN_IF_ERROR(CheckNewTerm(*terms[k]));
    }
  }
  for (int k = 0; k < n; ++k) {
    if (ids[k] == 0) ids[k] = Intern(keys_[k], *terms[k]);
  }
  return AppendIdQuad(IdQuad{ids[0], ids[1], ids[2], ids[3]});
}

absl::Status DumpWriter::Impl::AddTermKey(std::string_view key) {
  PARLEY_RETURN_IF_ERROR(SetMode(Mode::kLocal));
  absl::StatusOr<DumpTermView> view = ParseTermKey(key);
  if (!view.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("AddTermKey: malformed term key: ", view.status().message()));
  }
  PARLEY_RETURN_IF_ERROR(CheckNewTerm(*view));
  new_term_words_ += DumpEncoder::TermWords(*view);
  new_term_keys_.Add(key);
  ++next_term_id_;
  return MaybeFlushIds();
}

absl::Status DumpWriter::Impl::AddLocalQuads(std::span<const IdQuad> quads) {
  PARLEY_RETURN_IF_ERROR(SetMode(Mode::kLocal));
  // Unsigned arithmetic: id - 1 < introduced holds exactly for ids in
  // [1, introduced] (id 0 wraps around to the largest value).
  const uint64_t introduced = next_term_id_ - 1;
  for (size_t i = 0; i < quads.size(); ++i) {
    const IdQuad& q = quads[i];
    if (q.subject - 1 >= introduced || q.predicate - 1 >= introduced ||
        q.object - 1 >= introduced || (q.graph != kDefaultGraphId && q.graph - 1 >= introduced)) {
      return absl::InvalidArgumentError(absl::StrCat(
          "AddLocalQuads: quad ", i, " (", q.subject, " ", q.predicate, " ", q.object, " ", q.graph,
          ") uses an id that is not a term introduced so far (", introduced, " terms)"));
    }
  }
  if (options_.quad_order != DumpQuadOrder::kUnspecified) {
    for (const IdQuad& q : quads) PARLEY_RETURN_IF_ERROR(AppendIdQuad(q));
    return absl::OkStatus();
  }
  if (quads_.capacity() < options_.chunk_quads) quads_.reserve(options_.chunk_quads);
  while (!quads.empty()) {
    const size_t n = std::min(quads.size(), options_.chunk_quads - quads_.size());
    quads_.insert(quads_.end(), quads.begin(), quads.begin() + static_cast<ptrdiff_t>(n));
    quads_added_ += n;
    quads = quads.subspan(n);
    PARLEY_RETURN_IF_ERROR(MaybeFlushIds());
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
  if (quads_.size() >= options_.chunk_quads || new_term_keys_.size() >= options_.chunk_quads ||
      new_term_words_ * 8 >= options_.chunk_bytes) {
    return FlushIds();
  }
  return absl::OkStatus();
}

absl::Status DumpWriter::Impl::FlushIds() {
  absl::Status status = WriteIdChunks();
  if (!status.ok()) return Fail(std::move(status));
  new_term_keys_.Clear();
  new_term_words_ = 0;
  quads_.clear();
  return absl::OkStatus();
}

absl::Status DumpWriter::Impl::WriteIdChunks() {
  views_.clear();
  for (size_t i = 0; i < new_term_keys_.size(); ++i) {
    // Keys this writer made of terms, or was given, that passed
    // CheckTermStructure.
    PARLEY_ASSIGN_OR_RETURN(DumpTermView view, ParseTermKey(new_term_keys_.key(i)));
    views_.push_back(view);
  }
  if (views_.empty() && quads_.empty()) return absl::OkStatus();
  if (options_.term_order == DumpTermOrder::kTermKey) {
    for (const DumpTermView& t : views_) {
      if (last_term_ && CompareTermKeyOrder(DumpTermView::Of(*last_term_), t) >= 0) {
        return absl::FailedPreconditionError(absl::StrCat("term ", DescribeTerm(t.ToTerm()),
                                                          " breaks the declared term order (after ",
                                                          DescribeTerm(*last_term_), ")"));
      }
      last_term_ = t.ToTerm();
    }
  }

  return encoder_.WriteChunks(views_, quads_);
}

absl::Status DumpWriter::Impl::AddWithTerms(const Quad& quad) {
  PARLEY_RETURN_IF_ERROR(CheckQuadShape(quad));
  for (const Term* t : {&quad.subject, &quad.predicate, &quad.object, &quad.graph}) {
    if (!t->is_default_graph()) PARLEY_RETURN_IF_ERROR(CheckNewTerm(*t));
  }
  size_t words = DumpEncoder::QuadWithTermsWords(quad);
  if (words > kMaxQuadWithTermsWords) {
    return absl::InvalidArgumentError("quad too large for a dump message");
  }
  if (!quads_.empty() || new_term_keys_.size() > 0) {
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
  PARLEY_RETURN_IF_ERROR(Fail(encoder_.WriteQuadsWithTerms(term_quads_)));
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
  absl::Status status = sticky_.ok() ? Flush() : sticky_;
  if (status.ok() && options_.quad_count && *options_.quad_count != quads_added_) {
    status = absl::FailedPreconditionError(absl::StrCat(
        "the header declares ", *options_.quad_count, " quads; the dump has ", quads_added_));
  }
  if (status.ok() && options_.term_count && *options_.term_count != next_term_id_ - 1) {
    status = absl::FailedPreconditionError(absl::StrCat(
        "the header declares ", *options_.term_count, " terms; the dump has ", next_term_id_ - 1));
  }
  if (status.ok()) {
    absl::StatusOr<DumpFooter> footer = encoder_.WriteFooter(quads_added_);
    if (footer.ok()) return footer;
    status = footer.status();
  }
  Fail(status).IgnoreError();
  out_->Close().IgnoreError();  // keep what was written: a dump without a footer
  return status;
}

// DumpWriter -----------------------------------------------------------------

namespace {

DumpOutputOptions OutputOptions(const DumpWriterOptions& o) {
  return DumpOutputOptions{o.packed, o.zstd, o.zstd_level};
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

absl::StatusOr<std::unique_ptr<DumpWriter>> DumpWriter::CreateInMemory(std::string* out,
                                                                       DumpWriterOptions options) {
  PARLEY_RETURN_IF_ERROR(CheckOptions(options));
  return Start(DumpOutput::ToString(out, OutputOptions(options)), std::move(options));
}

absl::Status DumpWriter::Add(const Quad& quad) {
  return impl_->Guard([&] { return impl_->Add(quad); });
}
absl::Status DumpWriter::AddTermKey(std::string_view key) {
  return impl_->Guard([&] { return impl_->AddTermKey(key); });
}
absl::Status DumpWriter::AddTermKeys(const TermKeyBatch& keys) {
  for (size_t i = 0; i < keys.size(); ++i) PARLEY_RETURN_IF_ERROR(AddTermKey(keys.key(i)));
  return absl::OkStatus();
}
absl::Status DumpWriter::AddLocalQuads(std::span<const IdQuad> quads) {
  return impl_->Guard([&] { return impl_->AddLocalQuads(quads); });
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
