// Quads, quad patterns, and their id-level counterparts.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>

#include "parley/term.h"

namespace parley {

// A fact: subject, predicate, object, and the graph that holds it (the
// default graph when `graph` is default-constructed).
struct Quad {
  Term subject;
  Term predicate;
  Term object;
  Term graph;

  // One N-Quads line without the trailing newline ("<s> <p> <o> <g> .").
  std::string ToNQuads() const;

  friend bool operator==(const Quad&, const Quad&) = default;
  friend std::strong_ordering operator<=>(const Quad&, const Quad&) = default;
  template <typename H>
  friend H AbslHashValue(H h, const Quad& q) {
    return H::combine(std::move(h), q.subject, q.predicate, q.object, q.graph);
  }
};

// A pattern over quads: an unset position matches anything. For the graph,
// nullopt means "any graph" (default and named), Term() means the default
// graph only, and an IRI or blank node means that named graph.
struct QuadPattern {
  // Default initializers let callers write designated initializers that
  // name only the bound positions ({.predicate = p}) without warnings.
  std::optional<Term> subject = std::nullopt;
  std::optional<Term> predicate = std::nullopt;
  std::optional<Term> object = std::nullopt;
  std::optional<Term> graph = std::nullopt;
};

// A fixed-width term id. Inline literals (numbers, booleans, dates) carry
// their value in the id; other terms get dense dictionary ids. Ids are only
// meaningful within the database that issued them.
using TermId = uint64_t;

// The id of the default graph.
inline constexpr TermId kDefaultGraphId = 0;
// A wildcard in an IdPattern; never the id of a term.
inline constexpr TermId kAnyId = ~TermId{0};

struct IdQuad {
  TermId subject = 0;
  TermId predicate = 0;
  TermId object = 0;
  TermId graph = kDefaultGraphId;

  friend bool operator==(const IdQuad&, const IdQuad&) = default;
  friend std::strong_ordering operator<=>(const IdQuad&, const IdQuad&) = default;
};

// kAnyId in a position matches anything; graph == kAnyId means any graph.
struct IdPattern {
  TermId subject = kAnyId;
  TermId predicate = kAnyId;
  TermId object = kAnyId;
  TermId graph = kAnyId;
};

}  // namespace parley
