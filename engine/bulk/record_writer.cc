#include "engine/bulk/record_writer.h"

#include <cstring>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "engine/bulk/bulk_term_key.h"
#include "engine/status_macros.h"

namespace parley::engine {
namespace {

// Record sizes are 32-bit (engine/bulk/bulk_records.h).
constexpr size_t kMaxTermKeySize = 0xFFFFFFFF;

absl::Status KindError(std::string_view position, std::string_view expected, const TermView& term) {
  return absl::InvalidArgumentError(
      absl::StrCat("the ", std::string(position), " must be ", std::string(expected), ", not ",
                   term.kind == Term::Kind::kDefaultGraph ? std::string("the default graph")
                                                          : term.ToTerm().ToNTriples()));
}

}  // namespace

RecordWriter::RecordWriter(uint64_t nonce, bool keep_blank_labels)
    : nonce_(nonce), keep_blank_labels_(keep_blank_labels) {
  SetBlankPrefix();
}

void RecordWriter::NewBlankNodeScope() {
  ++scope_;
  SetBlankPrefix();
}

void RecordWriter::SetBlankPrefix() {
  if (keep_blank_labels_) return;
  blank_prefix_ = absl::StrFormat("b%016x_%d_", nonce_, scope_);
}

absl::Status RecordWriter::AddQuad(const QuadView& q, RecordBatch* batch) const {
  if (q.subject.kind != Term::Kind::kIri && q.subject.kind != Term::Kind::kBlankNode) {
    return KindError("subject", "an IRI or a blank node", q.subject);
  }
  if (q.predicate.kind != Term::Kind::kIri) return KindError("predicate", "an IRI", q.predicate);
  if (q.object.kind == Term::Kind::kDefaultGraph) {
    return KindError("object", "an IRI, a blank node or a literal", q.object);
  }
  if (q.graph.kind == Term::Kind::kLiteral) {
    return KindError("graph", "the default graph, an IRI or a blank node", q.graph);
  }
  PARLEY_RETURN_IF_ERROR(CheckTerm(q.subject, "subject"));
  PARLEY_RETURN_IF_ERROR(CheckTerm(q.predicate, "predicate"));
  PARLEY_RETURN_IF_ERROR(CheckTerm(q.object, "object"));
  PARLEY_RETURN_IF_ERROR(CheckTerm(q.graph, "graph"));
  const size_t size = 1 + 4 * sizeof(uint32_t) + TermSize(q.subject) + TermSize(q.predicate) +
                      TermSize(q.object) + TermSize(q.graph);
  char* const start = batch->Reserve(size);
  char* out = start;
  *out++ = kQuadRecord;
  out = WriteTerm(q.subject, out);
  out = WriteTerm(q.predicate, out);
  out = WriteTerm(q.object, out);
  out = WriteTerm(q.graph, out);
  batch->size += static_cast<size_t>(out - start);
  return absl::OkStatus();
}

absl::Status RecordWriter::AddDefinition(uint64_t local_id, const TermView& term,
                                         RecordBatch* batch) const {
  if (term.kind == Term::Kind::kDefaultGraph) {
    return absl::InvalidArgumentError(
        absl::StrCat("local id ", local_id, ": only local id 0 is the default graph"));
  }
  PARLEY_RETURN_IF_ERROR(CheckTerm(term, "term"));
  char* const start = batch->Reserve(1 + sizeof(uint64_t) + sizeof(uint32_t) + TermSize(term));
  char* out = start;
  *out++ = kDefineRecord;
  out = PutU64(local_id, out);
  out = WriteTerm(term, out);
  batch->size += static_cast<size_t>(out - start);
  return absl::OkStatus();
}

void RecordWriter::AddLocalQuads(std::span<const IdQuad> quads, RecordBatch* batch) {
  char* out = batch->Reserve(quads.size() * kLocalQuadRecordSize);
  for (const IdQuad& q : quads) {
    *out++ = kLocalQuadRecord;
    for (uint64_t id : {q.subject, q.predicate, q.object, q.graph}) out = PutU64(id, out);
  }
  batch->size += quads.size() * kLocalQuadRecordSize;
}

// What the encoder cannot check from a term key: blank node labels (it sees
// them renamed) and 0x00 in a datatype or language tag (which would move the
// key's split).
absl::Status RecordWriter::CheckTerm(const TermView& term, std::string_view position) const {
  if (TermSize(term) > kMaxTermKeySize) {
    return absl::InvalidArgumentError(
        absl::StrCat("the ", std::string(position), " is longer than 4 GiB"));
  }
  absl::Status status;
  if (term.kind == Term::Kind::kBlankNode) {
    status = ValidateBlankLabel(term.value);
  } else if (HasNulInTagOrDatatype(term)) {
    status = term.ToTerm().Validate();
  }
  if (status.ok()) return status;
  return absl::InvalidArgumentError(
      absl::StrCat("invalid ", std::string(position), ": ", status.message()));
}

size_t RecordWriter::TermSize(const TermView& term) const {
  if (term.kind == Term::Kind::kDefaultGraph) return 0;
  if (term.kind == Term::Kind::kBlankNode) return 1 + blank_prefix_.size() + term.value.size();
  return TermKeySize(term);
}

char* RecordWriter::WriteTerm(const TermView& term, char* out) const {
  const size_t size = TermSize(term);
  out = PutU32(static_cast<uint32_t>(size), out);
  if (term.kind == Term::Kind::kDefaultGraph) return out;
  if (term.kind != Term::Kind::kBlankNode) return WriteTermKey(term, out);
  *out++ = 'B';
  std::memcpy(out, blank_prefix_.data(), blank_prefix_.size());
  out += blank_prefix_.size();
  std::memcpy(out, term.value.data(), term.value.size());
  return out + term.value.size();
}

}  // namespace parley::engine
