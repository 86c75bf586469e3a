// SPARQL 1.1 Update requests (spec "SPARQL 1.1 Update", §3): what
// ParseUpdate produces and query/update runs. A request is a sequence of
// operations applied in order, each to the state the previous ones left;
// the whole request is one transaction.
//
// The parser resolves what syntax alone decides, so the executor never sees
// it: prefixed names and relative IRIs are absolute; `DELETE WHERE { Q }` is
// a kModify whose delete template is Q and whose pattern is Q's translation;
// WITH <g> is applied (template quads outside GRAPH { } get graph <g>, and a
// WHERE without USING reads <g> as its default graph: with_graph); USING /
// USING NAMED become the pattern's dataset (and WITH then no longer affects
// the WHERE).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "parley/quad.h"
#include "parley/term.h"
#include "query/algebra/algebra.h"

namespace parley::query {

// One quad of a template. `graph` is a constant (Term(), the default graph, for
// the default graph) or a variable. Blank nodes are Terms of kind
// kBlankNode: in an INSERT template they stand for fresh blank nodes, one
// set per solution (per request for INSERT DATA); DELETE templates never
// hold them (the parser refuses them, as the grammar does).
struct QuadPattern {
  TermOrVariable subject;
  TermOrVariable predicate;
  TermOrVariable object;
  TermOrVariable graph;
};

// The graph an operation targets (GraphRefAll / GraphOrDefault).
struct GraphTarget {
  enum class Kind : uint8_t {
    kGraph,    // GRAPH <iri> (or a bare <iri> in ADD/MOVE/COPY)
    kDefault,  // DEFAULT
    kNamed,    // NAMED: every named graph
    kAll,      // ALL: the default graph and every named graph
  };
  Kind kind = Kind::kDefault;
  Term iri;  // kGraph
};

struct UpdateOperation {
  enum class Kind : uint8_t {
    kInsertData,  // data
    kDeleteData,  // data
    kModify,      // DELETE/INSERT ... WHERE, and DELETE WHERE
    kLoad,        // source_iri [INTO GRAPH into]
    kClear,       // target
    kDrop,        // target
    kCreate,      // target (kGraph)
    kAdd,         // source -> destination
    kMove,        // source -> destination
    kCopy,        // source -> destination
  };
  Kind kind = Kind::kInsertData;
  bool silent = false;  // kLoad .. kCopy

  // kInsertData / kDeleteData: ground quads (graph Term() outside
  // GRAPH { }). INSERT DATA may hold blank nodes, fresh per request.
  std::vector<QuadPattern> data;

  // kModify: templates instantiated with each solution of `pattern`,
  // evaluated over `from` / `from_named` when has_dataset (USING / USING
  // NAMED, as a query's FROM / FROM NAMED), else over the store's default
  // dataset, except that `with_graph` (set only when !has_dataset) replaces
  // its default graph. Deletions apply before insertions; both are computed
  // before either applies.
  std::vector<QuadPattern> delete_template;
  std::vector<QuadPattern> insert_template;
  OpPtr pattern;
  bool has_dataset = false;
  std::vector<Term> from;
  std::vector<Term> from_named;
  // WITH <g> without USING: the WHERE reads graph <g> (an IRI) as its
  // default graph; its named graphs stay every named graph of the store
  // (spec §3.1.3: WITH changes the default graph only). The templates
  // already carry <g> (see the file comment), so nothing else uses it.
  std::optional<Term> with_graph;

  // kLoad: the IRI as written (resolved against the base); `into` nullopt
  // loads into the default graph.
  std::string source_iri;
  std::optional<Term> into;

  // kClear / kDrop / kCreate.
  GraphTarget target;

  // kAdd / kMove / kCopy: kind kDefault or kGraph only.
  GraphTarget source;
  GraphTarget destination;

  // The base IRI in force for this operation (see Query::base_iri): IRI()
  // in its WHERE resolves against it. Prologues (BASE, PREFIX) carry over
  // to the operations after them.
  std::string base_iri;
};

struct UpdateRequest {
  std::vector<UpdateOperation> operations;  // may be empty (a valid request)
};

}  // namespace parley::query
