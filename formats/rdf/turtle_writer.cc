#include "formats/rdf/turtle_writer.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/status_macros.h"
#include "rdf/vocabulary.h"

namespace parley::engine::io {
namespace {

constexpr size_t kFlushSize = size_t{1} << 16;

bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsNameChar(char c) { return IsAlpha(c) || IsDigit(c) || c == '_' || c == '-'; }

bool IsPrefixName(std::string_view name) {
  if (name.empty()) return true;
  if (!IsAlpha(name[0])) return false;
  for (char c : name) {
    if (!IsNameChar(c)) return false;
  }
  return true;
}

// A conservative subset of PN_LOCAL: [A-Za-z0-9_] [A-Za-z0-9_.-]*, not
// ending with '.'; or empty.
bool IsSafeLocalName(std::string_view local) {
  if (local.empty()) return true;
  if (!IsAlpha(local[0]) && !IsDigit(local[0]) && local[0] != '_') return false;
  for (char c : local) {
    if (!IsNameChar(c) && c != '.') return false;
  }
  return local.back() != '.';
}

size_t Digits(std::string_view s, size_t i) {
  size_t start = i;
  while (i < s.size() && IsDigit(s[i])) ++i;
  return i - start;
}

// Whether `lexical` of `datatype` may be written bare (Turtle's INTEGER,
// DECIMAL, DOUBLE, true/false), reading back as the same literal.
bool IsBare(std::string_view lexical, std::string_view datatype) {
  constexpr std::string_view kXsdPrefix = rdf::kXsdNamespace;
  if (datatype.substr(0, kXsdPrefix.size()) != kXsdPrefix) return false;
  std::string_view type = datatype.substr(kXsdPrefix.size());
  if (type == "boolean") return lexical == "true" || lexical == "false";
  size_t i = (!lexical.empty() && (lexical[0] == '+' || lexical[0] == '-')) ? 1 : 0;
  size_t integer = Digits(lexical, i);
  i += integer;
  if (type == "integer") return integer > 0 && i == lexical.size();
  size_t fraction = 0;
  bool dot = i < lexical.size() && lexical[i] == '.';
  if (dot) {
    fraction = Digits(lexical, i + 1);
    i += 1 + fraction;
  }
  if (type == "decimal") return dot && fraction > 0 && i == lexical.size();
  if (type != "double" || integer + fraction == 0) return false;
  if (i >= lexical.size() || (lexical[i] != 'e' && lexical[i] != 'E')) return false;
  ++i;
  if (i < lexical.size() && (lexical[i] == '+' || lexical[i] == '-')) ++i;
  size_t exponent = Digits(lexical, i);
  return exponent > 0 && i + exponent == lexical.size();
}

class TurtleWriter final : public RdfWriter {
 public:
  TurtleWriter(std::unique_ptr<ByteSink> sink, const WriteOptions& options)
      : sink_(std::move(sink)), options_(options), trig_(options.format == RdfFormat::kTrig) {
    for (const auto& [name, iri] : options.prefixes) {
      if (!IsPrefixName(name) || iri.empty()) continue;
      prefixes_.emplace_back(name, iri);
      buffer_.append("@prefix ").append(name).append(": ");
      AppendNTriplesTerm(TermView{Term::Kind::kIri, iri, {}, {}}, &buffer_);
      buffer_.append(" .\n");
    }
    if (!prefixes_.empty()) buffer_.push_back('\n');
  }

  absl::Status Write(const QuadView& quad) override {
    if (finished_) return absl::FailedPreconditionError("RdfWriter::Write after Finish()");
    TermView graph;
    PARLEY_RETURN_IF_ERROR(Check(quad, options_, &graph));
    bool new_graph = trig_ && (!started_ || !Same(graph, graph_));
    if (new_graph) {
      if (started_) buffer_.append(" .\n");
      if (in_block_) buffer_.append("}\n");
      if (started_) buffer_.push_back('\n');
      in_block_ = graph.kind != Term::Kind::kDefaultGraph;
      if (in_block_) {
        AppendTerm(graph);
        buffer_.append(" {\n");
      }
      Remember(graph, &graph_, &graph_value_);
    }
    std::string_view indent = in_block_ ? "\t" : "";
    if (new_graph || !started_ || !Same(quad.subject, subject_)) {
      if (started_ && !new_graph) buffer_.append(" .\n\n");
      buffer_.append(indent);
      AppendTerm(quad.subject);
      buffer_.push_back('\n');
      buffer_.append(indent).push_back('\t');
      AppendPredicate(quad.predicate);
      Remember(quad.subject, &subject_, &subject_value_);
      Remember(quad.predicate, &predicate_, &predicate_value_);
    } else if (!Same(quad.predicate, predicate_)) {
      buffer_.append(" ;\n").append(indent).push_back('\t');
      AppendPredicate(quad.predicate);
      Remember(quad.predicate, &predicate_, &predicate_value_);
    } else {
      buffer_.append(" ,\n").append(indent).append("\t\t");
      AppendTerm(quad.object);
      return Wrote();
    }
    buffer_.push_back(' ');
    AppendTerm(quad.object);
    return Wrote();
  }

  absl::Status Finish() override {
    if (finished_) return absl::OkStatus();
    finished_ = true;
    if (started_) buffer_.append(" .\n");
    if (in_block_) buffer_.append("}\n");
    PARLEY_RETURN_IF_ERROR(sink_->Write(buffer_));
    buffer_.clear();
    return sink_->Finish();
  }

 private:
  static bool Same(const TermView& a, const TermView& b) {
    return a.kind == b.kind && a.value == b.value;
  }

  // Keeps a copy of `term` (only kind and value matter for grouping).
  static void Remember(const TermView& term, TermView* view, std::string* storage) {
    storage->assign(term.value);
    *view = TermView{term.kind, *storage, {}, {}};
  }

  absl::Status Wrote() {
    started_ = true;
    ++statements_;
    if (buffer_.size() < kFlushSize) return absl::OkStatus();
    absl::Status status = sink_->Write(buffer_);
    buffer_.clear();
    return status;
  }

  void AppendPredicate(const TermView& predicate) {
    if (predicate.value == rdf::kRdfType) {
      buffer_.push_back('a');
    } else {
      AppendIri(predicate.value);
    }
  }

  void AppendIri(std::string_view iri) {
    const std::pair<std::string, std::string>* best = nullptr;
    for (const auto& prefix : prefixes_) {
      if (iri.substr(0, prefix.second.size()) == prefix.second &&
          IsSafeLocalName(iri.substr(prefix.second.size())) &&
          (best == nullptr || prefix.second.size() > best->second.size())) {
        best = &prefix;
      }
    }
    if (best == nullptr) {
      AppendNTriplesTerm(TermView{Term::Kind::kIri, iri, {}, {}}, &buffer_);
      return;
    }
    buffer_.append(best->first).push_back(':');
    buffer_.append(iri.substr(best->second.size()));
  }

  void AppendTerm(const TermView& term) {
    if (term.kind == Term::Kind::kIri) return AppendIri(term.value);
    if (term.kind != Term::Kind::kLiteral || !term.language.empty() ||
        term.datatype == kXsdString) {
      return AppendNTriplesTerm(term, &buffer_);
    }
    if (IsBare(term.value, term.datatype)) {
      buffer_.append(term.value);
      return;
    }
    AppendNTriplesTerm(TermView{Term::Kind::kLiteral, term.value, kXsdString, {}}, &buffer_);
    buffer_.append("^^");
    AppendIri(term.datatype);
  }

  std::unique_ptr<ByteSink> sink_;
  WriteOptions options_;
  const bool trig_;
  std::vector<std::pair<std::string, std::string>> prefixes_;
  std::string buffer_;
  bool started_ = false;
  bool finished_ = false;
  bool in_block_ = false;
  TermView graph_, subject_, predicate_;
  std::string graph_value_, subject_value_, predicate_value_;
};

}  // namespace

std::unique_ptr<RdfWriter> NewTurtleWriter(std::unique_ptr<ByteSink> sink,
                                           const WriteOptions& options) {
  return std::make_unique<TurtleWriter>(std::move(sink), options);
}

}  // namespace parley::engine::io
