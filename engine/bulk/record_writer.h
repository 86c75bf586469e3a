// The caller's side of a bulk load: statements become the records of
// engine/bulk/bulk_records.h in a RecordBatch, after the checks the encoder
// cannot make from a term key (term kinds by position, blank node labels,
// 0x00 in a datatype or language tag), with blank node labels renamed into
// the load's current scope: b<nonce, 16 hex>_<scope>_<label>.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "absl/status/status.h"
#include "engine/bulk/bulk_records.h"
#include "engine/term_view.h"
#include "parley/quad.h"

namespace parley::engine {

// Not thread-safe: the loader's caller thread owns it.
class RecordWriter {
 public:
  // `nonce` tells this load's blank nodes from every other load's. With
  // `keep_blank_labels`, labels are stored as given (scopes do nothing).
  RecordWriter(uint64_t nonce, bool keep_blank_labels);

  // From now on, a blank node label names a node distinct from those of
  // earlier scopes.
  void NewBlankNodeScope();

  // Appends a 'Q' record. InvalidArgument, and nothing appended, when a
  // position holds the wrong kind of term or a term is invalid (see
  // BulkLoader::Add).
  absl::Status AddQuad(const QuadView& quad, RecordBatch* batch) const;

  // Appends a 'D' record. InvalidArgument, and nothing appended, for the
  // default graph or an invalid term.
  absl::Status AddDefinition(uint64_t local_id, const TermView& term, RecordBatch* batch) const;

  // Appends an 'L' record per quad (the encoder checks local ids).
  static void AddLocalQuads(std::span<const IdQuad> quads, RecordBatch* batch);
  static constexpr size_t kLocalQuadRecordSize = 1 + 4 * sizeof(uint64_t);

 private:
  void SetBlankPrefix();
  absl::Status CheckTerm(const TermView& term, std::string_view position) const;
  size_t TermSize(const TermView& term) const;
  char* WriteTerm(const TermView& term, char* out) const;

  const uint64_t nonce_;
  const bool keep_blank_labels_;
  uint64_t scope_ = 0;
  std::string blank_prefix_;
};

}  // namespace parley::engine
