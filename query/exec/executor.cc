#include "query/exec/executor.h"

#include <chrono>
#include <utility>

#include "engine/status_macros.h"
#include "query/exec/construct.h"
#include "query/exec/plan_builder.h"
#include "query/exec/profile.h"
#include "query/exec/result.h"

namespace parley::query {
namespace {

// FROM / FROM NAMED, or the store's own dataset.
absl::Status SetUpDataset(const Query& query, const QueryOptions& options, ExecContext& context) {
  Dataset& dataset = context.dataset();
  if (!query.has_dataset) {
    dataset.default_graph = options.default_graph_is_union ? Dataset::DefaultGraph::kUnion
                                                           : Dataset::DefaultGraph::kStored;
    return absl::OkStatus();
  }
  // A graph the store has never seen is empty: it contributes nothing.
  dataset.default_graph = Dataset::DefaultGraph::kFrom;
  for (const Term& graph : query.from) {
    PARLEY_ASSIGN_OR_RETURN(std::optional<TermId> id, context.terms().LookupStored(graph));
    if (id.has_value() &&
        std::find(dataset.from.begin(), dataset.from.end(), *id) == dataset.from.end()) {
      dataset.from.push_back(*id);
    }
  }
  if (query.all_named_graphs) return absl::OkStatus();
  dataset.named_restricted = true;
  for (const Term& graph : query.from_named) {
    PARLEY_ASSIGN_OR_RETURN(std::optional<TermId> id, context.terms().LookupStored(graph));
    if (id.has_value()) dataset.from_named.insert(*id);
  }
  return absl::OkStatus();
}

// The prepared bindings as the seed row every solution starts from.
absl::StatusOr<Scope> TopScope(const QueryOptions& options, ExecContext& context) {
  Scope scope;
  if (options.bindings.empty()) return scope;
  std::vector<TermId> seed(context.width(), kUnbound);
  for (const auto& [name, term] : options.bindings) {
    PARLEY_ASSIGN_OR_RETURN(TermId id, context.terms().Intern(term));
    seed[*context.slots().Find(name)] = id;
  }
  scope.seed = std::make_shared<const std::vector<TermId>>(std::move(seed));
  return scope;
}

}  // namespace

absl::StatusOr<IdSolutions> ExecuteIds(std::shared_ptr<const Query> query,
                                       std::shared_ptr<const engine::StorageReader> reader,
                                       const QueryOptions& options) {
  if (query == nullptr || query->pattern == nullptr) {
    return absl::InvalidArgumentError("query has no pattern");
  }
  for (const auto& [name, term] : options.bindings) {
    if (term.is_default_graph()) {
      return absl::InvalidArgumentError(absl::StrCat("binding for ?", name, " is not an RDF term"));
    }
  }
  IdSolutions solutions;
  Evaluation& evaluation = solutions.evaluation;
  evaluation.query = query;
  evaluation.context = std::make_unique<ExecContext>(
      std::move(reader), VariableSlots::ForQuery(*query, options), options);
  ExecContext& context = *evaluation.context;
  if (options.explain != QueryOptions::Explain::kNone) {
    context.set_profiler(std::make_unique<PlanProfiler>(
        options.explain == QueryOptions::Explain::kAnalyze ? PlanProfiler::Mode::kAnalyze
                                                           : PlanProfiler::Mode::kExplain,
        &context.memory()));
  }
  context.functions().base_iri = query->base_iri;
  PARLEY_RETURN_IF_ERROR(context.CheckInterrupt());
  PARLEY_RETURN_IF_ERROR(SetUpDataset(*query, options, context));
  context.set_computed_slots(ExtendedSlots(*query->pattern, context.slots()));
  PARLEY_ASSIGN_OR_RETURN(Scope scope, TopScope(options, context));
  PARLEY_ASSIGN_OR_RETURN(solutions.root, BuildOperator(&context, *query->pattern, scope));
  if (PlanProfiler* profiler = context.profiler()) profiler->Seal();
  return solutions;
}

absl::StatusOr<std::unique_ptr<QueryResult>> Execute(
    std::shared_ptr<const Query> query, std::shared_ptr<const engine::StorageReader> reader,
    const QueryOptions& options) {
  PARLEY_ASSIGN_OR_RETURN(IdSolutions solutions,
                          ExecuteIds(std::move(query), std::move(reader), options));
  Evaluation evaluation = std::move(solutions.evaluation);
  OperatorPtr root = std::move(solutions.root);
  ExecContext& context = *evaluation.context;
  const Query& parsed = *evaluation.query;
  PlanProfiler* profiler = context.profiler();

  switch (parsed.form) {
    case Query::Form::kSelect:
      return MakeSolutionsResult(std::move(evaluation), std::move(root));
    case Query::Form::kAsk: {
      // The answer is computed here, so EXPLAIN of an ASK must not pull.
      if (profiler != nullptr && profiler->mode() == PlanProfiler::Mode::kExplain) {
        return MakeBooleanResult(false, profiler->Render());
      }
      const auto start = std::chrono::steady_clock::now();
      Block block(context.width(), /*row_limit=*/1);  // one solution answers it
      PARLEY_ASSIGN_OR_RETURN(bool any, root->Next(&block));
      if (profiler == nullptr) return MakeBooleanResult(any);
      profiler->CountResults(1, std::chrono::steady_clock::now() - start);
      return MakeBooleanResult(any, profiler->Render());
    }
    case Query::Form::kConstruct: {
      PARLEY_ASSIGN_OR_RETURN(std::unique_ptr<TripleProducer> producer,
                              MakeConstructProducer(&context, parsed, std::move(root)));
      return MakeTriplesResult(std::move(evaluation), std::move(producer));
    }
    case Query::Form::kDescribe: {
      PARLEY_ASSIGN_OR_RETURN(std::unique_ptr<TripleProducer> producer,
                              MakeDescribeProducer(&context, parsed, std::move(root)));
      return MakeTriplesResult(std::move(evaluation), std::move(producer));
    }
  }
  return absl::InternalError("unknown query form");
}

}  // namespace parley::query
