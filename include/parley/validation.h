// SHACL validation: shapes, options and the validation report.
//
//   auto shapes = parley::Shapes::FromFile("shapes.ttl");
//   auto report = db->Validate(*shapes, parley::ValidationOptions());
//   if (report.ok() && !report->conforms) std::cout << report->ToText();
//
// The supported subset of SHACL Core is listed in docs/validation.md.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "parley/quad.h"
#include "parley/term.h"

namespace parley {

namespace shacl {
struct ShapesGraph;
}

enum class ValidationSeverity : uint8_t { kViolation, kWarning, kInfo };

// A parsed, checked set of SHACL shapes. Immutable; cheap to copy.
class Shapes {
 public:
  // Reads shapes from an RDF file (Turtle unless the extension names another
  // format). InvalidArgument "file:line:column: ..." for a syntax error, or
  // "FILE: shape ...: ..." for a shape Parley cannot check (see FromTriples);
  // NotFound / PermissionDenied when the file cannot be read.
  static absl::StatusOr<Shapes> FromFile(const std::string& path);

  // Reads shapes from Turtle text; relative IRIs resolve against `base_iri`.
  static absl::StatusOr<Shapes> FromTurtle(std::string_view text, std::string base_iri = "");

  // The shapes in `triples` (graph names ignored). InvalidArgument naming the
  // shape for a malformed shape or a SHACL parameter outside the subset.
  static absl::StatusOr<Shapes> FromTriples(const std::vector<Quad>& triples);

  // The shapes of Parley's negotiation vocabulary
  // (schema/shapes/negotiation.ttl), built into the library.
  static absl::StatusOr<Shapes> Negotiation();

  // The number of shapes, node and property shapes alike.
  size_t size() const;

  // The parsed shapes, for the validator (schema/shacl/); the type is not
  // part of the public API.
  const shacl::ShapesGraph& graph() const { return *graph_; }

 private:
  explicit Shapes(std::shared_ptr<const shacl::ShapesGraph> graph) : graph_(std::move(graph)) {}
  std::shared_ptr<const shacl::ShapesGraph> graph_;
};

struct ValidationOptions {
  // The data graph: nullopt validates the union of all graphs (a fact any
  // source reported counts), Term() the default graph, an IRI one named
  // graph.
  std::optional<Term> graph = std::nullopt;
  // Results kept in ValidationReport::results; the rest are only counted,
  // so validating a database full of violations stays in bounded memory.
  uint64_t max_results = 1000;
  // Set (from any thread) to stop validation with Cancelled.
  const std::atomic<bool>* cancel = nullptr;
};

// One sh:ValidationResult.
struct ValidationResult {
  Term focus_node;
  // The property shape's path (sh:resultPath): an IRI, or a blank node
  // described in ValidationReport::path_triples; nullopt for node shapes.
  std::optional<Term> path;
  std::string path_text;      // the path in SPARQL syntax; empty for node shapes
  std::optional<Term> value;  // the offending value node, when there is one
  Term source_shape;
  // The shape whose targets selected focus_node: source_shape itself, or
  // the node shape whose sh:property it is.
  Term target_shape;
  Term constraint_component;  // e.g. sh:MinCountConstraintComponent
  ValidationSeverity severity = ValidationSeverity::kViolation;
  // What was expected and what was found, or the shape's sh:message.
  std::string message;

  // One readable line: focus node, path, message (with the value) and the
  // shape (source_shape, or target_shape when source_shape is a blank node).
  std::string ToString() const;
};

struct ValidationReport {
  // True when no result has severity kViolation.
  bool conforms = true;
  // (focus node, shape) pairs checked.
  uint64_t focus_nodes = 0;
  // Every result found, including those not kept in `results`.
  uint64_t result_count = 0;
  std::vector<ValidationResult> results;  // the first max_results, by shape
  std::vector<Quad> path_triples;         // see ValidationResult::path

  // The report in SHACL's vocabulary (sh:ValidationReport, sh:conforms,
  // sh:result ...), in the default graph, with fresh blank nodes.
  std::vector<Quad> ToRdf() const;
  // One line per kept result and a summary line.
  std::string ToText() const;
};

}  // namespace parley
