#include "formats/dump/dump_reader.h"

#include <optional>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "capnp/serialize-packed.h"
#include "capnp/serialize.h"
#include "engine/status_macros.h"
#include "formats/dump/dump_input.h"
#include "formats/dump/dump_term.h"
#include "kj/exception.h"
#include "schema/dump.capnp.h"

namespace parley::schema {

absl::Status DumpVisitor::OnHeader(const DumpHeader&) { return absl::OkStatus(); }
absl::Status DumpVisitor::OnTerms(uint64_t, std::span<const DumpTermView>) {
  return absl::OkStatus();
}
absl::Status DumpVisitor::OnQuads(std::span<const IdQuad>) { return absl::OkStatus(); }
absl::Status DumpVisitor::OnQuadsWithTerms(std::span<const Quad>) { return absl::OkStatus(); }
absl::Status DumpVisitor::OnFooter(const DumpFooter&) { return absl::OkStatus(); }

namespace {

// Cap'n Proto's own bound on the segments of one message.
constexpr uint64_t kMaxSegments = 512;

constexpr uint8_t PositionBit(QuadPosition position) {
  return static_cast<uint8_t>(1u << static_cast<int>(position));
}

// The positions a term of `kind` may hold, as PositionBit()s.
uint8_t PositionsOf(Term::Kind kind) {
  uint8_t bits = 0;
  for (QuadPosition position : {QuadPosition::kSubject, QuadPosition::kPredicate,
                                QuadPosition::kObject, QuadPosition::kGraph}) {
    if (KindFitsPosition(kind, position)) bits |= PositionBit(position);
  }
  return bits;
}

uint32_t LoadLe32(const char* p) {
  const auto* b = reinterpret_cast<const unsigned char*>(p);
  return uint32_t{b[0]} | uint32_t{b[1]} << 8 | uint32_t{b[2]} << 16 | uint32_t{b[3]} << 24;
}

std::string FromText(capnp::Text::Reader text) { return std::string(text.begin(), text.size()); }

const char* MessageKindName(wire::Message::Which which) {
  switch (which) {
    case wire::Message::HEADER:
      return "header";
    case wire::Message::CHUNK:
      return "chunk";
    case wire::Message::QUADS_WITH_TERMS:
      return "quadsWithTerms";
    case wire::Message::FOOTER:
      return "footer";
  }
  return "unknown kind";
}

std::optional<uint64_t> KnownCount(uint64_t value) {
  if (value == wire::UNKNOWN_COUNT) return std::nullopt;
  return value;
}

}  // namespace

class DumpReader::Impl {
 public:
  Impl(std::unique_ptr<DumpInput> input, std::string name, DumpReaderOptions options)
      : input_(std::move(input)), name_(std::move(name)), options_(options) {}

  absl::Status Read(DumpVisitor& visitor);

 private:
  absl::Status ReadSignature();
  absl::Status ReadMessage(DumpVisitor& visitor);
  absl::Status ReadUnpacked(DumpVisitor& visitor);
  absl::Status Process(wire::Message::Reader message, DumpVisitor& visitor);
  absl::Status ProcessHeader(wire::Header::Reader header, DumpVisitor& visitor);
  absl::Status ProcessChunk(wire::Chunk::Reader chunk, DumpVisitor& visitor);
  absl::Status ProcessIdQuads(wire::Chunk::Reader chunk);
  absl::Status ProcessQuadsWithTerms(wire::QuadsWithTerms::Reader message, DumpVisitor& visitor);
  absl::Status ProcessFooter(wire::Footer::Reader footer);
  absl::Status CheckTerm(const DumpTermView& term, std::string_view what);
  absl::Status CheckId(uint64_t id, QuadPosition position, size_t index);
  // Statuses from the visitor pass through Read() unchanged.
  absl::Status Visit(absl::Status status) {
    if (!status.ok()) visitor_failed_ = true;
    return status;
  }
  // Prefixes `status` with the file, message number and stream offset.
  absl::Status Where(const absl::Status& status) const;
  std::string Prefix() const { return name_.empty() ? "" : absl::StrCat(name_, ": "); }

  std::unique_ptr<DumpInput> input_;
  std::string name_;
  DumpReaderOptions options_;
  bool packed_ = false;
  bool visitor_failed_ = false;
  bool used_ = false;

  uint64_t message_number_ = 0;  // 1-based; the current message
  uint64_t message_offset_ = 0;  // stream offset of its first byte
  const char* message_kind_ = nullptr;
  uint64_t digest_before_ = 0;  // checksum of the stream before the current message

  DumpHeader header_;
  DumpFooter footer_;
  bool header_seen_ = false;
  bool footer_seen_ = false;
  uint64_t next_term_id_ = 1;
  uint64_t quads_total_ = 0;
  DatatypeTable datatypes_;
  // With check_positions: by term id, bit `position` set where its kind
  // fits (id 0, the default graph: the graph position only).
  std::vector<uint8_t> fits_{PositionsOf(Term::Kind::kDefaultGraph)};
  std::optional<IdQuad> last_quad_;
  std::optional<Term> last_term_;

  std::vector<DumpTermView> terms_;
  std::vector<IdQuad> quads_;
  std::vector<Quad> term_quads_;
};

absl::Status DumpReader::Impl::Where(const absl::Status& status) const {
  std::string where = Prefix();
  if (message_number_ > 0) {
    absl::StrAppend(&where, "message ", message_number_);
    if (message_kind_ != nullptr) absl::StrAppend(&where, " (", message_kind_, ")");
    absl::StrAppend(&where, " at stream byte ", message_offset_, ": ");
  }
  return absl::Status(status.code(), absl::StrCat(where, status.message()));
}

absl::Status DumpReader::Impl::Read(DumpVisitor& visitor) {
  if (used_) return absl::FailedPreconditionError("DumpReader::Read: called twice");
  used_ = true;
  absl::Status status = input_->Start();
  if (status.ok()) status = ReadSignature();
  if (!status.ok()) return Where(status);
  while (true) {
    message_offset_ = input_->offset();
    message_kind_ = nullptr;
    absl::StatusOr<size_t> more = input_->Ensure(1);
    if (!more.ok()) {
      return absl::Status(more.status().code(),
                          absl::StrCat(Prefix(), "at stream byte ", message_offset_, ": ",
                                       more.status().message()));
    }
    if (*more == 0) break;
    if (footer_seen_) {
      return absl::DataLossError(
          absl::StrCat(Prefix(), "data after the footer, at stream byte ", message_offset_));
    }
    ++message_number_;
    digest_before_ = input_->checksum().Digest();
    status = ReadMessage(visitor);
    if (!status.ok()) return visitor_failed_ ? status : Where(status);
  }
  if (!footer_seen_) {
    return absl::DataLossError(absl::StrCat(Prefix(), "truncated stream: it ends at stream byte ",
                                            message_offset_, " after message ", message_number_,
                                            " without a footer"));
  }
  footer_.stream_bytes = input_->offset();
  footer_.file_bytes = input_->file_bytes();
  return visitor.OnFooter(footer_);
}

absl::Status DumpReader::Impl::ReadSignature() {
  PARLEY_ASSIGN_OR_RETURN(size_t n, input_->Ensure(kDumpSignatureUnpacked.size()));
  std::string_view head(input_->data(), n);
  if (head == kDumpSignatureUnpacked || head == kDumpSignaturePacked) {
    packed_ = head == kDumpSignaturePacked;
    header_.packed = packed_;
    header_.zstd = input_->zstd();
    input_->Consume(n);
    return absl::OkStatus();
  }
  std::string hex;
  for (char c : head) absl::StrAppendFormat(&hex, "%02x", static_cast<unsigned char>(c));
  const std::string found =
      absl::StrCat("the stream starts with bytes [", hex,
                   "], not the signature 89 50 61 72 6c 65 79 55|50 (\"\\x89ParleyU\"/\"P\")");
  if (IsDamagedDumpSignature(head)) {
    return absl::DataLossError(absl::StrCat("a damaged Parley dump: ", found));
  }
  return absl::InvalidArgumentError(absl::StrCat("not a Parley dump: ", found));
}

absl::Status DumpReader::Impl::ReadMessage(DumpVisitor& visitor) {
  absl::Status status;
  kj::Maybe<kj::Exception> error = kj::runCatchingExceptions([&]() {
    if (!packed_) {
      status = ReadUnpacked(visitor);
      return;
    }
    capnp::ReaderOptions limits;
    limits.traversalLimitInWords = options_.max_message_bytes / 8;
    capnp::PackedMessageReader reader(*input_, limits);
    status = Process(reader.getRoot<wire::Message>(), visitor);
  });
  KJ_IF_MAYBE (e, error) {
    if (!input_->io_status().ok()) return input_->io_status();
    std::string what = e->getDescription().cStr();
    if (input_->exhausted()) {
      return absl::DataLossError(
          absl::StrCat("truncated stream: the message is cut off (", what, ")"));
    }
    return absl::DataLossError(absl::StrCat("corrupt message: ", what));
  }
  return status;
}

absl::Status DumpReader::Impl::ReadUnpacked(DumpVisitor& visitor) {
  // Standard framing: (segments - 1):u32, sizes:u32 each, padding to 8.
  PARLEY_ASSIGN_OR_RETURN(size_t n, input_->Ensure(8));
  if (n < 8) return absl::DataLossError("truncated stream: a message starts but is cut off");
  uint64_t segments = uint64_t{LoadLe32(input_->data())} + 1;
  if (segments > kMaxSegments) {
    return absl::DataLossError(absl::StrCat("corrupt message: ", segments, " segments"));
  }
  size_t table_bytes = ((segments + 1) * 4 + 7) & ~size_t{7};
  PARLEY_ASSIGN_OR_RETURN(n, input_->Ensure(table_bytes));
  if (n < table_bytes) return absl::DataLossError("truncated stream: segment table cut off");
  uint64_t words = 0;
  for (uint64_t i = 0; i < segments; ++i) words += LoadLe32(input_->data() + 4 * (i + 1));
  if (words * 8 > options_.max_message_bytes) {
    return absl::ResourceExhaustedError(absl::StrCat("message of ", words * 8,
                                                     " bytes exceeds the limit of ",
                                                     options_.max_message_bytes, " bytes"));
  }
  size_t total = table_bytes + words * 8;
  PARLEY_ASSIGN_OR_RETURN(n, input_->Ensure(total, /*aligned=*/true));
  if (n < total) {
    return absl::DataLossError(
        absl::StrCat("truncated stream: the message needs ", total, " bytes, only ", n, " remain"));
  }
  capnp::ReaderOptions limits;
  // Each object is visited once; the slack absorbs list headers.
  limits.traversalLimitInWords = 2 * words + 1024;
  capnp::FlatArrayMessageReader reader(
      kj::arrayPtr(reinterpret_cast<const capnp::word*>(input_->data()), total / 8), limits);
  absl::Status status = Process(reader.getRoot<wire::Message>(), visitor);
  input_->Consume(total);
  return status;
}

absl::Status DumpReader::Impl::Process(wire::Message::Reader message, DumpVisitor& visitor) {
  wire::Message::Which which = message.which();
  message_kind_ = MessageKindName(which);
  if (!header_seen_ && which != wire::Message::HEADER) {
    return absl::DataLossError("the first message of a dump must be its header");
  }
  switch (which) {
    case wire::Message::HEADER:
      if (header_seen_) return absl::DataLossError("a second header");
      return ProcessHeader(message.getHeader(), visitor);
    case wire::Message::CHUNK:
      return ProcessChunk(message.getChunk(), visitor);
    case wire::Message::QUADS_WITH_TERMS:
      return ProcessQuadsWithTerms(message.getQuadsWithTerms(), visitor);
    case wire::Message::FOOTER:
      return ProcessFooter(message.getFooter());
  }
  return absl::OkStatus();  // a kind from a newer minor version: skipped
}

absl::Status DumpReader::Impl::ProcessHeader(wire::Header::Reader h, DumpVisitor& visitor) {
  header_seen_ = true;
  header_.format_major = h.getFormatMajor();
  header_.format_minor = h.getFormatMinor();
  if (header_.format_major == 0) {
    return absl::DataLossError("format version 0 (Header.formatMajor is not set)");
  }
  if (header_.format_major > kDumpFormatMajor) {
    return absl::UnimplementedError(
        absl::StrCat("format version ", header_.format_major, ".", header_.format_minor,
                     " is newer than this reader, which reads ", kDumpFormatMajor, ".x"));
  }
  header_.producer = FromText(h.getProducer());
  header_.quad_count = KnownCount(h.getQuadCount());
  header_.term_count = KnownCount(h.getTermCount());
  for (auto prefix : h.getPrefixes()) {
    header_.prefixes.emplace_back(FromText(prefix.getName()), FromText(prefix.getIri()));
  }
  // Promises this reader does not know (newer enumerants) are not checked.
  auto quad_order = static_cast<uint16_t>(h.getQuadOrder());
  if (quad_order <= static_cast<uint16_t>(DumpQuadOrder::kGspo)) {
    header_.quad_order = static_cast<DumpQuadOrder>(quad_order);
  }
  auto term_order = static_cast<uint16_t>(h.getTermOrder());
  if (term_order <= static_cast<uint16_t>(DumpTermOrder::kTermKey)) {
    header_.term_order = static_cast<DumpTermOrder>(term_order);
  }
  return Visit(visitor.OnHeader(header_));
}

absl::Status DumpReader::Impl::CheckTerm(const DumpTermView& term, std::string_view what) {
  if (!options_.validate_terms) return absl::OkStatus();
  absl::Status status = ValidateTerm(term);
  if (status.ok()) return status;
  return absl::InvalidArgumentError(absl::StrCat(absl::string_view(what.data(), what.size()),
                                                 ": malformed term: ", status.message()));
}

absl::Status DumpReader::Impl::ProcessChunk(wire::Chunk::Reader chunk, DumpVisitor& visitor) {
  if (chunk.getFirstTermId() != next_term_id_) {
    return absl::DataLossError(
        absl::StrCat("firstTermId is ", chunk.getFirstTermId(), ", expected ", next_term_id_));
  }
  if (chunk.getFirstDatatypeId() != datatypes_.size() + 1) {
    return absl::DataLossError(absl::StrCat("firstDatatypeId is ", chunk.getFirstDatatypeId(),
                                            ", expected ", datatypes_.size() + 1));
  }
  for (auto text : chunk.getDatatypes()) {
    std::string iri = FromText(text);
    if (iri == kXsdString || iri == kRdfLangString) {
      return absl::DataLossError(absl::StrCat("datatype ", iri, " has its own term form"));
    }
    DumpTermView view{Term::Kind::kIri, iri, {}, {}};
    PARLEY_RETURN_IF_ERROR(CheckTerm(view, absl::StrCat("datatype ", datatypes_.size() + 1)));
    datatypes_.push_back(std::move(iri));
  }

  auto terms = chunk.getTerms();
  terms_.clear();
  terms_.reserve(terms.size());
  for (unsigned i = 0; i < terms.size(); ++i) {
    uint64_t id = next_term_id_ + i;
    absl::StatusOr<DumpTermView> term = TermFromWire(terms[i], &datatypes_);
    if (!term.ok()) {
      return absl::DataLossError(absl::StrCat("term id ", id, ": ", term.status().message()));
    }
    if (term->kind == Term::Kind::kDefaultGraph) {
      return absl::DataLossError(absl::StrCat("term id ", id, " is the default graph"));
    }
    if (absl::Status structure = CheckTermStructure(*term); !structure.ok()) {
      return absl::DataLossError(absl::StrCat("term id ", id, ": ", structure.message()));
    }
    PARLEY_RETURN_IF_ERROR(CheckTerm(*term, absl::StrCat("term id ", id)));
    if (header_.term_order == DumpTermOrder::kTermKey) {
      if (last_term_ && CompareTermKeyOrder(DumpTermView::Of(*last_term_), *term) >= 0) {
        return absl::DataLossError(absl::StrCat("term id ", id, " breaks the declared term order"));
      }
      last_term_ = term->ToTerm();
    }
    if (options_.check_positions) fits_.push_back(PositionsOf(term->kind));
    terms_.push_back(*term);
  }
  uint64_t first_id = next_term_id_;
  next_term_id_ += terms.size();
  if (!terms_.empty()) PARLEY_RETURN_IF_ERROR(Visit(visitor.OnTerms(first_id, terms_)));

  PARLEY_RETURN_IF_ERROR(ProcessIdQuads(chunk));
  if (!quads_.empty()) PARLEY_RETURN_IF_ERROR(Visit(visitor.OnQuads(quads_)));
  return absl::OkStatus();
}

absl::Status DumpReader::Impl::CheckId(uint64_t id, QuadPosition position, size_t index) {
  const char* name = QuadPositionName(position);
  if (id >= next_term_id_) {
    return absl::DataLossError(absl::StrCat("quad ", index, " of the chunk: ", name, " id ", id,
                                            " used before it was introduced (", next_term_id_ - 1,
                                            " terms so far)"));
  }
  if (id == kDefaultGraphId && position != QuadPosition::kGraph) {
    return absl::DataLossError(
        absl::StrCat("quad ", index, " of the chunk: ", name, " id 0 (the default graph)"));
  }
  if (options_.check_positions && !(fits_[id] & PositionBit(position))) {
    return absl::InvalidArgumentError(
        absl::StrCat("quad ", index, " of the chunk: term id ", id, " cannot be a ", name));
  }
  return absl::OkStatus();
}

absl::Status DumpReader::Impl::ProcessIdQuads(wire::Chunk::Reader chunk) {
  auto subjects = chunk.getSubjects();
  auto predicates = chunk.getPredicates();
  auto objects = chunk.getObjects();
  auto graphs = chunk.getGraphs();
  const unsigned n = subjects.size();
  if (predicates.size() != n || objects.size() != n || (graphs.size() != 0 && graphs.size() != n)) {
    return absl::DataLossError(absl::StrCat("quad columns of different lengths: ", n, " subjects, ",
                                            predicates.size(), " predicates, ", objects.size(),
                                            " objects, ", graphs.size(), " graphs"));
  }
  const bool named_graphs = graphs.size() != 0;
  quads_.resize(n);
  const uint64_t limit = next_term_id_;
  for (unsigned i = 0; i < n; ++i) {
    IdQuad q{subjects[i], predicates[i], objects[i], named_graphs ? graphs[i] : kDefaultGraphId};
    // One branch for the common case; CheckId names the exact problem.
    bool ids_ok = q.subject - 1 < limit - 1 && q.predicate - 1 < limit - 1 &&
                  q.object - 1 < limit - 1 && q.graph < limit;
    if (ids_ok && options_.check_positions) {
      ids_ok = (fits_[q.subject] & PositionBit(QuadPosition::kSubject)) &&
               (fits_[q.predicate] & PositionBit(QuadPosition::kPredicate)) &&
               (fits_[q.object] & PositionBit(QuadPosition::kObject)) &&
               (fits_[q.graph] & PositionBit(QuadPosition::kGraph));
    }
    if (!ids_ok) {
      PARLEY_RETURN_IF_ERROR(CheckId(q.subject, QuadPosition::kSubject, i));
      PARLEY_RETURN_IF_ERROR(CheckId(q.predicate, QuadPosition::kPredicate, i));
      PARLEY_RETURN_IF_ERROR(CheckId(q.object, QuadPosition::kObject, i));
      PARLEY_RETURN_IF_ERROR(CheckId(q.graph, QuadPosition::kGraph, i));
    }
    if (header_.quad_order != DumpQuadOrder::kUnspecified) {
      IdQuad key = PermuteForOrder(q, header_.quad_order);
      if (last_quad_ && !(PermuteForOrder(*last_quad_, header_.quad_order) < key)) {
        return absl::DataLossError(
            absl::StrCat("quad ", i, " of the chunk breaks the declared quad order"));
      }
      last_quad_ = q;
    }
    quads_[i] = q;
  }
  quads_total_ += n;
  return absl::OkStatus();
}

absl::Status DumpReader::Impl::ProcessQuadsWithTerms(wire::QuadsWithTerms::Reader message,
                                                     DumpVisitor& visitor) {
  auto quads = message.getQuads();
  term_quads_.clear();
  term_quads_.reserve(quads.size());
  for (unsigned i = 0; i < quads.size(); ++i) {
    auto in = quads[i];
    Quad q;
    wire::Term::Reader wire_terms[4] = {in.getSubject(), in.getPredicate(), in.getObject(),
                                        in.getGraph()};
    Term* terms[4] = {&q.subject, &q.predicate, &q.object, &q.graph};
    for (int k = 0; k < 4; ++k) {
      absl::StatusOr<DumpTermView> term = TermFromWire(wire_terms[k], nullptr);
      if (!term.ok()) {
        return absl::DataLossError(absl::StrCat("quad ", i, " ",
                                                QuadPositionName(static_cast<QuadPosition>(k)),
                                                ": ", term.status().message()));
      }
      if (term->kind != Term::Kind::kDefaultGraph) {
        if (absl::Status structure = CheckTermStructure(*term); !structure.ok()) {
          return absl::DataLossError(absl::StrCat("quad ", i, ": ", structure.message()));
        }
        PARLEY_RETURN_IF_ERROR(CheckTerm(*term, absl::StrCat("quad ", i)));
      }
      *terms[k] = term->ToTerm();
    }
    if (options_.check_positions) {
      absl::Status shape = CheckQuadShape(q);
      if (!shape.ok()) {
        return absl::InvalidArgumentError(absl::StrCat("quad ", i, ": ", shape.message()));
      }
    }
    term_quads_.push_back(std::move(q));
  }
  quads_total_ += quads.size();
  if (term_quads_.empty()) return absl::OkStatus();
  return Visit(visitor.OnQuadsWithTerms(term_quads_));
}

absl::Status DumpReader::Impl::ProcessFooter(wire::Footer::Reader f) {
  footer_seen_ = true;
  const uint64_t terms = next_term_id_ - 1;
  const uint64_t messages = message_number_ - 1;
  if (f.getQuadCount() != quads_total_) {
    return absl::DataLossError(absl::StrCat("the footer counts ", f.getQuadCount(),
                                            " quads; the dump has ", quads_total_));
  }
  if (f.getTermCount() != terms) {
    return absl::DataLossError(
        absl::StrCat("the footer counts ", f.getTermCount(), " terms; the dump has ", terms));
  }
  if (f.getMessageCount() != messages) {
    return absl::DataLossError(absl::StrCat("the footer counts ", f.getMessageCount(),
                                            " messages before it; the dump has ", messages));
  }
  if (header_.quad_count && *header_.quad_count != quads_total_) {
    return absl::DataLossError(absl::StrCat("the header declares ", *header_.quad_count,
                                            " quads; the dump has ", quads_total_));
  }
  if (header_.term_count && *header_.term_count != terms) {
    return absl::DataLossError(
        absl::StrCat("the header declares ", *header_.term_count, " terms; the dump has ", terms));
  }
  footer_.quad_count = quads_total_;
  footer_.term_count = terms;
  footer_.message_count = messages;
  footer_.checksum = f.getChecksum();
  footer_.has_checksum = f.getChecksumKind() == wire::ChecksumKind::XXH3;
  if (footer_.has_checksum && f.getChecksum() != digest_before_) {
    return absl::DataLossError(absl::StrFormat(
        "checksum mismatch: the footer says %016x, the stream before it hashes to %016x",
        f.getChecksum(), digest_before_));
  }
  if (!footer_.has_checksum && options_.require_checksum) {
    return absl::DataLossError(absl::StrCat("the footer has no XXH3 checksum (kind ",
                                            static_cast<int>(f.getChecksumKind()), ")"));
  }
  return absl::OkStatus();
}

// DumpReader -----------------------------------------------------------------

DumpReader::DumpReader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
DumpReader::~DumpReader() = default;

absl::StatusOr<std::unique_ptr<DumpReader>> DumpReader::Open(std::string_view path,
                                                             DumpReaderOptions options) {
  PARLEY_ASSIGN_OR_RETURN(std::unique_ptr<DumpInput> input, DumpInput::FromPath(path));
  return std::unique_ptr<DumpReader>(
      new DumpReader(std::make_unique<Impl>(std::move(input), std::string(path), options)));
}

std::unique_ptr<DumpReader> DumpReader::FromFd(int fd, DumpReaderOptions options) {
  return std::unique_ptr<DumpReader>(
      new DumpReader(std::make_unique<Impl>(DumpInput::FromFd(fd), "", options)));
}

std::unique_ptr<DumpReader> DumpReader::FromBuffer(std::string_view bytes,
                                                   DumpReaderOptions options) {
  return std::unique_ptr<DumpReader>(
      new DumpReader(std::make_unique<Impl>(DumpInput::FromBuffer(bytes), "", options)));
}

std::unique_ptr<DumpReader> DumpReader::FromByteSource(
    std::unique_ptr<engine::io::ByteSource> source, DumpReaderOptions options) {
  PARLEY_CHECK(source != nullptr);
  const engine::io::ByteSource* raw = source.get();
  std::string name = source->name();
  auto reader = std::unique_ptr<DumpReader>(new DumpReader(
      std::make_unique<Impl>(DumpInput::FromByteSource(std::move(source)), name, options)));
  reader->byte_source_ = raw;
  return reader;
}

const engine::io::ByteSource* DumpReader::byte_source() const { return byte_source_; }

absl::Status DumpReader::Read(DumpVisitor& visitor) { return impl_->Read(visitor); }

bool IsDamagedDumpSignature(std::string_view head) {
  if (head.size() < kDumpSignatureUnpacked.size()) return false;
  head = head.substr(0, kDumpSignatureUnpacked.size());
  if (head == kDumpSignatureUnpacked || head == kDumpSignaturePacked) return false;
  for (std::string_view signature : {kDumpSignatureUnpacked, kDumpSignaturePacked}) {
    size_t differ = 0;
    for (size_t i = 0; i < signature.size(); ++i) differ += head[i] != signature[i];
    if (differ <= 2) return true;
  }
  return false;
}

absl::Status ReadDumpFile(std::string_view path, DumpVisitor& visitor, DumpReaderOptions options) {
  PARLEY_ASSIGN_OR_RETURN(std::unique_ptr<DumpReader> reader, DumpReader::Open(path, options));
  return reader->Read(visitor);
}

}  // namespace parley::schema
