// Runs the query-evaluation tests of one W3C SPARQL manifest against
// Parley's Database::Query.
//
// Usage: parley_w3c_sparql_eval MANIFEST.ttl KNOWN_FAILURES.txt
//            [--only NAME] [--print-known-failures] [--verbose]
// (--verbose lists known, unapproved and skipped tests too; with --only it
// also prints both answers in full.)
//
// For each mf:QueryEvaluationTest and mf:CSVResultFormatTest in mf:entries:
// a fresh database in a temporary directory; qt:data loaded into the default
// graph and each qt:graphData into the named graph named by its file IRI
// (files named in FROM / FROM NAMED likewise, so the query's dataset clause
// finds them); the query run with its file IRI as base; the answer compared
// with mf:result (tests/support/sparql/sparql_result_compare.h). CSV tests
// compare Parley's CSV output as text (lexical values only).
//
// Only dawgt:Approved tests count. Others run and are reported apart; tests
// that mf:requires an optional behaviour are skipped. KNOWN_FAILURES.txt
// holds one test IRI per line, a tab, then the reason; '#' starts a comment.
// Exit status 1 when an approved test fails that is not listed there. A
// listed test that passes is reported, not failed, so the list can shrink.
// --print-known-failures prints every approved failure in that file's format.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/str_replace.h"
#include "engine/status_macros.h"
#include "formats/rdf/str_cat.h"
#include "parley/database.h"
#include "query/results/result_writer.h"
#include "rdf/iri.h"
#include "tests/support/sparql/sparql_query_text.h"
#include "tests/support/sparql/sparql_result.h"
#include "tests/support/sparql/sparql_result_compare.h"
#include "tests/support/sparql/sparql_result_readers.h"
#include "tests/w3c/sparql/manifest.h"

namespace parley::sparql_test {

// absl::StrCat that also takes std::string_view (Debian's abseil has its own).
using ::parley::engine::io::Cat;
namespace {

namespace fs = std::filesystem;
namespace rdf_io = ::parley::engine::io;

// A query the engine gets wrong may loop; the suite's queries take
// milliseconds when right.
constexpr auto kQueryTimeout = std::chrono::seconds(30);

// A status message on one line (syntax errors carry the query line and a
// caret on lines of their own).
std::string OneLine(absl::string_view message) {
  return absl::StrReplaceAll(message, {{"\n", " | "}, {"\r", ""}});
}

// Removes the directory (and the database in it) when the test ends.
class TempDir {
 public:
  TempDir() {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = Cat(tmp != nullptr ? tmp : "/tmp", "/parley-sparql-XXXXXX");
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

// Loads `file` into `graph` (the default graph when nullopt). RDF/XML goes
// through rapper into N-Triples first; relative IRIs resolve against the
// file's own IRI either way.
absl::Status LoadFile(Database& db, const std::string& file, const std::optional<Term>& graph,
                      const std::string& scratch_dir) {
  LoadOptions options;
  options.graph = graph;
  std::string to_load = file;
  if (file.ends_with(".rdf")) {
    to_load = Cat(scratch_dir, "/", fs::path(file).filename().string(), ".nt");
    if (absl::Status converted = ConvertRdfXmlToNTriples(file, to_load); !converted.ok()) {
      return converted;
    }
  }
  absl::Status loaded = db.Load({to_load}, options).status();
  if (loaded.ok()) return loaded;
  return absl::Status(loaded.code(), Cat(file, ": ", loaded.message()));
}

// The test's dataset: qt:data into the default graph, each qt:graphData
// into the graph named by its file IRI, and the files the query names in
// FROM / FROM NAMED likewise (the query's dataset clause then picks them).
absl::Status LoadDataset(Database& db, const QueryEvalTest& test, const QueryTextFacts& facts,
                         const std::string& query_iri, const std::string& scratch_dir) {
  for (const std::string& file : test.data_files) {
    PARLEY_RETURN_IF_ERROR(LoadFile(db, file, std::nullopt, scratch_dir));
  }
  std::set<std::string> graphs;
  for (const auto& [file, name] : test.graph_data) {
    if (!graphs.insert(name).second) continue;
    PARLEY_RETURN_IF_ERROR(LoadFile(db, file, Term::Iri(name), scratch_dir));
  }
  std::string base = query_iri;
  if (!facts.base.empty()) {
    base.clear();
    ::parley::rdf::ResolveIri(query_iri, facts.base, &base);
  }
  std::vector<std::string> dataset = facts.from;
  dataset.insert(dataset.end(), facts.from_named.begin(), facts.from_named.end());
  for (const std::string& reference : dataset) {
    std::string iri;
    ::parley::rdf::ResolveIri(base, reference, &iri);
    std::string file = PathOfFileIri(iri);
    if (file.empty() || !fs::exists(file) || !graphs.insert(iri).second) continue;
    PARLEY_RETURN_IF_ERROR(LoadFile(db, file, Term::Iri(iri), scratch_dir));
  }
  return absl::OkStatus();
}

// Every row or triple of `result`, one per line, for --verbose --only.
std::string Dump(const SparqlResult& result) {
  std::string text = Cat("    ", Summarize(result), "\n");
  for (const SolutionRow& row : result.rows) {
    text += Cat("    ", FormatRow(result.variables, row), "\n");
  }
  for (const Quad& triple : result.triples) text += Cat("    ", triple.ToNQuads(), "\n");
  return text;
}

// Runs one test; empty on success, else the reason it failed. With `dump`,
// also writes both answers there in full.
std::string RunTest(const QueryEvalTest& test, std::string* dump) {
  if (test.query_file.empty()) return "no qt:query";
  if (test.result_file.empty()) return "no mf:result";
  absl::StatusOr<std::string> query = ReadTextFile(test.query_file);
  if (!query.ok()) return std::string(query.status().message());
  absl::StatusOr<SparqlResult> expected = ReadResultFile(test.result_file);
  if (!expected.ok()) return Cat("expected result: ", expected.status().message());

  TempDir dir;
  if (dir.path().empty()) return "cannot create a temporary directory";
  absl::StatusOr<std::unique_ptr<Database>> db = Database::Open(dir.path() + "/db", Options());
  if (!db.ok()) return Cat("open: ", db.status().message());
  std::string query_iri = ::parley::rdf::FileIri(test.query_file);
  QueryTextFacts facts = ScanQueryText(*query);
  if (absl::Status loaded = LoadDataset(**db, test, facts, query_iri, dir.path()); !loaded.ok()) {
    return Cat("load: ", OneLine(loaded.message()));
  }

  QueryOptions options;
  options.base_iri = query_iri;
  options.deadline = std::chrono::steady_clock::now() + kQueryTimeout;
  absl::StatusOr<std::unique_ptr<QueryResult>> result = (*db)->Query(*query, options);
  if (!result.ok()) return Cat("query failed: ", OneLine(result.status().ToString()));

  absl::StatusOr<SparqlResult> actual;
  if (test.csv_format_test) {
    std::ostringstream csv;
    absl::Status written = query::WriteResult(**result, query::ResultFormat::kCsv, csv);
    if (!written.ok()) return Cat("CSV output failed: ", OneLine(written.ToString()));
    actual = ParseCsv(csv.str());
  } else {
    actual = CollectResult(**result);
  }
  if (!actual.ok()) return Cat("reading the answer: ", OneLine(actual.status().ToString()));

  CompareOptions compare;
  compare.ordered = facts.has_order_by;
  compare.order_by_variables = facts.order_by_variables;
  compare.lax_cardinality = test.lax_cardinality || facts.reduced;
  if (dump != nullptr) *dump = Cat("  expected:\n", Dump(*expected), "  got:\n", Dump(*actual));
  return OneLine(CompareResults(*expected, *actual, compare));
}

// "IRI<tab>reason" lines; '#' comments and blank lines ignored.
std::optional<std::map<std::string, std::string>> ReadKnownFailures(const std::string& path) {
  absl::StatusOr<std::string> text = ReadTextFile(path);
  if (!text.ok()) return std::nullopt;
  std::map<std::string, std::string> known;
  std::istringstream lines(*text);
  std::string line;
  while (std::getline(lines, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    size_t tab = line.find('\t');
    known[line.substr(0, tab)] = tab == std::string::npos ? "" : line.substr(tab + 1);
  }
  return known;
}

// ".../sparql10/basic/manifest.ttl" -> "sparql10/basic".
std::string SuiteLabel(const std::string& manifest_path) {
  fs::path dir = fs::path(manifest_path).parent_path();
  return Cat(dir.parent_path().filename().string(), "/", dir.filename().string());
}

struct Counts {
  int passed = 0;
  int failed = 0;
};

int Run(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr,
                 "usage: %s MANIFEST.ttl KNOWN_FAILURES.txt [--only NAME] "
                 "[--print-known-failures] [--verbose]\n",
                 argv[0]);
    return 2;
  }
  // Without ".." in it, so every file IRI derived from it (graph names, the
  // IRIs in expected results) is spelled one way.
  std::string manifest_path = fs::weakly_canonical(argv[1]).string();
  std::string only;
  bool print_known_failures = false, verbose = false;
  for (int i = 3; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--only" && i + 1 < argc) only = argv[++i];
    if (arg == "--print-known-failures") print_known_failures = true;
    if (arg == "--verbose") verbose = true;
  }
  std::optional<std::map<std::string, std::string>> known = ReadKnownFailures(argv[2]);
  if (!known) {
    std::fprintf(stderr, "cannot read %s\n", argv[2]);
    return 2;
  }
  absl::StatusOr<SparqlManifest> manifest = ReadSparqlManifest(manifest_path);
  if (!manifest.ok()) {
    std::fprintf(stderr, "%s\n", manifest.status().ToString().c_str());
    return 2;
  }

  std::string label = SuiteLabel(manifest_path);
  Counts approved, unapproved;
  int known_failed = 0, skipped = 0;
  std::vector<std::string> report, known_lines;
  for (const QueryEvalTest& test : manifest->tests) {
    if (!only.empty() && test.name != only) continue;
    if (test.approval == "Withdrawn" || test.approval == "Rejected" ||
        test.approval == "Obsoleted") {
      ++skipped;
      continue;
    }
    if (!test.requires_features.empty()) {
      ++skipped;
      if (verbose) {
        report.push_back(
            Cat("  skipped ", test.name, ": requires mf:", test.requires_features.front()));
      }
      continue;
    }
    std::string dump;
    std::string failure = RunTest(test, verbose && !only.empty() ? &dump : nullptr);
    if (!dump.empty()) report.push_back(dump);
    bool is_approved = test.approval == "Approved";
    Counts& counts = is_approved ? approved : unapproved;
    auto listed = known->find(test.iri);
    if (failure.empty()) {
      ++counts.passed;
      if (listed != known->end()) {
        report.push_back(Cat("  now passes, remove from known failures: ", test.iri));
      }
      continue;
    }
    ++counts.failed;
    if (is_approved) known_lines.push_back(Cat(test.iri, "\t", failure));
    if (!is_approved) {
      if (verbose) report.push_back(Cat("  unapproved ", test.name, ": ", failure));
    } else if (listed != known->end()) {
      ++known_failed;
      if (verbose) report.push_back(Cat("  known failure ", test.name, ": ", failure));
    } else {
      report.push_back(Cat("  FAIL ", test.name, " <", test.iri, ">: ", failure));
    }
  }

  if (print_known_failures) {
    for (const std::string& line : known_lines) std::printf("%s\n", line.c_str());
    return 0;
  }
  std::printf("w3c %s: %d passed, %d failed", label.c_str(), approved.passed, approved.failed);
  if (known_failed > 0) std::printf(" (%d known)", known_failed);
  std::printf("\n");
  if (unapproved.passed + unapproved.failed > 0) {
    std::printf("  unapproved (not counted): %d passed, %d failed\n", unapproved.passed,
                unapproved.failed);
  }
  if (skipped > 0) std::printf("  skipped: %d (optional behaviours or withdrawn)\n", skipped);
  for (const std::string& line : report) std::printf("%s\n", line.c_str());
  return approved.failed > known_failed ? 1 : 0;
}

}  // namespace
}  // namespace parley::sparql_test

int main(int argc, char** argv) { return parley::sparql_test::Run(argc, argv); }
