// The SPARQL algebra (spec §18): what the parser's translation produces and
// what the evaluator runs. Plain immutable values behind shared_ptr, so
// subtrees can be shared and a plan can point into them.
//
// The translation from syntax follows §18.2: group graph patterns become
// Join/LeftJoin/Minus/Filter/Extend trees, FILTERs apply to their whole
// group, blank nodes in patterns become hidden variables, aggregates become
// one Group node whose aggregate results are bound to hidden variables that
// HAVING, SELECT expressions and ORDER BY refer to.
//
// Hidden variables start with '#' (a character no SPARQL variable name can
// contain): they are never projected by SELECT * and never printed as
// result columns.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "parley/term.h"
#include "query/expr/builtin.h"

namespace parley::query {

// A variable, named without its '?' or '$'.
struct Variable {
  std::string name;
  friend bool operator==(const Variable&, const Variable&) = default;
};

// A position of a pattern: a constant RDF term or a variable.
using TermOrVariable = std::variant<Term, Variable>;

struct TriplePattern {
  TermOrVariable subject;
  TermOrVariable predicate;
  TermOrVariable object;
};

// ---------------------------------------------------------------- paths

struct Path;
using PathPtr = std::shared_ptr<const Path>;

// A property path (§9.1). Simple IRIs inside a BGP that need no path
// semantics stay TriplePatterns; the translation makes a PathPattern only
// for real paths (and rewrites `a/b` with a fresh variable as §18.2.2.4
// allows, or keeps it: either is correct).
struct Path {
  enum class Kind : uint8_t {
    kLink,         // iri
    kInverse,      // ^child[0]
    kSequence,     // child[0] / child[1] / ...
    kAlternative,  // child[0] | child[1] | ...
    kZeroOrMore,   // child[0]*
    kOneOrMore,    // child[0]+
    kZeroOrOne,    // child[0]?
    kNegatedSet,   // !(iri | ^iri | ...)
  };
  Kind kind = Kind::kLink;
  Term iri;                           // kLink
  std::vector<PathPtr> children;      // kInverse .. kZeroOrOne
  std::vector<Term> negated;          // kNegatedSet: forward IRIs
  std::vector<Term> negated_inverse;  // kNegatedSet: ^IRIs
};

struct PathPattern {
  TermOrVariable subject;
  PathPtr path;
  TermOrVariable object;
};

// ---------------------------------------------------------- expressions

struct Expr;
using ExprPtr = std::shared_ptr<const Expr>;
struct Op;
using OpPtr = std::shared_ptr<const Op>;

struct Expr {
  enum class Kind : uint8_t {
    kConstant,  // constant
    kVariable,  // variable
    // Special forms: not every argument is evaluated eagerly.
    kOr,
    kAnd,  // args[0], args[1]; SPARQL's three-valued logic
    kNot,  // args[0]
    kIn,
    kNotIn,     // args[0] IN (args[1..])
    kBound,     // args[0] is a kVariable
    kIf,        // args[0..2]
    kCoalesce,  // args[0..]
    kExists,
    kNotExists,  // pattern
    // Operators (§17.3): arguments evaluated first, errors propagate.
    kEqual,
    kNotEqual,
    kLess,
    kGreater,
    kLessEqual,
    kGreaterEqual,
    kAdd,
    kSubtract,
    kMultiply,
    kDivide,
    kUnaryPlus,
    kUnaryMinus,
    kBuiltin,   // builtin(args...)
    kFunction,  // function_iri(args...): XSD casts; unknown IRIs are an error
  };
  Kind kind = Kind::kConstant;
  Term constant;
  Variable variable;
  std::vector<ExprPtr> args;
  Builtin builtin = Builtin::kStr;  // kBuiltin
  std::string function_iri;         // kFunction
  OpPtr pattern;                    // kExists, kNotExists
};

// An aggregate of a Group (§18.5.1). Its result is bound to `result`.
struct Aggregate {
  enum class Function : uint8_t { kCount, kSum, kMin, kMax, kAvg, kSample, kGroupConcat };
  Function function = Function::kCount;
  bool distinct = false;
  ExprPtr arg;                  // null for COUNT(*)
  std::string separator = " ";  // kGroupConcat
  Variable result;              // a hidden variable ("#agg0", ...)
};

struct OrderKey {
  ExprPtr expr;
  bool descending = false;
};

// ------------------------------------------------------------ operators

struct Op {
  enum class Kind : uint8_t {
    kBgp,       // triples (possibly none: the one empty solution)
    kPath,      // path
    kJoin,      // children[0] ⋈ children[1]
    kLeftJoin,  // children[0] ⟕ children[1], filtered by expr (may be null)
    kFilter,    // children[0] filtered by expr
    kUnion,     // children[0] ∪ children[1]
    kMinus,     // children[0] − children[1]
    kGraph,     // GRAPH graph { children[0] }
    kExtend,    // children[0] extended by variable := expr
    kTable,     // VALUES: table_variables × table_rows
    kGroup,     // children[0] grouped by group_keys, computing aggregates
    kOrderBy,   // children[0] ordered by order
    kProject,   // children[0] projected to variables
    kDistinct,  // children[0]
    kReduced,   // children[0]
    kSlice,     // children[0] from offset, at most limit rows
  };
  Kind kind = Kind::kBgp;
  std::vector<OpPtr> children;

  std::vector<TriplePattern> triples;  // kBgp
  PathPattern path;                    // kPath
  ExprPtr expr;                        // kLeftJoin, kFilter, kExtend
  Variable variable;                   // kExtend
  TermOrVariable graph;                // kGraph

  // kTable: one row per solution, one cell per table_variables entry
  // (nullopt: UNDEF).
  std::vector<Variable> table_variables;
  std::vector<std::vector<std::optional<Term>>> table_rows;

  // kGroup: GROUP BY keys. A key that is `(expr AS ?v)` or a plain variable
  // binds that variable in the group's output; others bind nothing.
  // No keys (but aggregates): the whole input is one group, which exists
  // even when the input is empty.
  struct GroupKey {
    ExprPtr expr;
    std::optional<Variable> bound_as;
  };
  std::vector<GroupKey> group_keys;
  std::vector<Aggregate> aggregates;

  std::vector<OrderKey> order;      // kOrderBy
  std::vector<Variable> variables;  // kProject

  uint64_t offset = 0;            // kSlice
  std::optional<uint64_t> limit;  // kSlice
};

// ---------------------------------------------------------------- query

struct Query {
  enum class Form : uint8_t { kSelect, kAsk, kConstruct, kDescribe };
  Form form = Form::kSelect;

  // The whole algebra expression, solution modifiers included (for SELECT
  // the top is a Project over the result variables).
  OpPtr pattern;

  // kSelect: the result columns in order (SELECT * lists the pattern's
  // visible variables in order of first appearance).
  std::vector<Variable> result_variables;

  // kConstruct: the template; blank nodes in it are Terms of kind
  // kBlankNode, fresh per solution.
  std::vector<TriplePattern> construct_template;

  // kDescribe: the resources to describe (constants, or variables of
  // `pattern`'s solutions).
  std::vector<TermOrVariable> describe;

  // FROM / FROM NAMED (graphs already in the store; nothing is fetched).
  // has_dataset false: the store's default dataset.
  bool has_dataset = false;
  // The base IRI in force after the prologue (the last BASE, else
  // ParseOptions::base_iri; may be empty): IRI() and URI() resolve
  // relative references against it at evaluation.
  std::string base_iri;
  std::vector<Term> from;
  std::vector<Term> from_named;
  // With has_dataset: `from_named` is ignored and the named graphs stay
  // every stored named graph (SPARQL Update's WITH, which replaces the
  // default graph only).
  bool all_named_graphs = false;
};

}  // namespace parley::query
