// Whole-process bulk load benchmark: an RDF file through io::ReadRdf into
// engine::BulkLoader, into a fresh database.
//
//   bulk_load_bench FILE [--db DIR] [--budget BYTES] [--format FORMAT]
//                        [--parse-only] [--keep] [--progress]
//
// Prints the statements, the quads added, the wall time of each phase and
// its share, statements/s (wall and CPU), the database's bytes per quad
// (apparent size of every file under DIR after the load, like du -sb) and
// the peak RSS. Without --db the database goes to a fresh folder under
// $TMPDIR (or /tmp), deleted at the end unless --keep. --parse-only times
// the reader alone (the parser's ceiling).
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <system_error>

#include "engine/bulk_loader.h"
#include "engine/io/byte_source.h"
#include "engine/io/rdf_format.h"
#include "engine/io/rdf_reader.h"
#include "engine/store.h"

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
               "                        [--parse-only] [--keep] [--progress]\n");
  return 2;
}

int Fail(const absl::Status& status) {
  std::fprintf(stderr, "error: %s\n", status.ToString().c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  std::string file, db, format;
  uint64_t budget = 0;
  bool parse_only = false, keep = false, progress = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--db" && i + 1 < argc) {
      db = argv[++i];
    } else if (arg == "--budget" && i + 1 < argc) {
      budget = std::strtoull(argv[++i], nullptr, 10);
    } else if (arg == "--format" && i + 1 < argc) {
      format = argv[++i];
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
  auto source = parley::engine::io::ByteSource::Open(file);
  if (!source.ok()) return Fail(source.status());

  const double start = Now();
  const double cpu_start = ProcessCpuSeconds();
  if (parse_only) {
    uint64_t statements = 0;
    auto summary = parley::engine::io::ReadRdf(**source, file, read, [&](const QuadView&) {
      ++statements;
      return absl::OkStatus();
    });
    if (!summary.ok()) return Fail(summary.status());
    const double wall = Now() - start, cpu = ProcessCpuSeconds() - cpu_start;
    std::printf("parse only: %lu statements, %.2f s wall (%.0f/s), %.2f s CPU (%.0f/s)\n",
                static_cast<unsigned long>(statements), wall, statements / wall, cpu,
                statements / cpu);
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
      load_options.progress = [&](std::string_view phase, uint64_t statements) {
        std::fprintf(stderr, "[%7.2f s] %-6.*s %lu statements\n", Now() - start,
                     static_cast<int>(phase.size()), phase.data(),
                     static_cast<unsigned long>(statements));
      };
    }
    auto loader = BulkLoader::Begin(**store, load_options);
    if (!loader.ok()) return Fail(loader.status());
    auto summary = parley::engine::io::ReadRdf(
        **source, file, read, [&](const QuadView& quad) { return (*loader)->Add(quad); });
    if (!summary.ok()) return Fail(summary.status());
    auto result = (*loader)->Commit();
    if (!result.ok()) return Fail(result.status());
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
    std::printf("threads     encoder %.2f s CPU, sorter %.2f s CPU\n", t.encoder_cpu, t.sorter_cpu);
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
