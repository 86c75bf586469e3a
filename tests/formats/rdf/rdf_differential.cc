// A differential check of Parley's RDF readers against an independent one,
// serd's command-line tool `serdi` in strict mode: for each document,
// whatever one accepts the other must accept, with an isomorphic dataset.
// (Parley's readers drive serd's low-level reader, but they split
// statements, read N-Triples/N-Quads lines, check terms and track graphs
// themselves, and all of that is what this compares.)
//
// Usage:
//   parley_rdf_differential SERDI KNOWN.txt FILE|DIR...
//     Documents by extension (.nt .nq .ttl .trig; directories are walked),
//     read with base http://example.org/base/<file name>. Exit status 1
//     when they disagree on a document not listed in KNOWN.txt, or a listed
//     one agrees (so the list stays true).
//   parley_rdf_differential SERDI --fuzz-corpus DIR
//     The inputs of tests/fuzz/rdf_reader_fuzz.cc (a control byte whose
//     bits 0-1 choose the format, then the document); compressed documents
//     and documents with NUL bytes (the end of input for serd) are left out. Prints counts and
//     every disagreement; exit status 0.
//
// KNOWN.txt: a document's file name, a tab, the reason; '#' starts a comment.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "formats/rdf/byte_source.h"
#include "formats/rdf/rdf_format.h"
#include "formats/rdf/rdf_reader.h"
#include "parley/quad.h"
#include "tests/support/isomorphism.h"

namespace parley::engine::io {
namespace {

namespace fs = std::filesystem;

constexpr char kBase[] = "http://example.org/base/";

absl::StatusOr<std::vector<Quad>> ReadWith(ByteSource& source, const std::string& name,
                                           RdfFormat format, const std::string& base) {
  ReadOptions options;
  options.format = format;
  options.base_iri = base;
  std::vector<Quad> quads;
  auto summary = ReadRdf(source, name, options, [&](const QuadView& q) {
    quads.push_back(
        Quad{q.subject.ToTerm(), q.predicate.ToTerm(), q.object.ToTerm(), q.graph.ToTerm()});
    return absl::OkStatus();
  });
  if (!summary.ok()) return summary.status();
  return quads;
}

absl::StatusOr<std::vector<Quad>> ParleyReads(const std::string& path, RdfFormat format,
                                              const std::string& base) {
  auto source = ByteSource::Open(path);
  if (!source.ok()) return source.status();
  return ReadWith(**source, path, format, base);
}

// What serdi made of a document: nullopt when it rejected it (or died).
struct SerdVerdict {
  std::optional<std::vector<Quad>> quads;
  std::string note;  // why it has no quads
};

SerdVerdict SerdReads(const std::string& serdi, const std::string& path, RdfFormat format,
                      const std::string& base, const std::string& scratch) {
  const std::string syntax(RdfFormatName(format));
  const std::string command = "'" + serdi + "' -i " + syntax + " -o nquads '" + path + "' '" +
                              base + "' > '" + scratch + "' 2> '" + scratch + ".err'";
  const int status = std::system(command.c_str());
  SerdVerdict verdict;
  if (status == -1 || !WIFEXITED(status)) {
    verdict.note = "serdi died";
    return verdict;
  }
  // serdi may report an error and still exit with status 0.
  std::ifstream errors(scratch + ".err");
  std::stringstream error_text;
  error_text << errors.rdbuf();
  if (WEXITSTATUS(status) != 0 || error_text.str().find("error: ") != std::string::npos) {
    verdict.note = "serdi rejected it";
    return verdict;
  }
  // serdi's own output, read back as N-Quads, so that both sides compare
  // as terms whatever escapes each writer chose.
  auto quads = ParleyReads(scratch, RdfFormat::kNQuads, "");
  if (!quads.ok()) {
    verdict.note = "serdi's output is unreadable: " + std::string(quads.status().message());
    return verdict;
  }
  verdict.quads = *std::move(quads);
  return verdict;
}

// The disagreement about one document, or "" when they agree.
std::string Compare(const std::string& serdi, const std::string& path, RdfFormat format,
                    const std::string& base, const std::string& scratch) {
  absl::StatusOr<std::vector<Quad>> parley = ParleyReads(path, format, base);
  SerdVerdict serd = SerdReads(serdi, path, format, base, scratch);
  if (!parley.ok() && !serd.quads) return "";
  if (parley.ok() && !serd.quads) return "Parley accepts it, " + serd.note;
  if (!parley.ok()) {
    return "serdi accepts it, Parley rejects it: " + std::string(parley.status().message());
  }
  if (!IsomorphicDatasets(*parley, *serd.quads)) {
    return "different datasets:\n" + DescribeDatasetDifference(*parley, *serd.quads);
  }
  return "";
}

std::optional<RdfFormat> FormatOf(const fs::path& path) {
  const std::string ext = path.extension().string();
  if (ext == ".nt") return RdfFormat::kNTriples;
  if (ext == ".nq") return RdfFormat::kNQuads;
  if (ext == ".ttl") return RdfFormat::kTurtle;
  if (ext == ".trig") return RdfFormat::kTrig;
  return std::nullopt;
}

std::map<std::string, std::string> ReadKnown(const std::string& path) {
  std::map<std::string, std::string> known;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    const size_t tab = line.find('\t');
    known[line.substr(0, tab)] = tab == std::string::npos ? "" : line.substr(tab + 1);
  }
  return known;
}

int CheckDocuments(const std::string& serdi, const std::string& known_path,
                   const std::vector<std::string>& roots, const std::string& scratch) {
  const std::map<std::string, std::string> known = ReadKnown(known_path);
  std::vector<fs::path> documents;
  for (const std::string& root : roots) {
    if (fs::is_directory(root)) {
      for (const auto& entry : fs::recursive_directory_iterator(root)) {
        if (entry.is_regular_file() && FormatOf(entry.path())) documents.push_back(entry.path());
      }
    } else {
      documents.emplace_back(root);
    }
  }
  std::sort(documents.begin(), documents.end());
  int agreed = 0, known_differences = 0;
  bool ok = true;
  for (const fs::path& document : documents) {
    const std::string name = document.filename().string();
    const std::string difference =
        Compare(serdi, document.string(), *FormatOf(document), kBase + name, scratch);
    const auto listed = known.find(name);
    if (difference.empty()) {
      ++agreed;
      if (listed != known.end()) {
        std::printf("UNEXPECTED AGREEMENT %s (listed: %s)\n", name.c_str(), listed->second.c_str());
        ok = false;
      }
    } else if (listed != known.end()) {
      ++known_differences;
    } else {
      std::printf("DISAGREE %s: %s\n", document.string().c_str(), difference.c_str());
      ok = false;
    }
  }
  std::printf("differential (serdi): %zu documents, %d agree, %d known differences\n",
              documents.size(), agreed, known_differences);
  return ok ? 0 : 1;
}

int CheckFuzzCorpus(const std::string& serdi, const std::string& corpus,
                    const std::string& scratch) {
  const std::string document = scratch + ".doc";
  int inputs = 0, compared = 0, agreed = 0, with_nul = 0;
  std::map<std::string, int> kinds;
  for (const auto& entry : fs::directory_iterator(corpus)) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    const std::string input = bytes.str();
    ++inputs;
    if (input.empty()) continue;
    const std::string text = input.substr(1);
    if (text.size() >= 2 && ((text[0] == '\x1f' && text[1] == '\x8b') ||
                             (text.size() >= 4 && text.compare(0, 4, "\x28\xb5\x2f\xfd") == 0))) {
      continue;
    }
    // serd takes a NUL byte for the end of its input, so it cannot judge
    // a document that holds one (Parley reads NUL inside strings, and
    // rejects it elsewhere).
    if (text.find('\0') != std::string::npos) {
      ++with_nul;
      continue;
    }
    const RdfFormat format = static_cast<RdfFormat>(static_cast<unsigned char>(input[0]) & 3);
    std::ofstream(document, std::ios::binary) << text;
    ++compared;
    const std::string difference = Compare(serdi, document, format, kBase, scratch);
    if (difference.empty()) {
      ++agreed;
      continue;
    }
    kinds[std::string(RdfFormatName(format)) + ": " + difference.substr(0, difference.find(':'))]++;
    std::printf("DISAGREE %s (%s): %s\n", entry.path().filename().string().c_str(),
                std::string(RdfFormatName(format)).c_str(), difference.c_str());
  }
  std::printf(
      "differential (serdi), fuzz corpus: %d inputs, %d compared, %d agree (%d with NUL bytes "
      "left out)\n",
      inputs, compared, agreed, with_nul);
  for (const auto& [kind, count] : kinds) std::printf("  %6d  %s\n", count, kind.c_str());
  return 0;
}

}  // namespace
}  // namespace parley::engine::io

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr,
                 "usage: %s SERDI KNOWN.txt FILE|DIR...\n"
                 "       %s SERDI --fuzz-corpus DIR\n",
                 argv[0], argv[0]);
    return 2;
  }
  const std::string scratch =
      (std::filesystem::temp_directory_path() / ("parley-differential-" + std::to_string(getpid())))
          .string();
  int status = 0;
  if (std::string(argv[2]) == "--fuzz-corpus") {
    status = parley::engine::io::CheckFuzzCorpus(argv[1], argv[3], scratch);
  } else {
    status = parley::engine::io::CheckDocuments(
        argv[1], argv[2], std::vector<std::string>(argv + 3, argv + argc), scratch);
  }
  std::error_code ignored;
  std::filesystem::remove(scratch, ignored);
  std::filesystem::remove(scratch + ".doc", ignored);
  std::filesystem::remove(scratch + ".err", ignored);
  return status;
}
