// parley validate DB [--shapes FILE]: SHACL validation of a database, with
// the report as readable lines or as RDF (SHACL's report vocabulary).
#include <iostream>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "formats/rdf/rdf_writer.h"
#include "parley/database.h"
#include "parley/validation.h"
#include "tools/cli_support.h"
#include "tools/commands.h"

namespace parley::tools {
namespace {

struct ValidateArgs {
  std::string db;
  std::string shapes;
  std::string graph;
  std::string format = "text";
  uint64_t max_results = 1000;
};

}  // namespace

absl::StatusOr<Shapes> LoadShapes(const std::string& path) {
  return path.empty() ? Shapes::Negotiation() : Shapes::FromFile(path);
}

void StrictArgs::AddTo(CLI::App& command, std::string_view what) {
  command.add_flag("--strict", strict,
                   absl::StrCat("fail, writing nothing, if ", std::string(what),
                                " would add a violation of the shapes"));
  command.add_option("--shapes", shapes,
                     "SHACL shapes for --strict (default: the bundled negotiation shapes); "
                     "implies --strict");
}

absl::StatusOr<std::optional<Shapes>> StrictArgs::Load() const {
  if (!strict && shapes.empty()) return std::nullopt;
  absl::StatusOr<Shapes> loaded = LoadShapes(shapes);
  if (!loaded.ok()) return loaded.status();
  return std::optional<Shapes>(*std::move(loaded));
}

absl::Status WriteValidationReport(const ValidationReport& report, std::string_view format,
                                   std::ostream& out) {
  if (format == "text") {
    out << report.ToText();
    return absl::OkStatus();
  }
  engine::io::WriteOptions options;
  if (format == "turtle") {
    options.format = engine::io::RdfFormat::kTurtle;
    options.prefixes = {{"sh", "http://www.w3.org/ns/shacl#"},
                        {"rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"},
                        {"xsd", "http://www.w3.org/2001/XMLSchema#"}};
  } else {
    options.format = engine::io::RdfFormat::kNTriples;
  }
  std::unique_ptr<engine::io::RdfWriter> writer = engine::io::RdfWriter::ToCallback(
      [&out](std::string_view data) {
        out.write(data.data(), static_cast<std::streamsize>(data.size()));
        return absl::OkStatus();
      },
      options);
  for (const Quad& quad : report.ToRdf()) {
    absl::Status written = writer->Write(quad);
    if (!written.ok()) return written;
  }
  return writer->Finish();
}

void AddValidateCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<ValidateArgs>();
  CLI::App* validate = app.add_subcommand(
      "validate",
      "Check DB against SHACL shapes (default: the bundled negotiation shapes); exit 0 when "
      "the data conforms, 1 with the report when it does not");
  validate->add_option("DB", args->db, "database directory")->required();
  validate->add_option("--shapes", args->shapes, "SHACL shapes file (Turtle)");
  validate->add_option("--graph", args->graph,
                       "validate only this named graph (default: the union of all graphs)");
  validate->add_option("--format", args->format, "report format")
      ->check(CLI::IsMember({"text", "turtle", "ntriples"}))
      ->capture_default_str();
  validate->add_option("--max-results", args->max_results, "results to list (the rest counted)")
      ->capture_default_str();
  validate->callback([args, exit_code] {
    absl::StatusOr<Shapes> shapes = LoadShapes(args->shapes);
    if (!shapes.ok()) {
      *exit_code = Fail(std::string(shapes.status().message()));
      return;
    }
    Options options;
    options.create_if_missing = false;
    options.read_only = true;
    auto db = Database::Open(args->db, options);
    if (!db.ok()) {
      *exit_code = Fail(std::string(db.status().message()));
      return;
    }
    ValidationOptions validation;
    if (!args->graph.empty()) validation.graph = Term::Iri(args->graph);
    validation.max_results = args->max_results;
    absl::StatusOr<ValidationReport> report = (*db)->Validate(*shapes, validation);
    if (!report.ok()) {
      *exit_code = Fail(std::string(report.status().message()));
      return;
    }
    absl::Status written = WriteValidationReport(*report, args->format, std::cout);
    if (!written.ok()) {
      *exit_code = Fail(std::string(written.message()));
      return;
    }
    *exit_code = report->conforms ? kExitOk : kExitError;
  });
}

}  // namespace parley::tools
