// The peer queries (bench/queries/, copied from ../shared/peers) timed in one process, from
// query text to the last serialized row:
//   BM_Query/<file>   Database::Query(text), every row pulled and written as SPARQL JSON (the
//                     writer of `parley query --format json`; N-Triples for CONSTRUCT and
//                     DESCRIBE) into a sink that only counts bytes
// Counters: rows (solutions or triples; an ASK counts 1 for true, 0 for false) and bytes (of
// the serialized result). Wall time (UseRealTime), in ms.
// Run: PARLEY_BENCH_DB=DIR build/bench/query_bench [--benchmark_repetitions=5]
//   DIR: a database that `parley load` made, e.g. from ../shared/peers' neg-1m.nt or
//   neg-10m.nt (`gen_negotiations.py --scale 1000|10000 --seed 42`); it is opened read-only,
//   once for all benchmarks. PARLEY_BENCH_QUERIES=DIR times the .rq files of DIR instead of
//   bench/queries. bench/query_regression.sh compares a run with bench/baselines/.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <streambuf>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "parley/database.h"
#include "parley/options.h"
#include "parley/query.h"
#include "query/results/result_writer.h"

namespace {

#ifndef PARLEY_SOURCE_DIR
#error "PARLEY_SOURCE_DIR must name the source tree (bench/CMakeLists.txt defines it)"
#endif

// An output buffer that keeps nothing: the writers format every row as
// they would for stdout, and only the byte count survives.
class CountingBuffer : public std::streambuf {
 public:
  CountingBuffer() { setp(buffer_, buffer_ + sizeof(buffer_)); }

  uint64_t bytes() const { return flushed_ + static_cast<uint64_t>(pptr() - pbase()); }

 protected:
  int_type overflow(int_type c) override {
    flushed_ += static_cast<uint64_t>(pptr() - pbase());
    setp(buffer_, buffer_ + sizeof(buffer_));
    if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
    *pptr() = traits_type::to_char_type(c);
    pbump(1);
    return c;
  }

 private:
  char buffer_[1 << 16];
  uint64_t flushed_ = 0;
};

// Passes every call to `inner` and counts the rows or triples pulled.
class CountingResult : public parley::QueryResult {
 public:
  explicit CountingResult(parley::QueryResult& inner) : inner_(inner) {}

  Kind kind() const override { return inner_.kind(); }
  bool boolean() const override { return inner_.boolean(); }
  const std::vector<std::string>& variables() const override { return inner_.variables(); }
  absl::StatusOr<bool> NextRow(std::vector<std::optional<parley::Term>>* row) override {
    absl::StatusOr<bool> more = inner_.NextRow(row);
    if (more.ok() && *more) ++rows_;
    return more;
  }
  absl::StatusOr<bool> NextTriple(parley::Term* subject, parley::Term* predicate,
                                  parley::Term* object) override {
    absl::StatusOr<bool> more = inner_.NextTriple(subject, predicate, object);
    if (more.ok() && *more) ++rows_;
    return more;
  }

  uint64_t rows() const { return rows_; }

 private:
  parley::QueryResult& inner_;
  uint64_t rows_ = 0;
};

void BM_Query(benchmark::State& state, parley::Database* db, const std::string& text) {
  uint64_t rows = 0;
  uint64_t bytes = 0;
  for (auto _ : state) {
    absl::StatusOr<std::unique_ptr<parley::QueryResult>> result =
        db->Query(text, parley::QueryOptions());
    if (!result.ok()) {
      state.SkipWithError(std::string(result.status().message()).c_str());
      break;
    }
    CountingResult counted(**result);
    const parley::query::ResultFormat format = counted.kind() == parley::QueryResult::Kind::kTriples
                                                   ? parley::query::ResultFormat::kNTriples
                                                   : parley::query::ResultFormat::kJson;
    CountingBuffer buffer;
    std::ostream out(&buffer);
    absl::Status written = parley::query::WriteResult(counted, format, out);
    if (!written.ok()) {
      state.SkipWithError(std::string(written.message()).c_str());
      break;
    }
    rows = counted.kind() == parley::QueryResult::Kind::kBoolean ? (counted.boolean() ? 1 : 0)
                                                                 : counted.rows();
    bytes = buffer.bytes();
  }
  state.counters["rows"] = benchmark::Counter(static_cast<double>(rows));
  state.counters["bytes"] = benchmark::Counter(static_cast<double>(bytes));
}

int Fail(const std::string& message) {
  std::fprintf(stderr, "query_bench: %s\n", message.c_str());
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;

  const char* db_path = std::getenv("PARLEY_BENCH_DB");
  if (db_path == nullptr || *db_path == '\0') {
    return Fail("set PARLEY_BENCH_DB to a database that `parley load` made");
  }
  const char* queries_env = std::getenv("PARLEY_BENCH_QUERIES");
  const std::filesystem::path queries_dir =
      queries_env != nullptr && *queries_env != '\0'
          ? std::filesystem::path(queries_env)
          : std::filesystem::path(PARLEY_SOURCE_DIR) / "bench" / "queries";

  std::vector<std::filesystem::path> files;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(queries_dir, error)) {
    if (entry.path().extension() == ".rq") files.push_back(entry.path());
  }
  if (error) return Fail("cannot list " + queries_dir.string() + ": " + error.message());
  if (files.empty()) return Fail("no .rq files in " + queries_dir.string());
  std::sort(files.begin(), files.end());

  parley::Options options;
  options.read_only = true;
  options.create_if_missing = false;
  absl::StatusOr<std::unique_ptr<parley::Database>> db = parley::Database::Open(db_path, options);
  if (!db.ok()) return Fail(std::string(db.status().message()));

  for (const std::filesystem::path& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in) return Fail("cannot read " + file.string());
    const std::string name = "BM_Query/" + file.stem().string();
    benchmark::RegisterBenchmark(name.c_str(), BM_Query, db->get(), text.str())
        ->UseRealTime()
        ->Unit(benchmark::kMillisecond);
  }

  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
