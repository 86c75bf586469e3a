#include "query/exec/path.h"

#include <deque>
#include <utility>
#include <variant>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "engine/status_macros.h"
#include "query/exec/pattern_scan.h"

namespace parley::query {
namespace {

using Pair = std::pair<TermId, TermId>;
using Pairs = std::vector<Pair>;

// Evaluates paths within one graph (the default graph or one named graph).
class PathEvaluator {
 public:
  PathEvaluator(ExecContext* context, GraphScope graph) : context_(context), graph_(graph) {}

  // The (start, end) pairs `path` connects; kAnyId leaves an end free.
  absl::StatusOr<Pairs> Evaluate(const Path& path, TermId start, TermId end) {
    switch (path.kind) {
      case Path::Kind::kLink: {
        PARLEY_ASSIGN_OR_RETURN(std::optional<TermId> predicate,
                                context_->terms().LookupStored(path.iri));
        if (!predicate.has_value()) return Pairs();
        return Scan(start, *predicate, end, nullptr, false);
      }
      case Path::Kind::kInverse: {
        PARLEY_ASSIGN_OR_RETURN(Pairs pairs, Evaluate(*path.children[0], end, start));
        for (Pair& p : pairs) std::swap(p.first, p.second);
        return pairs;
      }
      case Path::Kind::kSequence:
        return Sequence(path.children, 0, start, end);
      case Path::Kind::kAlternative: {
        Pairs all;
        for (const PathPtr& child : path.children) {
          PARLEY_ASSIGN_OR_RETURN(Pairs pairs, Evaluate(*child, start, end));
          all.insert(all.end(), pairs.begin(), pairs.end());
        }
        return all;
      }
      case Path::Kind::kZeroOrOne: {
        PARLEY_ASSIGN_OR_RETURN(Pairs pairs, ZeroLength(start, end));
        PARLEY_ASSIGN_OR_RETURN(Pairs once, Evaluate(*path.children[0], start, end));
        pairs.insert(pairs.end(), once.begin(), once.end());
        return Distinct(std::move(pairs));
      }
      case Path::Kind::kZeroOrMore:
      case Path::Kind::kOneOrMore:
        return Closure(*path.children[0], path.kind == Path::Kind::kZeroOrMore, start, end);
      case Path::Kind::kNegatedSet:
        return NegatedSet(path, start, end);
    }
    return absl::InternalError("unknown path kind");
  }

 private:
  // Quads (s, p, o) with p == predicate (or, with `excluded`, p not in it);
  // as (o, s) pairs when `inverse`.
  absl::StatusOr<Pairs> Scan(TermId subject, TermId predicate, TermId object,
                             const absl::flat_hash_set<TermId>* excluded, bool inverse) {
    QuadReader reader(context_, graph_);
    PARLEY_RETURN_IF_ERROR(reader.Open(subject, predicate, object, kAnyId));
    Pairs pairs;
    IdQuad quad;
    while (true) {
      PARLEY_ASSIGN_OR_RETURN(bool more, reader.Next(&quad));
      if (!more) break;
      if (excluded != nullptr && excluded->contains(quad.predicate)) continue;
      pairs.emplace_back(inverse ? quad.object : quad.subject,
                         inverse ? quad.subject : quad.object);
      if (pairs.size() % 65536 == 0) PARLEY_RETURN_IF_ERROR(context_->CheckInterrupt());
    }
    return pairs;
  }

  absl::StatusOr<Pairs> Sequence(const std::vector<PathPtr>& children, size_t first, TermId start,
                                 TermId end) {
    if (first + 1 == children.size()) return Evaluate(*children[first], start, end);
    const bool from_end = start == kAnyId && end != kAnyId;
    Pairs out;
    if (!from_end) {
      PARLEY_ASSIGN_OR_RETURN(Pairs left, Evaluate(*children[first], start, kAnyId));
      absl::flat_hash_map<TermId, Pairs> rest_by_middle;
      for (const auto& [x, middle] : left) {
        auto it = rest_by_middle.find(middle);
        if (it == rest_by_middle.end()) {
          PARLEY_ASSIGN_OR_RETURN(Pairs rest, Sequence(children, first + 1, middle, end));
          it = rest_by_middle.emplace(middle, std::move(rest)).first;
        }
        for (const Pair& r : it->second) out.emplace_back(x, r.second);
      }
      return out;
    }
    PARLEY_ASSIGN_OR_RETURN(Pairs right, Sequence(children, first + 1, kAnyId, end));
    absl::flat_hash_map<TermId, Pairs> left_by_middle;
    for (const auto& [middle, y] : right) {
      auto it = left_by_middle.find(middle);
      if (it == left_by_middle.end()) {
        PARLEY_ASSIGN_OR_RETURN(Pairs left, Evaluate(*children[first], kAnyId, middle));
        it = left_by_middle.emplace(middle, std::move(left)).first;
      }
      for (const Pair& l : it->second) out.emplace_back(l.first, y);
    }
    return out;
  }

  static Pairs Distinct(Pairs pairs) {
    absl::flat_hash_set<Pair> seen;
    Pairs out;
    for (const Pair& p : pairs) {
      if (seen.insert(p).second) out.push_back(p);
    }
    return out;
  }

  // Every subject and object of the graph (cached).
  absl::StatusOr<const std::vector<TermId>*> Nodes() {
    if (!nodes_.has_value()) {
      PARLEY_ASSIGN_OR_RETURN(Pairs all, Scan(kAnyId, kAnyId, kAnyId, nullptr, false));
      absl::flat_hash_set<TermId> seen;
      nodes_.emplace();
      for (const auto& [s, o] : all) {
        if (seen.insert(s).second) nodes_->push_back(s);
        if (seen.insert(o).second) nodes_->push_back(o);
      }
    }
    return &*nodes_;
  }

  absl::StatusOr<Pairs> ZeroLength(TermId start, TermId end) {
    if (start != kAnyId && end != kAnyId) {
      if (start == end) return Pairs{{start, end}};
      return Pairs();
    }
    if (start != kAnyId) return Pairs{{start, start}};
    if (end != kAnyId) return Pairs{{end, end}};
    PARLEY_ASSIGN_OR_RETURN(const std::vector<TermId>* nodes, Nodes());
    Pairs pairs;
    pairs.reserve(nodes->size());
    for (TermId n : *nodes) pairs.emplace_back(n, n);
    return pairs;
  }

  // The nodes reachable from `from` by one or more steps of `step` (or zero
  // or more with `reflexive`), walking backwards when `backwards`.
  absl::StatusOr<std::vector<TermId>> Reach(const Path& step, TermId from, bool reflexive,
                                            bool backwards) {
    absl::flat_hash_set<TermId> visited;
    std::vector<TermId> reached;
    std::deque<TermId> frontier{from};
    if (reflexive) {
      visited.insert(from);
      reached.push_back(from);
    }
    size_t steps = 0;
    while (!frontier.empty()) {
      const TermId node = frontier.front();
      frontier.pop_front();
      if (++steps % 256 == 0) PARLEY_RETURN_IF_ERROR(context_->CheckInterrupt());
      PARLEY_ASSIGN_OR_RETURN(
          Pairs next, backwards ? Evaluate(step, kAnyId, node) : Evaluate(step, node, kAnyId));
      for (const Pair& p : next) {
        const TermId neighbour = backwards ? p.first : p.second;
        if (visited.insert(neighbour).second) {
          reached.push_back(neighbour);
          frontier.push_back(neighbour);
        }
      }
    }
    return reached;
  }

  absl::StatusOr<Pairs> Closure(const Path& step, bool reflexive, TermId start, TermId end) {
    Pairs out;
    if (start != kAnyId) {
      PARLEY_ASSIGN_OR_RETURN(std::vector<TermId> reached, Reach(step, start, reflexive, false));
      for (TermId y : reached) {
        if (end == kAnyId || y == end) out.emplace_back(start, y);
      }
      return out;
    }
    if (end != kAnyId) {
      PARLEY_ASSIGN_OR_RETURN(std::vector<TermId> reached, Reach(step, end, reflexive, true));
      for (TermId x : reached) out.emplace_back(x, end);
      return out;
    }
    // Both ends free: walk from every node that can start a path.
    std::vector<TermId> starts;
    if (reflexive) {
      PARLEY_ASSIGN_OR_RETURN(const std::vector<TermId>* nodes, Nodes());
      starts = *nodes;
    } else {
      PARLEY_ASSIGN_OR_RETURN(Pairs once, Evaluate(step, kAnyId, kAnyId));
      absl::flat_hash_set<TermId> seen;
      for (const Pair& p : once) {
        if (seen.insert(p.first).second) starts.push_back(p.first);
      }
    }
    for (TermId x : starts) {
      PARLEY_ASSIGN_OR_RETURN(std::vector<TermId> reached, Reach(step, x, reflexive, false));
      for (TermId y : reached) out.emplace_back(x, y);
    }
    return out;
  }

  absl::StatusOr<Pairs> NegatedSet(const Path& path, TermId start, TermId end) {
    Pairs out;
    if (!path.negated.empty()) {
      PARLEY_ASSIGN_OR_RETURN(absl::flat_hash_set<TermId> excluded, StoredIds(path.negated));
      PARLEY_ASSIGN_OR_RETURN(out, Scan(start, kAnyId, end, &excluded, false));
    }
    if (!path.negated_inverse.empty()) {
      PARLEY_ASSIGN_OR_RETURN(absl::flat_hash_set<TermId> excluded,
                              StoredIds(path.negated_inverse));
      PARLEY_ASSIGN_OR_RETURN(Pairs inverse, Scan(end, kAnyId, start, &excluded, true));
      out.insert(out.end(), inverse.begin(), inverse.end());
    }
    return out;
  }

  absl::StatusOr<absl::flat_hash_set<TermId>> StoredIds(const std::vector<Term>& terms) {
    absl::flat_hash_set<TermId> ids;
    for (const Term& term : terms) {
      PARLEY_ASSIGN_OR_RETURN(std::optional<TermId> id, context_->terms().LookupStored(term));
      if (id.has_value()) ids.insert(*id);
    }
    return ids;
  }

  ExecContext* context_;
  GraphScope graph_;
  std::optional<std::vector<TermId>> nodes_;
};

// An end of the path pattern: a constant (interned, so a term the store has
// never seen still matches itself at length zero) or a variable slot.
struct PathEnd {
  bool is_variable = false;
  size_t slot = 0;
  TermId constant = 0;
};

class PathOperator final : public Operator {
 public:
  PathOperator(ExecContext* context, OperatorPtr input, PathPtr path, PathEnd subject,
               PathEnd object, GraphScope graph)
      : context_(context),
        input_(std::move(input)),
        path_(std::move(path)),
        subject_(subject),
        object_(object),
        graph_(graph),
        block_(context->width()),
        candidate_(context->width()) {}

  absl::StatusOr<bool> Next(Block* out) override {
    out->Clear();
    while (!out->full()) {
      PARLEY_RETURN_IF_ERROR(context_->CheckInterrupt());
      if (at_ < pairs_.size()) {
        for (; at_ < pairs_.size() && !out->full(); ++at_) Emit(pairs_[at_], out);
        continue;
      }
      if (row_ >= block_.rows()) {
        if (input_done_) break;
        PARLEY_ASSIGN_OR_RETURN(bool more, input_->Next(&block_));
        row_ = 0;
        if (!more) {
          input_done_ = true;
          break;
        }
      }
      PARLEY_RETURN_IF_ERROR(StartRow(block_.row(row_++)));
    }
    return !out->empty();
  }

 private:
  static TermId EndId(const PathEnd& end, const TermId* row) {
    if (!end.is_variable) return end.constant;
    return row[end.slot] == kUnbound ? kAnyId : row[end.slot];
  }

  // Computes the (graph, pair) matches of one input row.
  absl::Status StartRow(const TermId* row) {
    current_.assign(row, row + context_->width());
    pairs_.clear();
    graphs_of_pairs_.clear();
    at_ = 0;
    const TermId start = EndId(subject_, row);
    const TermId end = EndId(object_, row);
    if (graph_.kind != GraphScope::Kind::kVariable) {
      PathEvaluator evaluator(context_, graph_);
      PARLEY_ASSIGN_OR_RETURN(pairs_, evaluator.Evaluate(*path_, start, end));
      return absl::OkStatus();
    }
    // GRAPH ?g { path }: once per named graph (or the one the row binds).
    std::vector<TermId> graphs;
    if (row[graph_.slot] != kUnbound) {
      graphs.push_back(row[graph_.slot]);
    } else {
      PARLEY_ASSIGN_OR_RETURN(std::vector<TermId> named, context_->source()->NamedGraphs());
      for (TermId g : named) {
        if (context_->dataset().IsNamedGraph(g)) graphs.push_back(g);
      }
    }
    for (TermId g : graphs) {
      if (IsLocalId(g) || !context_->dataset().IsNamedGraph(g)) continue;
      PathEvaluator evaluator(context_, GraphScope{GraphScope::Kind::kNamed, g, 0});
      PARLEY_ASSIGN_OR_RETURN(Pairs pairs, evaluator.Evaluate(*path_, start, end));
      pairs_.insert(pairs_.end(), pairs.begin(), pairs.end());
      graphs_of_pairs_.insert(graphs_of_pairs_.end(), pairs.size(), g);
    }
    return absl::OkStatus();
  }

  void Emit(const Pair& pair, Block* out) {
    candidate_ = current_;
    auto bind = [&](const PathEnd& e, TermId value) {
      if (!e.is_variable) return e.constant == value;
      TermId& cell = candidate_[e.slot];
      if (cell == kUnbound) cell = value;
      return cell == value;
    };
    if (!bind(subject_, pair.first) || !bind(object_, pair.second)) return;
    if (graph_.kind == GraphScope::Kind::kVariable) {
      TermId& cell = candidate_[graph_.slot];
      const TermId g = graphs_of_pairs_[at_];
      if (cell == kUnbound) cell = g;
      if (cell != g) return;
    }
    out->AppendRow(candidate_.data());
  }

  ExecContext* context_;
  OperatorPtr input_;
  PathPtr path_;
  PathEnd subject_;
  PathEnd object_;
  GraphScope graph_;
  Block block_;
  size_t row_ = 0;
  bool input_done_ = false;
  std::vector<TermId> current_;
  std::vector<TermId> candidate_;
  Pairs pairs_;
  std::vector<TermId> graphs_of_pairs_;
  size_t at_ = 0;
};

absl::StatusOr<PathEnd> CompileEnd(ExecContext& context, const TermOrVariable& position) {
  PathEnd end;
  if (const Variable* v = std::get_if<Variable>(&position)) {
    end.is_variable = true;
    end.slot = context.slots().SlotOf(*v);
    return end;
  }
  PARLEY_ASSIGN_OR_RETURN(end.constant, context.terms().Intern(std::get<Term>(position)));
  return end;
}

}  // namespace

absl::StatusOr<OperatorPtr> BuildPath(ExecContext* context, OperatorPtr input,
                                      const PathPattern& pattern, const Scope& scope) {
  PARLEY_ASSIGN_OR_RETURN(PathEnd subject, CompileEnd(*context, pattern.subject));
  PARLEY_ASSIGN_OR_RETURN(PathEnd object, CompileEnd(*context, pattern.object));
  return std::make_unique<PathOperator>(context, std::move(input), pattern.path, subject, object,
                                        scope.graph);
}

}  // namespace parley::query
