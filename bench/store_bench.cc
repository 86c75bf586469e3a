// Storage engine throughput over the public API, on at least a million quads:
//   BM_InsertTransactions  insert in transactions of 10,000 quads (synced
//                          commits and, for comparison, unsynced)
//   BM_PointScan           (s, p, ?) patterns on random subjects: decoded
//                          terms and ids
//   BM_FullScan            every quad of the database, decoded and as ids
// Run: build/bench/store_bench [--benchmark_repetitions=5]
//   PARLEY_BENCH_QUADS (default 1,000,000) sets the size of the scan database.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <random>
#include <string>

#include "parley/database.h"

namespace {

constexpr int kTransactionSize = 10'000;
constexpr int kPredicates = 12;

parley::Term Subject(uint64_t i) {
  return parley::Term::Iri("http://example.org/data/meeting/" + std::to_string(i));
}
parley::Term Predicate(uint64_t i) {
  return parley::Term::Iri("http://example.org/neg#p" + std::to_string(i % kPredicates));
}
// A mix of the object kinds real data has: IRIs, inline integers and dates,
// and strings that go to the dictionary.
parley::Term Object(uint64_t i) {
  switch (i % 4) {
    case 0:
      return parley::Term::Iri("http://example.org/data/person/" + std::to_string(i % 50'000));
    case 1:
      return parley::Term::TypedLiteral(std::to_string(i % 100'000),
                                        "http://www.w3.org/2001/XMLSchema#integer");
    case 2:
      return parley::Term::TypedLiteral(
          "2019-0" + std::to_string(1 + i % 9) + "-1" + std::to_string(i % 10),
          "http://www.w3.org/2001/XMLSchema#date");
    default:
      return parley::Term::LangLiteral("statement " + std::to_string(i), "en");
  }
}
// Quad number i: about 8 quads per subject.
parley::Quad MakeQuad(uint64_t i) {
  return {Subject(i / 8), Predicate(i), Object(i), parley::Term()};
}

std::string ScratchDir(const std::string& name) {
  std::string dir = (std::filesystem::temp_directory_path() / ("parley_bench_" + name)).string();
  std::filesystem::remove_all(dir);
  return dir;
}

void Check(const absl::Status& status) {
  if (!status.ok()) {
    std::fprintf(stderr, "store_bench: %s\n", status.ToString().c_str());
    std::exit(1);
  }
}

absl::Status InsertRange(parley::Database& db, uint64_t begin, uint64_t end) {
  auto txn = db.BeginWrite();
  if (!txn.ok()) return txn.status();
  for (uint64_t i = begin; i < end; ++i) {
    if (absl::Status s = (*txn)->Insert(MakeQuad(i)); !s.ok()) return s;
  }
  return (*txn)->Commit();
}

uint64_t ScanDatabaseSize() {
  const char* env = std::getenv("PARLEY_BENCH_QUADS");
  return env ? std::strtoull(env, nullptr, 10) : 1'000'000;
}

// The database the scan benchmarks read, built once per process.
parley::Database& ScanDatabase() {
  static std::unique_ptr<parley::Database> db = [] {
    auto opened = parley::Database::Open(ScratchDir("scan"), parley::Options());
    Check(opened.status());
    const uint64_t n = ScanDatabaseSize();
    for (uint64_t i = 0; i < n; i += kTransactionSize) {
      Check(InsertRange(**opened, i, std::min(n, i + kTransactionSize)));
    }
    return std::move(*opened);
  }();
  return *db;
}

void BM_InsertTransactions(benchmark::State& state) {
  parley::Options options;
  options.sync_on_commit = state.range(0) != 0;
  auto db = parley::Database::Open(ScratchDir("insert"), options);
  Check(db.status());
  // Grow the database past a million quads while measuring.
  uint64_t next = 0;
  for (auto _ : state) {
    Check(InsertRange(**db, next, next + kTransactionSize));
    next += kTransactionSize;
  }
  state.SetItemsProcessed(static_cast<int64_t>(next));
  state.counters["quads_in_db"] = static_cast<double>(next);
}
BENCHMARK(BM_InsertTransactions)
    ->Arg(1)
    ->Arg(0)
    ->ArgName("sync")
    ->Iterations(120)
    ->Unit(benchmark::kMillisecond);

void BM_PointScan(benchmark::State& state) {
  parley::Database& db = ScanDatabase();
  const bool ids = state.range(0) != 0;
  std::unique_ptr<parley::ReadView> view = db.Snapshot();
  std::mt19937_64 rng(42);
  const uint64_t subjects = ScanDatabaseSize() / 8;
  // Resolve ids outside the timed loop for the id variant, as a query
  // engine does once per query.
  uint64_t rows = 0;
  for (auto _ : state) {
    const uint64_t s = rng() % subjects;
    const uint64_t p = (s * 8 + rng() % 8);
    if (ids) {
      state.PauseTiming();
      auto sid = view->Lookup(Subject(s));
      auto pid = view->Lookup(Predicate(p));
      state.ResumeTiming();
      if (!sid.ok() || !pid.ok()) continue;
      auto it = view->ScanIds({.subject = *sid, .predicate = *pid});
      Check(it.status());
      for (; (*it)->Valid(); (*it)->Next()) ++rows;
    } else {
      auto it = view->Scan({.subject = Subject(s), .predicate = Predicate(p)});
      Check(it.status());
      for (; (*it)->Valid(); (*it)->Next()) ++rows;
    }
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["rows"] = static_cast<double>(rows);
}
BENCHMARK(BM_PointScan)->Arg(0)->Arg(1)->ArgName("ids")->Unit(benchmark::kMicrosecond);

void BM_FullScan(benchmark::State& state) {
  parley::Database& db = ScanDatabase();
  const bool ids = state.range(0) != 0;
  uint64_t rows = 0;
  for (auto _ : state) {
    std::unique_ptr<parley::ReadView> view = db.Snapshot();
    rows = 0;
    if (ids) {
      auto it = view->ScanIds({});
      Check(it.status());
      for (; (*it)->Valid(); (*it)->Next()) ++rows;
    } else {
      auto it = view->Scan({});
      Check(it.status());
      for (; (*it)->Valid(); (*it)->Next()) ++rows;
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(rows) * state.iterations());
  state.counters["rows"] = static_cast<double>(rows);
}
BENCHMARK(BM_FullScan)
    ->Arg(0)
    ->Arg(1)
    ->ArgName("ids")
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3);

}  // namespace

BENCHMARK_MAIN();
