// The syntax tree of a SPARQL 1.1 Update request (grammar rules [29]-[52]),
// as the parser reads it: what translation needs positions or a pattern
// translation for (quads, the WHERE group) beside what the parser can fill
// in directly (targets, IRIs, the dataset). TranslateUpdate (translate.h)
// turns it into query/algebra/update.h.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "query/algebra/update.h"
#include "query/parser/ast.h"

namespace parley::query::ast {

// One triple of QuadData or a QuadPattern, and where it stands.
struct Quad {
  Triple triple;  // never a path
  // GRAPH g { ... }: an IRI or a variable (kTerm or kVariable); nullopt
  // outside GRAPH (the default graph, or WITH's graph in a template).
  std::optional<Node> graph;
};

struct UpdateOperation {
  size_t offset = 0;  // the operation's first keyword
  // Everything translation does not touch is already final here: kind,
  // silent, source_iri, into, target, source, destination, has_dataset,
  // from, from_named, base_iri.
  query::UpdateOperation resolved;
  std::vector<Quad> data;             // kInsertData, kDeleteData
  std::vector<Quad> delete_template;  // kModify
  std::vector<Quad> insert_template;  // kModify
  std::optional<Term> with;           // WITH <g> (kModify)
  // kModify: the WHERE group; for DELETE WHERE, a group built from the
  // quads (triples blocks and GRAPH elements, in the order written).
  GroupPattern where;
};

struct UpdateRequest {
  std::vector<UpdateOperation> operations;
};

}  // namespace parley::query::ast
