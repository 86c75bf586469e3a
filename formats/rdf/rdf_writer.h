// Writers of N-Triples, N-Quads, Turtle and TriG.
//
// N-Triples / N-Quads: one statement per line in canonical form (ECHAR for
// \b \t \n \f \r \" \\, \u00XX for other controls, UTF-8 otherwise), which
// ReadRdf reads back to the same terms. Turtle / TriG (turtle_writer.h):
// serd's abbreviated style: the prefixes first, consecutive statements with
// the same subject (and graph) grouped with ';' and ',', IRIs shortened to
// prefixed names where a prefix applies.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "formats/rdf/byte_sink.h"
#include "formats/rdf/quad_view.h"
#include "formats/rdf/rdf_format.h"
#include "parley/quad.h"

namespace parley::engine::io {

struct WriteOptions {
  RdfFormat format = RdfFormat::kNQuads;
  // Turtle / TriG: (prefix name, namespace IRI) pairs, written in this order.
  std::vector<std::pair<std::string, std::string>> prefixes;
  // N-Triples / Turtle: write a named-graph quad as a triple instead of
  // failing with InvalidArgument.
  bool drop_graphs = false;
};

// Not thread-safe. Call Finish() once at the end: it completes the document
// and flushes (and finishes the compressed stream of) the sink.
class RdfWriter {
 public:
  virtual ~RdfWriter() = default;

  // Writes to `path` ("-": stdout), compressed by its extension (.gz, .zst).
  static absl::StatusOr<std::unique_ptr<RdfWriter>> Open(std::string_view path,
                                                         const WriteOptions& options);
  static std::unique_ptr<RdfWriter> ToSink(std::unique_ptr<ByteSink> sink,
                                           const WriteOptions& options);
  static std::unique_ptr<RdfWriter> ToCallback(std::function<absl::Status(std::string_view)> write,
                                               const WriteOptions& options,
                                               Compression compression = Compression::kNone);

  // InvalidArgument for a term of the wrong kind in a position (a literal
  // subject, a non-IRI predicate, a literal or default graph object...) or
  // a named graph in a format without graphs (unless drop_graphs).
  virtual absl::Status Write(const QuadView& quad) = 0;
  absl::Status Write(const Quad& quad) { return Write(QuadView::Of(quad)); }
  virtual absl::Status Finish() = 0;

  uint64_t statements() const { return statements_; }

 protected:
  // Checks term kinds per position and the graph against the format; sets
  // *graph to the graph to write (the default graph when dropped).
  absl::Status Check(const QuadView& quad, const WriteOptions& options, TermView* graph) const;

  uint64_t statements_ = 0;
};

// Appends `term` in N-Triples syntax (nothing for the default graph):
// rdf::AppendNTriplesTerm, the printer Quad::ToNQuads uses too.
void AppendNTriplesTerm(const TermView& term, std::string* out);

}  // namespace parley::engine::io
