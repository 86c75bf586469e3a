// SPARQL Update against the C++ transaction API doing the same work:
//   BM_InsertData10     `INSERT DATA` of 10 quads per request (synced commits
//                       and unsynced)
//   BM_Transaction10    the same 10 quads through WriteTransaction::Insert
// Run: build/bench/update_bench [--benchmark_repetitions=5]
//
// And one large operation on an existing database (which it changes: run
// it on a copy), printing wall time and the process's peak RSS:
//   update_bench delete-where DB PREDICATE_IRI update|api [MEMORY_BYTES]
//   update_bench insert-where DB PREDICATE_IRI update|api [MEMORY_BYTES]
// `update` runs `DELETE WHERE { ?s <P> ?o }`, or `INSERT { ?s <P-copy> ?o }
// WHERE { ?s <P> ?o }` (default graph), with UpdateOptions::memory_budget_bytes
// MEMORY_BYTES (default 1 GiB; a change of more than MEMORY_BYTES / 4 KiB
// quads goes through files on disk, parley/query.h); `api` scans the same quads through a ReadView
// and erases them, or inserts their copies, in one transaction.
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "parley/database.h"

namespace {

void Check(const absl::Status& status) {
  if (!status.ok()) {
    std::fprintf(stderr, "update_bench: %s\n", status.ToString().c_str());
    std::exit(1);
  }
}

std::string ScratchDir(const std::string& name) {
  std::string dir = (std::filesystem::temp_directory_path() / ("parley_bench_" + name)).string();
  std::filesystem::remove_all(dir);
  return dir;
}

std::unique_ptr<parley::Database> OpenScratch(const std::string& name, bool sync) {
  parley::Options options;
  options.sync_on_commit = sync;
  auto db = parley::Database::Open(ScratchDir(name), options);
  Check(db.status());
  return *std::move(db);
}

// Request number n: 10 quads about one new meeting.
std::string InsertData(uint64_t n) {
  std::string text = "PREFIX neg: <http://example.org/neg#>\nINSERT DATA {\n";
  const std::string meeting = "<http://example.org/data/meeting/u" + std::to_string(n) + ">";
  for (int i = 0; i < 10; ++i) {
    text += meeting + " neg:p" + std::to_string(i) + " \"value " + std::to_string(n * 10 + i) +
            "\" .\n";
  }
  return text + "}\n";
}

std::vector<parley::Quad> InsertQuads(uint64_t n) {
  std::vector<parley::Quad> quads;
  const parley::Term meeting =
      parley::Term::Iri("http://example.org/data/meeting/u" + std::to_string(n));
  for (int i = 0; i < 10; ++i) {
    quads.push_back({meeting, parley::Term::Iri("http://example.org/neg#p" + std::to_string(i)),
                     parley::Term::Literal("value " + std::to_string(n * 10 + i)), parley::Term()});
  }
  return quads;
}

void BM_InsertData10(benchmark::State& state) {
  auto db = OpenScratch("insert_data", state.range(0) != 0);
  uint64_t n = 0;
  for (auto _ : state) {
    auto summary = db->Update(InsertData(n++), parley::UpdateOptions());
    Check(summary.status());
  }
  state.SetItemsProcessed(static_cast<int64_t>(n));  // requests
}
BENCHMARK(BM_InsertData10)->Arg(1)->Arg(0)->ArgName("sync")->Unit(benchmark::kMicrosecond);

void BM_Transaction10(benchmark::State& state) {
  auto db = OpenScratch("transaction", state.range(0) != 0);
  uint64_t n = 0;
  for (auto _ : state) {
    auto txn = db->BeginWrite();
    Check(txn.status());
    for (const parley::Quad& quad : InsertQuads(n++)) Check((*txn)->Insert(quad));
    Check((*txn)->Commit());
  }
  state.SetItemsProcessed(static_cast<int64_t>(n));  // transactions
}
BENCHMARK(BM_Transaction10)->Arg(1)->Arg(0)->ArgName("sync")->Unit(benchmark::kMicrosecond);

int LargeChange(const std::string& change, const std::string& path, const std::string& predicate,
                const std::string& mode, uint64_t memory) {
  const bool insert = change == "insert-where";
  parley::Options options;
  options.create_if_missing = false;
  auto db = parley::Database::Open(path, options);
  Check(db.status());
  const parley::Term copy = parley::Term::Iri(predicate + "-copy");
  const auto start = std::chrono::steady_clock::now();
  uint64_t changed = 0;
  if (mode == "update") {
    parley::UpdateOptions update;
    update.memory_budget_bytes = memory;
    const std::string text =
        insert ? "INSERT { ?s <" + copy.value() + "> ?o } WHERE { ?s <" + predicate + "> ?o }"
               : "DELETE WHERE { ?s <" + predicate + "> ?o }";
    auto summary = (*db)->Update(text, update);
    Check(summary.status());
    changed = insert ? summary->quads_inserted : summary->quads_deleted;
  } else if (mode == "api") {
    auto txn = (*db)->BeginWrite();
    Check(txn.status());
    auto view = (*db)->Snapshot();
    auto it = view->Scan({.predicate = parley::Term::Iri(predicate), .graph = parley::Term()});
    Check(it.status());
    for (; (*it)->Valid(); (*it)->Next(), ++changed) {
      parley::Quad quad = (*it)->quad();
      if (insert) {
        quad.predicate = copy;
        Check((*txn)->Insert(quad));
      } else {
        Check((*txn)->Erase(quad));
      }
    }
    Check((*it)->status());
    Check((*txn)->Commit());
  } else {
    std::fprintf(stderr, "update_bench: mode must be update or api\n");
    return 2;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf("%s %s: %s %llu quads in %.2f s, peak RSS %.0f MiB\n", change.c_str(), mode.c_str(),
              insert ? "inserted" : "deleted", static_cast<unsigned long long>(changed), seconds,
              static_cast<double>(usage.ru_maxrss) / 1024.0);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if ((argc == 5 || argc == 6) &&
      (std::strcmp(argv[1], "delete-where") == 0 || std::strcmp(argv[1], "insert-where") == 0)) {
    const uint64_t memory = argc == 6 ? std::strtoull(argv[5], nullptr, 10) : uint64_t{1} << 30;
    return LargeChange(argv[1], argv[2], argv[3], argv[4], memory);
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
