// parley load DB FILE... [--format F] [--graph IRI] [--base IRI] [--lenient] [--memory SIZE]
// Parley dumps (`parley export DB -o x.pdump`) are recognized by their magic
// bytes whatever their name, and may be mixed with text files. A failed load
// leaves no database behind where there was none.
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
#include <system_error>

#include "absl/strings/str_format.h"
#include "parley/database.h"
#include "tools/command_line.h"
#include "tools/commands.h"
#include "tools/progress_bar.h"

namespace parley::tools {
namespace {

namespace fs = std::filesystem;

// What opening a database at a path creates: the topmost of the path's
// directories that do not exist yet, or, for an empty directory, its
// contents. A load that fails removes them, so that it creates nothing (a
// failed load into an existing database changes nothing either).
struct CreatedPaths {
  std::string root;         // removed with everything below
  std::string contents_of;  // emptied
  void Remove() const {
    std::error_code ec;
    if (!root.empty()) fs::remove_all(root, ec);
    if (contents_of.empty()) return;
    for (const fs::directory_entry& entry : fs::directory_iterator(contents_of, ec)) {
      fs::remove_all(entry.path(), ec);
    }
  }
};

CreatedPaths WhatOpenWouldCreate(const std::string& db_path) {
  CreatedPaths created;
  std::error_code ec;
  fs::path path(db_path);
  if (fs::exists(path, ec)) {
    if (fs::is_directory(path, ec) && fs::is_empty(path, ec) && !ec) created.contents_of = db_path;
    return created;
  }
  if (ec) return created;
  // Walk up to the topmost missing directory.
  path = fs::absolute(path, ec).lexically_normal();
  if (ec) return created;
  if (!path.has_filename()) path = path.parent_path();  // "db/"
  while (path.has_parent_path() && path.parent_path() != path &&
         !fs::exists(path.parent_path(), ec) && !ec) {
    path = path.parent_path();
  }
  if (!ec) created.root = path.string();
  return created;
}

}  // namespace

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

  const std::string& db_path = parsed->positional[0];
  CreatedPaths created = WhatOpenWouldCreate(db_path);
  auto db = Database::Open(db_path, Options());
  if (!db.ok()) {
    created.Remove();
    return Fail(std::string(db.status().message()));
  }
  std::vector<std::string> files(parsed->positional.begin() + 1, parsed->positional.end());
  auto summary = (*db)->Load(files, options);
  bar.reset();  // clear the progress line before the summary
  if (!summary.ok()) {
    db->reset();  // closes the database before its files go
    created.Remove();
    return Fail(std::string(summary.status().message()));
  }

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
