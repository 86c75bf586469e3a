// Runs Parley's file-driven query tests.
//
// Usage: parley_query_cases CASES_DIR [SUBSTRING] [--data FILE]
//
// Every CASES_DIR/<topic>/<name>.rq is one case, run against a database
// holding its data (default and named graphs as written; cases with the same
// data share one database, loaded once, as queries do not write): <name>.trig
// when it exists, else the nearest data.trig in its folder or a folder above
// up to CASES_DIR (so cases share a dataset unless they need their own), else
// nothing. With --data FILE, FILE (any format Database::Load reads) takes the
// place of data.trig for every case without a <name>.trig of its own: the
// example questions of examples/queries/ run that way against the bundled
// sample, schema/sample/trade-talks-2019-02-15.trig, without a copy of it.
// The query's base is its file IRI. The expectation is the first of these
// that exists:
//   <name>.srj, .srx, .tsv  the solutions or boolean (tests/support/sparql
//                           readers); ORDER BY in the query makes order count
//   <name>.ttl, .nt         the CONSTRUCT / DESCRIBE graph, up to isomorphism
//   <name>.error            the query fails, from Database::Query or while its
//                           answer is read (grammar below)
//
// <name>.error: lines that start with '@' are checks, one per line:
//   @status CODE            the status code, spelled as absl::StatusCodeToString
//                           spells it: INVALID_ARGUMENT, DEADLINE_EXCEEDED,
//                           CANCELLED, RESOURCE_EXHAUSTED, ...
//   @position LINE:COLUMN   the message starts "line LINE, column COLUMN:" (a
//                           syntax error's position; columns count code points)
//   @incomplete true|false  parley::IsIncompleteQuery(status): the text ended
//                           early (a shell would keep reading) or is wrong
// Every other line, joined as written (trailing white space of the file
// ignored), must occur in the message: a fragment of it, or the offending
// line and the caret line under it. A file without '@' lines is one such
// fragment, as before the checks existed.
//
// <name>.options, optional: query options, one "key value" per line; blank
// lines and lines starting with '#' are skipped. An unknown key, a repeated
// key or a malformed value fails the case.
//   timeout_ms N            deadline N milliseconds after Database::Query is
//                           called (default 30000)
//   memory_budget_bytes N   QueryOptions::memory_budget_bytes (default 1 GiB)
//   union_default_graph B   QueryOptions::default_graph_is_union (true|false)
//   base IRI                QueryOptions::base_iri, instead of the file IRI
//   cancel B                true: the cancel flag is set before the query
//                           runs; the case then needs a .error expectation
//                           and the status must be CANCELLED
//
// With SUBSTRING only cases whose "topic/name" contains it run. Exit status 1
// when a case fails.
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "formats/rdf/str_cat.h"
#include "parley/database.h"
#include "parley/query.h"
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

constexpr auto kDefaultTimeout = std::chrono::milliseconds(30000);
constexpr const char* kExpectationExtensions[] = {".srj", ".srx", ".tsv", ".ttl", ".nt", ".error"};

std::string OneLine(absl::string_view message) {
  return absl::StrReplaceAll(message, {{"\n", " | "}, {"\r", ""}});
}

// <name>.trig, else `data` when set (--data), else the nearest data.trig
// from the case's folder up to `root`; empty when there is none.
fs::path DataFileOf(const fs::path& query_file, const fs::path& root, const fs::path& data) {
  fs::path own = fs::path(query_file).replace_extension(".trig");
  if (fs::exists(own)) return own;
  if (!data.empty()) return data;
  for (fs::path dir = query_file.parent_path();; dir = dir.parent_path()) {
    if (fs::exists(dir / "data.trig")) return dir / "data.trig";
    if (fs::equivalent(dir, root) || dir == dir.parent_path()) return {};
  }
}

// The lines of `text` that are neither blank nor '#' comments, each split
// into its first word and the rest (both stripped); `text`'s line numbers
// come along for messages.
struct KeyValueLine {
  int line = 0;
  std::string key;
  std::string value;
};

std::vector<KeyValueLine> KeyValueLines(absl::string_view text) {
  std::vector<KeyValueLine> lines;
  int number = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++number;
    line = absl::StripAsciiWhitespace(line);
    if (line.empty() || line.front() == '#') continue;
    size_t space = line.find_first_of(" \t");
    KeyValueLine entry;
    entry.line = number;
    entry.key = std::string(line.substr(0, space));
    if (space != absl::string_view::npos) {
      entry.value = std::string(absl::StripAsciiWhitespace(line.substr(space)));
    }
    lines.push_back(std::move(entry));
  }
  return lines;
}

absl::Status ParseBool(const KeyValueLine& entry, bool* out) {
  if (entry.value == "true") {
    *out = true;
  } else if (entry.value == "false") {
    *out = false;
  } else {
    return absl::InvalidArgumentError(
        Cat("line ", entry.line, ": ", entry.key, " takes true or false, not '", entry.value, "'"));
  }
  return absl::OkStatus();
}

absl::Status ParseCount(const KeyValueLine& entry, uint64_t* out) {
  if (!absl::SimpleAtoi(entry.value, out)) {
    return absl::InvalidArgumentError(Cat("line ", entry.line, ": ", entry.key,
                                          " takes a non-negative integer, not '", entry.value,
                                          "'"));
  }
  return absl::OkStatus();
}

// What <name>.options asks for (see the header comment).
struct CaseOptions {
  std::chrono::milliseconds timeout = kDefaultTimeout;
  uint64_t memory_budget_bytes = QueryOptions().memory_budget_bytes;
  bool union_default_graph = false;
  std::optional<std::string> base_iri;
  bool cancel = false;
};

absl::StatusOr<CaseOptions> ReadCaseOptions(const fs::path& file) {
  CaseOptions options;
  if (!fs::exists(file)) return options;
  absl::StatusOr<std::string> text = ReadTextFile(file.string());
  if (!text.ok()) return text.status();
  std::vector<std::string> seen;
  for (const KeyValueLine& entry : KeyValueLines(*text)) {
    if (std::find(seen.begin(), seen.end(), entry.key) != seen.end()) {
      return absl::InvalidArgumentError(
          Cat("line ", entry.line, ": option '", entry.key, "' given twice"));
    }
    seen.push_back(entry.key);
    absl::Status status;
    if (entry.key == "timeout_ms") {
      uint64_t ms = 0;
      status = ParseCount(entry, &ms);
      options.timeout = std::chrono::milliseconds(ms);
    } else if (entry.key == "memory_budget_bytes") {
      status = ParseCount(entry, &options.memory_budget_bytes);
    } else if (entry.key == "union_default_graph") {
      status = ParseBool(entry, &options.union_default_graph);
    } else if (entry.key == "base") {
      if (entry.value.empty()) {
        status = absl::InvalidArgumentError(Cat("line ", entry.line, ": base takes an IRI"));
      }
      options.base_iri = entry.value;
    } else if (entry.key == "cancel") {
      status = ParseBool(entry, &options.cancel);
    } else {
      status = absl::InvalidArgumentError(
          Cat("line ", entry.line, ": unknown option '", entry.key,
              "' (timeout_ms, memory_budget_bytes, union_default_graph, base, cancel)"));
    }
    if (!status.ok()) return status;
  }
  return options;
}

// Empty when `status` (not OK) meets the .error file `wanted`, else why not.
std::string CheckError(const absl::Status& status, absl::string_view wanted) {
  std::vector<std::string> fragment_lines;
  std::vector<KeyValueLine> checks;
  int number = 0;
  for (absl::string_view line : absl::StrSplit(absl::StripTrailingAsciiWhitespace(wanted), '\n')) {
    ++number;
    if (!line.empty() && line.front() == '@') {
      std::vector<KeyValueLine> parsed = KeyValueLines(line.substr(1));
      if (parsed.empty()) return Cat(".error line ", number, ": an empty '@' check");
      parsed.front().line = number;
      checks.push_back(std::move(parsed.front()));
    } else {
      fragment_lines.emplace_back(absl::StripSuffix(line, "\r"));
    }
  }
  std::string got = Cat(" (got ", OneLine(status.ToString()), ")");
  for (const KeyValueLine& check : checks) {
    if (check.key == "status") {
      std::string code = absl::StatusCodeToString(status.code());
      if (code != check.value) return Cat("expected status ", check.value, got);
    } else if (check.key == "position") {
      std::vector<std::string> parts = absl::StrSplit(check.value, ':');
      int line = 0, column = 0;
      if (parts.size() != 2 || !absl::SimpleAtoi(parts[0], &line) ||
          !absl::SimpleAtoi(parts[1], &column)) {
        return Cat(".error line ", check.line, ": @position takes LINE:COLUMN");
      }
      std::string prefix = Cat("line ", line, ", column ", column, ":");
      if (!absl::StartsWith(status.message(), prefix)) {
        return Cat("expected the error at line ", line, ", column ", column, got);
      }
    } else if (check.key == "incomplete") {
      bool incomplete = false;
      absl::Status parsed = ParseBool(check, &incomplete);
      if (!parsed.ok()) return Cat(".error ", parsed.message());
      if (IsIncompleteQuery(status) != incomplete) {
        return Cat(incomplete ? "expected an incomplete query" : "expected a complete query", got);
      }
    } else {
      return Cat(".error line ", check.line, ": unknown check '@", check.key,
                 "' (@status, @position, @incomplete)");
    }
  }
  std::string fragment = absl::StrJoin(fragment_lines, "\n");
  fragment = std::string(absl::StripTrailingAsciiWhitespace(fragment));
  if (!fragment.empty() && status.message().find(fragment) == std::string_view::npos) {
    return Cat("expected an error containing \"", OneLine(fragment), "\"", got);
  }
  return "";
}

// One database per data file, loaded on first use and shared by the cases
// that read it: queries do not write, and a load costs far more than a query.
class Databases {
 public:
  explicit Databases(std::string scratch_dir) : scratch_dir_(std::move(scratch_dir)) {}

  // The database holding `data` (nothing when empty).
  absl::StatusOr<Database*> For(const fs::path& data) {
    std::string key = data.string();
    for (const auto& [path, db] : open_) {
      if (path == key) return db.get();
    }
    std::string dir = Cat(scratch_dir_, "/db", open_.size());
    absl::StatusOr<std::unique_ptr<Database>> db = Database::Open(dir, Options());
    if (!db.ok()) return absl::Status(db.status().code(), Cat("open: ", db.status().message()));
    if (!data.empty()) {
      absl::StatusOr<LoadSummary> loaded = (*db)->Load({key}, LoadOptions());
      if (!loaded.ok()) {
        return absl::Status(loaded.status().code(), Cat("load: ", loaded.status().message()));
      }
    }
    open_.emplace_back(key, *std::move(db));
    return open_.back().second.get();
  }

 private:
  std::string scratch_dir_;
  std::vector<std::pair<std::string, std::unique_ptr<Database>>> open_;
};

// Empty on success, else why the case failed.
std::string RunCase(const fs::path& query_file, const fs::path& root, const fs::path& data,
                    Databases* databases) {
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
  absl::StatusOr<CaseOptions> case_options =
      ReadCaseOptions(fs::path(query_file).replace_extension(".options"));
  if (!case_options.ok()) return Cat(".options: ", case_options.status().message());
  bool expects_error = expectation.extension() == ".error";
  if (case_options->cancel && !expects_error) return "cancel true needs a .error expectation";

  absl::StatusOr<Database*> db = databases->For(DataFileOf(query_file, root, data));
  if (!db.ok()) return OneLine(db.status().message());

  // Declared before the result, which must not outlive it.
  std::atomic<bool> cancel{case_options->cancel};
  QueryOptions options;
  options.base_iri = case_options->base_iri.value_or(rdf::FileIri(query_file.string()));
  options.cancel = &cancel;
  options.default_graph_is_union = case_options->union_default_graph;
  options.memory_budget_bytes = case_options->memory_budget_bytes;
  options.deadline = std::chrono::steady_clock::now() + case_options->timeout;
  absl::StatusOr<std::unique_ptr<QueryResult>> result = (*db)->Query(*query, options);
  if (expects_error) {
    absl::StatusOr<std::string> wanted = ReadTextFile(expectation.string());
    if (!wanted.ok()) return std::string(wanted.status().message());
    absl::Status status = result.ok() ? CollectResult(**result).status() : result.status();
    if (status.ok()) return "expected an error, the query succeeded";
    if (case_options->cancel && status.code() != absl::StatusCode::kCancelled) {
      return Cat("cancel true: expected status CANCELLED, got ", OneLine(status.ToString()));
    }
    return CheckError(status, *wanted);
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
  std::vector<std::string> positional;
  fs::path data;
  bool usage_error = false;
  for (int i = 1; i < argc; ++i) {
    absl::string_view arg = argv[i];
    if (arg == "--data" && i + 1 < argc) {
      data = argv[++i];
    } else if (absl::StartsWith(arg, "--data=")) {
      data = std::string(arg.substr(7));
    } else if (absl::StartsWith(arg, "-")) {
      usage_error = true;
    } else {
      positional.emplace_back(arg);
    }
  }
  if (usage_error || positional.empty() || positional.size() > 2) {
    std::fprintf(stderr, "usage: %s CASES_DIR [SUBSTRING] [--data FILE]\n", argv[0]);
    return 2;
  }
  if (!data.empty() && !fs::is_regular_file(data)) {
    std::fprintf(stderr, "--data %s: no such file\n", data.c_str());
    return 2;
  }
  fs::path root = positional[0];
  std::string filter = positional.size() > 1 ? positional[1] : "";
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
  auto start = std::chrono::steady_clock::now();
  int passed = 0, failed = 0;
  {
    Databases databases(scratch);
    for (const fs::path& query : queries) {
      std::string name = fs::relative(query, root).replace_extension().string();
      if (!filter.empty() && name.find(filter) == std::string::npos) continue;
      std::string failure = RunCase(query, root, data, &databases);
      if (failure.empty()) {
        ++passed;
      } else {
        ++failed;
        std::printf("  FAIL %s: %s\n", name.c_str(), failure.c_str());
      }
    }
  }
  fs::remove_all(scratch, error);
  auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - start);
  std::printf("query cases: %d passed, %d failed in %lld ms\n", passed, failed,
              static_cast<long long>(elapsed.count()));
  return failed > 0 ? 1 : 0;
}

}  // namespace
}  // namespace parley::sparql_test

int main(int argc, char** argv) { return parley::sparql_test::Run(argc, argv); }
