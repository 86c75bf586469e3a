// libFuzzer target: ReadRdf (N-Triples, N-Quads, Turtle, TriG) over arbitrary
// bytes. Any input must end in a status, never a crash or a sanitizer report,
// and the reader's contract must hold (the checks below trap otherwise).
//
// Input layout: one control byte, then the document.
//
//   bits 0-1  format: 0 N-Triples, 1 N-Quads, 2 Turtle, 3 TriG
//   bit 2     also read in lenient mode
//   bit 3     also read the document compressed (bit 4: zstd, else gzip)
//   bit 5     base IRI http://example.org/base/ (without it, strings have
//             no base and a relative IRI is an error)
//   bit 6     target graph <http://example.org/graph> for default-graph
//             statements
//   bit 7     the source hands the reader 7 bytes per Read() call (as a
//             pipe may), not all at once
//
// A document that starts with a gzip or zstd magic number goes through
// ByteSource::FromString, which decompresses it, so damaged compressed
// streams are fuzzed too. Others are read from a plain in-memory source:
// FromString allocates and zero-fills a 1 MiB buffer per source, as
// ReadRdf does for its own, and the page faults of those two dominate a
// run (a mebibyte a read is more than the longest input).
//
// Contracts checked (rdf_reader.h):
// - every delivered statement is well formed (Term::Validate(), and each
//   term kind allowed in its position), in both modes;
// - ReadSummary::statements counts what the sink saw, and first_errors
//   holds min(skipped, max_reported_errors) entries;
// - a document the strict reader accepts, the lenient reader accepts with
//   the same statements and nothing skipped;
// - reading the same document compressed, or in small pieces, gives the
//   same outcome.
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "formats/rdf/byte_source.h"
#include "formats/rdf/rdf_reader.h"
#include "parley/quad.h"
#include "parley/term.h"

namespace {

using parley::Quad;
using parley::Term;
using parley::engine::io::ByteSource;
using parley::engine::io::QuadView;
using parley::engine::io::RdfFormat;
using parley::engine::io::ReadOptions;
using parley::engine::io::ReadRdf;
using parley::engine::io::ReadSummary;

constexpr uint8_t kLenient = 1 << 2;
constexpr uint8_t kCompress = 1 << 3;
constexpr uint8_t kZstd = 1 << 4;
constexpr uint8_t kBase = 1 << 5;
constexpr uint8_t kGraph = 1 << 6;
constexpr uint8_t kPieces = 1 << 7;

using parley::engine::io::Compression;
using parley::engine::io::CompressionFromMagic;

// `data` in pieces of `piece` bytes (0: all of it in one piece).
class StringSource : public ByteSource {
 public:
  StringSource(std::string data, size_t piece) : data_(std::move(data)), piece_(piece) {}

  absl::StatusOr<size_t> Read(char* buffer, size_t capacity) override {
    size_t n = std::min(capacity, data_.size() - offset_);
    if (piece_ != 0) n = std::min(n, piece_);
    std::memcpy(buffer, data_.data() + offset_, n);
    offset_ += n;
    return n;
  }
  const std::string& name() const override { return name_; }
  uint64_t bytes_consumed() const override { return offset_; }
  std::optional<uint64_t> total_bytes() const override { return data_.size(); }
  Compression compression() const override { return Compression::kNone; }
  bool is_file() const override { return false; }

 private:
  const std::string name_ = "fuzz";
  std::string data_;
  size_t piece_;
  size_t offset_ = 0;
};

struct Outcome {
  absl::StatusCode code = absl::StatusCode::kOk;
  std::vector<Quad> quads;
  ReadSummary summary;
};

void CheckTerm(const Term& term) {
  if (!term.Validate().ok()) __builtin_trap();
}

void CheckQuad(const Quad& q) {
  if (!q.subject.is_iri() && !q.subject.is_blank_node()) __builtin_trap();
  if (!q.predicate.is_iri()) __builtin_trap();
  if (q.object.is_default_graph()) __builtin_trap();
  if (q.graph.is_literal()) __builtin_trap();
  CheckTerm(q.subject);
  CheckTerm(q.predicate);
  CheckTerm(q.object);
  CheckTerm(q.graph);
}

Outcome Read(std::string bytes, const ReadOptions& options, size_t piece) {
  Outcome outcome;
  std::unique_ptr<ByteSource> source;
  if (CompressionFromMagic(bytes) == Compression::kNone) {
    source = std::make_unique<StringSource>(std::move(bytes), piece);
  } else {
    source = ByteSource::FromString(std::move(bytes), "fuzz");
  }
  auto result = ReadRdf(*source, source->name(), options, [&](const QuadView& view) {
    Quad quad = view.ToQuad();
    CheckQuad(quad);
    outcome.quads.push_back(std::move(quad));
    return absl::OkStatus();
  });
  if (!result.ok()) {
    outcome.code = result.status().code();
    return outcome;
  }
  outcome.summary = *result;
  const ReadSummary& summary = outcome.summary;
  if (summary.statements != outcome.quads.size()) __builtin_trap();
  if (summary.first_errors.size() !=
      std::min<uint64_t>(summary.skipped, options.max_reported_errors)) {
    __builtin_trap();
  }
  if (!options.lenient && summary.skipped != 0) __builtin_trap();
  return outcome;
}

std::optional<std::string> Gzip(std::string_view data) {
  z_stream stream{};
  if (deflateInit2(&stream, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    return std::nullopt;
  }
  std::string out(deflateBound(&stream, data.size()) + 32, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  if (rc != Z_STREAM_END) return std::nullopt;
  return out;
}

std::optional<std::string> Zstd(std::string_view data) {
  std::string out(ZSTD_compressBound(data.size()), '\0');
  size_t n = ZSTD_compress(out.data(), out.size(), data.data(), data.size(), 1);
  if (ZSTD_isError(n)) return std::nullopt;
  out.resize(n);
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint8_t control = data[0];
  const std::string document(reinterpret_cast<const char*>(data) + 1, size - 1);

  ReadOptions options;
  options.format = static_cast<RdfFormat>(control & 3);
  if (control & kBase) options.base_iri = "http://example.org/base/";
  if (control & kGraph) options.graph = Term::Iri("http://example.org/graph");
  options.max_reported_errors = 3;

  const size_t piece = (control & kPieces) ? 7 : 0;
  const Outcome strict = Read(document, options, piece);

  if (control & kLenient) {
    ReadOptions lenient_options = options;
    lenient_options.lenient = true;
    const Outcome lenient = Read(document, lenient_options, 0);
    if (strict.code == absl::StatusCode::kOk) {
      if (lenient.code != absl::StatusCode::kOk || lenient.summary.skipped != 0 ||
          lenient.quads != strict.quads) {
        __builtin_trap();
      }
    }
  }

  // Only a document that is not itself compressed: compressing it again
  // would make the outcomes differ legitimately (one layer is peeled).
  if ((control & kCompress) && CompressionFromMagic(document) == Compression::kNone) {
    std::optional<std::string> packed = (control & kZstd) ? Zstd(document) : Gzip(document);
    if (!packed.has_value()) __builtin_trap();
    const Outcome unpacked = Read(std::move(*packed), options, 0);
    if (unpacked.code != strict.code || unpacked.quads != strict.quads) __builtin_trap();
  }
  return 0;
}
