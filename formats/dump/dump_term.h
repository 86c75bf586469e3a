// Terms between DumpTermView / parley::Term and the wire form of
// schema/dump.capnp, and the rules on terms that writer and reader share.
// Internal to schema/.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "formats/dump/dump_format.h"
#include "parley/quad.h"
#include "parley/term.h"
#include "schema/dump.capnp.h"

namespace parley::schema {

// How a literal is written: its own union member for xsd:string and
// rdf:langString, typedLiteral otherwise.
enum class LiteralForm : uint8_t { kString, kLang, kTyped };
LiteralForm LiteralFormOf(const DumpTermView& literal);
inline bool IsTypedLiteral(const DumpTermView& t) {
  return t.kind == Term::Kind::kLiteral && LiteralFormOf(t) == LiteralForm::kTyped;
}

// Words a term takes in a message besides its 3-word struct: its texts. A
// typed literal's datatype counts only when written out (by_id false).
size_t TermTextWords(const DumpTermView& term, bool datatype_by_id);
inline size_t TextWords(size_t bytes) { return (bytes + 8) / 8; }  // NUL, padding

// Writes `term` into `out`. For a typed literal, datatype_id != 0 writes the
// datatype as that id, 0 writes the IRI.
void SetWireTerm(const DumpTermView& term, uint32_t datatype_id, wire::Term::Builder out);

// Datatype IRIs by dump-local datatype id: table[id - 1].
using DatatypeTable = std::vector<std::string>;

// The view of `in`, pointing into the message and into `datatypes` (which
// resolves datatype ids; nullptr means ids are not allowed, as in
// quadsWithTerms). A typed literal of datatype xsd:string comes back as a
// plain literal. DataLoss for a structurally invalid term (an unknown
// member, an unknown datatype id, rdf:langString without a language); the
// term's syntax is not checked (see ValidateTerm).
absl::StatusOr<DumpTermView> TermFromWire(wire::Term::Reader in, const DatatypeTable* datatypes);

// The checks the text readers make on a term they accept: Term::Validate()
// of the view's term, and a lexical form of well-formed UTF-8 (rdf/syntax.h),
// which Term::Validate does not check. InvalidArgument otherwise. Writer
// and reader both use it, so Parley writes no dump it would refuse to read.
absl::Status ValidateTerm(const DumpTermView& term);

// The checks a term passes even when validation is off, because the dump
// and the term key could not represent it otherwise: not the default graph;
// a literal has a datatype, a language exactly when it is rdf:langString,
// and neither contains U+0000. InvalidArgument otherwise.
absl::Status CheckTermStructure(const DumpTermView& term);

// Parses engine/layout/term_codec.h's key grammar into a view of `key`.
absl::StatusOr<DumpTermView> ParseTermKey(std::string_view key);

// The term-key order of engine/layout/term_codec.h without encoding the keys: by
// kind (blank node < IRI < rdf:langString literal < xsd:string literal <
// other literal), then by (language, lexical) for language-tagged literals,
// (datatype, lexical) for other typed literals, the text otherwise; all
// compared as unsigned bytes. <0, 0, >0 like memcmp. Language tags compare
// lower-cased. REQUIRES: neither term is the default graph.
int CompareTermKeyOrder(const DumpTermView& a, const DumpTermView& b);
inline int CompareTermKeyOrder(const Term& a, const Term& b) {
  return CompareTermKeyOrder(DumpTermView::Of(a), DumpTermView::Of(b));
}

// `term` in N-Triples syntax, cut to a length fit for an error message.
std::string DescribeTerm(const Term& term);

// Which term kinds each position of a quad admits.
enum class QuadPosition : uint8_t { kSubject = 0, kPredicate, kObject, kGraph };
const char* QuadPositionName(QuadPosition position);
bool KindFitsPosition(Term::Kind kind, QuadPosition position);

// OK when every term of `quad` fits its position; InvalidArgument naming the
// position otherwise.
absl::Status CheckQuadShape(const Quad& quad);

// Tuple `q` in the field order named by `order` (kUnspecified: as is).
IdQuad PermuteForOrder(const IdQuad& q, DumpQuadOrder order);

}  // namespace parley::schema
