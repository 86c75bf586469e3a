// Group graph patterns, triples with Turtle-like abbreviations, property
// paths and VALUES blocks (spec §19.8 rules [53]-[104]).
#include <algorithm>

#include "engine/status_macros.h"
#include "query/parser/parser_internal.h"
#include "query/parser/text_util.h"

namespace parley::query {
namespace {

constexpr std::string_view kRdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

ast::Node IriNode(std::string_view local_in_rdf, size_t offset) {
  ast::Node node;
  node.kind = ast::Node::Kind::kTerm;
  node.term = Term::Iri(Cat(kRdf, local_in_rdf));
  node.offset = offset;
  return node;
}

PathPtr LinkPath(std::string iri) {
  auto path = std::make_shared<Path>();
  path->kind = Path::Kind::kLink;
  path->iri = Term::Iri(std::move(iri));
  return path;
}

PathPtr CompositePath(Path::Kind kind, std::vector<PathPtr> children) {
  auto path = std::make_shared<Path>();
  path->kind = kind;
  path->children = std::move(children);
  return path;
}

}  // namespace

ast::Node Parser::FreshBlankNode(size_t offset) {
  ast::Node node;
  node.kind = ast::Node::Kind::kAnonymous;
  node.name = Cat(next_blank_node_++);
  node.offset = offset;
  return node;
}

// ----------------------------------------------------------- group patterns

absl::Status Parser::GroupGraphPattern(ast::GroupPattern* group) {
  group->offset = Peek().offset;
  PARLEY_RETURN_IF_ERROR(Expect(TokenKind::kLeftBrace, "'{'"));
  PARLEY_RETURN_IF_ERROR(Enter());
  if (AtWord("SELECT")) {
    ast::Element element;
    element.kind = ast::Element::Kind::kSubSelect;
    element.offset = Peek().offset;
    PARLEY_ASSIGN_OR_RETURN(element.subselect, SubSelect());
    group->elements.push_back(std::move(element));
    PARLEY_RETURN_IF_ERROR(Expect(TokenKind::kRightBrace, "'}' after the subquery"));
  } else {
    PARLEY_RETURN_IF_ERROR(GroupGraphPatternSub(group));
    PARLEY_RETURN_IF_ERROR(Expect(TokenKind::kRightBrace, "'}' or a graph pattern"));
  }
  Leave();
  return SetPatternDepth(group);
}

absl::Status Parser::SetPatternDepth(ast::GroupPattern* group) const {
  // The subquery's modifiers add at most this many levels.
  constexpr int kSubSelectLevels = 8;
  int children = 0;
  for (const ast::Element& element : group->elements) {
    int levels = 0;
    for (const ast::GroupPattern& child : element.groups) levels = std::max(levels, child.depth);
    if (element.kind == ast::Element::Kind::kUnion) {
      for (size_t n = 1; n < element.groups.size(); n *= 2) ++levels;
    }
    if (element.subselect) levels = element.subselect->where.depth + kSubSelectLevels;
    children = std::max(children, levels);
  }
  group->depth = 1 + static_cast<int>(group->elements.size()) + children;
  if (group->depth <= kMaxPatternDepth) return absl::OkStatus();
  return ErrorAt(group->offset,
                 Cat("this group graph pattern would make an algebra tree deeper "
                     "than ",
                     kMaxPatternDepth, " levels (too many nested or consecutive elements)"));
}

absl::Status Parser::GroupGraphPatternSub(ast::GroupPattern* group) {
  // After a triples block that did not end with '.', the next element must
  // not be triples.
  bool triples_allowed = true;
  while (true) {
    if (AtTriplesStart()) {
      if (!triples_allowed) return Expected("'.', '}' or a graph pattern");
      ast::Element element;
      element.kind = ast::Element::Kind::kTriples;
      element.offset = Peek().offset;
      while (true) {
        PARLEY_RETURN_IF_ERROR(TriplesSameSubject(&element.triples, /*paths=*/true));
        if (!Accept(TokenKind::kDot)) {
          triples_allowed = false;
          break;
        }
        if (!AtTriplesStart()) break;
      }
      group->elements.push_back(std::move(element));
      continue;
    }
    if (At(TokenKind::kLeftBrace) || AtWord("OPTIONAL") || AtWord("MINUS") || AtWord("GRAPH") ||
        AtWord("SERVICE") || AtWord("FILTER") || AtWord("BIND") || AtWord("VALUES")) {
      PARLEY_RETURN_IF_ERROR(GraphPatternNotTriples(group));
      Accept(TokenKind::kDot);
      triples_allowed = true;
      continue;
    }
    if (At(TokenKind::kRightBrace)) return absl::OkStatus();
    return Expected(triples_allowed ? "'}' or a graph pattern" : "'.', '}' or a graph pattern");
  }
}

absl::Status Parser::GraphPatternNotTriples(ast::GroupPattern* group) {
  ast::Element element;
  element.offset = Peek().offset;
  if (At(TokenKind::kLeftBrace)) {
    element.kind = ast::Element::Kind::kUnion;
    do {
      ast::GroupPattern branch;
      PARLEY_RETURN_IF_ERROR(GroupGraphPattern(&branch));
      element.groups.push_back(std::move(branch));
    } while (AcceptWord("UNION"));
  } else if (AcceptWord("OPTIONAL") || AtWord("MINUS")) {
    bool minus = AcceptWord("MINUS");
    element.kind = minus ? ast::Element::Kind::kMinus : ast::Element::Kind::kOptional;
    element.groups.emplace_back();
    PARLEY_RETURN_IF_ERROR(GroupGraphPattern(&element.groups.back()));
  } else if (AcceptWord("GRAPH") || AtWord("SERVICE")) {
    bool service = AcceptWord("SERVICE");
    element.kind = service ? ast::Element::Kind::kService : ast::Element::Kind::kGraph;
    if (service) element.silent = AcceptWord("SILENT");
    if (!At(TokenKind::kVariable) && !AtIri()) return Expected("a variable or an IRI");
    PARLEY_ASSIGN_OR_RETURN(element.graph, VarOrIri());
    element.groups.emplace_back();
    PARLEY_RETURN_IF_ERROR(GroupGraphPattern(&element.groups.back()));
  } else if (AcceptWord("FILTER")) {
    element.kind = ast::Element::Kind::kFilter;
    PARLEY_ASSIGN_OR_RETURN(element.expr, Constraint());
  } else if (AcceptWord("BIND")) {
    element.kind = ast::Element::Kind::kBind;
    PARLEY_RETURN_IF_ERROR(Expect(TokenKind::kLeftParen, "'(' after BIND"));
    PARLEY_ASSIGN_OR_RETURN(element.expr, Expression());
    PARLEY_RETURN_IF_ERROR(ExpectWord("AS"));
    if (!At(TokenKind::kVariable)) return Expected("a variable after AS");
    element.offset = Peek().offset;
    element.variable = Advance().text;
    PARLEY_RETURN_IF_ERROR(Expect(TokenKind::kRightParen, "')'"));
  } else {
    PARLEY_RETURN_IF_ERROR(ExpectWord("VALUES"));
    element.kind = ast::Element::Kind::kValues;
    PARLEY_RETURN_IF_ERROR(InlineDataBlock(&element.values));
  }
  group->elements.push_back(std::move(element));
  return absl::OkStatus();
}

// ------------------------------------------------------------------ triples

bool Parser::AtTriplesStart() const {
  switch (Peek().kind) {
    case TokenKind::kVariable:
    case TokenKind::kIriRef:
    case TokenKind::kPrefixedName:
    case TokenKind::kBlankNodeLabel:
    case TokenKind::kString:
    case TokenKind::kInteger:
    case TokenKind::kDecimal:
    case TokenKind::kDouble:
    case TokenKind::kNil:
    case TokenKind::kAnon:
    case TokenKind::kLeftParen:
    case TokenKind::kLeftBracket:
      return true;
    case TokenKind::kPlus:
    case TokenKind::kMinus:
      return AtLiteral();
    case TokenKind::kWord:
      return AtWord("true") || AtWord("false");
    default:
      return false;
  }
}

absl::Status Parser::TriplesSameSubject(std::vector<ast::Triple>* triples, bool paths) {
  if (At(TokenKind::kLeftParen) || At(TokenKind::kLeftBracket)) {
    // A collection or [ ... ] alone is a complete pattern (its own triples).
    PARLEY_ASSIGN_OR_RETURN(ast::Node subject, TriplesNode(triples, paths));
    return PropertyList(subject, triples, paths, /*required=*/false);
  }
  PARLEY_ASSIGN_OR_RETURN(ast::Node subject, VarOrTerm());
  return PropertyList(subject, triples, paths, /*required=*/true);
}

absl::Status Parser::PropertyList(const ast::Node& subject, std::vector<ast::Triple>* triples,
                                  bool paths, bool required) {
  bool first = true;
  while (true) {
    ast::Triple verb;
    verb.predicate.offset = Peek().offset;
    if (At(TokenKind::kVariable)) {
      PARLEY_ASSIGN_OR_RETURN(verb.predicate, VarOrTerm());
    } else if (paths && (AtIri() || AtWord("a") || At(TokenKind::kCaret) || At(TokenKind::kBang) ||
                         At(TokenKind::kLeftParen))) {
      PARLEY_ASSIGN_OR_RETURN(PathPtr path, PathAlternative());
      if (path->kind == Path::Kind::kLink) {
        verb.predicate.kind = ast::Node::Kind::kTerm;
        verb.predicate.term = path->iri;
      } else {
        verb.path = std::move(path);
      }
    } else if (!paths && (AtIri() || (Peek().kind == TokenKind::kWord && Peek().text == "a"))) {
      if (AtIri()) {
        PARLEY_ASSIGN_OR_RETURN(std::string iri, Iri());
        verb.predicate.term = Term::Iri(std::move(iri));
      } else {
        Advance();
        verb.predicate = IriNode("type", verb.predicate.offset);
      }
    } else if (first && required) {
      return Expected(paths ? "a predicate (an IRI, a variable, 'a' or a path)"
                            : "a predicate (an IRI, a variable or 'a')");
    } else {
      return absl::OkStatus();
    }
    first = false;
    PARLEY_RETURN_IF_ERROR(ObjectList(subject, verb, triples, paths));
    if (!Accept(TokenKind::kSemicolon)) return absl::OkStatus();
    while (Accept(TokenKind::kSemicolon)) {
    }
  }
}

absl::Status Parser::ObjectList(const ast::Node& subject, const ast::Triple& verb,
                                std::vector<ast::Triple>* triples, bool paths) {
  do {
    // The triple itself goes before those of a nested [...] or (...) object,
    // so variables appear in the order they are written.
    std::vector<ast::Triple> nested;
    PARLEY_ASSIGN_OR_RETURN(ast::Node object, GraphNode(&nested, paths));
    ast::Triple triple = verb;
    triple.subject = subject;
    triple.object = std::move(object);
    triples->push_back(std::move(triple));
    for (ast::Triple& t : nested) triples->push_back(std::move(t));
  } while (Accept(TokenKind::kComma));
  return absl::OkStatus();
}

absl::StatusOr<ast::Node> Parser::GraphNode(std::vector<ast::Triple>* triples, bool paths) {
  if (At(TokenKind::kLeftParen) || At(TokenKind::kLeftBracket)) return TriplesNode(triples, paths);
  if ((At(TokenKind::kPlus) || At(TokenKind::kMinus)) && Peek(1).kind == TokenKind::kEnd) {
    Advance();
    return Expected("a number after the sign");
  }
  if (!AtTriplesStart()) return Expected("an object (a term, a variable, '[' or '(')");
  return VarOrTerm();
}

absl::StatusOr<ast::Node> Parser::TriplesNode(std::vector<ast::Triple>* triples, bool paths) {
  size_t offset = Peek().offset;
  PARLEY_RETURN_IF_ERROR(Enter());
  ast::Node result;
  if (Accept(TokenKind::kLeftBracket)) {
    result = FreshBlankNode(offset);
    PARLEY_RETURN_IF_ERROR(PropertyList(result, triples, paths, /*required=*/true));
    PARLEY_RETURN_IF_ERROR(Expect(TokenKind::kRightBracket, "']' or ';'"));
  } else {
    PARLEY_RETURN_IF_ERROR(Expect(TokenKind::kLeftParen, "'('"));
    // (a b c): _:l1 rdf:first a; rdf:rest _:l2. ... _:l3 rdf:rest rdf:nil.
    std::optional<ast::Node> previous;
    do {
      ast::Node cell = FreshBlankNode(Peek().offset);
      std::vector<ast::Triple> nested;
      PARLEY_ASSIGN_OR_RETURN(ast::Node item, GraphNode(&nested, paths));
      if (previous) {
        triples->push_back({*previous, IriNode("rest", cell.offset), nullptr, cell});
      } else {
        result = cell;
      }
      triples->push_back({cell, IriNode("first", cell.offset), nullptr, item});
      for (ast::Triple& t : nested) triples->push_back(std::move(t));
      previous = std::move(cell);
    } while (!At(TokenKind::kRightParen) && !At(TokenKind::kEnd));
    PARLEY_RETURN_IF_ERROR(Expect(TokenKind::kRightParen, "')'"));
    triples->push_back({*previous, IriNode("rest", offset), nullptr, IriNode("nil", offset)});
  }
  Leave();
  return result;
}

absl::StatusOr<ast::Node> Parser::VarOrIri() {
  if (!At(TokenKind::kVariable) && !AtIri()) return Expected("a variable or an IRI");
  return VarOrTerm();
}

absl::StatusOr<ast::Node> Parser::VarOrTerm() {
  ast::Node node;
  node.offset = Peek().offset;
  switch (Peek().kind) {
    case TokenKind::kVariable:
      node.kind = ast::Node::Kind::kVariable;
      node.name = Advance().text;
      return node;
    case TokenKind::kBlankNodeLabel:
      node.kind = ast::Node::Kind::kBlankLabel;
      node.name = Advance().text;
      return node;
    case TokenKind::kAnon:
      Advance();
      return FreshBlankNode(node.offset);
    case TokenKind::kNil:
      Advance();
      return IriNode("nil", node.offset);
    case TokenKind::kIriRef:
    case TokenKind::kPrefixedName: {
      PARLEY_ASSIGN_OR_RETURN(std::string iri, Iri());
      node.term = Term::Iri(std::move(iri));
      return node;
    }
    default:
      break;
  }
  if (!AtLiteral()) return Expected("a variable, an IRI, a literal or a blank node");
  PARLEY_ASSIGN_OR_RETURN(node.term, Literal());
  return node;
}

// -------------------------------------------------------------------- paths

absl::StatusOr<PathPtr> Parser::PathAlternative() {
  PARLEY_RETURN_IF_ERROR(Enter());
  std::vector<PathPtr> choices;
  do {
    PARLEY_ASSIGN_OR_RETURN(PathPtr choice, PathSequence());
    choices.push_back(std::move(choice));
  } while (Accept(TokenKind::kPipe));
  Leave();
  if (choices.size() == 1) return choices[0];
  return CompositePath(Path::Kind::kAlternative, std::move(choices));
}

absl::StatusOr<PathPtr> Parser::PathSequence() {
  std::vector<PathPtr> steps;
  do {
    PARLEY_ASSIGN_OR_RETURN(PathPtr step, PathEltOrInverse());
    steps.push_back(std::move(step));
  } while (Accept(TokenKind::kSlash));
  if (steps.size() == 1) return steps[0];
  return CompositePath(Path::Kind::kSequence, std::move(steps));
}

absl::StatusOr<PathPtr> Parser::PathEltOrInverse() {
  bool inverse = Accept(TokenKind::kCaret);
  PARLEY_ASSIGN_OR_RETURN(PathPtr element, PathPrimary());
  // A '?' directly followed by a name was lexed as a variable: `:p?x` is
  // not a path modifier, as in the grammar's longest-token rule.
  if (At(TokenKind::kQuestion)) {
    Advance();
    element = CompositePath(Path::Kind::kZeroOrOne, {element});
  } else if (At(TokenKind::kStar)) {
    Advance();
    element = CompositePath(Path::Kind::kZeroOrMore, {element});
  } else if (At(TokenKind::kPlus)) {
    Advance();
    element = CompositePath(Path::Kind::kOneOrMore, {element});
  }
  if (inverse) element = CompositePath(Path::Kind::kInverse, {element});
  return element;
}

absl::StatusOr<PathPtr> Parser::PathPrimary() {
  if (AtIri()) {
    PARLEY_ASSIGN_OR_RETURN(std::string iri, Iri());
    return LinkPath(std::move(iri));
  }
  if (Peek().kind == TokenKind::kWord && Peek().text == "a") {
    Advance();
    return LinkPath(Cat(kRdf, "type"));
  }
  if (Accept(TokenKind::kBang)) return PathNegatedPropertySet();
  if (Accept(TokenKind::kLeftParen)) {
    PARLEY_ASSIGN_OR_RETURN(PathPtr path, PathAlternative());
    PARLEY_RETURN_IF_ERROR(Expect(TokenKind::kRightParen, "')' closing the path"));
    return path;
  }
  return Expected("a path (an IRI, 'a', '^', '!' or '(')");
}

absl::StatusOr<PathPtr> Parser::PathNegatedPropertySet() {
  auto set = std::make_shared<Path>();
  set->kind = Path::Kind::kNegatedSet;
  auto one = [&]() -> absl::Status {
    bool inverse = Accept(TokenKind::kCaret);
    Term iri;
    if (Peek().kind == TokenKind::kWord && Peek().text == "a") {
      Advance();
      iri = Term::Iri(Cat(kRdf, "type"));
    } else {
      if (!AtIri()) return Expected("an IRI or 'a' in a negated property set");
      PARLEY_ASSIGN_OR_RETURN(std::string text, Iri());
      iri = Term::Iri(std::move(text));
    }
    (inverse ? set->negated_inverse : set->negated).push_back(std::move(iri));
    return absl::OkStatus();
  };
  if (Accept(TokenKind::kNil)) return set;
  if (Accept(TokenKind::kLeftParen)) {
    do {
      PARLEY_RETURN_IF_ERROR(one());
    } while (Accept(TokenKind::kPipe));
    PARLEY_RETURN_IF_ERROR(Expect(TokenKind::kRightParen, "')' or '|'"));
  } else {
    PARLEY_RETURN_IF_ERROR(one());
  }
  return set;
}

// ------------------------------------------------------------------- VALUES

absl::StatusOr<std::optional<Term>> Parser::DataBlockValue() {
  if (AcceptWord("UNDEF")) return std::optional<Term>();
  if (AtIri()) {
    PARLEY_ASSIGN_OR_RETURN(std::string iri, Iri());
    return std::optional<Term>(Term::Iri(std::move(iri)));
  }
  if (!AtLiteral()) return Expected("an IRI, a literal or UNDEF");
  PARLEY_ASSIGN_OR_RETURN(Term literal, Literal());
  return std::optional<Term>(std::move(literal));
}

absl::Status Parser::InlineDataBlock(ast::InlineData* data) {
  data->offset = Peek().offset;
  if (At(TokenKind::kVariable)) {
    data->variables.push_back(Advance().text);
    PARLEY_RETURN_IF_ERROR(Expect(TokenKind::kLeftBrace, "'{'"));
    while (!Accept(TokenKind::kRightBrace)) {
      PARLEY_ASSIGN_OR_RETURN(std::optional<Term> value, DataBlockValue());
      data->rows.push_back({std::move(value)});
    }
    return absl::OkStatus();
  }
  if (!Accept(TokenKind::kNil)) {
    PARLEY_RETURN_IF_ERROR(Expect(TokenKind::kLeftParen, "a variable or '(' after VALUES"));
    while (At(TokenKind::kVariable)) data->variables.push_back(Advance().text);
    PARLEY_RETURN_IF_ERROR(Expect(TokenKind::kRightParen, "a variable or ')'"));
  }
  PARLEY_RETURN_IF_ERROR(Expect(TokenKind::kLeftBrace, "'{'"));
  while (!Accept(TokenKind::kRightBrace)) {
    size_t row_offset = Peek().offset;
    std::vector<std::optional<Term>> row;
    if (!Accept(TokenKind::kNil)) {
      PARLEY_RETURN_IF_ERROR(Expect(TokenKind::kLeftParen, "'(' starting a row, or '}'"));
      while (!Accept(TokenKind::kRightParen)) {
        PARLEY_ASSIGN_OR_RETURN(std::optional<Term> value, DataBlockValue());
        row.push_back(std::move(value));
      }
    }
    if (row.size() != data->variables.size()) {
      return ErrorAt(row_offset, Cat("a VALUES row has ", row.size(), " values for ",
                                     data->variables.size(), " variables"));
    }
    data->rows.push_back(std::move(row));
  }
  return absl::OkStatus();
}

absl::Status Parser::ConstructTriples(std::vector<ast::Triple>* triples) {
  while (AtTriplesStart()) {
    PARLEY_RETURN_IF_ERROR(TriplesSameSubject(triples, /*paths=*/false));
    if (!Accept(TokenKind::kDot)) break;
  }
  return absl::OkStatus();
}

}  // namespace parley::query
