// SPARQL 1.1 Update requests (spec §19.8 rules [29]-[52]): the request and
// its prologues, the graph management operations, INSERT DATA / DELETE
// DATA, DELETE WHERE and DELETE/INSERT ... WHERE, with the checks the
// grammar notes add (no variables in DATA, no blank nodes where data is
// deleted). Blank node labels shared between operations are checked by
// the translation (translate_update.cc).
#include "engine/status_macros.h"
#include "query/parser/parser.h"
#include "query/parser/parser_internal.h"
#include "query/parser/text_util.h"
#include "query/parser/translate.h"
#include "rdf/iri.h"

namespace parley::query {

absl::StatusOr<UpdateRequest> ParseUpdate(std::string_view text, const ParseOptions& options) {
  if (!options.base_iri.empty() && !rdf::HasScheme(options.base_iri)) {
    return absl::InvalidArgumentError(
        Cat("the base IRI <", options.base_iri, "> is not absolute (it has no scheme)"));
  }
  PARLEY_ASSIGN_OR_RETURN(std::vector<Token> tokens, Tokenize(text));
  Parser parser(text, std::move(tokens), options);
  PARLEY_ASSIGN_OR_RETURN(ast::UpdateRequest syntax, parser.ParseUpdateUnit());
  return TranslateUpdate(syntax, text);
}

// Update ::= Prologue ( Update1 ( ';' Update )? )?: operations separated by
// ';', each optionally preceded by more prologue; a trailing ';' and an
// empty request are allowed.
absl::StatusOr<ast::UpdateRequest> Parser::ParseUpdateUnit() {
  ast::UpdateRequest request;
  while (true) {
    PARLEY_RETURN_IF_ERROR(Prologue());
    if (At(TokenKind::kEnd)) break;
    ast::UpdateOperation op;
    op.offset = Peek().offset;
    op.resolved.base_iri = base_iri_;
    PARLEY_RETURN_IF_ERROR(Update1(&op));
    request.operations.push_back(std::move(op));
    if (Accept(TokenKind::kSemicolon)) continue;
    if (At(TokenKind::kEnd)) break;
    return Expected("';' or the end of the update request");
  }
  return request;
}

absl::Status Parser::Update1(ast::UpdateOperation* op) {
  using Kind = UpdateOperation::Kind;
  UpdateOperation& out = op->resolved;
  if (AtWord("LOAD")) return Load(op);
  if (AcceptWord("CLEAR") || AtWord("DROP")) {
    out.kind = AcceptWord("DROP") ? Kind::kDrop : Kind::kClear;
    out.silent = AcceptWord("SILENT");
    PARLEY_ASSIGN_OR_RETURN(out.target, GraphRefAll());
    return absl::OkStatus();
  }
  if (AcceptWord("CREATE")) {
    out.kind = Kind::kCreate;
    out.silent = AcceptWord("SILENT");
    PARLEY_RETURN_IF_ERROR(ExpectWord("GRAPH"));
    out.target.kind = GraphTarget::Kind::kGraph;
    PARLEY_ASSIGN_OR_RETURN(std::string iri, Iri());
    out.target.iri = Term::Iri(std::move(iri));
    return absl::OkStatus();
  }
  if (AtWord("ADD") || AtWord("MOVE") || AtWord("COPY")) {
    out.kind = AtWord("ADD") ? Kind::kAdd : AtWord("MOVE") ? Kind::kMove : Kind::kCopy;
    Advance();
    out.silent = AcceptWord("SILENT");
    PARLEY_ASSIGN_OR_RETURN(out.source, GraphOrDefault());
    PARLEY_RETURN_IF_ERROR(ExpectWord("TO"));
    PARLEY_ASSIGN_OR_RETURN(out.destination, GraphOrDefault());
    return absl::OkStatus();
  }
  if ((AtWord("INSERT") || AtWord("DELETE")) && AtWord("DATA", 1)) {
    bool insert = AtWord("INSERT");
    Advance();
    Advance();
    out.kind = insert ? Kind::kInsertData : Kind::kDeleteData;
    QuadRules rules{/*variables=*/false, /*blank_nodes=*/insert,
                    insert ? "INSERT DATA" : "DELETE DATA"};
    return QuadBlock(rules, &op->data, nullptr);
  }
  if (AtWord("DELETE") && AtWord("WHERE", 1)) {
    // DELETE WHERE { Q } is DELETE { Q } WHERE { Q }.
    Advance();
    Advance();
    out.kind = Kind::kModify;
    QuadRules rules{/*variables=*/true, /*blank_nodes=*/false, "DELETE WHERE"};
    return QuadBlock(rules, &op->delete_template, &op->where);
  }
  if (AtWord("INSERT") || AtWord("DELETE") || AtWord("WITH")) return Modify(op);
  return Expected(
      "INSERT, DELETE, LOAD, CLEAR, DROP, CREATE, ADD, MOVE, COPY, WITH, PREFIX or BASE");
}

// Load ::= 'LOAD' 'SILENT'? iri ( 'INTO' GraphRef )?
absl::Status Parser::Load(ast::UpdateOperation* op) {
  UpdateOperation& out = op->resolved;
  PARLEY_RETURN_IF_ERROR(ExpectWord("LOAD"));
  out.kind = UpdateOperation::Kind::kLoad;
  out.silent = AcceptWord("SILENT");
  PARLEY_ASSIGN_OR_RETURN(out.source_iri, Iri());
  if (AcceptWord("INTO")) {
    PARLEY_RETURN_IF_ERROR(ExpectWord("GRAPH"));
    PARLEY_ASSIGN_OR_RETURN(std::string into, Iri());
    out.into = Term::Iri(std::move(into));
  }
  return absl::OkStatus();
}

// Modify ::= ( 'WITH' iri )? ( DeleteClause InsertClause? | InsertClause )
//            UsingClause* 'WHERE' GroupGraphPattern
absl::Status Parser::Modify(ast::UpdateOperation* op) {
  UpdateOperation& out = op->resolved;
  out.kind = UpdateOperation::Kind::kModify;
  if (AcceptWord("WITH")) {
    PARLEY_ASSIGN_OR_RETURN(std::string with, Iri());
    op->with = Term::Iri(std::move(with));
  }
  bool has_delete = AcceptWord("DELETE");
  if (has_delete) {
    QuadRules rules{/*variables=*/true, /*blank_nodes=*/false, "a DELETE template"};
    PARLEY_RETURN_IF_ERROR(QuadBlock(rules, &op->delete_template, nullptr));
  }
  bool has_insert = AcceptWord("INSERT");
  if (has_insert) {
    QuadRules rules{/*variables=*/true, /*blank_nodes=*/true, "an INSERT template"};
    PARLEY_RETURN_IF_ERROR(QuadBlock(rules, &op->insert_template, nullptr));
  } else if (!has_delete) {
    return Expected("DELETE or INSERT");
  }
  while (AcceptWord("USING")) {
    bool named = AcceptWord("NAMED");
    PARLEY_ASSIGN_OR_RETURN(std::string iri, Iri());
    (named ? out.from_named : out.from).push_back(Term::Iri(std::move(iri)));
    out.has_dataset = true;
  }
  if (!AcceptWord("WHERE")) {
    return Expected(!has_insert && !out.has_dataset ? "INSERT, USING or WHERE" : "USING or WHERE");
  }
  return GroupGraphPattern(&op->where);
}

// GraphRefAll ::= GraphRef | 'DEFAULT' | 'NAMED' | 'ALL'
absl::StatusOr<GraphTarget> Parser::GraphRefAll() {
  GraphTarget target;
  if (AcceptWord("GRAPH")) {
    target.kind = GraphTarget::Kind::kGraph;
    PARLEY_ASSIGN_OR_RETURN(std::string iri, Iri());
    target.iri = Term::Iri(std::move(iri));
  } else if (AcceptWord("DEFAULT")) {
    target.kind = GraphTarget::Kind::kDefault;
  } else if (AcceptWord("NAMED")) {
    target.kind = GraphTarget::Kind::kNamed;
  } else if (AcceptWord("ALL")) {
    target.kind = GraphTarget::Kind::kAll;
  } else {
    return Expected("GRAPH, DEFAULT, NAMED or ALL");
  }
  return target;
}

// GraphOrDefault ::= 'DEFAULT' | 'GRAPH'? iri
absl::StatusOr<GraphTarget> Parser::GraphOrDefault() {
  GraphTarget target;
  if (AcceptWord("DEFAULT")) return target;
  bool keyword = AcceptWord("GRAPH");
  if (!keyword && !AtIri()) return Expected("DEFAULT, GRAPH or an IRI");
  target.kind = GraphTarget::Kind::kGraph;
  PARLEY_ASSIGN_OR_RETURN(std::string iri, Iri());
  target.iri = Term::Iri(std::move(iri));
  return target;
}

// Quads ::= TriplesTemplate? ( QuadsNotTriples '.'? TriplesTemplate? )*
// QuadsNotTriples ::= 'GRAPH' VarOrIri '{' TriplesTemplate? '}'
absl::Status Parser::QuadBlock(const QuadRules& rules, std::vector<ast::Quad>* quads,
                               ast::GroupPattern* group) {
  if (group != nullptr) group->offset = Peek().offset;
  PARLEY_RETURN_IF_ERROR(Expect(TokenKind::kLeftBrace, "'{'"));
  // Checks and adds `triples` (in the order written, so the first
  // offending node is reported) and gives them back.
  auto add =
      [&](std::vector<ast::Triple> triples,
          const std::optional<ast::Node>& graph) -> absl::StatusOr<std::vector<ast::Triple>> {
    for (const ast::Triple& triple : triples) {
      for (const ast::Node* node : {&triple.subject, &triple.predicate, &triple.object}) {
        PARLEY_RETURN_IF_ERROR(CheckQuadNode(rules, *node));
      }
      quads->push_back({triple, graph});
    }
    return triples;
  };
  // After triples that did not end with '.', only GRAPH or '}' may follow.
  bool triples_allowed = true;
  while (true) {
    ast::Element element;
    element.offset = Peek().offset;
    if (AtTriplesStart()) {
      if (!triples_allowed) return Expected("'.', '}' or GRAPH");
      std::vector<ast::Triple> triples;
      PARLEY_ASSIGN_OR_RETURN(triples_allowed, TriplesTemplate(&triples));
      element.kind = ast::Element::Kind::kTriples;
      PARLEY_ASSIGN_OR_RETURN(element.triples, add(std::move(triples), std::nullopt));
    } else if (AcceptWord("GRAPH")) {
      if (!At(TokenKind::kVariable) && !AtIri()) return Expected("a variable or an IRI");
      PARLEY_ASSIGN_OR_RETURN(ast::Node graph, VarOrIri());
      PARLEY_RETURN_IF_ERROR(CheckQuadNode(rules, graph));
      ast::GroupPattern inner;
      inner.offset = Peek().offset;
      PARLEY_RETURN_IF_ERROR(Expect(TokenKind::kLeftBrace, "'{'"));
      std::vector<ast::Triple> triples;
      if (AtTriplesStart()) PARLEY_RETURN_IF_ERROR(TriplesTemplate(&triples).status());
      PARLEY_RETURN_IF_ERROR(Expect(TokenKind::kRightBrace, "'}' or a triple"));
      Accept(TokenKind::kDot);
      triples_allowed = true;
      if (!triples.empty()) {
        ast::Element block;
        block.kind = ast::Element::Kind::kTriples;
        block.offset = inner.offset;
        PARLEY_ASSIGN_OR_RETURN(block.triples, add(std::move(triples), graph));
        inner.elements.push_back(std::move(block));
      }
      element.kind = ast::Element::Kind::kGraph;
      element.graph = std::move(graph);
      element.groups.push_back(std::move(inner));
    } else if (Accept(TokenKind::kRightBrace)) {
      return group != nullptr ? SetPatternDepth(group) : absl::OkStatus();
    } else {
      return Expected(triples_allowed ? "'}', GRAPH or a triple" : "'.', '}' or GRAPH");
    }
    if (group != nullptr) group->elements.push_back(std::move(element));
  }
}

// TriplesTemplate ::= TriplesSameSubject ( '.' TriplesTemplate? )?
absl::StatusOr<bool> Parser::TriplesTemplate(std::vector<ast::Triple>* triples) {
  while (true) {
    PARLEY_RETURN_IF_ERROR(TriplesSameSubject(triples, /*paths=*/false));
    if (!Accept(TokenKind::kDot)) return false;
    if (!AtTriplesStart()) return true;
  }
}

absl::Status Parser::CheckQuadNode(const QuadRules& rules, const ast::Node& node) const {
  if (!rules.variables && node.kind == ast::Node::Kind::kVariable) {
    return ErrorAt(node.offset,
                   Cat("variables are not allowed in ", rules.where, " (found ?", node.name, ")"));
  }
  if (!rules.blank_nodes &&
      (node.kind == ast::Node::Kind::kBlankLabel || node.kind == ast::Node::Kind::kAnonymous)) {
    return ErrorAt(node.offset, Cat("blank nodes are not allowed in ", rules.where));
  }
  return absl::OkStatus();
}

}  // namespace parley::query
