// parley load DB FILE... [--format F] [--graph IRI] [--base IRI] [--lenient] [--memory SIZE]
// Parley dumps (`parley export DB -o x.pdump`) are recognized by their magic
// bytes whatever their name, and may be mixed with text files.
#include <cstdio>
#include <optional>

#include "absl/strings/str_format.h"
#include "parley/database.h"
#include "tools/command_line.h"
#include "tools/commands.h"
#include "tools/progress_bar.h"

namespace parley::tools {

int LoadCommand(const std::vector<std::string>& args) {
  auto parsed = ParseArgs(args, {{"format"}, {"graph"}, {"base"}, {"memory"}, {"lenient", false}});
  if (!parsed.ok()) return Fail(std::string(parsed.status().message()), 2);
  if (parsed->positional.size() < 2) {
    return Fail(
        "usage: parley load DB FILE... [--format ntriples|nquads|turtle|trig|capnp] [--graph IRI] "
        "[--base IRI] [--lenient] [--memory SIZE]",
        2);
  }
  LoadOptions options;
  options.format = parsed->Get("format").value_or("");
  options.base_iri = parsed->Get("base").value_or("");
  options.lenient = parsed->Has("lenient");
  if (auto graph = parsed->Get("graph")) {
    options.graph = Term::Iri(*graph);
    if (absl::Status s = options.graph->Validate(); !s.ok()) {
      return Fail(absl::StrFormat("--graph: %s", s.message()), 2);
    }
  }
  if (auto memory = parsed->Get("memory")) {
    auto bytes = ParseSize(*memory);
    if (!bytes.ok()) return Fail(absl::StrFormat("--memory: %s", bytes.status().message()), 2);
    options.memory_budget_bytes = *bytes;
  }
  std::optional<ProgressBar> bar(std::in_place);
  options.progress = [&bar](const LoadOptions::Progress& p) {
    if (bar) bar->Update(p);
  };

  auto db = Database::Open(parsed->positional[0], Options());
  if (!db.ok()) return Fail(std::string(db.status().message()));
  std::vector<std::string> files(parsed->positional.begin() + 1, parsed->positional.end());
  auto summary = (*db)->Load(files, options);
  bar.reset();  // clear the progress line before the summary
  if (!summary.ok()) return Fail(std::string(summary.status().message()));

  const double rate =
      summary->seconds > 0 ? static_cast<double>(summary->statements_read) / summary->seconds : 0;
  std::printf("loaded %llu statements (%llu new quads) in %.2f s, %.0f statements/s\n",
              static_cast<unsigned long long>(summary->statements_read),
              static_cast<unsigned long long>(summary->quads_added), summary->seconds, rate);
  if (summary->skipped > 0) {
    std::fprintf(stderr, "parley: skipped %llu bad statements; the first:\n",
                 static_cast<unsigned long long>(summary->skipped));
    for (const std::string& error : summary->first_errors) {
      std::fprintf(stderr, "  %s\n", error.c_str());
    }
  }
  return 0;
}

}  // namespace parley::tools
