// parley load DB FILE... [--format F] [--graph IRI] [--base IRI] [--lenient] [--memory SIZE]
// Parley dumps (`parley export DB -o x.pdump`) are recognized by their magic
// bytes whatever their name, and may be mixed with text files. A failed load
// leaves no database behind where there was none.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <system_error>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "parley/database.h"
#include "tools/cli_support.h"
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

struct LoadArgs {
  std::string db;
  std::vector<std::string> files;
  std::string format;
  std::optional<std::string> graph;
  std::string base;
  bool lenient = false;
  std::optional<std::string> memory;
  StrictArgs strict;
};

int RunLoad(const LoadArgs& args) {
  LoadOptions options;
  absl::StatusOr<std::optional<DataFormat>> format = ParseDataFormat(args.format);
  if (!format.ok()) return Fail(absl::StrCat("--format: ", format.status().message()), kExitUsage);
  options.format = *format;
  options.base_iri = args.base;
  options.lenient = args.lenient;
  if (args.graph) {
    options.graph = Term::Iri(*args.graph);
    if (absl::Status s = options.graph->Validate(); !s.ok()) {
      return Fail(absl::StrFormat("--graph: %s", s.message()), kExitUsage);
    }
  }
  if (args.memory) {
    auto bytes = ParseSize(*args.memory);
    if (!bytes.ok()) {
      return Fail(absl::StrFormat("--memory: %s", bytes.status().message()), kExitUsage);
    }
    options.memory_budget_bytes = *bytes;
  }

  absl::StatusOr<std::optional<Shapes>> strict_shapes = args.strict.Load();
  if (!strict_shapes.ok()) return Fail(std::string(strict_shapes.status().message()));

  CreatedPaths created = WhatOpenWouldCreate(args.db);
  auto db = Database::Open(args.db, Options());
  if (!db.ok()) {
    created.Remove();
    return Fail(std::string(db.status().message()));
  }
  (*db)->SetStrictShapes(*std::move(strict_shapes));
  if (absl::Status loaded = LoadFiles(**db, args.files, options, /*timed=*/true, std::cout);
      !loaded.ok()) {
    db->reset();  // closes the database before its files go
    created.Remove();
    return Fail(std::string(loaded.message()));
  }
  return kExitOk;
}

}  // namespace

absl::Status LoadFiles(Database& db, const std::vector<std::string>& files, LoadOptions options,
                       bool timed, std::ostream& out) {
  std::optional<ProgressBar> bar(std::in_place);
  options.progress = [&bar](const LoadOptions::Progress& p) {
    if (bar) bar->Update(p);
  };
  auto summary = db.Load(files, options);
  bar.reset();  // clear the progress line before the summary
  if (!summary.ok()) return summary.status();

  const double rate =
      summary->seconds > 0 ? static_cast<double>(summary->statements_read) / summary->seconds : 0;
  out << absl::StrFormat("loaded %d statements (%d new quads)", summary->statements_read,
                         summary->quads_added);
  if (timed) out << absl::StrFormat(" in %.2f s, %.0f statements/s", summary->seconds, rate);
  out << "\n";
  out.flush();
  if (summary->skipped > 0) {
    std::cerr << "parley: skipped " << summary->skipped << " bad statements; the first:\n";
    for (const std::string& error : summary->first_errors) std::cerr << "  " << error << "\n";
  }
  return absl::OkStatus();
}

void AddLoadCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<LoadArgs>();
  CLI::App* load = app.add_subcommand(
      "load", "Load RDF files into DB (created when missing); on any error nothing is loaded");
  load->footer(
      "The format comes from each file's extension (.nt .nq .ttl .trig, optionally .gz or "
      ".zst); Parley dumps are recognized by their first bytes. FILE - is stdin.");
  load->add_option("DB", args->db, "database directory")->required();
  load->add_option("FILE", args->files, "files to load")->required();
  load->add_option("--format", args->format, "ntriples, nquads, turtle, trig or capnp");
  load->add_option("--graph", args->graph, "load triples into this named graph");
  load->add_option("--base", args->base, "base IRI for relative IRIs");
  load->add_flag("--lenient", args->lenient, "skip bad statements and report them");
  load->add_option("--memory", args->memory, "memory budget for sorting, e.g. 512M or 2G");
  args->strict.AddTo(*load, "the load (one transaction, held in memory; no dumps)");
  load->callback([args, exit_code] { *exit_code = RunLoad(*args); });
}

}  // namespace parley::tools
