// Database::Export to the W3C text formats: one snapshot, graph by graph in
// GSPO order, so a TriG writer groups each graph and each subject.
#include <chrono>

#include "absl/container/node_hash_map.h"
#include "absl/strings/str_cat.h"
#include "api/database_impl.h"
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

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// Dumps are written by api/dump_export.cc.
bool IsDumpExport(const std::string& path, const ExportOptions& options) {
  if (!options.format.empty()) return options.format == "capnp" || options.format == "pdump";
  return EndsWith(path, ".pdump") || EndsWith(path, ".pdump.zst");
}

absl::StatusOr<engine::io::RdfFormat> ExportFormat(const std::string& path,
                                                   const ExportOptions& options) {
  if (!options.format.empty()) return engine::io::RdfFormatFromName(options.format);
  return engine::io::RdfFormatFromPath(path).value_or(engine::io::RdfFormat::kNQuads);
}

}  // namespace

absl::StatusOr<ExportSummary> DatabaseImpl::Export(const std::string& path,
                                                   const ExportOptions& options) {
  if (IsDumpExport(path, options)) {
    ExportOptions dump_options = options;
    if (EndsWith(path, ".pdump.zst")) dump_options.zstd = true;
    return ExportDump(path, /*fd=*/-1, dump_options);
  }
  const auto start = std::chrono::steady_clock::now();
  PARLEY_ASSIGN_OR_RETURN(engine::io::RdfFormat format, ExportFormat(path, options));
  const engine::KvStore& kv = store_->kv();
  std::shared_ptr<const engine::KvSnapshot> snapshot = kv.GetSnapshot();
  TermCache terms(kv, snapshot.get());

  // The graphs to write, by id: the default graph first, then named graphs.
  std::vector<TermId> graphs;
  if (options.graph) {
    engine::Dictionary dictionary(&kv);
    PARLEY_ASSIGN_OR_RETURN(std::optional<TermId> id,
                            dictionary.Lookup(*options.graph, snapshot.get()));
    if (!id) return ExportSummary{};  // a graph the database never held is empty
    graphs.push_back(*id);
  } else {
    graphs.push_back(kDefaultGraphId);
    std::unique_ptr<ReadView> view = store_->Snapshot();
    PARLEY_ASSIGN_OR_RETURN(std::vector<Term> named, view->Graphs());
    for (const Term& graph : named) {
      PARLEY_ASSIGN_OR_RETURN(std::optional<TermId> id,
                              engine::Dictionary(&kv).Lookup(graph, snapshot.get()));
      if (id) graphs.push_back(*id);
    }
    if (graphs.size() > 1 && !engine::io::RdfFormatHasGraphs(format)) {
      return absl::FailedPreconditionError(
          absl::StrCat("the database has ", graphs.size() - 1, " named graphs, which ",
                       std::string(engine::io::RdfFormatName(format)),
                       " cannot hold: export as nquads or trig, or pick one graph with --graph"));
    }
  }

  engine::io::WriteOptions write_options;
  write_options.format = format;
  write_options.drop_graphs = options.graph.has_value();
  write_options.prefixes = {{"rdf", std::string(rdf::kRdfNamespace)},
                            {"rdfs", "http://www.w3.org/2000/01/rdf-schema#"},
                            {"xsd", std::string(rdf::kXsdNamespace)}};
  PARLEY_ASSIGN_OR_RETURN(std::unique_ptr<engine::io::RdfWriter> writer,
                          engine::io::RdfWriter::Open(path, write_options));

  ExportSummary summary;
  for (TermId graph : graphs) {
    IdPattern pattern;
    pattern.graph = graph;
    std::unique_ptr<IdQuadIterator> it = engine::ScanQuads(kv, snapshot, pattern);
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
      PARLEY_RETURN_IF_ERROR(writer->Write(quad));
      ++summary.quads;
    }
    PARLEY_RETURN_IF_ERROR(it->status());
  }
  PARLEY_RETURN_IF_ERROR(writer->Finish());
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

}  // namespace parley::api
