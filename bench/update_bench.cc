// SPARQL Update against the C++ transaction API doing the same work:
//   BM_InsertData10     `INSERT DATA` of 10 quads per request (synced commits
//                       and unsynced)
//   BM_Transaction10    the same 10 quads through WriteTransaction::Insert
// Run: build/bench/update_bench [--benchmark_repetitions=5]
//
// And one large operation on an existing database (which it changes: run
// it on a copy), printing wall time and the process's peak RSS:
//   update_bench delete-where DB PREDICATE_IRI update|api
// `update` runs `DELETE WHERE { ?s <P> ?o }` (default graph), `api` scans
// the same quads through a ReadView and erases them in one transaction.
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

int DeleteWhere(const std::string& path, const std::string& predicate, const std::string& mode) {
  parley::Options options;
  options.create_if_missing = false;
  auto db = parley::Database::Open(path, options);
  Check(db.status());
  const auto start = std::chrono::steady_clock::now();
  uint64_t deleted = 0;
  if (mode == "update") {
    auto summary =
        (*db)->Update("DELETE WHERE { ?s <" + predicate + "> ?o }", parley::UpdateOptions());
    Check(summary.status());
    deleted = summary->quads_deleted;
  } else if (mode == "api") {
    auto txn = (*db)->BeginWrite();
    Check(txn.status());
    auto view = (*db)->Snapshot();
    auto it = view->Scan({.predicate = parley::Term::Iri(predicate), .graph = parley::Term()});
    Check(it.status());
    for (; (*it)->Valid(); (*it)->Next(), ++deleted) Check((*txn)->Erase((*it)->quad()));
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
  std::printf("%s: deleted %llu quads in %.2f s, peak RSS %.0f MiB\n", mode.c_str(),
              static_cast<unsigned long long>(deleted), seconds,
              static_cast<double>(usage.ru_maxrss) / 1024.0);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 5 && std::strcmp(argv[1], "delete-where") == 0) {
    return DeleteWhere(argv[2], argv[3], argv[4]);
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
