// CLEAR, DROP, CREATE, ADD, MOVE and COPY (SPARQL 1.1 Update §3.2).
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "engine/status_macros.h"
#include "query/update/update_context.h"

namespace parley::query {
namespace {

using Kind = UpdateOperation::Kind;

// The graph a kGraph or kDefault target names (Term() for the default).
Term GraphOf(const GraphTarget& target) {
  return target.kind == GraphTarget::Kind::kGraph ? target.iri : Term();
}

bool SameGraph(const GraphTarget& a, const GraphTarget& b) {
  return a.kind == b.kind && (a.kind != GraphTarget::Kind::kGraph || a.iri == b.iri);
}

// NotFound "graph <g> does not exist" unless it does; the default graph
// always does.
absl::Status CheckExists(const GraphTarget& target, UpdateContext& context) {
  if (target.kind != GraphTarget::Kind::kGraph) return absl::OkStatus();
  PARLEY_ASSIGN_OR_RETURN(bool exists, context.GraphExists(target.iri));
  if (exists) return absl::OkStatus();
  return absl::NotFoundError(
      absl::StrCat("graph ", target.iri.ToNTriples(), " does not exist (add SILENT to ignore)"));
}

// Empties `graph`; a named graph stays in the set when `keep` (CLEAR),
// leaves it otherwise (DROP).
absl::Status Empty(const Term& graph, bool keep, UpdateContext& context) {
  PARLEY_RETURN_IF_ERROR(context.transaction().DropGraph(graph));
  if (keep && !graph.is_default_graph()) {
    PARLEY_RETURN_IF_ERROR(context.transaction().CreateGraph(graph));
  }
  return absl::OkStatus();
}

// CLEAR (keep) or DROP of what `target` names.
absl::Status EmptyTarget(const GraphTarget& target, bool keep, UpdateContext& context) {
  switch (target.kind) {
    case GraphTarget::Kind::kGraph:
    case GraphTarget::Kind::kDefault:
      return Empty(GraphOf(target), keep, context);
    case GraphTarget::Kind::kNamed:
    case GraphTarget::Kind::kAll: {
      PARLEY_ASSIGN_OR_RETURN(std::vector<Term> graphs, context.NamedGraphs());
      for (const Term& graph : graphs) PARLEY_RETURN_IF_ERROR(Empty(graph, keep, context));
      if (target.kind == GraphTarget::Kind::kAll) return Empty(Term(), keep, context);
      return absl::OkStatus();
    }
  }
  return absl::OkStatus();
}

// ADD, MOVE, COPY: the source's quads into the destination, which COPY and
// MOVE empty first; MOVE then drops the source.
absl::Status Transfer(const UpdateOperation& operation, UpdateContext& context) {
  if (SameGraph(operation.source, operation.destination)) return absl::OkStatus();
  const Term source = GraphOf(operation.source);
  const Term destination = GraphOf(operation.destination);
  PARLEY_ASSIGN_OR_RETURN(std::vector<Quad> quads, context.QuadsOf(source));
  if (operation.kind != Kind::kAdd) {
    PARLEY_RETURN_IF_ERROR(Empty(destination, /*keep=*/true, context));
  } else if (!destination.is_default_graph()) {
    PARLEY_RETURN_IF_ERROR(context.transaction().CreateGraph(destination));
  }
  for (Quad& quad : quads) {
    quad.graph = destination;
    PARLEY_RETURN_IF_ERROR(context.transaction().Insert(quad));
  }
  if (operation.kind == Kind::kMove) {
    PARLEY_RETURN_IF_ERROR(Empty(source, /*keep=*/false, context));
  }
  return absl::OkStatus();
}

absl::Status Run(const UpdateOperation& operation, UpdateContext& context) {
  switch (operation.kind) {
    case Kind::kClear:
    case Kind::kDrop:
      PARLEY_RETURN_IF_ERROR(CheckExists(operation.target, context));
      return EmptyTarget(operation.target, operation.kind == Kind::kClear, context);
    case Kind::kCreate: {
      PARLEY_ASSIGN_OR_RETURN(bool exists, context.GraphExists(operation.target.iri));
      if (exists) {
        return absl::AlreadyExistsError(absl::StrCat("graph ", operation.target.iri.ToNTriples(),
                                                     " exists already (add SILENT to ignore)"));
      }
      return context.transaction().CreateGraph(operation.target.iri);
    }
    case Kind::kAdd:
    case Kind::kMove:
    case Kind::kCopy:
      PARLEY_RETURN_IF_ERROR(CheckExists(operation.source, context));
      return Transfer(operation, context);
    default:
      return absl::InternalError("not a graph operation");
  }
}

}  // namespace

absl::Status ExecuteGraphOperation(const UpdateOperation& operation, UpdateContext& context) {
  absl::Status status = Run(operation, context);
  context.Changed();
  // SILENT turns the operation's own failures into no-ops; running out of
  // time or memory, I/O and damage still fail the request.
  if (operation.silent && (absl::IsNotFound(status) || absl::IsAlreadyExists(status))) {
    return absl::OkStatus();
  }
  return status;
}

}  // namespace parley::query
