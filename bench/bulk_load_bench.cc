// Whole-process bulk load benchmark: an RDF file through io::ReadRdf into
// engine::BulkLoader, into a fresh database.
//
//   bulk_load_bench FILE [--db DIR] [--budget BYTES] [--format FORMAT]
//                        [--parse-only] [--keep] [--progress] [--split-mib N]
//
// Prints the statements, the quads added, the wall time of each phase and
// its share, statements/s (wall and CPU), the database's bytes per quad
// (apparent size of every file under DIR after the load, like du -sb) and
// the peak RSS. Without --db the database goes to a fresh folder under
// $TMPDIR (or /tmp), deleted at the end unless --keep. --parse-only times
// the reader alone (the parser's ceiling). --split-mib N (N-Triples and
// N-Quads only) reads the file in line-aligned pieces of about N MiB, one
// ReadRdf call each: io::ReadRdf's memory grows with the lines it reads
// (serd_reader_read_string keeps nodes on serd's stack), and the pieces
// bound that, so the peak RSS shows the loader's own footprint.
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

#include "absl/functional/function_ref.h"

#include "engine/bulk/bulk_loader.h"
#include "engine/store.h"
#include "formats/rdf/byte_source.h"
#include "formats/rdf/rdf_format.h"
#include "formats/rdf/rdf_reader.h"

namespace {

namespace fs = std::filesystem;
using parley::engine::BulkLoader;
using parley::engine::BulkLoadOptions;
using parley::engine::BulkLoadResult;
using parley::engine::QuadView;
using parley::engine::Store;

double Now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

double ProcessCpuSeconds() {
  rusage usage;
  ::getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& tv) {
    return static_cast<double>(tv.tv_sec) + static_cast<double>(tv.tv_usec) * 1e-6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

double ThreadCpuSeconds() {
  timespec ts;
  ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

double PeakRssMiB() {
  rusage usage;
  ::getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB
}

uint64_t ApparentSize(const std::string& dir) {
  uint64_t total = 0;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    if (it->is_regular_file(ec)) total += it->file_size(ec);
  }
  return total;
}

int Usage() {
  std::fprintf(stderr,
               "usage: bulk_load_bench FILE [--db DIR] [--budget BYTES] [--format FORMAT]\n"
               "                        [--parse-only] [--keep] [--progress] [--split-mib N]\n");
  return 2;
}

using Sink = absl::FunctionRef<absl::Status(const QuadView&)>;

// All of `file` through ReadRdf, in one call or (split_bytes > 0) in
// line-aligned pieces; the number of statements read.
absl::StatusOr<uint64_t> Read(const std::string& file, const parley::engine::io::ReadOptions& read,
                              size_t split_bytes, Sink sink) {
  using parley::engine::io::ByteSource;
  auto source = ByteSource::Open(file);
  if (!source.ok()) return source.status();
  if (split_bytes == 0) {
    auto summary = parley::engine::io::ReadRdf(**source, file, read, sink);
    if (!summary.ok()) return summary.status();
    return summary->statements;
  }
  uint64_t statements = 0;
  std::string piece, rest;
  std::vector<char> buffer(size_t{1} << 20);
  bool eof = false;
  while (!eof || !rest.empty()) {
    piece.swap(rest);
    rest.clear();
    while (!eof && piece.size() < split_bytes) {
      auto n = (*source)->Read(buffer.data(), buffer.size());
      if (!n.ok()) return n.status();
      eof = *n == 0;
      piece.append(buffer.data(), *n);
    }
    const size_t cut = eof ? std::string::npos : piece.rfind('\n');
    if (cut != std::string::npos) {
      rest.assign(piece, cut + 1);
      piece.resize(cut + 1);
    }
    auto part = ByteSource::FromString(std::move(piece), file);
    auto summary = parley::engine::io::ReadRdf(*part, file, read, sink);
    if (!summary.ok()) return summary.status();
    statements += summary->statements;
    piece.clear();
  }
  return statements;
}

int Fail(const absl::Status& status) {
  std::fprintf(stderr, "error: %s\n", status.ToString().c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  std::string file, db, format;
  uint64_t budget = 0;
  size_t split_bytes = 0;
  bool parse_only = false, keep = false, progress = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--db" && i + 1 < argc) {
      db = argv[++i];
    } else if (arg == "--budget" && i + 1 < argc) {
      budget = std::strtoull(argv[++i], nullptr, 10);
    } else if (arg == "--format" && i + 1 < argc) {
      format = argv[++i];
    } else if (arg == "--split-mib" && i + 1 < argc) {
      split_bytes = std::strtoull(argv[++i], nullptr, 10) << 20;
    } else if (arg == "--parse-only") {
      parse_only = true;
    } else if (arg == "--keep") {
      keep = true;
    } else if (arg == "--progress") {
      progress = true;
    } else if (!arg.empty() && arg[0] != '-' && file.empty()) {
      file = arg;
    } else {
      return Usage();
    }
  }
  if (file.empty()) return Usage();

  parley::engine::io::ReadOptions read;
  if (!format.empty()) {
    auto parsed = parley::engine::io::RdfFormatFromName(format);
    if (!parsed.ok()) return Fail(parsed.status());
    read.format = *parsed;
  } else {
    auto guessed = parley::engine::io::RdfFormatFromPath(file);
    if (!guessed.has_value()) return Fail(absl::InvalidArgumentError("unknown format: " + file));
    read.format = *guessed;
  }
  if (split_bytes > 0 && read.format != parley::engine::io::RdfFormat::kNTriples &&
      read.format != parley::engine::io::RdfFormat::kNQuads) {
    return Fail(absl::InvalidArgumentError("--split-mib needs N-Triples or N-Quads"));
  }

  const double start = Now();
  const double cpu_start = ProcessCpuSeconds();
  if (parse_only) {
    uint64_t statements = 0;
    auto summary = Read(file, read, split_bytes, [&](const QuadView&) {
      ++statements;
      return absl::OkStatus();
    });
    if (!summary.ok()) return Fail(summary.status());
    const double wall = Now() - start, cpu = ProcessCpuSeconds() - cpu_start;
    std::printf("parse only: %lu statements, %.2f s wall (%.0f/s), %.2f s CPU (%.0f/s)\n",
                static_cast<unsigned long>(statements), wall, statements / wall, cpu,
                statements / cpu);
    std::printf("peak RSS    %.0f MiB\n", PeakRssMiB());
    return 0;
  }

  bool temporary = db.empty();
  if (temporary) {
    const char* base = std::getenv("TMPDIR");
    std::string pattern = std::string(base != nullptr ? base : "/tmp") + "/bulk-bench-XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr) return Fail(absl::InternalError("mkdtemp"));
    db = pattern;
  }
  {
    parley::Options options;
    options.error_if_exists = true;
    auto store = Store::Open(db, options);
    if (!store.ok()) return Fail(store.status());
    BulkLoadOptions load_options;
    load_options.db_path = db;
    load_options.memory_budget_bytes = budget;
    if (progress) {
      load_options.progress = [&](parley::engine::BulkLoadPhase load_phase, uint64_t statements) {
        const std::string_view phase = parley::engine::BulkLoadPhaseName(load_phase);
        std::fprintf(stderr, "[%7.2f s] %-6.*s %lu statements\n", Now() - start,
                     static_cast<int>(phase.size()), phase.data(),
                     static_cast<unsigned long>(statements));
      };
    }
    auto loader = BulkLoader::Begin(**store, load_options);
    if (!loader.ok()) return Fail(loader.status());
    const double caller_start = ThreadCpuSeconds();
    auto summary =
        Read(file, read, split_bytes, [&](const QuadView& quad) { return (*loader)->Add(quad); });
    if (!summary.ok()) return Fail(summary.status());
    const double caller_cpu = ThreadCpuSeconds() - caller_start;
    const double commit_cpu_start = ProcessCpuSeconds();
    auto result = (*loader)->Commit();
    if (!result.ok()) return Fail(result.status());
    const double commit_cpu = ProcessCpuSeconds() - commit_cpu_start;
    const double wall = Now() - start, cpu = ProcessCpuSeconds() - cpu_start;
    store->reset();  // close, so that the size is the database at rest
    const uint64_t bytes = ApparentSize(db);
    const BulkLoadResult& r = *result;
    const auto& t = r.timings;
    const double phases = t.parse + t.sort + t.write + t.ingest;
    std::printf("file        %s\n", file.c_str());
    std::printf("statements  %lu, quads added %lu, terms added %lu, runs %lu (spill %.1f MiB)\n",
                static_cast<unsigned long>(r.statements), static_cast<unsigned long>(r.quads_added),
                static_cast<unsigned long>(r.terms_added), static_cast<unsigned long>(r.runs),
                static_cast<double>(r.spill_bytes) / (1 << 20));
    auto phase = [&](const char* name, double seconds, const char* what) {
      std::printf("  %-7s %7.2f s  %5.1f%%  %s\n", name, seconds, 100 * seconds / phases, what);
    };
    phase("parse", t.parse, "parse + encode + sort runs, overlapped");
    phase("sort", t.sort, "Commit: last runs encoded and sorted");
    phase("write", t.write, "Commit: runs merged into SST files");
    phase("ingest", t.ingest, "Commit: IngestAtomically");
    std::printf(
        "cpu         parser thread (ReadRdf + Add) %.2f s, encoder %.2f s, sorter %.2f s, Commit "
        "%.2f s\n",
        caller_cpu, t.encoder_cpu, t.sorter_cpu, commit_cpu);
    std::printf("total       %.2f s wall, %.2f s CPU (%.2f cores)\n", wall, cpu, cpu / wall);
    std::printf("speed       %.0f statements/s wall, %.0f statements/s CPU\n", r.statements / wall,
                r.statements / cpu);
    std::printf("disk        %lu bytes, %.2f bytes/quad\n", static_cast<unsigned long>(bytes),
                r.quads_added ? static_cast<double>(bytes) / r.quads_added : 0.0);
    std::printf("peak RSS    %.0f MiB\n", PeakRssMiB());
  }
  if (temporary && !keep) {
    std::error_code ignored;
    fs::remove_all(db, ignored);
  } else {
    std::printf("database    %s\n", db.c_str());
  }
  return 0;
}
