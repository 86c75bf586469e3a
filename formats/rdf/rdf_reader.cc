#include "formats/rdf/rdf_reader.h"

#include <serd/serd.h>

#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <utility>

#include "engine/status_macros.h"
#include "formats/rdf/line_statement.h"
#include "formats/rdf/statement_splitter.h"
#include "formats/rdf/str_cat.h"
#include "rdf/ascii_classes.h"
#include "rdf/iri.h"
#include "rdf/syntax.h"

namespace parley::engine::io {

using rdf::FileIri;
using rdf::HasScheme;
using rdf::ResolveIri;

std::string SyntaxError::ToString() const {
  return Cat(file, ":", line, ":", column, ": ", message);
}

namespace {

constexpr size_t kChunkSize = size_t{1} << 20;
constexpr size_t kMaxStatementSize = size_t{1} << 30;

std::string_view View(const SerdNode* node) {
  return std::string_view(reinterpret_cast<const char*>(node->buf), node->n_bytes);
}

// A term copied into Reader::arena_ (lenient mode holds a statement's quads
// until the whole statement has parsed).
struct StoredTerm {
  Term::Kind kind;
  size_t value, value_size, datatype, datatype_size, language, language_size;
};

class Reader {
 public:
  Reader(ByteSource& source, std::string_view display_name, const ReadOptions& options,
         absl::FunctionRef<absl::Status(const QuadView&)> sink)
      : source_(source),
        file_(display_name),
        options_(options),
        sink_(sink),
        line_format_(options.format == RdfFormat::kNTriples ||
                     options.format == RdfFormat::kNQuads) {}

  ~Reader() {
    if (serd_ != nullptr) serd_reader_free(serd_);
    if (env_ != nullptr) serd_env_free(env_);
  }

  absl::StatusOr<ReadSummary> Run() {
    if (options_.graph.has_value()) {
      const Term& g = *options_.graph;
      if (!g.is_iri() && !g.is_blank_node()) {
        return absl::InvalidArgumentError("the target graph must be an IRI or a blank node");
      }
      target_graph_ = TermView{g.kind(), g.value(), {}, {}};
    }
    if (!options_.base_iri.empty()) {
      if (!HasScheme(options_.base_iri)) {
        return absl::InvalidArgumentError(
            Cat("the base IRI <", options_.base_iri, "> is not absolute"));
      }
      base_ = options_.base_iri;
    } else if (source_.is_file()) {
      base_ = FileIri(source_.name());
    }
    SerdSyntax syntax = SERD_NQUADS;  // also for N-Triples: see ReadLines()
    if (options_.format == RdfFormat::kTurtle) syntax = SERD_TURTLE;
    if (options_.format == RdfFormat::kTrig) syntax = SERD_TRIG;
    env_ = serd_env_new(nullptr);
    syntax_ = syntax;
    NewSerdReader();
    // A chunk, or less for an uncompressed source known to be smaller
    // (Fill() grows the buffer when a statement does not fit).
    const uint64_t known = source_.compression() == Compression::kNone
                               ? source_.total_bytes().value_or(kChunkSize)
                               : kChunkSize;
    buffer_.resize(std::clamp<uint64_t>(known, 4096, kChunkSize) + 1);
    PARLEY_RETURN_IF_ERROR(line_format_ ? ReadLines() : ReadStatements());
    return std::move(summary_);
  }

 private:
  // Where the text given to serd comes from, to map serd's positions.
  struct Origin {
    uint64_t line = 1;
    uint64_t column = 0;  // 0-based, of the text's byte `prefix`
    size_t prefix = 0;    // synthetic bytes before the source text
    uint64_t header_line = 1, header_column = 0;
  };

  // Fills buffer_[end_, ...) from the source; sets eof_ at the end. Keeps
  // buffer_[begin_, end_) and one spare byte for a NUL terminator.
  absl::Status Fill() {
    if (begin_ > 0) {
      std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
      scan_ -= begin_;
      end_ -= begin_;
      begin_ = 0;
    }
    if (end_ + 1 >= buffer_.size()) {
      if (buffer_.size() > kMaxStatementSize) {
        return Fatal(line_, 1, "line longer than 1 GiB");
      }
      buffer_.resize(buffer_.size() * 2);
    }
    PARLEY_ASSIGN_OR_RETURN(size_t n,
                            source_.Read(buffer_.data() + end_, buffer_.size() - 1 - end_));
    if (n == 0) eof_ = true;
    if (!started_) {
      started_ = true;
      if (n >= 3 && std::memcmp(buffer_.data(), "\xEF\xBB\xBF", 3) == 0) begin_ = scan_ = 3;
    }
    end_ += n;
    return absl::OkStatus();
  }

  absl::Status Fatal(uint64_t line, uint64_t column, std::string message) {
    return absl::InvalidArgumentError(
        SyntaxError{file_, line, column, std::move(message)}.ToString());
  }

  // N-Triples and N-Quads, line by line: serd does not treat line ends as
  // statement ends (P7a), so each line is parsed alone. Both use serd's
  // N-Quads grammar, whose predicate must be an IRIREF (its N-Triples mode
  // goes through the Turtle grammar and accepts `a` and `;`).
  absl::Status ReadLines() {
    while (true) {
      char* data = buffer_.data();
      char* newline = static_cast<char*>(std::memchr(data + scan_, '\n', end_ - scan_));
      if (newline == nullptr && !eof_) {
        scan_ = end_;
        PARLEY_RETURN_IF_ERROR(Fill());
        continue;
      }
      size_t stop = newline != nullptr ? static_cast<size_t>(newline - data) : end_;
      if (stop == begin_ && newline == nullptr) return absl::OkStatus();
      // A lone CR also ends a line (N-Triples' EOL is [#xD#xA]+).
      char* cr = static_cast<char*>(std::memchr(data + begin_, '\r', stop - begin_));
      if (cr != nullptr && static_cast<size_t>(cr - data) + 1 < stop) stop = cr - data;
      data[stop] = '\0';
      PARLEY_RETURN_IF_ERROR(ParseLine(data + begin_, stop - begin_));
      begin_ = scan_ = stop + 1;
      // serd leaves ~190 bytes per read_string call on its stack until the
      // reader is freed (measured: 1.7 GiB for 10M lines); a fresh reader
      // now and then bounds that. Safe for lines: they have no [] or
      // collections whose generated blank labels a new reader would reuse.
      if (++line_ % kLinesPerSerdReader == 0) NewSerdReader();
      if (newline == nullptr && begin_ >= end_) return absl::OkStatus();
    }
  }

  void NewSerdReader() {
    if (serd_ != nullptr) serd_reader_free(serd_);
    serd_ = serd_reader_new(syntax_, this, nullptr, &Reader::OnBase, &Reader::OnPrefix,
                            &Reader::OnStatement, nullptr);
    serd_reader_set_strict(serd_, true);
    serd_reader_set_error_sink(serd_, &Reader::OnError, this);
  }

  absl::Status ParseLine(char* text, size_t size) {
    size_t first = 0;
    while (first < size && (text[first] == ' ' || text[first] == '\t')) ++first;
    if (first == size || text[first] == '#' || (text[first] == '\r' && first + 1 == size)) {
      return absl::OkStatus();
    }
    Origin origin;
    origin.line = origin.header_line = line_;
    BeginPiece(origin);
    if (text[first] != '<' && text[first] != '_') {
      PieceError(line_, first + 1, "expected '<' or '_:' at the start of a statement");
    } else if (std::memchr(text, '\0', size) != nullptr) {
      // serd reads NUL-terminated text: pass NULs in strings as \u0000.
      if (!EscapeNuls(std::string_view(text, size), &line_copy_)) {
        PieceError(line_, 1, "NUL byte outside a string");
      } else {
        ReadOneStatement(line_copy_.data(), line_copy_.size());
      }
    } else {
      ReadOneStatement(text, size);
    }
    // A line that is not blank or a comment holds exactly one statement;
    // serd may end without one and without an error.
    if (!piece_failed_ && piece_statements_ == 0) {
      PieceError(line_, first + 1, "no statement on this line");
    }
    if (!piece_failed_) {
      // Positions are those of the line as read, before EscapeNuls.
      std::string_view line(text, size);
      size_t end = FindStatementEnd(line);
      size_t rest = end == std::string_view::npos ? end : FindTrailingText(line, end);
      if (rest != std::string_view::npos) {
        PieceError(line_, rest + 1, "only white space or a comment may follow the final '.'");
      }
    }
    return EndPiece();
  }

  // Gives serd the NUL-terminated `text` up to the end of its first
  // statement (line_statement.h), so that it reads one statement and its
  // errors come before any about the text after it.
  void ReadOneStatement(char* text, size_t size) {
    size_t end = FindStatementEnd(std::string_view(text, size));
    char saved = '\0';
    if (end != std::string_view::npos) std::swap(saved, text[end]);
    ReadWithSerd(text);
    if (end != std::string_view::npos) text[end] = saved;
  }

  // Has serd read the NUL-terminated `text`. serd fails on some input
  // without calling OnError (e.g. "() ."): a failure is an error even when
  // it left no message.
  void ReadWithSerd(const char* text) {
    serd_text_ = text;
    const SerdStatus status =
        serd_reader_read_string(serd_, reinterpret_cast<const uint8_t*>(text));
    if (status > SERD_FAILURE) StatementError("invalid syntax");
  }

  // serd shows the end of its input as the byte 0xFF ("`\xFF'") or as
  // "escape %FFFFFFFF"; unless the text holds such a byte, say what it is.
  void DescribeEndOfInput(std::string* message) const {
    if (std::strchr(serd_text_, '\xFF') != nullptr) return;
    for (const auto& [raw, meaning] : {std::pair<std::string_view, std::string_view>{
                                           "(escape %FFFFFFFF)", "(the input ends here)"},
                                       {"`\xFF'", "(the input ends here)"},
                                       {"\xFF", "<end of input>"}}) {
      for (size_t at = message->find(raw); at != std::string::npos;
           at = message->find(raw, at + meaning.size())) {
        message->replace(at, raw.size(), meaning);
      }
    }
  }

  // Turtle and TriG, one top-level statement at a time (statement_splitter.h).
  absl::Status ReadStatements() {
    StatementSplitter splitter(options_.format == RdfFormat::kTrig);
    while (true) {
      if (begin_ == end_) {
        if (eof_) break;
        begin_ = end_ = scan_ = 0;
        PARLEY_RETURN_IF_ERROR(Fill());
        continue;
      }
      bool complete = false;
      begin_ += splitter.Feed(std::string_view(buffer_.data() + begin_, end_ - begin_), &complete);
      if (complete) {
        PARLEY_RETURN_IF_ERROR(ParseStatement(splitter));
        splitter.Next();
      } else if (splitter.size() > kMaxStatementSize) {
        return Fatal(splitter.line(), splitter.column() + 1, "statement longer than 1 GiB");
      }
    }
    if (splitter.Finish()) PARLEY_RETURN_IF_ERROR(ParseStatement(splitter));
    return absl::OkStatus();
  }

  absl::Status ParseStatement(const StatementSplitter& splitter) {
    Origin origin{splitter.line(), splitter.column(), splitter.prefix_size(),
                  splitter.header_line(), splitter.header_column()};
    BeginPiece(origin);
    if (splitter.failed()) {
      // What serd would accept, skip silently or crash on: it never sees it.
      PieceError(splitter.error_line(), splitter.error_column(), splitter.error_message());
    } else if (splitter.has_nul()) {
      PieceError(origin.line, origin.column + 1, "NUL byte in the input");
    } else {
      ReadWithSerd(splitter.text());
    }
    return EndPiece();
  }

  void BeginPiece(const Origin& origin) {
    origin_ = origin;
    piece_failed_ = false;
    piece_statements_ = 0;
    arena_.clear();
    stored_.clear();
  }

  // Ends the text given to serd: delivers held statements or reports its error.
  absl::Status EndPiece() {
    if (!sink_status_.ok()) return sink_status_;
    if (piece_failed_) {
      if (!options_.lenient) return absl::InvalidArgumentError(piece_error_.ToString());
      ++summary_.skipped;
      if (summary_.first_errors.size() < options_.max_reported_errors) {
        summary_.first_errors.push_back(std::move(piece_error_));
      }
      return absl::OkStatus();
    }
    for (size_t i = 0; i < stored_.size(); i += 4) {
      QuadView quad{Load(stored_[i]), Load(stored_[i + 1]), Load(stored_[i + 2]),
                    Load(stored_[i + 3])};
      PARLEY_RETURN_IF_ERROR(Deliver(quad));
    }
    return absl::OkStatus();
  }

  absl::Status Deliver(const QuadView& quad) {
    absl::Status status = sink_(quad);
    if (status.ok()) ++summary_.statements;
    return status;
  }

  // Records the piece's first error; `line`/`column` are source positions.
  void PieceError(uint64_t line, uint64_t column, std::string message) {
    if (piece_failed_) return;
    piece_failed_ = true;
    piece_error_ = SyntaxError{file_, line, column, std::move(message)};
  }

  // An error about a whole statement, placed at the statement's start.
  void StatementError(std::string message) {
    PieceError(origin_.line, origin_.column + 1, std::move(message));
  }

  static SerdStatus OnError(void* handle, const SerdError* error) {
    auto* self = static_cast<Reader*>(handle);
    char message[512];
    va_list args;
    va_copy(args, *error->args);
    std::vsnprintf(message, sizeof(message), error->fmt, args);
    va_end(args);
    std::string text(message);
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
    self->DescribeEndOfInput(&text);
    // serd counts from 1 on its first line (the column of the next byte)
    // and from 0 on later lines; the text may start with a synthetic header.
    const Origin& o = self->origin_;
    uint64_t line = o.line, column = 1;
    if (error->line <= 1) {
      uint64_t offset = error->col > 0 ? error->col - 1 : 0;
      if (offset < o.prefix) {
        line = o.header_line;
        column = o.header_column + 1;
      } else {
        column = o.column + (offset - o.prefix) + 1;
      }
    } else {
      line = o.line + error->line - 1;
      column = static_cast<uint64_t>(error->col) + 1;
    }
    self->PieceError(line, column, std::move(text));
    return SERD_SUCCESS;
  }

  static SerdStatus OnBase(void* handle, const SerdNode* uri) {
    auto* self = static_cast<Reader*>(handle);
    std::string_view iri = View(uri);
    if (HasScheme(iri)) {
      self->base_.assign(iri);
    } else if (!self->base_.empty()) {
      std::string resolved;
      ResolveIri(self->base_, iri, &resolved);
      self->base_ = std::move(resolved);
    } else {
      self->StatementError(Cat("relative base IRI <", iri, "> with no base to resolve it"));
      return SERD_ERR_BAD_ARG;
    }
    return SERD_SUCCESS;
  }

  static SerdStatus OnPrefix(void* handle, const SerdNode* name, const SerdNode* uri) {
    auto* self = static_cast<Reader*>(handle);
    std::string_view iri = View(uri);
    std::string resolved;
    if (!HasScheme(iri) && !self->base_.empty()) {
      ResolveIri(self->base_, iri, &resolved);
    } else {
      resolved.assign(iri);
    }
    std::string prefix(View(name));
    return serd_env_set_prefix_from_strings(self->env_,
                                            reinterpret_cast<const uint8_t*>(prefix.c_str()),
                                            reinterpret_cast<const uint8_t*>(resolved.c_str()));
  }

  // An IRI (SERD_URI or SERD_CURIE) made absolute and checked; the result
  // is in `*scratch` unless it is the node's own text.
  bool ConvertIri(const SerdNode* node, std::string* scratch, std::string_view* out) {
    std::string_view iri = View(node);
    if (node->type == SERD_CURIE) {
      if (line_format_) {
        StatementError(Cat("prefixed name ", iri, " in ", RdfFormatName(options_.format)));
        return false;
      }
      SerdChunk prefix, suffix;
      if (serd_env_expand(env_, node, &prefix, &suffix) != SERD_SUCCESS) {
        StatementError(Cat("undefined prefix in ", iri));
        return false;
      }
      scratch->assign(reinterpret_cast<const char*>(prefix.buf), prefix.len);
      scratch->append(reinterpret_cast<const char*>(suffix.buf), suffix.len);
      iri = *scratch;
    }
    if (!HasScheme(iri)) {
      if (base_.empty()) {
        StatementError(Cat("relative IRI <", iri, "> with no base IRI"));
        return false;
      }
      relative_.assign(iri);
      scratch->clear();
      ResolveIri(base_, relative_, scratch);
      iri = *scratch;
    }
    if (!rdf::HasOnlyIriCharacters(iri) || !rdf::IsValidUtf8(iri)) {
      StatementError(Cat("invalid character in IRI <", iri, ">"));
      return false;
    }
    *out = iri;
    return true;
  }

  bool ConvertTerm(const SerdNode* node, const SerdNode* datatype, const SerdNode* language,
                   int slot, TermView* out) {
    switch (node->type) {
      case SERD_URI:
      case SERD_CURIE:
        out->kind = Term::Kind::kIri;
        return ConvertIri(node, &scratch_[slot], &out->value);
      case SERD_BLANK: {
        out->kind = Term::Kind::kBlankNode;
        out->value = View(node);
        // serd takes some labels the grammar forbids (e.g. "_:-x").
        if (rdf::FastLabelOk(out->value)) return true;
        absl::Status valid = Term::BlankNode(std::string(out->value)).Validate();
        if (valid.ok()) return true;
        StatementError(std::string(valid.message()));
        return false;
      }
      case SERD_LITERAL:
        out->kind = Term::Kind::kLiteral;
        out->value = View(node);
        if (!rdf::IsValidUtf8(out->value)) {
          StatementError("a literal that is not valid UTF-8 (a surrogate escape?)");
          return false;
        }
        if (language != nullptr) {
          std::string_view tag = View(language);
          if (!rdf::IsValidLanguageTag(tag)) {
            StatementError(Cat("invalid language tag @", tag));
            return false;
          }
          std::string& lower = scratch_[kLanguageSlot];
          lower.assign(tag);
          rdf::AsciiLowerInPlace(lower);
          out->language = lower;
          out->datatype = kRdfLangString;
          return true;
        }
        out->language = {};
        if (datatype == nullptr) {
          out->datatype = kXsdString;
          return true;
        }
        if (!ConvertIri(datatype, &scratch_[kDatatypeSlot], &out->datatype)) return false;
        if (out->datatype == kRdfLangString) {
          StatementError("a literal of datatype rdf:langString needs a language tag");
          return false;
        }
        return true;
      default:
        StatementError("unexpected node type from serd");
        return false;
    }
  }

  static SerdStatus OnStatement(void* handle, SerdStatementFlags /*flags*/, const SerdNode* graph,
                                const SerdNode* subject, const SerdNode* predicate,
                                const SerdNode* object, const SerdNode* datatype,
                                const SerdNode* language) {
    auto* self = static_cast<Reader*>(handle);
    return self->Statement(graph, subject, predicate, object, datatype, language);
  }

  SerdStatus Statement(const SerdNode* graph, const SerdNode* subject, const SerdNode* predicate,
                       const SerdNode* object, const SerdNode* datatype, const SerdNode* language) {
    if (piece_failed_) return SERD_ERR_BAD_SYNTAX;
    if (line_format_) {
      if (++piece_statements_ > 1) {
        StatementError(
            Cat("more than one statement on a line in ", RdfFormatName(options_.format)));
        return SERD_ERR_BAD_SYNTAX;
      }
      if (graph != nullptr && options_.format == RdfFormat::kNTriples) {
        StatementError("a graph label in N-Triples (use N-Quads)");
        return SERD_ERR_BAD_SYNTAX;
      }
    }
    QuadView quad;
    if (!ConvertTerm(subject, nullptr, nullptr, 0, &quad.subject) ||
        !ConvertTerm(predicate, nullptr, nullptr, 1, &quad.predicate) ||
        !ConvertTerm(object, datatype, language, 2, &quad.object)) {
      return SERD_ERR_BAD_SYNTAX;
    }
    if (graph != nullptr) {
      if (!ConvertTerm(graph, nullptr, nullptr, 3, &quad.graph)) return SERD_ERR_BAD_SYNTAX;
    } else if (target_graph_.has_value()) {
      quad.graph = *target_graph_;
    }
    if (quad.predicate.kind != Term::Kind::kIri) {
      StatementError("a predicate must be an IRI");
      return SERD_ERR_BAD_SYNTAX;
    }
    if (!options_.lenient) {
      sink_status_ = Deliver(quad);
      return sink_status_.ok() ? SERD_SUCCESS : SERD_ERR_UNKNOWN;
    }
    for (const TermView* term : {&quad.subject, &quad.predicate, &quad.object, &quad.graph}) {
      stored_.push_back(Store(*term));
    }
    return SERD_SUCCESS;
  }

  StoredTerm Store(const TermView& term) {
    StoredTerm stored{term.kind,           0, term.value.size(), 0, term.datatype.size(), 0,
                      term.language.size()};
    stored.value = arena_.size();
    arena_.append(term.value);
    stored.datatype = arena_.size();
    arena_.append(term.datatype);
    stored.language = arena_.size();
    arena_.append(term.language);
    return stored;
  }

  TermView Load(const StoredTerm& stored) const {
    std::string_view arena(arena_);
    return TermView{stored.kind, arena.substr(stored.value, stored.value_size),
                    arena.substr(stored.datatype, stored.datatype_size),
                    arena.substr(stored.language, stored.language_size)};
  }

  static constexpr int kDatatypeSlot = 4;
  static constexpr int kLanguageSlot = 5;

  ByteSource& source_;
  std::string file_;
  const ReadOptions& options_;
  absl::FunctionRef<absl::Status(const QuadView&)> sink_;
  const bool line_format_;
  std::optional<TermView> target_graph_;
  std::string base_;
  SerdEnv* env_ = nullptr;
  SerdReader* serd_ = nullptr;
  SerdSyntax syntax_ = SERD_NQUADS;
  static constexpr uint64_t kLinesPerSerdReader = 1 << 16;
  ReadSummary summary_;
  absl::Status sink_status_;

  std::vector<char> buffer_;
  size_t begin_ = 0, end_ = 0, scan_ = 0;
  bool eof_ = false, started_ = false;
  uint64_t line_ = 1;

  Origin origin_;
  bool piece_failed_ = false;
  const char* serd_text_ = "";  // what serd reads (NUL-terminated), for its errors
  SyntaxError piece_error_;
  int piece_statements_ = 0;
  std::string scratch_[6];
  std::string relative_;
  std::string line_copy_;
  std::string arena_;
  std::vector<StoredTerm> stored_;
};

}  // namespace

absl::StatusOr<ReadSummary> ReadRdf(ByteSource& source, std::string_view display_name,
                                    const ReadOptions& options,
                                    absl::FunctionRef<absl::Status(const QuadView&)> sink) {
  Reader reader(source, display_name, options, sink);
  return reader.Run();
}

}  // namespace parley::engine::io
