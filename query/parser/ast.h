// The syntax tree of a SPARQL 1.1 query, as the parser reads it: the
// grammar's structure with IRIs already resolved (prefixes, BASE) and byte
// offsets into the query text for error messages. The translation
// (translate.h) turns it into the algebra.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "parley/term.h"
#include "query/algebra/algebra.h"
#include "query/expr/builtin.h"

namespace parley::query::ast {

// A subject or object: a constant, a variable, or a blank node. Blank nodes
// become hidden variables in patterns and blank node terms in CONSTRUCT
// templates; labelled ones are checked against the one-BGP scoping rule.
struct Node {
  enum class Kind : uint8_t {
    kTerm,
    kVariable,    // name: the variable's name
    kBlankLabel,  // name: the label as written (_:name)
    kAnonymous,   // name: a label unique in the query ([], [...], collections)
  };
  Kind kind = Kind::kTerm;
  Term term;
  std::string name;
  size_t offset = 0;
};

// One triple of a pattern. The predicate is a Node (an IRI or a variable)
// or, for a real property path, `path` (then `predicate` is unused).
struct Triple {
  Node subject;
  Node predicate;
  PathPtr path;
  Node object;
};

struct GroupPattern;
struct Expr;
using ExprPtr = std::shared_ptr<const Expr>;

struct AggregateCall {
  Aggregate::Function function = Aggregate::Function::kCount;
  bool distinct = false;
  std::string separator = " ";
  // COUNT(*): no argument. Otherwise the argument is Expr::args[0].
};

// An expression: the algebra's expression kinds, plus aggregate calls
// (which the translation replaces by hidden variables).
struct Expr {
  query::Expr::Kind kind = query::Expr::Kind::kConstant;
  Term constant;         // kConstant
  std::string variable;  // kVariable
  std::vector<ExprPtr> args;
  Builtin builtin = Builtin::kStr;              // kBuiltin
  std::string function_iri;                     // kFunction
  std::shared_ptr<const GroupPattern> pattern;  // kExists, kNotExists
  std::optional<AggregateCall> aggregate;       // set: this is an aggregate call
  size_t offset = 0;
  // The height of the tree below (a leaf is 1): the parser keeps it under
  // kMaxNestingDepth so that recursion over expressions stays bounded.
  int depth = 1;
};

// VALUES: variables and rows of terms (nullopt: UNDEF).
struct InlineData {
  std::vector<std::string> variables;
  std::vector<std::vector<std::optional<Term>>> rows;
  size_t offset = 0;
};

struct SelectQuery;

// One element of a group graph pattern, in the order written.
struct Element {
  enum class Kind : uint8_t {
    kTriples,    // triples (one TriplesBlock)
    kFilter,     // expr
    kOptional,   // groups[0]
    kMinus,      // groups[0]
    kUnion,      // groups[0] UNION groups[1] ...; one group: a nested { }
    kGraph,      // GRAPH graph { groups[0] }
    kBind,       // BIND(expr AS ?variable)
    kValues,     // values
    kSubSelect,  // { SELECT ... }
    kService,    // SERVICE [SILENT] graph { groups[0] }: parsed; the translation rejects it
  };
  Kind kind = Kind::kTriples;
  size_t offset = 0;
  std::vector<Triple> triples;
  ExprPtr expr;
  std::string variable;
  std::vector<GroupPattern> groups;
  Node graph;
  bool silent = false;
  InlineData values;
  std::shared_ptr<const SelectQuery> subselect;
};

struct GroupPattern {
  std::vector<Element> elements;
  size_t offset = 0;
  // An upper bound of the height of the algebra tree the group becomes
  // (each element adds a level, unions a balanced tree of them): the
  // parser keeps it under kMaxPatternDepth.
  int depth = 1;
};

// A SELECT item: ?v, or (expr AS ?v).
struct Projection {
  std::string variable;
  ExprPtr expr;  // null for a plain variable
  size_t offset = 0;
};

struct GroupCondition {
  ExprPtr expr;
  std::optional<std::string> bound_as;  // (expr AS ?v), or a plain ?v
  size_t offset = 0;
};

struct OrderCondition {
  ExprPtr expr;
  bool descending = false;
};

// A SELECT query or subquery; also the WHERE clause and solution modifiers
// of the other forms (which leave the projection empty).
struct SelectQuery {
  bool distinct = false;
  bool reduced = false;
  bool select_all = false;  // SELECT *
  std::vector<Projection> projections;
  GroupPattern where;
  std::vector<GroupCondition> group_by;
  std::vector<ExprPtr> having;
  std::vector<OrderCondition> order_by;
  std::optional<uint64_t> limit;
  uint64_t offset = 0;
  std::optional<InlineData> values;  // trailing VALUES
  size_t offset_in_text = 0;         // where the query (or subquery) starts
};

struct Query {
  query::Query::Form form = query::Query::Form::kSelect;
  SelectQuery body;
  std::vector<Triple> construct_template;  // kConstruct (no paths)
  bool describe_all = false;               // DESCRIBE *
  std::vector<Node> describe;
  std::vector<Term> from;
  std::vector<Term> from_named;
};

}  // namespace parley::query::ast
