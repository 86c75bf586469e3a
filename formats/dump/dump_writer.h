// Writes a Parley dump: schema/dump.capnp, specified in docs/dump-format.md.
//
// Three ways to feed a DumpWriter, each deterministic (the same sequence of
// calls with the same options gives byte-identical output):
//  - Add(quad): the writer gives terms dump-local ids itself (a hash map
//    Term -> id over the whole dump), for programs that produce quads.
//  - AddTermKey(key) / AddLocalQuads(quads): the caller numbers terms
//    itself. Each AddTermKey introduces one term (given as a term key) with
//    the next dump-local id (1, 2, 3, ... in call order); quads come in
//    those dump-local ids. No map, no hashing, quads copied in bulk: the
//    fastest path, for an exporter that can number its terms (Parley's
//    database export numbers them in dictionary id order).
//  - AddWithTerms(quad): the producer-friendly form (quadsWithTerms
//    messages), no ids at all.
// Add and AddTermKey/AddLocalQuads each number terms their own way,
// so one dump uses only one of them; AddWithTerms mixes with any, and
// messages follow the order of calls.
//
// Chunks (all id modes): the quads pending close a chunk after
// options.chunk_quads of them; the terms introduced since the last chunk
// close one when they reach options.chunk_quads terms or about
// options.chunk_bytes. A chunk holds its new terms first, then its quads, so
// a term introduced before a quad that uses it is always written before it.
//
// Errors: a call that rejects its input (InvalidArgument: a malformed term,
// a literal subject, an id not introduced yet, Add after AddTermKey)
// changes nothing and the writer stays usable. Any other error (I/O, a
// broken declared order) is sticky: every later call returns
// it. A dump without Finish() has no footer, and readers reject it as
// truncated.
//
// Thread safety: none; one thread at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "formats/dump/dump_format.h"
#include "parley/quad.h"
#include "parley/term.h"

namespace parley::schema {

class DumpOutput;

// Term keys (the byte form of engine/layout/term_codec.h: what a database's
// id -> term column family holds) in one buffer, so that an exporter hands
// over a batch without building a Term or allocating per term.
class TermKeyBatch {
 public:
  void Add(std::string_view key) {
    bytes_.append(key);
    ends_.push_back(bytes_.size());
  }
  size_t size() const { return ends_.size(); }
  std::string_view key(size_t i) const {
    size_t begin = i == 0 ? 0 : ends_[i - 1];
    return std::string_view(bytes_).substr(begin, ends_[i] - begin);
  }
  void Clear() {
    bytes_.clear();
    ends_.clear();
  }

 private:
  std::string bytes_;
  std::vector<size_t> ends_;
};

struct DumpWriterOptions {
  bool packed = false;  // Cap'n Proto packing, message by message
  bool zstd = false;    // one zstd stream around everything
  int zstd_level = 3;

  // A chunk message closes after this many quads (default 64 Ki quads, 2 MiB
  // of ids), or earlier when its new terms reach about chunk_bytes; terms
  // that need more room spill into chunks of their own before the quads.
  // chunk_quads in [1, 512 Ki], chunk_bytes in [1 KiB, 32 MiB].
  size_t chunk_quads = size_t{1} << 16;
  size_t chunk_bytes = size_t{4} << 20;

  std::string producer = "parley";
  std::vector<std::pair<std::string, std::string>> prefixes{};  // (name, IRI)

  // Written into the header when known; Finish() fails if the dump differs.
  std::optional<uint64_t> quad_count{};
  std::optional<uint64_t> term_count{};

  // Promises written into the header and checked on every quad / term:
  // a quad (or term) that breaks them is a sticky error.
  DumpQuadOrder quad_order = DumpQuadOrder::kUnspecified;
  DumpTermOrder term_order = DumpTermOrder::kUnspecified;

  // Term::Validate() on every term when it is first written. A database
  // exporter whose terms were validated on the way in may turn this off.
  // What the format cannot represent is rejected either way (a literal
  // subject, rdf:langString without a tag, U+0000 in a datatype IRI, ...).
  bool validate_terms = true;
};

class DumpWriter {
 public:
  // Creates or truncates `path`. Writes the header at once.
  static absl::StatusOr<std::unique_ptr<DumpWriter>> Create(std::string_view path,
                                                            DumpWriterOptions options);
  // Writes to `fd` from its current offset; the caller keeps and closes it.
  static absl::StatusOr<std::unique_ptr<DumpWriter>> CreateForFd(int fd, DumpWriterOptions options);
  // Appends to *out, which must outlive the writer.
  static absl::StatusOr<std::unique_ptr<DumpWriter>> CreateInMemory(std::string* out,
                                                                    DumpWriterOptions options);
  ~DumpWriter();
  DumpWriter(const DumpWriter&) = delete;
  DumpWriter& operator=(const DumpWriter&) = delete;

  // Id-assigning path: the writer numbers terms in first-use order.
  absl::Status Add(const Quad& quad);

  // Caller-numbered path. Introduces the term whose engine/layout/term_codec.h
  // key is `key`, as dump-local id terms_introduced() + 1 (the key is
  // copied). InvalidArgument for a key that does not parse or a term that
  // fails the checks (CheckTermStructure; Term::Validate when
  // options.validate_terms). The caller must not introduce a term twice:
  // the writer does not look (readers and Parley's loader do).
  absl::Status AddTermKey(std::string_view key);
  // AddTermKey for each key of the batch, in order; stops at the first
  // rejected key (the keys before it stay introduced).
  absl::Status AddTermKeys(const TermKeyBatch& keys);
  // Appends quads in dump-local ids: subject, predicate and object in
  // [1, terms_introduced()], graph 0 (the default graph) or in that range.
  // InvalidArgument, and nothing appended, when any quad breaks that.
  absl::Status AddLocalQuads(std::span<const IdQuad> quads);

  // Producer-friendly path.
  absl::Status AddWithTerms(const Quad& quad);

  // Writes what is pending as complete messages (not needed before Finish).
  absl::Status Flush();
  // Flushes, writes the footer and closes the output. Call once.
  absl::StatusOr<DumpFooter> Finish();

  uint64_t quads_added() const;
  uint64_t terms_introduced() const;

 private:
  class Impl;
  static absl::StatusOr<std::unique_ptr<DumpWriter>> Start(
      absl::StatusOr<std::unique_ptr<DumpOutput>> out, DumpWriterOptions options);
  explicit DumpWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace parley::schema
