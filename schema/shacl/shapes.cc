#include "schema/shacl/shapes.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "engine/status_macros.h"
#include "formats/rdf/str_cat.h"
#include "query/expr/regex.h"
#include "schema/shacl/vocabulary.h"

namespace parley::shacl {

using engine::io::Cat;
namespace {

// How the parser treats each sh: predicate on a shape node.
enum class Param : uint8_t {
  kConstraint,  // one constraint component
  kStructure,   // targets, sh:property, sh:path, sh:flags (read elsewhere)
  kAnnotation,  // no effect on validation (sh:name, sh:order, ...)
};

struct ConstraintParam {
  std::string_view local;
  Constraint::Kind kind;
};

constexpr ConstraintParam kConstraintParams[] = {
    {"class", Constraint::Kind::kClass},
    {"datatype", Constraint::Kind::kDatatype},
    {"nodeKind", Constraint::Kind::kNodeKind},
    {"minCount", Constraint::Kind::kMinCount},
    {"maxCount", Constraint::Kind::kMaxCount},
    {"in", Constraint::Kind::kIn},
    {"hasValue", Constraint::Kind::kHasValue},
    {"pattern", Constraint::Kind::kPattern},
    {"minLength", Constraint::Kind::kMinLength},
    {"maxLength", Constraint::Kind::kMaxLength},
    {"minInclusive", Constraint::Kind::kMinInclusive},
    {"maxInclusive", Constraint::Kind::kMaxInclusive},
    {"minExclusive", Constraint::Kind::kMinExclusive},
    {"maxExclusive", Constraint::Kind::kMaxExclusive},
    {"languageIn", Constraint::Kind::kLanguageIn},
    {"uniqueLang", Constraint::Kind::kUniqueLang},
};

constexpr std::string_view kStructureParams[] = {
    "targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf", "property",
    "path",        "flags",      "severity",         "message",         "deactivated"};
constexpr std::string_view kAnnotationParams[] = {"name", "description", "order", "group",
                                                  "defaultValue"};

// The triples of the shapes graph by subject, predicate.
class TripleIndex {
 public:
  explicit TripleIndex(const std::vector<Quad>& triples) {
    for (const Quad& quad : triples) {
      by_subject_[quad.subject][quad.predicate].push_back(quad.object);
      if (quad.predicate.value() == kRdfType) typed_[quad.object].insert(quad.subject);
    }
    for (auto& [subject, predicates] : by_subject_) {
      for (auto& [predicate, objects] : predicates) {
        std::sort(objects.begin(), objects.end());
        objects.erase(std::unique(objects.begin(), objects.end()), objects.end());
      }
    }
  }

  const std::vector<Term>& Objects(const Term& subject, std::string_view predicate) const {
    static const std::vector<Term> kNone;
    auto s = by_subject_.find(subject);
    if (s == by_subject_.end()) return kNone;
    auto p = s->second.find(Term::Iri(std::string(predicate)));
    return p == s->second.end() ? kNone : p->second;
  }
  const std::map<Term, std::vector<Term>>* Predicates(const Term& subject) const {
    auto s = by_subject_.find(subject);
    return s == by_subject_.end() ? nullptr : &s->second;
  }
  const std::set<Term>& InstancesOf(std::string_view type) const {
    static const std::set<Term> kNone;
    auto t = typed_.find(Term::Iri(std::string(type)));
    return t == typed_.end() ? kNone : t->second;
  }
  const std::map<Term, std::map<Term, std::vector<Term>>>& subjects() const { return by_subject_; }

 private:
  // Ordered maps: shapes come out in term order, so reports are stable.
  std::map<Term, std::map<Term, std::vector<Term>>> by_subject_;
  std::map<Term, std::set<Term>> typed_;
};

std::string Describe(const Term& term) { return term.ToNTriples(); }

absl::Status ShapeError(const Term& shape, std::string_view what) {
  return absl::InvalidArgumentError(Cat("shape ", Describe(shape), ": ", what));
}

class Parser {
 public:
  explicit Parser(const std::vector<Quad>& triples) : index_(triples) {}

  absl::StatusOr<ShapesGraph> Parse() {
    // Shapes: declared, targeted or used as sh:property values.
    std::set<Term> roots;
    for (std::string_view type : {"NodeShape", "PropertyShape"}) {
      for (const Term& shape : index_.InstancesOf(Sh(type))) roots.insert(shape);
    }
    for (const auto& [subject, predicates] : index_.subjects()) {
      for (const auto& [predicate, objects] : predicates) {
        std::string_view local = LocalSh(predicate);
        if (local.starts_with("target") || local == "path") roots.insert(subject);
      }
    }
    for (const Term& shape : roots) {
      PARLEY_ASSIGN_OR_RETURN(size_t index, ShapeIndex(shape));
      (void)index;
    }
    for (const auto& [subject, predicates] : index_.subjects()) {
      for (const Term& super : index_.Objects(subject, kRdfsSubClassOf)) {
        graph_.subclass_of.emplace_back(subject, super);
      }
    }
    return std::move(graph_);
  }

 private:
  // sh:local for an sh: IRI, else "".
  static std::string_view LocalSh(const Term& term) {
    if (!term.is_iri() || !term.value().starts_with(kSh)) return {};
    return std::string_view(term.value()).substr(kSh.size());
  }

  // The index of `id`'s shape, parsing it (and its property shapes) once.
  absl::StatusOr<size_t> ShapeIndex(const Term& id) {
    if (auto it = indices_.find(id); it != indices_.end()) return it->second;
    if (id.is_literal()) return ShapeError(id, "a shape must be an IRI or a blank node");
    size_t index = graph_.shapes.size();
    indices_[id] = index;
    graph_.shapes.emplace_back();
    PARLEY_ASSIGN_OR_RETURN(Shape shape, ParseShape(id));
    graph_.shapes[index] = std::move(shape);
    return index;
  }

  absl::StatusOr<Shape> ParseShape(const Term& id) {
    Shape shape;
    shape.id = id;
    const std::vector<Term>& paths = index_.Objects(id, Sh("path"));
    if (paths.size() > 1) return ShapeError(id, "more than one sh:path");
    if (paths.size() == 1) {
      PARLEY_ASSIGN_OR_RETURN(Path path, ParsePath(id, paths[0], 0));
      if (path.node.is_blank_node()) {
        CopyPathTriples(path.node);
        path.node = Term::BlankNode("p" + path.node.value());
      }
      shape.path = std::move(path);
    }
    if (const auto* predicates = index_.Predicates(id)) {
      for (const auto& [predicate, objects] : *predicates) {
        std::string_view local = LocalSh(predicate);
        if (local.empty() || local == "path") continue;
        PARLEY_RETURN_IF_ERROR(ParseParameter(&shape, local, objects));
      }
    }
    if (shape.path && !shape.properties.empty()) {
      return ShapeError(id, "sh:property on a property shape is not supported");
    }
    if (!shape.path) {
      for (const Constraint& constraint : shape.constraints) {
        if (constraint.OnValueSet() && constraint.kind != Constraint::Kind::kHasValue) {
          return ShapeError(
              id, Cat("sh:", ConstraintName(constraint.kind), " needs a property shape (sh:path)"));
        }
      }
    }
    return shape;
  }

  static std::string_view ConstraintName(Constraint::Kind kind) {
    for (const ConstraintParam& param : kConstraintParams) {
      if (param.kind == kind) return param.local;
    }
    return "?";
  }

  absl::Status ParseParameter(Shape* shape, std::string_view local,
                              const std::vector<Term>& objects) {
    const Term& id = shape->id;
    for (const ConstraintParam& param : kConstraintParams) {
      if (param.local != local) continue;
      for (const Term& object : objects) {
        PARLEY_ASSIGN_OR_RETURN(Constraint constraint, ParseConstraint(id, param, object));
        shape->constraints.push_back(std::move(constraint));
      }
      return absl::OkStatus();
    }
    if (std::find(std::begin(kAnnotationParams), std::end(kAnnotationParams), local) !=
        std::end(kAnnotationParams)) {
      return absl::OkStatus();
    }
    if (std::find(std::begin(kStructureParams), std::end(kStructureParams), local) ==
        std::end(kStructureParams)) {
      return ShapeError(id, Cat("sh:", local,
                                " is not supported (docs/validation.md lists the "
                                "SHACL Core subset Parley checks)"));
    }
    for (const Term& object : objects) {
      if (local == "property") {
        PARLEY_ASSIGN_OR_RETURN(size_t index, ShapeIndex(object));
        if (!graph_.shapes[index].path && index_.Objects(object, Sh("path")).empty()) {
          return ShapeError(object, "an sh:property value needs an sh:path");
        }
        shape->properties.push_back(index);
      } else if (local.starts_with("target")) {
        PARLEY_ASSIGN_OR_RETURN(Target target, ParseTarget(id, local, object));
        shape->targets.push_back(std::move(target));
      } else if (local == "severity") {
        PARLEY_ASSIGN_OR_RETURN(shape->severity, ParseSeverity(id, object));
      } else if (local == "message") {
        if (!object.is_literal()) return ShapeError(id, "sh:message must be a literal");
        shape->message = object.value();
      } else if (local == "deactivated") {
        shape->deactivated = object.is_literal() && object.value() == "true";
      }
    }
    if (local == "flags" && index_.Objects(id, Sh("pattern")).empty()) {
      return ShapeError(id, "sh:flags without sh:pattern");
    }
    return absl::OkStatus();
  }

  absl::StatusOr<Target> ParseTarget(const Term& id, std::string_view local, const Term& object) {
    Target target;
    if (local == "targetNode") {
      target.kind = Target::Kind::kNode;
    } else {
      if (!object.is_iri()) return ShapeError(id, Cat("sh:", local, " needs an IRI"));
      target.kind = local == "targetClass"        ? Target::Kind::kClass
                    : local == "targetSubjectsOf" ? Target::Kind::kSubjectsOf
                                                  : Target::Kind::kObjectsOf;
    }
    target.term = object;
    return target;
  }

  absl::StatusOr<ValidationSeverity> ParseSeverity(const Term& id, const Term& object) {
    if (object.is_iri() && object.value() == Sh("Violation")) return ValidationSeverity::kViolation;
    if (object.is_iri() && object.value() == Sh("Warning")) return ValidationSeverity::kWarning;
    if (object.is_iri() && object.value() == Sh("Info")) return ValidationSeverity::kInfo;
    return ShapeError(id, "sh:severity must be sh:Violation, sh:Warning or sh:Info");
  }

  absl::StatusOr<Constraint> ParseConstraint(const Term& id, const ConstraintParam& param,
                                             const Term& object) {
    Constraint constraint;
    constraint.kind = param.kind;
    constraint.term = object;
    auto expect = [&](bool ok, std::string_view what) {
      return ok ? absl::OkStatus()
                : ShapeError(id,
                             Cat("sh:", param.local, " needs ", what, ", not ", Describe(object)));
    };
    switch (param.kind) {
      case Constraint::Kind::kClass:
      case Constraint::Kind::kDatatype:
        PARLEY_RETURN_IF_ERROR(expect(object.is_iri(), "an IRI"));
        break;
      case Constraint::Kind::kNodeKind: {
        static const std::pair<std::string_view, uint8_t> kKinds[] = {
            {"IRI", Constraint::kIriBit},
            {"BlankNode", Constraint::kBlankNodeBit},
            {"Literal", Constraint::kLiteralBit},
            {"BlankNodeOrIRI", Constraint::kBlankNodeBit | Constraint::kIriBit},
            {"BlankNodeOrLiteral", Constraint::kBlankNodeBit | Constraint::kLiteralBit},
            {"IRIOrLiteral", Constraint::kIriBit | Constraint::kLiteralBit}};
        for (const auto& [name, bits] : kKinds) {
          if (LocalSh(object) == name) constraint.node_kinds = bits;
        }
        PARLEY_RETURN_IF_ERROR(expect(constraint.node_kinds != 0,
                                      "one of sh:IRI, sh:BlankNode, "
                                      "sh:Literal, sh:BlankNodeOrIRI, "
                                      "sh:BlankNodeOrLiteral, "
                                      "sh:IRIOrLiteral"));
        break;
      }
      case Constraint::Kind::kMinCount:
      case Constraint::Kind::kMaxCount:
      case Constraint::Kind::kMinLength:
      case Constraint::Kind::kMaxLength:
        PARLEY_RETURN_IF_ERROR(
            expect(object.is_literal() && absl::SimpleAtoi(object.value(), &constraint.count),
                   "a non-negative integer"));
        break;
      case Constraint::Kind::kIn: {
        PARLEY_ASSIGN_OR_RETURN(constraint.terms, ParseList(id, object));
        break;
      }
      case Constraint::Kind::kLanguageIn: {
        PARLEY_ASSIGN_OR_RETURN(std::vector<Term> tags, ParseList(id, object));
        for (Term& tag : tags) {
          PARLEY_RETURN_IF_ERROR(expect(tag.is_literal(), "a list of language tags"));
          std::string lower = tag.value();
          std::transform(lower.begin(), lower.end(), lower.begin(),
                         [](unsigned char c) { return std::tolower(c); });
          tag = Term::Literal(std::move(lower));
        }
        constraint.terms = std::move(tags);
        break;
      }
      case Constraint::Kind::kPattern: {
        PARLEY_RETURN_IF_ERROR(expect(object.is_literal(), "a string literal"));
        const std::vector<Term>& flags = index_.Objects(id, Sh("flags"));
        if (flags.size() > 1) return ShapeError(id, "more than one sh:flags");
        if (!flags.empty()) constraint.flags = flags[0];
        if (!query::TranslateXPathRegex(object.value(), flags.empty() ? "" : flags[0].value())) {
          return ShapeError(id, Cat("sh:pattern ", Describe(object), " with flags \"",
                                    flags.empty() ? "" : flags[0].value(),
                                    "\" is not a valid XPath regular expression"));
        }
        break;
      }
      case Constraint::Kind::kUniqueLang:
        PARLEY_RETURN_IF_ERROR(
            expect(object.is_literal() && (object.value() == "true" || object.value() == "false"),
                   "a boolean"));
        constraint.count = object.value() == "true" ? 1 : 0;
        break;
      case Constraint::Kind::kHasValue:
        break;
      case Constraint::Kind::kMinInclusive:
      case Constraint::Kind::kMaxInclusive:
      case Constraint::Kind::kMinExclusive:
      case Constraint::Kind::kMaxExclusive:
        PARLEY_RETURN_IF_ERROR(expect(object.is_literal(), "a literal"));
        break;
    }
    return constraint;
  }

  // The members of the RDF list at `head`.
  absl::StatusOr<std::vector<Term>> ParseList(const Term& shape, Term head) {
    std::vector<Term> members;
    std::set<Term> seen;
    while (!(head.is_iri() && head.value() == kRdfNil)) {
      const std::vector<Term>& first = index_.Objects(head, kRdfFirst);
      const std::vector<Term>& rest = index_.Objects(head, kRdfRest);
      if (first.size() != 1 || rest.size() != 1 || !seen.insert(head).second) {
        return ShapeError(shape, Cat(Describe(head), " is not a well-formed RDF list"));
      }
      members.push_back(first[0]);
      head = rest[0];
    }
    return members;
  }

  absl::StatusOr<Path> ParsePath(const Term& shape, const Term& node, int depth) {
    if (depth > 64) return ShapeError(shape, "sh:path nests too deeply");
    Path path;
    path.node = node;
    if (node.is_iri()) {
      path.kind = Path::Kind::kPredicate;
      path.predicate = node;
      return path;
    }
    if (node.is_literal()) return ShapeError(shape, "sh:path cannot be a literal");
    if (!index_.Objects(node, kRdfFirst).empty()) {
      path.kind = Path::Kind::kSequence;
      PARLEY_ASSIGN_OR_RETURN(std::vector<Term> members, ParseList(shape, node));
      if (members.size() < 2) return ShapeError(shape, "a sequence path needs two or more steps");
      for (const Term& member : members) {
        PARLEY_ASSIGN_OR_RETURN(Path step, ParsePath(shape, member, depth + 1));
        path.steps.push_back(std::move(step));
      }
      return path;
    }
    static const std::pair<std::string_view, Path::Kind> kUnary[] = {
        {"inversePath", Path::Kind::kInverse},
        {"zeroOrMorePath", Path::Kind::kZeroOrMore},
        {"oneOrMorePath", Path::Kind::kOneOrMore},
        {"zeroOrOnePath", Path::Kind::kZeroOrOne}};
    for (const auto& [local, kind] : kUnary) {
      const std::vector<Term>& operand = index_.Objects(node, Sh(local));
      if (operand.size() != 1) continue;
      path.kind = kind;
      PARLEY_ASSIGN_OR_RETURN(Path step, ParsePath(shape, operand[0], depth + 1));
      path.steps.push_back(std::move(step));
      return path;
    }
    const std::vector<Term>& alternatives = index_.Objects(node, Sh("alternativePath"));
    if (alternatives.size() == 1) {
      path.kind = Path::Kind::kAlternative;
      PARLEY_ASSIGN_OR_RETURN(std::vector<Term> members, ParseList(shape, alternatives[0]));
      if (members.size() < 2)
        return ShapeError(shape, "sh:alternativePath needs two or more paths");
      for (const Term& member : members) {
        PARLEY_ASSIGN_OR_RETURN(Path step, ParsePath(shape, member, depth + 1));
        path.steps.push_back(std::move(step));
      }
      return path;
    }
    return ShapeError(shape, Cat(Describe(node), " is not a SHACL property path"));
  }

  // Copies the triples reachable from the blank path node into
  // graph_.path_triples, renaming blank nodes so they cannot meet a report's.
  void CopyPathTriples(const Term& root) {
    auto rename = [](const Term& term) {
      return term.is_blank_node() ? Term::BlankNode("p" + term.value()) : term;
    };
    std::vector<Term> pending = {root};
    while (!pending.empty()) {
      Term node = std::move(pending.back());
      pending.pop_back();
      if (!node.is_blank_node() || !copied_.insert(node).second) continue;
      const auto* predicates = index_.Predicates(node);
      if (predicates == nullptr) continue;
      for (const auto& [predicate, objects] : *predicates) {
        for (const Term& object : objects) {
          graph_.path_triples.push_back(Quad{rename(node), predicate, rename(object), Term()});
          pending.push_back(object);
        }
      }
    }
  }

  TripleIndex index_;
  ShapesGraph graph_;
  std::map<Term, size_t> indices_;
  std::set<Term> copied_;
};

}  // namespace

std::string Path::ToSparql() const {
  auto operand = [](const Path& step) {
    std::string text = step.ToSparql();
    return step.kind == Kind::kPredicate || step.kind == Kind::kInverse ? text : "(" + text + ")";
  };
  auto join = [&](std::string_view separator) {
    std::string text;
    for (const Path& step : steps) {
      if (!text.empty()) text += separator;
      text += operand(step);
    }
    return text;
  };
  switch (kind) {
    case Kind::kPredicate:
      return predicate.ToNTriples();
    case Kind::kInverse:
      return "^" + operand(steps[0]);
    case Kind::kSequence:
      return join("/");
    case Kind::kAlternative:
      return join("|");
    case Kind::kZeroOrMore:
      return operand(steps[0]) + "*";
    case Kind::kOneOrMore:
      return operand(steps[0]) + "+";
    case Kind::kZeroOrOne:
      return operand(steps[0]) + "?";
  }
  return {};
}

Term Constraint::Component() const {
  for (const ConstraintParam& param : kConstraintParams) {
    if (param.kind != kind) continue;
    std::string local(param.local);
    local[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(local[0])));
    return Term::Iri(Sh(local + "ConstraintComponent"));
  }
  return Term::Iri(Sh("ConstraintComponent"));
}

absl::StatusOr<ShapesGraph> ParseShapes(const std::vector<Quad>& triples) {
  return Parser(triples).Parse();
}

}  // namespace parley::shacl
