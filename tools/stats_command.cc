// parley stats DB: what the database holds — quads, graphs, the terms in
// the dictionary (Statistics::dictionary_terms), and per predicate the
// quads and distinct subjects and objects.
#include <memory>
#include <string>

#include "absl/strings/str_format.h"
#include "parley/database.h"
#include "tools/cli_support.h"
#include "tools/commands.h"

namespace parley::tools {

absl::Status PrintStatistics(Database& db, std::ostream& out) {
  std::unique_ptr<ReadView> view = db.Snapshot();
  auto stats = view->GetStatistics();
  if (!stats.ok()) return stats.status();
  auto graphs = view->Graphs();
  if (!graphs.ok()) return graphs.status();
  auto in_default = view->Count({.graph = Term()});
  if (!in_default.ok()) return in_default.status();

  out << absl::StrFormat("%d quads, %d in the default graph, %d named graphs, ", stats->quads,
                         *in_default, graphs->size())
      << absl::StrFormat("%d terms in the dictionary\n", stats->dictionary_terms);
  for (const Term& graph : *graphs) {
    auto count = view->Count({.graph = graph});
    if (!count.ok()) return count.status();
    out << absl::StrFormat("  graph %s: %d quads\n", graph.ToNTriples(), *count);
  }
  out << absl::StrFormat("%10s %10s %10s  %s\n", "quads", "subjects", "objects", "predicate");
  for (const PredicateStatistics& p : stats->predicates) {
    out << absl::StrFormat("%10d %10d %10d  %s\n", p.quads, p.distinct_subjects, p.distinct_objects,
                           p.predicate.ToNTriples());
  }
  return absl::OkStatus();
}

void AddStatsCommand(CLI::App& app, int* exit_code) {
  auto db_path = std::make_shared<std::string>();
  CLI::App* stats = app.add_subcommand(
      "stats",
      "Print DB's quads, named graphs, terms, and per predicate its quads, subjects, objects");
  stats->add_option("DB", *db_path, "database directory")->required();
  stats->callback([db_path, exit_code] {
    Options options;
    options.create_if_missing = false;
    options.read_only = true;  // works on read-only media and full disks
    auto db = Database::Open(*db_path, options);
    if (!db.ok()) {
      *exit_code = Fail(std::string(db.status().message()));
      return;
    }
    absl::Status printed = PrintStatistics(**db, std::cout);
    *exit_code = printed.ok() ? kExitOk : Fail(std::string(printed.message()));
  });
}

}  // namespace parley::tools
