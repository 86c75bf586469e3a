// The read seam on a loaded database (engine/access/storage_reader.h):
//   BM_FullScan/<order>   every quad of one permutation in batches of 4,096 ids
//   BM_SeekAndRead        Seek to a random subject's key, read one batch of 16
//   BM_DecodeMany         DecodeMany of 1,024 random ids read from SPOG
//   BM_Estimate/<kind>    Estimate of a (p), (s p) or (p o) scan of random terms
// Run: PARLEY_BENCH_DB=DIR build/bench/seam_bench  (DIR: a database that
//   `parley load` made, e.g. from ../shared/peers' neg-10m.nt; it is opened
//   read-only in spirit: nothing is written).
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>
#include <vector>

#include "engine/access/kv_storage_reader.h"
#include "engine/store.h"

namespace parley::engine {
namespace {

struct Fixture {
  std::unique_ptr<Store> store;
  std::unique_ptr<KvStorageReader> reader;
  std::vector<IdQuad> sample;  // every 97th quad of SPOG, for random probes
};

Fixture& Shared() {
  static Fixture* fixture = [] {
    const char* path = std::getenv("PARLEY_BENCH_DB");
    if (path == nullptr) {
      std::fprintf(stderr, "seam_bench: set PARLEY_BENCH_DB to a loaded database\n");
      std::exit(2);
    }
    Options options;
    options.create_if_missing = false;
    auto store = Store::Open(path, options);
    if (!store.ok()) {
      std::fprintf(stderr, "seam_bench: %s\n", store.status().ToString().c_str());
      std::exit(2);
    }
    auto* f = new Fixture;
    f->store = *std::move(store);
    f->reader =
        std::make_unique<KvStorageReader>(f->store->kv_shared(), f->store->kv().GetSnapshot());
    auto cursor = *f->reader->Open(IdScan(), ScanLimits());
    std::vector<IdQuad> batch(4096);
    uint64_t n = 0;
    while (size_t got = *cursor->NextBatch(batch)) {
      for (size_t i = 0; i < got; ++i, ++n) {
        if (n % 97 == 0) f->sample.push_back(batch[i]);
      }
    }
    return f;
  }();
  return *fixture;
}

void BM_FullScan(benchmark::State& state) {
  Fixture& f = Shared();
  IdScan scan;
  scan.order = static_cast<Order>(state.range(0));
  std::vector<IdQuad> batch(4096);
  uint64_t rows = 0;
  for (auto _ : state) {
    auto cursor = *f.reader->Open(scan, ScanLimits());
    while (size_t got = *cursor->NextBatch(batch)) rows += got;
  }
  state.counters["ids/s"] =
      benchmark::Counter(static_cast<double>(rows) * 4, benchmark::Counter::kIsRate);
  state.SetLabel(std::string(FamilyName(scan.order)));
}
BENCHMARK(BM_FullScan)
    ->DenseRange(0, kOrderCount - 1)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);

void BM_SeekAndRead(benchmark::State& state) {
  Fixture& f = Shared();
  std::mt19937_64 random(42);
  auto cursor = *f.reader->Open(IdScan(), ScanLimits());
  std::vector<IdQuad> batch(16);
  std::vector<IdQuad> targets;
  for (int i = 0; i < 4096; ++i) targets.push_back(f.sample[random() % f.sample.size()]);
  std::sort(targets.begin(), targets.end());  // seeks go forward
  size_t next = 0;
  for (auto _ : state) {
    if (next == targets.size()) {
      state.PauseTiming();
      cursor = *f.reader->Open(IdScan(), ScanLimits());
      next = 0;
      state.ResumeTiming();
    }
    cursor->Seek(targets[next++]);
    benchmark::DoNotOptimize(*cursor->NextBatch(batch));
  }
}
BENCHMARK(BM_SeekAndRead)->Unit(benchmark::kMicrosecond);

void BM_DecodeMany(benchmark::State& state) {
  Fixture& f = Shared();
  std::mt19937_64 random(7);
  std::vector<TermId> ids(1024);
  std::vector<Term> terms;
  for (auto _ : state) {
    state.PauseTiming();
    for (TermId& id : ids) {
      const IdQuad& q = f.sample[random() % f.sample.size()];
      id = random() % 2 ? q.subject : q.object;
    }
    state.ResumeTiming();
    benchmark::DoNotOptimize(f.reader->DecodeMany(ids, &terms));
  }
  state.counters["ns/term"] = benchmark::Counter(
      static_cast<double>(ids.size()),
      benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_DecodeMany)->Unit(benchmark::kMicrosecond);

void BM_Estimate(benchmark::State& state) {
  Fixture& f = Shared();
  std::mt19937_64 random(11);
  for (auto _ : state) {
    const IdQuad& q = f.sample[random() % f.sample.size()];
    IdPattern pattern{.predicate = q.predicate};
    if (state.range(0) == 1) pattern.subject = q.subject;
    if (state.range(0) == 2) pattern.object = q.object;
    benchmark::DoNotOptimize(*f.reader->Estimate(IdScan::ForPattern(pattern)));
  }
  static const char* kKinds[] = {"p", "s p", "p o"};
  state.SetLabel(kKinds[state.range(0)]);
}
BENCHMARK(BM_Estimate)->DenseRange(0, 2)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace parley::engine

BENCHMARK_MAIN();
