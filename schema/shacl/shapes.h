// SHACL Core shapes as the validator runs them: targets, property paths and
// constraints, parsed once from a shapes graph. The subset is listed in
// docs/validation.md; a shapes graph that uses anything outside it is
// refused with an error naming the shape and the parameter, so that a
// constraint is never silently left unchecked.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "parley/quad.h"
#include "parley/term.h"
#include "parley/validation.h"

namespace parley::shacl {

// A SHACL property path (spec section 2.3.1).
struct Path {
  enum class Kind : uint8_t {
    kPredicate,    // an IRI
    kInverse,      // [ sh:inversePath P ]
    kSequence,     // ( P1 P2 ... )
    kAlternative,  // [ sh:alternativePath ( P1 P2 ... ) ]
    kZeroOrMore,   // [ sh:zeroOrMorePath P ]
    kOneOrMore,    // [ sh:oneOrMorePath P ]
    kZeroOrOne,    // [ sh:zeroOrOnePath P ]
  };
  Kind kind = Kind::kPredicate;
  Term predicate;           // kPredicate
  std::vector<Path> steps;  // the operand(s) of every other kind
  Term node;                // the path's node in the shapes graph

  // SPARQL property-path syntax, e.g. "^<p>/<q>", for readable reports.
  std::string ToSparql() const;
};

// One constraint component with its parameters.
struct Constraint {
  enum class Kind : uint8_t {
    kClass,
    kDatatype,
    kNodeKind,
    kMinCount,
    kMaxCount,
    kIn,
    kHasValue,
    kPattern,
    kMinLength,
    kMaxLength,
    kMinInclusive,
    kMaxInclusive,
    kMinExclusive,
    kMaxExclusive,
    kLanguageIn,
    kUniqueLang,
  };
  // Which of sh:IRI, sh:BlankNode, sh:Literal a kNodeKind constraint allows.
  enum NodeKindBits : uint8_t { kIriBit = 1, kBlankNodeBit = 2, kLiteralBit = 4 };

  Kind kind = Kind::kClass;
  Term term;                  // kClass, kDatatype, kHasValue, kPattern, min/max*,
                              // kNodeKind (the sh: IRI, for messages)
  std::vector<Term> terms;    // kIn, kLanguageIn (lower-cased tags as literals)
  uint64_t count = 0;         // kMinCount, kMaxCount, kMinLength, kMaxLength
  uint8_t node_kinds = 0;     // kNodeKind
  std::optional<Term> flags;  // kPattern's sh:flags

  // The sh:...ConstraintComponent IRI reported as the result's source.
  Term Component() const;
  // True when the constraint looks at the whole set of value nodes
  // (counts, uniqueLang) rather than at each value node by itself.
  bool OnValueSet() const {
    return kind == Kind::kMinCount || kind == Kind::kMaxCount || kind == Kind::kUniqueLang ||
           kind == Kind::kHasValue;
  }
};

// Where a shape's focus nodes come from (spec section 2.1.3).
struct Target {
  enum class Kind : uint8_t { kClass, kNode, kSubjectsOf, kObjectsOf };
  Kind kind;
  Term term;
};

struct Shape {
  Term id;
  std::optional<Path> path;  // set: a property shape
  std::vector<Target> targets;
  std::vector<Constraint> constraints;
  std::vector<size_t> properties;  // indices of sh:property shapes
  ValidationSeverity severity = ValidationSeverity::kViolation;
  std::optional<std::string> message;  // sh:message, replacing the generated one
  bool deactivated = false;
};

struct ShapesGraph {
  std::vector<Shape> shapes;
  // The triples describing every non-IRI path (blank nodes renamed "p..."),
  // copied into RDF reports under sh:resultPath.
  std::vector<Quad> path_triples;
  // rdfs:subClassOf triples of the shapes graph, used with the data's own
  // for sh:class and sh:targetClass (a shapes file may carry its ontology).
  std::vector<std::pair<Term, Term>> subclass_of;
};

// Parses the shapes in `triples` (graph names ignored). InvalidArgument
// naming the shape for a malformed shape (a path that is not a path, a count
// that is not a non-negative integer, a list that is not a list, ...) or for
// a SHACL parameter outside the supported subset.
absl::StatusOr<ShapesGraph> ParseShapes(const std::vector<Quad>& triples);

}  // namespace parley::shacl
