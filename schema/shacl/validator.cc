#include "schema/shacl/validator.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "engine/status_macros.h"
#include "formats/rdf/str_cat.h"
#include "schema/shacl/data_graph.h"
#include "schema/shacl/focus_nodes.h"
#include "schema/shacl/path_eval.h"
#include "schema/shacl/value_checks.h"
#include "schema/shacl/vocabulary.h"

namespace parley::shacl {

using engine::io::Cat;

namespace {

// Terms DecodeAll keeps for reuse.
constexpr size_t kDecodedCacheSize = size_t{1} << 16;
// Answers IsInstance keeps.
constexpr size_t kInstanceCacheSize = size_t{1} << 18;

// A value node: its id when the store holds it, and its term once decoded.
struct Value {
  std::optional<TermId> id = std::nullopt;
  std::optional<Term> term = std::nullopt;
};

bool NeedsTerms(const Shape& shape) {
  return std::any_of(shape.constraints.begin(), shape.constraints.end(),
                     [](const Constraint& c) { return IsValueCheck(c.kind); });
}

std::string ListText(const std::vector<Term>& terms) {
  std::string text;
  for (const Term& term : terms) text += (text.empty() ? "" : " ") + ShowTerm(term);
  return "(" + text + ")";
}

class Validator {
 public:
  Validator(const DataGraph& data, const ShapesGraph& shapes, const ValidationOptions& options)
      : data_(data), shapes_(shapes), options_(options), paths_(data, ids_) {}

  // Validates every focus node, or with `candidates` only the candidates
  // that are focus nodes.
  absl::StatusOr<ValidationReport> Run(const std::vector<Term>* candidates) {
    PARLEY_RETURN_IF_ERROR(ResolveTerms());
    std::vector<TermId> candidate_ids;
    if (candidates != nullptr) {
      PARLEY_RETURN_IF_ERROR(ids_.Resolve(data_, *candidates));
      for (const Term& term : *candidates) {
        if (std::optional<TermId> id = ids_.Id(term)) candidate_ids.push_back(*id);
      }
      std::sort(candidate_ids.begin(), candidate_ids.end());
      candidate_ids.erase(std::unique(candidate_ids.begin(), candidate_ids.end()),
                          candidate_ids.end());
    }
    for (const Shape& shape : shapes_.shapes) {
      if (shape.targets.empty() || shape.deactivated) continue;
      if (candidates == nullptr) {
        PARLEY_RETURN_IF_ERROR(ValidateTargets(shape));
      } else {
        PARLEY_RETURN_IF_ERROR(ValidateCandidates(shape, candidate_ids, *candidates));
      }
    }
    report_.path_triples = shapes_.path_triples;
    return std::move(report_);
  }

 private:
  // Looks up, in one batch, every term the shapes name.
  absl::Status ResolveTerms() {
    std::vector<Term> terms = {Term::Iri(std::string(kRdfType)),
                               Term::Iri(std::string(kRdfsSubClassOf))};
    for (const Shape& shape : shapes_.shapes) {
      if (shape.path) CollectPredicates(*shape.path, &terms);
      for (const Target& target : shape.targets) terms.push_back(target.term);
      for (const Constraint& constraint : shape.constraints) {
        terms.push_back(constraint.term);
        if (constraint.kind == Constraint::Kind::kIn) {
          terms.insert(terms.end(), constraint.terms.begin(), constraint.terms.end());
        }
      }
    }
    for (const auto& [sub, super] : shapes_.subclass_of) terms.push_back(sub);
    // Only IRIs, blank nodes and literals are looked up (the store takes
    // no default-graph term).
    std::erase_if(terms, [](const Term& term) { return term.is_default_graph(); });
    PARLEY_RETURN_IF_ERROR(ids_.Resolve(data_, terms));
    rdf_type_ = ids_.Id(Term::Iri(std::string(kRdfType)));
    subclass_of_ = ids_.Id(Term::Iri(std::string(kRdfsSubClassOf)));
    return absl::OkStatus();
  }

  // The ids of `type` and of every class below it by rdfs:subClassOf, in
  // the data or the shapes graph; computed once per class.
  // The result points into class_ids_, whose entries stay put.
  absl::StatusOr<const std::vector<TermId>*> ClassIds(const Term& type) {
    if (auto it = class_ids_.find(type); it != class_ids_.end()) return &it->second;
    std::set<Term> seen = {type};
    std::vector<Term> pending = {type};
    NodeSet subclasses;
    std::vector<Term> decoded;
    while (!pending.empty()) {
      Term current = std::move(pending.back());
      pending.pop_back();
      std::vector<Term> below;
      for (const auto& [sub, super] : shapes_.subclass_of) {
        if (super == current) below.push_back(sub);
      }
      PARLEY_RETURN_IF_ERROR(ids_.Resolve(data_, {current}));
      std::optional<TermId> id = ids_.Id(current);
      if (id && subclass_of_) {
        PARLEY_RETURN_IF_ERROR(data_.Subjects(*subclass_of_, *id, &subclasses));
        PARLEY_RETURN_IF_ERROR(data_.Decode(subclasses, &decoded));
        below.insert(below.end(), decoded.begin(), decoded.end());
      }
      for (Term& term : below) {
        if (seen.insert(term).second) pending.push_back(std::move(term));
      }
    }
    std::vector<Term> closure(seen.begin(), seen.end());
    PARLEY_RETURN_IF_ERROR(ids_.Resolve(data_, closure));
    std::vector<TermId> ids;
    for (const Term& term : closure) {
      if (std::optional<TermId> id = ids_.Id(term)) ids.push_back(*id);
    }
    std::sort(ids.begin(), ids.end());
    return &(class_ids_[type] = std::move(ids));
  }

  absl::Status ValidateTargets(const Shape& shape) {
    target_shape_ = &shape;
    paths_.Restart();  // focus nodes start again from the lowest id
    PARLEY_ASSIGN_OR_RETURN(
        FocusNodes focus_nodes,
        FocusNodes::Open(data_, ids_, shape, rdf_type_,
                         [this](const Term& type) -> absl::StatusOr<std::vector<TermId>> {
                           PARLEY_ASSIGN_OR_RETURN(const std::vector<TermId>* ids, ClassIds(type));
                           return *ids;
                         }));
    while (true) {
      PARLEY_ASSIGN_OR_RETURN(std::optional<TermId> focus, focus_nodes.Next());
      if (!focus) break;
      PARLEY_RETURN_IF_ERROR(data_.limits().Check());
      PARLEY_RETURN_IF_ERROR(ValidateFocus(shape, Value{.id = focus}));
    }
    for (const Term& node : focus_nodes.unknown_nodes()) {
      PARLEY_RETURN_IF_ERROR(ValidateFocus(shape, Value{.term = node}));
    }
    return absl::OkStatus();
  }

  // Validates the candidates that are focus nodes of `shape`: `ids`, sorted,
  // and the terms of `terms` the store does not hold that sh:targetNode
  // names.
  absl::Status ValidateCandidates(const Shape& shape, const std::vector<TermId>& ids,
                                  const std::vector<Term>& terms) {
    target_shape_ = &shape;
    paths_.Restart();
    for (TermId id : ids) {
      PARLEY_ASSIGN_OR_RETURN(bool focus, IsFocusNode(shape, id));
      if (focus) PARLEY_RETURN_IF_ERROR(ValidateFocus(shape, Value{.id = id}));
    }
    for (const Term& term : terms) {
      if (ids_.Id(term)) continue;
      bool named = std::any_of(shape.targets.begin(), shape.targets.end(), [&](const Target& t) {
        return t.kind == Target::Kind::kNode && t.term == term;
      });
      if (named) PARLEY_RETURN_IF_ERROR(ValidateFocus(shape, Value{.term = term}));
    }
    return absl::OkStatus();
  }

  // Whether a target of `shape` selects `id`.
  absl::StatusOr<bool> IsFocusNode(const Shape& shape, TermId id) {
    NodeSet found;
    for (const Target& target : shape.targets) {
      std::optional<TermId> term = ids_.Id(target.term);
      switch (target.kind) {
        case Target::Kind::kNode:
          if (term == id) return true;
          break;
        case Target::Kind::kClass: {
          PARLEY_ASSIGN_OR_RETURN(bool instance, IsInstance(Value{.id = id}, target.term));
          if (instance) return true;
          break;
        }
        case Target::Kind::kSubjectsOf:
          if (!term) break;
          PARLEY_RETURN_IF_ERROR(data_.Objects(id, *term, &found));
          if (!found.empty()) return true;
          break;
        case Target::Kind::kObjectsOf:
          if (!term) break;
          PARLEY_RETURN_IF_ERROR(data_.Subjects(*term, id, &found));
          if (!found.empty()) return true;
          break;
      }
    }
    return false;
  }

  // Checks `focus` against `shape` and its property shapes.
  absl::Status ValidateFocus(const Shape& shape, Value focus) {
    ++report_.focus_nodes;
    focus_ = std::move(focus);
    PARLEY_RETURN_IF_ERROR(CheckShape(shape));
    return absl::OkStatus();
  }

  absl::Status CheckShape(const Shape& shape) {
    if (shape.deactivated) return absl::OkStatus();
    std::vector<Value> values;
    if (!shape.path) {
      values.push_back(focus_);
    } else if (focus_.id) {
      NodeSet reached;
      PARLEY_RETURN_IF_ERROR(paths_.EvaluateFromFocus(*shape.path, *focus_.id, &reached));
      for (TermId id : reached) values.push_back(Value{.id = id});
    }
    if (NeedsTerms(shape)) PARLEY_RETURN_IF_ERROR(DecodeAll(&values));
    for (const Constraint& constraint : shape.constraints) {
      PARLEY_RETURN_IF_ERROR(Check(shape, constraint, values));
    }
    for (size_t property : shape.properties) {
      PARLEY_RETURN_IF_ERROR(CheckShape(shapes_.shapes[property]));
    }
    return absl::OkStatus();
  }

  // Decodes the values without terms, through a bounded cache: the same
  // classes, countries and statuses come up for focus node after focus node.
  absl::Status DecodeAll(std::vector<Value>* values) {
    std::vector<TermId> ids;
    for (Value& value : *values) {
      if (value.term) continue;
      if (auto it = decoded_.find(*value.id); it != decoded_.end()) {
        value.term = it->second;
      } else {
        ids.push_back(*value.id);
      }
    }
    if (ids.empty()) return absl::OkStatus();
    std::vector<Term> terms;
    PARLEY_RETURN_IF_ERROR(data_.Decode(ids, &terms));
    if (decoded_.size() + terms.size() > kDecodedCacheSize) decoded_.clear();
    size_t next = 0;
    for (Value& value : *values) {
      if (value.term) continue;
      decoded_.emplace(*value.id, terms[next]);
      value.term = std::move(terms[next++]);
    }
    return absl::OkStatus();
  }

  absl::Status Check(const Shape& shape, const Constraint& constraint, std::vector<Value>& values) {
    switch (constraint.kind) {
      case Constraint::Kind::kMinCount:
        if (values.size() < constraint.count) {
          return Fail(shape, constraint, nullptr,
                      Cat("expected at least ", constraint.count, " value",
                          constraint.count == 1 ? "" : "s", ", found ", values.size()));
        }
        return absl::OkStatus();
      case Constraint::Kind::kMaxCount:
        if (values.size() > constraint.count) {
          return Fail(shape, constraint, nullptr,
                      Cat("expected at most ", constraint.count, " value",
                          constraint.count == 1 ? "" : "s", ", found ", values.size()));
        }
        return absl::OkStatus();
      case Constraint::Kind::kHasValue:
        for (const Value& value : values) {
          if (SameTerm(value, constraint.term)) return absl::OkStatus();
        }
        return Fail(shape, constraint, nullptr,
                    Cat("expected the value ", ShowTerm(constraint.term), ", not found"));
      case Constraint::Kind::kUniqueLang:
        return constraint.count == 0 ? absl::OkStatus()
                                     : CheckUniqueLang(shape, constraint, values);
      case Constraint::Kind::kIn:
        for (Value& value : values) {
          bool member = std::any_of(constraint.terms.begin(), constraint.terms.end(),
                                    [&](const Term& term) { return SameTerm(value, term); });
          if (!member) {
            PARLEY_RETURN_IF_ERROR(Fail(shape, constraint, &value,
                                        Cat("expected one of ", ListText(constraint.terms),
                                            ", found ", ShowTerm(*Decoded(&value)))));
          }
        }
        return absl::OkStatus();
      case Constraint::Kind::kClass:
        for (Value& value : values) {
          PARLEY_ASSIGN_OR_RETURN(bool instance, IsInstance(value, constraint.term));
          if (!instance) {
            PARLEY_RETURN_IF_ERROR(Fail(shape, constraint, &value,
                                        Cat("expected an instance of ", ShowTerm(constraint.term),
                                            ", found ", ShowTerm(*Decoded(&value)))));
          }
        }
        return absl::OkStatus();
      default:
        for (Value& value : values) {
          if (std::optional<std::string> failure = CheckValue(constraint, *value.term)) {
            PARLEY_RETURN_IF_ERROR(Fail(shape, constraint, &value, *failure));
          }
        }
        return absl::OkStatus();
    }
  }

  absl::Status CheckUniqueLang(const Shape& shape, const Constraint& constraint,
                               std::vector<Value>& values) {
    PARLEY_RETURN_IF_ERROR(DecodeAll(&values));
    std::map<std::string, size_t> per_language;
    for (const Value& value : values) {
      if (value.term->is_literal() && !value.term->language().empty()) {
        ++per_language[value.term->language()];
      }
    }
    for (const auto& [language, count] : per_language) {
      if (count < 2) continue;
      PARLEY_RETURN_IF_ERROR(Fail(
          shape, constraint, nullptr,
          Cat("expected one value per language, found ", count, " tagged \"", language, "\"")));
    }
    return absl::OkStatus();
  }

  // RDF term equality of a value node and a term of the shapes graph.
  bool SameTerm(const Value& value, const Term& term) const {
    if (value.term) return *value.term == term;
    std::optional<TermId> id = ids_.Id(term);
    return id && value.id == id;
  }

  // SHACL instance: an rdf:type of the value is the class or below it.
  // Answers are cached (bounded): the same people and countries are the
  // values of many focus nodes.
  absl::StatusOr<bool> IsInstance(const Value& value, const Term& type) {
    if (!value.id || !rdf_type_) return false;
    PARLEY_ASSIGN_OR_RETURN(const std::vector<TermId>* class_ids, ClassIds(type));
    const std::vector<TermId>& classes = *class_ids;
    if (classes.empty()) return false;
    const std::pair<TermId, const std::vector<TermId>*> key = {*value.id, class_ids};
    if (auto it = instances_.find(key); it != instances_.end()) return it->second;
    NodeSet types;
    PARLEY_RETURN_IF_ERROR(data_.Objects(*value.id, *rdf_type_, &types));
    bool instance = std::any_of(types.begin(), types.end(), [&](TermId t) {
      return std::binary_search(classes.begin(), classes.end(), t);
    });
    if (instances_.size() >= kInstanceCacheSize) instances_.clear();
    instances_.emplace(key, instance);
    return instance;
  }

  absl::StatusOr<Term> DecodeOne(Value* value) {
    if (!value->term) {
      std::vector<Term> terms;
      TermId id = *value->id;
      PARLEY_RETURN_IF_ERROR(data_.Decode({&id, 1}, &terms));
      value->term = std::move(terms[0]);
    }
    return *value->term;
  }

  // The value's term; a placeholder when it cannot be decoded (the error
  // is reported by the next read of the store).
  const Term* Decoded(Value* value) {
    static const Term kUnknown = Term::Literal("(undecodable)");
    return DecodeOne(value).ok() ? &*value->term : &kUnknown;
  }

  // Records one result of `shape` for the current focus node.
  absl::Status Fail(const Shape& shape, const Constraint& constraint, Value* value,
                    std::string message) {
    ++report_.result_count;
    if (shape.severity == ValidationSeverity::kViolation) report_.conforms = false;
    if (report_.results.size() >= options_.max_results) return absl::OkStatus();
    ValidationResult result;
    PARLEY_ASSIGN_OR_RETURN(result.focus_node, DecodeOne(&focus_));
    if (shape.path) {
      result.path = shape.path->node;
      result.path_text = shape.path->ToSparql();
    }
    if (value != nullptr) {
      PARLEY_ASSIGN_OR_RETURN(result.value, DecodeOne(value));
    }
    result.source_shape = shape.id;
    result.target_shape = target_shape_->id;
    result.constraint_component = constraint.Component();
    result.severity = shape.severity;
    result.message = shape.message.value_or(std::move(message));
    report_.results.push_back(std::move(result));
    return absl::OkStatus();
  }

  const DataGraph& data_;
  const ShapesGraph& shapes_;
  const ValidationOptions& options_;
  TermIds ids_;
  PathEvaluator paths_;
  std::optional<TermId> rdf_type_;
  std::optional<TermId> subclass_of_;
  std::map<Term, std::vector<TermId>> class_ids_;
  absl::flat_hash_map<TermId, Term> decoded_;  // at most kDecodedCacheSize
  // (value, the class's closure in class_ids_) -> whether the value is an
  // instance; at most kInstanceCacheSize entries.
  absl::flat_hash_map<std::pair<TermId, const std::vector<TermId>*>, bool> instances_;
  const Shape* target_shape_ = nullptr;  // the shape whose targets are walked
  Value focus_;
  ValidationReport report_;
};

}  // namespace

absl::StatusOr<ValidationReport> Validate(const engine::StorageReader& reader,
                                          const ShapesGraph& shapes,
                                          const ValidationOptions& options,
                                          const std::vector<Term>* candidates) {
  engine::ScanLimits limits;
  limits.cancel = options.cancel;
  std::optional<TermId> graph;
  bool empty = false;
  if (options.graph) {
    if (options.graph->is_default_graph()) {
      graph = kDefaultGraphId;
    } else {
      std::vector<std::optional<TermId>> ids;
      PARLEY_RETURN_IF_ERROR(reader.LookupMany({&*options.graph, 1}, &ids));
      graph = ids[0].value_or(kDefaultGraphId);
      empty = !ids[0].has_value();
    }
  }
  DataGraph data(reader, graph, empty, limits);
  return Validator(data, shapes, options).Run(candidates);
}

}  // namespace parley::shacl
