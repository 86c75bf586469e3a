#include "formats/rdf/rdf_writer.h"

#include "engine/status_macros.h"
#include "formats/rdf/str_cat.h"
#include "formats/rdf/turtle_writer.h"
#include "rdf/ntriples.h"

namespace parley::engine::io {
namespace {

constexpr size_t kFlushSize = size_t{1} << 16;

class LineWriter final : public RdfWriter {
 public:
  LineWriter(std::unique_ptr<ByteSink> sink, WriteOptions options)
      : sink_(std::move(sink)), options_(std::move(options)) {}

  absl::Status Write(const QuadView& quad) override {
    TermView graph;
    PARLEY_RETURN_IF_ERROR(Check(quad, options_, &graph));
    AppendNTriplesTerm(quad.subject, &buffer_);
    buffer_.push_back(' ');
    AppendNTriplesTerm(quad.predicate, &buffer_);
    buffer_.push_back(' ');
    AppendNTriplesTerm(quad.object, &buffer_);
    if (graph.kind != Term::Kind::kDefaultGraph) {
      buffer_.push_back(' ');
      AppendNTriplesTerm(graph, &buffer_);
    }
    buffer_.append(" .\n");
    ++statements_;
    if (buffer_.size() >= kFlushSize) {
      PARLEY_RETURN_IF_ERROR(sink_->Write(buffer_));
      buffer_.clear();
    }
    return absl::OkStatus();
  }

  absl::Status Finish() override {
    PARLEY_RETURN_IF_ERROR(sink_->Write(buffer_));
    buffer_.clear();
    return sink_->Finish();
  }

 private:
  std::unique_ptr<ByteSink> sink_;
  WriteOptions options_;
  std::string buffer_;
};

}  // namespace

void AppendNTriplesTerm(const TermView& term, std::string* out) {
  rdf::AppendNTriplesTerm(term.kind, term.value, term.datatype, term.language, out);
}

absl::Status RdfWriter::Check(const QuadView& quad, const WriteOptions& options,
                              TermView* graph) const {
  using Kind = Term::Kind;
  if (quad.subject.kind != Kind::kIri && quad.subject.kind != Kind::kBlankNode) {
    return absl::InvalidArgumentError("a subject must be an IRI or a blank node");
  }
  if (quad.predicate.kind != Kind::kIri) {
    return absl::InvalidArgumentError("a predicate must be an IRI");
  }
  if (quad.object.kind == Kind::kDefaultGraph) {
    return absl::InvalidArgumentError("an object must be an IRI, a blank node or a literal");
  }
  if (quad.graph.kind == Kind::kLiteral) {
    return absl::InvalidArgumentError("a graph name must be an IRI or a blank node");
  }
  *graph = quad.graph;
  if (quad.graph.kind != Kind::kDefaultGraph && !RdfFormatHasGraphs(options.format)) {
    if (!options.drop_graphs) {
      return absl::InvalidArgumentError(
          Cat("a quad in the named graph ", quad.graph.kind == Kind::kIri ? "<" : "_:",
              quad.graph.value, quad.graph.kind == Kind::kIri ? ">" : "", " cannot be written as ",
              RdfFormatName(options.format), " (drop graphs, or use N-Quads or TriG)"));
    }
    *graph = TermView();
  }
  return absl::OkStatus();
}

std::unique_ptr<RdfWriter> RdfWriter::ToSink(std::unique_ptr<ByteSink> sink,
                                             const WriteOptions& options) {
  if (options.format == RdfFormat::kNTriples || options.format == RdfFormat::kNQuads) {
    return std::make_unique<LineWriter>(std::move(sink), options);
  }
  return NewTurtleWriter(std::move(sink), options);
}

absl::StatusOr<std::unique_ptr<RdfWriter>> RdfWriter::Open(std::string_view path,
                                                           const WriteOptions& options) {
  PARLEY_ASSIGN_OR_RETURN(std::unique_ptr<ByteSink> sink, ByteSink::Open(path));
  return ToSink(std::move(sink), options);
}

std::unique_ptr<RdfWriter> RdfWriter::ToCallback(
    std::function<absl::Status(std::string_view)> write, const WriteOptions& options,
    Compression compression) {
  return ToSink(ByteSink::ForCallback(std::move(write), compression), options);
}

}  // namespace parley::engine::io
