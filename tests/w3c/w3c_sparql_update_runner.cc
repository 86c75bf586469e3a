// Runs the W3C SPARQL 1.1 Update evaluation tests (mf:UpdateEvaluationTest
// of sparql11/basic-update/, delete/, ...) against Parley's Database::Update.
//
// Usage: parley_w3c_sparql_update KNOWN_FAILURES.txt MANIFEST.ttl...
//            [--only NAME] [--print-known-failures] [--verbose] [--dry-run]
//
// For each test: a fresh database in a temporary directory; mf:action's
// ut:data loaded into the default graph and each ut:graphData into the named
// graph its rdfs:label names (the file's IRI without a label); ut:request
// run through Database::Update with its file IRI as base and the manifest's
// directory as the only LOAD directory; then the whole dataset compared with
// mf:result's ut:data / ut:graphData, graph by graph, blank nodes up to
// isomorphism. A graph the result does not list must be empty. A result of
// ut:result ut:failure passes when Update refuses the request (and, if the
// result lists data, the store then holds it).
//
// Each manifest is one suite and prints
//   w3c <version>/<dir>: N passed, N failed (K known)
// counting dawgt:Approved tests; others run and are reported apart. Tests
// that mf:requires an optional behaviour, and withdrawn ones, are skipped.
// Each failure prints its missing and extra quads.
//
// KNOWN_FAILURES.txt: one test IRI per line, a tab, then the reason; '#'
// starts a comment. Exit status 1 when an approved test fails that is not
// listed, or a listed test passes (so the list stays true).
// --print-known-failures prints every approved failure in that format.
// --dry-run skips Update (the state before is taken as the result), to test
// the runner itself.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/str_replace.h"
#include "engine/status_macros.h"
#include "formats/rdf/str_cat.h"
#include "parley/database.h"
#include "rdf/iri.h"
#include "tests/support/isomorphism.h"
#include "tests/support/sparql/sparql_result_readers.h"
#include "tests/w3c/sparql/manifest.h"

namespace parley::sparql_test {

// absl::StrCat that also takes std::string_view (Debian's abseil has its own).
using ::parley::engine::io::Cat;
namespace {

namespace fs = std::filesystem;

// An update the engine gets wrong may loop; the suite's take milliseconds.
constexpr auto kUpdateTimeout = std::chrono::seconds(30);
// Missing or extra quads printed per failing graph.
constexpr size_t kMaxDiffLines = 10;

// A status message on one line (syntax errors carry a caret line).
std::string OneLine(absl::string_view message) {
  return absl::StrReplaceAll(message, {{"\n", " | "}, {"\r", ""}});
}

// Removes the directory (and the database in it) when the test ends.
class TempDir {
 public:
  TempDir() {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = Cat(tmp != nullptr ? tmp : "/tmp", "/parley-update-XXXXXX");
    if (mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    if (!path_.empty()) fs::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// The quads of a dataset by graph (Term() is the default graph).
using GraphMap = std::map<Term, std::vector<Quad>>;

// Loads `file` into `graph` (the default graph when nullopt); each Load is
// its own blank node scope. RDF/XML goes through rapper first.
absl::Status LoadFile(Database& db, const std::string& file, const std::optional<Term>& graph,
                      const std::string& scratch_dir) {
  LoadOptions options;
  options.graph = graph;
  std::string to_load = file;
  if (file.ends_with(".rdf")) {
    to_load = Cat(scratch_dir, "/", fs::path(file).filename().string(), ".nt");
    PARLEY_RETURN_IF_ERROR(ConvertRdfXmlToNTriples(file, to_load));
  }
  absl::Status loaded = db.Load({to_load}, options).status();
  if (loaded.ok()) return loaded;
  return absl::Status(loaded.code(), Cat(file, ": ", loaded.message()));
}

absl::Status LoadDataset(Database& db, const UpdateDataset& dataset,
                         const std::string& scratch_dir) {
  for (const std::string& file : dataset.default_graph_files) {
    PARLEY_RETURN_IF_ERROR(LoadFile(db, file, std::nullopt, scratch_dir));
  }
  for (const UpdateGraphFile& named : dataset.named_graphs) {
    PARLEY_RETURN_IF_ERROR(LoadFile(db, named.file, Term::Iri(named.graph), scratch_dir));
  }
  return absl::OkStatus();
}

// The expected dataset: each file's triples in its graph, blank node labels
// prefixed per file so that two files never share a blank node.
absl::StatusOr<GraphMap> ReadExpected(const UpdateDataset& dataset) {
  GraphMap graphs;
  int file_index = 0;
  auto add_file = [&](const std::string& file, const Term& graph) -> absl::Status {
    absl::StatusOr<std::vector<Quad>> quads = ReadRdfFile(file);
    if (!quads.ok())
      return absl::Status(quads.status().code(), Cat(file, ": ", quads.status().message()));
    std::string prefix = Cat("f", std::to_string(file_index++), "x");
    auto scoped = [&](const Term& t) {
      return t.kind() == Term::Kind::kBlankNode ? Term::BlankNode(Cat(prefix, t.value())) : t;
    };
    std::vector<Quad>& into = graphs[graph];
    for (const Quad& q : *quads) {
      into.push_back({scoped(q.subject), q.predicate, scoped(q.object), graph});
    }
    return absl::OkStatus();
  };
  for (const std::string& file : dataset.default_graph_files) {
    PARLEY_RETURN_IF_ERROR(add_file(file, Term()));
  }
  for (const UpdateGraphFile& named : dataset.named_graphs) {
    PARLEY_RETURN_IF_ERROR(add_file(named.file, Term::Iri(named.graph)));
  }
  return graphs;
}

// Everything the database holds now.
absl::StatusOr<GraphMap> ReadStore(Database& db) {
  std::unique_ptr<ReadView> view = db.Snapshot();
  absl::StatusOr<std::unique_ptr<QuadIterator>> it = view->Scan(QuadPattern{});
  if (!it.ok()) return it.status();
  GraphMap graphs;
  for (; (*it)->Valid(); (*it)->Next()) graphs[(*it)->quad().graph].push_back((*it)->quad());
  PARLEY_RETURN_IF_ERROR((*it)->status());
  return graphs;
}

bool HasBlankNode(const Quad& q) {
  return q.subject.kind() == Term::Kind::kBlankNode || q.object.kind() == Term::Kind::kBlankNode;
}

// Missing and extra quads of one graph: ground ones listed (at most
// kMaxDiffLines), those with blank nodes counted.
std::string DescribeGraphDifference(const std::vector<Quad>& expected,
                                    const std::vector<Quad>& actual) {
  std::set<Quad> want, have;
  size_t blank_want = 0, blank_have = 0;
  auto split = [](const std::vector<Quad>& quads, std::set<Quad>* ground, size_t* blank) {
    for (const Quad& q : quads) {
      if (HasBlankNode(q)) {
        ++*blank;
      } else {
        ground->insert(q);
      }
    }
  };
  split(expected, &want, &blank_want);
  split(actual, &have, &blank_have);
  std::string out;
  size_t lines = 0;
  auto list = [&](std::string_view tag, const std::set<Quad>& from, const std::set<Quad>& other) {
    for (const Quad& q : from) {
      if (other.contains(q)) continue;
      if (lines++ == kMaxDiffLines) out += "      ...\n";
      if (lines <= kMaxDiffLines) out += Cat("      ", tag, " ", q.ToNQuads(), "\n");
    }
  };
  list("missing", want, have);
  list("extra  ", have, want);
  if (blank_want + blank_have > 0) {
    out += Cat("      quads with blank nodes: expected ", std::to_string(blank_want), ", got ",
               std::to_string(blank_have), "\n");
  }
  return out;
}

std::string GraphName(const Term& graph) {
  return graph.kind() == Term::Kind::kDefaultGraph ? "default graph" : Cat("<", graph.value(), ">");
}

// Compares graph by graph; a graph absent on one side counts as empty there.
// Empty when equal, else "graphs differ: ..." and a diff for each graph.
std::string CompareDatasets(const GraphMap& expected, const GraphMap& actual,
                            std::string* details) {
  std::set<Term> names;
  for (const auto& [name, quads] : expected) names.insert(name);
  for (const auto& [name, quads] : actual) names.insert(name);
  static const std::vector<Quad> kEmpty;
  std::vector<std::string> differing;
  for (const Term& name : names) {
    auto e = expected.find(name);
    auto a = actual.find(name);
    const std::vector<Quad>& want = e == expected.end() ? kEmpty : e->second;
    const std::vector<Quad>& have = a == actual.end() ? kEmpty : a->second;
    if (::parley::engine::io::IsomorphicDatasets(want, have)) continue;
    differing.push_back(GraphName(name));
    *details += Cat("    ", GraphName(name), ":\n", DescribeGraphDifference(want, have));
  }
  if (differing.empty()) return "";
  std::string summary = "dataset differs in";
  for (const std::string& name : differing) summary += Cat(" ", name);
  return summary;
}

struct Outcome {
  std::string failure;  // one line; empty when the test passed
  std::string details;  // indented lines (the diff), may be empty
};

Outcome RunTest(const UpdateEvalTest& test, bool dry_run) {
  if (test.request_file.empty()) return {"no ut:request", ""};
  if (!test.has_result) return {"no mf:result", ""};
  absl::StatusOr<std::string> request = ReadTextFile(test.request_file);
  if (!request.ok()) return {std::string(request.status().message()), ""};
  absl::StatusOr<GraphMap> expected = ReadExpected(test.after);
  if (!expected.ok()) return {Cat("expected result: ", OneLine(expected.status().message())), ""};

  TempDir dir;
  if (dir.path().empty()) return {"cannot create a temporary directory", ""};
  Options open_options;
  open_options.create_if_missing = true;
  absl::StatusOr<std::unique_ptr<Database>> db = Database::Open(dir.path() + "/db", open_options);
  if (!db.ok()) return {Cat("open: ", OneLine(db.status().message())), ""};
  if (absl::Status loaded = LoadDataset(**db, test.before, dir.path()); !loaded.ok()) {
    return {Cat("load: ", OneLine(loaded.message())), ""};
  }

  if (!dry_run) {
    UpdateOptions options;
    options.base_iri = ::parley::rdf::FileIri(test.request_file);
    options.deadline = std::chrono::steady_clock::now() + kUpdateTimeout;
    options.load_directories = {fs::path(test.request_file).parent_path().string()};
    absl::StatusOr<UpdateSummary> summary = (*db)->Update(*request, options);
    if (test.expect_failure) {
      if (summary.ok()) return {"the request succeeded; ut:failure expected", ""};
      if (test.after.default_graph_files.empty() && test.after.named_graphs.empty()) return {};
    } else if (!summary.ok()) {
      return {Cat("update failed: ", OneLine(summary.status().ToString())), ""};
    }
  }

  absl::StatusOr<GraphMap> actual = ReadStore(**db);
  if (!actual.ok()) return {Cat("reading the store: ", OneLine(actual.status().ToString())), ""};
  Outcome outcome;
  outcome.failure = CompareDatasets(*expected, *actual, &outcome.details);
  return outcome;
}

// "IRI<tab>reason" lines; '#' comments and blank lines ignored.
std::optional<std::map<std::string, std::string>> ReadKnownFailures(const std::string& path) {
  absl::StatusOr<std::string> text = ReadTextFile(path);
  if (!text.ok()) return std::nullopt;
  std::map<std::string, std::string> known;
  std::istringstream lines(*text);
  std::string line;
  while (std::getline(lines, line)) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    size_t tab = line.find('\t');
    known[line.substr(0, tab)] = tab == std::string::npos ? "" : line.substr(tab + 1);
  }
  return known;
}

// ".../sparql11/basic-update/manifest.ttl" -> "sparql11/basic-update".
std::string SuiteLabel(const std::string& manifest_path) {
  fs::path dir = fs::path(manifest_path).parent_path();
  return Cat(dir.parent_path().filename().string(), "/", dir.filename().string());
}

struct Flags {
  std::string only;  // run only the test of this mf:name
  bool print_known_failures = false;
  bool verbose = false;
  bool dry_run = false;
};

struct Counts {
  int passed = 0;
  int failed = 0;
};

class Runner {
 public:
  Runner(std::map<std::string, std::string> known, Flags flags)
      : known_(std::move(known)), flags_(std::move(flags)) {}

  // Runs one manifest; false when it cannot be read.
  bool RunManifest(const std::string& argument) {
    // Without ".." in it, so every file IRI derived from it is spelled one way.
    std::string path = fs::weakly_canonical(argument).string();
    absl::StatusOr<UpdateManifest> manifest = ReadUpdateManifest(path);
    if (!manifest.ok()) {
      std::fprintf(stderr, "%s\n", manifest.status().ToString().c_str());
      ok_ = false;
      return false;
    }
    Counts approved, unapproved;
    int known_failed = 0, skipped = 0;
    std::vector<std::string> report;
    for (const UpdateEvalTest& test : manifest->tests) {
      if (!flags_.only.empty() && test.name != flags_.only) continue;
      if (test.approval == "Withdrawn" || test.approval == "Rejected" ||
          test.approval == "Obsoleted" || !test.requires_features.empty()) {
        ++skipped;
        if (flags_.verbose) report.push_back(Cat("  skipped ", test.name));
        continue;
      }
      Outcome outcome = RunTest(test, flags_.dry_run);
      bool is_approved = test.approval == "Approved";
      Counts& counts = is_approved ? approved : unapproved;
      auto listed = known_.find(test.iri);
      if (outcome.failure.empty()) {
        ++counts.passed;
        if (listed != known_.end()) {
          report.push_back(Cat("  UNEXPECTED PASS ", test.iri, " (listed: ", listed->second, ")"));
          ok_ = false;
        }
        continue;
      }
      ++counts.failed;
      if (is_approved) known_lines_.push_back(Cat(test.iri, "\t", outcome.failure));
      std::string line = Cat(test.name, " <", test.iri, ">: ", outcome.failure);
      if (!is_approved) {
        report.push_back(Cat("  unapproved ", line));
      } else if (listed != known_.end()) {
        ++known_failed;
        if (!flags_.verbose) continue;
        report.push_back(Cat("  known failure ", line));
      } else {
        report.push_back(Cat("  FAIL ", line));
        ok_ = false;
      }
      if (!outcome.details.empty()) report.push_back(outcome.details);
    }
    if (flags_.print_known_failures) return true;
    std::printf("w3c %s: %d passed, %d failed", SuiteLabel(path).c_str(), approved.passed,
                approved.failed);
    if (known_failed > 0) std::printf(" (%d known)", known_failed);
    if (flags_.dry_run) std::printf(" [dry run: no update applied]");
    std::printf("\n");
    if (unapproved.passed + unapproved.failed > 0) {
      std::printf("  unapproved (not counted): %d passed, %d failed\n", unapproved.passed,
                  unapproved.failed);
    }
    if (skipped > 0) std::printf("  skipped: %d (optional behaviours or withdrawn)\n", skipped);
    for (const std::string& line : report) {
      std::printf("%s%s", line.c_str(), line.ends_with('\n') ? "" : "\n");
    }
    return true;
  }

  // --print-known-failures: the approved failures of every manifest run.
  void PrintKnownFailures() const {
    for (const std::string& line : known_lines_) std::printf("%s\n", line.c_str());
  }

  bool ok() const { return ok_; }

 private:
  std::map<std::string, std::string> known_;
  Flags flags_;
  std::vector<std::string> known_lines_;
  bool ok_ = true;
};

int Run(int argc, char** argv) {
  Flags flags;
  std::vector<std::string> manifests;
  for (int i = 2; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--only" && i + 1 < argc) {
      flags.only = argv[++i];
    } else if (arg == "--print-known-failures") {
      flags.print_known_failures = true;
    } else if (arg == "--verbose") {
      flags.verbose = true;
    } else if (arg == "--dry-run") {
      flags.dry_run = true;
    } else {
      manifests.emplace_back(arg);
    }
  }
  if (argc < 3 || manifests.empty()) {
    std::fprintf(stderr,
                 "usage: %s KNOWN_FAILURES.txt MANIFEST.ttl... [--only NAME] "
                 "[--print-known-failures] [--verbose] [--dry-run]\n",
                 argv[0]);
    return 2;
  }
  std::optional<std::map<std::string, std::string>> known = ReadKnownFailures(argv[1]);
  if (!known) {
    std::fprintf(stderr, "cannot read %s\n", argv[1]);
    return 2;
  }
  Runner runner(std::move(*known), flags);
  for (const std::string& manifest : manifests) {
    if (!runner.RunManifest(manifest)) return 2;
  }
  if (flags.print_known_failures) {
    runner.PrintKnownFailures();
    return 0;
  }
  return runner.ok() ? 0 : 1;
}

}  // namespace
}  // namespace parley::sparql_test

int main(int argc, char** argv) { return parley::sparql_test::Run(argc, argv); }
