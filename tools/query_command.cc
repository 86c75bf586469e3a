// parley query DB FILE [--base IRI] [--format F] [--timeout MS] [--union-default-graph]
// parley query DB -e 'QUERY' [...]
// parley query DB FILE|-e 'QUERY' --explain|--analyze [--base IRI] [--timeout MS] [...]
//
// Runs one SPARQL query and writes its result to stdout, or one SPARQL
// Update request (text whose first keyword is INSERT, DELETE, LOAD, CLEAR,
// DROP, CREATE, ADD, MOVE, COPY or WITH) and prints what it changed
// ("inserted N quads, deleted M quads"). Scripts rely on this contract (the peers harness runs
// `parley query DB Q.rq --format json` and parses stdout as SPARQL JSON):
//   - FILE "-" is stdin. The base IRI defaults to FILE's location as a
//     file:// IRI, or to the current directory for stdin and -e.
//   - Formats: json, xml, csv, tsv, table, ntriples, turtle. Default: table
//     when stdout is a terminal; otherwise SPARQL JSON for ASK and SELECT,
//     N-Triples for CONSTRUCT and DESCRIBE.
//   - Exit 0 on success, 1 on a query error (syntax, timeout, cancellation,
//     evaluation, I/O), 2 on a usage error (including a format that cannot
//     carry the result's kind). Errors go to stderr; a syntax error shows
//     the line with a caret under the offending text.
//   - A DB that does not exist is an empty database, as in sqlite3: the
//     query answers from no data and nothing is created at DB; an update
//     creates it.
//   - An update is one transaction: on any error nothing of it is applied.
//     Its LOAD reads files in the current directory and below, and in the
//     directory --allow-load DIR names.
//   - --timeout MS fails the query once MS milliseconds pass; Ctrl-C
//     cancels it (a second Ctrl-C kills the process).
//   - --explain prints the physical plan (operators and estimates) instead
//     of results, without running the query; --analyze runs it to the end,
//     discards the results and prints the plan with each operator's rows,
//     time and memory, then a total line. Both are usage errors with
//     --format and for update requests.
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <system_error>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "parley/database.h"
#include "parley/query.h"
#include "query/results/result_writer.h"
#include "tools/command_line.h"
#include "tools/commands.h"

namespace parley::tools {
namespace {

constexpr char kQueryUsage[] =
    "usage: parley query DB FILE|-e QUERY [--format json|xml|csv|tsv|table|ntriples|turtle] "
    "[--base IRI] [--timeout MS] [--union-default-graph] [--allow-load DIR] "
    "[--explain|--analyze]";

// Set by SIGINT; the query polls it through QueryOptions::cancel.
std::atomic<bool> interrupted{false};
static_assert(std::atomic<bool>::is_always_lock_free, "read and written by a signal handler");

extern "C" void OnInterrupt(int) { interrupted.store(true); }

// The first Ctrl-C cancels the query; SA_RESETHAND restores the default
// action, so a second one ends a process stuck where nothing polls.
void CancelQueryOnInterrupt() {
  struct sigaction action = {};
  action.sa_handler = OnInterrupt;
  action.sa_flags = SA_RESETHAND;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
}

// `path` (absolute) as a file:// IRI, percent-encoding what an IRI cannot
// hold; non-ASCII bytes stay as they are (IRIs allow them).
std::string FileIri(const std::filesystem::path& path) {
  std::string iri = "file://";
  for (char c : path.string()) {
    const auto byte = static_cast<unsigned char>(c);
    const bool plain = byte >= 0x80 || std::isalnum(byte) ||
                       std::string_view("-._~!$&'()*+,;=:@/").find(c) != std::string_view::npos;
    if (plain) {
      iri.push_back(c);
    } else {
      static constexpr char kHex[] = "0123456789ABCDEF";
      iri.push_back('%');
      iri.push_back(kHex[byte >> 4]);
      iri.push_back(kHex[byte & 0xF]);
    }
  }
  return iri;
}

// The base IRI for a query read from `file` ("" for -e, "-" for stdin).
std::string DefaultBaseIri(const std::string& file) {
  std::error_code error;
  std::filesystem::path cwd = std::filesystem::current_path(error);
  if (file.empty() || file == "-") return FileIri(cwd / "");
  return FileIri((cwd / file).lexically_normal());
}

absl::StatusOr<std::string> ReadQueryText(const std::string& file) {
  std::ostringstream text;
  if (file == "-") {
    text << std::cin.rdbuf();
    if (std::cin.bad()) return absl::UnavailableError("cannot read the query from stdin");
    return text.str();
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", file));
  text << in.rdbuf();
  if (in.bad()) return absl::UnavailableError(absl::StrCat("cannot read ", file));
  return text.str();
}

// The database to query: DB itself, or for a DB that does not exist a
// fresh one in a scratch directory that the destructor removes. A scratch
// database (rather than creating DB) keeps a query from ever writing to
// DB's location, so a mistyped path answers "no rows" and leaves no trace.
class QueryTarget {
 public:
  QueryTarget() = default;
  QueryTarget(const QueryTarget&) = delete;
  QueryTarget& operator=(const QueryTarget&) = delete;
  ~QueryTarget() {
    db_.reset();
    if (!scratch_dir_.empty()) {
      std::error_code ignored;
      std::filesystem::remove_all(scratch_dir_, ignored);
    }
  }

  // `create`: a missing DB is created there (for updates).
  absl::Status Open(const std::string& path, bool create) {
    Options existing;
    existing.create_if_missing = create;
    // A query reads only: read-only media and full disks are no obstacle.
    existing.read_only = !create;
    auto db = Database::Open(path, existing);
    if (db.ok()) {
      db_ = *std::move(db);
      return absl::OkStatus();
    }
    if (!absl::IsNotFound(db.status())) return db.status();
    return OpenScratch();
  }

  Database& db() { return *db_; }

 private:
  absl::Status OpenScratch() {
    const char* tmpdir = std::getenv("TMPDIR");
    std::string pattern = absl::StrCat(tmpdir && *tmpdir ? tmpdir : "/tmp", "/parley-query-XXXXXX");
    if (mkdtemp(pattern.data()) == nullptr) {
      return absl::UnavailableError(absl::StrCat("cannot create a scratch directory in ",
                                                 pattern.substr(0, pattern.rfind('/'))));
    }
    scratch_dir_ = pattern;
    Options scratch;
    scratch.sync_on_commit = false;
    scratch.block_cache_bytes = size_t{1} << 20;
    auto db = Database::Open(scratch_dir_, scratch);
    if (!db.ok()) return db.status();
    db_ = *std::move(db);
    return absl::OkStatus();
  }

  std::unique_ptr<Database> db_;
  std::string scratch_dir_;
};

// Prints a query error; a syntax error's message is "line L, column C: ..."
// followed by the line and a caret, so the file name goes in front.
int QueryFail(const absl::Status& status, const std::string& file) {
  if (file.empty() || file == "-") return Fail(std::string(status.message()));
  return Fail(absl::StrCat(file, ": ", status.message()));
}

// Runs an update request and prints what it changed.
int RunUpdate(Database& db, const std::string& text, const QueryOptions& query_options,
              const std::optional<std::string>& allow_load, const std::string& file) {
  UpdateOptions options;
  options.base_iri = query_options.base_iri;
  options.deadline = query_options.deadline;
  options.cancel = query_options.cancel;
  options.default_graph_is_union = query_options.default_graph_is_union;
  std::error_code error;
  options.load_directories.push_back(std::filesystem::current_path(error).string());
  if (allow_load) options.load_directories.push_back(*allow_load);
  absl::StatusOr<UpdateSummary> summary = db.Update(text, options);
  if (!summary.ok()) return QueryFail(summary.status(), file);
  std::cout << "inserted " << summary->quads_inserted << " quads, deleted "
            << summary->quads_deleted << " quads\n";
  std::cout.flush();
  return std::cout ? 0 : 1;
}

// --explain / --analyze: the plan instead of the results. Under kAnalyze
// every result is pulled (and dropped) first, so the figures are final.
int RunExplain(QueryResult& result, QueryOptions::Explain explain, const std::string& file) {
  if (explain == QueryOptions::Explain::kAnalyze) {
    absl::StatusOr<bool> more = true;
    if (result.kind() == QueryResult::Kind::kSolutions) {
      std::vector<std::optional<Term>> row;
      while (more.ok() && *more) more = result.NextRow(&row);
    } else if (result.kind() == QueryResult::Kind::kTriples) {
      Term subject, predicate, object;
      while (more.ok() && *more) more = result.NextTriple(&subject, &predicate, &object);
    }
    if (!more.ok()) return QueryFail(more.status(), file);
  }
  std::cout << result.plan();
  std::cout.flush();
  return std::cout ? 0 : 1;
}

}  // namespace

int QueryCommand(const std::vector<std::string>& args) {
  std::ios::sync_with_stdio(false);  // results go through std::cout only
  auto parsed = ParseArgs(args, {{"base"},
                                 {"format"},
                                 {"timeout"},
                                 {"e"},
                                 {"union-default-graph", false},
                                 {"allow-load"},
                                 {"explain", false},
                                 {"analyze", false}});
  if (!parsed.ok()) return Fail(absl::StrCat(parsed.status().message(), "\n", kQueryUsage), 2);
  const std::optional<std::string> inline_query = parsed->Get("e");
  const size_t expected_positional = inline_query ? 1 : 2;
  if (parsed->positional.size() != expected_positional) return Fail(kQueryUsage, 2);
  const std::string& db_path = parsed->positional[0];
  const std::string file = inline_query ? "" : parsed->positional[1];

  std::optional<query::ResultFormat> format;
  if (auto name = parsed->Get("format")) {
    format = query::ResultFormatByName(*name);
    if (!format) {
      return Fail(absl::StrCat("unknown --format '", *name,
                               "' (json, xml, csv, tsv, table, ntriples, turtle)"),
                  2);
    }
  }
  QueryOptions::Explain explain = QueryOptions::Explain::kNone;
  if (parsed->Has("explain") || parsed->Has("analyze")) {
    if (parsed->Has("explain") && parsed->Has("analyze")) {
      return Fail("--explain and --analyze exclude each other", 2);
    }
    if (format) {
      return Fail("--format does not apply to --explain or --analyze (they print the plan)", 2);
    }
    explain =
        parsed->Has("explain") ? QueryOptions::Explain::kPlan : QueryOptions::Explain::kAnalyze;
  }
  std::optional<std::chrono::milliseconds> timeout;
  if (auto text = parsed->Get("timeout")) {
    int64_t ms = 0;
    if (!absl::SimpleAtoi(*text, &ms) || ms <= 0) {
      return Fail(absl::StrCat("--timeout: expected milliseconds > 0, got '", *text, "'"), 2);
    }
    timeout = std::chrono::milliseconds(ms);
  }

  absl::StatusOr<std::string> text =
      inline_query ? absl::StatusOr<std::string>(*inline_query) : ReadQueryText(file);
  if (!text.ok()) return Fail(std::string(text.status().message()));

  QueryOptions options;
  options.base_iri = parsed->Get("base").value_or(DefaultBaseIri(file));
  options.default_graph_is_union = parsed->Has("union-default-graph");
  options.cancel = &interrupted;
  options.explain = explain;

  const bool update = LooksLikeUpdate(*text);
  if (update && explain != QueryOptions::Explain::kNone) {
    return Fail(absl::StrCat(explain == QueryOptions::Explain::kPlan ? "--explain" : "--analyze",
                             " applies to queries, not to update requests"),
                2);
  }
  QueryTarget target;
  if (absl::Status opened = target.Open(db_path, /*create=*/update); !opened.ok()) {
    return Fail(std::string(opened.message()));
  }
  CancelQueryOnInterrupt();
  if (timeout) options.deadline = std::chrono::steady_clock::now() + *timeout;
  if (update) return RunUpdate(target.db(), *text, options, parsed->Get("allow-load"), file);
  absl::StatusOr<std::unique_ptr<QueryResult>> result = target.db().Query(*text, options);
  if (!result.ok()) return QueryFail(result.status(), file);
  if (explain != QueryOptions::Explain::kNone) {
    const int code = RunExplain(**result, explain, file);
    result->reset();  // before the database (and a scratch directory) goes
    return code;
  }

  const QueryResult::Kind kind = (*result)->kind();
  if (!format) {
    if (isatty(STDOUT_FILENO)) {
      format = query::ResultFormat::kTable;
    } else {
      format = kind == QueryResult::Kind::kTriples ? query::ResultFormat::kNTriples
                                                   : query::ResultFormat::kJson;
    }
  }
  if (!query::FormatCarries(*format, kind)) {
    return Fail(
        absl::StrCat("--format ", std::string(query::ResultFormatName(*format)),
                     " cannot carry this query's result (",
                     kind == QueryResult::Kind::kTriples ? "use ntriples, turtle or table"
                                                         : "use json, xml, csv, tsv or table",
                     ")"),
        2);
  }
  absl::Status written = query::WriteResult(**result, *format, std::cout);
  result->reset();  // before the database (and a scratch directory) goes
  if (!written.ok()) return QueryFail(written, file);
  return 0;
}

}  // namespace parley::tools
