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
//   - Formats: json, xml, csv, tsv, table, ntriples, turtle, dot. Default:
//     table when stdout is a terminal; otherwise SPARQL JSON for ASK and
//     SELECT, N-Triples for CONSTRUCT and DESCRIBE.
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
//   - --memory SIZE bounds the WHERE's working memory and the changes held in
//     memory (default 1G). A request whose only change is one DELETE WHERE,
//     DELETE without INSERT or INSERT without DELETE larger than that goes
//     through sorted files in DB, in bounded memory, still as one atomic
//     step; stderr says so.
//   - --timeout MS fails the query once MS milliseconds pass; Ctrl-C
//     cancels it (a second Ctrl-C kills the process).
//   - --explain prints the physical plan (operators and estimates) instead
//     of results, without running the query; --analyze runs it to the end,
//     discards the results and prints the plan with each operator's rows,
//     time and memory, then a total line. Both are usage errors with
//     --format and for update requests.
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <system_error>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "parley/database.h"
#include "parley/query.h"
#include "query/results/result_writer.h"
#include "tools/cli_support.h"
#include "tools/commands.h"
#include "tools/database_handle.h"
#include "tools/interrupt.h"
#include "tools/query_runner.h"

namespace parley::tools {
namespace {

struct QueryArgs {
  std::string db;
  std::string file;  // "" with -e
  std::optional<std::string> inline_query;
  std::optional<std::string> base;
  std::optional<std::string> format;
  std::optional<int64_t> timeout_ms;
  bool union_default_graph = false;
  std::optional<std::string> allow_load;
  std::optional<std::string> memory;
  bool explain = false;
  bool analyze = false;
  StrictArgs strict;
};

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
// scratch database. A scratch database (rather than creating DB) keeps a
// query from ever writing to DB's location, so a mistyped path answers "no
// rows" and leaves no trace. `create`: a missing DB is created (updates).
absl::StatusOr<std::unique_ptr<DatabaseHandle>> OpenTarget(const std::string& path, bool create) {
  Options options;
  options.create_if_missing = create;
  // A query reads only: read-only media and full disks are no obstacle.
  options.read_only = !create;
  auto handle = DatabaseHandle::Open(path, options);
  if (handle.ok() || !absl::IsNotFound(handle.status())) return handle;
  return DatabaseHandle::OpenScratch();
}

// Prints a query error; a syntax error's message is "line L, column C: ..."
// followed by the line and a caret, so the file name goes in front.
int QueryFail(const absl::Status& status, const std::string& file) {
  if (file.empty() || file == "-") return Fail(std::string(status.message()));
  return Fail(absl::StrCat(file, ": ", status.message()));
}

int RunQuery(const QueryArgs& args) {
  std::ios::sync_with_stdio(false);  // results go through std::cout only
  if (args.inline_query.has_value() == !args.file.empty()) {
    return Fail("give the query as FILE (- for stdin) or as -e 'QUERY' (see parley query --help)",
                kExitUsage);
  }
  std::optional<query::ResultFormat> format;
  if (args.format) {
    format = query::ResultFormatByName(*args.format);
    if (!format) {
      return Fail(absl::StrCat("unknown --format '", *args.format,
                               "' (json, xml, csv, tsv, table, ntriples, turtle, dot)"),
                  kExitUsage);
    }
  }
  RunSettings settings;
  if (args.explain || args.analyze) {
    if (format) {
      return Fail("--format does not apply to --explain or --analyze (they print the plan)",
                  kExitUsage);
    }
    settings.query.explain =
        args.explain ? QueryOptions::Explain::kPlan : QueryOptions::Explain::kAnalyze;
  }
  absl::StatusOr<std::string> text = args.inline_query
                                         ? absl::StatusOr<std::string>(*args.inline_query)
                                         : ReadQueryText(args.file);
  if (!text.ok()) return Fail(std::string(text.status().message()));

  settings.query.base_iri = args.base.value_or(DefaultBaseIri(args.file));
  settings.query.default_graph_is_union = args.union_default_graph;
  settings.query.cancel = &InterruptFlag();
  if (args.memory) {
    absl::StatusOr<uint64_t> bytes = ParseSize(*args.memory);
    if (!bytes.ok()) {
      return Fail(absl::StrCat("--memory: ", bytes.status().message()), kExitUsage);
    }
    settings.query.memory_budget_bytes = *bytes;
  }
  settings.update_progress = PrintUpdateProgress;
  std::error_code error;
  settings.load_directories.push_back(std::filesystem::current_path(error).string());
  if (args.allow_load) settings.load_directories.push_back(*args.allow_load);
  bool usage_error = false;
  settings.pick_format = [&](QueryResult::Kind kind) -> absl::StatusOr<query::ResultFormat> {
    query::ResultFormat chosen =
        format.value_or(isatty(STDOUT_FILENO)                 ? query::ResultFormat::kTable
                        : kind == QueryResult::Kind::kTriples ? query::ResultFormat::kNTriples
                                                              : query::ResultFormat::kJson);
    if (query::FormatCarries(chosen, kind)) return chosen;
    usage_error = true;
    return absl::InvalidArgumentError(
        absl::StrCat("--format ", std::string(query::ResultFormatName(chosen)),
                     " cannot carry this query's result (",
                     kind == QueryResult::Kind::kTriples ? "use ntriples, turtle, dot or table"
                                                         : "use json, xml, csv, tsv or table",
                     ")"));
  };

  const bool update = LooksLikeUpdate(*text);
  if (update && settings.query.explain != QueryOptions::Explain::kNone) {
    return Fail(absl::StrCat(args.explain ? "--explain" : "--analyze",
                             " applies to queries, not to update requests"),
                kExitUsage);
  }
  absl::StatusOr<std::optional<Shapes>> strict_shapes = args.strict.Load();
  if (!strict_shapes.ok()) return Fail(std::string(strict_shapes.status().message()));
  if (*strict_shapes && !update) {
    return Fail("--strict and --shapes apply to update requests", kExitUsage);
  }
  auto target = OpenTarget(args.db, /*create=*/update);
  if (!target.ok()) return Fail(std::string(target.status().message()));
  if (*strict_shapes) (*target)->db().SetStrictShapes(*std::move(strict_shapes));
  if (format == query::ResultFormat::kDot) {
    // Nodes the result gives no rdfs:label take the database's.
    settings.write.node_label =
        query::RdfsLabelsIn(std::shared_ptr<const ReadView>((*target)->db().Snapshot()));
  }
  CatchInterrupts(InterruptMode::kOnceThenDefault);
  if (args.timeout_ms) {
    settings.query.deadline =
        std::chrono::steady_clock::now() + std::chrono::milliseconds(*args.timeout_ms);
  }
  absl::StatusOr<RunOutcome> outcome = RunText((*target)->db(), *text, settings, std::cout);
  settings.write.node_label = nullptr;  // its view goes before the database does
  if (outcome.ok()) return kExitOk;
  if (usage_error) return Fail(std::string(outcome.status().message()), kExitUsage);
  return QueryFail(outcome.status(), args.file);
}

}  // namespace

void AddQueryCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<QueryArgs>();
  CLI::App* query =
      app.add_subcommand("query", "Run a SPARQL 1.1 query (results to stdout) or update request");
  query->footer(
      "A DB that does not exist answers as an empty database (an update creates it). Exit 0 "
      "on success, 1 on a query error, 2 on a usage error.");
  query->add_option("DB", args->db, "database directory")->required();
  query->add_option("FILE", args->file, "query file, - for stdin");
  query->add_option("-e", args->inline_query, "the query text itself");
  query->add_option("--format", args->format,
                    "json, xml, csv, tsv, table, ntriples, turtle or dot (default: table on a "
                    "terminal, else json or ntriples)");
  query->add_option("--base", args->base, "base IRI (default: FILE's location)");
  query->add_option("--timeout", args->timeout_ms, "fail the query after MS milliseconds")
      ->check(CLI::PositiveNumber);
  query->add_flag("--union-default-graph", args->union_default_graph,
                  "the default graph is the union of every graph");
  query->add_option("--allow-load", args->allow_load, "a directory an update's LOAD may read");
  query->add_option("--memory", args->memory,
                    "memory budget of the WHERE and of the changes held in memory, e.g. 512M "
                    "(default 1G); a larger delete or insert goes through files on disk");
  args->strict.AddTo(*query, "an update request");
  CLI::Option* explain =
      query->add_flag("--explain", args->explain, "print the plan without running the query");
  query
      ->add_flag("--analyze", args->analyze,
                 "run the query and print the plan with rows, time and memory per operator")
      ->excludes(explain);
  query->callback([args, exit_code] { *exit_code = RunQuery(*args); });
}

}  // namespace parley::tools
