// Reads a Parley dump (schema/dump.capnp, docs/dump-format.md) message by
// message and hands its contents to a DumpVisitor.
//
// The reader finds zstd and the packed framing by their magic bytes, checks
// every rule of the format (ids introduced before use, term syntax via
// Term::Validate(), kinds fit quad positions, declared orders, footer totals
// and checksum, nothing after the footer) and turns every failure, Cap'n
// Proto's exceptions included, into an absl::Status that says what and
// where: "<file>: message 3 (chunk) at stream byte 1234: ...". Stream bytes
// count after zstd decompression.
//
// Memory: one message at a time (at most options.max_message_bytes, terms
// handed out as views into it), plus one byte per term of the dump (its
// kind, for the position checks) and the datatype IRIs.
//
// Callbacks see data that was checked so far; the footer's totals and
// checksum are verified before OnFooter, so a loader should commit only
// after Read() returned OK.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "formats/dump/dump_format.h"
#include "formats/rdf/byte_source.h"
#include "parley/quad.h"
#include "parley/term.h"

namespace parley::schema {

class DumpInput;

// Receives a dump in stream order: OnHeader once, then for each chunk
// OnTerms (if it introduces terms) and OnQuads (if it has quads), for each
// quadsWithTerms message OnQuadsWithTerms, and OnFooter once. The spans are
// valid only during the call. A non-OK return stops Read(), which returns
// that status.
class DumpVisitor {
 public:
  virtual ~DumpVisitor() = default;
  virtual absl::Status OnHeader(const DumpHeader& header);
  // terms[i] has the dump-local id first_id + i (ids start at 1; 0 is the
  // default graph). The views point into the message: copy what must
  // outlive the call (DumpTermView::ToTerm(), AppendTermKey()).
  virtual absl::Status OnTerms(uint64_t first_id, std::span<const DumpTermView> terms);
  // Quads of dump-local ids; graph == kDefaultGraphId is the default graph.
  virtual absl::Status OnQuads(std::span<const IdQuad> quads);
  virtual absl::Status OnQuadsWithTerms(std::span<const Quad> quads);
  virtual absl::Status OnFooter(const DumpFooter& footer);
};

struct DumpReaderOptions {
  // Term::Validate() on every term. Default: on.
  bool validate_terms = true;
  // Check that quad positions hold fitting kinds (costs one byte per term).
  bool check_positions = true;
  // Larger messages are an error (before any of it is allocated).
  uint64_t max_message_bytes = kDefaultMaxMessageBytes;
  // Reject dumps whose footer says ChecksumKind none (or a newer kind).
  bool require_checksum = false;
};

class DumpReader {
 public:
  static absl::StatusOr<std::unique_ptr<DumpReader>> Open(std::string_view path,
                                                          DumpReaderOptions options = {});
  // Reads from the current offset of `fd`, which stays open and the caller's.
  static std::unique_ptr<DumpReader> FromFd(int fd, DumpReaderOptions options = {});
  // `bytes` must outlive the reader.
  static std::unique_ptr<DumpReader> FromBuffer(std::string_view bytes,
                                                DumpReaderOptions options = {});
  // Reads what `source` delivers: it has already undone gzip or zstd, and
  // its bytes_consumed() / total_bytes() can drive a progress bar while
  // Read() runs (same thread, e.g. from a visitor callback).
  static std::unique_ptr<DumpReader> FromByteSource(std::unique_ptr<engine::io::ByteSource> source,
                                                    DumpReaderOptions options = {});
  // The source given to FromByteSource, nullptr otherwise.
  const engine::io::ByteSource* byte_source() const;
  ~DumpReader();
  DumpReader(const DumpReader&) = delete;
  DumpReader& operator=(const DumpReader&) = delete;

  // Reads the whole dump. Call once.
  absl::Status Read(DumpVisitor& visitor);

 private:
  class Impl;
  explicit DumpReader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
  const engine::io::ByteSource* byte_source_ = nullptr;
};

// True when `head`, a stream's first bytes (at least 8 of them), is not a
// dump's signature but differs from one in at most two bytes: a damaged
// dump rather than a file in another format. (Read() says which of the two
// it found.)
bool IsDamagedDumpSignature(std::string_view head);

// Open(path) + Read(visitor).
absl::Status ReadDumpFile(std::string_view path, DumpVisitor& visitor,
                          DumpReaderOptions options = {});

}  // namespace parley::schema
