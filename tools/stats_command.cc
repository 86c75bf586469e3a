// parley stats DB: what the database holds — quads, graphs, and per
// predicate the quads and distinct subjects and objects.
#include <cstdio>

#include "parley/database.h"
#include "tools/commands.h"

namespace parley::tools {

int StatsCommand(const std::vector<std::string>& args) {
  if (args.size() != 1) return Fail("usage: parley stats DB", 2);
  Options options;
  options.create_if_missing = false;
  options.read_only = true;  // works on read-only media and full disks
  auto db = Database::Open(args[0], options);
  if (!db.ok()) return Fail(std::string(db.status().message()));
  std::unique_ptr<ReadView> view = (*db)->Snapshot();
  auto stats = view->GetStatistics();
  if (!stats.ok()) return Fail(std::string(stats.status().message()));
  auto graphs = view->Graphs();
  if (!graphs.ok()) return Fail(std::string(graphs.status().message()));
  auto in_default = view->Count({.graph = Term()});
  if (!in_default.ok()) return Fail(std::string(in_default.status().message()));

  std::printf("%llu quads, %llu in the default graph, %zu named graphs\n",
              static_cast<unsigned long long>(stats->quads),
              static_cast<unsigned long long>(*in_default), graphs->size());
  for (const Term& graph : *graphs) {
    auto count = view->Count({.graph = graph});
    if (!count.ok()) return Fail(std::string(count.status().message()));
    std::printf("  graph %s: %llu quads\n", graph.ToNTriples().c_str(),
                static_cast<unsigned long long>(*count));
  }
  std::printf("%10s %10s %10s  %s\n", "quads", "subjects", "objects", "predicate");
  for (const PredicateStatistics& p : stats->predicates) {
    std::printf("%10llu %10llu %10llu  %s\n", static_cast<unsigned long long>(p.quads),
                static_cast<unsigned long long>(p.distinct_subjects),
                static_cast<unsigned long long>(p.distinct_objects),
                p.predicate.ToNTriples().c_str());
  }
  return 0;
}

}  // namespace parley::tools
