// Database::Load: every file through its reader into one bulk load, which
// is ingested atomically at the end (nothing changes when any file fails).
#include <chrono>
#include <random>

#include "absl/strings/str_cat.h"
#include "api/data_format.h"
#include "api/database_impl.h"
#include "api/dump_import.h"
#include "api/strict.h"
#include "engine/bulk/bulk_loader.h"
#include "engine/status_macros.h"
#include "engine/write_transaction.h"
#include "formats/rdf/byte_source.h"
#include "formats/rdf/rdf_reader.h"

namespace parley::api {
namespace {

// How often (in statements) the progress callback hears from the parser.
constexpr uint64_t kProgressEvery = 1 << 16;

// A dump's name, also gzip'd.
bool IsDumpName(const std::string& file) {
  return HasDumpExtension(file) || std::string_view(file).ends_with(".pdump.gz");
}

absl::StatusOr<engine::io::RdfFormat> FormatOf(const std::string& file,
                                               const LoadOptions& options) {
  if (options.format.has_value()) return TextFormat(*options.format);
  std::optional<engine::io::RdfFormat> format = engine::io::RdfFormatFromPath(file);
  if (!format) {
    return absl::InvalidArgumentError(absl::StrCat(
        file, ": cannot tell the format from the name; use --format ntriples|nquads|turtle|trig"));
  }
  return *format;
}

LoadOptions::Progress::Phase PhaseOf(engine::BulkLoadPhase phase) {
  switch (phase) {
    case engine::BulkLoadPhase::kParse:
      return LoadOptions::Progress::Phase::kParse;
    case engine::BulkLoadPhase::kSort:
      return LoadOptions::Progress::Phase::kSort;
    case engine::BulkLoadPhase::kWrite:
      return LoadOptions::Progress::Phase::kWrite;
    case engine::BulkLoadPhase::kIngest:
      return LoadOptions::Progress::Phase::kIngest;
  }
  return LoadOptions::Progress::Phase::kParse;
}

engine::io::ReadOptions TextReadOptions(engine::io::RdfFormat format, const LoadOptions& options) {
  engine::io::ReadOptions read_options;
  read_options.format = format;
  read_options.base_iri = options.base_iri;
  read_options.lenient = options.lenient;
  read_options.graph = options.graph;
  return read_options;
}

}  // namespace

absl::StatusOr<LoadSummary> DatabaseImpl::Load(const std::vector<std::string>& files,
                                               const LoadOptions& options) {
  if (std::shared_ptr<const Shapes> shapes = strict_shapes()) {
    return LoadStrict(files, options, std::move(shapes));
  }
  const auto start = std::chrono::steady_clock::now();
  LoadSummary summary;
  LoadOptions::Progress progress;
  auto report = [&](LoadOptions::Progress::Phase phase) {
    if (!options.progress) return;
    progress.phase = phase;
    options.progress(progress);
  };

  engine::BulkLoadOptions bulk_options;
  bulk_options.db_path = path_;
  bulk_options.memory_budget_bytes = options.memory_budget_bytes;
  // One dump defines each term once; a second file or the --graph term may
  // define it again.
  bulk_options.distinct_definitions = files.size() == 1 && !options.graph;
  bulk_options.progress = [&](engine::BulkLoadPhase phase, uint64_t) { report(PhaseOf(phase)); };
  bulk_options.cancel = options.cancel;
  PARLEY_ASSIGN_OR_RETURN(std::unique_ptr<engine::BulkLoader> loader,
                          engine::BulkLoader::Begin(*store_, bulk_options));

  DumpLoadContext dump_context;
  dump_context.loader = loader.get();
  dump_context.graph = options.graph;
  for (const std::string& file : files) {
    // A dump is recognized by its signature whatever the name or --format.
    // A file that comes close to the signature, or is named like a dump
    // without --format, goes to the dump reader too, which reports it as
    // damaged (or not a dump) rather than as a file of no known format.
    bool is_dump = false;
    bool damaged_dump = false;
    PARLEY_ASSIGN_OR_RETURN(std::unique_ptr<engine::io::ByteSource> source,
                            OpenAndSniff(file, &is_dump, &damaged_dump));
    if (is_dump || options.format == DataFormat::kDump ||
        (!options.format.has_value() && (damaged_dump || IsDumpName(file)))) {
      const uint64_t bytes_before = progress.bytes_read;
      progress.bytes_total += source->total_bytes().value_or(0);
      const engine::io::ByteSource* raw = source.get();
      dump_context.progress = [&](uint64_t statements) {
        progress.statements = summary.statements_read + statements;
        progress.bytes_read = bytes_before + raw->bytes_consumed();
        report(LoadOptions::Progress::Phase::kParse);
      };
      const uint64_t total_after = progress.bytes_total;
      PARLEY_ASSIGN_OR_RETURN(uint64_t statements,
                              LoadDump(std::move(source), file, &dump_context));
      summary.statements_read += statements;
      progress.bytes_read = total_after;  // the whole file was read
      progress.statements = summary.statements_read;
      continue;
    }
    PARLEY_ASSIGN_OR_RETURN(engine::io::RdfFormat format, FormatOf(file, options));
    const engine::io::ReadOptions read_options = TextReadOptions(format, options);
    const uint64_t bytes_before = progress.bytes_read;
    progress.bytes_total += source->total_bytes().value_or(0);
    loader->NewBlankNodeScope();
    uint64_t statements = 0;
    PARLEY_ASSIGN_OR_RETURN(
        engine::io::ReadSummary read,
        engine::io::ReadRdf(*source, file, read_options,
                            [&](const engine::QuadView& quad) -> absl::Status {
                              if (++statements % kProgressEvery == 0) {
                                progress.statements = summary.statements_read + statements;
                                progress.bytes_read = bytes_before + source->bytes_consumed();
                                report(LoadOptions::Progress::Phase::kParse);
                              }
                              return loader->Add(quad);
                            }));
    summary.statements_read += read.statements;
    summary.skipped += read.skipped;
    for (const engine::io::SyntaxError& error : read.first_errors) {
      if (summary.first_errors.size() < 10) summary.first_errors.push_back(error.ToString());
    }
    progress.bytes_read = bytes_before + source->bytes_consumed();
    progress.statements = summary.statements_read;
  }

  PARLEY_ASSIGN_OR_RETURN(engine::BulkLoadResult result, loader->Commit());
  summary.quads_added = result.quads_added;
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

absl::StatusOr<LoadSummary> DatabaseImpl::LoadStrict(const std::vector<std::string>& files,
                                                     const LoadOptions& options,
                                                     std::shared_ptr<const Shapes> shapes) {
  const auto start = std::chrono::steady_clock::now();
  PARLEY_ASSIGN_OR_RETURN(std::unique_ptr<engine::StoreWriteTransaction> transaction,
                          store_->BeginStoreWrite());
  transaction->set_commit_check(StrictCheck(std::move(shapes), store_->kv_shared()));
  // Blank nodes: fresh per file and per load, as the bulk loader makes them.
  const std::string nonce = absl::StrCat(absl::Hex(std::random_device()(), absl::kZeroPad8),
                                         absl::Hex(std::random_device()(), absl::kZeroPad8));
  LoadSummary summary;
  for (size_t index = 0; index < files.size(); ++index) {
    const std::string& file = files[index];
    bool is_dump = false;
    bool damaged_dump = false;
    PARLEY_ASSIGN_OR_RETURN(std::unique_ptr<engine::io::ByteSource> source,
                            OpenAndSniff(file, &is_dump, &damaged_dump));
    if (is_dump || damaged_dump || options.format == DataFormat::kDump) {
      return absl::InvalidArgumentError(absl::StrCat(
          file,
          ": strict mode loads RDF text (N-Triples, N-Quads, Turtle, TriG), not dumps; "
          "load the dump with strict mode off, then validate"));
    }
    PARLEY_ASSIGN_OR_RETURN(engine::io::RdfFormat format, FormatOf(file, options));
    const engine::io::ReadOptions read_options = TextReadOptions(format, options);
    const std::string scope = absl::StrCat("b", nonce, "_", index, "_");
    auto fresh = [&](Term term) {
      return term.is_blank_node() ? Term::BlankNode(scope + term.value()) : term;
    };
    uint64_t statements = 0;
    PARLEY_ASSIGN_OR_RETURN(
        engine::io::ReadSummary read,
        engine::io::ReadRdf(
            *source, file, read_options, [&](const engine::QuadView& view) -> absl::Status {
              if (++statements % kProgressEvery == 0 && options.cancel != nullptr &&
                  options.cancel->load()) {
                return absl::CancelledError("load cancelled");
              }
              Quad quad = view.ToQuad();
              return transaction->Insert(
                  Quad{fresh(std::move(quad.subject)), std::move(quad.predicate),
                       fresh(std::move(quad.object)), fresh(std::move(quad.graph))});
            }));
    summary.statements_read += read.statements;
    summary.skipped += read.skipped;
    for (const engine::io::SyntaxError& error : read.first_errors) {
      if (summary.first_errors.size() < 10) summary.first_errors.push_back(error.ToString());
    }
  }
  if (options.cancel != nullptr && options.cancel->load()) {
    return absl::CancelledError("load cancelled");
  }
  PARLEY_ASSIGN_OR_RETURN(engine::StoreWriteTransaction::Changed changed,
                          transaction->CommitCounting());
  summary.quads_added = changed.inserted;
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

}  // namespace parley::api
