// Turns terms and quads into the messages of a dump (schema/dump.capnp) and
// writes them to a DumpOutput. DumpWriter decides which terms and quads go
// together; DumpEncoder decides the bytes: it sizes each message so that it
// is one segment, splits a run of terms over several chunks when it exceeds
// the chunk size, numbers terms and datatypes, and counts messages.
// Internal to schema/.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "capnp/common.h"
#include "capnp/message.h"
#include "formats/dump/dump_format.h"
#include "formats/dump/dump_output.h"
#include "parley/quad.h"

namespace parley::schema {

class DumpEncoder {
 public:
  // `out` must outlive the encoder. Chunks aim at `chunk_bytes` of terms.
  DumpEncoder(DumpOutput* out, size_t chunk_bytes) : out_(out), chunk_bytes_(chunk_bytes) {}

  // The signature, then the header message (header.packed / zstd unused).
  absl::Status WriteHeader(const DumpHeader& header);

  // Introduces `terms` (the next ids, in order) and then writes `quads`,
  // whose ids may refer to them: one chunk, or several when the terms need
  // more than chunk_bytes (the quads go with the last). REQUIRES: the
  // terms passed CheckTermStructure.
  absl::Status WriteChunks(std::span<const DumpTermView> terms, std::span<const IdQuad> quads);

  // One quadsWithTerms message.
  absl::Status WriteQuadsWithTerms(std::span<const Quad> quads);

  // The footer, with the checksum of everything written before it, and
  // closes the output. `quads`: the total of both forms.
  absl::StatusOr<DumpFooter> WriteFooter(uint64_t quads);

  // Words a quad takes in a quadsWithTerms message (for sizing them).
  static size_t QuadWithTermsWords(const Quad& quad);
  // Words a term takes in a chunk, its datatype IRI not included.
  static size_t TermWords(const DumpTermView& term);

  uint64_t terms_written() const { return next_term_id_ - 1; }

 private:
  absl::Status WriteChunk(std::span<const DumpTermView> terms,
                          const std::vector<std::string>& datatypes, std::span<const IdQuad> quads,
                          size_t words);
  absl::Status Write(capnp::MessageBuilder& message);
  // A zeroed first segment of `words` words, reused from message to message
  // (capnp zeroes what it used when the builder dies).
  kj::ArrayPtr<capnp::word> Scratch(size_t words);

  DumpOutput* out_;
  size_t chunk_bytes_;
  absl::flat_hash_map<std::string, uint32_t> datatype_ids_;
  uint64_t next_term_id_ = 1;
  uint32_t next_datatype_id_ = 1;
  uint64_t messages_ = 0;
  std::unique_ptr<capnp::word[]> scratch_;
  size_t scratch_words_ = 0;
};

}  // namespace parley::schema
