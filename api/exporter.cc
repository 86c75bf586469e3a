// Database::Export: the W3C text formats (one snapshot, graph by graph in
// GSPO order, so a TriG writer groups each graph and each subject), and the
// choice between text and dump (api/dump_export.cc). An export to a path
// goes through an OutputFile (api/output_file.h: atomic, never inside the
// database directory); standard output ("-") streams.
#include <chrono>

#include "absl/container/node_hash_map.h"
#include "absl/strings/str_cat.h"
#include "api/data_format.h"
#include "api/database_impl.h"
#include "api/output_file.h"
#include "engine/access/kv_storage_reader.h"
#include "engine/dictionary.h"
#include "engine/quad_scan.h"
#include "engine/status_macros.h"
#include "formats/rdf/rdf_writer.h"
#include "rdf/vocabulary.h"

namespace parley::api {
namespace {

using engine::TermView;

// Decoded terms by id. Node-based, so views into cached terms stay valid
// while the cache grows, until Trim() clears a cache grown past its bound
// (which keeps exporting a huge database in bounded memory).
class TermCache {
 public:
  TermCache(const engine::KvStore& kv, const engine::KvSnapshot* snapshot)
      : dictionary_(&kv), snapshot_(snapshot) {}

  // The pointer stays valid until the next Trim().
  absl::StatusOr<const Term*> Get(TermId id) {
    auto it = cache_.find(id);
    if (it != cache_.end()) return &it->second;
    PARLEY_ASSIGN_OR_RETURN(Term term, dictionary_.DecodeStored(id, snapshot_));
    return &cache_.emplace(id, std::move(term)).first->second;
  }

  void Trim() {
    if (cache_.size() >= kMaxEntries) cache_.clear();
  }

 private:
  static constexpr size_t kMaxEntries = size_t{4} << 20;
  engine::Dictionary dictionary_;
  const engine::KvSnapshot* snapshot_;
  absl::node_hash_map<TermId, Term> cache_;
};

// Dumps are written by api/dump_export.cc.
bool IsDumpExport(const std::string& path, const ExportOptions& options) {
  if (options.format.has_value()) return *options.format == DataFormat::kDump;
  return HasDumpExtension(path);
}

absl::StatusOr<engine::io::RdfFormat> ExportFormat(const std::string& path,
                                                   const ExportOptions& options) {
  if (options.format.has_value()) return TextFormat(*options.format);
  return engine::io::RdfFormatFromPath(path).value_or(engine::io::RdfFormat::kNQuads);
}

// `status` with `path` in front unless its message names it already.
absl::Status Named(const std::string& path, const absl::Status& status) {
  if (status.message().find(absl::string_view(path.data(), path.size())) !=
      absl::string_view::npos) {
    return status;
  }
  return absl::Status(status.code(), absl::StrCat(path, ": ", status.message()));
}

// What a text export reads, all from one snapshot: the graphs to write, by
// id (the default graph first, then named graphs in id order).
struct TextExport {
  engine::io::RdfFormat format;
  std::shared_ptr<const engine::KvSnapshot> snapshot;
  std::vector<TermId> graphs;
};

absl::StatusOr<TextExport> PrepareText(engine::Store& store, const std::string& path,
                                       const ExportOptions& options) {
  TextExport text;
  PARLEY_ASSIGN_OR_RETURN(text.format, ExportFormat(path, options));
  const engine::KvStore& kv = store.kv();
  text.snapshot = kv.GetSnapshot();
  const engine::Dictionary dictionary(&kv);
  if (options.graph) {
    PARLEY_ASSIGN_OR_RETURN(std::optional<TermId> id,
                            dictionary.Lookup(*options.graph, text.snapshot.get()));
    if (id) text.graphs.push_back(*id);  // a graph the database never held is empty
    return text;
  }
  text.graphs.push_back(kDefaultGraphId);
  // The graph list from the snapshot the quads are read from: a graph
  // created or emptied meanwhile is in both or in neither.
  const engine::KvStorageReader reader(store.kv_shared(), text.snapshot);
  PARLEY_ASSIGN_OR_RETURN(std::vector<TermId> named, reader.NamedGraphs());
  text.graphs.insert(text.graphs.end(), named.begin(), named.end());
  if (text.graphs.size() > 1 && !engine::io::RdfFormatHasGraphs(text.format)) {
    return absl::FailedPreconditionError(
        absl::StrCat("the database has ", text.graphs.size() - 1, " named graphs, which ",
                     std::string(engine::io::RdfFormatName(text.format)),
                     " cannot hold: export as nquads or trig, or pick one graph with --graph"));
  }
  return text;
}

engine::io::WriteOptions TextWriteOptions(const TextExport& text, const ExportOptions& options) {
  engine::io::WriteOptions write_options;
  write_options.format = text.format;
  write_options.drop_graphs = options.graph.has_value();
  write_options.prefixes = {{"rdf", std::string(rdf::kRdfNamespace)},
                            {"rdfs", "http://www.w3.org/2000/01/rdf-schema#"},
                            {"xsd", std::string(rdf::kXsdNamespace)}};
  return write_options;
}

// Writes the quads of `text` and finishes the writer.
absl::StatusOr<ExportSummary> WriteText(const engine::KvStore& kv, const TextExport& text,
                                        engine::io::RdfWriter& writer) {
  TermCache terms(kv, text.snapshot.get());
  ExportSummary summary;
  for (TermId graph : text.graphs) {
    IdPattern pattern;
    pattern.graph = graph;
    std::unique_ptr<IdQuadIterator> it = engine::ScanQuads(kv, text.snapshot, pattern);
    for (; it->Valid(); it->Next()) {
      const IdQuad& ids = it->quad();
      terms.Trim();
      engine::QuadView quad;
      PARLEY_ASSIGN_OR_RETURN(const Term* s, terms.Get(ids.subject));
      quad.subject = TermView::Of(*s);
      PARLEY_ASSIGN_OR_RETURN(const Term* p, terms.Get(ids.predicate));
      quad.predicate = TermView::Of(*p);
      PARLEY_ASSIGN_OR_RETURN(const Term* o, terms.Get(ids.object));
      quad.object = TermView::Of(*o);
      if (graph != kDefaultGraphId) {
        PARLEY_ASSIGN_OR_RETURN(const Term* g, terms.Get(graph));
        quad.graph = TermView::Of(*g);
      }
      PARLEY_RETURN_IF_ERROR(writer.Write(quad));
      ++summary.quads;
    }
    PARLEY_RETURN_IF_ERROR(it->status());
  }
  PARLEY_RETURN_IF_ERROR(writer.Finish());
  return summary;
}

}  // namespace

absl::StatusOr<ExportSummary> DatabaseImpl::Export(const std::string& path,
                                                   const ExportOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  const bool dump = IsDumpExport(path, options);
  ExportOptions dump_options = options;
  if (std::string_view(path).ends_with(".pdump.zst")) dump_options.zstd = true;
  std::optional<TextExport> text;
  if (!dump) {
    PARLEY_ASSIGN_OR_RETURN(text, PrepareText(*store_, path, options));
  }

  absl::StatusOr<ExportSummary> summary;
  if (path == "-") {
    if (dump) return ExportDump("-", /*fd=*/-1, dump_options);
    PARLEY_ASSIGN_OR_RETURN(std::unique_ptr<engine::io::RdfWriter> writer,
                            engine::io::RdfWriter::Open("-", TextWriteOptions(*text, options)));
    summary = WriteText(store_->kv(), *text, *writer);
  } else {
    PARLEY_ASSIGN_OR_RETURN(std::unique_ptr<OutputFile> out, OutputFile::Create(path, path_));
    if (dump) {
      summary = ExportDump("", out->fd(), dump_options);
    } else {
      OutputFile* file = out.get();
      std::unique_ptr<engine::io::RdfWriter> writer = engine::io::RdfWriter::ToCallback(
          [file](std::string_view data) { return file->Write(data); },
          TextWriteOptions(*text, options), engine::io::CompressionFromPath(path));
      summary = WriteText(store_->kv(), *text, *writer);
    }
    // On failure `out` goes with its temporary file; a previous file stays.
    if (summary.ok()) {
      if (absl::Status committed = out->Commit(); !committed.ok()) summary = committed;
    }
    if (!summary.ok()) return Named(path, summary.status());
  }
  if (!summary.ok()) return summary.status();
  summary->seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

}  // namespace parley::api
