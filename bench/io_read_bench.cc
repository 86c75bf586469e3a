// Reader throughput (statements/s of ReadRdf with an empty sink).
//
// BM_ReadFile reads $PARLEY_BENCH_RDF (default /tmp/neg-1m.nt, made by
// `python3 ../shared/peers/gen_negotiations.py --scale 1000 --seed 42`);
// the format comes from the extension. The in-memory benchmarks need no
// file: generated negotiation-like triples as N-Triples and as Turtle.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <string>

#include "formats/rdf/byte_source.h"
#include "formats/rdf/rdf_reader.h"
#include "formats/rdf/rdf_writer.h"

namespace parley::engine::io {
namespace {

void Read(benchmark::State& state, ByteSource& source, RdfFormat format, uint64_t* statements) {
  ReadOptions options;
  options.format = format;
  auto summary = ReadRdf(source, source.name(), options, [](const QuadView& q) {
    benchmark::DoNotOptimize(q.object.value.data());
    return absl::OkStatus();
  });
  if (!summary.ok()) {
    state.SkipWithError(std::string(summary.status().message()).c_str());
    return;
  }
  *statements += summary->statements;
}

void BM_ReadFile(benchmark::State& state) {
  const char* env = std::getenv("PARLEY_BENCH_RDF");
  std::string path = env != nullptr ? env : "/tmp/neg-1m.nt";
  auto format = RdfFormatFromPath(path);
  uint64_t statements = 0, bytes = 0;
  for (auto _ : state) {
    auto source = ByteSource::Open(path);
    if (!source.ok() || !format) {
      state.SkipWithError(("cannot read " + path).c_str());
      return;
    }
    Read(state, **source, *format, &statements);
    bytes += (*source)->bytes_consumed();
  }
  state.SetItemsProcessed(static_cast<int64_t>(statements));
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_ReadFile)->Unit(benchmark::kMillisecond)->UseRealTime();

// 200k statements shaped like the generated negotiation data.
std::string Generated(RdfFormat format) {
  std::string out;
  WriteOptions options;
  options.format = format;
  options.prefixes = {{"neg", "http://example.org/neg#"}, {"d", "http://example.org/data/"}};
  auto writer = RdfWriter::ToCallback(
      [&](std::string_view data) {
        out.append(data);
        return absl::OkStatus();
      },
      options);
  for (int i = 0; i < 50000; ++i) {
    Term s = Term::Iri("http://example.org/data/meeting/" + std::to_string(i));
    (void)writer->Write(Quad{s, Term::Iri("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                             Term::Iri("http://example.org/neg#Meeting"), Term()});
    (void)writer->Write(Quad{s, Term::Iri("http://www.w3.org/2000/01/rdf-schema#label"),
                             Term::LangLiteral("Meeting number " + std::to_string(i), "en"),
                             Term()});
    (void)writer->Write(Quad{s, Term::Iri("http://example.org/neg#amount"),
                             Term::TypedLiteral(std::to_string(i * 37 % 100000) + ".25",
                                                "http://www.w3.org/2001/XMLSchema#decimal"),
                             Term()});
    (void)writer->Write(Quad{s, Term::Iri("http://example.org/neg#participant"),
                             Term::Iri("http://example.org/data/person/" + std::to_string(i % 977)),
                             Term()});
  }
  (void)writer->Finish();
  return out;
}

void BM_ReadMemory(benchmark::State& state, RdfFormat format) {
  const std::string text = Generated(format);
  uint64_t statements = 0;
  for (auto _ : state) {
    auto source = ByteSource::FromString(text, "generated");
    Read(state, *source, format, &statements);
  }
  state.SetItemsProcessed(static_cast<int64_t>(statements));
  state.SetBytesProcessed(static_cast<int64_t>(text.size() * state.iterations()));
}
BENCHMARK_CAPTURE(BM_ReadMemory, ntriples, RdfFormat::kNTriples)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ReadMemory, turtle, RdfFormat::kTurtle)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace parley::engine::io

BENCHMARK_MAIN();
