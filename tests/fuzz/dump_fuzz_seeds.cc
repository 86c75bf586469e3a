// Writes the seed corpus of dump_reader_fuzz into the directory argv[1]
// (emptied first): small valid dumps in every framing and feeding mode, so
// the fuzzer starts from inputs that reach deep into the reader.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "formats/dump/dump_writer.h"
#include "parley/quad.h"

namespace {

using parley::Quad;
using parley::Term;
using parley::schema::DumpWriter;
using parley::schema::DumpWriterOptions;

std::vector<Quad> Quads() {
  const std::string ex = "http://example.org/";
  const Term s = Term::Iri(ex + "s");
  const Term p = Term::Iri(ex + "p");
  const Term g = Term::Iri(ex + "g");
  return {
      {s, p, Term::Iri(ex + "o"), Term()},
      {s, p, Term::Literal("text"), g},
      {Term::BlankNode("b"), p, Term::LangLiteral("hi", "en"), g},
      {s, p, Term::TypedLiteral("42", std::string(parley::kXsd) + "integer"), Term()},
      {s, p, Term::TypedLiteral("x", ex + "dt"), Term::BlankNode("g2")},
      {s, p, Term::TypedLiteral("7", ex + "dt"), Term()},
  };
}

bool WriteSeed(const std::filesystem::path& dir, const std::string& name, DumpWriterOptions options,
               bool with_terms) {
  std::string bytes;
  options.chunk_quads = 2;
  auto writer = DumpWriter::CreateInMemory(&bytes, options);
  if (!writer.ok()) return false;
  for (const Quad& q : Quads()) {
    absl::Status status = with_terms ? (*writer)->AddWithTerms(q) : (*writer)->Add(q);
    if (!status.ok()) return false;
  }
  if (!(*writer)->Finish().ok()) return false;
  std::ofstream out(dir / name, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return static_cast<bool>(out);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s CORPUS_DIR\n", argv[0]);
    return 2;
  }
  std::filesystem::path dir(argv[1]);
  std::error_code error;
  std::filesystem::remove_all(dir, error);
  std::filesystem::create_directories(dir, error);
  if (error) {
    std::fprintf(stderr, "cannot create %s: %s\n", argv[1], error.message().c_str());
    return 1;
  }
  bool ok = true;
  for (bool packed : {false, true}) {
    for (bool zstd : {false, true}) {
      for (bool with_terms : {false, true}) {
        DumpWriterOptions options;
        options.packed = packed;
        options.zstd = zstd;
        options.producer = "seed";
        options.prefixes = {{"ex", "http://example.org/"}};
        std::string name = std::string(packed ? "packed" : "plain") + (zstd ? "_zstd" : "") +
                           (with_terms ? "_terms" : "_ids") + ".dump";
        ok = WriteSeed(dir, name, options, with_terms) && ok;
      }
    }
  }
  return ok ? 0 : 1;
}
