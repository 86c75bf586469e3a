// Runs Parley's file-driven query tests.
//
// Usage: parley_query_cases CASES_DIR [SUBSTRING]
//
// Every CASES_DIR/<topic>/<name>.rq is one case, run against a fresh
// database holding its data (default and named graphs as written): <name>.trig
// when it exists, else the nearest data.trig in its folder or a folder above
// up to CASES_DIR (so cases share a dataset unless they need their own), else
// nothing. The query's base is its file IRI. The expectation is the first of
// these that exists:
//   <name>.srj, .srx, .tsv  the solutions or boolean (tests/support/sparql
//                           readers); ORDER BY in the query makes order count
//   <name>.ttl, .nt         the CONSTRUCT / DESCRIBE graph, up to isomorphism
//   <name>.error            the query fails, and its message contains this
//                           file's text (trailing newlines ignored)
// With SUBSTRING only cases whose "topic/name" contains it run. Exit status 1
// when a case fails.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "formats/rdf/str_cat.h"
#include "parley/database.h"
#include "rdf/iri.h"
#include "tests/support/sparql/sparql_query_text.h"
#include "tests/support/sparql/sparql_result.h"
#include "tests/support/sparql/sparql_result_compare.h"
#include "tests/support/sparql/sparql_result_readers.h"

namespace parley::sparql_test {

// absl::StrCat that also takes std::string_view (Debian's abseil has its own).
using ::parley::engine::io::Cat;
namespace {

namespace fs = std::filesystem;

constexpr auto kQueryTimeout = std::chrono::seconds(30);
constexpr const char* kExpectationExtensions[] = {".srj", ".srx", ".tsv", ".ttl", ".nt", ".error"};

std::string OneLine(absl::string_view message) {
  return absl::StrReplaceAll(message, {{"\n", " | "}, {"\r", ""}});
}

// <name>.trig, else the nearest data.trig from the case's folder up to
// `root`; empty when there is none.
fs::path DataFileOf(const fs::path& query_file, const fs::path& root) {
  fs::path own = fs::path(query_file).replace_extension(".trig");
  if (fs::exists(own)) return own;
  for (fs::path dir = query_file.parent_path();; dir = dir.parent_path()) {
    if (fs::exists(dir / "data.trig")) return dir / "data.trig";
    if (fs::equivalent(dir, root) || dir == dir.parent_path()) return {};
  }
}

// Empty on success, else why the case failed.
std::string RunCase(const fs::path& query_file, const fs::path& root,
                    const std::string& scratch_dir) {
  fs::path expectation;
  for (const char* extension : kExpectationExtensions) {
    fs::path candidate = fs::path(query_file).replace_extension(extension);
    if (fs::exists(candidate)) {
      expectation = candidate;
      break;
    }
  }
  if (expectation.empty()) return "no expectation file (.srj .srx .tsv .ttl .nt .error)";
  absl::StatusOr<std::string> query = ReadTextFile(query_file.string());
  if (!query.ok()) return std::string(query.status().message());

  std::error_code ignored;
  fs::remove_all(scratch_dir, ignored);
  absl::StatusOr<std::unique_ptr<Database>> db = Database::Open(scratch_dir, Options());
  if (!db.ok()) return Cat("open: ", db.status().message());
  if (fs::path data = DataFileOf(query_file, root); !data.empty()) {
    absl::StatusOr<LoadSummary> loaded = (*db)->Load({data.string()}, LoadOptions());
    if (!loaded.ok()) return Cat("load: ", OneLine(loaded.status().message()));
  }

  QueryOptions options;
  options.base_iri = rdf::FileIri(query_file.string());
  options.deadline = std::chrono::steady_clock::now() + kQueryTimeout;
  absl::StatusOr<std::unique_ptr<QueryResult>> result = (*db)->Query(*query, options);
  if (expectation.extension() == ".error") {
    absl::StatusOr<std::string> wanted = ReadTextFile(expectation.string());
    if (!wanted.ok()) return std::string(wanted.status().message());
    std::string needle(absl::StripTrailingAsciiWhitespace(*wanted));
    absl::Status status = result.ok() ? CollectResult(**result).status() : result.status();
    if (status.ok()) return Cat("expected an error containing \"", needle, "\"");
    if (status.message().find(needle) == std::string_view::npos) {
      return Cat("expected an error containing \"", needle, "\", got ", OneLine(status.ToString()));
    }
    return "";
  }
  if (!result.ok()) return Cat("query failed: ", OneLine(result.status().ToString()));
  absl::StatusOr<SparqlResult> actual = CollectResult(**result);
  if (!actual.ok()) return Cat("reading the answer: ", OneLine(actual.status().ToString()));
  absl::StatusOr<SparqlResult> expected = ReadResultFile(expectation.string());
  if (!expected.ok()) return Cat("expected result: ", expected.status().message());

  QueryTextFacts facts = ScanQueryText(*query);
  CompareOptions compare;
  compare.ordered = facts.has_order_by;
  compare.order_by_variables = facts.order_by_variables;
  compare.lax_cardinality = facts.reduced;
  return OneLine(CompareResults(*expected, *actual, compare));
}

int Run(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s CASES_DIR [SUBSTRING]\n", argv[0]);
    return 2;
  }
  fs::path root = argv[1];
  std::string filter = argc > 2 ? argv[2] : "";
  std::vector<fs::path> queries;
  std::error_code error;
  for (const fs::directory_entry& entry : fs::recursive_directory_iterator(root, error)) {
    if (entry.path().extension() == ".rq") queries.push_back(entry.path());
  }
  if (error || queries.empty()) {
    std::fprintf(stderr, "no cases (*.rq) under %s\n", root.c_str());
    return 2;
  }
  std::sort(queries.begin(), queries.end());

  const char* tmp = std::getenv("TMPDIR");
  std::string scratch = Cat(tmp != nullptr ? tmp : "/tmp", "/parley-cases-XXXXXX");
  if (mkdtemp(scratch.data()) == nullptr) {
    std::fprintf(stderr, "cannot create a temporary directory\n");
    return 2;
  }
  int passed = 0, failed = 0;
  for (const fs::path& query : queries) {
    std::string name = fs::relative(query, root).replace_extension().string();
    if (!filter.empty() && name.find(filter) == std::string::npos) continue;
    std::string failure = RunCase(query, root, scratch + "/db");
    if (failure.empty()) {
      ++passed;
    } else {
      ++failed;
      std::printf("  FAIL %s: %s\n", name.c_str(), failure.c_str());
    }
  }
  fs::remove_all(scratch, error);
  std::printf("query cases: %d passed, %d failed\n", passed, failed);
  return failed > 0 ? 1 : 0;
}

}  // namespace
}  // namespace parley::sparql_test

int main(int argc, char** argv) { return parley::sparql_test::Run(argc, argv); }
