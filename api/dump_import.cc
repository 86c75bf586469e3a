#include "api/dump_import.h"

#include <algorithm>
#include <cstring>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "engine/status_macros.h"
#include "engine/term_view.h"
#include "formats/dump/dump_format.h"
#include "formats/dump/dump_reader.h"
#include "parley/dump.h"
#include "rdf/ascii_classes.h"

namespace parley::api {
namespace {

// "\x89Parley": the signature without its framing byte.
constexpr std::string_view kSignaturePrefix = schema::kDumpSignatureUnpacked.substr(0, 7);
constexpr uint64_t kProgressEvery = 1 << 16;

// Replays the peeked bytes, then reads on from the wrapped source.
class PeekedSource final : public engine::io::ByteSource {
 public:
  PeekedSource(std::unique_ptr<ByteSource> inner, std::string peeked)
      : inner_(std::move(inner)), peeked_(std::move(peeked)) {}

  absl::StatusOr<size_t> Read(char* buffer, size_t capacity) override {
    if (offset_ < peeked_.size()) {
      const size_t n = std::min(capacity, peeked_.size() - offset_);
      std::memcpy(buffer, peeked_.data() + offset_, n);
      offset_ += n;
      return n;
    }
    return inner_->Read(buffer, capacity);
  }
  const std::string& name() const override { return inner_->name(); }
  uint64_t bytes_consumed() const override { return inner_->bytes_consumed(); }
  std::optional<uint64_t> total_bytes() const override { return inner_->total_bytes(); }
  engine::io::Compression compression() const override { return inner_->compression(); }
  bool is_file() const override { return inner_->is_file(); }

 private:
  std::unique_ptr<ByteSource> inner_;
  std::string peeked_;
  size_t offset_ = 0;
};

// Local ids shifted into the load's space; the dump's default graph becomes
// `graph_local` (0, or the local id defined for LoadOptions::graph).
class LoadVisitor final : public schema::DumpVisitor {
 public:
  LoadVisitor(DumpLoadContext* context, uint64_t offset, uint64_t graph_local)
      : context_(context), offset_(offset), graph_local_(graph_local) {
    if (context_->graph) graph_view_ = engine::TermView::Of(*context_->graph);
  }

  absl::Status OnTerms(uint64_t first_id, std::span<const schema::DumpTermView> terms) override {
    for (size_t i = 0; i < terms.size(); ++i) {
      const schema::DumpTermView& t = terms[i];
      engine::TermView view{t.kind, t.value, t.datatype, t.language};
      if (std::any_of(t.language.begin(), t.language.end(),
                      [](char c) { return c >= 'A' && c <= 'Z'; })) {
        lowered_.assign(t.language);
        rdf::AsciiLowerInPlace(lowered_);
        view.language = lowered_;
      }
      PARLEY_RETURN_IF_ERROR(context_->loader->DefineLocalTerm(offset_ + first_id + i, view));
    }
    if (!terms.empty()) max_id_ = std::max(max_id_, first_id + terms.size() - 1);
    return absl::OkStatus();
  }

  absl::Status OnQuads(std::span<const IdQuad> quads) override {
    if (offset_ != 0 || graph_local_ != kDefaultGraphId) {
      shifted_.clear();
      for (const IdQuad& q : quads) {
        shifted_.push_back(IdQuad{offset_ + q.subject, offset_ + q.predicate, offset_ + q.object,
                                  q.graph == kDefaultGraphId ? graph_local_ : offset_ + q.graph});
      }
      quads = shifted_;
    }
    PARLEY_RETURN_IF_ERROR(context_->loader->AddLocal(quads));
    Count(quads.size());
    return absl::OkStatus();
  }

  absl::Status OnQuadsWithTerms(std::span<const Quad> quads) override {
    for (const Quad& q : quads) {
      engine::QuadView view = engine::QuadView::Of(q);
      if (context_->graph && q.graph.is_default_graph()) view.graph = graph_view_;
      PARLEY_RETURN_IF_ERROR(context_->loader->Add(view));
      Count(1);
    }
    return absl::OkStatus();
  }

  uint64_t statements() const { return statements_; }
  uint64_t max_id() const { return max_id_; }

 private:
  void Count(uint64_t n) {
    const uint64_t before = statements_;
    statements_ += n;
    if (before / kProgressEvery != statements_ / kProgressEvery && context_->progress) {
      context_->progress(statements_);
    }
  }

  DumpLoadContext* context_;
  const uint64_t offset_;
  const uint64_t graph_local_;
  engine::TermView graph_view_;
  std::string lowered_;
  std::vector<IdQuad> shifted_;
  uint64_t statements_ = 0;
  uint64_t max_id_ = 0;
};

}  // namespace

absl::StatusOr<std::unique_ptr<engine::io::ByteSource>> OpenAndSniff(const std::string& file,
                                                                     bool* is_dump,
                                                                     bool* damaged_dump) {
  PARLEY_ASSIGN_OR_RETURN(std::unique_ptr<engine::io::ByteSource> source,
                          engine::io::ByteSource::Open(file));
  // The whole signature, so that a damaged one can be told apart.
  std::string peeked(schema::kDumpSignatureUnpacked.size(), '\0');
  size_t filled = 0;
  while (filled < peeked.size()) {
    PARLEY_ASSIGN_OR_RETURN(size_t n, source->Read(peeked.data() + filled, peeked.size() - filled));
    if (n == 0) break;
    filled += n;
  }
  peeked.resize(filled);
  *is_dump = std::string_view(peeked).substr(0, kSignaturePrefix.size()) == kSignaturePrefix;
  if (damaged_dump != nullptr) *damaged_dump = schema::IsDamagedDumpSignature(peeked);
  return std::make_unique<PeekedSource>(std::move(source), std::move(peeked));
}

absl::StatusOr<uint64_t> LoadDump(std::unique_ptr<engine::io::ByteSource> source,
                                  const std::string& file, DumpLoadContext* context) {
  context->loader->NewBlankNodeScope();
  uint64_t offset = context->local_id_base;
  uint64_t graph_local = kDefaultGraphId;
  if (context->graph) {
    graph_local = ++offset;
    PARLEY_RETURN_IF_ERROR(
        context->loader->DefineLocalTerm(graph_local, engine::TermView::Of(*context->graph)));
  }
  std::unique_ptr<schema::DumpReader> reader =
      schema::DumpReader::FromByteSource(std::move(source));
  LoadVisitor visitor(context, offset, graph_local);
  absl::Status status = reader->Read(visitor);
  if (!status.ok()) {
    if (absl::StartsWith(status.message(), absl::string_view(file.data(), file.size()))) {
      return status;
    }
    return absl::Status(status.code(), absl::StrCat(file, ": ", status.message()));
  }
  context->local_id_base = offset + visitor.max_id();
  return visitor.statements();
}

}  // namespace parley::api

namespace parley {

absl::StatusOr<bool> IsDumpFile(const std::string& path) {
  bool is_dump = false;
  PARLEY_RETURN_IF_ERROR(api::OpenAndSniff(path, &is_dump).status());
  return is_dump;
}

}  // namespace parley
