#include "query/update/update_executor.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "engine/status_macros.h"
#include "query/exec/executor.h"
#include "query/update/update_context.h"

namespace parley::query {
namespace {

std::string_view KindName(UpdateOperation::Kind kind) {
  switch (kind) {
    case UpdateOperation::Kind::kInsertData:
      return "INSERT DATA";
    case UpdateOperation::Kind::kDeleteData:
      return "DELETE DATA";
    case UpdateOperation::Kind::kModify:
      return "DELETE/INSERT";
    case UpdateOperation::Kind::kLoad:
      return "LOAD";
    case UpdateOperation::Kind::kClear:
      return "CLEAR";
    case UpdateOperation::Kind::kDrop:
      return "DROP";
    case UpdateOperation::Kind::kCreate:
      return "CREATE";
    case UpdateOperation::Kind::kAdd:
      return "ADD";
    case UpdateOperation::Kind::kMove:
      return "MOVE";
    case UpdateOperation::Kind::kCopy:
      return "COPY";
  }
  return "update";
}

// The status with "update operation N (KIND): " before its message.
absl::Status Named(const absl::Status& status, size_t position, UpdateOperation::Kind kind) {
  return absl::Status(status.code(),
                      absl::StrCat("update operation ", position, " (", std::string(KindName(kind)),
                                   "): ", status.message()));
}

void AddTemplateVariables(const std::vector<QuadPattern>& quad_template,
                          std::vector<Variable>* variables) {
  auto add = [variables](const TermOrVariable& position) {
    const Variable* variable = std::get_if<Variable>(&position);
    if (variable == nullptr) return;
    for (const Variable& seen : *variables) {
      if (seen == *variable) return;
    }
    variables->push_back(*variable);
  };
  for (const QuadPattern& pattern : quad_template) {
    add(pattern.subject);
    add(pattern.predicate);
    add(pattern.object);
    add(pattern.graph);
  }
}

// A template position instantiated with one solution: nullopt when it is an
// unbound variable.
std::optional<Term> Instantiate(const TermOrVariable& position,
                                const std::vector<std::string>& variables,
                                const std::vector<std::optional<Term>>& row,
                                const UpdateContext& context, uint64_t scope) {
  if (const Term* term = std::get_if<Term>(&position)) {
    if (term->is_blank_node()) return context.FreshBlankNode(term->value(), scope);
    return *term;
  }
  const std::string& name = std::get<Variable>(position).name;
  for (size_t i = 0; i < variables.size(); ++i) {
    if (variables[i] == name) return row[i];
  }
  return std::nullopt;
}

// Whether operation `i` is a DELETE without INSERT or an INSERT without
// DELETE, and the request's only change: the last operation, with nothing
// buffered before it, and no commit check (strict mode) that needs every
// change in the transaction.
bool IsOnlyChange(const UpdateRequest& request, size_t i,
                  const engine::StoreWriteTransaction& transaction) {
  const UpdateOperation& operation = request.operations[i];
  return operation.kind == UpdateOperation::Kind::kModify &&
         (operation.insert_template.empty() || operation.delete_template.empty()) &&
         i + 1 == request.operations.size() && transaction.changes().empty() &&
         transaction.graph_fates().empty() && !transaction.has_commit_check();
}

}  // namespace

void AddInstances(const std::vector<QuadPattern>& quad_template,
                  const std::vector<std::string>& variables,
                  const std::vector<std::optional<Term>>& row, const UpdateContext& context,
                  uint64_t scope, std::vector<Quad>* out) {
  for (const QuadPattern& pattern : quad_template) {
    std::optional<Term> s = Instantiate(pattern.subject, variables, row, context, scope);
    std::optional<Term> p = Instantiate(pattern.predicate, variables, row, context, scope);
    std::optional<Term> o = Instantiate(pattern.object, variables, row, context, scope);
    std::optional<Term> g = Instantiate(pattern.graph, variables, row, context, scope);
    if (!s || !p || !o || !g) continue;
    Quad quad{*std::move(s), *std::move(p), *std::move(o), *std::move(g)};
    if (engine::ValidateQuad(quad).ok()) out->push_back(std::move(quad));
  }
}

absl::Status ExecuteData(const UpdateOperation& operation, UpdateContext& context) {
  const bool insert = operation.kind == UpdateOperation::Kind::kInsertData;
  for (const QuadPattern& pattern : operation.data) {
    Quad quad;
    Term* cells[4] = {&quad.subject, &quad.predicate, &quad.object, &quad.graph};
    const TermOrVariable* positions[4] = {&pattern.subject, &pattern.predicate, &pattern.object,
                                          &pattern.graph};
    for (int i = 0; i < 4; ++i) {
      const Term* term = std::get_if<Term>(positions[i]);
      if (term == nullptr) return absl::InvalidArgumentError("a variable in ground data");
      // Blank nodes of INSERT DATA are fresh, one per label in the request.
      *cells[i] = term->is_blank_node() ? context.FreshBlankNode(term->value(), 0) : *term;
    }
    if (insert) {
      PARLEY_RETURN_IF_ERROR(context.transaction().Insert(quad));
    } else {
      PARLEY_RETURN_IF_ERROR(context.transaction().Erase(quad));
    }
  }
  context.Changed();
  return absl::OkStatus();
}

std::shared_ptr<const Query> WhereQuery(const UpdateOperation& operation) {
  auto query = std::make_shared<Query>();
  query->form = Query::Form::kSelect;
  AddTemplateVariables(operation.delete_template, &query->result_variables);
  AddTemplateVariables(operation.insert_template, &query->result_variables);
  auto project = std::make_shared<Op>();
  project->kind = Op::Kind::kProject;
  project->children = {operation.pattern};
  project->variables = query->result_variables;
  query->pattern = std::move(project);
  query->base_iri = operation.base_iri;
  query->has_dataset = operation.has_dataset;
  query->from = operation.from;
  query->from_named = operation.from_named;
  if (operation.with_graph.has_value()) {
    query->has_dataset = true;
    query->from = {*operation.with_graph};
    query->all_named_graphs = true;
  }
  return query;
}

QueryOptions WhereOptions(const UpdateOperation& operation, const UpdateOptions& options) {
  QueryOptions query_options;
  query_options.base_iri = operation.base_iri;
  query_options.deadline = options.deadline;
  query_options.cancel = options.cancel;
  query_options.default_graph_is_union = options.default_graph_is_union;
  query_options.memory_budget_bytes = options.memory_budget_bytes;
  return query_options;
}

absl::Status ExecuteModify(const UpdateOperation& operation, UpdateContext& context) {
  PARLEY_ASSIGN_OR_RETURN(std::shared_ptr<const engine::StorageReader> view, context.View());
  PARLEY_ASSIGN_OR_RETURN(
      std::unique_ptr<QueryResult> result,
      Execute(WhereQuery(operation), std::move(view), WhereOptions(operation, context.options())));

  // Both templates are instantiated over every solution before anything
  // changes: the WHERE sees the state before this operation.
  std::vector<Quad> erases;
  std::vector<Quad> inserts;
  std::vector<std::optional<Term>> row;
  while (true) {
    PARLEY_ASSIGN_OR_RETURN(bool more, result->NextRow(&row));
    if (!more) break;
    // Blank nodes of the insert template are fresh per solution (the
    // delete template holds none).
    const uint64_t scope = context.NewBlankScope();
    AddInstances(operation.delete_template, result->variables(), row, context, scope, &erases);
    AddInstances(operation.insert_template, result->variables(), row, context, scope, &inserts);
  }
  result.reset();
  for (const Quad& quad : erases) PARLEY_RETURN_IF_ERROR(context.transaction().Erase(quad));
  for (const Quad& quad : inserts) PARLEY_RETURN_IF_ERROR(context.transaction().Insert(quad));
  context.Changed();
  return absl::OkStatus();
}

absl::StatusOr<UpdateExecution> ExecuteUpdate(const UpdateRequest& request,
                                              std::shared_ptr<const engine::StorageReader> base,
                                              engine::StoreWriteTransaction* transaction,
                                              const UpdateOptions& options,
                                              const LargeChangeTarget& large) {
  UpdateContext context(std::move(base), transaction, options);
  UpdateExecution execution;
  for (size_t i = 0; i < request.operations.size(); ++i) {
    const UpdateOperation& operation = request.operations[i];
    absl::Status status;
    if (large.store != nullptr && IsOnlyChange(request, i, *transaction)) {
      status = operation.insert_template.empty()
                   ? ExecuteLargeDelete(operation, context, large, &execution.bulk_erase)
                   : ExecuteLargeInsert(operation, context, large, &execution.bulk_load);
      if (!status.ok()) return Named(status, i + 1, operation.kind);
      continue;
    }
    switch (operation.kind) {
      case UpdateOperation::Kind::kInsertData:
      case UpdateOperation::Kind::kDeleteData:
        status = ExecuteData(operation, context);
        break;
      case UpdateOperation::Kind::kModify:
        status = ExecuteModify(operation, context);
        break;
      case UpdateOperation::Kind::kLoad:
        status = ExecuteLoad(operation, context);
        break;
      case UpdateOperation::Kind::kClear:
      case UpdateOperation::Kind::kDrop:
      case UpdateOperation::Kind::kCreate:
      case UpdateOperation::Kind::kAdd:
      case UpdateOperation::Kind::kMove:
      case UpdateOperation::Kind::kCopy:
        status = ExecuteGraphOperation(operation, context);
        break;
    }
    if (!status.ok()) return Named(status, i + 1, operation.kind);
  }
  return execution;
}

absl::StatusOr<LargeChangeCounts> CommitLargeChange(UpdateExecution& execution,
                                                    const UpdateRequest& request) {
  LargeChangeCounts counts;
  // Only the request's last operation goes to disk (IsOnlyChange).
  const size_t position = request.operations.size();
  const UpdateOperation::Kind kind = UpdateOperation::Kind::kModify;
  if (execution.bulk_load != nullptr) {
    absl::StatusOr<engine::BulkLoadResult> loaded = execution.bulk_load->Commit();
    if (!loaded.ok()) return Named(loaded.status(), position, kind);
    counts.inserted = loaded->quads_added;
  }
  if (execution.bulk_erase != nullptr) {
    absl::StatusOr<uint64_t> erased = execution.bulk_erase->Commit();
    if (!erased.ok()) return Named(erased.status(), position, kind);
    counts.deleted = *erased;
  }
  return counts;
}

}  // namespace parley::query
