// parley check DB: the integrity check (Database::CheckIntegrity).
#include <iostream>
#include <memory>
#include <string>

#include "absl/strings/str_format.h"
#include "parley/database.h"
#include "tools/cli_support.h"
#include "tools/commands.h"

namespace parley::tools {

void AddCheckCommand(CLI::App& app, int* exit_code) {
  auto db_path = std::make_shared<std::string>();
  CLI::App* check = app.add_subcommand(
      "check",
      "Check DB's integrity: indexes, counts, statistics and dictionary agree; exit 1 with "
      "what is wrong when they do not");
  check->add_option("DB", *db_path, "database directory")->required();
  check->callback([db_path, exit_code] {
    Options options;
    options.create_if_missing = false;
    options.read_only = true;
    auto db = Database::Open(*db_path, options);
    if (!db.ok()) {
      *exit_code = Fail(std::string(db.status().message()));
      return;
    }
    absl::StatusOr<IntegrityReport> report = (*db)->CheckIntegrity();
    if (!report.ok()) {
      *exit_code = Fail(std::string(report.status().message()));
      return;
    }
    for (const std::string& problem : report->problems) std::cout << problem << "\n";
    if (report->problem_count > report->problems.size()) {
      std::cout << "... and " << report->problem_count - report->problems.size()
                << " more problems\n";
    }
    std::cout << absl::StrFormat("%s: %d quads in each of 5 indexes, %d dictionary terms\n",
                                 report->ok() ? "ok" : "damaged", report->quads, report->terms);
    *exit_code = report->ok() ? kExitOk : kExitError;
  });
}

}  // namespace parley::tools
