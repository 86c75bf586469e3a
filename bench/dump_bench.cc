// Cap'n Proto dumps (schema/): write and read 1M generated quads in each
// framing; bytes per quad and quads per second, next to N-Quads text of the
// same data (plain and gzip -6) for scale.
//
//   build/bench/dump_bench --benchmark_counters_tabular=true
//
// The data imitates a knowledge graph exported in index order: 100k
// subjects in order, 40 predicates, objects 40% IRIs, 20% xsd:string, 15%
// language-tagged, 15% xsd:integer, 10% xsd:dateTime; 30% of the quads in
// one of 1,000 named graphs.
#include <benchmark/benchmark.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <random>
#include <span>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "engine/layout/term_codec.h"
#include "formats/dump/dump_reader.h"
#include "formats/dump/dump_writer.h"
#include "parley/quad.h"

namespace parley::schema {
namespace {

constexpr size_t kQuads = 1'000'000;

const std::vector<Quad>& Data() {
  static const std::vector<Quad>* quads = [] {
    auto* out = new std::vector<Quad>();
    out->reserve(kQuads);
    std::mt19937_64 rng(42);
    const std::string ex = "http://example.org/";
    const std::string xsd(kXsd);
    for (size_t i = 0; i < kQuads; ++i) {
      Term s = Term::Iri(absl::StrCat(ex, "entity/", i / 10));
      Term p = Term::Iri(absl::StrCat(ex, "vocab#p", rng() % 40));
      Term o;
      uint64_t kind = rng() % 100;
      if (kind < 40) {
        o = Term::Iri(absl::StrCat(ex, "entity/", rng() % 100000));
      } else if (kind < 60) {
        o = Term::Literal(absl::StrCat("name of thing ", rng() % 200000));
      } else if (kind < 75) {
        o = Term::LangLiteral(absl::StrCat("label ", rng() % 100000), rng() % 2 ? "en" : "de");
      } else if (kind < 90) {
        o = Term::TypedLiteral(absl::StrCat(rng() % 1000000), xsd + "integer");
      } else {
        o = Term::TypedLiteral(
            absl::StrCat("2019-0", 1 + rng() % 9, "-1", rng() % 10, "T10:00:00Z"),
            xsd + "dateTime");
      }
      Term g = rng() % 10 < 3 ? Term::Iri(absl::StrCat(ex, "source/", rng() % 1000)) : Term();
      out->push_back(Quad{std::move(s), std::move(p), std::move(o), std::move(g)});
    }
    return out;
  }();
  return *quads;
}

// The same data as ids of a database dictionary, for the export path.
struct Dictionary {
  std::vector<Term> terms{Term()};
  std::vector<std::string> keys{""};  // engine/layout/term_codec.h keys, as stored
  std::vector<IdQuad> quads;
};

const Dictionary& DataAsIds() {
  static const Dictionary* dictionary = [] {
    auto* d = new Dictionary();
    absl::flat_hash_map<Term, TermId> ids;
    auto id = [&](const Term& t) -> TermId {
      if (t.is_default_graph()) return kDefaultGraphId;
      auto [it, inserted] = ids.try_emplace(t, d->terms.size());
      if (inserted) {
        d->terms.push_back(t);
        d->keys.push_back(engine::EncodeTermKey(t));
      }
      return it->second;
    };
    for (const Quad& q : Data()) {
      d->quads.push_back({id(q.subject), id(q.predicate), id(q.object), id(q.graph)});
    }
    return d;
  }();
  return *dictionary;
}

std::string DumpPath(bool packed, bool zstd) {
  return absl::StrCat("/tmp/parley_dump_bench_", getpid(), packed ? "_packed" : "_plain",
                      zstd ? "_zstd" : "", ".dump");
}

DumpWriterOptions Options(bool packed, bool zstd) {
  DumpWriterOptions options;
  options.packed = packed;
  options.zstd = zstd;
  options.producer = "dump_bench";
  return options;
}

void SetCounters(benchmark::State& state, uint64_t file_bytes) {
  state.counters["quads/s"] = benchmark::Counter(static_cast<double>(kQuads),
                                                 benchmark::Counter::kIsIterationInvariantRate);
  state.counters["B/quad"] = static_cast<double>(file_bytes) / kQuads;
}

// Add(): the writer assigns ids (application path).
void BM_WriteAdd(benchmark::State& state) {
  const bool packed = state.range(0) != 0;
  const bool zstd = state.range(1) != 0;
  const std::vector<Quad>& quads = Data();
  uint64_t bytes = 0;
  for (auto _ : state) {
    auto writer = *DumpWriter::Create(DumpPath(packed, zstd), Options(packed, zstd));
    for (const Quad& q : quads) {
      if (!writer->Add(q).ok()) state.SkipWithError("Add failed");
    }
    bytes = writer->Finish()->file_bytes;
  }
  SetCounters(state, bytes);
}

// AddTermKey() + AddLocalQuads(): the caller numbers terms, as Parley's
// database export does: the whole dictionary first, in id order, then the
// quads in those ids, one chunk's worth per call.
void BM_WriteLocal(benchmark::State& state) {
  const bool packed = state.range(0) != 0;
  const bool zstd = state.range(1) != 0;
  const Dictionary& dictionary = DataAsIds();
  const std::span<const IdQuad> quads(dictionary.quads);
  uint64_t bytes = 0;
  for (auto _ : state) {
    DumpWriterOptions options = Options(packed, zstd);
    options.validate_terms = false;
    auto writer = *DumpWriter::Create(DumpPath(packed, zstd), options);
    for (size_t id = 1; id < dictionary.keys.size(); ++id) {
      if (!writer->AddTermKey(dictionary.keys[id]).ok()) state.SkipWithError("AddTermKey failed");
    }
    for (size_t begin = 0; begin < quads.size(); begin += options.chunk_quads) {
      const size_t n = std::min(options.chunk_quads, quads.size() - begin);
      if (!writer->AddLocalQuads(quads.subspan(begin, n)).ok()) {
        state.SkipWithError("AddLocalQuads failed");
      }
    }
    bytes = writer->Finish()->file_bytes;
  }
  SetCounters(state, bytes);
}

class CountingVisitor : public DumpVisitor {
 public:
  absl::Status OnFooter(const DumpFooter& footer) override {
    file_bytes_ = footer.file_bytes;
    return absl::OkStatus();
  }
  absl::Status OnTerms(uint64_t, std::span<const DumpTermView> terms) override {
    for (const DumpTermView& t : terms) sum_ += t.value.size();
    terms_ += terms.size();
    return absl::OkStatus();
  }
  absl::Status OnQuads(std::span<const IdQuad> quads) override {
    for (const IdQuad& q : quads) sum_ += q.object;
    quads_ += quads.size();
    return absl::OkStatus();
  }
  uint64_t quads_ = 0;
  uint64_t terms_ = 0;
  uint64_t sum_ = 0;
  uint64_t file_bytes_ = 0;
};

void BM_Read(benchmark::State& state) {
  const bool packed = state.range(0) != 0;
  const bool zstd = state.range(1) != 0;
  const bool validate = state.range(2) != 0;
  {
    auto writer = *DumpWriter::Create(DumpPath(packed, zstd), Options(packed, zstd));
    for (const Quad& q : Data()) (void)writer->Add(q);
    (void)writer->Finish();
  }
  uint64_t bytes = 0;
  for (auto _ : state) {
    CountingVisitor visitor;
    DumpReaderOptions options;
    options.validate_terms = validate;
    absl::Status status = ReadDumpFile(DumpPath(packed, zstd), visitor, options);
    if (!status.ok() || visitor.quads_ != kQuads) state.SkipWithError("read failed");
    benchmark::DoNotOptimize(visitor.sum_);
    bytes = visitor.file_bytes_;
  }
  SetCounters(state, bytes);
  std::remove(DumpPath(packed, zstd).c_str());
}

// For scale: N-Quads text of the same quads, and its gzip -6 size.
void BM_NQuadsText(benchmark::State& state) {
  const std::vector<Quad>& quads = Data();
  uint64_t text_bytes = 0;
  uint64_t gzip_bytes = 0;
  for (auto _ : state) {
    std::string text;
    for (const Quad& q : quads) {
      text += q.ToNQuads();
      text += '\n';
    }
    text_bytes = text.size();
    state.PauseTiming();
    uLongf size = compressBound(text.size());
    std::string gz(size, '\0');
    z_stream z{};
    deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    z.next_in = reinterpret_cast<Bytef*>(text.data());
    z.avail_in = static_cast<uInt>(text.size());
    z.next_out = reinterpret_cast<Bytef*>(gz.data());
    z.avail_out = static_cast<uInt>(gz.size());
    deflate(&z, Z_FINISH);
    gzip_bytes = z.total_out;
    deflateEnd(&z);
    state.ResumeTiming();
  }
  SetCounters(state, text_bytes);
  state.counters["gzip B/quad"] = static_cast<double>(gzip_bytes) / kQuads;
}

#define FRAMINGS \
  ArgNames({"packed", "zstd"})->Args({0, 0})->Args({1, 0})->Args({0, 1})->Args({1, 1})
BENCHMARK(BM_WriteAdd)->FRAMINGS->Unit(benchmark::kMillisecond)->Iterations(2);
BENCHMARK(BM_WriteLocal)->FRAMINGS->Unit(benchmark::kMillisecond)->Iterations(2);
BENCHMARK(BM_Read)
    ->ArgNames({"packed", "zstd", "validate"})
    ->Args({0, 0, 1})
    ->Args({0, 0, 0})
    ->Args({1, 0, 1})
    ->Args({0, 1, 1})
    ->Args({1, 1, 1})
    ->Unit(benchmark::kMillisecond)
    ->Iterations(2);
BENCHMARK(BM_NQuadsText)->Unit(benchmark::kMillisecond)->Iterations(1);
#undef FRAMINGS

}  // namespace
}  // namespace parley::schema

BENCHMARK_MAIN();
