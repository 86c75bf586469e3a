// parley export DB [-o FILE] [--format ntriples|nquads|turtle|trig|capnp] [--graph IRI]
//                  [--no-zstd] [--packed] [--zstd-level N]
// A path ending in .pdump (or .pdump.zst) gets a dump, zstd-compressed
// unless --no-zstd.
#include <cstdio>
#include <memory>
#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "parley/database.h"
#include "tools/cli_support.h"
#include "tools/commands.h"

namespace parley::tools {
namespace {

struct ExportArgs {
  std::string db;
  std::string output = "-";
  std::string format;
  std::optional<std::string> graph;
  bool zstd = false;
  bool no_zstd = false;
  bool packed = false;
  int zstd_level = 3;
};

int RunExport(const ExportArgs& args) {
  ExportOptions options;
  absl::StatusOr<std::optional<DataFormat>> format = ParseDataFormat(args.format);
  if (!format.ok()) return Fail(absl::StrCat("--format: ", format.status().message()), kExitUsage);
  options.format = *format;
  options.zstd = !args.no_zstd;
  options.packed = args.packed;
  options.zstd_level = args.zstd_level;
  if (args.graph) {
    options.graph = Term::Iri(*args.graph);
    if (absl::Status s = options.graph->Validate(); !s.ok()) {
      return Fail(absl::StrFormat("--graph: %s", s.message()), kExitUsage);
    }
  }
  Options open_options;
  open_options.create_if_missing = false;
  open_options.read_only = true;  // works on read-only media and full disks
  auto db = Database::Open(args.db, open_options);
  if (!db.ok()) return Fail(std::string(db.status().message()));
  auto summary = (*db)->Export(args.output, options);
  if (!summary.ok()) return Fail(std::string(summary.status().message()));
  if (args.output != "-") {
    std::fprintf(stderr, "exported %llu quads to %s in %.2f s\n",
                 static_cast<unsigned long long>(summary->quads), args.output.c_str(),
                 summary->seconds);
  }
  return kExitOk;
}

}  // namespace

void AddExportCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<ExportArgs>();
  CLI::App* exp = app.add_subcommand(
      "export", "Write DB's quads to standard output or FILE, from one snapshot");
  exp->footer(
      "A file is written atomically (a temporary name, then renamed). FILE.pdump gets a "
      "Parley dump.");
  exp->add_option("DB", args->db, "database directory")->required();
  exp->add_option("-o,--output", args->output, "output file (default: standard output)");
  exp->add_option("--format", args->format, "ntriples, nquads, turtle, trig or capnp");
  exp->add_option("--graph", args->graph, "export only this named graph");
  CLI::Option* zstd = exp->add_flag("--zstd", args->zstd, "compress a dump with zstd (default)");
  exp->add_flag("--no-zstd", args->no_zstd, "write a dump uncompressed")->excludes(zstd);
  exp->add_flag("--packed", args->packed, "Cap'n Proto packing for a dump");
  exp->add_option("--zstd-level", args->zstd_level, "zstd level of a dump, 1 to 19")
      ->check(CLI::Range(1, 19));
  exp->callback([args, exit_code] { *exit_code = RunExport(*args); });
}

}  // namespace parley::tools
